import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tellLateMinutes } from '../src/services/internal-meeting-reminders.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Internal meetings over HTTP on a real database (issue 16 item 3, decision 0038). 李明 (office manager
 * of 翠湖花园) holds the office's regular meeting (管理处例会) with 黄丽 as its secretary; 钱伟 holds his
 * engineering department's weekly meeting. The office's staff read the office's meeting, the department's
 * staff (and the office's holders of meetings) the department's; nobody else. The minutes are due 3 days after the
 * meeting: still missing on the 4th day they are late, and the secretary and the organizer are told
 * once. A resolution assigned to 孙刚 tells him, shows in his 我的会议事项, turns overdue past its
 * deadline, and is done with a note by him; every refusal changes nothing.
 */
let t: TestContext;
const USERS = ['agent1', 'tech1', 'enghead1', 'enghead2', 'manager1', 'manager2', 'supervisor1', 'quality', 'b_manager1', 'b_admin'];
beforeAll(async () => {
  t = await createTestContext();
  for (const u of USERS) await t.login(u);
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!.id;
const staff = (u: string) => t.a.staff[u]!;
async function as(user: string, method: 'GET' | 'POST', url: string, payload?: unknown, lang?: string) {
  return t.request(await t.login(user), { method, url, payload: payload as any, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
}
/** Every table's fingerprint and the meetings and resolutions as they are (both change in place). */
async function state() {
  const db = t.deps.database.db;
  const meetings = await db.selectFrom('internalMeetings').selectAll().orderBy('id').execute();
  const actions = await db.selectFrom('internalMeetingActions').selectAll().orderBy('id').execute();
  return `${await t.fingerprint()} ${createHash('sha256')
    .update(JSON.stringify([meetings, actions]))
    .digest('hex')}`;
}
async function notificationsOf(user: string, kind: string, meetingId: string) {
  const rows = await t.deps.database.db.selectFrom('notifications').selectAll().where('recipientId', '=', staff(user)).where('kind', '=', kind).execute();
  return rows.filter((r) => JSON.parse(String(r.data)).meetingId === meetingId);
}
const officeMeeting = (change: Record<string, unknown> = {}) => ({
  kind: 'office_regular',
  projectId: cuihu(),
  heldOn: '2026-11-25',
  title: '11月管理处例会',
  agenda: '本月投诉情况；水泵房维修',
  secretaryId: staff('supervisor1'),
  attendeeIds: [staff('agent1'), staff('tech1'), staff('enghead1'), staff('agent1')],
  ...change,
});
const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('internal meetings (内部会议)', () => {
  let office: { id: string };
  let department: { id: string };
  let actionId: string;

  it('refuses who may not hold one, another office, a department not theirs — changing nothing', async () => {
    const before = await state();
    expect((await as('agent1', 'POST', '/api/internal-meetings', officeMeeting())).body.code).toBe('FORBIDDEN');
    expect((await as('manager2', 'POST', '/api/internal-meetings', officeMeeting())).status).toBe(404);
    expect((await as('b_manager1', 'POST', '/api/internal-meetings', officeMeeting())).status).toBe(404);
    const otherDepartment = await as(
      'enghead1',
      'POST',
      '/api/internal-meetings',
      officeMeeting({ projectId: undefined, departmentId: t.a.departments['ENG-BINJIANG'] }),
    );
    expect([otherDepartment.status, otherDepartment.body.code, otherDepartment.body.field]).toEqual([400, 'INTERNAL_MEETING_HOLDER_INVALID', 'departmentId']);
    const stranger = await as('manager1', 'POST', '/api/internal-meetings', officeMeeting({ attendeeIds: [t.b.staff.b_agent1] }), 'en');
    expect([stranger.status, stranger.body.code, stranger.body.field]).toEqual([400, 'INTERNAL_MEETING_STAFF_INVALID', 'attendeeIds']);
    expect(stranger.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await state()).toBe(before);
  });

  it('the office holds its meeting: due in 3 days; the office reads it, others do not', async () => {
    const res = await as('manager1', 'POST', '/api/internal-meetings', officeMeeting());
    expect(res.status).toBe(201);
    office = res.body;
    expect(res.body).toMatchObject({
      kind: 'office_regular',
      projectId: cuihu(),
      departmentId: null,
      holderName: '翠湖花园管理处',
      minutes: null,
      minutesDueOn: '2026-11-28',
      minutesLate: false,
      canHold: true,
      organizer: { id: staff('manager1'), name: '管理处主任李明' },
      secretary: { id: staff('supervisor1') },
    });
    expect(res.body.attendees.map((a: { id: string }) => a.id)).toEqual([staff('agent1'), staff('tech1'), staff('enghead1')]);
    for (const user of ['agent1', 'tech1', 'quality']) expect((await as(user, 'GET', `/api/internal-meetings/${office.id}`)).status, user).toBe(200);
    expect((await as('agent1', 'GET', `/api/internal-meetings/${office.id}`)).body.canHold).toBe(false);
    for (const user of ['manager2', 'enghead2', 'b_admin']) {
      expect((await as(user, 'GET', `/api/internal-meetings/${office.id}`)).status, user).toBe(404);
      expect(ids((await as(user, 'GET', '/api/internal-meetings')).body.items), user).not.toContain(office.id);
    }
  });

  it('a department holds its own: its staff and the office manager read it, the office’s other staff do not', async () => {
    const res = await as(
      'enghead1',
      'POST',
      '/api/internal-meetings',
      officeMeeting({
        kind: 'department_regular',
        projectId: undefined,
        departmentId: t.a.departments['ENG-CUIHU'],
        secretaryId: undefined,
        attendeeIds: [staff('tech1')],
      }),
    );
    expect(res.status).toBe(201);
    department = res.body;
    expect(res.body).toMatchObject({ projectId: cuihu(), departmentId: t.a.departments['ENG-CUIHU'], secretary: { id: staff('enghead1') } });
    expect((await as('manager1', 'GET', `/api/internal-meetings/${department.id}`)).body.canHold).toBe(true);
    // the office's holders (the service supervisor too) oversee its departments' meetings
    for (const user of ['tech1', 'supervisor1']) expect((await as(user, 'GET', `/api/internal-meetings/${department.id}`)).status, user).toBe(200);
    for (const user of ['agent1', 'enghead2', 'manager2']) expect((await as(user, 'GET', `/api/internal-meetings/${department.id}`)).status, user).toBe(404);
    expect(ids((await as('agent1', 'GET', '/api/internal-meetings')).body.items)).toEqual([office.id]);
    expect(ids((await as('manager1', 'GET', '/api/internal-meetings?kind=department_regular')).body.items)).toEqual([department.id]);
  });

  it('a resolution assigned to 孙刚 tells him and shows in his 我的会议事项; only he or a holder completes it', async () => {
    const res = await as('manager1', 'POST', `/api/internal-meetings/${office.id}/actions`, {
      text: '更换水泵房阀门',
      responsibleId: staff('tech1'),
      deadlineOn: '2026-11-30',
    });
    expect(res.status).toBe(200);
    actionId = res.body.actions[0].id;
    expect(res.body.actions[0]).toMatchObject({ status: 'open', overdue: false, responsibleName: '维修员孙刚', deadlineOn: '2026-11-30', canComplete: true });
    expect(await notificationsOf('tech1', 'meeting_action_assigned', office.id)).toHaveLength(1);
    const mine = await as('tech1', 'GET', '/api/internal-meeting-actions?status=open');
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: actionId,
      canComplete: true,
      meeting: { id: office.id, title: '11月管理处例会', holderName: '翠湖花园管理处' },
    });
    expect((await as('agent1', 'GET', '/api/internal-meeting-actions')).body.items).toEqual([]);
    const before = await state();
    for (const user of ['agent1', 'manager2', 'b_admin'])
      expect((await as(user, 'POST', `/api/internal-meeting-actions/${actionId}/done`, { note: '已完成' })).status, user).toBe(404);
    expect(
      (await as('agent1', 'POST', `/api/internal-meetings/${office.id}/actions`, { text: 'x', responsibleId: staff('agent1'), deadlineOn: '2026-12-01' }))
        .status,
    ).toBe(403);
    expect((await as('enghead2', 'POST', `/api/internal-meetings/${office.id}/minutes`, { minutes: '纪要' })).status).toBe(404);
    expect(await state()).toBe(before);
  });

  it('minutes missing on the 4th day are late: the secretary and the organizer are told once; written late they stay late', async () => {
    // an on-time meeting of the same day: minutes written at once
    const onTime = await as('manager1', 'POST', '/api/internal-meetings', officeMeeting({ kind: 'quality_analysis', title: '质量分析会' }));
    expect((await as('manager1', 'POST', `/api/internal-meetings/${onTime.body.id}/minutes`, { minutes: '投诉率下降' })).body.minutesLate).toBe(false);
    t.advance(3 * 24 * 60); // 2026-11-28 10:00: the due day itself
    expect(await tellLateMinutes(t.deps)).toBe(0);
    t.advance(24 * 60); // 2026-11-29 10:00
    t.forgetLogins();
    expect((await as('manager1', 'GET', `/api/internal-meetings/${office.id}`)).body.minutesLate).toBe(true);
    expect(ids((await as('manager1', 'GET', '/api/internal-meetings?minutesLate=true')).body.items).sort()).toEqual([office.id, department.id].sort());
    expect(await tellLateMinutes(t.deps)).toBe(2);
    expect(await tellLateMinutes(t.deps)).toBe(0);
    expect(await notificationsOf('supervisor1', 'meeting_minutes_late', office.id)).toHaveLength(1);
    expect(await notificationsOf('manager1', 'meeting_minutes_late', office.id)).toHaveLength(1);
    expect(await notificationsOf('manager1', 'meeting_minutes_late', onTime.body.id)).toHaveLength(0);
    // 钱伟 organized and is the secretary of his own: told once
    expect(await notificationsOf('enghead1', 'meeting_minutes_late', department.id)).toHaveLength(1);
    const written = await as('supervisor1', 'POST', `/api/internal-meetings/${office.id}/minutes`, {
      minutes: '一、本月投诉 3 件；二、水泵房阀门由工程部更换',
    });
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({
      minutesLate: true,
      minutesBy: { id: staff('supervisor1') },
      minutes: '一、本月投诉 3 件；二、水泵房阀门由工程部更换',
    });
    // corrected by the organizer: the first writer and time are kept
    const corrected = await as('manager1', 'POST', `/api/internal-meetings/${office.id}/minutes`, {
      minutes: '一、本月投诉 3 件；二、水泵房阀门由工程部于11月30日前更换',
    });
    expect([corrected.body.minutesBy.id, corrected.body.minutesAt]).toEqual([staff('supervisor1'), written.body.minutesAt]);
  });

  it('past its deadline the resolution is overdue; 孙刚 marks it done with a note; twice is refused, changing nothing', async () => {
    t.advance(2 * 24 * 60); // 2026-12-01
    t.forgetLogins();
    const mine = await as('tech1', 'GET', '/api/internal-meeting-actions?status=open');
    expect(mine.body.items[0]).toMatchObject({ id: actionId, overdue: true });
    const done = await as('tech1', 'POST', `/api/internal-meeting-actions/${actionId}/done`, { note: '阀门已更换，试压正常' });
    expect(done.status).toBe(200);
    expect(done.body.actions[0]).toMatchObject({
      status: 'done',
      overdue: false,
      doneBy: staff('tech1'),
      doneByName: '维修员孙刚',
      doneNote: '阀门已更换，试压正常',
      canComplete: false,
    });
    expect((await as('tech1', 'GET', '/api/internal-meeting-actions?status=open')).body.items).toEqual([]);
    expect((await as('tech1', 'GET', '/api/internal-meeting-actions')).body.items.map((a: { status: string }) => a.status)).toEqual(['done']);
    await t.login('manager1'); // signed in first: a new session is no change
    const before = await state();
    const again = await as('manager1', 'POST', `/api/internal-meeting-actions/${actionId}/done`, { note: '再次' });
    expect([again.status, again.body.code]).toEqual([409, 'MEETING_ACTION_DONE']);
    expect(await state()).toBe(before);
  });
});
