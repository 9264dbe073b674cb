// The scale data set (bench/scale/README.md): N cases over two years in two projects with 20,000 units.
//
// How: the company (projects, buildings, units, departments, staff, owners with their phones) and a few
// hundred prototype cases are made by the product itself — seedOrganization, registerMoveIn, createCase
// and executeCaseCommand — in a scratch in-memory database migrated to the latest schema, on a fixed
// clock in one reference week. Every prototype is a real case history (events, SLA clocks met or
// breached or running, notifications) stopped at some step of its workflow. The N cases are clones of
// the prototypes, written straight into the target database in bulk: ids, owner, unit, staff of the
// same role, case number, description and replies are replaced, and every instant is moved by whole
// weeks (so a clock's working hours stay on working hours). Only the columns the target has are
// written: the target is migrated up to BASE_MIGRATION, and the later migrations run afterwards and
// build their derived data (indexes, search tables, rollups) from these base rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { formatCaseNumber, localDateOf, maskPhone, timeOrderedIds, type CaseCommand } from '@guanjia/core';
import { findStaff, migrateUpTo, openDatabase, type Database } from '@guanjia/storage';
import { actorFromStaff, createCase, createFieldCipher, DEFAULT_LIMITS, executeCaseCommand, registerMoveIn, runSlaTick, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedOrganization, type OrgSpec } from '@guanjia/server/seed';
import { hashPassword } from '@guanjia/server';
import type { CaseType } from '@guanjia/vocabulary';
import { DESCRIPTIONS, GIVEN, REPLIES, SURNAMES } from './texts.ts';

/** The data set is written at this schema version; later migrations derive their data from it. */
export const BASE_MIGRATION = '0010-who-and-where';
/** The field-encryption key of the bench server (bench/scale/server-child.ts): callers' phones decrypt with it. */
export const BENCH_CIPHER_KEY = Buffer.alloc(32, 1);
/** Monday of the last week of the two years (Asia/Shanghai midnight); prototypes live in this week. */
export const REFERENCE_WEEK = Date.parse('2026-11-15T16:00:00.000Z');
const WEEKS = 104;
const WEEK_MS = 7 * 86_400_000;
export const PROJECTS = ['CUIHU', 'BINJIANG'] as const;
const BUILDINGS_PER_PROJECT = 20;
const FLOORS = 25;
const ROOMS_PER_FLOOR = 20; // rooms 01–10 in entrance 1 (1单元), 11–20 in entrance 2 (2单元)
const OWNER_SHARE = 0.9; // 90% of the units have a registered owner
const AGENTS = 20;
const TECHNICIANS = 30;
/** The owner whose archive the bench opens: about this many cases at any N. */
export const HEAVY_OWNER_CASES = 400;

export interface GenerateOptions {
  /** A SQLite file path or a postgres:// url of an EMPTY database. */
  url: string;
  cases: number;
  seed?: number;
  /** A small company (2 buildings per project, fewer prototypes) for the CI smoke run. */
  compact?: boolean;
  log?: (line: string) => void;
}
export interface GenerateResult {
  cases: number;
  rows: Record<string, number>;
  seconds: number;
  /** The names the bench signs in as and the ids it queries. */
  fixtures: Fixtures;
}
export interface Fixtures {
  password: string;
  agent: string;
  technician: string;
  departmentHead: string;
  officeManager: string;
  reportReader: string;
  projectId: string;
  engineeringDepartmentId: string;
  heavyOwnerId: string;
  heavyOwnerPhoneLast4: string;
  unitQuery: string;
  sampleCaseNumber: string;
  sampleCaseId: string;
}

