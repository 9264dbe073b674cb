import { drawSample, wilsonInterval } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/delivery/worker.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Satisfaction surveys (满意度调查, issue 14 item 4) over HTTP on a real database: the quality
 * department builds a questionnaire from the bank and launches a census of 翠湖花园's three occupied
 * households; each sampled owner is invited through the outbox; 张伟 answers in the portal (once), the
 * desk enters 李娜's paper questionnaire by its code, a phone answer is refused over the 20% cap;
 * recovery, statistics (checked against a recount), the comment register, the review under target, the
 * change from the previous campaign, a stratified sample reproduced from its stored seed, and answers
 * after the end date refused. Denials: other projects' staff, owners of other homes, the wrong rights.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
const db = () => t.deps.database.db as any;

async function as(user: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  return t.request(await t.login(user), { method, url, payload: payload as any });
}
async function owner(key: 'zhangwei' | 'lina' | 'wangfang' | 'liuyang', method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.request(await t.ownerLogin(t.a.owners[key]!.portalLogin), { method, url, payload: payload as any });
}

describe(`satisfaction surveys (${TEST_DB})`, () => {
  const q: string[] = [];
  let surveyId = '';
  let codes: Record<string, string> = {};

  it('builds the bank: three items with the default 5-point words, one with its own', async () => {
    for (const [area, text] of [
      ['repairs', '您对维修服务的及时性和质量是否满意？'],
      ['cleaning', '您对小区公共区域的清洁卫生是否满意？'],
    ] as const) {
      const res = await as('quality', 'POST', '/api/survey-questions', { area, text });
      expect(res.status).toBe(201);
      expect(res.body.options.map((o: { score: number }) => o.score)).toEqual([5, 4, 3, 2, 1]);
      expect(res.body.options[0].label).toBe('非常满意');
      q.push(res.body.id);
    }
    const own = await as('quality', 'POST', '/api/survey-questions', {
      area: 'security',
      text: '您对小区的安全秩序是否满意？',
      options: [1, 2, 3, 4, 5].map((score) => ({ score, label: ['很差', '较差', '一般', '较好', '很好'][score - 1] })),
    });
    expect(own.status).toBe(201);
    q.push(own.body.id);
    const list = await as('quality', 'GET', '/api/survey-questions');
    expect(list.body.map((x: { id: string }) => x.id).sort()).toEqual([...q].sort());
    expect((await as('agent1', 'GET', '/api/survey-questions')).status).toBe(403);
  });

  it('a draft takes June or November by default and 15% for an estate occupied since 2019; a rate under that floor is refused on its field', async () => {
    const res = await as('quality', 'POST', '/api/surveys', { projectId: cuihu().id, title: '2027年6月满意度调查', questionIds: q });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      startsOn: '2027-06-01',
      endsOn: '2027-06-10',
      sampling: 'stratified',
      sampleRate: 0.15,
      recoveryTarget: 0.75,
    });
    const low = await as('quality', 'POST', '/api/surveys', { projectId: cuihu().id, title: 'x', questionIds: q, sampleRate: 0.1 });
    expect(low.status).toBe(400);
    expect(low.body).toMatchObject({ code: 'FIELD_INVALID', field: 'sampleRate' });
    expect(low.body.detail ?? low.body.message).toContain('15%');
  });

  it('launches a census: one pending answer row per occupied household, invitations planned through the outbox', async () => {
    const draft = await as('quality', 'POST', '/api/surveys', {
      projectId: cuihu().id,
      title: '2026年11月业主满意度调查',
      questionIds: q,
      commentPrompt: '您还有什么意见和建议？',
      startsOn: '2026-11-25',
      endsOn: '2026-12-04',
      sampling: 'census',
    });
    expect(draft.status).toBe(201);
    surveyId = draft.body.id;
    const edited = await as('quality', 'PATCH', `/api/surveys/${surveyId}`, { title: '2026年下半年业主满意度调查' });
    expect(edited.body.title).toBe('2026年下半年业主满意度调查');
    const launched = await as('quality', 'POST', `/api/surveys/${surveyId}/launch`);
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ status: 'launched', households: 3, sampled: 3, answered: 0, phoneCap: 0, distributeBy: '2026-11-28' });
    expect((await as('quality', 'POST', `/api/surveys/${surveyId}/launch`)).body.code).toBe('SURVEY_TRANSITION_NOT_ALLOWED');
    expect((await as('quality', 'PATCH', `/api/surveys/${surveyId}`, { title: 'y' })).status).toBe(409);

    const households = await as('agent1', 'GET', `/api/surveys/${surveyId}/households?status=pending`);
    expect(households.body.total).toBe(3);
    codes = Object.fromEntries(households.body.items.map((h: { unitId: string; code: string }) => [h.unitId, h.code]));
    expect(Object.keys(codes).sort()).toEqual([t.a.owners.zhangwei!.unitId, t.a.owners.lina!.unitId, t.a.owners.wangfang!.unitId].sort());
    // one building's households (the console's filter: who in 1栋 has not answered)
    const b1 = await as('agent1', 'GET', `/api/surveys/${surveyId}/households?status=pending&buildingId=${cuihu().buildings.B1!.id}`);
    expect(b1.body.total).toBe(2);
    expect(b1.body.items.map((h: { unitId: string }) => h.unitId).sort()).toEqual([t.a.owners.zhangwei!.unitId, t.a.owners.lina!.unitId].sort());
    expect(b1.body.items.every((h: { buildingName: string }) => h.buildingName === '1栋')).toBe(true);
    const b2 = await as('agent1', 'GET', `/api/surveys/${surveyId}/households?buildingId=${cuihu().buildings.B2!.id}`);
    expect(b2.body).toMatchObject({ total: 1, items: [{ unitId: t.a.owners.wangfang!.unitId }] });
    const paper = await as('agent1', 'GET', `/api/surveys/${surveyId}/paper`);
    expect(paper.body.households.map((h: { unitLabel: string }) => h.unitLabel).sort()).toEqual(['1栋-1单元-101', '1栋-1单元-102', '2栋-1单元-201']);

    await planOutbox(t.deps);
    const invites = await db().selectFrom('deliveries').selectAll().where('kind', '=', 'survey_invitation').where('sourceId', '=', surveyId).execute();
    expect(invites.map((d: { recipientId: string }) => d.recipientId).sort()).toEqual(
      [t.a.owners.zhangwei!.id, t.a.owners.lina!.id, t.a.owners.wangfang!.id].sort(),
    );
  });

  it('张伟 answers in the portal at once, and only once; 刘洋 of 滨江 does not see it', async () => {
    const mine = await owner('zhangwei', 'GET', '/api/portal/surveys');
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ id: surveyId, status: 'pending', unitLabel: '1栋-1单元-101', commentPrompt: '您还有什么意见和建议？' });
    const incomplete = await owner('zhangwei', 'POST', `/api/portal/surveys/${surveyId}/answers`, {
      unitId: t.a.owners.zhangwei!.unitId,
      scores: { [q[0]!]: 5 },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ code: 'SURVEY_ANSWER_INCOMPLETE', field: `scores.${q[1]}` });
    const payload = { unitId: t.a.owners.zhangwei!.unitId, scores: { [q[0]!]: 5, [q[1]!]: 2, [q[2]!]: 4 }, comment: '地下车库照明不足，希望尽快维修' };
    const ok = await owner('zhangwei', 'POST', `/api/portal/surveys/${surveyId}/answers`, payload);
    expect(ok.status).toBe(201);
    expect(ok.body.channel).toBe('portal');
    const again = await owner('zhangwei', 'POST', `/api/portal/surveys/${surveyId}/answers`, payload);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await owner('zhangwei', 'GET', '/api/portal/surveys')).body[0].status).toBe('answered');
    // another owner's home, another project's owner
    expect((await owner('lina', 'POST', `/api/portal/surveys/${surveyId}/answers`, payload)).status).toBe(404);
    expect((await owner('liuyang', 'GET', '/api/portal/surveys')).body).toEqual([]);
    expect((await owner('liuyang', 'POST', `/api/portal/surveys/${surveyId}/answers`, payload)).body.code).toBe('SURVEY_NOT_FOUND');
  });

  it('the desk enters 李娜’s paper questionnaire by its code; a phone answer over the 20% cap is refused', async () => {
    const lina = codes[t.a.owners.lina!.unitId]!;
    const res = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, {
      code: lina.toLowerCase(),
      channel: 'paper',
      scores: { [q[0]!]: 4, [q[1]!]: 3, [q[2]!]: 5 },
    });
    expect(res.status).toBe(201);
    expect(res.body.channel).toBe('paper');
    const wang = codes[t.a.owners.wangfang!.unitId]!;
    const phone = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, {
      code: wang,
      channel: 'phone',
      scores: { [q[0]!]: 1, [q[1]!]: 5, [q[2]!]: 3 },
    });
    expect(phone.status).toBe(409);
    expect(phone.body).toMatchObject({ code: 'SURVEY_PHONE_CAP_REACHED', field: 'channel' });
    expect((await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, { code: 'ZZZZZZZZ', channel: 'paper', scores: {} })).body.code).toBe(
      'SURVEY_CODE_NOT_FOUND',
    );
    expect((await as('agent2', 'POST', `/api/surveys/${surveyId}/answers`, { code: wang, channel: 'paper', scores: {} })).status).toBe(404);
    expect((await as('tech1', 'POST', `/api/surveys/${surveyId}/answers`, { code: wang, channel: 'paper', scores: {} })).status).toBe(403);
    const paper = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, {
      code: wang,
      channel: 'paper',
      scores: { [q[0]!]: 1, [q[1]!]: 5, [q[2]!]: 3 },
    });
    expect(paper.status).toBe(201);
    expect((await as('agent1', 'GET', `/api/surveys/${surveyId}/households?status=pending`)).body.total).toBe(0);
  });

  it('recovery per day and building; statistics equal a recount, with Wilson intervals', async () => {
    const rec = await as('quality', 'GET', `/api/surveys/${surveyId}/recovery`);
    expect(rec.body).toMatchObject({ sampled: 3, answered: 3, rate: 1, target: 0.75, dueOn: '2026-12-04', byChannel: { portal: 1, paper: 2, phone: 0 } });
    expect(rec.body.days).toHaveLength(10);
    expect(rec.body.days[0]).toEqual({ date: '2026-11-25', answered: 3, rate: 1 });
    expect(rec.body.byBuilding.map((b: { buildingName: string; sampled: number }) => [b.buildingName, b.sampled])).toEqual([
      ['1栋', 2],
      ['2栋', 1],
    ]);
    const stats = await as('quality', 'GET', `/api/surveys/${surveyId}/statistics`);
    expect(stats.status).toBe(200);
    // scores: 张伟 5 2 4, 李娜 4 3 5, 王芳 1 5 3 → satisfied 5 of 9
    expect(stats.body.project).toMatchObject({ answers: 9, satisfied: 5 });
    expect(stats.body.project.low).toBeCloseTo(wilsonInterval(5, 9).low, 12);
    expect(stats.body.byQuestion.map((x: { satisfied: number; answers: number }) => [x.satisfied, x.answers])).toEqual([
      [2, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(stats.body.byQuestion[0].scores).toEqual({ 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(stats.body.byBuilding.map((b: { buildingName: string; satisfied: number; answers: number }) => [b.buildingName, b.satisfied, b.answers])).toEqual([
      ['1栋', 4, 6],
      ['2栋', 1, 3],
    ]);
    expect(stats.body).toMatchObject({ households: 3, comments: 1, target: 0.7, belowTarget: true, previous: null, change: null });
    const file = await t.request(await t.login('quality'), { method: 'GET', url: `/api/surveys/${surveyId}/statistics/export` });
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
  });

  it('every comment is a register entry the quality department deals with', async () => {
    const reg = await as('quality', 'GET', `/api/surveys/${surveyId}/register?status=open`);
    expect(reg.body).toHaveLength(1);
    expect(reg.body[0]).toMatchObject({ text: '地下车库照明不足，希望尽快维修', unitLabel: '1栋-1单元-101', status: 'open' });
    const done = await as('quality', 'POST', `/api/survey-register/${reg.body[0].id}/handle`, { note: '已安排工程部更换灯具' });
    expect(done.body).toMatchObject({ status: 'handled', note: '已安排工程部更换灯具' });
    expect((await as('quality', 'POST', `/api/survey-register/${reg.body[0].id}/handle`, { note: 'x' })).status).toBe(409);
    expect((await as('agent1', 'GET', `/api/surveys/${surveyId}/register`)).status).toBe(403);
  });

  it('closing under the target opens an internal review; the next campaign shows the change and its test', async () => {
    expect((await as('quality', 'GET', `/api/projects/${cuihu().id}/survey-target`)).body).toEqual({ projectId: cuihu().id, target: 0.7 });
    expect((await as('quality', 'PUT', `/api/projects/${cuihu().id}/survey-target`, { target: 0.8 })).body).toEqual({ projectId: cuihu().id, target: 0.8 });
    expect((await as('quality', 'GET', `/api/projects/${cuihu().id}/survey-target`)).body).toEqual({ projectId: cuihu().id, target: 0.8 });
    expect((await as('agent1', 'GET', `/api/projects/${cuihu().id}/survey-target`)).status).toBe(403);
    expect((await as('quality', 'GET', '/api/projects/no-such-project/survey-target')).body).toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'id' });
    const closed = await as('quality', 'POST', `/api/surveys/${surveyId}/close`);
    expect(closed.body.status).toBe('closed');
    const reviews = await as('quality', 'GET', '/api/survey-reviews');
    expect(reviews.body).toHaveLength(1);
    expect(reviews.body[0]).toMatchObject({ surveyId, projectName: '翠湖花园管理处', target: 0.8, status: 'open' });
    expect(reviews.body[0].rate).toBeCloseTo(5 / 9, 12);
    const late = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, { code: 'ZZZZZZZZ', channel: 'paper', scores: {} });
    expect(late.body.code).toBe('SURVEY_NOT_OPEN');

    const next = await as('quality', 'POST', '/api/surveys', {
      projectId: cuihu().id,
      title: '复测',
      questionIds: [q[0]!],
      startsOn: '2026-11-25',
      endsOn: '2026-11-26',
      sampling: 'census',
    });
    await as('quality', 'POST', `/api/surveys/${next.body.id}/launch`);
    const codesNext = (await as('agent1', 'GET', `/api/surveys/${next.body.id}/households`)).body.items.map((h: { code: string }) => h.code);
    for (const code of codesNext)
      expect((await as('agent1', 'POST', `/api/surveys/${next.body.id}/answers`, { code, channel: 'paper', scores: { [q[0]!]: 5 } })).status).toBe(201);
    const stats = await as('quality', 'GET', `/api/surveys/${next.body.id}/statistics`);
    expect(stats.body.previous).toMatchObject({ surveyId, project: { answers: 9, satisfied: 5 } });
    expect(stats.body.change.difference).toBeCloseTo(1 - 5 / 9, 12);
    expect(stats.body.change.significant).toBe(false);
    // after its end date no answer is taken, even while still running
    t.advance(3 * 24 * 60);
    const after = await t.request(await freshLogin('agent1'), {
      method: 'POST',
      url: `/api/surveys/${next.body.id}/answers`,
      payload: { code: codesNext[0], channel: 'paper', scores: { [q[0]!]: 5 } },
    });
    expect(after.body.code).toBe('SURVEY_NOT_OPEN');
  });

  it('a stratified sample: 15% of the households (at least one), reproduced from the stored seed', async () => {
    const quality = await freshLogin('quality');
    const res = await t.request(quality, {
      method: 'POST',
      url: '/api/surveys',
      payload: { projectId: cuihu().id, title: '抽样', questionIds: q, startsOn: '2026-11-28' },
    });
    const launched = await t.request(quality, { method: 'POST', url: `/api/surveys/${res.body.id}/launch` });
    expect(launched.body).toMatchObject({ households: 3, sampled: 1, sampleRate: 0.15 });
    const rows = await db().selectFrom('surveyAnswers').select(['unitId']).where('surveyId', '=', res.body.id).execute();
    const b1 = cuihu().buildings.B1!;
    const b2 = cuihu().buildings.B2!;
    const again = drawSample(
      [
        { key: b1.id, members: [t.a.owners.zhangwei!.unitId, t.a.owners.lina!.unitId] },
        { key: b2.id, members: [t.a.owners.wangfang!.unitId] },
      ],
      { rate: 0.15, seed: launched.body.seed },
    );
    expect(rows.map((r: { unitId: string }) => r.unitId)).toEqual(again.households.map((h) => h.id));
  });

  it('other projects’ staff see nothing of it; reading takes survey.manage or survey.enter', async () => {
    const agent2 = await freshLogin('agent2');
    expect((await t.request(agent2, { method: 'GET', url: `/api/surveys/${surveyId}` })).status).toBe(404);
    expect((await t.request(agent2, { method: 'GET', url: `/api/surveys?projectId=${cuihu().id}` })).status).toBe(404);
    const own = await t.request(agent2, { method: 'GET', url: '/api/surveys' });
    expect(own.body).toEqual([]);
    expect((await t.request(await freshLogin('tech1'), { method: 'GET', url: `/api/surveys/${surveyId}` })).status).toBe(403);
    expect((await t.request(await freshLogin('agent1'), { method: 'POST', url: `/api/surveys/${surveyId}/close` })).status).toBe(403);
  });
});

/** Sessions idle out after a long advance of the clock: sign in afresh. */
async function freshLogin(username: string): Promise<string> {
  const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: 'guanjia-demo' } });
  return res.body.token;
}
