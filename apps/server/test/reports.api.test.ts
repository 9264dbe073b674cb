import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });

describe('outcomes: resolution success, satisfaction, complaint categories', () => {
  it('counts first-time satisfied closes over the closes within scope (out-of-scope and reopened apart), satisfaction over those asked, the average rating', async () => {
    const agent = await t.login('agent1');
    const open = async (payload: Record<string, unknown> = {}) =>
      (
        await t.request(agent, {
          method: 'POST',
          url: '/api/cases',
          payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '咨询', ...payload },
        })
      ).body.case.id as string;
    const first = await open();
    await cmd(agent, first, { type: 'answer', content: '您好，已答复' });
    await cmd(agent, first, { type: 'record_satisfaction', satisfied: true, rating: 5 });
    expect((await cmd(agent, first, { type: 'close' })).status).toBe(200);
    const second = await open();
    await cmd(agent, second, { type: 'answer', content: '您好，已答复' });
    await cmd(agent, second, { type: 'record_satisfaction', satisfied: false });
    await cmd(agent, second, { type: 'answer', content: '您好，再次答复' });
    await cmd(agent, second, { type: 'record_satisfaction', satisfied: true, rating: 3 });
    expect((await cmd(agent, second, { type: 'close' })).status).toBe(200);
    const third = await open();
    expect((await cmd(agent, third, { type: 'close_out_of_scope', reason: '非物业服务范围' })).status).toBe(200);
    for (const category of ['噪音', '噪音', '停车']) {
      await t.request(await t.login('supervisor1'), {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'complaint', channel: 'hotline', description: '投诉', category, apologized: true, readBack: true },
      });
    }
    const manager = await t.login('manager1');
    const res = await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?groupBy=month&from=2026-11-01&to=2026-12-01' });
    expect(res.status).toBe(200);
    // three closed: one satisfied at once, one reopened (dissatisfied, then satisfied), one out of scope —
    // 问题处理成功率 = 1 resolved first time / (3 closed − 1 out of scope)
    const november = { closed: 3, outOfScope: 1, reopened: 1, resolvedFirstTime: 1, successRate: 0.5, satisfactionRate: 1, averageRating: 4 };
    expect(res.body.rows).toEqual([{ key: '2026-11', ...november }]);
    // each report says what it counts and by which date the period takes it
    expect(res.body).toMatchObject({ counts: 'cases', dated: 'closed' });
    const clocks = await t.request(manager, { method: 'GET', url: '/api/reports/timeliness?groupBy=month&from=2026-11-01&to=2026-12-01' });
    expect(clocks.body).toMatchObject({ counts: 'clocks', dated: 'due' });
    expect(res.body.complaintCategories).toEqual([
      { category: '噪音', count: 2 },
      { category: '停车', count: 1 },
    ]);
    const byProject = await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?groupBy=project&from=2026-11-01&to=2026-12-01' });
    expect(byProject.body.rows.map((r: { key: string }) => r.key)).toEqual([t.a.projects.CUIHU!.id]);
    // by staff: the agent had all three at close; by type: all inquiries
    const byStaff = await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?groupBy=staff&from=2026-11-01&to=2026-12-01' });
    expect(byStaff.body.rows).toEqual([{ key: t.a.staff.agent1!, ...november }]);
    const byType = await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?groupBy=type&from=2026-11-01&to=2026-12-01' });
    expect(byType.body.rows.map((r: { key: string; closed: number }) => [r.key, r.closed])).toEqual([['inquiry', 3]]);
    // scope: BINJIANG's manager sees none of it; agents have no reports; bad periods are refused
    const other = await t.request(await t.login('manager2'), { method: 'GET', url: '/api/reports/outcomes?from=2026-11-01&to=2026-12-01' });
    expect(other.body.rows).toEqual([]);
    expect(other.body.complaintCategories).toEqual([]);
    expect((await t.request(agent, { method: 'GET', url: '/api/reports/outcomes' })).status).toBe(403);
    const bad = await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?from=2026-12-01&to=2026-11-01' });
    expect(bad.body).toMatchObject({ code: 'FIELD_INVALID', field: 'query.to' });
    expect((await t.request(manager, { method: 'GET', url: '/api/reports/outcomes?groupBy=weather' })).body.field).toBe('query.groupBy');
  });
});

describe('outcomes are placed on the project’s local dates', () => {
  it('a close at 23:40 local time in a half-hour zone (Asia/Kolkata, UTC+5:30) counts on that day, not the next', async () => {
    const admin = await t.login('admin');
    const project = t.a.projects.BINJIANG!.id;
    expect((await t.request(admin, { method: 'PATCH', url: `/api/projects/${project}`, payload: { timeZone: 'Asia/Kolkata' } })).status).toBe(200);
    t.advance((Date.parse('2026-11-30T18:05:00.000Z') - Date.parse(t.deps.now())) / 60_000);
    const agent = await t.login('agent2');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: project, type: 'inquiry', channel: 'hotline', description: '咨询' },
    });
    const id = created.body.case.id as string;
    await cmd(agent, id, { type: 'answer', content: '您好，已答复' });
    await cmd(agent, id, { type: 'record_satisfaction', satisfied: true });
    t.advance(5); // 18:10Z = 23:40 in Kolkata on 30 November
    expect((await cmd(agent, id, { type: 'close' })).status).toBe(200);
    // a fresh session: the clock moved past the idle timeout of the one signed in above
    const signIn = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'manager2', password: DEMO_PASSWORD } });
    const manager = signIn.body.token as string;
    const november = await t.request(manager, { method: 'GET', url: `/api/reports/outcomes?groupBy=month&projectId=${project}&from=2026-11-01&to=2026-12-02` });
    expect(november.status).toBe(200);
    expect(november.body.rows).toEqual([
      { key: '2026-11', closed: 1, outOfScope: 0, reopened: 0, resolvedFirstTime: 1, successRate: 1, satisfactionRate: 1, averageRating: null },
    ]);
  });
});