// --- deterministic randomness ----------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- the company -----------------------------------------------------------------------------------
function companySpec(buildingCount: number): OrgSpec {
  const buildings = Array.from({ length: buildingCount }, (_, b) => ({
    code: `B${b + 1}`,
    name: `${b + 1}栋`,
    units: Array.from(
      { length: FLOORS * ROOMS_PER_FLOOR },
      (_, i) => `${Math.floor(i / ROOMS_PER_FLOOR) + 1}${String((i % ROOMS_PER_FLOOR) + 1).padStart(2, '0')}`,
    ),
  }));
  const staff: OrgSpec['staff'] = [
    { username: 'admin', name: '系统管理员', roles: ['admin'], projects: 'all' },
    { username: 'leader', name: '周总', roles: ['leadership'], projects: 'all' },
    { username: 'quality', name: '品质专员吴敏', roles: ['quality_officer'], projects: 'all', department: 'QUALITY' },
    { username: 'rep', name: '管理者代表郑强', roles: ['management_rep'], projects: 'all' },
    { username: 'reports1', name: '报表专员周婷', roles: ['leadership'], projects: 'all' },
    { username: 'reports2', name: '报表专员冯悦', roles: ['leadership'], projects: 'all' },
  ];
  PROJECTS.forEach((p, pi) => {
    const n = pi + 1;
    for (let i = 1; i <= AGENTS; i++)
      staff.push({
        username: `agent${n}_${i}`,
        name: `客服专员${SURNAMES[(i * 7 + pi) % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
        roles: ['agent'],
        projects: [p],
        department: `SC-${p}`,
      });
    for (let i = 1; i <= TECHNICIANS; i++)
      staff.push({
        username: `tech${n}_${i}`,
        name: `维修员${SURNAMES[(i * 11 + pi) % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`,
        roles: ['technician'],
        projects: [p],
        department: `ENG-${p}`,
      });
    staff.push(
      { username: `supervisor${n}`, name: `客服主管${n}`, roles: ['service_supervisor'], projects: [p], department: `SC-${p}` },
      { username: `frontdesk${n}`, name: `大堂助理${n}`, roles: ['front_desk'], projects: [p], department: `SC-${p}` },
      { username: `enghead${n}`, name: `工程部经理${n}`, roles: ['department_head'], projects: [p], department: `ENG-${p}` },
      { username: `manager${n}`, name: `管理处主任${n}`, roles: ['office_manager'], projects: [p] },
    );
  });
  return {
    code: 'SCALE',
    name: '规模测试物业集团',
    projects: [
      { code: 'CUIHU', name: '翠湖花园管理处', buildings },
      { code: 'BINJIANG', name: '滨江名苑管理处', buildings },
    ],
    companyDepartments: [{ code: 'QUALITY', name: '品质管理部', kind: 'quality', isSupervising: true }],
    projectDepartments: [
      { code: 'SC', name: '客服中心', kind: 'service_center' },
      { code: 'ENG', name: '工程维修部', kind: 'engineering' },
      { code: 'SEC', name: '秩序维护部', kind: 'security' },
      { code: 'ENV', name: '环境部', kind: 'environment' },
    ],
    staff,
  };
}

// --- prototypes ------------------------------------------------------------------------------------
type Step = [role: 'agent' | 'tech' | 'enghead' | 'manager', command: CaseCommand];
interface PathSpec {
  type: CaseType;
  channel: string;
  category: string;
  repairGrade?: string;
  complaint?: boolean;
  steps: (later: (hours: number) => string, depts: { eng: string; env: string }) => Step[];
}
const REPLY_MARK = '【原型回复】';
const PATHS: PathSpec[] = [
  {
    type: 'repair',
    channel: 'hotline',
    category: '水电',
    repairGrade: 'urgent',
    steps: (_later, d) => [
      ['agent', { type: 'dispatch', assigneeId: '@tech', departmentId: d.eng } as unknown as CaseCommand],
      ['tech', { type: 'arrive' }],
      ['tech', { type: 'complete', summary: '更换阀芯，试水正常' }],
      ['agent', { type: 'record_satisfaction', satisfied: true, rating: 5, opinion: '师傅很专业' }],
      ['agent', { type: 'close', rating: 5 }],
    ],
  },
  {
    type: 'complaint',
    channel: 'hotline',
    category: '噪音',
    complaint: true,
    steps: (later, d) => [
      ['agent', { type: 'transfer', departmentId: d.eng, promisedAt: later(48) }],
      ['enghead', { type: 'accept', committedAt: later(24) }],
      ['enghead', { type: 'record_contact', content: '已致电业主了解情况，约定上门核实' }],
      ['enghead', { type: 'submit_plan', cause: '相关管理不到位', steps: '书面告知责任方并安排专人巡查', expectedCompletionAt: later(72) }],
      ['manager', { type: 'approve_plan' }],
      ['agent', { type: 'inform_owner', content: REPLY_MARK }],
      ['agent', { type: 'record_satisfaction', satisfied: true, rating: 4 }],
      ['agent', { type: 'close', causeAnalysis: '巡查不到位', preventiveMeasures: '巡查频次提高到每日两次' }],
    ],
  },
  {
    type: 'inquiry',
    channel: 'online_chat',
    category: '收费',
    steps: (later, d) => [
      ['agent', { type: 'transfer', departmentId: d.eng, promisedAt: later(4) }],
      ['enghead', { type: 'accept', committedAt: later(3) }],
      ['enghead', { type: 'submit_answer', content: '可以办理，详情请到客服中心咨询' }],
      ['agent', { type: 'inform_owner', content: REPLY_MARK }],
      ['agent', { type: 'record_satisfaction', satisfied: true }],
      ['agent', { type: 'close' }],
    ],
  },
  {
    type: 'suggestion',
    channel: 'suggestion_box',
    category: '绿化',
    steps: (later, d) => [
      ['agent', { type: 'transfer', departmentId: d.env }],
      ['manager', { type: 'accept', committedAt: later(100) }],
      ['manager', { type: 'evaluate', feasible: true, plan: '下月采购并落实', expectedAt: later(720) }],
      ['agent', { type: 'inform_owner', content: REPLY_MARK }],
      ['agent', { type: 'record_satisfaction', satisfied: true }],
      ['agent', { type: 'close' }],
    ],
  },
];

type Token = { t: 'id'; slot: number } | { t: 'at'; ms: number } | { t: 'day'; ms: number } | { t: 'num' } | { t: 'desc' } | { t: 'reply' };
type Cell = { v: unknown } | { parts: (string | Token)[] };
interface Prototype {
  projectIndex: number;
  type: CaseType;
  open: boolean;
  createdMs: number;
  /** What each id slot becomes in a clone. */
  slots: ({ kind: 'own' } | { kind: 'owner' } | { kind: 'unit' } | { kind: 'agent' } | { kind: 'tech' } | { kind: 'fixed'; id: string })[];
  /** Cells by column name, and (once the target's columns are known) in the target's column order. */
  rows: { table: string; byName: Map<string, Cell>; cells: Cell[] }[];
}

const TOKEN =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)|(\d{4}-\d\d-\d\d)(?!T)|([A-Z]{2}-\d{8}-\d{6,})/g;

// --- bulk writing ----------------------------------------------------------------------------------
interface BulkTarget {
  columns(table: string): Promise<string[]>;
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  exec(statement: string): Promise<void>;
  close(): Promise<void>;
}

const MAX_PARAMS = 30_000;
/**
 * Rows in statements of a few fixed sizes (the largest that fits, then powers of two), so that a
 * handful of prepared statements serve every batch.
 */
function* chunks(rows: unknown[][], width: number): Generator<unknown[][]> {
  const max = Math.max(1, Math.floor(MAX_PARAMS / width));
  let i = 0;
  while (rows.length - i >= max) {
    yield rows.slice(i, i + max);
    i += max;
  }
  for (let size = 1 << 14; size >= 1; size >>= 1)
    if (rows.length - i >= size && size < max) {
      yield rows.slice(i, i + size);
      i += size;
    }
}

function sqliteTarget(path: string): BulkTarget {
  const db = new SQLite(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');
  const statements = new Map<string, SQLite.Statement>();
  return {
    columns: async (table) => (db.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name),
    insert: async (table, columns, rows) => {
      for (const chunk of chunks(rows, columns.length)) {
        const key = `${table}:${chunk.length}`;
        let st = statements.get(key);
        if (!st) {
          const one = `(${columns.map(() => '?').join(',')})`;
          st = db.prepare(`insert into ${table} (${columns.join(',')}) values ${Array(chunk.length).fill(one).join(',')}`);
          statements.set(key, st);
        }
        st.run(chunk.flat());
      }
    },
    begin: async () => void db.exec('begin'),
    commit: async () => void db.exec('commit'),
    exec: async (s) => void db.exec(s),
    close: async () => {
      db.pragma('locking_mode = NORMAL');
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

async function postgresTarget(url: string): Promise<BulkTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const prepared = new Set<string>();
  let pending: Promise<unknown>[] = [];
  let failure: unknown = null;
  const settle = async () => {
    const all = pending;
    pending = [];
    await Promise.all(all);
    if (failure) throw failure as Error;
  };
  return {
    columns: async (table) =>
      (
        await client.query<{ column_name: string }>(
          'select column_name from information_schema.columns where table_name = $1 and table_schema = current_schema() order by ordinal_position',
          [table],
        )
      ).rows.map((r) => r.column_name),
    insert: async (table, columns, rows) => {
      for (const chunk of chunks(rows, columns.length)) {
        const name = `bulk_${table}_${chunk.length}`;
        let text = '';
        if (!prepared.has(name)) {
          let n = 0;
          text = `insert into ${table} (${columns.join(',')}) values ${chunk.map(() => `(${columns.map(() => `$${++n}`).join(',')})`).join(',')}`;
          prepared.add(name);
        }
        // pg queues queries on one connection: keep a few in flight while the next batch is rendered
        pending.push(
          client.query(text ? { name, text, values: chunk.flat() } : { name, text: '', values: chunk.flat() }).catch((e: unknown) => (failure ??= e)),
        );
        if (pending.length >= 8) await settle();
      }
    },
    begin: async () => {
      await settle();
      await client.query('begin');
    },
    commit: async () => {
      await settle();
      await client.query('commit');
    },
    exec: async (s) => {
      await settle();
      await client.query(s);
    },
    close: async () => {
      await settle();
      await client.end();
    },
  };
}

// --- the generator ---------------------------------------------------------------------------------
const CASE_TABLES = ['cases', 'case_events', 'sla_clocks', 'notifications', 'case_callers'];
const NOT_COPIED = new Set([
  ...CASE_TABLES,
  'outbox',
  'audit_log',
  'sessions',
  'idempotency_keys',
  'pending_notices',
  'attachments',
  'kysely_migration',
  'kysely_migration_lock',
]);

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rand = mulberry32(options.seed ?? 20261116);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const started = performance.now();

  // 1. the company and the prototypes, by the product itself, in a scratch database
  const scratchDir = mkdtempSync(join(tmpdir(), 'guanjia-scale-'));
  const scratch = openDatabase({ url: ':memory:' });
  const { migrateToLatest } = await import('@guanjia/storage');
  await migrateToLatest(scratch);
  let clock = REFERENCE_WEEK - 400 * 86_400_000;
  const idRandom = mulberry32((options.seed ?? 20261116) ^ 0x5eed);
  const newId = timeOrderedIds({
    now: () => clock,
    random: (bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(idRandom() * 256);
    },
  });
  const deps: AppDeps = {
    database: scratch,
    now: () => new Date(clock).toISOString(),
    newId,
    cipher: createFieldCipher(BENCH_CIPHER_KEY),
    attachmentsDir: scratchDir,
    limits: DEFAULT_LIMITS,
  };
  const spec = companySpec(options.compact ? 2 : BUILDINGS_PER_PROJECT);
  const org = await seedOrganization(scratch, spec, await hashPassword(DEMO_PASSWORD), deps.now(), newId);
  await sql`update units set entrance = '2' where kind = 'indoor' and cast(substr(code, length(code) - 1) as integer) > ${ROOMS_PER_FLOOR / 2}`.execute(
    scratch.db,
  );
  const actor = async (username: string) => actorFromStaff((await findStaff(scratch.db, org.staff[username]!))!);
  const t1 = performance.now();

  // owners: 90% of the units, one owner each, with a mobile phone
  interface OwnerRow {
    id: string;
    unitId: string;
    name: string;
    phone: string;
    phoneEncrypted: string;
  }
  const owners: OwnerRow[][] = [[], []];
  for (const [pi, p] of PROJECTS.entries()) {
    const agent = await actor(`agent${pi + 1}_1`);
    const units = (
      await sql<{ id: string }>`select id from units where project_id = ${org.projects[p]!.id} and kind = 'indoor' order by id`.execute(scratch.db)
    ).rows;
    for (const [ui, u] of units.entries()) {
      if (rand() > OWNER_SHARE && ui > 0) continue;
      const name = `${pick([...SURNAMES])}${pick([...GIVEN])}${rand() < 0.5 ? pick([...GIVEN]) : ''}`;
      const phone = `1${pick(['3', '5', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const view = await registerMoveIn(deps, agent, {
        unitId: u.id,
        moveInDate: '2024-03-15',
        relation: 'owner',
        owner: { name, contacts: [{ kind: 'phone', value: phone, isPrimary: true, label: '手机' }] },
      });
      owners[pi]!.push({ id: view.id, unitId: u.id, name, phone, phoneEncrypted: deps.cipher.encrypt(phone) });
    }
  }
  const t2 = performance.now();
  log(`  company: ${owners[0]!.length + owners[1]!.length} owners, ${Object.keys(org.staff).length} staff (${((t2 - t1) / 1000).toFixed(1)} s)`);

  const prototypes: Prototype[] = [];
  const ownCounts = new Map<string, number>();
  for (const [pi, p] of PROJECTS.entries()) {
    const n = pi + 1;
    const roles = {
      agent: await actor(`agent${n}_1`),
      tech: await actor(`tech${n}_1`),
      enghead: await actor(`enghead${n}`),
      manager: await actor(`manager${n}`),
    };
    const depts = { eng: org.departments[`ENG-${p}`]!, env: org.departments[`ENV-${p}`]! };
    const protoOwner = owners[pi]![0]!;
    for (const path of PATHS) {
      const length = path.steps(() => '', depts).length;
      for (let stop = 0; stop <= length; stop++) {
        const variants = options.compact ? (stop === length ? 4 : 1) : stop === length ? 14 : 3;
        for (let v = 0; v < variants; v++) {
          const slow = v % 4 === 1; // a quarter of the histories take hours or days between steps: their clocks breach
          const day = Math.floor(rand() * (path.type === 'repair' ? 7 : 5));
          clock = REFERENCE_WEEK + day * 86_400_000 + (1 + Math.floor(rand() * 11)) * 3_600_000 + Math.floor(rand() * 60) * 60_000;
          const createdMs = clock;
          const later = (hours: number) => new Date(createdMs + hours * 3_600_000).toISOString();
          const description = `【原型描述${prototypes.length}】`;
          const created = await createCase(deps, roles.agent, {
            projectId: org.projects[p]!.id,
            type: path.type,
            channel: path.channel,
            category: path.category,
            description,
            ownerId: protoOwner.id,
            unitId: protoOwner.unitId,
            ...(path.repairGrade ? { repairGrade: path.repairGrade } : {}),
            ...(path.complaint ? { apologized: true, readBack: true } : {}),
          } as never);
          const caseId = (created.body as { case: { id: string } }).case.id;
          for (const [role, command] of path.steps(later, depts).slice(0, stop)) {
            clock += slow ? (2 + Math.floor(rand() * 30)) * 3_600_000 : (10 + Math.floor(rand() * 100)) * 60_000;
            const cmd = (command as { assigneeId?: string }).assigneeId === '@tech' ? { ...command, assigneeId: org.staff[`tech${n}_1`]! } : command;
            // the scheduler runs every minute: on a slow history warnings and escalations come due
            if (slow) await runSlaTick(deps);
            await executeCaseCommand(deps, roles[role], caseId, cmd as never);
          }
          if (slow) {
            clock += 2 * 3_600_000;
            await runSlaTick(deps);
          }
          prototypes.push(
            await compilePrototype(scratch, caseId, pi, path.type, stop < length, createdMs, description, {
              owner: protoOwner,
              agent: org.staff[`agent${n}_1`]!,
              tech: org.staff[`tech${n}_1`]!,
            }),
          );
          ownCounts.set(path.type, (ownCounts.get(path.type) ?? 0) + 1);
        }
      }
    }
  }
  const t3 = performance.now();
  log(`  ${prototypes.length} prototype case histories through the product (${((t3 - t2) / 1000).toFixed(1)} s)`);

  // 2. the target at the base schema, with the company copied over
  const target0 = openDatabase({ url: options.url });
  await migrateUpTo(target0, BASE_MIGRATION);
  await target0.close();
  const target = options.url.startsWith('postgres') ? await postgresTarget(options.url) : sqliteTarget(options.url);
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(scratch.db)).rows.map(
    (r) => r.name,
  );
  const targetColumns = new Map<string, string[]>();
  for (const t of tables) targetColumns.set(t, await target.columns(t));
  await target.begin();
  // parents before children (foreign keys on PostgreSQL)
  const order = [
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
  ];
  for (const t of [...order, ...tables.filter((x) => !order.includes(x)).sort()]) {
    if (NOT_COPIED.has(t) || !tables.includes(t)) continue;
    const columns = targetColumns.get(t)!;
    if (columns.length === 0) continue; // a table of a later migration
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(scratch.db.withoutPlugins())).rows;
    if (t === 'counters') continue;
    await target.insert(
      t,
      columns,
      rows.map((r) => columns.map((c) => r[c] ?? null)),
    );
  }
  await target.commit();

  // 3. the clones, week by week, oldest first
  const byKey = new Map<string, Prototype[]>();
  for (const p of prototypes) {
    const key = `${p.projectIndex}:${p.type}:${p.open ? 'open' : 'closed'}`;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const agents = PROJECTS.map((_, pi) => Array.from({ length: AGENTS }, (_, i) => org.staff[`agent${pi + 1}_${i + 1}`]!));
  const techs = PROJECTS.map((_, pi) => Array.from({ length: TECHNICIANS }, (_, i) => org.staff[`tech${pi + 1}_${i + 1}`]!));
  const projectIds = PROJECTS.map((p) => org.projects[p]!.id);
  const heavyOwner = owners[0]![1]!;
  const columnsOf = new Map<string, string[]>();
  for (const t of CASE_TABLES) columnsOf.set(t, targetColumns.get(t)!);
  // a column the base schema has but the prototype's (latest) schema does not would be a product bug: fail
  for (const p of prototypes)
    for (const row of p.rows)
      row.cells = columnsOf.get(row.table)!.map((c) => {
        const cell = row.byName.get(c);
        if (!cell) throw new Error(`${row.table}.${c} is in the base schema but not in the latest one`);
        return cell;
      });
  const buffers = new Map<string, unknown[][]>(CASE_TABLES.map((t) => [t, []]));
  const rowCounts: Record<string, number> = Object.fromEntries(CASE_TABLES.map((t) => [t, 0]));
  const flush = async () => {
    for (const t of CASE_TABLES) {
      const rows = buffers.get(t)!;
      if (rows.length) await target.insert(t, columnsOf.get(t)!, rows);
      rowCounts[t]! += rows.length;
      buffers.set(t, []);
    }
  };
  const typeWeights: [CaseType, number][] = [
    ['repair', 0.55],
    ['inquiry', 0.2],
    ['complaint', 0.15],
    ['suggestion', 0.1],
  ];
  const pickType = (): CaseType => {
    let r = rand();
    for (const [t, w] of typeWeights) if ((r -= w) < 0) return t;
    return 'repair';
  };
  const openShare = (weeksAgo: number) => [0.4, 0.15, 0.06, 0.03][weeksAgo] ?? 0.004;
  let serial = 0;
  let sample: { id: string; number: string } | null = null;
  const t4 = performance.now();
  let lastLog = t4;
  const perWeek = options.cases / WEEKS;
  let made = 0;
  await target.begin();
  for (let w = 0; w < WEEKS; w++) {
    const weeksAgo = WEEKS - 1 - w;
    const count = w === WEEKS - 1 ? options.cases - made : Math.round(perWeek * (w + 1)) - Math.round(perWeek * w);
    // the week's cases in creation order
    const week: { proto: Prototype; jitter: number }[] = [];
    for (let i = 0; i < count; i++) {
      const pi = rand() < 0.55 ? 0 : 1;
      const list = byKey.get(`${pi}:${pickType()}:${rand() < openShare(weeksAgo) ? 'open' : 'closed'}`)!;
      week.push({ proto: pick(list), jitter: Math.floor(rand() * 30) * 60_000 });
    }
    week.sort((a, b) => a.proto.createdMs + a.jitter - (b.proto.createdMs + b.jitter));
    for (const { proto, jitter } of week) {
      const delta = -weeksAgo * WEEK_MS + jitter;
      const createdMs = proto.createdMs + delta;
      clock = createdMs;
      serial += 1;
      const pi = proto.projectIndex;
      const owner = pi === 0 && rand() < HEAVY_OWNER_CASES / options.cases ? heavyOwner : pick(owners[pi]!);
      const agent = pick(agents[pi]!);
      const tech = pick(techs[pi]!);
      const slotValues = proto.slots.map((s) =>
        s.kind === 'own'
          ? newId()
          : s.kind === 'owner'
            ? owner.id
            : s.kind === 'unit'
              ? owner.unitId
              : s.kind === 'agent'
                ? agent
                : s.kind === 'tech'
                  ? tech
                  : s.id,
      );
      const number = formatCaseNumber(proto.type, localDateOf(new Date(createdMs).toISOString(), 'Asia/Shanghai'), serial);
      const ctx = { slotValues, delta, dayDelta: -weeksAgo * WEEK_MS, number, desc: pick(DESCRIPTIONS[proto.type]), reply: pick(REPLIES) };
      for (const row of proto.rows) {
        const columns = columnsOf.get(row.table)!;
        const out = new Array<unknown>(columns.length);
        for (let c = 0; c < columns.length; c++) out[c] = render(row.cells[c]!, ctx);
        // older notifications have been read
        if (row.table === 'notifications' && weeksAgo >= 2) {
          const readAt = columns.indexOf('read_at');
          if (readAt >= 0 && out[readAt] === null) out[readAt] = new Date(createdMs + 86_400_000).toISOString();
        }
        buffers.get(row.table)!.push(out);
      }
      // the caller as intake heard them: most cases arrive by phone from the owner
      if (rand() < 0.7) {
        const caseRow = proto.rows[0]!;
        const caseId = render(caseRow.cells[columnsOf.get('cases')!.indexOf('id')]!, ctx) as string;
        const callerColumns = columnsOf.get('case_callers')!;
        const values: Record<string, unknown> = {
          case_id: caseId,
          organization_id: org.organizationId,
          project_id: projectIds[pi],
          name: owner.name,
          phone_encrypted: owner.phoneEncrypted,
          phone_masked: maskPhone(owner.phone),
          phone_last4: owner.phone.slice(-4),
          created_at: new Date(createdMs).toISOString(),
        };
        buffers.get('case_callers')!.push(callerColumns.map((c) => values[c] ?? null));
      }
      if (!sample && weeksAgo === 10 && pi === 0) sample = { id: render(proto.rows[0]!.cells[columnsOf.get('cases')!.indexOf('id')]!, ctx) as string, number };
      made += 1;
      if (made % 500 === 0) await flush();
      if (made % 20_000 === 0) {
        await target.commit();
        await target.begin();
        const now = performance.now();
        if (now - lastLog > 5_000) {
          lastLog = now;
          const rows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
          log(
            `  ${made.toLocaleString('en')} / ${options.cases.toLocaleString('en')} cases, ${rows.toLocaleString('en')} rows, ${Math.round(rows / ((now - t4) / 1000)).toLocaleString('en')} rows/s`,
          );
        }
      }
    }
  }
  await flush();
  await target.commit();
  // the next case number goes on from the last one
  if (options.url.startsWith('postgres')) await target.exec(`select setval('case_serial_seq', ${serial})`);
  else await target.exec(`insert into counters (key, value) values ('case-serial', ${serial}) on conflict (key) do update set value = excluded.value`);
  await target.close();
  await scratch.close();
  rmSync(scratchDir, { recursive: true, force: true });
  const t5 = performance.now();
  const rows = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  log(
    `  ${made.toLocaleString('en')} cases, ${rows.toLocaleString('en')} rows in ${((t5 - t4) / 1000).toFixed(1)} s (${Math.round(rows / ((t5 - t4) / 1000)).toLocaleString('en')} rows/s)`,
  );
  const heavyPhone = heavyOwner.phone;
  return {
    cases: made,
    rows: rowCounts,
    seconds: (t5 - started) / 1000,
    fixtures: {
      password: DEMO_PASSWORD,
      agent: 'agent1_1',
      technician: 'tech1_1',
      departmentHead: 'enghead1',
      officeManager: 'manager1',
      reportReader: 'reports1',
      projectId: projectIds[0]!,
      engineeringDepartmentId: org.departments['ENG-CUIHU']!,
      heavyOwnerId: heavyOwner.id,
      heavyOwnerPhoneLast4: heavyPhone.slice(-4),
      unitQuery: options.compact ? '2栋1811' : '6栋1811',
      sampleCaseNumber: sample?.number ?? '',
      sampleCaseId: sample?.id ?? '',
    },
  };
}

function render(cell: Cell, ctx: { slotValues: string[]; delta: number; dayDelta: number; number: string; desc: string; reply: string }): unknown {
  if ('v' in cell) return cell.v;
  let s = '';
  for (const part of cell.parts) {
    if (typeof part === 'string') s += part;
    else if (part.t === 'id') s += ctx.slotValues[part.slot];
    else if (part.t === 'at') s += new Date(part.ms + ctx.delta).toISOString();
    else if (part.t === 'day') s += new Date(part.ms + ctx.dayDelta).toISOString().slice(0, 10);
    else if (part.t === 'num') s += ctx.number;
    else if (part.t === 'desc') s += ctx.desc;
    else s += ctx.reply;
  }
  return s;
}

/** Reads a prototype's rows back and turns every id, instant, date, number and text in them into a slot. */
async function compilePrototype(
  scratch: Database,
  caseId: string,
  projectIndex: number,
  type: CaseType,
  open: boolean,
  createdMs: number,
  description: string,
  who: { owner: { id: string; unitId: string }; agent: string; tech: string },
): Promise<Prototype> {
  const raw = scratch.db.withoutPlugins();
  const rowsOf = async (table: string, column: string) =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(column)} = ${caseId}`.execute(raw)).rows;
  const tables: [string, Record<string, unknown>[]][] = [
    ['cases', await rowsOf('cases', 'id')],
    ['case_events', await rowsOf('case_events', 'case_id')],
    ['sla_clocks', await rowsOf('sla_clocks', 'case_id')],
    ['notifications', await rowsOf('notifications', 'case_id')],
  ];
  const own = new Set<string>();
  for (const [, rows] of tables) for (const r of rows) own.add(r.id as string);
  const slotIndex = new Map<string, number>();
  const slots: Prototype['slots'] = [];
  const slotOf = (id: string) => {
    let i = slotIndex.get(id);
    if (i === undefined) {
      i = slots.length;
      slotIndex.set(id, i);
      slots.push(
        own.has(id)
          ? { kind: 'own' }
          : id === who.owner.id
            ? { kind: 'owner' }
            : id === who.owner.unitId
              ? { kind: 'unit' }
              : id === who.agent
                ? { kind: 'agent' }
                : id === who.tech
                  ? { kind: 'tech' }
                  : { kind: 'fixed', id },
      );
    }
    return i;
  };
  const out: Prototype['rows'] = [];
  const number = tables[0]![1][0]!.number as string;
  for (const [table, rows] of tables) {
    for (const r of rows) {
      out.push({ table, byName: new Map(Object.keys(r).map((column) => [column, compileCell(r[column], slotOf, number, description)])), cells: [] });
    }
  }
  return { projectIndex, type, open, createdMs, slots, rows: out };
}

function compileCell(value: unknown, slotOf: (id: string) => number, number: string, description: string): Cell {
  if (typeof value !== 'string') return { v: value ?? null };
  const parts: (string | Token)[] = [];
  // the prototype's description and reply markers first, then ids, instants, dates and the case number
  const pieces = value.split(/(【原型描述\d+】|【原型回复】)/);
  for (const piece of pieces) {
    if (piece === '') continue;
    if (piece.startsWith('【原型描述')) {
      if (piece !== description) throw new Error(`foreign prototype text ${piece}`);
      parts.push({ t: 'desc' });
      continue;
    }
    if (piece === REPLY_MARK) {
      parts.push({ t: 'reply' });
      continue;
    }
    let last = 0;
    for (const m of piece.matchAll(TOKEN)) {
      if (m.index > last) parts.push(piece.slice(last, m.index));
      if (m[1]) parts.push({ t: 'id', slot: slotOf(m[1]) });
      else if (m[2]) parts.push({ t: 'at', ms: Date.parse(m[2]) });
      else if (m[3]) parts.push({ t: 'day', ms: Date.parse(`${m[3]}T00:00:00.000Z`) });
      else if (m[4] === number) parts.push({ t: 'num' });
      else parts.push(m[4]!);
      last = m.index + m[0].length;
    }
    if (last < piece.length) parts.push(piece.slice(last));
  }
  if (parts.length === 1 && typeof parts[0] === 'string') return { v: parts[0] };
  return { parts };
}

/** Names a PostgreSQL database for generated data of N cases. */
export function templateDatabaseName(cases: number): string {
  // BENCH_PG_TEMPLATE: another template (e.g. a worktree's own copy, when a shared one was migrated by another branch)
  return process.env.BENCH_PG_TEMPLATE ?? `guanjia_scale_${cases}`;
}
