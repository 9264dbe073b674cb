import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCallTime, nextCallAttemptAt } from '@guanjia/core';
import { planOutbox, runSlaTick } from '../src/index.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Callbacks (回访, issue 14 item 1, decision 0027) over HTTP on a real database: a repair signed off
 * joins the queue per its category's setting, its clock turns at risk and overdue, unanswered calls
 * are retried 2 h later in another part of the day and end unreachable after the third, 不满意
 * reopens the repair (rework, its own 24-hour callback) or opens a linked complaint and alerts the
 * service supervisor, a repair unrated 48 h after completion joins by itself, the quality
 * department fills the month's list; denials and bad input change nothing.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
/** A session of the user, signed in afresh once the fake clock moved on (sessions idle out after hours). */
const sessions = new Map<string, { token: string; at: number }>();
async function login(username: string): Promise<string> {
  const now = Date.parse(t.deps.now());
  const s = sessions.get(username);
  if (s && now - s.at < 3_600_000) return s.token;
  const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  sessions.set(username, { token: res.body.token, at: now });
  return res.body.token as string;
}
const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });

/** A repair of zhangwei's, done by tech1; signed off by the desk (satisfied, with a rating if given) unless `signOff` is false. */
async function repair(category: string, options: { signOff?: boolean; rating?: number } = {}): Promise<string> {
  const agent = await login('agent1');
  const tech = await login('tech1');
  const z = t.a.owners.zhangwei!;
  const created = await t.request(agent, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: cuihu().id, type: 'repair', channel: 'hotline', category, description: `${category}报修`, ownerId: z.id, unitId: z.unitId },
  });
  expect(created.status).toBe(201);
  const id = created.body.case.id as string;
  await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
  await cmd(tech, id, { type: 'arrive' });
  expect((await cmd(tech, id, { type: 'complete', summary: '已修好' })).body.case.status).toBe('work_done');
  if (options.signOff !== false) {
    const signed = await cmd(agent, id, { type: 'record_satisfaction', satisfied: true, ...(options.rating ? { rating: options.rating } : {}) });
    expect(signed.body.case.status).toBe('resolved');
  }
  return id;
}

