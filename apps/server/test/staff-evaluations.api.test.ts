import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Besides owner surveys (issue 14 item 4, decision 0033), over HTTP on a real database:
 * - 管家评价: 李明 (office manager) names 赵磊 the steward of 1栋; a steward rating cannot launch while
 *   2栋 has none (a second steward joined, so 赵磊 is no longer the project's only one); once 2栋 has
 *   孔丽, the households rate the steward of their building in the portal, on paper; the statistics
 *   are per steward with the rate, its interval and the mean; a second rating in the year is refused;
 *   closing one opens no internal review and the dashboard's 业主满意度 does not count it.
 * - 员工自评: 吴敏 (quality) opens a round for 翠湖花园's staff; 陈静 saves and submits her own form;
 *   李明 reviews it and she is told; nobody reviews their own; a closed round changes no form.
 * Denials and bad input change nothing.
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
const owner = async (key: string) => t.ownerLogin(t.a.owners[key]!.portalLogin);
const localToday = () => new Date(Date.parse(t.deps.now()) + 8 * 3_600_000).toISOString().slice(0, 10);
const dayAfter = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe(`the owners' yearly rating of their steward (${TEST_DB})`, () => {
  let steward2 = '';
  let surveyId = '';
  let attitude = '';
  let speed = '';

  it('李明 names 赵磊 the steward of 1栋; the wrong people, rights and projects are refused and change nothing', async () => {
    const b1 = cuihu().buildings.B1!.id;
    const list = await as('manager1', 'GET', `/api/projects/${cuihu().id}/building-stewards`);
    expect(list.status).toBe(200);
    expect(list.body.buildings.map((b: { buildingName: string; stewardId: string | null }) => [b.buildingName, b.stewardId])).toEqual([
      ['1栋', null],
      ['2栋', null],
    ]);
    expect(list.body.stewards).toEqual([{ id: t.a.staff.steward1, name: '物业管家赵磊' }]);

    for (const user of ['agent1', 'manager2']) await t.login(user);
    const before = await t.fingerprint();
    const tech = await as('manager1', 'PUT', `/api/buildings/${b1}/steward`, { staffId: t.a.staff.tech1 });
    expect(tech.status).toBe(400);
    expect(tech.body).toMatchObject({ code: 'STEWARD_NOT_ELIGIBLE', field: 'staffId' });
    expect(tech.body.message).toContain('维修员孙刚');
    const unknown = await as('manager1', 'PUT', `/api/buildings/${b1}/steward`, { staffId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'STAFF_NOT_FOUND', field: 'staffId' });
    const missing = await as('manager1', 'PUT', `/api/buildings/${b1}/steward`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('staffId');
    expect((await as('agent1', 'PUT', `/api/buildings/${b1}/steward`, { staffId: t.a.staff.steward1 })).status).toBe(403);
    const foreign = await as('manager2', 'PUT', `/api/buildings/${b1}/steward`, { staffId: t.a.staff.steward1 });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('BUILDING_NOT_FOUND');
    expect((await as('manager2', 'GET', `/api/projects/${cuihu().id}/building-stewards`)).status).toBe(404);
    expect(await t.fingerprint()).toBe(before);

    const named = await as('manager1', 'PUT', `/api/buildings/${b1}/steward`, { staffId: t.a.staff.steward1 });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body).toMatchObject({ buildingName: '1栋', stewardId: t.a.staff.steward1, stewardName: '物业管家赵磊' });
  });

  it('a steward rating cannot launch while 2栋 has no steward (the project now has two); named, it launches as a census', async () => {
    const created = await as('admin', 'POST', '/api/staff', {
      username: 'steward2',
      name: '物业管家孔丽',
      password: 'a-long-password-2',
      roles: ['area_steward'],
      projectIds: [cuihu().id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    steward2 = created.body.id;
    attitude = (await as('quality', 'POST', '/api/survey-questions', { area: 'steward', text: '您对管家的服务态度是否满意？' })).body.id;
    speed = (await as('quality', 'POST', '/api/survey-questions', { area: 'steward', text: '您对管家处理问题的及时性是否满意？' })).body.id;
    const draft = await as('quality', 'POST', '/api/surveys', {
      projectId: cuihu().id,
      kind: 'steward_rating',
      title: '2026年度管家评价',
      questionIds: [attitude, speed],
      startsOn: localToday(),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'steward_rating', sampling: 'census', sampleRate: 1 });
    surveyId = draft.body.id;

    const before = await t.fingerprint();
    const refused = await as('quality', 'POST', `/api/surveys/${surveyId}/launch`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'SURVEY_STEWARD_MISSING', field: 'id' });
    expect(refused.body.message).toContain('2栋');
    expect(await t.fingerprint()).toBe(before);

    expect((await as('manager1', 'PUT', `/api/buildings/${cuihu().buildings.B2!.id}/steward`, { staffId: steward2 })).status).toBe(200);
    const launched = await as('quality', 'POST', `/api/surveys/${surveyId}/launch`);
    expect(launched.status, JSON.stringify(launched.body)).toBe(200);
    expect(launched.body).toMatchObject({ status: 'launched', sampled: 3, households: 3 });
  });

  it('a second steward rating in the same year is refused on its start date', async () => {
    const again = await as('quality', 'POST', '/api/surveys', {
      projectId: cuihu().id,
      kind: 'steward_rating',
      title: '再一次管家评价',
      questionIds: [attitude],
      startsOn: dayAfter(localToday(), 1),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'SURVEY_STEWARD_RATING_EXISTS', field: 'startsOn' });
    // an owner satisfaction survey the same year is another matter
    const owners = await as('quality', 'POST', '/api/surveys', { projectId: cuihu().id, title: '满意度调查', questionIds: [attitude] });
    expect(owners.status).toBe(201);
    expect(owners.body.kind).toBe('owner_satisfaction');
  });

  it('each household rates the steward of its building: 张伟 in the portal, 李娜 and 王芳 on paper; the figures are per steward', async () => {
    const portal = await t.request(await owner('zhangwei'), { method: 'GET', url: '/api/portal/surveys' });
    expect(portal.status).toBe(200);
    expect(portal.body).toEqual([expect.objectContaining({ id: surveyId, kind: 'steward_rating', stewardName: '物业管家赵磊', status: 'pending' })]);
    const wang = await t.request(await owner('wangfang'), { method: 'GET', url: '/api/portal/surveys' });
    expect(wang.body[0].stewardName).toBe('物业管家孔丽');

    const answered = await t.request(await owner('zhangwei'), {
      method: 'POST',
      url: `/api/portal/surveys/${surveyId}/answers`,
      payload: { unitId: t.a.owners.zhangwei!.unitId, scores: { [attitude]: 5, [speed]: 5 } },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const households = (await as('agent1', 'GET', `/api/surveys/${surveyId}/households?status=pending`)).body.items as { code: string; unitId: string }[];
    const codeOf = (key: string) => households.find((h) => h.unitId === t.a.owners[key]!.unitId)!.code;
    for (const [key, a, s] of [
      ['lina', 2, 3],
      ['wangfang', 4, 4],
    ] as const) {
      const res = await as('agent1', 'POST', `/api/surveys/${surveyId}/answers`, {
        code: codeOf(key),
        channel: 'paper',
        scores: { [attitude]: a, [speed]: s },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const stats = await as('quality', 'GET', `/api/surveys/${surveyId}/statistics`);
    expect(stats.status).toBe(200);
    // an independent count: 赵磊 has 张伟 (5, 5) and 李娜 (2, 3); 孔丽 has 王芳 (4, 4)
    const zhao = stats.body.stewards.find((s: { stewardId: string }) => s.stewardId === t.a.staff.steward1);
    const kong = stats.body.stewards.find((s: { stewardId: string }) => s.stewardId === steward2);
    expect(zhao).toMatchObject({ stewardName: '物业管家赵磊', sampled: 2, households: 2, answers: 4, satisfied: 2, rate: 0.5, mean: 3.75 });
    expect(zhao.low).toBeLessThan(0.5);
    expect(zhao.high).toBeGreaterThan(0.5);
    expect(zhao.byQuestion).toEqual([
      expect.objectContaining({ questionId: attitude, answers: 2, satisfied: 1, mean: 3.5 }),
      expect.objectContaining({ questionId: speed, answers: 2, satisfied: 1, mean: 4 }),
    ]);
    expect(kong).toMatchObject({ stewardName: '物业管家孔丽', sampled: 1, households: 1, answers: 2, satisfied: 2, rate: 1, mean: 4 });
    expect(stats.body.project).toMatchObject({ answers: 6, satisfied: 4 });
  });

  it('closing it opens no internal review, and 业主满意度 on the dashboard does not count it', async () => {
    const closed = await as('quality', 'POST', `/api/surveys/${surveyId}/close`);
    expect(closed.status).toBe(200);
    const reviews = await as('quality', 'GET', '/api/survey-reviews');
    expect(reviews.body.filter((r: { surveyId: string }) => r.surveyId === surveyId)).toEqual([]);
    const outcomes = await as('manager1', 'GET', '/api/reports/outcomes?groupBy=project');
    expect(outcomes.body.surveys).toEqual([]);
  });
});

describe(`staff self-evaluation forms (${TEST_DB})`, () => {
  let roundId = '';
  let work = '';
  let attitude = '';
  let mine = '';

  it('吴敏 opens a round for 翠湖花园: every active member gets a form and is told; bad input and the wrong rights change nothing', async () => {
    work = (await as('quality', 'POST', '/api/survey-questions', { area: 'self_evaluation', text: '本期工作目标完成情况' })).body.id;
    attitude = (await as('quality', 'POST', '/api/survey-questions', { area: 'self_evaluation', text: '服务意识与服务态度' })).body.id;
    const body = { title: '2026年度员工自评', period: '2026年度', questionIds: [work, attitude], projectIds: [cuihu().id], dueOn: dayAfter(localToday(), 3) };

    for (const user of ['manager1', 'agent1']) await t.login(user);
    const before = await t.fingerprint();
    const noTitle = await as('quality', 'POST', '/api/self-evaluation-rounds', { ...body, title: '' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.field).toBe('title');
    const past = await as('quality', 'POST', '/api/self-evaluation-rounds', { ...body, dueOn: dayAfter(localToday(), -1) });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({ code: 'FIELD_INVALID', field: 'dueOn' });
    // the fields are named as people read them, not by their keys
    const noItems = await as('quality', 'POST', '/api/self-evaluation-rounds', { ...body, questionIds: [] });
    expect(noItems.status).toBe(400);
    expect(noItems.body.field).toBe('questionIds');
    expect(noItems.body.message).toContain('“题目”');
    expect(past.body.message).toContain('“截止日期”');
    const unknown = await as('quality', 'POST', '/api/self-evaluation-rounds', { ...body, questionIds: ['nope'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'SURVEY_QUESTION_NOT_FOUND', field: 'questionIds.0' });
    expect((await as('manager1', 'POST', '/api/self-evaluation-rounds', body)).status).toBe(403);
    expect((await as('agent1', 'GET', '/api/self-evaluation-rounds')).status).toBe(403);
    expect(await t.fingerprint()).toBe(before);

    const created = await as('quality', 'POST', '/api/self-evaluation-rounds', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    roundId = created.body.id;
    // an independent count: the active staff named to 翠湖花园 (the company-wide ones are not asked)
    const staff = (await as('admin', 'GET', '/api/staff')).body as { active: boolean; companyWide: boolean; projectIds: string[] }[];
    const expected = staff.filter((s) => s.active && !s.companyWide && s.projectIds.includes(cuihu().id)).length;
    expect(created.body).toMatchObject({ status: 'open', forms: expected, pending: expected, submitted: 0 });
    const told = await as('agent1', 'GET', '/api/notifications');
    expect(told.body.map((n: { kind: string }) => n.kind)).toContain('self_evaluation_due');
  });

  it('陈静 saves part of her form, cannot submit it incomplete, then submits it; nobody else fills it in', async () => {
    const forms = await as('agent1', 'GET', '/api/self-evaluations/mine');
    expect(forms.status).toBe(200);
    expect(forms.body).toHaveLength(1);
    mine = forms.body[0].id;
    expect(forms.body[0]).toMatchObject({ roundId, status: 'pending', staffName: '客服专员陈静', roundStatus: 'open' });

    const saved = await as('agent1', 'PUT', `/api/self-evaluations/${mine}`, { scores: { [work]: 4 }, shortcomings: '回访记录不够及时' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'pending', scores: { [work]: 4 }, mean: 4, shortcomings: '回访记录不够及时' });

    for (const user of ['frontdesk1', 'manager1']) await t.login(user);
    const before = await t.fingerprint();
    const incomplete = await as('agent1', 'POST', `/api/self-evaluations/${mine}/submit`, { summary: '全年受理工单 1,200 单' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ code: 'SURVEY_ANSWER_INCOMPLETE', field: `scores.${attitude}` });
    const noSummary = await as('agent1', 'POST', `/api/self-evaluations/${mine}/submit`, { scores: { [work]: 4, [attitude]: 5 } });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'summary' });
    const badScore = await as('agent1', 'PUT', `/api/self-evaluations/${mine}`, { scores: { [work]: 9 } });
    expect(badScore.status).toBe(400);
    expect(badScore.body).toMatchObject({ code: 'SURVEY_SCORE_INVALID', field: `scores.${work}` });
    const other = await as('frontdesk1', 'PUT', `/api/self-evaluations/${mine}`, { summary: '代填' });
    expect(other.status).toBe(403);
    expect((await as('frontdesk1', 'GET', `/api/self-evaluations/${mine}`)).status).toBe(403);
    const managerFills = await as('manager1', 'PUT', `/api/self-evaluations/${mine}`, { summary: '代填' });
    expect(managerFills.status).toBe(403);
    expect(managerFills.body.code).toBe('SELF_EVALUATION_NOT_OWN');
    expect(await t.fingerprint()).toBe(before);

    const submitted = await as('agent1', 'POST', `/api/self-evaluations/${mine}/submit`, {
      scores: { [work]: 4, [attitude]: 5 },
      summary: '全年受理工单 1,200 单',
      plan: '回访当天完成',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', mean: 4.5, late: false, shortcomings: '回访记录不够及时' });
    const again = await as('agent1', 'PUT', `/api/self-evaluations/${mine}`, { plan: '改了' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SELF_EVALUATION_TRANSITION_NOT_ALLOWED');
  });

  it('李明 reviews it and 陈静 is told; his own form he cannot review; another office sees neither round nor form', async () => {
    const sheet = await as('manager1', 'GET', `/api/self-evaluation-rounds/${roundId}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.forms.find((f: { id: string }) => f.id === mine)).toMatchObject({ status: 'submitted', staffName: '客服专员陈静' });
    expect((await as('manager2', 'GET', `/api/self-evaluation-rounds/${roundId}`)).status).toBe(404);
    expect((await as('manager2', 'GET', `/api/self-evaluations/${mine}`)).status).toBe(404);
    expect((await as('manager2', 'POST', `/api/self-evaluations/${mine}/review`, { comment: '好' })).status).toBe(404);
    expect((await as('agent1', 'POST', `/api/self-evaluations/${mine}/review`, { comment: '自己评' })).status).toBe(403);
    const empty = await as('manager1', 'POST', `/api/self-evaluations/${mine}/review`, { comment: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('comment');

    const reviewed = await as('manager1', 'POST', `/api/self-evaluations/${mine}/review`, { comment: '工作认真，回访及时性需加强' });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewedBy: '管理处主任李明', reviewComment: '工作认真，回访及时性需加强' });
    const told = await as('agent1', 'GET', '/api/notifications');
    expect(told.body.map((n: { kind: string }) => n.kind)).toContain('self_evaluation_reviewed');
    const twice = await as('manager1', 'POST', `/api/self-evaluations/${mine}/review`, { comment: '再评' });
    expect(twice.status).toBe(409);

    const his = (await as('manager1', 'GET', '/api/self-evaluations/mine')).body[0].id;
    expect(
      (await as('manager1', 'POST', `/api/self-evaluations/${his}/submit`, { scores: { [work]: 5, [attitude]: 5 }, summary: '管理处全年目标完成' })).status,
    ).toBe(200);
    const own = await as('manager1', 'POST', `/api/self-evaluations/${his}/review`, { comment: '很好' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('SELF_EVALUATION_OWN_REVIEW');
  });

  it('a closed round changes no form, a submitted one is still reviewed; a form submitted after its due date is marked late', async () => {
    const late = (await as('supervisor1', 'GET', '/api/self-evaluations/mine')).body[0].id;
    t.advance(4 * 24 * 60);
    t.forgetLogins();
    const lateForm = await as('supervisor1', 'POST', `/api/self-evaluations/${late}/submit`, { scores: { [work]: 3, [attitude]: 4 }, summary: '迟交' });
    expect(lateForm.status, JSON.stringify(lateForm.body)).toBe(200);
    expect(lateForm.body.late).toBe(true);

    expect((await as('manager1', 'POST', `/api/self-evaluation-rounds/${roundId}/close`)).status).toBe(403);
    const closed = await as('quality', 'POST', `/api/self-evaluation-rounds/${roundId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', reviewed: 1, submitted: 2 });
    const tooLate = await as('frontdesk1', 'GET', '/api/self-evaluations/mine');
    const save = await as('frontdesk1', 'PUT', `/api/self-evaluations/${tooLate.body[0].id}`, { summary: '晚了' });
    expect(save.status).toBe(409);
    expect(save.body.code).toBe('SELF_EVALUATION_ROUND_CLOSED');
    expect((await as('quality', 'POST', `/api/self-evaluation-rounds/${roundId}/close`)).status).toBe(409);
    const his = (await as('manager1', 'GET', '/api/self-evaluations/mine')).body[0].id;
    expect((await as('enghead1', 'POST', `/api/self-evaluations/${his}/review`, { comment: '同意' })).status).toBe(200);
  });
});
