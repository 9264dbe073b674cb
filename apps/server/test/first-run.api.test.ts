import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@guanjia/core';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '../src/index.ts';
import { totpCodeAt } from '../src/security/totp.ts';
import { initializeOrganization } from '../src/services/setup.service.ts';
import { createTestContext, type TestContext } from './harness.ts';

/** `guanjia init`'s service on an empty database, and the demo flag the UI shows as a banner (演示数据). */
describe('first run: init on an empty database', () => {
  let deps: AppDeps;
  let close: () => Promise<void>;
  const inject = async (app: Awaited<ReturnType<typeof buildApp>>, token: string | null, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, payload, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.statusCode, body: res.json() };
  };
  const input = (password: string, overrides: { code?: string; username?: string } = {}) => ({
    organization: { code: overrides.code ?? 'ACME', name: '安居物业服务有限公司' },
    admin: { username: overrides.username ?? 'li.ming', name: '李明', password },
  });
  const refusal = async (raw: unknown) => {
    const error = await initializeOrganization(deps, raw).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  beforeAll(async () => {
    const fresh = await freshDatabase();
    const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-att-'));
    deps = {
      database: fresh.database,
      now: () => '2026-11-25T02:00:00.000Z',
      newId: createIdGenerator(),
      cipher: createFieldCipher(Buffer.alloc(32, 7)),
      attachmentsDir,
      limits: DEFAULT_LIMITS,
    };
    close = async () => {
      await fresh.drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => close?.());

  it('refuses a password breaking the policy, naming the rule and the field, and writes nothing', async () => {
    expect(await refusal(input('12345678'))).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'admin.password', params: { min: 10 } });
    expect(await refusal(input('li.ming.2026', { username: 'li.ming.2026' }))).toMatchObject({ code: 'PASSWORD_SAME_AS_USERNAME', field: 'admin.password' });
    expect(await refusal(input('woaini1314'))).toMatchObject({ code: 'PASSWORD_TOO_COMMON', field: 'admin.password' });
    expect(await refusal(input('Qwertyuiop123'))).toMatchObject({ code: 'PASSWORD_TOO_COMMON' });
    expect(await refusal(input('Cuihu-river-2026', { code: 'has space' }))).toMatchObject({ code: 'FIELD_INVALID', field: 'organization.code' });
    expect(await refusal({ organization: { code: 'ACME', name: 'x' } })).toMatchObject({ code: 'FIELD_INVALID', field: 'admin' });
    for (const table of ['organizations', 'staff', 'audit_log'] as const) {
      expect(await (deps.database.db as any).selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });

  it('two inits at once on an empty database: exactly one organization, the other refused', async () => {
    const fresh = await freshDatabase();
    const racing: AppDeps = { ...deps, database: fresh.database };
    try {
      const results = await Promise.allSettled([
        initializeOrganization(racing, input('Cuihu-river-2026', { code: 'ONE', username: 'one.admin' })),
        initializeOrganization(racing, input('Cuihu-river-2026', { code: 'TWO', username: 'two.admin' })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'ORGANIZATION_EXISTS' });
      expect(await fresh.database.db.selectFrom('organizations').select('code').execute()).toHaveLength(1);
      expect(await fresh.database.db.selectFrom('staff').select('username').execute()).toHaveLength(1);
    } finally {
      await fresh.drop();
    }
  });

  it('creates the organization (not demo data) and a company-wide administrator who signs in; a second init is refused', async () => {
    const { organizationId, adminId } = await initializeOrganization(deps, input('Cuihu-river-2026'));
    const app = await buildApp(deps);
    try {
      const login = await inject(app, null, 'POST', '/api/auth/login', { username: 'li.ming', password: 'Cuihu-river-2026' });
      expect(login.status).toBe(200);
      expect(login.body.me).toMatchObject({ id: adminId, organizationId, roles: ['admin'], companyWide: true, projectIds: [] });
      expect(login.body.me.capabilities).toContain('staff.admin');
      const info = await inject(app, login.body.token, 'GET', '/api/system/info');
      expect(info).toEqual({ status: 200, body: { organization: { code: 'ACME', name: '安居物业服务有限公司' }, demo: false } });
      // a real company's administrator turns on two-step verification before anything else
      expect(login.body.me.setupPending).toEqual(['enrol_two_factor']);
      const early = await inject(app, login.body.token, 'GET', '/api/audit-log?action=organization.init');
      expect(early).toMatchObject({ status: 403, body: { code: 'TWO_FACTOR_SETUP_REQUIRED' } });
      const setup = await inject(app, login.body.token, 'POST', '/api/auth/two-factor/setup');
      const enabled = await inject(app, login.body.token, 'POST', '/api/auth/two-factor/enable', { code: await totpCodeAt(setup.body.secret, deps.now()) });
      expect(enabled.status).toBe(200);
      const audit = await inject(app, login.body.token, 'GET', '/api/audit-log?action=organization.init');
      expect(audit.body).toHaveLength(1);
      expect(audit.body[0]).toMatchObject({ actorKind: 'system', targetId: adminId });
      // the administrator builds the company from here: a first project
      const project = await inject(app, login.body.token, 'POST', '/api/projects', { code: 'P1', name: '第一个管理处' });
      expect(project.status).toBe(201);
      // and checks from the first day: a starter checklist of each kind (日检 on three levels, 夜间查岗, 月检, 季检, 沟通检查)
      const checklists = await inject(app, login.body.token, 'GET', '/api/checklist-templates');
      expect(checklists.status).toBe(200);
      const kinds = (Array.isArray(checklists.body) ? checklists.body : checklists.body.items).map((c: { kind: string }) => c.kind).sort();
      expect(kinds).toEqual(['communication_audit', 'daily_overall', 'daily_patrol', 'daily_specialty', 'monthly_management', 'night', 'quarterly_property']);
    } finally {
      await app.close();
    }
    const again = await refusal(input('Another-river-2027', { code: 'OTHER', username: 'other.admin' }));
    expect(again).toMatchObject({ code: 'ORGANIZATION_EXISTS' });
    expect(again.kind).toBe('conflict');
    expect(await deps.database.db.selectFrom('organizations').select('code').execute()).toEqual([{ code: 'ACME' }]);
    expect(await deps.database.db.selectFrom('staff').select('username').execute()).toEqual([{ username: 'li.ming' }]);
  });
});

describe('demo data is marked', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('GET /api/system/info says demo for the demo company, to staff and owners alike; signed out it is 401', async () => {
    const staff = await t.request(await t.login('agent1'), { method: 'GET', url: '/api/system/info' });
    expect(staff).toMatchObject({ status: 200, body: { organization: { code: 'DEMO', name: '示范物业服务有限公司' }, demo: true } });
    const owner = await t.request(await t.ownerLogin('13800000001'), { method: 'GET', url: '/api/system/info' });
    expect(owner.body).toEqual(staff.body);
    const other = await t.request(await t.login('b_agent1'), { method: 'GET', url: '/api/system/info' });
    expect(other.body.organization.code).toBe('OTHER');
    const anonymous = await t.request(null, { method: 'GET', url: '/api/system/info' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });
});
