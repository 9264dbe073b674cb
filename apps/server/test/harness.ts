import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps, type AppLimits } from '../src/index.ts';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '../src/seed/index.ts';
import { contractViolations, type ObservedResponse, type OpenApiDocument } from './contract-check.ts';

/**
 * Test harness: a fresh database per test file (a SQLite file, or a new PostgreSQL database when
 * GUANJIA_TEST_DB=postgres), the real app on top, the demo company (org A) and a second tenant (org B).
 * Tests talk HTTP through app.inject; nothing of ours is mocked. Every answer is kept, and when the
 * suite closes its context each is checked against /api/openapi.json (contract-check.ts): a status,
 * content type or field the document does not describe fails the suite. Response schemas are strict
 * here: a handler value with a field its schema does not document is a 500.
 */
export { TEST_DB } from '@guanjia/storage/testing';

export interface TestContext {
  app: FastifyInstance;
  deps: AppDeps;
  /** The database's URL (another process may open it). */
  url: string;
  a: SeededDemo;
  b: SeededDemo;
  /** Move the clock (minutes) for everything that follows. */
  advance(minutes: number): void;
  login(username: string): Promise<string>;
  /** Forget the cached sessions (after a long advance they have idled out): the next login signs in again. */
  forgetLogins(): void;
  ownerLogin(login: string): Promise<string>;
  request(token: string | null, options: InjectOptions): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  count(table: string): Promise<number>;
  /** Row counts of every table and the latest updatedAt of the mutable ones: equal before and after = nothing changed. */
  fingerprint(): Promise<string>;
  close(): Promise<void>;
}

const FINGERPRINT_TABLES = [
  'organizations',
  'projects',
  'buildings',
  'units',
  'departments',
  'staff',
  'staff_projects',
  'owners',
  'owner_contacts',
  'owner_units',
  'owner_events',
  'cases',
  'case_events',
  'case_callers',
  'attachments',
  'sessions',
  'api_tokens',
  'audit_log',
  'idempotency_keys',
  'outbox',
  'calendar_years',
  'project_calendars',
  'sla_rules',
  'sla_clocks',
  'notifications',
  'pending_notices',
  'owner_portal_lockouts',
  'owner_grade_requests',
  'owner_visits',
  'service_language_phrases',
  'report_outcomes',
  'report_timeliness',
  'report_complaint_categories',
  'imports',
  'import_mappings',
  'deliveries',
  'channel_settings',
  'message_templates',
  'duty_shifts',
  'notices',
  'notice_reads',
  'notice_postings',
  'statutory_schedules',
  'statutory_postings',
  'statutory_objections',
  'outages',
  'case_outages',
  'survey_questions',
  'surveys',
  'survey_answers',
  'survey_scores',
  'survey_register',
  'survey_reviews',
  'survey_targets',
  'open_letters',
  'building_stewards',
  'self_evaluation_rounds',
  'self_evaluations',
  'callbacks',
  'callback_records',
  'callback_reassignments',
  'callback_settings',
  'callback_rounds',
  'case_ratings',
  'quality_marks',
  'visit_plans',
  'visit_opinions',
  'monthly_contacts',
  'monthly_summaries',
  'monthly_opinions',
  'owner_meetings',
  'meeting_actions',
  'inspection_points',
  'patrol_plans',
  'patrol_routes',
  'patrol_tasks',
  'patrol_checks',
  'inspection_photos',
  'checklist_templates',
  'inspections',
  'weather_warnings',
  'inspection_reminders',
  'defects',
  'rectification_notices',
  'escalation_forms',
  'escalation_form_cases',
  'internal_meetings',
  'internal_meeting_actions',
  'complaint_measures',
  'display_tokens',
  'appraisal_weights',
  'appraisals',
];

