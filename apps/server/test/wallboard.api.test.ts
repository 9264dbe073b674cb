import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The wallboard (大屏, issue 16 item 4): display tokens made by an administrator, the board they open
 * (its figures against an independent count over the demo's cases and clocks), nothing personal on it,
 * the token refused everywhere else and once revoked, and the live stream it opens.
 */
let t: TestContext;
let base = '';
const db = () => t.deps.database.db as any;
const cuihu = () => t.a.projects.CUIHU!.id;
const board = (token: string, via: 'header' | 'query' = 'header') =>
  t.request(
    null,
    via === 'header'
      ? { method: 'GET', url: '/api/wallboard', headers: { 'x-display-token': token } }
      : { method: 'GET', url: `/api/wallboard?token=${encodeURIComponent(token)}` },
  );

async function makeToken(label: string, projectIds: string[]) {
  const res = await t.request(await t.login('admin'), { method: 'POST', url: '/api/display-tokens', payload: { label, projectIds } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; token: string; label: string; projectIds: string[] };
}

/** What the board should say, counted here from the rows as stored. */
async function independentCount(projectIds: string[]) {
  const now = t.deps.now();
  const clocks = await db().selectFrom('slaClocks').selectAll().where('projectId', 'in', projectIds).execute();
  const running = clocks.filter((c: any) => c.stoppedAt === null && c.dueAt !== null);
  const breached = running.filter((c: any) => c.dueAt <= now);
  const atRisk = running.filter((c: any) => c.dueAt > now && c.warnAt !== null && c.warnAt <= now);
  const perDepartment = new Map<string | null, { atRisk: number; breached: number }>();
  for (const [list, key] of [
    [atRisk, 'atRisk'],
    [breached, 'breached'],
  ] as const)
    for (const c of list) {
      const g = perDepartment.get(c.departmentId) ?? { atRisk: 0, breached: 0 };
      g[key] += 1;
      perDepartment.set(c.departmentId, g);
    }
  const projects = await db().selectFrom('projects').select(['id', 'timeZone']).where('id', 'in', projectIds).execute();
  const byType: Record<string, number> = { inquiry: 0, complaint: 0, suggestion: 0, repair: 0 };
  for (const p of projects) {
    const day = (instant: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: p.timeZone }).format(new Date(instant));
    const cases = await db().selectFrom('cases').select(['type', 'createdAt']).where('projectId', '=', p.id).execute();
    for (const c of cases) if (day(c.createdAt) === day(now) && c.createdAt <= now) byType[c.type] += 1;
  }
  return { atRisk: atRisk.length, breached: breached.length, perDepartment, byType };
}

async function expectBoardMatches(token: string, projectIds: string[]) {
  const res = await board(token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const want = await independentCount(projectIds);
  expect(res.body.totals).toEqual({ atRisk: want.atRisk, breached: want.breached });
  expect(res.body.intake.byType).toEqual(want.byType);
  expect(res.body.intake.total).toBe(Object.values(want.byType).reduce((s, n) => s + n, 0));
  const got = new Map(res.body.departments.map((d: any) => [d.departmentId, { atRisk: d.atRisk, breached: d.breached }]));
  expect(got).toEqual(want.perDepartment);
  for (const d of res.body.departments) {
    expect(d.clocks.length).toBe(Math.min(20, d.atRisk + d.breached));
    const dues = d.clocks.map((c: any) => c.dueAt);
    expect(dues).toEqual([...dues].sort());
    for (const c of d.clocks) expect(c.state).toBe(c.dueAt <= res.body.now ? 'breached' : 'at_risk');
  }
  return res.body;
}

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => t?.close());

describe('display tokens', () => {
  it('an administrator makes one (shown once, stored as a hash), lists it without the token, and revokes it', async () => {
    const made = await makeToken('客服中心大屏', [cuihu()]);
    expect(made.token).toMatch(/^gjd_/);
    const stored = await db().selectFrom('displayTokens').selectAll().where('id', '=', made.id).executeTakeFirst();
    expect(stored.tokenHash).not.toContain(made.token);
    expect(JSON.stringify(stored)).not.toContain(made.token);
    const list = await t.request(await t.login('admin'), { method: 'GET', url: '/api/display-tokens' });
    expect(list.status).toBe(200);
    const row = list.body.find((x: any) => x.id === made.id);
    expect(row).toMatchObject({ label: '客服中心大屏', projectIds: [cuihu()], revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(made.token);
    expect(row.token).toBeUndefined();
    expect((await board(made.token)).status).toBe(200);
    const revoked = await t.request(await t.login('admin'), { method: 'DELETE', url: `/api/display-tokens/${made.id}` });
    expect(revoked.status).toBe(204);
    const after = await board(made.token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await board(made.token, 'query')).status).toBe(401);
    const again = await t.request(await t.login('admin'), { method: 'GET', url: '/api/display-tokens' });
    expect(again.body.find((x: any) => x.id === made.id).revokedAt).not.toBeNull();
  });

  it('an office manager may not make one; another tenant’s project is unknown', async () => {
    const res = await t.request(await t.login('manager1'), { method: 'POST', url: '/api/display-tokens', payload: { label: '大屏', projectIds: [cuihu()] } });
    expect(res.status).toBe(403);
    const other = await t.request(await t.login('b_admin'), { method: 'POST', url: '/api/display-tokens', payload: { label: '大屏', projectIds: [cuihu()] } });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('PROJECT_NOT_FOUND');
  });
});

describe('GET /api/wallboard', () => {
  it('a missing or wrong token is 401; the display token opens nothing else', async () => {
    expect((await t.request(null, { method: 'GET', url: '/api/wallboard' })).status).toBe(401);
    expect((await board('gjd_not-a-token')).status).toBe(401);
    expect((await board('nonsense')).status).toBe(401);
    // a staff session is no display token
    expect((await t.request(await t.login('admin'), { method: 'GET', url: '/api/wallboard' })).status).toBe(401);
    const { token } = await makeToken('前台大屏', [cuihu()]);
    for (const url of ['/api/cases', '/api/auth/me', '/api/notices', '/api/on-duty?projectId=' + cuihu(), '/api/display-tokens', '/api/live']) {
      expect((await t.request(token, { method: 'GET', url })).status, `${url} with the bearer`).toBe(401);
      expect((await t.request(null, { method: 'GET', url, headers: { 'x-display-token': token } })).status, `${url} with the header`).toBe(401);
    }
    expect((await t.request(token, { method: 'POST', url: '/api/display-tokens', payload: { label: 'x', projectIds: [cuihu()] } })).status).toBe(401);
  });

  it('counts clocks at risk and breached per department, and today’s intake by type, as the rows say — over a day and a half', async () => {
    const { token } = await makeToken('翠湖大屏', [cuihu()]);
    const first = await expectBoardMatches(token, [cuihu()]);
    expect(first.intake.total).toBeGreaterThan(0);
    expect(first.projects.map((p: any) => p.id)).toEqual([cuihu()]);
    // a new case counts at once
    const created = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: cuihu(),
        type: 'repair',
        channel: 'hotline',
        description: '楼道灯不亮',
        ownerId: t.a.owners.zhangwei!.id,
        unitId: t.a.owners.zhangwei!.unitId,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const second = await expectBoardMatches(token, [cuihu()]);
    expect(second.intake.byType.repair).toBe(first.intake.byType.repair + 1);
    let sawAtRisk = false;
    let sawBreached = false;
    for (let i = 0; i < 12; i += 1) {
      t.advance(180);
      const b = await expectBoardMatches(token, [cuihu()]);
      sawAtRisk ||= b.totals.atRisk > 0;
      sawBreached ||= b.totals.breached > 0;
    }
    expect(sawAtRisk).toBe(true);
    expect(sawBreached).toBe(true);
    t.forgetLogins();
  });

  it('shows only its projects, on-duty staff and notices in force, and nothing personal: masked names, no phone, no owner', async () => {
    const admin = await t.login('admin');
    const now = t.deps.now();
    const shift = await t.request(admin, {
      method: 'POST',
      url: '/api/duty-shifts',
      payload: { projectId: cuihu(), staffId: t.a.staff.agent1!, startsAt: now, endsAt: new Date(Date.parse(now) + 8 * 3_600_000).toISOString() },
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    const agent = await t.login('agent1');
    const draft = await t.request(agent, {
      method: 'POST',
      url: '/api/notices',
      payload: { projectId: cuihu(), kind: 'reminder', title: '燃气安检提醒', body: '本周三燃气公司入户安检，请家中留人。' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const submitted = await t.request(agent, { method: 'POST', url: `/api/notices/${draft.body.id}/submit` });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await t.request(await t.login('manager1'), { method: 'POST', url: `/api/notices/${draft.body.id}/approve` })).status).toBe(200);

    const { token } = await makeToken('翠湖值班屏', [cuihu()]);
    const res = await board(token, 'query');
    expect(res.status).toBe(200);
    const agentName = (await db().selectFrom('staff').select('name').where('id', '=', t.a.staff.agent1!).executeTakeFirst()).name as string;
    expect(res.body.onDuty).toContainEqual(expect.objectContaining({ name: `${Array.from(agentName)[0]}${'*'.repeat(Array.from(agentName).length - 1)}` }));
    expect(res.body.notices.map((n: any) => n.id)).toContain(draft.body.id);
    const json = JSON.stringify(res.body);
    expect(json).not.toContain(agentName);
    expect(json).not.toContain('请家中留人'); // a notice's body is not shown, only its title
    const owners = await db().selectFrom('owners').select(['name']).where('organizationId', '=', t.a.organizationId).execute();
    for (const o of owners) expect(json).not.toContain(o.name);
    for (const o of Object.values(t.a.owners)) expect(json).not.toContain(o.portalLogin);
    expect(json).not.toMatch(/1[3-9]\d{9}/);
    const staffNames = await db().selectFrom('staff').select('name').execute();
    for (const s of staffNames) if (Array.from(s.name as string).length > 1) expect(json).not.toContain(s.name);
    // BINJIANG is not on this board
    const binjiang = await db().selectFrom('projects').select('name').where('id', '=', t.a.projects.BINJIANG!.id).executeTakeFirst();
    expect(json).not.toContain(binjiang.name);
  });

  it('the live stream (?token=) tells the board of a change in its projects, not of others; a wrong token is 401', async () => {
    const { token } = await makeToken('直播屏', [cuihu()]);
    const received: string[] = [];
    let request!: http.ClientRequest;
    const status = await new Promise<number>((resolve) => {
      request = http.get(`${base}/api/wallboard/live?token=${encodeURIComponent(token)}`, (res) => {
        resolve(res.statusCode ?? 0);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => received.push(chunk));
      });
      request.on('error', () => {});
    });
    expect(status).toBe(200);
    const create = async (projectCode: 'CUIHU' | 'BINJIANG', who: string) =>
      t.request(await t.login(who), {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects[projectCode]!.id, type: 'inquiry', channel: 'hotline', description: '物业费怎么交' },
      });
    expect((await create('BINJIANG', 'agent2')).status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.join('')).not.toContain('event: changed');
    expect((await create('CUIHU', 'agent1')).status).toBe(201);
    await expect.poll(() => received.join('')).toContain(`event: changed\ndata: {"projectId":"${cuihu()}"}`);
    request.destroy();
    const refused = await new Promise<number>((resolve) => {
      http.get(`${base}/api/wallboard/live?token=gjd_wrong`, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
    });
    expect(refused).toBe(401);
  });
});
