import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/index.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * The owner's rating on several scores (overall, arrival speed, the technician) and the staff's reply
 * the owner reads in the portal; a rating from before the scores stays readable (overall only); the
 * supervisors' own quality marks (质量评定) kept apart from the owner's feedback, and their chart by
 * reason per month per project (issue 14 item 1, decision 0028).
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });

/** A repair of zhangwei's, done by tech1, confirmed by the owner and closed. */
async function closedRepair(owner: string): Promise<string> {
  const z = t.a.owners.zhangwei!;
  const agent = await t.login('agent1');
  const tech = await t.login('tech1');
  const created = await t.request(owner, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '厨房水槽下水慢', unitId: z.unitId },
  });
  const id: string = created.body.case.id;
  await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
  await cmd(tech, id, { type: 'arrive' });
  await cmd(tech, id, { type: 'complete', summary: '疏通下水管' });
  await cmd(owner, id, { type: 'record_satisfaction', satisfied: true });
  expect((await cmd(agent, id, { type: 'close' })).body.case.status).toBe('closed');
  return id;
}

describe(`the owner's rating on several scores and the reply (${TEST_DB})`, () => {
  let caseId = '';

  it('the owner rates overall, arrival speed and the technician; the case’s rating is the overall score', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    caseId = await closedRepair(owner);
    expect((await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/rating` })).body).toEqual({ rating: null });
    const rated = await cmd(owner, caseId, { type: 'rate', rating: 4, speed: 2, technician: 5, comment: '师傅很专业，就是来得慢' });
    expect(rated.status).toBe(200);
    expect(rated.body.case.rating).toBe(4);
    const read = await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/rating` });
    expect(read.body.rating).toMatchObject({ overall: 4, speed: 2, technician: 5, comment: '师傅很专业，就是来得慢', reply: null, legacy: false });
    const event = (await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/events` })).body.find((e: { type: string }) => e.type === 'rated');
    expect(event).toBeTruthy();
  });

  it('refuses a score outside 1–5 by its name, and changes nothing', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const before = await t.fingerprint();
    const bad = await cmd(owner, caseId, { type: 'rate', rating: 4, speed: 6 });
    expect([bad.status, bad.body.field]).toEqual([400, 'command.speed']);
    expect(await t.fingerprint()).toBe(before);
  });

  it('staff answer the rating; the owner reads the reply; another owner, another project’s staff and a technician cannot', async () => {
    const agent = await t.login('agent1');
    const reply = '您好，已提醒维修组加快响应，感谢您的评价！';
    const res = await t.request(agent, { method: 'POST', url: `/api/cases/${caseId}/rating/reply`, payload: { reply } });
    expect(res.status).toBe(200);
    expect(res.body.rating).toMatchObject({ reply, overall: 4 });
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const seen = await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/rating` });
    expect(seen.body.rating.reply).toBe(reply);
    expect(seen.body.rating.repliedAt).toBe(t.deps.now());

    const lina = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    expect((await t.request(lina, { method: 'GET', url: `/api/cases/${caseId}/rating` })).status).toBe(404);
    const [agent2, tech1] = [await t.login('agent2'), await t.login('tech1')];
    const before = await t.fingerprint();
    const outsider = await t.request(agent2, { method: 'POST', url: `/api/cases/${caseId}/rating/reply`, payload: { reply: '好的' } });
    expect([outsider.status, outsider.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const tech = await t.request(tech1, { method: 'POST', url: `/api/cases/${caseId}/rating/reply`, payload: { reply: '好的' } });
    expect([tech.status, tech.body.code]).toEqual([403, 'FORBIDDEN']);
    const ownerReply = await t.request(owner, { method: 'POST', url: `/api/cases/${caseId}/rating/reply`, payload: { reply: '好的' } });
    expect(ownerReply.status).toBe(403);
    expect(await t.fingerprint()).toBe(before);
  });

  it('the reply goes to the owner as a message through the outbox, and shows in the case’s history in the portal', async () => {
    const reply = '您好，已提醒维修组加快响应，感谢您的评价！';
    await planOutbox(t.deps);
    const db = t.deps.database.db;
    const rows = await db.selectFrom('deliveries').selectAll().where('sourceId', '=', caseId).where('kind', '=', 'rating_replied').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipientType: 'owner', recipientId: t.a.owners.zhangwei!.id, sourceType: 'case', title: '您的评价有了回复' });
    expect(rows[0].body).toContain(reply);
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const events = await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/events` });
    expect(events.status).toBe(200);
    const told = (events.body as { type: string; content: string | null }[]).filter((e) => e.type === 'owner_notified' && e.content?.includes(reply));
    expect(told).toHaveLength(1);
    expect(told[0]!.content).toContain('的评价已收到回复');
    // planned once: a second pass sends nothing more
    await planOutbox(t.deps);
    expect(await db.selectFrom('deliveries').select('id').where('sourceId', '=', caseId).where('kind', '=', 'rating_replied').execute()).toHaveLength(1);
  });

  it('a new rating replaces the scores and clears the reply to the old one', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    await cmd(owner, caseId, { type: 'rate', rating: 5 });
    const read = await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/rating` });
    expect(read.body.rating).toMatchObject({ overall: 5, speed: null, technician: null, reply: null });
  });

  it('a rating from before the scores reads as overall only (legacy); replying to an unrated case is refused', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const old = await closedRepair(owner);
    await t.deps.database.db.updateTable('cases').set({ rating: 3, ratingComment: '一般' }).where('id', '=', old).execute();
    const read = await t.request(owner, { method: 'GET', url: `/api/cases/${old}/rating` });
    expect(read.body.rating).toMatchObject({ overall: 3, comment: '一般', speed: null, technician: null, ratedAt: null, legacy: true });
    const unrated = await closedRepair(owner);
    const res = await t.request(await t.login('agent1'), { method: 'POST', url: `/api/cases/${unrated}/rating/reply`, payload: { reply: '感谢' } });
    expect([res.status, res.body.code]).toEqual([404, 'RATING_NOT_FOUND']);
  });
});

