import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVisitPlan, planVisits, visitRecordBody } from './fixtures/visit-plan.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * The monthly communication cycle (每月客户沟通, issue 14 item 3) over HTTP on a real database: the
 * supervisor's contact list (every owner who complained or made a suggestion in November, once, due
 * by 5 December; regenerated without duplicates; contacted or unreachable after three attempts), the
 * monthly summary (figures from the month's data, the draft edited at its version, submitted and
 * frozen, returned, accepted by the office manager with every opinion assigned, opinions tracked) and
 * meetings (minutes due in 3 days, late ones flagged; actions tracked). Denials: a technician, another
 * project's staff, another tenant.
 */
let t: TestContext;
const MONTH = '2026-11'; // the harness's clock: 2026-11-25 10:00 in Shanghai

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
/** Sessions of this file, signed in afresh after the clock moves on by days (cached ones would idle out). */
const sessions = new Map<string, string>();
async function login(who: string): Promise<string> {
  if (!sessions.has(who)) {
    const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: who, password: 'guanjia-demo' } });
    sessions.set(who, res.body.token);
  }
  return sessions.get(who)!;
}
const post = async (who: string, url: string, payload: unknown) => t.request(await login(who), { method: 'POST', url, payload: payload as never });
const get = async (who: string, url: string) => t.request(await login(who), { method: 'GET', url });
const patch = async (who: string, url: string, payload: unknown) => t.request(await login(who), { method: 'PATCH', url, payload: payload as never });

async function newCase(payload: Record<string, unknown>) {
  const res = await post('agent1', '/api/cases', { projectId: cuihu().id, channel: 'hotline', apologized: true, readBack: true, ...payload });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case as { id: string; number: string };
}

