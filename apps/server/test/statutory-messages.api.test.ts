import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChannelAdapters, createChannelAdapters } from '../src/delivery/channels/index.ts';
import { runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { runSlaTick } from '../src/index.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

/**
 * 法定公示 warnings on a real channel (issue 13 item 6): a schedule falling due soon tells the office
 * manager in the console and — through the outbox (`statutory.due`) and the delivery worker — by
 * email, his channel, at once in working hours; its overdue alert, found at 00:00 local, waits for
 * the morning's working hours (08:30) before it is sent. The console notification is not doubled.
 * The clock starts at 2026-11-25 10:00 in Shanghai (a Wednesday).
 */
let t: TestContext;
let smtp: SmtpReceiver;
let options: DeliveryWorkerOptions;
const db = () => t.deps.database.db as any;
const MANAGER_EMAIL = 'manager1@guanjia.test';
const TITLE = '2027年度物业服务收费项目及标准公示';

/** Moves the clock to an instant (UTC ISO). */
function advanceTo(iso: string) {
  t.advance((Date.parse(iso) - Date.parse(t.deps.now())) / 60_000);
  t.forgetLogins();
}
const messagesOf = (scheduleId: string) =>
  db().selectFrom('deliveries').selectAll().where('kind', '=', 'statutory_due').where('sourceId', '=', scheduleId).orderBy('createdAt').execute();

beforeAll(async () => {
  t = await createTestContext();
  smtp = await startSmtpReceiver();
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  const admin = await t.login('admin');
  const email = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/email',
    payload: { config: { host: smtp.host, port: smtp.port, from: '管家物业 <desk@guanjia.test>' } },
  });
  expect(email.status, JSON.stringify(email.body)).toBe(200);
  const manager = await t.request(admin, { method: 'PATCH', url: `/api/staff/${t.a.staff.manager1}`, payload: { email: MANAGER_EMAIL } });
  expect(manager.status, JSON.stringify(manager.body)).toBe(200);
});
afterAll(async () => {
  if (options) await closeChannelAdapters(options.adapters);
  await smtp?.close();
  await t?.close();
});

describe(`statutory warnings reach the office manager on his channel (${TEST_DB})`, () => {
  let scheduleId = '';

  it('falling due soon in working hours: the console notification once, and an email sent at once', async () => {
    const created = await t.request(await t.login('manager1'), {
      method: 'POST',
      url: `/api/projects/${t.a.projects.CUIHU!.id}/statutory-schedules`,
      payload: { subject: 'fees_and_standards', title: TITLE, everyMonths: 12, warnDays: 7, nextDueOn: '2026-11-30' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.status).toBe('due_soon');
    scheduleId = created.body.id;
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);

    const [message, ...more] = await messagesOf(scheduleId);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      recipientType: 'staff',
      recipientId: t.a.staff.manager1,
      channel: 'email',
      status: 'sent',
      sourceType: 'statutory_schedule',
      urgent: 0,
      reason: null,
    });
    const [mail] = await smtp.waitFor(1, 5_000);
    expect(mail!.envelope.to).toEqual([MANAGER_EMAIL]);
    expect(mail!.subject).toBe(`【法定公示即将到期】${TITLE}`);
    for (const words of ['翠湖花园管理处', '收费项目和标准', '11月30日']) expect(mail!.text).toContain(words);
    // in the console once (written by the scheduler; the worker adds no second)
    const notifications = await db().selectFrom('notifications').select('kind').where('recipientId', '=', t.a.staff.manager1).execute();
    expect(notifications.filter((n: { kind: string }) => n.kind.startsWith('statutory_'))).toEqual([{ kind: 'statutory_due_soon' }]);
    // nobody else was written to
    expect(smtp.messages).toHaveLength(1);
  });

  it('overdue from 00:00 local: told at once in the console, the email waits for 08:30 and is sent then', async () => {
    advanceTo('2026-11-30T16:00:00.000Z'); // 2026-12-01 00:00 in Shanghai, a Tuesday
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);
    const overdue = (await messagesOf(scheduleId)).filter((d: { title: string }) => d.title.includes('已逾期'));
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ channel: 'email', status: 'queued', reason: 'waits_for_working_time', nextAttemptAt: '2026-12-01T00:30:00.000Z' });
    expect(smtp.messages).toHaveLength(1);
    const kinds = (await db().selectFrom('notifications').select('kind').where('recipientId', '=', t.a.staff.manager1).execute()).map(
      (n: { kind: string }) => n.kind,
    );
    expect(kinds.filter((k: string) => k.startsWith('statutory_')).sort()).toEqual(['statutory_due_soon', 'statutory_overdue']);

    advanceTo('2026-12-01T00:31:00.000Z'); // 08:31 local
    await runDeliveryTick(t.deps, options);
    const mails = await smtp.waitFor(2, 5_000);
    expect(mails[1]!.subject).toBe(`【法定公示已逾期】${TITLE}`);
    expect((await messagesOf(scheduleId)).map((d: { status: string }) => d.status)).toEqual(['sent', 'sent']);
  });
});
