import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapters, closeChannelAdapters } from '../src/delivery/channels/index.ts';
import { runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { runSlaTick } from '../src/index.ts';
import { hotlineRepair } from './fixtures/cases.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

/**
 * Staff alerts at night (issue 13 item 3, decision 0025): a 特急 repair's calendar-time clock warns at
 * 23:08 in Shanghai with nobody on the duty roster. The alert pages the people of the escalation chain
 * it reached (the assignee) at once — urgent, reason `nobody_on_duty_chain_paged` — while their digest
 * of the same alert waits for the next working moment (08:30) with reason `waits_for_working_time`,
 * and goes then. Staff read email here (a local SMTP server).
 */
let t: TestContext;
let smtp: SmtpReceiver;
let options: DeliveryWorkerOptions;
const db = () => t.deps.database.db as any;

beforeAll(async () => {
  t = await createTestContext();
  smtp = await startSmtpReceiver();
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  const email = await t.request(await t.login('admin'), {
    method: 'PUT',
    url: '/api/channels/email',
    payload: { enabled: true, config: { host: smtp.host, port: smtp.port, from: '管家物业 <desk@guanjia.test>' } },
  });
  expect(email.status, JSON.stringify(email.body)).toBe(200);
  // every staff member reads alerts by email
  await db()
    .updateTable('staff')
    .set((eb: any) => ({ email: eb(eb.ref('username'), '||', '@guanjia.test'), alertChannel: 'email' }))
    .execute();
});
afterAll(async () => {
  await closeChannelAdapters(options.adapters);
  await smtp?.close();
  await t?.close();
});

describe('an alert at night with nobody on duty', () => {
  it('pages the chain at once; the digest of the same alert waits for working time', async () => {
    // 23:00 in Shanghai on Wednesday 25 November (15:00 UTC); nobody on the duty roster
    t.advance((Date.parse('2026-11-25T15:00:00.000Z') - Date.parse(t.deps.now())) / 60_000);
    t.forgetLogins();
    expect(await t.count('duty_shifts')).toBe(0);
    const owner = t.a.owners.lina!;
    const c = await hotlineRepair(t, owner, '厨房水管爆裂', 'very_urgent');
    const dispatched = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/cases/${c.id}/commands`,
      payload: { command: { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] } },
    });
    expect(dispatched.status).toBe(200);
    await runDeliveryTick(t.deps, options);

    // 23:09: on site within 10 minutes, warned at 8
    t.advance(9);
    const tick = await runSlaTick(t.deps);
    expect(tick.pages).toBeGreaterThan(0);
    await runDeliveryTick(t.deps, options);
    const [warning] = ((await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${c.id}/events` })).body as any[]).filter(
      (e) => e.type === 'sla_warning',
    );
    expect(warning.data.recipients).toEqual([t.a.staff.tech1]);
    const pages = (await db().selectFrom('deliveries').selectAll().where('sourceId', '=', c.id).where('kind', '=', 'clock_alert').execute()) as any[];
    expect(pages.map((p) => [p.recipientId, p.channel, p.status, p.reason])).toEqual([[t.a.staff.tech1, 'email', 'sent', 'nobody_on_duty_chain_paged']]);
    expect(Boolean(pages[0].urgent)).toBe(true);
    const page = smtp.messages.find((m) => m.header('x-guanjia-delivery') === pages[0].idempotencyKey);
    expect(page, 'the page reached tech1 at 23:09').toBeTruthy();
    expect(page!.subject).toContain(c.number);

    // 23:12: the digest window has closed: the digest is in tech1's console, and waits for 08:30 on his channel
    t.advance(3);
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);
    const digests = (await db()
      .selectFrom('deliveries')
      .selectAll()
      .where('kind', '=', 'alert_digest')
      .where('recipientId', '=', t.a.staff.tech1)
      .execute()) as any[];
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ channel: 'email', status: 'queued', reason: 'waits_for_working_time', nextAttemptAt: '2026-11-26T00:30:00.000Z' });
    expect(smtp.messages.some((m) => m.header('x-guanjia-delivery') === digests[0].idempotencyKey)).toBe(false);
    const inbox = await t.request(await t.login('tech1'), { method: 'GET', url: '/api/notifications' });
    expect((inbox.body as any[]).some((n) => n.id === digests[0].sourceId)).toBe(true);

    // 08:30 Thursday: it goes
    t.advance((Date.parse('2026-11-26T00:30:00.000Z') - Date.parse(t.deps.now())) / 60_000);
    await runDeliveryTick(t.deps, options);
    expect((await db().selectFrom('deliveries').select('status').where('id', '=', digests[0].id).executeTakeFirst()).status).toBe('sent');
    expect(smtp.messages.some((m) => m.header('x-guanjia-delivery') === digests[0].idempotencyKey)).toBe(true);
  });
});
