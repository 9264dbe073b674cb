import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaTick } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

// The harness clock starts at 2026-11-25T02:00Z: Wednesday 10:00 in Beijing.
const bj = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });
const sla = (token: string, id: string, lang = 'zh-CN') =>
  t.request(token, { method: 'GET', url: `/api/cases/${id}/sla`, headers: { 'accept-language': lang } });
async function newCase(token: string, payload: Record<string, unknown> = {}) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '业主来电咨询', ...payload },
  });
  expect(res.status).toBe(201);
  return res.body.case as { id: string; number: string };
}
/** Sets the shared clock to a Beijing local time (each test starts from its own instant). */
const setTime = (local: string) => t.advance((Date.parse(`${local}+08:00`) - Date.parse(t.deps.now())) / 60_000);
/** A new session (sessions idle out when a test moves the clock by hours). */
const fresh = async (username: string) =>
  (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: 'guanjia-demo' } })).body.token as string;
const eventsOf = async (token: string, id: string) => {
  const res = await t.request(token, { method: 'GET', url: `/api/cases/${id}/events` });
  if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { type: string; data: Record<string, unknown> }[];
};

describe('a case’s clocks, explained', () => {
  it('a new inquiry has a 15-minute first-reply clock on calendar time; answering meets it', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent);
    const res = await sla(agent, c.id);
    expect(res.status).toBe(200);
    expect(res.body.calendar).toMatchObject({ timeZone: 'Asia/Shanghai', years: ['2025', '2026'] });
    expect(res.body.calendar.week[1]).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
    const [first] = res.body.clocks;
    expect(first).toMatchObject({
      kind: 'first_reply',
      label: '初次答复',
      basis: 'calendar',
      targetText: '15 分钟',
      result: null,
      running: true,
      remainingText: '还剩 15 分钟',
      warned: false,
      escalations: 0,
    });
    expect(bj(first.dueAt)).toBe('2026-11-25 10:15');
    expect(bj(first.warnAt)).toBe('2026-11-25 10:12');
    expect(bj(first.nextAlertAt)).toBe('2026-11-25 10:12');
    expect((await sla(agent, c.id, 'en')).body.clocks[0]).toMatchObject({ label: 'First reply', targetText: '15 minutes', remainingText: '15 minutes left' });
    t.advance(5);
    await cmd(agent, c.id, { type: 'answer', content: '您好，已为您查询' });
    const after = (await sla(agent, c.id)).body.clocks[0];
    expect(after).toMatchObject({ result: 'met', running: false, lateMinutes: null, nextAlertAt: null });
  });

  it('a working-time clock says how late it is in working minutes', async () => {
    setTime('2026-11-25T10:00');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    await cmd(supervisor, c.id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] });
    const plan = (await sla(supervisor, c.id)).body.clocks.find((k: { kind: string }) => k.kind === 'complaint_plan');
    expect(plan).toMatchObject({ basis: 'working', targetText: '3 个工作日' });
    expect(bj(plan.dueAt)).toBe('2026-11-30 10:00'); // Wednesday 10:00 + 3 working days
    t.advance(6 * 24 * 60); // Tuesday 1 December, 10:00
    const late = (await sla(await fresh('supervisor1'), c.id)).body.clocks.find((k: { kind: string }) => k.kind === 'complaint_plan');
    expect(late.result).toBe('breached');
    expect(late.lateMinutes).toBe(480); // Mon 10:00–12:00, 13:30–18:00, Tue 08:30–10:00
    expect(late.lateCalendarMinutes).toBe(1440);
    expect(late.lateText).toBe('超时 480 个工作分钟（自然时间 1440 分钟）');
  });

  it('pausing while waiting on the owner moves the due time; a pause ending in the past is refused', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const z = t.a.owners.zhangwei!;
    const c = await newCase(agent, { type: 'repair', repairGrade: 'normal', ownerId: z.id, unitId: z.unitId });
    expect(bj((await sla(agent, c.id)).body.clocks[0].dueAt)).toBe('2026-11-25 18:00');
    const bad = await cmd(agent, c.id, { type: 'pause_clocks', reason: '等业主', until: '2026-11-24T09:00:00+08:00' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'FIELD_INVALID', field: 'until' });
    t.advance(60);
    const ok = await cmd(agent, c.id, { type: 'pause_clocks', reason: '业主不在家，约定明早九点', until: '2026-11-26T09:00:00+08:00' });
    expect(ok.status).toBe(200);
    const k = (await sla(agent, c.id)).body.clocks[0];
    expect(k.pauses).toEqual([{ from: '2026-11-25T03:00:00.000Z', to: '2026-11-26T01:00:00.000Z', reason: '业主不在家，约定明早九点' }]);
    expect(bj(k.dueAt)).toBe('2026-11-26 16:00');
  });

  it('regrading recomputes the open clock at once', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { type: 'repair', repairGrade: 'normal' });
    await cmd(agent, c.id, { type: 'set_repair_grade', grade: 'very_urgent' });
    const k = (await sla(agent, c.id)).body.clocks[0];
    expect(bj(k.dueAt)).toBe('2026-11-25 10:10');
    expect(k.rule.repairGrade).toBe('very_urgent');
  });

  it('owners and other projects’ staff do not see a case’s clocks', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent, { ownerId: t.a.owners.zhangwei!.id });
    expect((await sla(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), c.id)).status).toBe(403);
    expect((await sla(await fresh('agent2'), c.id)).status).toBe(404);
    expect((await sla(await fresh('b_admin'), c.id)).status).toBe(404);
    expect((await t.request(null, { method: 'GET', url: `/api/cases/${c.id}/sla` })).status).toBe(401);
  });
});

