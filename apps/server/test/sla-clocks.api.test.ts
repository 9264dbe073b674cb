import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAlertInstant } from '@guanjia/storage';
import { runSlaTick } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/** Clocks that cannot be gamed (issue 10 item 4, SPEC §5), through the API and the scheduler. */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const bj = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
const at = (local: string) => new Date(Date.parse(`${local}+08:00`)).toISOString();
/** Sets the shared clock to a Beijing local time. */
const setTime = (local: string) => t.advance((Date.parse(`${local}+08:00`) - Date.parse(t.deps.now())) / 60_000);
const fresh = async (username: string) =>
  (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: 'guanjia-demo' } })).body.token as string;
const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });
const ok = async (token: string, id: string, command: Record<string, unknown>) => {
  const res = await cmd(token, id, command);
  if (res.status !== 200) throw new Error(`${String(command.type)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};
async function newCase(token: string, payload: Record<string, unknown>) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '业主来电', ...payload },
  });
  expect(res.status).toBe(201);
  return res.body.case as { id: string; number: string };
}
type Clock = { kind: string; dueAt: string | null; running: boolean; paused: boolean; result: string | null; stoppedAt: string | null } & Record<
  string,
  unknown
>;
const clocksOf = async (token: string, id: string) => (await t.request(token, { method: 'GET', url: `/api/cases/${id}/sla` })).body.clocks as Clock[];
const eventsOf = async (token: string, id: string) =>
  (await t.request(token, { method: 'GET', url: `/api/cases/${id}/events` })).body as { type: string; data: Record<string, unknown> }[];
const atRisk = async (token: string, within = 60) =>
  ((await t.request(token, { method: 'GET', url: `/api/cases?queue=at_risk&withinMinutes=${within}` })).body.items as { id: string }[]).map((c) => c.id);
/** 待回访: cases with a running follow-up task, open or closed. */
const followUps = async (token: string) =>
  ((await t.request(token, { method: 'GET', url: '/api/cases?queue=follow_up' })).body.items as { id: string }[]).map((c) => c.id);
const eng = () => t.a.departments['ENG-CUIHU'];

describe('notices to one person are a digest over a short window, and survive a restart', () => {
  it('six 特急 repairs at once: the agent gets one notice for their warnings before the breach, one for the breaches, not twelve', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await newCase(agent, { type: 'repair', repairGrade: 'very_urgent', description: `水管爆裂 ${i}` })).id);
    const due = at('2026-11-25T10:10');
    type Notice = { kind: string; caseId: string | null; createdAt: string; data: { count?: number; items?: { caseId: string; alert: string }[] } };
    const mine = async (token: string) =>
      ((await t.request(token, { method: 'GET', url: '/api/notifications?limit=200' })).body as Notice[]).filter(
        (n) => (n.caseId !== null && ids.includes(n.caseId)) || (n.data.items ?? []).some((item) => ids.includes(item.caseId)),
      );
    t.advance(8.5); // the warnings (80% of 10 minutes), at 10:08:30
    expect((await runSlaTick(t.deps)).alerts).toBe(6);
    expect(await t.count('pending_notices')).toBeGreaterThanOrEqual(6);
    expect(await mine(await fresh('agent1'))).toHaveLength(0); // the window is still open
    // a 2-minute window would hold them until 10:10:30, past the breach: a warning waits at most half
    // the time left (10:09:15), and the scheduler wakes then
    const wake = await nextAlertInstant(t.deps.database.db);
    expect(wake).toBe(at('2026-11-25T10:09:15'));
    setTime('2026-11-25T10:09:15');
    await runSlaTick(t.deps);
    const warned = await mine(await fresh('agent1'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ kind: 'sla_digest', data: { count: 6 } });
    expect(warned[0]!.data.items!.every((i) => i.alert === 'warning')).toBe(true);
    expect(Date.parse(warned[0]!.createdAt)).toBeLessThan(Date.parse(due)); // before the breach

    setTime('2026-11-25T10:10:30'); // the breaches (the assignee's step) queue in a new window
    await runSlaTick(t.deps);
    expect(await mine(await fresh('agent1'))).toHaveLength(1);
    t.advance(2); // the window closes
    await runSlaTick(t.deps);
    const notices = await mine(await fresh('agent1'));
    expect(notices).toHaveLength(2);
    const breaches = notices.filter((n) => n.data.items?.every((i) => i.alert === 'escalation'));
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({ kind: 'sla_digest', data: { count: 6 } });

    // the supervisor's step 10 minutes after the breach: queued, then sent by a new process
    setTime('2026-11-25T10:20:30');
    await runSlaTick(t.deps);
    expect(await mine(await fresh('supervisor1'))).toHaveLength(0);
    t.advance(2);
    await runSlaTick({ ...t.deps, actorCache: undefined, projectCache: undefined, slaCache: undefined });
    const supervisor = await mine(await fresh('supervisor1'));
    expect(supervisor).toHaveLength(1);
    expect(supervisor[0]!.data.items!.map((i) => i.caseId).sort()).toEqual([...ids].sort());
  });

  it('an escalation queued while a warning waits: the whole window leaves by the warning’s deadline, as one notice', async () => {
    setTime('2026-11-25T11:00');
    const agent = await fresh('agent1');
    // an inquiry breaching its 15-minute first reply at 11:15, and a 特急 repair warned at 11:15 (8 of its 10 minutes)
    const inquiry = await newCase(agent, { type: 'inquiry', description: '请问物业费怎么交' });
    setTime('2026-11-25T11:07');
    const repair = await newCase(agent, { type: 'repair', repairGrade: 'very_urgent', description: '电梯困人' });
    setTime('2026-11-25T11:12'); // the inquiry's warning: sent by 11:13:30, half the time left
    await runSlaTick(t.deps);
    setTime('2026-11-25T11:13:30');
    await runSlaTick(t.deps);
    setTime('2026-11-25T11:15:01'); // the inquiry's breach and the repair's warning in one tick
    await runSlaTick(t.deps);
    const waiting = (await t.deps.database.db.selectFrom('pendingNotices').select('flushAt').where('recipientId', '=', t.a.staff.agent1).execute()).map(
      (r) => r.flushAt,
    );
    expect(waiting).toHaveLength(2);
    expect(new Set(waiting).size).toBe(1); // one window, brought forward by the warning
    expect(waiting[0]).toBe('2026-11-25T03:16:00.500Z'); // 11:16:00.5, before the repair's breach at 11:17
    t.advance((Date.parse(waiting[0]!) - Date.parse(t.deps.now())) / 60_000);
    await runSlaTick(t.deps);
    type Notice = { kind: string; caseId: string | null; data: { items?: { caseId: string; alert: string }[] } };
    const mine = ((await t.request(await fresh('agent1'), { method: 'GET', url: '/api/notifications?limit=50' })).body as Notice[]).filter(
      (n) => n.caseId === inquiry.id || n.caseId === repair.id || n.data.items?.some((i) => i.caseId === inquiry.id || i.caseId === repair.id),
    );
    expect(mine.map((n) => n.kind).sort()).toEqual(['sla_digest', 'sla_warning']);
    const digest = mine.find((n) => n.kind === 'sla_digest')!;
    expect(digest.data.items!.map((i) => `${i.caseId === repair.id ? 'repair' : 'inquiry'}:${i.alert}`).sort()).toEqual([
      'inquiry:escalation',
      'repair:warning',
    ]);
  });
});

describe('a breach, once reached, stays', () => {
  it('a technician pausing his overdue clock is refused, naming it; it keeps its due time, the at-risk queue, the escalation and the breach', async () => {
    setTime('2026-11-26T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'very_urgent' });
    await ok(agent, c.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: eng() });
    t.advance(15);
    const tech = await fresh('tech1');
    const before = (await eventsOf(agent, c.id)).length;
    const refused = await cmd(tech, c.id, { type: 'pause_clocks', reason: '业主不在家' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'CLOCKS_OVERDUE' });
    expect(refused.body.message).toContain('维修到场');
    const en = await t.request(tech, {
      method: 'POST',
      url: `/api/cases/${c.id}/commands`,
      payload: { command: { type: 'pause_clocks', reason: 'owner away' } },
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.message).toContain('Repair on site');
    expect(await eventsOf(agent, c.id)).toHaveLength(before); // nothing recorded
    const k = (await clocksOf(tech, c.id)).find((x) => x.kind === 'repair_on_site')!;
    expect(bj(k.dueAt)).toBe('2026-11-26 10:10');
    expect(k).toMatchObject({ running: true, paused: false, result: 'breached', lateMinutes: 5, lateCalendarMinutes: 5 });
    expect(await atRisk(agent)).toContain(c.id);
    t.advance(30);
    await runSlaTick(t.deps);
    const steps = (await eventsOf(agent, c.id)).filter((e) => e.type === 'sla_escalated').map((e) => e.data.to);
    expect(steps).toEqual(['assignee', 'service_supervisor', 'department_head']);
    await ok(tech, c.id, { type: 'arrive' });
    expect((await clocksOf(tech, c.id)).find((x) => x.kind === 'repair_on_site')).toMatchObject({
      result: 'breached',
      lateMinutes: 35,
      lateCalendarMinutes: 35,
    });
  });

  it('a pause with one clock overdue and another in time: the one in time pauses, the event names the one that ran on', async () => {
    setTime('2026-11-26T09:00');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    await ok(supervisor, c.id, { type: 'transfer', departmentId: eng() });
    t.advance(2 * 60 + 10); // the department's 2-hour contact is overdue; its 3-working-day plan is not
    const head = await fresh('enghead1');
    const paused = await ok(head, c.id, { type: 'pause_clocks', reason: '业主出差，约定回来后面谈' });
    const event = (paused.body.events as { type: string; data: Record<string, unknown> }[]).find((e) => e.type === 'clocks_paused')!;
    const contact = (await clocksOf(head, c.id)).find((k) => k.kind === 'department_contact')!;
    expect(event.data.paused).toEqual(['complaint_plan']);
    expect(event.data.keptRunning).toEqual([{ clock: 'department_contact', dueAt: contact.dueAt }]);
    expect(bj(contact.dueAt)).toBe('2026-11-26 11:00');
    expect(contact).toMatchObject({ running: true, paused: false, result: 'breached' });
    expect((await clocksOf(head, c.id)).find((k) => k.kind === 'complaint_plan')).toMatchObject({ running: true, paused: true, dueAt: null });
    expect(await atRisk(head)).toContain(c.id);
  });

  it('a working-time clock late after hours says so in calendar minutes too', async () => {
    setTime('2026-11-26T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'normal' });
    setTime('2026-11-26T18:30');
    const k = (await clocksOf(await fresh('agent1'), c.id)).find((x) => x.kind === 'repair_on_site')!;
    expect(k).toMatchObject({ lateMinutes: 0, lateCalendarMinutes: 30, lateText: '超时 0 个工作分钟（自然时间 30 分钟）' });
  });
});

describe('escalation reaches a real person', () => {
  it('a case with no department yet: the department head’s step falls through to the service supervisor, never to nobody', async () => {
    setTime('2026-11-27T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'inquiry' }); // a repair is in the engineering pool from intake; an inquiry has no department until transferred
    t.advance(15 + 31);
    await runSlaTick(t.deps);
    const escalated = (await eventsOf(agent, c.id)).filter((e) => e.type === 'sla_escalated');
    expect(escalated.map((e) => [e.data.to, e.data.fellThroughTo ?? null, e.data.recipients])).toEqual([
      ['assignee', null, [t.a.staff.agent1]],
      ['service_supervisor', null, [t.a.staff.supervisor1]],
      ['department_head', 'service_supervisor', [t.a.staff.supervisor1]],
    ]);
  });
});

describe('recorded times', () => {
  it('an arrival recorded later stops the clock at the recorded time; bounded and with a reason, refusals name the field', async () => {
    setTime('2026-11-27T14:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'urgent' });
    await ok(agent, c.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: eng() });
    t.advance(30);
    const tech = await fresh('tech1');
    const noReason = await cmd(tech, c.id, { type: 'arrive', at: at('2026-11-27T14:12') });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const future = await cmd(tech, c.id, { type: 'arrive', at: at('2026-11-27T14:40'), reason: '补录' });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe('at');
    const early = await cmd(tech, c.id, { type: 'arrive', at: at('2026-11-27T13:59'), reason: '补录' });
    expect(early.status).toBe(400);
    expect(early.body.field).toBe('at');
    await ok(tech, c.id, { type: 'arrive', at: at('2026-11-27T14:12'), reason: '地下室没有信号，出来后补录' });
    expect((await clocksOf(tech, c.id)).find((x) => x.kind === 'repair_on_site')).toMatchObject({ result: 'met', stoppedAt: at('2026-11-27T14:12') });
    const arrived = (await eventsOf(agent, c.id)).find((e) => e.type === 'arrived_on_site')!;
    expect(arrived.data).toMatchObject({ recordedAt: at('2026-11-27T14:12'), reason: '地下室没有信号，出来后补录' });
  });
});

describe('clocks that start where they were missing', () => {
  it('a complaint escalated to leadership without a department has its contact and plan clocks running', async () => {
    setTime('2026-11-27T10:00');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    await ok(supervisor, c.id, { type: 'escalate', level: 'leadership', reason: 'compensation', note: '业主要求赔偿' });
    const running = (await clocksOf(supervisor, c.id)).filter((k) => k.running).map((k) => k.kind);
    expect(running).toEqual(expect.arrayContaining(['department_contact', 'complaint_plan']));
  });

  it('a 一般 repair received in the last two working hours is due at the next working day’s close', async () => {
    setTime('2026-11-26T16:30');
    const agent = await fresh('agent1');
    const late = await newCase(agent, { type: 'repair', repairGrade: 'normal' });
    expect(bj((await clocksOf(agent, late.id)).find((k) => k.kind === 'repair_on_site')!.dueAt)).toBe('2026-11-27 18:00');
    setTime('2026-11-27T09:00');
    const early = await newCase(await fresh('agent1'), { type: 'repair', repairGrade: 'normal' });
    expect(bj((await clocksOf(await fresh('agent1'), early.id)).find((k) => k.kind === 'repair_on_site')!.dueAt)).toBe('2026-11-27 18:00');
  });
});

describe('rework and follow-up tasks', () => {
  it('not satisfied: a rework clock and a follow-up within 24 h that outlives the close, listed until a follow-up is recorded', async () => {
    setTime('2026-11-30T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'urgent' });
    await ok(agent, c.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: eng() });
    const tech = await fresh('tech1');
    t.advance(10);
    await ok(tech, c.id, { type: 'arrive' });
    t.advance(20);
    await ok(tech, c.id, { type: 'complete', summary: '更换水龙头' });
    t.advance(10);
    await ok(agent, c.id, { type: 'record_satisfaction', satisfied: false, opinion: '还在滴水' });
    const clocks = await clocksOf(agent, c.id);
    expect(bj(clocks.find((k) => k.kind === 'rework_on_site' && k.running)!.dueAt)).toBe('2026-11-30 10:55');
    expect(bj(clocks.find((k) => k.kind === 'rework_follow_up' && k.running)!.dueAt)).toBe('2026-12-01 10:40');
    t.advance(5);
    await ok(tech, c.id, { type: 'arrive' });
    await ok(tech, c.id, { type: 'complete', summary: '更换阀芯' });
    await ok(agent, c.id, { type: 'record_satisfaction', satisfied: true, rating: 5 });
    await ok(agent, c.id, { type: 'close' });
    expect(await atRisk(agent, 24 * 60)).toContain(c.id); // the closed case is still work: its follow-up
    expect(await followUps(agent)).toContain(c.id);
    expect((await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/cases?queue=follow_up' })).status).toBe(403);
    expect((await cmd(tech, c.id, { type: 'record_follow_up', content: '回访' })).status).toBe(403);
    const bad = await cmd(agent, c.id, { type: 'record_follow_up', content: '' });
    expect(bad.status).toBe(400);
    t.advance(60);
    await ok(agent, c.id, { type: 'record_follow_up', content: '电话回访：业主确认不再滴水', channel: 'hotline' });
    expect((await clocksOf(agent, c.id)).find((k) => k.kind === 'rework_follow_up')).toMatchObject({ running: false, result: 'met' });
    expect(await atRisk(agent, 24 * 60)).not.toContain(c.id);
    expect(await followUps(agent)).not.toContain(c.id);
    expect((await eventsOf(agent, c.id)).at(-1)!.type).toBe('follow_up_recorded');
  });
});

describe('follow-up tasks answer to whoever calls back', () => {
  it('a rework follow-up warns the desk that took the case, not the technician', async () => {
    setTime('2026-12-01T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'urgent' });
    await ok(agent, c.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: eng() });
    const tech = await fresh('tech1');
    await ok(tech, c.id, { type: 'arrive' });
    await ok(tech, c.id, { type: 'complete', summary: '疏通下水' });
    await ok(agent, c.id, { type: 'record_satisfaction', satisfied: false, opinion: '还是堵' });
    await ok(tech, c.id, { type: 'arrive' });
    t.advance(20 * 60); // 80% of 24 h is 19 h 12 min
    await runSlaTick(t.deps);
    const warning = (await eventsOf(await fresh('agent1'), c.id)).find((e) => e.type === 'sla_warning' && e.data.clock === 'rework_follow_up')!;
    expect(warning.data.recipients).toEqual([t.a.staff.agent1]);
  });
});

describe('reports use the project’s time zone', () => {
  it('a complaint received at 01:00 on 1 November in Shanghai (31 October 17:00 UTC) counts in November', async () => {
    t.advance((Date.parse('2026-10-31T17:00:00Z') - Date.parse(t.deps.now())) / 60_000);
    const supervisor = await fresh('supervisor1');
    await newCase(supervisor, { type: 'complaint', category: '时区测试', apologized: true, readBack: true });
    const categories = async (from: string, to: string) =>
      (
        (await t.request(await fresh('manager1'), { method: 'GET', url: `/api/reports/outcomes?groupBy=month&from=${from}&to=${to}` })).body
          .complaintCategories as {
          category: string;
          count: number;
        }[]
      ).find((r) => r.category === '时区测试')?.count ?? 0;
    expect(await categories('2026-11-01', '2026-12-01')).toBe(1);
    expect(await categories('2026-10-01', '2026-11-01')).toBe(0);
    // "this month" is Shanghai's: at 00:30 on 1 November local time the default period is November
    t.advance(-30);
    const report = await t.request(await fresh('manager1'), { method: 'GET', url: '/api/reports/timeliness?groupBy=month' });
    expect(report.body).toMatchObject({ from: '2026-11-01', to: '2026-12-01' });
  });
});

describe('a step nobody in the chain can take', () => {
  it('goes to the company’s administrators and leadership; with truly nobody, the event says unreached and the audit log shows it', async () => {
    setTime('2026-12-02T10:00');
    const b = t.b;
    const db = t.deps.database.db;
    const owner = await t.ownerLogin(b.owners.zhangwei!.portalLogin);
    const setActive = async (usernames: string[], active: 0 | 1) =>
      db
        .updateTable('staff')
        .set({ active })
        .where(
          'id',
          'in',
          usernames.map((u) => b.staff[u]!),
        )
        .execute();
    // the project's service supervisor, office manager and the quality officer are gone; the owner's own case has no receiver
    const vacant = ['b_supervisor1', 'b_manager1', 'b_quality'];
    await setActive(vacant, 0);
    try {
      const ask = async (description: string) => {
        const res = await t.request(owner, {
          method: 'POST',
          url: '/api/cases',
          payload: { projectId: b.projects.CUIHU!.id, type: 'inquiry', channel: 'portal', description },
        });
        expect(res.status).toBe(201);
        return res.body.case.id as string;
      };
      const escalatedOf = async (id: string) => (await eventsOf(await fresh('b_admin'), id)).filter((e) => e.type === 'sla_escalated').map((e) => e.data);

      const first = await ask('请问车位怎么租');
      t.advance(16); // the 15-minute first reply breached: the assignee's step
      await runSlaTick(t.deps);
      const [step] = await escalatedOf(first);
      expect(step).toMatchObject({ to: 'assignee', fellThroughTo: 'company_administration', recipients: [b.staff.b_admin, b.staff.b_leader].sort() });
      expect(step).not.toHaveProperty('unreached');
      t.advance(2);
      await runSlaTick(t.deps);
      const told = (
        (await t.request(await fresh('b_leader'), { method: 'GET', url: '/api/notifications?limit=50' })).body as { caseId: string | null }[]
      ).filter((n) => n.caseId === first);
      expect(told.length).toBeGreaterThanOrEqual(1);

      // nobody at all: the administrators and leadership gone too
      await setActive(['b_admin', 'b_leader'], 0);
      const second = await ask('请问快递放哪里');
      const auditsBefore = await db.selectFrom('auditLog').select('id').where('action', '=', 'sla.unreached').where('targetId', '=', second).execute();
      expect(auditsBefore).toEqual([]);
      t.advance(16);
      await runSlaTick(t.deps);
      const events = (await t.deps.database.db.selectFrom('caseEvents').select(['type', 'data']).where('caseId', '=', second).execute()).filter(
        (e) => e.type === 'sla_escalated',
      );
      expect(events).toHaveLength(1);
      expect(JSON.parse(String(events[0]!.data))).toMatchObject({ to: 'assignee', unreached: true, recipients: [] });
      const audit = await db.selectFrom('auditLog').selectAll().where('action', '=', 'sla.unreached').where('targetId', '=', second).execute();
      expect(audit.map((a) => JSON.parse(a.detail))).toEqual(
        expect.arrayContaining([expect.objectContaining({ clock: 'first_reply', alert: 'escalation', step: 1, to: 'assignee' })]),
      );
      expect(audit[0]).toMatchObject({ actorKind: 'system', targetType: 'case', organizationId: b.organizationId, projectId: b.projects.CUIHU!.id });
    } finally {
      await setActive([...vacant, 'b_admin', 'b_leader'], 1);
    }
  });
});
