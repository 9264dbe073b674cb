import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaTick } from '../src/index.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Statutory postings (法定公示, issue 13 item 6) over HTTP on a real database: a project's schedule,
 * its warnings to the office manager (each once, across ticks and processes), postings moving the due
 * date on, and owners' objections becoming cases with a 3-day reply clock that warns and breaches.
 * The clock starts at 2026-11-25 10:00 in Shanghai and only moves forward in this file.
 */
const run = promisify(execFile);
let t: TestContext;
const db = () => t.deps.database.db as any;
const day = 24 * 60;

beforeAll(async () => {
  // sessions stay open across the days this file moves the clock by
  t = await createTestContext({ limits: { sessionIdleMinutes: 120 * day } });
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!.id;

async function statutoryNotices(username: string, scheduleId: string): Promise<string[]> {
  const res = await t.request(await t.login(username), { method: 'GET', url: '/api/notifications?limit=200' });
  expect(res.status).toBe(200);
  return (res.body as { kind: string; data: { scheduleId?: string } }[]).filter((n) => n.data.scheduleId === scheduleId).map((n) => n.kind);
}

async function outboxOf(scheduleId: string): Promise<{ alert: string; recipients: string[] }[]> {
  const rows = await db().selectFrom('outbox').select(['topic', 'payload']).where('topic', '=', 'statutory.due').orderBy('id').execute();
  return rows.map((r: { payload: string }) => JSON.parse(r.payload)).filter((p: { scheduleId: string }) => p.scheduleId === scheduleId);
}

async function schedule(id: string) {
  const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/projects/${cuihu()}/statutory-schedules` });
  expect(res.status).toBe(200);
  return (res.body as { id: string }[]).find((s) => s.id === id) as any;
}

async function tickTwice() {
  await runSlaTick(t.deps);
  await runSlaTick(t.deps);
}

describe(`statutory postings (${TEST_DB})`, () => {
  let scheduleId = '';
  let postingId = '';

  it('a project takes the default schedule once: fees, services and contractors within a month, then yearly; common-area income and the fund every half year', async () => {
    const manager = await t.login('manager1');
    const first = await t.request(manager, { method: 'POST', url: `/api/projects/${cuihu()}/statutory-schedules/defaults` });
    expect(first.status).toBe(200);
    expect(first.body.map((s: any) => [s.subject, s.everyMonths, s.nextDueOn, s.status]).sort()).toEqual(
      [
        ['contractors', 12, '2026-12-25', 'ok'],
        ['fees_and_standards', 12, '2026-12-25', 'ok'],
        ['maintenance_fund', 6, '2027-05-25', 'ok'],
        ['public_income', 6, '2027-05-25', 'ok'],
        ['service_content', 12, '2026-12-25', 'ok'],
      ].sort(),
    );
    const again = await t.request(manager, { method: 'POST', url: `/api/projects/${cuihu()}/statutory-schedules/defaults` });
    expect(again.body).toHaveLength(5);
    // the agent reads them; only those who approve notices change them
    const agent = await t.login('agent1');
    expect((await t.request(agent, { method: 'GET', url: `/api/projects/${cuihu()}/statutory-schedules` })).body).toHaveLength(5);
    const refused = await t.request(agent, { method: 'POST', url: `/api/projects/${cuihu()}/statutory-schedules/defaults` });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('a schedule warns the office manager once when it falls due soon and once when overdue, however often the scheduler ticks', async () => {
    const created = await t.request(await t.login('manager1'), {
      method: 'POST',
      url: `/api/projects/${cuihu()}/statutory-schedules`,
      payload: { subject: 'public_income', title: '2026年下半年公共部位经营收支公示', everyMonths: 6, nextDueOn: '2026-12-10' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'ok', warnDays: 7, warnedAt: null, active: true });
    scheduleId = created.body.id;
    await tickTwice();
    expect(await statutoryNotices('manager1', scheduleId)).toEqual([]);

    // 8 days on: 2026-12-03 10:00, within the 7 days before 12-10
    t.advance(8 * day);
    await tickTwice();
    expect(await statutoryNotices('manager1', scheduleId)).toEqual(['statutory_due_soon']);
    expect(await statutoryNotices('agent1', scheduleId)).toEqual([]); // the office manager's, not the desk's
    expect(await outboxOf(scheduleId)).toMatchObject([{ alert: 'due_soon', recipients: [t.a.staff.manager1] }]);
    expect(await schedule(scheduleId)).toMatchObject({ status: 'due_soon', warnedAt: t.deps.now(), overdueNotifiedAt: null });

    // 2026-12-10 23:59 is still due soon; from 12-11 00:00 in Shanghai it is overdue
    t.advance(7 * day + 13 * 60 + 59);
    await tickTwice();
    expect((await schedule(scheduleId)).status).toBe('due_soon');
    t.advance(1);
    await tickTwice();
    t.advance(60);
    await tickTwice();
    expect(await statutoryNotices('manager1', scheduleId)).toEqual(['statutory_overdue', 'statutory_due_soon']);
    expect((await outboxOf(scheduleId)).map((p) => p.alert)).toEqual(['due_soon', 'overdue']);
    expect(await schedule(scheduleId)).toMatchObject({ status: 'overdue', overdueNotifiedAt: '2026-12-10T16:00:00.000Z' });
  });

  it('recording a posting moves the schedule to its next due date on its cadence, owing its alerts again', async () => {
    const agent = await t.login('agent1'); // notice.write
    const future = await t.request(agent, { method: 'POST', url: `/api/statutory-schedules/${scheduleId}/postings`, payload: { postedOn: '2026-12-12' } });
    expect([future.status, future.body.code, future.body.field]).toEqual([400, 'STATUTORY_POSTED_IN_FUTURE', 'postedOn']);
    const posted = await t.request(agent, {
      method: 'POST',
      url: `/api/statutory-schedules/${scheduleId}/postings`,
      payload: { postedOn: '2026-12-11', note: '已张贴于各楼栋宣传栏' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.posting).toMatchObject({ postedOn: '2026-12-11', dueOn: '2026-12-10', recordedBy: t.a.staff.agent1, objectionCaseIds: [] });
    // late by a day: the next half year's posting is due on the schedule's own day, not six months after the late one
    expect(posted.body.schedule).toMatchObject({ nextDueOn: '2027-06-10', lastPostedOn: '2026-12-11', status: 'ok', warnedAt: null, overdueNotifiedAt: null });
    postingId = posted.body.posting.id;
    const row = await db().selectFrom('statutorySchedules').select('nextAlertAt').where('id', '=', scheduleId).executeTakeFirst();
    expect(row.nextAlertAt).toBe('2027-06-02T16:00:00.000Z'); // the warning owed again: 2027-06-03 00:00 in Shanghai
    const history = await t.request(agent, { method: 'GET', url: `/api/statutory-schedules/${scheduleId}/postings` });
    expect(history.body.map((p: any) => [p.postedOn, p.dueOn])).toEqual([['2026-12-11', '2026-12-10']]);
  });

  it('a deactivated schedule neither warns nor takes postings; a new due date starts a new period', async () => {
    const manager = await t.login('manager1');
    const created = await t.request(manager, {
      method: 'POST',
      url: `/api/projects/${cuihu()}/statutory-schedules`,
      payload: { subject: 'other', title: '停车场收费公示', everyMonths: 12, warnDays: 3, nextDueOn: '2026-12-13' },
    });
    expect(created.body.status).toBe('due_soon');
    const off = await t.request(manager, { method: 'PATCH', url: `/api/statutory-schedules/${created.body.id}`, payload: { active: false } });
    expect(off.body).toMatchObject({ active: false });
    await tickTwice();
    expect(await statutoryNotices('manager1', created.body.id)).toEqual([]);
    const refused = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/statutory-schedules/${created.body.id}/postings`,
      payload: { postedOn: '2026-12-11' },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'STATUTORY_SCHEDULE_INACTIVE']);
    const moved = await t.request(manager, {
      method: 'PATCH',
      url: `/api/statutory-schedules/${created.body.id}`,
      payload: { active: true, nextDueOn: '2027-01-31', warnDays: 7 },
    });
    expect(moved.body).toMatchObject({ active: true, nextDueOn: '2027-01-31', status: 'ok' });
    const posted = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/statutory-schedules/${created.body.id}/postings`,
      payload: { postedOn: '2026-12-11' },
    });
    expect(posted.body.schedule.nextDueOn).toBe('2028-01-31');
  });

  it('an owner objects to a posting in the portal: an inquiry with a 3-day reply clock that warns at 80% and breaches', async () => {
    const zhang = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const listed = await t.request(zhang, { method: 'GET', url: '/api/portal/statutory-postings' });
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual(
      expect.objectContaining({
        id: postingId,
        scheduleId,
        projectName: '翠湖花园管理处',
        subject: 'public_income',
        postedOn: '2026-12-11',
        inForce: true,
        myObjections: [],
      }),
    );
    const objected = await t.request(zhang, {
      method: 'POST',
      url: `/api/portal/statutory-postings/${postingId}/objections`,
      payload: { content: '公共收益中的广告收入金额与实际不符，请核实' },
    });
    expect(objected.status).toBe(201);
    expect(objected.body.case).toMatchObject({ type: 'inquiry', category: '法定公示异议', channel: 'portal', ownerId: t.a.owners.zhangwei!.id });
    const caseId = objected.body.case.id;
    const createdAt = Date.parse(t.deps.now());
    // the portal lists it as his objection (another owner's list does not)
    const his = (await t.request(zhang, { method: 'GET', url: '/api/portal/statutory-postings' })).body.find((p: any) => p.id === postingId);
    expect(his.myObjections).toEqual([{ caseId, caseNumber: objected.body.case.number, caseStatus: objected.body.case.status }]);
    const hers = (await t.request(await t.ownerLogin(t.a.owners.lina!.portalLogin), { method: 'GET', url: '/api/portal/statutory-postings' })).body;
    expect(hers.find((p: any) => p.id === postingId).myObjections).toEqual([]);
    const supervisor = await t.login('supervisor1');
    const sla = await t.request(supervisor, { method: 'GET', url: `/api/cases/${caseId}/sla` });
    const clock = sla.body.clocks.find((k: any) => k.kind === 'objection_reply');
    expect(clock).toMatchObject({ basis: 'calendar', running: true, dueAt: new Date(createdAt + 72 * 3_600_000).toISOString() });
    expect(clock.warnAt).toBe(new Date(createdAt + 57.6 * 3_600_000).toISOString());
    const history = await t.request(supervisor, { method: 'GET', url: `/api/statutory-schedules/${scheduleId}/postings` });
    expect(history.body[0].objectionCaseIds).toEqual([caseId]);

    const objectionAlerts = async () => {
      const events = (await t.request(supervisor, { method: 'GET', url: `/api/cases/${caseId}/events` })).body as any[];
      return events.filter((e) => e.data?.clock === 'objection_reply').map((e) => `${e.type}:${e.data.step ?? 0}`);
    };
    t.advance(57 * 60);
    await runSlaTick(t.deps);
    expect(await objectionAlerts()).toEqual([]);
    t.advance(40);
    await runSlaTick(t.deps);
    expect(await objectionAlerts()).toEqual(['sla_warning:0']);
    t.advance(14 * 60 + 21); // 72 hours and a minute: breached (the chain's next step is 10 minutes on)
    await runSlaTick(t.deps);
    expect(await objectionAlerts()).toEqual(['sla_warning:0', 'sla_escalated:1']);
    const answered = await t.request(supervisor, {
      method: 'POST',
      url: `/api/cases/${caseId}/commands`,
      payload: { command: { type: 'answer', content: '已核实：广告收入按合同金额入账，附合同复印件供查阅' } },
    });
    expect(answered.status).toBe(200);
    const after = await t.request(supervisor, { method: 'GET', url: `/api/cases/${caseId}/sla` });
    expect(after.body.clocks.find((k: any) => k.kind === 'objection_reply')).toMatchObject({ running: false, result: 'breached' });
  });

  it('staff record an objection taken by phone; answered within 3 days, its clock is met; bad input changes nothing; another project’s staff and owners cannot see the posting', async () => {
    const lina = t.a.owners.lina!;
    const agent = await t.login('agent1');
    const objected = await t.request(agent, {
      method: 'POST',
      url: `/api/statutory-postings/${postingId}/objections`,
      payload: { content: '维修资金使用明细不清楚', channel: 'hotline', ownerId: lina.id, unitId: lina.unitId },
    });
    expect(objected.status).toBe(201);
    expect(objected.body.case).toMatchObject({ type: 'inquiry', category: '法定公示异议', channel: 'hotline', firstReceiverId: t.a.staff.agent1 });
    t.advance(2 * day);
    await t.request(agent, {
      method: 'POST',
      url: `/api/cases/${objected.body.case.id}/commands`,
      payload: { command: { type: 'answer', content: '已电话说明明细' } },
    });
    const sla = await t.request(agent, { method: 'GET', url: `/api/cases/${objected.body.case.id}/sla` });
    expect(sla.body.clocks.find((k: any) => k.kind === 'objection_reply')).toMatchObject({ running: false, result: 'met' });
    const outsider = await t.request(await t.login('agent2'), {
      method: 'POST',
      url: `/api/statutory-postings/${postingId}/objections`,
      payload: { content: '异议', channel: 'hotline' },
    });
    expect([outsider.status, outsider.body.code]).toEqual([404, 'STATUTORY_POSTING_NOT_FOUND']);
    const zhang = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const before = await t.fingerprint();
    const empty = await t.request(zhang, { method: 'POST', url: `/api/portal/statutory-postings/${postingId}/objections`, payload: { content: '  ' } });
    expect([empty.status, empty.body.field]).toEqual([400, 'content']);
    const staffField = await t.request(zhang, {
      method: 'POST',
      url: `/api/portal/statutory-postings/${postingId}/objections`,
      payload: { content: '异议', ownerId: t.a.owners.lina!.id },
    });
    expect([staffField.status, staffField.body.field]).toEqual([400, 'ownerId']);
    expect(await t.fingerprint()).toBe(before);
    const otherOwner = await t.request(await t.ownerLogin(t.a.owners.liuyang!.portalLogin), {
      method: 'POST',
      url: `/api/portal/statutory-postings/${postingId}/objections`,
      payload: { content: '异议' },
    });
    expect([otherOwner.status, otherOwner.body.code]).toEqual([404, 'STATUTORY_POSTING_NOT_FOUND']);
  });

  it('in the portal a later posting of a schedule is the one in force; the earlier keeps the owner’s objection', async () => {
    const posted = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/statutory-schedules/${scheduleId}/postings`,
      payload: { postedOn: t.deps.now().slice(0, 10) },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const listed = (await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/portal/statutory-postings' }))
      .body as any[];
    const ofSchedule = listed.filter((p) => p.scheduleId === scheduleId);
    expect(ofSchedule.map((p) => [p.id, p.inForce])).toEqual([
      [posted.body.posting.id, true],
      [postingId, false],
    ]);
    expect(ofSchedule[1].myObjections).toHaveLength(1);
  });

  it('a schedule found overdue is told once, as overdue; two processes ticking at once tell each alert exactly once', async () => {
    const manager = await t.login('manager1');
    const late = await t.request(manager, {
      method: 'POST',
      url: `/api/projects/${cuihu()}/statutory-schedules`,
      payload: { subject: 'maintenance_fund', title: '专项维修资金使用情况公示', everyMonths: 6, nextDueOn: '2026-12-01' },
    });
    expect(late.body.status).toBe('overdue');
    const soon = await t.request(manager, {
      method: 'POST',
      url: `/api/projects/${cuihu()}/statutory-schedules`,
      payload: { subject: 'contractors', title: '电梯维保委托公示', everyMonths: 12, warnDays: 20, nextDueOn: '2026-12-31' },
    });
    expect(soon.body.status).toBe('due_soon');
    const worker = new URL('./fixtures/sla-tick-worker.ts', import.meta.url).pathname;
    await Promise.all([0, 1].map(() => run(process.execPath, ['--import', 'tsx', worker, t.url, t.deps.now()], { env: process.env })));
    expect(await statutoryNotices('manager1', late.body.id)).toEqual(['statutory_overdue']);
    expect(await statutoryNotices('manager1', soon.body.id)).toEqual(['statutory_due_soon']);
    expect((await outboxOf(late.body.id)).map((p) => p.alert)).toEqual(['overdue']);
    expect((await outboxOf(soon.body.id)).map((p) => p.alert)).toEqual(['due_soon']);
    await tickTwice();
    expect(await statutoryNotices('manager1', soon.body.id)).toEqual(['statutory_due_soon']);
  });
});