describe('warnings and escalation', () => {
  it('warns at 80%, then climbs the chain once per step; ticks again change nothing', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const c = await newCase(agent);
    await cmd(agent, c.id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] }); // first reply met; 4 h for the department
    const before = await t.count('case_events');
    t.advance(3 * 60 + 13); // 80% of 4 h = 3 h 12 min
    const warn = await runSlaTick(t.deps);
    expect(warn.alerts).toBeGreaterThanOrEqual(1);
    let events = await eventsOf(agent, c.id);
    expect(events.filter((e) => e.type === 'sla_warning')).toHaveLength(1);
    expect(events.find((e) => e.type === 'sla_warning')!.data).toMatchObject({ clock: 'department_answer', to: 'assignee', recipients: [t.a.staff.agent1] });
    t.advance(6 * 60); // past the breach and every step's delay
    await runSlaTick(t.deps);
    await runSlaTick(t.deps);
    t.advance(2); // the digest window closes: the notices leave
    await runSlaTick(t.deps);
    events = await eventsOf(await fresh('agent1'), c.id);
    const escalations = events
      .filter((e) => e.type === 'sla_escalated' && e.data.clock === 'department_answer')
      .map((e) => [e.data.step, e.data.to, e.data.recipients]);
    expect(escalations).toEqual([
      [1, 'assignee', [t.a.staff.agent1]],
      [2, 'service_supervisor', [t.a.staff.supervisor1]],
      [3, 'department_head', [t.a.staff.enghead1]],
      [4, 'office_manager', [t.a.staff.manager1]],
      [5, 'quality_department', [t.a.staff.quality]],
    ]);
    expect(await t.count('case_events')).toBeGreaterThan(before);
    // a new process (fresh caches, same database) finds nothing more to say
    const again = await runSlaTick({ ...t.deps, actorCache: undefined, projectCache: undefined, slaCache: undefined });
    expect(again.alerts).toBe(0);
    expect((await eventsOf(await fresh('agent1'), c.id)).filter((e) => e.type.startsWith('sla_'))).toHaveLength(6);
  });

  it('each person concerned gets an in-app notification; reading it is theirs alone', async () => {
    setTime('2026-11-25T10:00');
    const manager = await fresh('manager1');
    const list = await t.request(manager, { method: 'GET', url: '/api/notifications?unread=true&limit=200' });
    expect(list.status).toBe(200);
    const mine = list.body.find((n: { kind: string }) => n.kind === 'sla_escalation' || n.kind === 'sla_digest');
    expect(mine).toBeTruthy();
    expect(mine.recipientId).toBe(t.a.staff.manager1);
    // the badge's count is the number of unread ones, counted by the server; each person counts only their own
    const count = async (token: string) => (await t.request(token, { method: 'GET', url: '/api/notifications/unread-count' })).body.count;
    expect(await count(manager)).toBe(list.body.length);
    const agent = await fresh('agent1');
    const agentUnread = (await t.request(agent, { method: 'GET', url: '/api/notifications?unread=true&limit=200' })).body.length;
    expect(await count(agent)).toBe(agentUnread);
    expect((await t.request(agent, { method: 'POST', url: `/api/notifications/${mine.id}/read` })).status).toBe(404);
    expect(await count(manager)).toBe(list.body.length);
    expect((await t.request(manager, { method: 'POST', url: `/api/notifications/${mine.id}/read` })).status).toBe(204);
    expect(await count(manager)).toBe(list.body.length - 1);
    // reading it again changes nothing
    expect((await t.request(manager, { method: 'POST', url: `/api/notifications/${mine.id}/read` })).status).toBe(204);
    expect(await count(manager)).toBe(list.body.length - 1);
    const unread = await t.request(manager, { method: 'GET', url: '/api/notifications?unread=true' });
    expect(unread.body.map((n: { id: string }) => n.id)).not.toContain(mine.id);
    expect((await t.request(manager, { method: 'GET', url: '/api/notifications?limit=0' })).status).toBe(400);
  });

  it('a complaint against the office manager never reaches them', async () => {
    setTime('2026-11-25T10:00');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    const esc = await cmd(supervisor, c.id, {
      type: 'escalate',
      level: 'leadership',
      reason: 'against_office_manager',
      accusedStaffId: t.a.staff.manager1,
      departmentId: t.a.departments.QUALITY,
      note: '投诉管理处主任',
    });
    expect(esc.status).toBe(200);
    const notesBefore = (await t.request(await fresh('manager1'), { method: 'GET', url: '/api/notifications?limit=200' })).body.length;
    t.advance(24 * 60);
    await runSlaTick(t.deps);
    await runSlaTick(t.deps);
    const admin = await fresh('admin');
    const escalated = (await eventsOf(admin, c.id)).filter((e) => e.type === 'sla_escalated');
    expect(escalated.map((e) => e.data.to)).toEqual(expect.arrayContaining(['assignee', 'department_head', 'quality_department', 'leadership']));
    expect(escalated.map((e) => e.data.to)).not.toContain('office_manager');
    expect(escalated.flatMap((e) => e.data.recipients as string[])).not.toContain(t.a.staff.manager1);
    expect(escalated.find((e) => e.data.to === 'leadership')!.data.recipients).toEqual([t.a.staff.leader]);
    const notes = (await t.request(await fresh('manager1'), { method: 'GET', url: '/api/notifications?limit=200' })).body;
    expect(notes.length).toBe(notesBefore);
  });
});

