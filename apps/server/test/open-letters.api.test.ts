import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * The open letter (公开信, issue 14 item 4) over HTTP on a real database: the survey of 翠湖花园 closes
 * with 2 of 3 households unhappy about cleaning; 陈静 (agent, notice.write) starts the letter, drafted
 * from the statistics; bad input changes nothing; submitted, returned by 郑强 (the management
 * representative) with a reason, edited, submitted again, approved — which posts it as a notice that
 * 张伟 reads in the portal; sent to the quality department, whose officer is told and verifies a
 * promise. Denials: another project's agent, a technician, the author approving, a second letter.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return t.request(await t.login(user), { method, url, payload: payload as any });
}

describe(`the open letter of a survey (${TEST_DB})`, () => {
  let surveyId = '';
  let letterId = '';
  let closedAt = '';

  it('a survey of the three households closes: cleaning 1 of 3 satisfied, repairs 3 of 3', async () => {
    const repairs = await as('quality', 'POST', '/api/survey-questions', { area: 'repairs', text: '您对维修服务是否满意？' });
    const cleaning = await as('quality', 'POST', '/api/survey-questions', { area: 'cleaning', text: '您对公共区域的清洁卫生是否满意？' });
    const draft = await as('quality', 'POST', '/api/surveys', {
      projectId: cuihu().id,
      title: '2026年下半年业主满意度调查',
      questionIds: [repairs.body.id, cleaning.body.id],
      startsOn: '2026-11-25',
      sampling: 'census',
    });
    surveyId = draft.body.id;
    expect((await as('quality', 'POST', `/api/surveys/${surveyId}/launch`)).status).toBe(200);
    // before the close there is no letter to write
    const early = await as('agent1', 'POST', '/api/open-letters', { surveyId });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'OPEN_LETTER_SURVEY_NOT_CLOSED', field: 'surveyId' });
    const households = await as('agent1', 'GET', `/api/surveys/${surveyId}/households`);
    for (const [i, h] of households.body.items.entries()) {
      const res = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, {
        code: h.code,
        channel: 'paper',
        scores: { [repairs.body.id]: 5, [cleaning.body.id]: i === 0 ? 4 : 2 },
      });
      expect(res.status).toBe(201);
    }
    const closed = await as('quality', 'POST', `/api/surveys/${surveyId}/close`);
    expect(closed.status).toBe(200);
    closedAt = t.deps.now();
    // 业主满意度 on the dashboard is this survey's figure (4 of 6 answers at 4–5), beside the per-case ratings
    const outcomes = await as('manager1', 'GET', '/api/reports/outcomes?groupBy=project');
    expect(outcomes.body.surveys).toEqual([
      expect.objectContaining({ projectId: cuihu().id, surveyId, answers: 6, rate: 4 / 6, target: 0.7, belowTarget: true }),
    ]);
    expect(outcomes.body.surveys[0].low).toBeLessThan(4 / 6);
    expect((await as('manager2', 'GET', '/api/reports/outcomes?groupBy=project')).body.surveys).toEqual([]);
  });

  it('陈静 starts the letter: drafted from the statistics, the item most were unhappy with as its first promise; one letter per survey', async () => {
    const res = await as('agent1', 'POST', '/api/open-letters', { surveyId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    letterId = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', surveyId, surveyTitle: '2026年下半年业主满意度调查', postState: 'running', reportBy: null });
    expect(res.body.body).toContain('共回收有效问卷 3 份');
    expect(res.body.body).toContain('您对公共区域的清洁卫生是否满意？（满意率 33.3%）');
    expect(res.body.promises.map((p: { text: string }) => p.text)).toEqual(['关于“您对公共区域的清洁卫生是否满意？”：']);
    expect(res.body.postBy).toBe(new Date(Date.parse(closedAt) + 14 * 86_400_000).toISOString());
    const again = await as('quality', 'POST', '/api/open-letters', { surveyId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OPEN_LETTER_EXISTS');
  });

  it('bad input names the field and changes nothing; other projects and the wrong rights are refused', async () => {
    const before = await t.fingerprint();
    const empty = await as('agent1', 'PUT', `/api/open-letters/${letterId}`, { title: '', body: 'x', promises: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('title');
    const stranger = await as('agent1', 'PUT', `/api/open-letters/${letterId}`, {
      title: '公开信',
      body: '正文',
      promises: [{ id: 'no-such-promise', text: '改进' }],
    });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ code: 'OPEN_LETTER_PROMISE_NOT_FOUND', field: 'promises.0.id' });
    const badDate = await as('agent1', 'PUT', `/api/open-letters/${letterId}`, {
      title: '公开信',
      body: '正文',
      promises: [{ text: '改进', dueOn: '2026-13-01' }],
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('promises.0.dueOn');
    const english = await t.request(await t.login('agent1'), {
      method: 'PUT',
      url: `/api/open-letters/${letterId}`,
      payload: { title: '公开信', body: '正文', promises: [] } as any,
      headers: { 'accept-language': 'en' },
    });
    expect(english.status).toBe(200); // a draft may have no promise yet …
    const noPromise = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/open-letters/${letterId}/submit`,
      headers: { 'accept-language': 'en' },
    });
    expect(noPromise.status).toBe(400); // … but is not submitted without one
    expect(noPromise.body).toMatchObject({ code: 'OPEN_LETTER_NO_PROMISES', field: 'promises' });
    expect(noPromise.body.message).toBe('An open letter needs at least one promise');
    expect((await as('agent2', 'GET', `/api/open-letters/${letterId}`)).status).toBe(404);
    expect((await as('agent2', 'GET', `/api/open-letters?projectId=${cuihu().id}`)).status).toBe(404);
    expect((await as('agent2', 'GET', '/api/open-letters')).body).toEqual([]);
    expect((await as('tech1', 'GET', `/api/open-letters/${letterId}`)).status).toBe(403);
    expect((await as('rep', 'POST', `/api/open-letters/${letterId}/approve`)).body.code).toBe('OPEN_LETTER_TRANSITION_NOT_ALLOWED');
    expect((await as('agent1', 'POST', `/api/open-letters/${letterId}/report`)).body.code).toBe('OPEN_LETTER_TRANSITION_NOT_ALLOWED');
    const owner = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: `/api/open-letters/${letterId}` });
    expect(owner.status).toBe(403);
    // the English edit above was a real change; everything else left the database as it was
    const letter = await as('agent1', 'GET', `/api/open-letters/${letterId}`);
    expect(letter.body).toMatchObject({ title: '公开信', body: '正文', promises: [] });
    expect(before).not.toEqual(await t.fingerprint());
  });

  it('submitted, returned by 郑强 with his reason, edited and submitted again; 陈静 cannot approve, 郑强 approves and it is posted as a notice', async () => {
    const promises = [{ text: '增加公共区域保洁频次，楼道每日两次', dueOn: '2027-01-15' }, { text: '地下车库每周冲洗一次' }];
    const edited = await as('agent1', 'PUT', `/api/open-letters/${letterId}`, {
      title: '致全体业主的公开信',
      body: '尊敬的各位业主：感谢您参加满意度调查。',
      promises,
    });
    expect(edited.status).toBe(200);
    expect((await as('agent1', 'POST', `/api/open-letters/${letterId}/submit`)).body.status).toBe('submitted');
    expect((await as('agent1', 'PUT', `/api/open-letters/${letterId}`, { title: 'x', body: 'y', promises })).body.code).toBe(
      'OPEN_LETTER_TRANSITION_NOT_ALLOWED',
    );
    const returned = await as('rep', 'POST', `/api/open-letters/${letterId}/return`, { reason: '请写明车库冲洗的完成日期' });
    expect(returned.body).toMatchObject({ status: 'returned', returnedReason: '请写明车库冲洗的完成日期', returnedBy: t.a.staff.rep });
    const kept = returned.body.promises.map((p: { id: string; text: string }) => ({ id: p.id, text: p.text, dueOn: '2027-01-15' }));
    const again = await as('agent1', 'PUT', `/api/open-letters/${letterId}`, {
      title: '致全体业主的公开信',
      body: '尊敬的各位业主：感谢您参加满意度调查。',
      promises: kept,
    });
    expect(again.body.promises.map((p: { id: string }) => p.id)).toEqual(kept.map((p: { id: string }) => p.id));
    await as('agent1', 'POST', `/api/open-letters/${letterId}/submit`);
    expect((await as('agent1', 'POST', `/api/open-letters/${letterId}/approve`)).status).toBe(403);
    const approved = await as('rep', 'POST', `/api/open-letters/${letterId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', approvedBy: t.a.staff.rep, postState: 'met', reportState: 'running' });
    const notice = await as('manager1', 'GET', `/api/notices/${approved.body.noticeId}`);
    expect(notice.body).toMatchObject({
      status: 'published',
      kind: 'community',
      title: '致全体业主的公开信',
      approvedBy: { id: t.a.staff.rep },
      paperPosting: true,
    });
    expect(notice.body.body).toContain('1. 增加公共区域保洁频次，楼道每日两次（2027-01-15 前完成）');
    const portal = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/portal/notices' });
    expect(JSON.stringify(portal.body)).toContain('致全体业主的公开信');
  });

  it('sent to the quality department within its 5 days: 吴敏 is told, then verifies each promise', async () => {
    t.advance(60); // an hour on (sessions idle out after a few hours)
    const reported = await as('agent1', 'POST', `/api/open-letters/${letterId}/report`);
    expect(reported.body).toMatchObject({ reportedBy: t.a.staff.agent1, reportState: 'met' });
    expect((await as('agent1', 'POST', `/api/open-letters/${letterId}/report`)).body.code).toBe('OPEN_LETTER_ALREADY_REPORTED');
    const told = await as('quality', 'GET', '/api/notifications?unread=true');
    expect(told.body.map((n: { kind: string }) => n.kind)).toContain('open_letter_reported');
    const [first, second] = reported.body.promises as { id: string }[];
    expect((await as('agent1', 'POST', `/api/open-letters/${letterId}/promises/${first!.id}/verify`, { verdict: 'kept' })).status).toBe(403);
    expect((await as('quality', 'POST', `/api/open-letters/${letterId}/promises/no-such/verify`, { verdict: 'kept' })).body.code).toBe(
      'OPEN_LETTER_PROMISE_NOT_FOUND',
    );
    expect((await as('quality', 'POST', `/api/open-letters/${letterId}/promises/${first!.id}/verify`, { verdict: 'maybe' })).body.field).toBe('verdict');
    await as('quality', 'POST', `/api/open-letters/${letterId}/promises/${first!.id}/verify`, { verdict: 'kept', note: '抽查三栋楼道，均已每日两次' });
    const last = await as('quality', 'POST', `/api/open-letters/${letterId}/promises/${second!.id}/verify`, {
      verdict: 'not_kept',
      note: '十二月只冲洗了两次',
    });
    expect(last.body.promisesVerified).toBe(2);
    expect(last.body.promises.map((p: { verdict: string; verifiedBy: string }) => [p.verdict, p.verifiedBy])).toEqual([
      ['kept', t.a.staff.quality],
      ['not_kept', t.a.staff.quality],
    ]);
    const list = await as('rep', 'GET', `/api/open-letters?projectId=${cuihu().id}`);
    expect(list.body.map((l: { id: string }) => l.id)).toEqual([letterId]);
  });

  it('the internal review of a project under target is closed with its findings, once, by the quality department', async () => {
    const reviews = await as('quality', 'GET', '/api/survey-reviews');
    const review = reviews.body.find((r: { surveyId: string }) => r.surveyId === surveyId);
    expect(review).toMatchObject({ status: 'open', findings: null, doneBy: null, rate: 4 / 6, target: 0.7 });
    await t.login('agent1');
    const before = await t.fingerprint();
    const empty = await as('quality', 'POST', `/api/survey-reviews/${review.id}/done`, { findings: ' ' });
    expect([empty.status, empty.body.field]).toEqual([400, 'findings']);
    expect((await as('agent1', 'POST', `/api/survey-reviews/${review.id}/done`, { findings: '保洁' })).status).toBe(403);
    const unknown = await as('quality', 'POST', '/api/survey-reviews/no-such-review/done', { findings: '保洁' });
    expect([unknown.status, unknown.body.code, unknown.body.field]).toEqual([404, 'SURVEY_REVIEW_NOT_FOUND', 'id']);
    expect(await t.fingerprint()).toBe(before);
    const findings = '保洁频次不足：公共区域改为每日两次，品质部每周抽查';
    const done = await as('quality', 'POST', `/api/survey-reviews/${review.id}/done`, { findings });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', findings, doneBy: '品质专员吴敏' });
    const again = await as('quality', 'POST', `/api/survey-reviews/${review.id}/done`, { findings });
    expect([again.status, again.body.code]).toEqual([409, 'SURVEY_REVIEW_DONE']);
    expect((await as('quality', 'GET', '/api/survey-reviews')).body.find((r: { id: string }) => r.id === review.id)).toMatchObject({
      status: 'done',
      findings,
    });
  });
});