async function queue(token: string, query = '') {
  const res = await t.request(token, { method: 'GET', url: `/api/callbacks?projectId=${cuihu().id}${query}` });
  expect(res.status).toBe(200);
  return res.body.items as {
    id: string;
    caseId: string;
    source: string;
    status: string;
    urgency: string | null;
    dueAt: string;
    attempts: number;
    assigneeId: string | null;
    assigneeName: string | null;
  }[];
}
const ofCase = async (token: string, caseId: string, query = '') => (await queue(token, query)).filter((c) => c.caseId === caseId);
const record = (token: string, id: string, payload: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/callbacks/${id}/records`, payload });

describe(`callbacks (${TEST_DB})`, () => {
  let primary = '';
  let repairId = '';
  let dndCallback = '';

  it('a repair signed off joins the queue as its primary callback, due in 48 h; at risk in its last quarter, then overdue', async () => {
    repairId = await repair('水电');
    const agent = await login('agent1');
    const [c] = await ofCase(agent, repairId);
    // given to the case's first receiver (首问负责人), 陈静 of the desk
    expect(c).toMatchObject({
      source: 'primary_repair',
      status: 'due',
      urgency: 'on_time',
      attempts: 0,
      assigneeId: t.a.staff.agent1,
      assigneeName: '客服专员陈静',
    });
    expect(Date.parse(c!.dueAt) - Date.parse(t.deps.now())).toBe(48 * 3_600_000);
    primary = c!.id;
    t.advance(37 * 60);
    expect((await ofCase(await login('agent1'), repairId))[0]!.urgency).toBe('at_risk');
    t.advance(12 * 60);
    expect((await ofCase(await login('agent1'), repairId))[0]!.urgency).toBe('overdue');
    const detail = await t.request(await login('agent1'), { method: 'GET', url: `/api/callbacks/${primary}` });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ callback: { id: primary, case: { type: 'repair', category: '水电' } }, records: [], caseDescription: '水电报修' });
  });

  it('refuses incomplete answers by field, a rework of a non-repair, and changes nothing', async () => {
    const agent = await login('agent1');
    const before = await t.fingerprint();
    const noQuality = await record(agent, primary, { reached: true, attitude: 'satisfied', result: 'resolved' });
    expect([noQuality.status, noQuality.body.code, noQuality.body.field]).toEqual([400, 'FIELD_REQUIRED', 'quality']);
    const noFollowUp = await record(agent, primary, { reached: true, quality: 'not_satisfied', attitude: 'satisfied', result: 'resolved' });
    expect([noFollowUp.status, noFollowUp.body.code, noFollowUp.body.field]).toEqual([400, 'FIELD_REQUIRED', 'followUp']);
    const needless = await record(agent, primary, { reached: true, quality: 'satisfied', attitude: 'satisfied', result: 'resolved', followUp: 'rework' });
    expect([needless.status, needless.body.field]).toEqual([400, 'followUp']);
    const badVerdict = await record(agent, primary, { reached: true, quality: 'great', attitude: 'satisfied', result: 'resolved' });
    expect([badVerdict.status, badVerdict.body.field]).toEqual([400, 'quality']);
    expect(await t.fingerprint()).toBe(before);
  });

  it('unanswered: retried at least 2 h later in another part of the day; too early is refused; the third makes it unreachable', async () => {
    const id = await repair('门窗');
    let agent = await login('agent1');
    const [c] = await ofCase(agent, id);
    const first = await record(agent, c!.id, { reached: false, note: '无人接听' });
    expect(first.status).toBe(200);
    const next = first.body.callback.nextAttemptAt as string;
    expect(first.body.callback).toMatchObject({ status: 'due', attempts: 1 });
    expect(Date.parse(next) - Date.parse(t.deps.now())).toBeGreaterThanOrEqual(2 * 3_600_000);
    const early = await record(agent, c!.id, { reached: false });
    expect([early.status, early.body.code, early.body.field]).toEqual([409, 'CALLBACK_RETRY_TOO_EARLY', 'reached']);
    // the earliest next call in the project's local time (Asia/Shanghai), in either language — never the UTC instant
    const local = localCallTime(next, 'Asia/Shanghai');
    expect(early.body.message).toContain(local);
    expect(early.body.message).not.toContain(next);
    const earlyEn = await t.request(agent, { method: 'POST', url: `/api/callbacks/${c!.id}/records?lang=en`, payload: { reached: false } });
    expect(earlyEn.body.message).toContain(`next from ${local} (Asia/Shanghai time)`);
    for (const attempt of [2, 3]) {
      t.advance(Math.ceil((Date.parse(next) - Date.parse(t.deps.now())) / 60_000) + 1);
      agent = await login('agent1');
      const now = (await t.request(agent, { method: 'GET', url: `/api/callbacks/${c!.id}` })).body.callback.nextAttemptAt as string;
      t.advance(Math.max(0, Math.ceil((Date.parse(now) - Date.parse(t.deps.now())) / 60_000)));
      const res = await record(agent, c!.id, { reached: false });
      expect(res.body.callback).toMatchObject({ attempts: attempt, status: attempt === 3 ? 'unreachable' : 'due' });
    }
    const after = await record(agent, c!.id, { reached: true, quality: 'satisfied', attitude: 'satisfied', result: 'resolved' });
    expect([after.status, after.body.code]).toEqual([409, 'CALLBACK_CLOSED']);
    const detail = await t.request(agent, { method: 'GET', url: `/api/callbacks/${c!.id}` });
    expect(detail.body.records.map((r: { attempt: number; reached: boolean }) => [r.attempt, r.reached])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    // each attempt is an (internal) follow-up on the case
    const events = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/events` });
    expect(events.body.filter((e: { type: string }) => e.type === 'follow_up_recorded')).toHaveLength(3);
    expect((await ofCase(agent, id, '&status=unreachable')).map((x) => x.id)).toEqual([c!.id]);
  });

  it('a retry skips the owner’s 免打扰 time: at 09:30 the next call is not 12:00 (in zhangwei’s 12:00–14:00) but 14:00', async () => {
    // move the clock to the next 09:30 Asia/Shanghai (01:30Z)
    const now = Date.parse(t.deps.now());
    let target = Date.parse(`${t.deps.now().slice(0, 10)}T01:30:00Z`);
    while (target <= now) target += 86_400_000;
    t.advance((target - now) / 60_000);
    const id = await repair('燃气');
    const agent = await login('agent1');
    const [c] = await ofCase(agent, id);
    dndCallback = c!.id;
    const res = await record(agent, c!.id, { reached: false, note: '无人接听' });
    expect(res.status).toBe(200);
    const next = res.body.callback.nextAttemptAt as string;
    expect(localCallTime(next, 'Asia/Shanghai')).toBe(`${localCallTime(t.deps.now(), 'Asia/Shanghai').slice(0, 10)} 14:00`);
    expect(next).toBe(nextCallAttemptAt(t.deps.now(), 'Asia/Shanghai', [{ from: '12:00', to: '14:00' }]));
    expect(next).not.toBe(nextCallAttemptAt(t.deps.now(), 'Asia/Shanghai'));
  });

  it('不满意 reopens the repair (rework, its own 24-hour callback) and alerts the service supervisor', async () => {
    const agent = await login('agent1');
    const res = await record(agent, primary, {
      reached: true,
      quality: 'not_satisfied',
      attitude: 'basically_satisfied',
      result: 'unresolved',
      ownerWords: '水管还在漏',
      followUp: 'rework',
    });
    expect(res.status).toBe(200);
    expect(res.body.callback).toMatchObject({ status: 'done', outcome: 'not_satisfied', followUp: 'rework', attempts: 1 });
    const c = await t.request(agent, { method: 'GET', url: `/api/cases/${repairId}` });
    expect(c.body.case).toMatchObject({ status: 'dispatched', reopenCount: 1, satisfied: false });
    const events = (await t.request(agent, { method: 'GET', url: `/api/cases/${repairId}/events` })).body as { type: string; content: string | null }[];
    expect(events.slice(-2).map((e) => e.type)).toEqual(['follow_up_recorded', 'satisfaction_recorded']);
    expect(events.at(-2)!.content).toBe('水管还在漏');
    const [rework] = await ofCase(agent, repairId);
    // the rework's callback goes to the least-loaded of the desk: 林晓 (front desk, none due) rather than 陈静 (two)
    expect(rework).toMatchObject({ source: 'rework', status: 'due', assigneeId: t.a.staff.frontdesk1, assigneeName: '大堂助理林晓' });
    expect(Date.parse(rework!.dueAt) - Date.parse(t.deps.now())).toBe(24 * 3_600_000);
    await planOutbox(t.deps); // the delivery worker plans the alert (sending is the delivery tests’ business)
    const inbox = await t.request(await login('supervisor1'), { method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(inbox.body)).toContain('callback_unsatisfied');
  });

  it('不满意 with a complaint opens one linked to the case', async () => {
    const agent = await login('agent1');
    const [rework] = await ofCase(agent, repairId);
    const res = await record(agent, rework!.id, {
      reached: true,
      quality: 'not_satisfied',
      attitude: 'not_satisfied',
      result: 'unresolved',
      ownerWords: '师傅态度很差',
      followUp: 'complaint',
    });
    expect(res.status).toBe(200);
    const complaintId = res.body.callback.followUpCaseId as string;
    expect(complaintId).toBeTruthy();
    const complaint = await t.request(agent, { method: 'GET', url: `/api/cases/${complaintId}` });
    expect(complaint.body.case).toMatchObject({ type: 'complaint', ownerId: t.a.owners.zhangwei!.id, category: '水电' });
    expect(complaint.body.case.description).toContain('师傅态度很差');
  });

  it('that complaint, once closed, makes its repair owe a complained-about callback (complained_repair)', async () => {
    const agent = await login('agent1');
    const head = await login('enghead1');
    const manager = await login('manager1');
    const [rework] = (await ofCase(agent, repairId, '&status=done')).filter((c) => c.source === 'rework');
    const complaintId = (await t.request(agent, { method: 'GET', url: `/api/callbacks/${rework!.id}` })).body.callback.followUpCaseId as string;
    expect(await ofCase(agent, repairId, '&source=complained_repair')).toEqual([]);
    const later = (hours: number) => new Date(Date.parse(t.deps.now()) + hours * 3_600_000).toISOString();
    const steps: [string, Record<string, unknown>][] = [
      [agent, { type: 'acknowledge', apology: true, readBack: true }], // opened by the call: apology and read-back still owed
      [agent, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] }],
      [head, { type: 'accept', committedAt: later(24) }],
      [head, { type: 'submit_plan', cause: '师傅服务意识不足', steps: '批评教育并重新上门', expectedCompletionAt: later(30) }],
      [manager, { type: 'approve_plan' }],
      [agent, { type: 'inform_owner', content: '您好，已安排师傅重新上门并致歉，谢谢。' }],
      [agent, { type: 'record_satisfaction', satisfied: true }],
      [agent, { type: 'close', causeAnalysis: '服务意识不足', preventiveMeasures: '加强培训' }],
    ];
    for (const [token, command] of steps) {
      const res = await cmd(token, complaintId, command);
      expect(res.status, `${String(command.type)}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect((await t.request(agent, { method: 'GET', url: `/api/cases/${complaintId}` })).body.case.status).toBe('closed');
    const owed = await ofCase(agent, repairId, '&source=complained_repair');
    expect(owed).toHaveLength(1);
    expect(owed[0]).toMatchObject({ source: 'complained_repair', status: 'due', attempts: 0 });
  });

  it('settings per repair category: only callback.admin; never and skip-when-rated are honoured', async () => {
    const agent = await login('agent1');
    const denied = await t.request(agent, {
      method: 'PUT',
      url: '/api/callback-settings',
      payload: { projectId: cuihu().id, category: '绿化', mode: 'never' },
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
    const quality = await login('quality');
    for (const [category, mode] of [
      ['绿化', 'never'],
      ['电梯', 'skip_if_rated'],
    ])
      expect((await t.request(quality, { method: 'PUT', url: '/api/callback-settings', payload: { projectId: cuihu().id, category, mode } })).status).toBe(200);
    const settings = await t.request(quality, { method: 'GET', url: `/api/callback-settings?projectId=${cuihu().id}` });
    expect(settings.body.settings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ category: '水电', mode: 'always', updatedAt: null }),
        expect.objectContaining({ category: '绿化', mode: 'never' }),
      ]),
    );
    const never = await repair('绿化');
    const rated = await repair('电梯', { rating: 5 });
    const unrated = await repair('电梯');
    expect(await ofCase(agent, never)).toEqual([]);
    expect(await ofCase(agent, rated)).toEqual([]);
    expect((await ofCase(agent, unrated)).map((c) => c.source)).toEqual(['primary_repair']);
  });

  it('a repair unrated 48 h after completion joins the queue by itself (the SLA tick’s sweep)', async () => {
    // start on a Monday morning (Asia/Shanghai), the week before drawn already: the next 49 h draw no weekly sample of it
    const now = Date.parse(t.deps.now());
    let monday = Date.parse(`${t.deps.now().slice(0, 10)}T01:00:00Z`);
    while (monday <= now || new Date(monday).getUTCDay() !== 1) monday += 86_400_000;
    t.advance((monday - now) / 60_000);
    await runSlaTick(t.deps);
    const id = await repair('照明', { signOff: false });
    t.advance(47 * 60);
    await runSlaTick(t.deps);
    // (the Monday tick may have drawn it into the weekly sample meanwhile: only the unrated source counts here)
    expect(await ofCase(await login('agent1'), id, '&source=unrated')).toEqual([]);
    t.advance(2 * 60);
    await runSlaTick(t.deps);
    expect((await ofCase(await login('agent1'), id, '&source=unrated')).map((c) => c.source)).toEqual(['unrated']);
  });

  it('the quality department fills the month’s list once', async () => {
    const agent = await login('agent1');
    const id = await repair('管道', { rating: 5 });
    expect((await cmd(agent, id, { type: 'close' })).body.case.status).toBe('closed');
    const month = t.deps.now().slice(0, 7);
    const quality = await login('quality');
    const deniedAgent = await t.request(agent, { method: 'POST', url: '/api/callbacks/monthly', payload: { projectId: cuihu().id, month } });
    expect(deniedAgent.status).toBe(403);
    // the project's local month may differ from UTC's at a month's edge: fill both
    const filled = await t.request(quality, { method: 'POST', url: '/api/callbacks/monthly', payload: { projectId: cuihu().id, month } });
    expect(filled.status).toBe(200);
    const again = await t.request(quality, { method: 'POST', url: '/api/callbacks/monthly', payload: { projectId: cuihu().id, month } });
    expect(again.body.created).toBe(0);
    // the quality department's own calls: given to who filled the list
    if (filled.body.created > 0) expect((await ofCase(quality, id, '&source=quality_monthly')).map((c) => c.assigneeId)).toEqual([t.a.staff.quality]);
  });

  it('“mine” lists the caller’s own; callback.admin gives one to someone else with a reason, kept with the callback', async () => {
    const agent = await login('agent1');
    const desk = await login('frontdesk1');
    const mine = async (token: string) => (await queue(token, '&mine=true&limit=200')).map((c) => c.id);
    expect(await mine(agent)).toContain(dndCallback);
    expect(await mine(desk)).not.toContain(dndCallback);
    expect((await mine(desk)).length).toBeGreaterThan(0);
    for (const c of await queue(desk, '&mine=true&limit=200')) expect(c.assigneeId).toBe(t.a.staff.frontdesk1);

    const quality = await login('quality');
    const url = `/api/callbacks/${dndCallback}/assignee`;
    const before = await t.fingerprint();
    const notAdmin = await t.request(agent, { method: 'PUT', url, payload: { assigneeId: t.a.staff.frontdesk1, reason: '陈静休假' } });
    expect([notAdmin.status, notAdmin.body.code]).toEqual([403, 'FORBIDDEN']);
    const tech = await t.request(quality, { method: 'PUT', url, payload: { assigneeId: t.a.staff.tech1, reason: '陈静休假' } });
    expect([tech.status, tech.body.code, tech.body.field]).toEqual([400, 'FIELD_INVALID', 'assigneeId']);
    const otherOffice = await t.request(quality, { method: 'PUT', url, payload: { assigneeId: t.a.staff.agent2, reason: '陈静休假' } });
    expect([otherOffice.status, otherOffice.body.field]).toEqual([400, 'assigneeId']);
    const noReason = await t.request(quality, { method: 'PUT', url, payload: { assigneeId: t.a.staff.frontdesk1, reason: ' ' } });
    expect([noReason.status, noReason.body.field]).toEqual([400, 'reason']);
    expect(await t.fingerprint()).toBe(before);

    const moved = await t.request(quality, { method: 'PUT', url, payload: { assigneeId: t.a.staff.frontdesk1, reason: '陈静休假' } });
    expect(moved.status).toBe(200);
    expect(moved.body.callback).toMatchObject({ assigneeId: t.a.staff.frontdesk1, assigneeName: '大堂助理林晓' });
    expect(moved.body.reassignments).toEqual([
      expect.objectContaining({ fromId: t.a.staff.agent1, fromName: '客服专员陈静', toId: t.a.staff.frontdesk1, reason: '陈静休假', byId: t.a.staff.quality }),
    ]);
    expect(await mine(agent)).not.toContain(dndCallback);
    expect(await mine(desk)).toContain(dndCallback);
    // the new caller is told in the console
    const told = (await t.request(desk, { method: 'GET', url: '/api/notifications' })).body as { kind: string; data: { callbackId?: string } }[];
    expect(told.filter((n) => n.kind === 'callback_assigned' && n.data.callbackId === dndCallback)).toHaveLength(1);
    expect(tech.body.message).toContain('维修员孙刚');
    // a callback that is over cannot move
    const closed = await t.request(quality, {
      method: 'PUT',
      url: `/api/callbacks/${primary}/assignee`,
      payload: { assigneeId: t.a.staff.agent1, reason: '再打一次' },
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'CALLBACK_CLOSED']);
  });

  it('denials: no callback.make, another project’s staff, another tenant', async () => {
    const tech = await login('tech1');
    expect((await t.request(tech, { method: 'GET', url: `/api/callbacks?projectId=${cuihu().id}` })).status).toBe(403);
    expect((await t.request(tech, { method: 'GET', url: `/api/callbacks/${primary}` })).status).toBe(403);
    const agent2 = await login('agent2');
    const other = await t.request(agent2, { method: 'GET', url: `/api/callbacks?projectId=${cuihu().id}` });
    expect([other.status, other.body.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
    const one = await t.request(agent2, { method: 'GET', url: `/api/callbacks/${primary}` });
    expect([one.status, one.body.code]).toEqual([404, 'CALLBACK_NOT_FOUND']);
    const before = await t.fingerprint();
    const write = await record(agent2, primary, { reached: false });
    expect([write.status, write.body.code]).toEqual([404, 'CALLBACK_NOT_FOUND']);
    expect(await t.fingerprint()).toBe(before);
  });
});