export async function createTestContext(
  options: { withCases?: boolean; limits?: Partial<AppLimits>; trustProxy?: AppDeps['trustProxy'] } = {},
): Promise<TestContext> {
  const { database, drop, url } = await freshDatabase();
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-att-'));
  let clock = Date.parse('2026-11-25T02:00:00.000Z');
  const deps: AppDeps = {
    database,
    now: () => new Date(clock).toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 7)),
    attachmentsDir,
    // the suites sign in hundreds of times from one address: the per-address sign-in limit is tested on its own (sign-in-security.api.test.ts)
    limits: { ...DEFAULT_LIMITS, signInPerIpPerMinute: 100_000, ...options.limits },
    trustProxy: options.trustProxy,
    strictResponses: true,
  };
  const a = await seedDemo(deps, { withCases: options.withCases ?? false });
  const b = await seedDemo(deps, { prefix: 'b_', code: 'OTHER', name: '另一家物业公司', withCases: false });
  const app = await buildApp(deps);
  const tokens = new Map<string, string>();
  const observed: ObservedResponse[] = [];
  const request: TestContext['request'] = async (token, opts) => {
    const res = await app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers ?? {}) } });
    observed.push({
      method: opts.method ?? 'GET',
      url: typeof opts.url === 'string' ? opts.url : (opts.url?.pathname ?? ''),
      status: res.statusCode,
      contentType: String(res.headers['content-type'] ?? ''),
      body: res.body,
    });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
  };
  return {
    app,
    deps,
    url,
    a,
    b,
    advance: (minutes) => {
      clock += minutes * 60_000;
    },
    forgetLogins: () => tokens.clear(),
    async login(username) {
      if (!tokens.has(username)) {
        const res = await request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(username, res.body.token);
      }
      return tokens.get(username)!;
    },
    async ownerLogin(login) {
      const key = `owner:${login}`;
      if (!tokens.has(key)) {
        const res = await request(null, { method: 'POST', url: '/api/portal/login', payload: { login, password: DEMO_PASSWORD } });
        if (res.status !== 200) throw new Error(`owner login ${login}: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(key, res.body.token);
      }
      return tokens.get(key)!;
    },
    request,
    async count(table) {
      const row = await (database.db as any)
        .selectFrom(table)
        .select((eb: any) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return Number(row.n);
    },
    async fingerprint() {
      const db = database.db as any;
      const parts: string[] = [];
      for (const table of FINGERPRINT_TABLES) {
        const row = await db
          .selectFrom(table)
          .select((eb: any) => eb.fn.countAll().as('n'))
          .executeTakeFirst();
        parts.push(`${table}:${row.n}`);
      }
      for (const table of [
        'projects',
        'buildings',
        'units',
        'departments',
        'staff',
        'owners',
        'cases',
        'sla_clocks',
        'notices',
        'statutory_schedules',
        'monthly_contacts',
        'monthly_summaries',
        'inspection_points',
        'patrol_plans',
        'checklist_templates',
      ]) {
        const row = await db
          .selectFrom(table)
          .select((eb: any) => eb.fn.max('updatedAt').as('m'))
          .executeTakeFirst();
        parts.push(`${table}@${row.m}`);
      }
      // ties end and 主业主 moves without a new row (迁出/过户): what they hold now
      const ties = await db
        .selectFrom('owner_units')
        .select((eb: any) => [eb.fn.count('moved_out_on').as('ended'), eb.fn.sum('is_primary').as('primaries'), eb.fn.max('moved_out_on').as('last')])
        .executeTakeFirst();
      parts.push(`owner_units:${ties.ended}/${ties.primaries}/${ties.last}`);
      const visits = await db
        .selectFrom('owner_visits')
        .select((eb: any) => eb.fn.count('closed_at').as('closed'))
        .executeTakeFirst();
      parts.push(`owner_visits:${visits.closed}`);
      const outages = await db
        .selectFrom('outages')
        .select((eb: any) => eb.fn.count('closed_at').as('closed'))
        .executeTakeFirst();
      parts.push(`outages:${outages.closed}`);
      // self-evaluation forms change in place (saved, submitted, reviewed)
      const forms = await db
        .selectFrom('self_evaluations')
        .select((eb: any) => [eb.fn.max('saved_at').as('saved'), eb.fn.count('reviewed_at').as('reviewed')])
        .executeTakeFirst();
      parts.push(`self_evaluations:${forms.saved}/${forms.reviewed}`);
      const stewards = await db
        .selectFrom('building_stewards')
        .select((eb: any) => eb.fn.max('assigned_at').as('m'))
        .executeTakeFirst();
      parts.push(`building_stewards@${stewards.m}`);
      return parts.join(' ');
    },
    async close() {
      const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
      const violations = contractViolations(doc, observed);
      if (violations.length) throw new Error(`${violations.length} answers differ from /api/openapi.json:\n${violations.join('\n')}`);
    },
  };
}