describe(`quality marks (质量评定) and their chart (${TEST_DB})`, () => {
  let caseId = '';

  it('the quality officer marks a case with reason codes; kept apart from the owner’s rating', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    caseId = await closedRepair(owner);
    const quality = await t.login('quality');
    const res = await t.request(quality, {
      method: 'POST',
      url: `/api/cases/${caseId}/quality-marks`,
      payload: { reasons: ['slow', 'not_fixed'], note: '第二次上门才修好' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ caseId, reasons: ['slow', 'not_fixed'], note: '第二次上门才修好', month: '2026-11', markedByName: '品质专员吴敏' });
    const again = await t.request(quality, { method: 'POST', url: `/api/cases/${caseId}/quality-marks`, payload: { reasons: ['rude'] } });
    expect(again.status).toBe(201);
    const list = await t.request(quality, { method: 'GET', url: `/api/cases/${caseId}/quality-marks` });
    expect(list.body.map((m: { reasons: string[] }) => m.reasons)).toEqual([['slow', 'not_fixed'], ['rude']]);
    // the owner's rating is untouched and the owner cannot read the marks
    expect((await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/rating` })).body).toEqual({ rating: null });
    expect((await t.request(owner, { method: 'GET', url: `/api/cases/${caseId}/quality-marks` })).status).toBe(403);
  });

  it('refuses: no reason, a reason twice, other without a note, an unknown reason; and whoever lacks callback.admin', async () => {
    const quality = await t.login('quality');
    const [supervisor1, bQuality] = [await t.login('supervisor1'), await t.login('b_quality')];
    const before = await t.fingerprint();
    const post = (token: string, payload: Record<string, unknown>) => t.request(token, { method: 'POST', url: `/api/cases/${caseId}/quality-marks`, payload });
    const none = await post(quality, { reasons: [] });
    expect([none.status, none.body.field]).toEqual([400, 'reasons']);
    const twice = await post(quality, { reasons: ['slow', 'slow'] });
    expect([twice.status, twice.body.field]).toEqual([400, 'reasons.1']);
    const other = await post(quality, { reasons: ['other'] });
    expect([other.status, other.body.code, other.body.field]).toEqual([400, 'FIELD_REQUIRED', 'note']);
    const unknown = await post(quality, { reasons: ['lazy'] });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'reasons.0']);
    const supervisor = await post(supervisor1, { reasons: ['slow'] });
    expect([supervisor.status, supervisor.body.code]).toEqual([403, 'FORBIDDEN']);
    const foreign = await post(bQuality, { reasons: ['slow'] });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await t.fingerprint()).toBe(before);
  });

  it('the chart counts marks by reason per month per project; a manager of the project sees it, another project’s does not', async () => {
    // a mark of December, written as the service writes one (the clock is not moved: sessions would idle out)
    const qualityAgain = await t.login('quality');
    await t.deps.database.db
      .insertInto('qualityMarks')
      .values({
        id: 'mark-dec',
        organizationId: t.a.organizationId,
        projectId: t.a.projects.CUIHU!.id,
        caseId,
        reasons: JSON.stringify(['slow']),
        note: null,
        month: '2026-12',
        markedBy: t.a.staff.quality!,
        markedAt: '2026-12-03T02:00:00.000Z',
      })
      .execute();
    const cuihu = t.a.projects.CUIHU!.id;
    const chart = await t.request(qualityAgain, { method: 'GET', url: `/api/quality-marks/chart?from=2026-11&to=2026-12` });
    expect(chart.status).toBe(200);
    const rows = chart.body.rows.map((r: { projectId: string; month: string; reason: string; count: number }) => [r.month, r.reason, r.count]);
    expect(rows).toEqual([
      ['2026-11', 'slow', 1],
      ['2026-11', 'rude', 1],
      ['2026-11', 'not_fixed', 1],
      ['2026-12', 'slow', 1],
    ]);
    expect(chart.body.rows[0]).toMatchObject({ projectId: cuihu, projectName: expect.any(String) });
    const manager = await t.request(await t.login('manager1'), { method: 'GET', url: `/api/quality-marks/chart?projectId=${cuihu}&from=2026-11&to=2026-11` });
    expect(manager.body.rows).toHaveLength(3);
    const other = await t.request(await t.login('manager2'), { method: 'GET', url: `/api/quality-marks/chart?from=2026-11&to=2026-12` });
    expect(other.body.rows).toEqual([]);
    const denied = await t.request(await t.login('manager2'), { method: 'GET', url: `/api/quality-marks/chart?projectId=${cuihu}&from=2026-11&to=2026-11` });
    expect([denied.status, denied.body.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
    const agent = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/quality-marks/chart?from=2026-11&to=2026-11` });
    expect(agent.status).toBe(403);
    const backwards = await t.request(qualityAgain, { method: 'GET', url: `/api/quality-marks/chart?from=2026-12&to=2026-11` });
    expect([backwards.status, backwards.body.field]).toEqual([400, 'query.to']);
  });
});
