import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { runSlaTick } from '../src/index.ts';
import { caseCommand, hotlineRepair } from './fixtures/cases.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * 首问负责 (issue 13 item 3): the first receiver is told of every change on a case they received — not
 * only staff's commands but the system's too: SLA warnings and escalations (the scheduler) and clocks
 * recomputed after a change of rules or calendar (an administrator). The same in-app `case_changed`
 * message as for a colleague's change, planned from the same `case.changed` outbox row; not when they
 * made the change, nor when the alert's own notice already told them.
 */
let t: TestContext;
const options: DeliveryWorkerOptions = { adapters: {} as DeliveryWorkerOptions['adapters'], random: () => 0.5 };
const db = () => t.deps.database.db as any;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const cmd = (username: string, id: string, command: Record<string, unknown>) => caseCommand(t, username, id, command);

/** An urgent (急) repair taken by agent1, its first receiver: on site within 15 minutes, warned at 12. */
function urgentRepair(description: string) {
  return hotlineRepair(t, t.a.owners.lina!, description, 'urgent');
}

/** agent1's case_changed notifications about a case, oldest first. */
async function toldOf(caseId: string) {
  const res = await t.request(await t.login('agent1'), { method: 'GET', url: '/api/notifications' });
  expect(res.status).toBe(200);
  return (res.body as any[]).filter((n) => n.caseId === caseId && n.kind === 'case_changed').reverse();
}
const eventsOf = async (caseId: string, type: string) =>
  ((await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${caseId}/events` })).body as any[]).filter((e) => e.type === type);

describe('the first receiver hears of the system’s changes', () => {
  it('an SLA warning to the technician and the escalations after it reach the first receiver’s inbox; alerts sent to them already do not come twice', async () => {
    const dispatched = await urgentRepair('楼道灯不亮，漏电跳闸');
    await cmd('agent1', dispatched.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    const waiting = await urgentRepair('入户门锁坏了，无法关门'); // nobody dispatched: its alerts go to the first receiver
    await runDeliveryTick(t.deps, options);
    expect(await toldOf(dispatched.id), 'their own dispatch is not news to them').toHaveLength(0);

    // 12 minutes on: the on-site clocks warn
    t.advance(13);
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);
    const [warning] = await eventsOf(dispatched.id, 'sla_warning');
    expect(warning.data.recipients).toEqual([t.a.staff.tech1]);
    const told = await toldOf(dispatched.id);
    expect(told).toHaveLength(1);
    expect(told[0].data).toMatchObject({ caseNumber: dispatched.number, events: ['sla_warning'], body: `系统：时限预警（单号${dispatched.number}）` });
    // the in-app delivery behind it
    const delivery = await db().selectFrom('deliveries').selectAll().where('id', '=', told[0].data.deliveryId).executeTakeFirst();
    expect(delivery).toMatchObject({ kind: 'case_changed', channel: 'in_app', recipientType: 'staff', recipientId: t.a.staff.agent1, status: 'delivered' });

    // the waiting case's warning went to agent1 themselves (as the stand-in assignee): no second word of it
    const [ownWarning] = await eventsOf(waiting.id, 'sla_warning');
    expect(ownWarning.data.recipients).toEqual([t.a.staff.agent1]);
    expect(await toldOf(waiting.id)).toHaveLength(0);

    // past the breach and 10 minutes more: the escalation reaches the assignee, then the service supervisor
    t.advance(13);
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);
    const escalations = await eventsOf(dispatched.id, 'sla_escalated');
    expect(escalations.length).toBeGreaterThanOrEqual(2);
    const after = await toldOf(dispatched.id);
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.slice(1).every((n) => n.data.events.every((e: string) => e === 'sla_escalated'))).toBe(true);
    expect(after[1].data.body).toBe(`系统：${after[1].data.events.map(() => '超时升级').join('、')}（单号${dispatched.number}）`);
    // the waiting case's escalation to the service supervisor is news to its first receiver; the steps that told them are not
    const waitingEscalations = await eventsOf(waiting.id, 'sla_escalated');
    expect(waitingEscalations.some((e) => !e.data.recipients.includes(t.a.staff.agent1))).toBe(true);
    const waitingTold = await toldOf(waiting.id);
    expect(waitingTold.length).toBeGreaterThanOrEqual(1);
    expect(waitingTold.flatMap((n) => n.data.events).every((e: string) => e === 'sla_escalated')).toBe(true);
  });

  it('clocks recomputed after an administrator changes the project’s rules: the first receiver is told who did it', async () => {
    t.forgetLogins();
    const c = await urgentRepair('电梯按钮失灵');
    await runDeliveryTick(t.deps, options);
    const admin = await t.login('admin');
    const url = `/api/projects/${t.a.projects.CUIHU!.id}/sla-rules`;
    const put = await t.request(admin, {
      method: 'PUT',
      url,
      payload: { rules: [{ clock: 'repair_on_site', repairGrade: 'urgent', target: { unit: 'minutes', amount: 30, basis: 'calendar' } }] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await eventsOf(c.id, 'sla_recomputed')).toHaveLength(1);
    await runDeliveryTick(t.deps, options);
    const told = await toldOf(c.id);
    expect(told).toHaveLength(1);
    expect(told[0].data).toMatchObject({ events: ['sla_recomputed'], body: `系统管理员：时限重算（单号${c.number}）` });
    expect((await t.request(admin, { method: 'PUT', url, payload: { rules: [] } })).status).toBe(200);
  });
});
