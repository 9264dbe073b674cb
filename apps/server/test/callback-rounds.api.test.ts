import { sampleWorkOrders } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWeeklySampleTick } from '../src/services/callback-rounds.service.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * 抽样回访 (issue 14 item 1, decision 0028) over HTTP: the quality department draws last week's 20%
 * sample of 翠湖's completed work orders from a stored seed, gives it to a caller from outside the office
 * (never the office's own staff), the callbacks are made, and the round's summary report (回访总结报告)
 * counts them (JSON and .xlsx); the audit re-derives the sample; the Monday tick draws each week once.
 */
let t: TestContext;
const DAY = 86_400_000;
const repairs: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  // 12 repairs of 翠湖 completed (their doneAt moved into last week: 2026-11-16..22, Shanghai)
  const agent = await t.login('agent1');
  const tech = await t.login('tech1');
  const z = t.a.owners.zhangwei!;
  const cmd = (token: string, id: string, command: Record<string, unknown>) =>
    t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });
  for (let i = 0; i < 12; i++) {
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: `第${i + 1}号报修：水龙头漏水`, unitId: z.unitId },
    });
    const id: string = created.body.case.id;
    await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    await cmd(tech, id, { type: 'arrive' });
    expect((await cmd(tech, id, { type: 'complete', summary: '更换阀芯' })).status).toBe(200);
    repairs.push(id);
  }
  const lastWeek = new Date(Date.parse(t.deps.now()) - 7 * DAY).toISOString();
  await t.deps.database.db.updateTable('cases').set({ doneAt: lastWeek }).where('id', 'in', repairs).execute();
});
afterAll(async () => t?.close());

const post = (token: string, payload: Record<string, unknown>) => t.request(token, { method: 'POST', url: '/api/callback-rounds', payload });

