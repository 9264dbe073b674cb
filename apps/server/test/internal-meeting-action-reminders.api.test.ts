import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspectionTick } from '../src/services/inspection-tick.ts';
import { tellOverdueActions } from '../src/services/internal-meeting-reminders.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Overdue resolutions of internal meetings reminded (会议决议事项逾期提醒, decision 0038) on a real database.
 * 李明 (office manager of 翠湖花园) holds the office's meeting of 2026-11-25 and gives resolutions due
 * 2026-11-26 to 孙刚, to 张敏 (who does hers on time) and to himself, and one due 2026-11-28 to 孙刚;
 * 钱伟 holds his department's meeting with one for 孙刚 due 2026-11-26. Nobody is told on the deadline
 * day, even at 23:59 in Shanghai; from 00:00 the day after (still the deadline day in UTC: the meeting's
 * zone decides), the responsible and the organizer are told once — two sweeps at the same time tell
 * once — the secretary is not, and a resolution done in time never is.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const staff = (u: string) => t.a.staff[u]!;
async function as(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.request(await t.login(user), { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}
/** The overdue reminders a staff member got about one resolution. */
async function toldAbout(user: string, actionId: string) {
  const rows = await t.deps.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('recipientId', '=', staff(user))
    .where('kind', '=', 'meeting_action_overdue')
    .execute();
  return rows.filter((r) => JSON.parse(String(r.data)).actionId === actionId);
}
async function overdueReminders() {
  const rows = await t.deps.database.db.selectFrom('notifications').select('id').where('kind', '=', 'meeting_action_overdue').execute();
  return rows.length;
}
async function addAction(user: string, meetingId: string, text: string, responsible: string, deadlineOn: string): Promise<string> {
  const res = await as(user, 'POST', `/api/internal-meetings/${meetingId}/actions`, { text, responsibleId: staff(responsible), deadlineOn });
  expect(res.status).toBe(200);
  return res.body.actions.find((a: { text: string }) => a.text === text).id;
}

describe('overdue resolutions reminded (会议决议事项逾期提醒)', () => {
  let office: string;
  let department: string;
  const action: Record<string, string> = {};

  it('resolutions due on the 26th: nobody is told on the deadline day, even at 23:59', async () => {
    const held = await as('manager1', 'POST', '/api/internal-meetings', {
      kind: 'office_regular',
      projectId: t.a.projects.CUIHU!.id,
      heldOn: '2026-11-25',
      title: '11月管理处例会',
      secretaryId: staff('supervisor1'),
      attendeeIds: [staff('agent1'), staff('tech1')],
    });
    expect(held.status).toBe(201);
    office = held.body.id;
    const dept = await as('enghead1', 'POST', '/api/internal-meetings', {
      kind: 'department_regular',
      departmentId: t.a.departments['ENG-CUIHU'],
      heldOn: '2026-11-25',
      title: '工程部周例会',
      attendeeIds: [staff('tech1')],
    });
    expect(dept.status).toBe(201);
    department = dept.body.id;
    action.valve = await addAction('manager1', office, '更换水泵房阀门', 'tech1', '2026-11-26');
    action.posting = await addAction('manager1', office, '张贴停水通知', 'agent1', '2026-11-26');
    action.own = await addAction('manager1', office, '约见业委会主任', 'manager1', '2026-11-26');
    action.later = await addAction('manager1', office, '检修电梯', 'tech1', '2026-11-28');
    action.pump = await addAction('enghead1', department, '水泵保养', 'tech1', '2026-11-26');

    expect(await tellOverdueActions(t.deps)).toBe(0);
    t.advance(38 * 60 - 1); // 2026-11-26 23:59 Shanghai (15:59 UTC): the deadline day itself
    t.forgetLogins();
    expect(await tellOverdueActions(t.deps)).toBe(0);
    expect(await overdueReminders()).toBe(0);
    // 张敏 does hers on the deadline day
    expect((await as('agent1', 'POST', `/api/internal-meeting-actions/${action.posting}/done`, { note: '已张贴' })).status).toBe(200);
  });

  it('from 00:00 the day after: the responsible and the organizer are told once, even by two sweeps at once', async () => {
    t.advance(1); // 2026-11-27 00:00 Shanghai — still the 26th in UTC
    const [first, second] = await Promise.all([tellOverdueActions(t.deps), tellOverdueActions(t.deps)]);
    expect(first + second).toBe(3); // the valve, 李明's own, the pump; not the posting done in time
    expect(await tellOverdueActions(t.deps)).toBe(0);
    await runInspectionTick(t.deps); // the scheduler's tick: nothing told twice
    expect((await toldAbout('tech1', action.valve!)).length).toBe(1);
    expect((await toldAbout('manager1', action.valve!)).length).toBe(1);
    // responsible and organizer the same person: told once
    expect((await toldAbout('manager1', action.own!)).length).toBe(1);
    // the department's: its responsible and its organizer 钱伟
    expect((await toldAbout('tech1', action.pump!)).length).toBe(1);
    expect((await toldAbout('enghead1', action.pump!)).length).toBe(1);
    expect((await toldAbout('manager1', action.pump!)).length).toBe(0);
    // done in time: never; the secretary is not told; not yet due: not yet
    expect((await toldAbout('agent1', action.posting!)).length).toBe(0);
    expect((await toldAbout('manager1', action.posting!)).length).toBe(0);
    expect((await toldAbout('supervisor1', action.valve!)).length).toBe(0);
    expect((await toldAbout('tech1', action.later!)).length).toBe(0);
    expect(await overdueReminders()).toBe(5);

    // what 孙刚 reads in his notifications
    const inbox = await as('tech1', 'GET', '/api/notifications');
    expect(inbox.status).toBe(200);
    const valve = inbox.body.find(
      (n: { kind: string; data: { actionId?: string } }) => n.kind === 'meeting_action_overdue' && n.data.actionId === action.valve,
    );
    expect(valve).toMatchObject({
      recipientId: staff('tech1'),
      caseId: null,
      data: {
        meetingId: office,
        title: '11月管理处例会',
        heldOn: '2026-11-25',
        text: '更换水泵房阀门',
        deadlineOn: '2026-11-26',
        responsibleId: staff('tech1'),
      },
    });
    const row = await t.deps.database.db
      .selectFrom('internalMeetingActions')
      .select('overdueRemindedAt')
      .where('id', '=', action.valve!)
      .executeTakeFirstOrThrow();
    expect(row.overdueRemindedAt).toBe(valve.createdAt);
    // still shown overdue in his list until done
    const mine = await as('tech1', 'GET', '/api/internal-meeting-actions?status=open');
    expect(mine.body.items.find((a: { id: string }) => a.id === action.valve)).toMatchObject({ overdue: true });
  });

  it('the later one is told only the day after its own deadline, by the scheduler tick, once; done after the reminder, nothing more', async () => {
    t.advance(24 * 60); // 2026-11-28 00:00 Shanghai: its deadline day
    await runInspectionTick(t.deps);
    expect((await toldAbout('tech1', action.later!)).length).toBe(0);
    t.advance(24 * 60); // 2026-11-29 00:00
    t.forgetLogins();
    await runInspectionTick(t.deps);
    await runInspectionTick(t.deps);
    expect((await toldAbout('tech1', action.later!)).length).toBe(1);
    expect((await toldAbout('manager1', action.later!)).length).toBe(1);
    expect((await as('tech1', 'POST', `/api/internal-meeting-actions/${action.valve}/done`, { note: '阀门已更换' })).status).toBe(200);
    t.advance(24 * 60);
    expect(await tellOverdueActions(t.deps)).toBe(0);
    expect(await overdueReminders()).toBe(7);
  });
});