describe('calendars', () => {
  const cuihu = () => t.a.projects.CUIHU!.id;
  it('a project’s week can change; running clocks are recomputed with an event', async () => {
    setTime('2026-11-25T10:00');
    const admin = await fresh('admin');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    await cmd(supervisor, c.id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] });
    const before = (await sla(admin, c.id)).body.clocks.find((k: { kind: string }) => k.kind === 'complaint_plan').dueAt;
    const office = [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ];
    const week = [[], office, office, office, office, office, [{ start: '09:00', end: '12:00' }]]; // Saturday mornings too
    const res = await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ configured: true, week });
    expect(res.body.recomputedCases).toBeGreaterThan(0);
    const after = (await sla(admin, c.id)).body.clocks.find((k: { kind: string }) => k.kind === 'complaint_plan').dueAt;
    expect(after < before).toBe(true); // Saturday counts now
    const recomputed = (await eventsOf(admin, c.id)).find((e) => e.type === 'sla_recomputed')!;
    expect(recomputed.data).toMatchObject({ reason: 'calendar' });
    expect(recomputed.data.clocks).toEqual(expect.arrayContaining([{ kind: 'complaint_plan', from: before, to: after }]));
    // back to office hours
    expect(
      (await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week: [[], office, office, office, office, office, []] } }))
        .status,
    ).toBe(200);
  });

  it('bad weeks are refused with the field and the reason, and change nothing', async () => {
    setTime('2026-11-25T10:00');
    const admin = await fresh('admin');
    const before = (await t.request(admin, { method: 'GET', url: `/api/projects/${cuihu()}/calendar` })).body;
    const overlapping = [
      [],
      [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      [],
      [],
      [],
      [],
      [],
    ];
    const res = await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week: overlapping } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CALENDAR_SPAN_INVALID', field: 'week.1.1' });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    const sixDays = await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week: [[], [], [], [], [], []] } });
    expect(sixDays.status).toBe(400);
    expect(sixDays.body.field).toBe('week');
    const badTime = await t.request(admin, {
      method: 'PUT',
      url: `/api/projects/${cuihu()}/calendar`,
      payload: { week: [[], [{ start: '8:30', end: '12:00' }], [], [], [], [], []] },
      headers: { 'accept-language': 'en' },
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.field).toBe('week.1.0.start');
    expect((await t.request(admin, { method: 'GET', url: `/api/projects/${cuihu()}/calendar` })).body).toEqual(before);
  });

  it('a project’s own day off (a local holiday) moves its working-time clocks, and only that project’s', async () => {
    setTime('2026-11-25T10:00'); // a Wednesday
    const admin = await fresh('admin');
    const supervisor = await fresh('supervisor1');
    const c = await newCase(supervisor, { type: 'complaint', apologized: true, readBack: true });
    await cmd(supervisor, c.id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] });
    const plan = async () => (await sla(admin, c.id)).body.clocks.find((k: { kind: string }) => k.kind === 'complaint_plan').dueAt as string;
    const before = await plan();
    const office = [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ];
    const week = [[], office, office, office, office, office, []];
    const res = await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week, holidays: ['2026-11-26'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ holidays: ['2026-11-26'], makeupWorkdays: [] });
    const after = await plan();
    expect(Date.parse(after) - Date.parse(before)).toBeGreaterThanOrEqual(24 * 3_600_000); // one working day later
    // BINJIANG keeps the organization's calendar
    expect((await t.request(admin, { method: 'GET', url: `/api/projects/${t.a.projects.BINJIANG!.id}/calendar` })).body).toMatchObject({
      holidays: [],
      makeupWorkdays: [],
    });
    // a week sent without dates keeps the project's dates; a date both off and worked is refused by index
    expect((await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week } })).body.holidays).toEqual(['2026-11-26']);
    const conflict = await t.request(admin, {
      method: 'PUT',
      url: `/api/projects/${cuihu()}/calendar`,
      payload: { week, holidays: ['2026-11-26'], makeupWorkdays: ['2026-11-28', '2026-11-26'] },
    });
    expect(conflict.status).toBe(400);
    expect(conflict.body).toMatchObject({ code: 'CALENDAR_DATE_CONFLICT', field: 'makeupWorkdays.1' });
    const badDate = await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week, holidays: ['2026-02-30'] } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('holidays.0');
    expect(await plan()).toBe(after);
    // cleared again: the clock is back where it was
    expect((await t.request(admin, { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week, holidays: [] } })).body.holidays).toEqual([]);
    expect(await plan()).toBe(before);
  });

  it('only structure admins in scope edit calendars', async () => {
    setTime('2026-11-25T10:00');
    const office = [{ start: '08:30', end: '18:00' }];
    const week = [[], office, office, office, office, office, []];
    expect((await t.request(await fresh('agent1'), { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week } })).status).toBe(403);
    expect((await t.request(await fresh('agent2'), { method: 'GET', url: `/api/projects/${cuihu()}/calendar` })).status).toBe(404);
    expect((await t.request(await fresh('b_admin'), { method: 'PUT', url: `/api/projects/${cuihu()}/calendar`, payload: { week } })).status).toBe(404);
  });

  it('holiday years: the shipped 2025 and 2026, a new year loaded and validated', async () => {
    setTime('2026-11-25T10:00');
    const admin = await fresh('admin');
    const years = await t.request(admin, { method: 'GET', url: '/api/calendar-years' });
    expect(years.body.map((y: { year: string }) => y.year)).toEqual(['2025', '2026']);
    expect(years.body[1].makeupWorkdays).toContain('2026-02-14');
    const conflict = await t.request(admin, {
      method: 'PUT',
      url: '/api/calendar-years/2027',
      payload: { holidays: ['2027-01-01'], makeupWorkdays: ['2027-01-01'] },
    });
    expect(conflict.status).toBe(400);
    expect(conflict.body).toMatchObject({ code: 'CALENDAR_DATE_CONFLICT', field: 'makeupWorkdays.0' });
    expect(conflict.body.message).toContain('2027-01-01');
    const outside = await t.request(admin, { method: 'PUT', url: '/api/calendar-years/2027', payload: { holidays: ['2026-12-31'], makeupWorkdays: [] } });
    expect(outside.body).toMatchObject({ code: 'CALENDAR_DATE_INVALID', field: 'holidays.0' });
    expect((await t.request(admin, { method: 'PUT', url: '/api/calendar-years/27', payload: { holidays: [], makeupWorkdays: [] } })).status).toBe(400);
    expect(await t.count('calendar_years')).toBe(0);
    const ok = await t.request(admin, {
      method: 'PUT',
      url: '/api/calendar-years/2027',
      payload: { holidays: ['2027-01-01', '2027-02-06'], makeupWorkdays: ['2027-02-14'], source: '测试' },
    });
    expect(ok.status).toBe(200);
    expect((await t.request(admin, { method: 'GET', url: '/api/calendar-years' })).body.map((y: { year: string }) => y.year)).toEqual(['2025', '2026', '2027']);
    // a project admin (not company-wide) may not load the company's years
    expect(
      (await t.request(await fresh('manager1'), { method: 'PUT', url: '/api/calendar-years/2028', payload: { holidays: [], makeupWorkdays: [] } })).status,
    ).toBe(403);
  });
});