describe(`the weekly sample (抽样回访) (${TEST_DB})`, () => {
  let roundId = '';
  const cuihu = () => t.a.projects.CUIHU!.id;

  it('refuses a week not ended, a day that is not a Monday, an office’s own staff as caller, and whoever lacks callback.admin — changing nothing', async () => {
    const [quality, manager] = [await t.login('quality'), await t.login('manager1')];
    const before = await t.fingerprint();
    const thisWeek = await post(quality, { projectId: cuihu(), weekStart: '2026-11-23' });
    expect([thisWeek.status, thisWeek.body.code, thisWeek.body.field]).toEqual([400, 'CALLBACK_WEEK_NOT_ENDED', 'weekStart']);
    expect(thisWeek.body.message).toContain('2026-11-29');
    const tuesday = await post(quality, { projectId: cuihu(), weekStart: '2026-11-17' });
    expect([tuesday.status, tuesday.body.code, tuesday.body.field]).toEqual([400, 'FIELD_INVALID', 'weekStart']);
    const own = await post(quality, { projectId: cuihu(), callerId: t.a.staff.agent1 });
    expect([own.status, own.body.code, own.body.field]).toEqual([400, 'CALLBACK_CALLER_IN_PROJECT', 'callerId']);
    expect(own.body.message).toContain('客服专员陈静');
    const otherOffice = await post(quality, { projectId: cuihu(), callerId: t.a.staff.agent2 });
    expect([otherOffice.status, otherOffice.body.field]).toEqual([400, 'callerId']);
    const foreignStaff = await post(quality, { projectId: cuihu(), callerId: t.b.staff.b_quality });
    expect([foreignStaff.status, foreignStaff.body.code]).toEqual([404, 'STAFF_NOT_FOUND']);
    const denied = await post(manager, { projectId: cuihu() });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await t.fingerprint()).toBe(before);
  });

  it('the quality officer draws last week’s sample: ⌈20%⌉ of the 12 completed, reproducible from the stored seed, each a callback given to the caller', async () => {
    const quality = await t.login('quality');
    const res = await post(quality, { projectId: cuihu(), callerId: t.a.staff.quality });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      projectId: cuihu(),
      weekStart: '2026-11-16',
      weekEnd: '2026-11-22',
      percent: 20,
      populationSize: 12,
      callerId: t.a.staff.quality,
      callerName: '品质专员吴敏',
      createdBy: t.a.staff.quality,
      progress: { due: 3, done: 0, unreachable: 0, cancelled: 0 },
    });
    roundId = res.body.id;
    expect(res.body.sampledIds).toHaveLength(3);
    expect(res.body.sampledIds).toEqual(sampleWorkOrders(repairs, 0.2, res.body.seed));
    for (const id of res.body.sampledIds) expect(repairs).toContain(id);
    const callbacks = await t.deps.database.db.selectFrom('callbacks').selectAll().where('roundId', '=', roundId).execute();
    expect(callbacks.map((c) => c.caseId).sort()).toEqual(res.body.sampledIds);
    expect(callbacks.every((c) => c.source === 'weekly_sample' && c.assigneeId === t.a.staff.quality && c.status === 'due')).toBe(true);

    const again = await post(quality, { projectId: cuihu() });
    expect([again.status, again.body.code]).toEqual([409, 'CALLBACK_ROUND_EXISTS']);
  });

  it('the audit draws the sample again from the stored seed and population, and reads the week again', async () => {
    const res = await t.request(await t.login('quality'), { method: 'GET', url: `/api/callback-rounds/${roundId}/audit` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ digestMatches: true, sampleMatches: true, livePopulationSize: 12, livePopulationMatches: true });
    expect(res.body.resampled).toEqual(res.body.storedSample);
  });

  it('the round goes to another company-wide caller, never to the office’s staff; the office manager reads it with report.read, another office does not', async () => {
    const quality = await t.login('quality');
    const [supervisor, manager2, manager1] = [await t.login('supervisor1'), await t.login('manager2'), await t.login('manager1')];
    const put = (token: string, callerId: string) => t.request(token, { method: 'PUT', url: `/api/callback-rounds/${roundId}/caller`, payload: { callerId } });
    const before = await t.fingerprint();
    const own = await put(quality, t.a.staff.supervisor1!);
    expect([own.status, own.body.code]).toEqual([400, 'CALLBACK_CALLER_IN_PROJECT']);
    expect((await put(supervisor, t.a.staff.admin!)).status).toBe(403);
    expect(await t.fingerprint()).toBe(before);
    const moved = await put(quality, t.a.staff.admin!);
    expect(moved.body).toMatchObject({ callerId: t.a.staff.admin, callerName: '系统管理员' });
    const assignees = await t.deps.database.db.selectFrom('callbacks').select('assigneeId').where('roundId', '=', roundId).execute();
    expect(assignees.every((c) => c.assigneeId === t.a.staff.admin)).toBe(true);
    expect((await put(quality, t.a.staff.quality!)).status).toBe(200);

    const list = await t.request(manager1, { method: 'GET', url: `/api/callback-rounds?projectId=${cuihu()}` });
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([roundId]);
    const outsider = await t.request(manager2, { method: 'GET', url: `/api/callback-rounds/${roundId}` });
    expect([outsider.status, outsider.body.code]).toEqual([404, 'CALLBACK_ROUND_NOT_FOUND']);
    expect((await t.request(manager2, { method: 'GET', url: '/api/callback-rounds' })).body).toEqual([]);
  });

  it('the summary report (回访总结报告): reached, satisfied rates, the not-satisfied with the complaint it opened; as .xlsx too', async () => {
    const quality = await t.login('quality');
    const callbacks = await t.deps.database.db.selectFrom('callbacks').select(['id', 'caseId']).where('roundId', '=', roundId).orderBy('caseId').execute();
    const record = (id: string, payload: Record<string, unknown>) => t.request(quality, { method: 'POST', url: `/api/callbacks/${id}/records`, payload });
    // the office's own staff may not make a sampled callback
    const agent = await t.login('agent1');
    const before = await t.fingerprint();
    const own = await t.request(agent, { method: 'POST', url: `/api/callbacks/${callbacks[0]!.id}/records`, payload: { reached: false } });
    expect([own.status, own.body.code]).toEqual([400, 'CALLBACK_CALLER_IN_PROJECT']);
    expect(await t.fingerprint()).toBe(before);
    expect((await record(callbacks[0]!.id, { reached: true, quality: 'satisfied', attitude: 'satisfied', result: 'resolved' })).status).toBe(200);
    const unhappy = await record(callbacks[1]!.id, {
      reached: true,
      quality: 'not_satisfied',
      attitude: 'basically_satisfied',
      result: 'unresolved',
      ownerWords: '龙头又开始滴水了',
      followUp: 'complaint',
    });
    expect(unhappy.status).toBe(200);

    const res = await t.request(quality, { method: 'GET', url: `/api/callback-rounds/${roundId}/summary` });
    expect(res.status).toBe(200);
    expect(res.body.figures).toEqual({
      sampled: 3,
      reached: 2,
      unreachable: 0,
      pending: 1,
      reachedRate: 1,
      quality: { satisfied: 1, basicallySatisfied: 0, notSatisfied: 1, satisfiedRate: 0.5 },
      attitude: { satisfied: 1, basicallySatisfied: 1, notSatisfied: 0, satisfiedRate: 1 },
      result: { resolved: 1, unresolved: 1, resolvedRate: 0.5 },
    });
    expect(res.body.notSatisfied).toEqual([
      expect.objectContaining({ callbackId: callbacks[1]!.id, caseId: callbacks[1]!.caseId, ownerWords: '龙头又开始滴水了', followUp: 'complaint' }),
    ]);
    const complaintId = res.body.notSatisfied[0].followUpCaseId;
    expect(res.body.followUps).toEqual([
      expect.objectContaining({ kind: 'complaint', caseId: complaintId, caseType: 'complaint', fromCaseId: callbacks[1]!.caseId }),
    ]);
    expect(res.body.round.progress).toMatchObject({ due: 1, done: 2 });

    const file = await t.app.inject({ method: 'GET', url: `/api/callback-rounds/${roundId}/summary/export`, headers: { authorization: `Bearer ${quality}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/callback-rounds/${roundId}/summary/export?format=csv`,
      headers: { authorization: `Bearer ${quality}` },
    });
    expect(csv.body).toContain('质量满意率');
    expect(csv.body).toContain('龙头又开始滴水了');
  });

  it('the Monday tick draws each project’s week before once, only where work was completed', async () => {
    // 翠湖 has last week's round; 滨江 completed nothing: no round
    expect(await runWeeklySampleTick(t.deps)).toBe(0);
    const rounds = await t.deps.database.db.selectFrom('callbackRounds').select(['projectId', 'weekStart', 'createdBy']).execute();
    expect(rounds).toEqual([{ projectId: cuihu(), weekStart: '2026-11-16', createdBy: t.a.staff.quality }]);
    // a week later (the next Monday's tick): the repairs moved into this past week are drawn by the scheduler
    await t.deps.database.db.updateTable('cases').set({ doneAt: t.deps.now() }).where('id', 'in', repairs).execute();
    t.advance(7 * 24 * 60);
    expect(await runWeeklySampleTick(t.deps)).toBe(1);
    expect(await runWeeklySampleTick(t.deps)).toBe(0);
    const drawn = await t.deps.database.db.selectFrom('callbackRounds').selectAll().where('weekStart', '=', '2026-11-23').execute();
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ projectId: cuihu(), createdBy: null, callerId: null, populationSize: 12 });
    t.advance(60);
    expect(await runWeeklySampleTick(t.deps)).toBe(0);
  });
});