describe(`the monthly communication cycle (${TEST_DB})`, () => {
  const zhang = () => t.a.owners.zhangwei!;
  const lina = () => t.a.owners.lina!;
  let complaint1: { id: string; number: string };
  let contactZhang = '';
  let contactLina = '';

  it('the contact list: each owner with a complaint or suggestion this month once, with the cases, due by the 5th of next month', async () => {
    complaint1 = await newCase({ type: 'complaint', description: '楼道灯坏了一周没人修', ownerId: zhang().id, unitId: zhang().unitId });
    await newCase({ type: 'suggestion', description: '建议增设快递柜', ownerId: lina().id, unitId: lina().unitId });
    await newCase({ type: 'repair', description: '水龙头漏水', ownerId: t.a.owners.wangfang!.id, unitId: t.a.owners.wangfang!.unitId, repairGrade: 'normal' });
    const res = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ month: MONTH, dueOn: '2026-12-05', added: 2, sources: { cases: true, visitOpinions: true, surveyComments: true } });
    const byOwner = new Map(res.body.rows.map((r: any) => [r.ownerId, r]));
    expect([...byOwner.keys()].sort()).toEqual([zhang().id, lina().id].sort());
    const z: any = byOwner.get(zhang().id);
    expect(z).toMatchObject({ status: 'open', clock: 'on_time', dueOn: '2026-12-05', ownerName: expect.stringMatching(/^张\*/) });
    expect(z.cases).toEqual([{ id: complaint1.id, number: complaint1.number, type: 'complaint', title: expect.any(String) }]);
    contactZhang = z.id;
    contactLina = (byOwner.get(lina().id) as any).id;
  });

  it('regenerating adds the new cases and owners, never a second row', async () => {
    const again = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    expect([again.body.added, again.body.rows.length]).toEqual([0, 2]);
    const second = await newCase({ type: 'complaint', description: '垃圾清运不及时', ownerId: zhang().id, unitId: zhang().unitId });
    const third = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    expect([third.body.added, third.body.rows.length]).toEqual([0, 2]);
    const z = third.body.rows.find((r: any) => r.ownerId === zhang().id);
    expect(z.cases.map((c: any) => c.id)).toEqual([complaint1.id, second.id]);
  });

  it('refuses a future month, a technician, another project’s supervisor (no monthly rights there) and another tenant', async () => {
    for (const who of ['supervisor1', 'tech1', 'manager2', 'b_admin']) await login(who);
    const before = await t.fingerprint();
    const future = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: '2027-01' });
    expect([future.status, future.body.code, future.body.field]).toEqual([400, 'MONTHLY_MONTH_NOT_STARTED', 'month']);
    const tech = await post('tech1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    expect([tech.status, tech.body.code]).toEqual([403, 'FORBIDDEN']);
    const otherManager = await get('manager2', `/api/monthly/contacts?projectId=${cuihu().id}&month=${MONTH}`);
    expect([otherManager.status, otherManager.body.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
    const otherRow = await post('manager2', `/api/monthly/contacts/${contactZhang}/attempts`, { reached: false, channel: 'phone' });
    expect(otherRow.status).toBe(403); // no monthly.write at all
    const tenantB = await post('b_admin', `/api/monthly/contacts/${contactZhang}/attempts`, { reached: false, channel: 'phone' });
    expect([tenantB.status, tenantB.body.code]).toEqual([404, 'MONTHLY_CONTACT_NOT_FOUND']);
    const wrong = await post('supervisor1', `/api/monthly/contacts/${contactZhang}/attempts`, { reached: true, channel: 'phone', result: 'satisfied' });
    expect([wrong.status, wrong.body.field]).toEqual([400, 'ownerWords']);
    expect(await t.fingerprint()).toBe(before);
  });

  it('a contact record closes the row; unreachable only after three failed attempts', async () => {
    const done = await post('supervisor1', `/api/monthly/contacts/${contactZhang}/attempts`, {
      reached: true,
      channel: 'phone',
      ownerWords: '灯已经修好了，谢谢',
      result: 'satisfied',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'contacted', clock: 'done', channel: 'phone', result: 'satisfied', closedBy: t.a.staff.supervisor1 });
    const twice = await post('supervisor1', `/api/monthly/contacts/${contactZhang}/attempts`, { reached: false, channel: 'phone' });
    expect([twice.status, twice.body.code]).toEqual([409, 'MONTHLY_CONTACT_CLOSED']);

    const early = await post('supervisor1', `/api/monthly/contacts/${contactLina}/unreachable`, { note: '电话无人接听' });
    expect([early.status, early.body.code, early.body.message]).toEqual([
      409,
      'MONTHLY_ATTEMPTS_TOO_FEW',
      '至少联系 3 次未果才能标记为无法联系（已联系 0 次）',
    ]);
    for (let i = 0; i < 3; i++)
      expect((await post('supervisor1', `/api/monthly/contacts/${contactLina}/attempts`, { reached: false, channel: 'phone' })).status).toBe(200);
    const unreachable = await post('supervisor1', `/api/monthly/contacts/${contactLina}/unreachable`, { note: '三次电话无人接听' });
    expect(unreachable.body).toMatchObject({ status: 'unreachable', clock: 'done' });
    expect(unreachable.body.attempts).toHaveLength(3);
  });

  let summaryId = '';
  let version = 0;
  it('the summary: a draft built from the month’s data, one per month', async () => {
    const res = await post('supervisor1', '/api/monthly/summaries', { projectId: cuihu().id, month: MONTH });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const f = res.body.figures;
    expect(f.casesByType).toEqual(
      expect.arrayContaining([
        { type: 'complaint', count: 2 },
        { type: 'suggestion', count: 1 },
        { type: 'repair', count: 1 },
      ]),
    );
    expect(f.contacts).toMatchObject({ total: 2, contacted: 1, unreachable: 1, open: 0, overdue: 0 });
    expect(f.openAtMonthEnd.reduce((a: number, r: any) => a + r.count, 0)).toBe(4);
    expect(f.complaintCategories.reduce((a: number, r: any) => a + r.count, 0)).toBe(2);
    expect(f.notAvailable).toEqual([]);
    expect(f.surveyComments).toBe(0);
    expect(res.body.opinions.map((o: any) => [o.source, o.status])).toEqual([
      ['complaint', 'unassigned'],
      ['suggestion', 'unassigned'],
      ['complaint', 'unassigned'],
    ]);
    summaryId = res.body.id;
    version = res.body.version;
    const dup = await post('supervisor1', '/api/monthly/summaries', { projectId: cuihu().id, month: MONTH });
    expect([dup.status, dup.body.code]).toEqual([409, 'MONTHLY_SUMMARY_EXISTS']);
  });

  it('edits at the version read; a stale edit is refused; the figures are rebuilt only on request', async () => {
    const edit = await patch('supervisor1', `/api/monthly/summaries/${summaryId}`, {
      version,
      overview: '本月投诉两宗，建议一宗',
      mainProblems: '公共照明维修不及时',
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ version: version + 1, overview: '本月投诉两宗，建议一宗', status: 'draft' });
    const stale = await patch('supervisor1', `/api/monthly/summaries/${summaryId}`, { version, overview: '覆盖' });
    expect([stale.status, stale.body.code, stale.body.field]).toEqual([409, 'MONTHLY_SUMMARY_CHANGED', 'version']);
    version = edit.body.version;
    await newCase({ type: 'suggestion', description: '建议延长游泳池开放时间', ownerId: zhang().id, unitId: zhang().unitId });
    expect((await get('supervisor1', `/api/monthly/summaries/${summaryId}`)).body.opinions).toHaveLength(3);
    const refreshed = await post('supervisor1', `/api/monthly/summaries/${summaryId}/refresh`, { version });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.opinions).toHaveLength(4);
    expect(refreshed.body.overview).toBe('本月投诉两宗，建议一宗');
    version = refreshed.body.version;
  });

  it('submitted: frozen; the office manager returns it with a reason, then accepts it assigning every opinion', async () => {
    const tooEarly = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, { decision: 'return', note: '请补充' });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'MONTHLY_SUMMARY_NOT_SUBMITTED']);
    const submitted = await post('supervisor1', `/api/monthly/summaries/${summaryId}/submit`, { version });
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedBy: t.a.staff.supervisor1 });
    const frozen = await patch('supervisor1', `/api/monthly/summaries/${summaryId}`, { version: submitted.body.version, overview: '改' });
    expect([frozen.status, frozen.body.code]).toEqual([409, 'MONTHLY_SUMMARY_FROZEN']);
    const bySupervisor = await post('supervisor1', `/api/monthly/summaries/${summaryId}/review`, { decision: 'return', note: '自己退回' });
    expect([bySupervisor.status, bySupervisor.body.code]).toEqual([403, 'FORBIDDEN']);
    const returned = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, { decision: 'return', note: '请补充改进措施' });
    expect(returned.body).toMatchObject({ status: 'draft', reviewNote: '请补充改进措施', reviewedBy: t.a.staff.manager1 });
    const edited = await patch('supervisor1', `/api/monthly/summaries/${summaryId}`, { version: returned.body.version, improvements: '照明报修当日处理' });
    const again = await post('supervisor1', `/api/monthly/summaries/${summaryId}/submit`, { version: edited.body.version });
    expect(again.body.status).toBe('submitted');

    const opinions: any[] = again.body.opinions;
    const all = opinions.map((o) => ({ opinionId: o.id, assigneeId: t.a.staff.supervisor1, deadlineOn: '2026-12-10' }));
    await login('manager1');
    const before = await t.fingerprint();
    const partial = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, { decision: 'accept', assignments: all.slice(1) });
    expect([partial.status, partial.body.code, partial.body.field]).toEqual([400, 'MONTHLY_OPINION_UNASSIGNED', 'assignments']);
    const past = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, {
      decision: 'accept',
      assignments: all.map((a, i) => (i === 2 ? { ...a, deadlineOn: '2026-11-01' } : a)),
    });
    expect([past.status, past.body.code, past.body.field]).toEqual([400, 'MONTHLY_DEADLINE_PAST', 'assignments.2.deadlineOn']);
    const outsider = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, {
      decision: 'accept',
      assignments: all.map((a, i) => (i === 1 ? { ...a, assigneeId: t.a.staff.agent2 } : a)),
    });
    expect([outsider.status, outsider.body.code, outsider.body.field]).toEqual([400, 'STAFF_NOT_IN_SCOPE', 'assignments.1.assigneeId']);
    expect(await t.fingerprint()).toBe(before);

    const assignments = all.map((a, i) => (i === 0 ? { ...a, assigneeId: t.a.staff.tech1, deadlineOn: '2026-11-26' } : a));
    const accepted = await post('manager1', `/api/monthly/summaries/${summaryId}/review`, { decision: 'accept', assignments });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.opinions.every((o: any) => o.status === 'open' && o.assigneeId && o.deadlineOn)).toBe(true);
  });

  it('assigned opinions are tracked: overdue flagged, done by the assignee (a technician) or the supervisor', async () => {
    t.advance(2 * 24 * 60); // 27 November: the first opinion's deadline (26th) has passed
    sessions.clear();
    const open = await get('manager1', `/api/monthly/opinions?projectId=${cuihu().id}&status=open`);
    expect(open.body).toHaveLength(4);
    const late = open.body.find((o: any) => o.assigneeId === t.a.staff.tech1);
    expect(late).toMatchObject({ overdue: true, assigneeName: expect.any(String) });
    expect(open.body.filter((o: any) => o.overdue)).toHaveLength(1);
    const notTheirs = await post('tech1', `/api/monthly/opinions/${open.body.find((o: any) => o.assigneeId !== t.a.staff.tech1).id}/done`, {});
    expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'FORBIDDEN']);
    const done = await post('tech1', `/api/monthly/opinions/${late.id}/done`, { note: '已更换灯管' });
    expect(done.body).toMatchObject({ status: 'done', doneBy: t.a.staff.tech1, overdue: false, doneNote: '已更换灯管' });
    const twice = await post('supervisor1', `/api/monthly/opinions/${late.id}/done`, {});
    expect([twice.status, twice.body.code]).toEqual([409, 'MONTHLY_OPINION_NOT_OPEN']);
    expect((await get('supervisor1', `/api/monthly/opinions?projectId=${cuihu().id}&status=done`)).body).toHaveLength(1);
  });

  it('the summary as .xlsx and CSV: the figures and sections, then each opinion with its owner and state; another office is refused', async () => {
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/monthly/summaries/${summaryId}/export`,
      headers: { authorization: `Bearer ${await login('manager1')}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/monthly/summaries/${summaryId}/export?format=csv`,
      headers: { authorization: `Bearer ${await login('supervisor1')}` },
    });
    expect(csv.statusCode).toBe(200);
    const summary = (await get('supervisor1', `/api/monthly/summaries/${summaryId}`)).body;
    expect(csv.body).toContain('沟通及时率');
    expect(csv.body).toContain(summary.overview.split('\n')[0]);
    for (const o of summary.opinions) if (o.assigneeName) expect(csv.body).toContain(o.assigneeName);
    expect(csv.body).toContain('已更换灯管');
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/monthly/summaries/${summaryId}/export`,
      headers: { authorization: `Bearer ${await login('manager2')}` },
    });
    expect(other.statusCode).toBe(404);
    const tech = await t.app.inject({
      method: 'GET',
      url: `/api/monthly/summaries/${summaryId}/export`,
      headers: { authorization: `Bearer ${await login('tech1')}` },
    });
    expect(tech.statusCode).toBe(403);
  });

  it('meetings: minutes due in 3 days (late flagged), actions tracked to done', async () => {
    const meeting = await post('supervisor1', '/api/meetings', {
      projectId: cuihu().id,
      kind: 'owners_committee',
      heldOn: '2026-11-20',
      title: '11月业委会座谈',
      attendees: ['业委会主任王先生', '客服主管黄丽'],
      topics: ['地下车库照明', '快递柜'],
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    expect(meeting.body).toMatchObject({ minutesDueOn: '2026-11-23', minutesLate: true, minutes: null, actions: [] });
    const future = await post('supervisor1', '/api/meetings', { ...meeting.body, id: undefined });
    expect(future.status).toBe(400); // not the create shape (strict): refused naming the field
    const later = await post('supervisor1', '/api/meetings', {
      projectId: cuihu().id,
      kind: 'quality_half_yearly',
      heldOn: '2026-12-15',
      title: '品质部半年度客户代表座谈',
      attendees: ['客户代表'],
      topics: ['满意度'],
    });
    const notHeld = await post('supervisor1', `/api/meetings/${later.body.id}/minutes`, { minutes: '……' });
    expect([notHeld.status, notHeld.body.code]).toEqual([409, 'MEETING_NOT_HELD']);
    const minutes = await post('supervisor1', `/api/meetings/${meeting.body.id}/minutes`, { minutes: '一、车库照明：本周内全部更换。二、快递柜：下月安装。' });
    expect(minutes.body).toMatchObject({ minutesLate: true, minutesBy: t.a.staff.supervisor1 });
    const action = await post('supervisor1', `/api/meetings/${meeting.body.id}/actions`, {
      text: '更换车库照明',
      responsibleId: t.a.staff.tech1,
      deadlineOn: '2026-11-30',
    });
    expect(action.status, JSON.stringify(action.body)).toBe(200);
    const a = action.body.actions[0];
    expect(a).toMatchObject({ status: 'open', overdue: false, responsibleId: t.a.staff.tech1 });
    const elsewhere = await post('supervisor1', `/api/meetings/${meeting.body.id}/actions`, {
      text: 'x',
      responsibleId: t.a.staff.tech2,
      deadlineOn: '2026-11-30',
    });
    expect([elsewhere.status, elsewhere.body.code, elsewhere.body.field]).toEqual([400, 'STAFF_NOT_IN_SCOPE', 'responsibleId']);
    const byOther = await post('tech2', `/api/meeting-actions/${a.id}/done`, {});
    expect(byOther.status).toBe(403);
    const done = await post('tech1', `/api/meeting-actions/${a.id}/done`, { note: '已更换' });
    expect(done.body.actions[0]).toMatchObject({ status: 'done', doneBy: t.a.staff.tech1 });
    const list = await get('manager1', `/api/meetings?projectId=${cuihu().id}`);
    expect(list.body.map((m: any) => m.kind)).toEqual(['quality_half_yearly', 'owners_committee']);
  });

  it('an opinion raised at a visit lists its owner (as the opinion, then as its case), once', async () => {
    const plan = await generateVisitPlan(t);
    const [visit] = (await planVisits(t, plan.id)).filter((v) => v.ownerId !== zhang().id && v.ownerId !== lina().id);
    const opinion = '希望增加儿童游乐设施';
    const body = { ...visitRecordBody(t.deps.now()), opinions: [{ text: opinion, caseType: 'suggestion' }] };
    const recorded = await post('supervisor1', `/api/visits/${visit!.id}/record`, body);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const listed = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    const row = listed.body.rows.find((r: { ownerId: string }) => r.ownerId === visit!.ownerId);
    expect(row.cases).toEqual([{ id: expect.stringMatching(/^vo:/), number: '', type: 'suggestion', title: opinion }]);
    const turned = await post('supervisor1', `/api/visits/${visit!.id}/opinions/${recorded.body.opinions[0].id}/case`, {});
    expect(turned.status, JSON.stringify(turned.body)).toBe(200);
    const again = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: MONTH });
    const same = again.body.rows.filter((r: { ownerId: string }) => r.ownerId === visit!.ownerId);
    expect(same).toHaveLength(1);
    expect(same[0].cases.map((c: { id: string; type: string }) => [c.id, c.type])).toEqual([[turned.body.opinions[0].caseId, 'suggestion']]);
  });

  it('a survey comment lists its respondent: the supervisor’s contact is their callback', async () => {
    const today = new Date(Date.parse(t.deps.now()) + 8 * 3_600_000).toISOString().slice(0, 10);
    const question = await post('quality', '/api/survey-questions', { area: 'cleaning', text: '您对清洁卫生是否满意？' });
    const survey = await post('quality', '/api/surveys', {
      projectId: cuihu().id,
      title: '满意度调查',
      questionIds: [question.body.id],
      startsOn: today,
      sampling: 'census',
    });
    expect((await post('quality', `/api/surveys/${survey.body.id}/launch`, {})).status).toBe(200);
    const wang = t.a.owners.wangfang!;
    const comment = '垃圾桶每天清理两次更好';
    const answered = await t.request(await t.ownerLogin(wang.portalLogin), {
      method: 'POST',
      url: `/api/portal/surveys/${survey.body.id}/answers`,
      payload: { unitId: wang.unitId, scores: { [question.body.id]: 3 }, comment },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const listed = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: today.slice(0, 7) });
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.sources).toEqual({ cases: true, visitOpinions: true, surveyComments: true });
    const rows = listed.body.rows.filter((r: { ownerId: string }) => r.ownerId === wang.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('open');
    expect(rows[0].cases).toContainEqual({ id: expect.stringMatching(/^sc:/), number: '', type: 'suggestion', title: comment });
    const again = await post('supervisor1', '/api/monthly/contacts/generate', { projectId: cuihu().id, month: today.slice(0, 7) });
    expect(again.body.added).toBe(0);
    expect(again.body.rows.find((r: { ownerId: string }) => r.ownerId === wang.id).cases.filter((c: { id: string }) => c.id.startsWith('sc:'))).toHaveLength(1);
  });

  it('English messages for the same refusals', async () => {
    const res = await t.request(await login('supervisor1'), {
      method: 'POST',
      url: `/api/monthly/summaries/${summaryId}/submit`,
      payload: { version: 1 },
      headers: { 'accept-language': 'en' },
    });
    expect([res.status, res.body.code, res.body.message]).toEqual([409, 'MONTHLY_SUMMARY_FROZEN', 'The summary was submitted: it cannot be changed']);
  });
});