describe('SLA rules', () => {
  it('a project rule replaces the default and running clocks move, with an event', async () => {
    setTime('2026-11-25T10:00');
    const admin = await fresh('admin');
    const agent = await fresh('agent1');
    const c = await newCase(agent);
    const put = await t.request(admin, {
      method: 'PUT',
      url: `/api/projects/${t.a.projects.CUIHU!.id}/sla-rules`,
      payload: { rules: [{ clock: 'first_reply', target: { unit: 'minutes', amount: 30, basis: 'calendar' } }] },
    });
    expect(put.status).toBe(200);
    expect(bj((await sla(agent, c.id)).body.clocks[0].dueAt)).toBe('2026-11-25 10:30');
    expect((await eventsOf(agent, c.id)).some((e) => e.type === 'sla_recomputed' && e.data.reason === 'policy')).toBe(true);
    expect((await t.request(admin, { method: 'GET', url: `/api/projects/${t.a.projects.CUIHU!.id}/sla-rules` })).body.rules).toHaveLength(1);
    // BINJIANG keeps the default
    const bj2 = await t.request(await fresh('agent2'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.BINJIANG!.id, type: 'inquiry', channel: 'hotline', description: '咨询' },
    });
    expect(bj((await sla(await fresh('agent2'), bj2.body.case.id)).body.clocks[0].dueAt)).toBe('2026-11-25 10:15');
    expect((await t.request(admin, { method: 'PUT', url: `/api/projects/${t.a.projects.CUIHU!.id}/sla-rules`, payload: { rules: [] } })).status).toBe(200);
  });

  it('bad rules are refused naming the field', async () => {
    setTime('2026-11-25T10:00');
    const admin = await fresh('admin');
    const url = `/api/projects/${t.a.projects.CUIHU!.id}/sla-rules`;
    const unknownClock = await t.request(admin, {
      method: 'PUT',
      url,
      payload: { rules: [{ clock: 'coffee_break', target: { unit: 'minutes', amount: 5, basis: 'calendar' } }] },
    });
    expect(unknownClock.status).toBe(400);
    expect(unknownClock.body.field).toBe('rules.0.clock');
    const negative = await t.request(admin, {
      method: 'PUT',
      url,
      payload: { rules: [{ clock: 'first_reply', target: { unit: 'minutes', amount: -5, basis: 'calendar' } }] },
    });
    expect(negative.body.field).toBe('rules.0.target.amount');
    expect((await t.request(await fresh('agent1'), { method: 'PUT', url, payload: { rules: [] } })).status).toBe(403);
    expect(await t.count('sla_rules')).toBe(0);
  });
});

describe('timeliness (沟通及时率)', () => {
  it('counts met and breached clocks by clock kind within the reader’s projects', async () => {
    setTime('2026-11-25T10:00');
    const manager = await fresh('manager1');
    const res = await t.request(manager, { method: 'GET', url: '/api/reports/timeliness?groupBy=clock&from=2026-11-01&to=2026-12-01' });
    expect(res.status).toBe(200);
    const first = res.body.rows.find((r: { key: string }) => r.key === 'first_reply');
    expect(first.met).toBeGreaterThan(0);
    expect(first.total).toBe(first.met + first.breached);
    expect(res.body.total.rate).toBeGreaterThan(0);
    expect(res.body.total.rate).toBeLessThanOrEqual(1);
    const byProject = await t.request(await fresh('manager2'), { method: 'GET', url: '/api/reports/timeliness?groupBy=project&from=2026-11-01&to=2026-12-01' });
    expect(byProject.body.rows.map((r: { key: string }) => r.key)).not.toContain(t.a.projects.CUIHU!.id);
    expect((await t.request(await fresh('agent1'), { method: 'GET', url: '/api/reports/timeliness' })).status).toBe(403);
    expect((await t.request(manager, { method: 'GET', url: '/api/reports/timeliness?groupBy=weather' })).body.field).toBe('query.groupBy');
    expect((await t.request(manager, { method: 'GET', url: '/api/reports/timeliness?from=2026-12-01&to=2026-11-01' })).body.field).toBe('query.to');
  });
});

describe('the about-to-breach queue', () => {
  it('lists cases with a clock due within the window or overdue, the most urgent first, with their due instant', async () => {
    setTime('2026-11-25T10:00');
    const agent = await fresh('agent1');
    const inquiry = await newCase(agent);
    const repair = await newCase(agent, { type: 'repair', repairGrade: 'very_urgent' });
    const later = await newCase(agent, { type: 'repair', repairGrade: 'normal' }); // due 18:00
    const res = await t.request(agent, { method: 'GET', url: '/api/cases?queue=at_risk&withinMinutes=30' });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(repair.id)).toBeLessThan(ids.indexOf(inquiry.id));
    expect(ids).not.toContain(later.id);
    expect(bj(res.body.items.find((c: { id: string }) => c.id === repair.id).nextDueAt)).toBe('2026-11-25 10:10');
    const open = await t.request(agent, { method: 'GET', url: '/api/cases?queue=open&limit=5' });
    expect(open.body.items[0]).toHaveProperty('nextDueAt');
    expect(
      (await t.request(await fresh('agent2'), { method: 'GET', url: '/api/cases?queue=at_risk' })).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(repair.id);
    const owner = (
      await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: t.a.owners.zhangwei!.portalLogin, password: 'guanjia-demo' } })
    ).body.token;
    expect((await t.request(owner, { method: 'GET', url: '/api/cases?queue=at_risk' })).status).toBe(403);
    expect((await t.request(agent, { method: 'GET', url: '/api/cases?queue=at_risk&withinMinutes=-5' })).body.field).toBe('query.withinMinutes');
  });
});
