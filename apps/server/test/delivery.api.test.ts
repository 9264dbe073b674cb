import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapters, closeChannelAdapters } from '../src/delivery/channels/index.ts';
import { planOutbox, runDeliveryTick, sendDue, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { runSlaTick } from '../src/index.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { pruneOutbox } from '@guanjia/storage';
import { createTestContext, type TestContext } from './harness.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

/**
 * The delivery worker end to end (issue 13 items 1 and 3): a case's steps become messages to the owner
 * on their channel (SMS by the Aliyun format to a local receiver, email to a local SMTP server), each in
 * the case's history; failures retried with backoff, given up into the dead-letter list and sent again
 * from it; 免打扰 defers; the first receiver hears of others' changes; a calendar-time breach outside
 * working hours pages the on-duty person (WeCom robot).
 */
let t: TestContext;
let providers: ProviderReceiver;
let smtp: SmtpReceiver;
let options: DeliveryWorkerOptions;
let admin: string;
const db = () => t.deps.database.db as any;
/** A new session (tests here move the clock by hours: the harness's cached sessions idle out). */
async function signIn(username: string): Promise<string> {
  const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.token;
}

const SMS_TEMPLATES = {
  case_received: 'SMS_9001',
  case_accepted: 'SMS_9002',
  technician_on_the_way: 'SMS_9003',
  work_done: 'SMS_9004',
  case_closed: 'SMS_9005',
  clock_alert: 'SMS_9006',
};

beforeAll(async () => {
  t = await createTestContext();
  providers = await startProviderReceiver({
    settings: {
      aliyun: { ...PROVIDER_DEFAULTS.aliyun, templates: Object.fromEntries(Object.values(SMS_TEMPLATES).map((code) => [code, ['caseNumber']])) },
    },
  });
  smtp = await startSmtpReceiver();
  options = { adapters: createChannelAdapters(), random: () => 0.5, leaseSeconds: 60 };
  admin = await signIn('admin');
  const put = (channel: string, body: unknown) => t.request(admin, { method: 'PUT', url: `/api/channels/${channel}`, payload: body as never });
  const sms = await put('sms', {
    enabled: true,
    config: {
      baseUrl: providers.urls.aliyun,
      accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
      signName: PROVIDER_DEFAULTS.aliyun.signName,
      templates: SMS_TEMPLATES,
    },
    secret: PROVIDER_DEFAULTS.aliyun.secret,
  });
  const email = await put('email', { enabled: true, config: { host: smtp.host, port: smtp.port, from: '管家物业 <desk@guanjia.test>' } });
  const wecom = await put('wecom', { enabled: true, config: { mode: 'robot', baseUrl: providers.urls.wecom }, secret: PROVIDER_DEFAULTS.wecom.robotKey });
  expect([sms.status, email.status, wecom.status], JSON.stringify([sms.body, email.body, wecom.body])).toEqual([200, 200, 200]);
});

afterAll(async () => {
  await closeChannelAdapters(options.adapters);
  await providers?.close();
  await smtp?.close();
  await t?.close();
});

async function newRepair(token: string, owner = t.a.owners.zhangwei!) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      description: '厨房水龙头漏水',
      ownerId: owner.id,
      unitId: owner.unitId,
      repairGrade: 'normal',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case as { id: string; number: string; version: number };
}

const deliveriesOf = (caseId: string) => db().selectFrom('deliveries').selectAll().where('sourceId', '=', caseId).orderBy('createdAt').orderBy('id').execute();

describe('a case’s progress reaches the owner', () => {
  it('received: one SMS in the provider’s format with the delivery’s key as OutId, and a line in the case history', async () => {
    const agent = await signIn('agent1');
    const c = await newRepair(agent);
    const tick = await runDeliveryTick(t.deps, options);
    expect(tick.sent).toBeGreaterThanOrEqual(1);
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d).toMatchObject({ channel: 'sms', recipientType: 'owner', status: 'sent', attempts: 1 });
    const sms = providers.of('aliyun').find((r) => r.idempotencyKey === d.idempotencyKey);
    expect(sms, 'the SMS reached the provider with OutId = the idempotency key').toBeTruthy();
    expect(JSON.parse(sms!.payload.TemplateParam!).caseNumber).toBe(c.number);
    expect(sms!.payload.TemplateCode).toBe('SMS_9001');
    expect(d.providerMessageId).toBeTruthy();
    const history = await t.request(agent, { method: 'GET', url: `/api/cases/${c.id}/events` });
    const line = history.body.find((e: any) => e.type === 'owner_notified');
    expect(line).toMatchObject({ internal: false, data: { messageKind: 'case_received', deliveryChannel: 'sms', status: 'queued' } });
    expect(line.content).toContain(c.number);
    // the owner sees it too, in the portal
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const theirs = await t.request(owner, { method: 'GET', url: `/api/cases/${c.id}/events` });
    expect(theirs.body.some((e: any) => e.type === 'owner_notified')).toBe(true);
    // the case's messages, as staff see them
    const list = await t.request(agent, { method: 'GET', url: `/api/cases/${c.id}/deliveries` });
    expect(list.status).toBe(200);
    expect(list.body.find((x: any) => x.id === d.id)).toMatchObject({ status: 'sent', to: expect.stringMatching(/\*/) });
  });

  it('planning twice writes nothing twice: one delivery per message × recipient × channel', async () => {
    const agent = await signIn('agent1');
    const c = await newRepair(agent);
    // a colleague's change too: the first receiver's notification is planned from the same row
    const noted = await t.request(await signIn('supervisor1'), {
      method: 'POST',
      url: `/api/cases/${c.id}/commands`,
      payload: { command: { type: 'add_note', content: '请尽快安排' } },
    });
    expect(noted.status).toBe(200);
    await planOutbox(t.deps);
    const first = await deliveriesOf(c.id);
    expect(first.map((d: any) => d.kind).sort()).toEqual(['case_changed', 'case_received']);
    const historyLines = async () =>
      (await db().selectFrom('caseEvents').select('id').where('caseId', '=', c.id).where('type', '=', 'owner_notified').execute()).length;
    const notified = async () => (await db().selectFrom('notifications').select('id').where('caseId', '=', c.id).execute()).length;
    const before = {
      lines: await historyLines(),
      notifications: await notified(),
      version: (await db().selectFrom('cases').select('version').where('id', '=', c.id).executeTakeFirst()).version,
    };
    expect(before).toMatchObject({ lines: 1, notifications: 1 });
    // a second pass finds nothing left in the outbox
    expect(await planOutbox(t.deps)).toEqual({ entries: 0, deliveries: 0 });
    // the case's rows planned again (as if their first planning had been lost): the unique index refuses
    // every delivery (on conflict do nothing), so no history line, notification or version is written twice
    const rows = await db().selectFrom('outbox').select(['id', 'payload']).where('topic', 'in', ['case.created', 'case.changed']).execute();
    const ofCase = rows.filter((r: any) => JSON.parse(r.payload).caseId === c.id).map((r: any) => r.id);
    expect(ofCase).toHaveLength(2);
    await db().updateTable('outbox').set({ processedAt: null }).where('id', 'in', ofCase).execute();
    expect(await planOutbox(t.deps)).toEqual({ entries: 2, deliveries: 0 });
    const again = await deliveriesOf(c.id);
    expect(again.map((d: any) => d.id)).toEqual(first.map((d: any) => d.id));
    expect(await historyLines()).toBe(before.lines);
    expect(await notified()).toBe(before.notifications);
    expect((await db().selectFrom('cases').select('version').where('id', '=', c.id).executeTakeFirst()).version).toBe(before.version);
    await sendDue(t.deps, options);
  });

  it('outbox rows are marked processed when planned and pruned a day later; the deliveries stay', async () => {
    const c = await newRepair(await signIn('agent1'));
    await planOutbox(t.deps);
    const rows = await db().selectFrom('outbox').select(['id', 'processedAt']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: any) => r.processedAt !== null)).toBe(true);
    const later = new Date(Date.parse(t.deps.now()) + 25 * 3_600_000).toISOString();
    expect(await t.deps.database.write((trx) => pruneOutbox(trx, later))).toBe(rows.length);
    expect(await t.count('outbox')).toBe(0);
    expect((await deliveriesOf(c.id)).length).toBeGreaterThan(0);
    await sendDue(t.deps, options);
  });

  it('a preferred channel is used, and a missing one falls back (WeChat not linked → SMS)', async () => {
    const owner = t.a.owners.lina!;
    const staff = await signIn('agent1');
    await t.request(admin, { method: 'PATCH', url: `/api/owners/${owner.id}`, payload: { preferredChannel: 'wechat_group' } });
    const c = await newRepair(staff, owner);
    await planOutbox(t.deps);
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d).toMatchObject({ channel: 'sms', status: 'queued' });
    expect(d.reason).toContain('fallback_from_wechat');
    await sendDue(t.deps, options);
  });

  it('免打扰: a message inside the owner’s quiet hours waits for their end', async () => {
    const owner = t.a.owners.zhangwei!;
    // 10:00 Shanghai now: quiet 09:00–12:00
    const patched = await t.request(admin, { method: 'PATCH', url: `/api/owners/${owner.id}`, payload: { doNotDisturb: [{ from: '09:00', to: '12:00' }] } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const c = await newRepair(await signIn('agent1'));
    await runDeliveryTick(t.deps, options);
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d.status).toBe('queued');
    expect(Date.parse(d.nextAttemptAt)).toBeGreaterThan(Date.parse(t.deps.now()));
    const history = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/cases/${c.id}/events` });
    expect(history.body.find((e: any) => e.type === 'owner_notified').data.notBefore).toBe(d.nextAttemptAt);
    t.advance(121); // past 12:00 local
    await runDeliveryTick(t.deps, options);
    const [after] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(after.status).toBe('sent');
    await t.request(admin, { method: 'PATCH', url: `/api/owners/${owner.id}`, payload: { doNotDisturb: [] } });
  });
});

describe('digests reach staff on their own channel', () => {
  it('clock alerts gathered for a person go out by email during working hours, and stay in their console inbox', async () => {
    // every staff member of the demo company has an address and chose email
    await db()
      .updateTable('staff')
      .set((eb: any) => ({ email: eb(eb.ref('username'), '||', '@guanjia.test'), alertChannel: 'email' }))
      .execute();
    const before = smtp.messages.length;
    await newRepair(await signIn('agent1'));
    await runDeliveryTick(t.deps, options);
    t.advance(300); // 15:00 Shanghai: the new case's first clocks have warned or escalated
    await runSlaTick(t.deps);
    t.advance(3); // the digest window closes
    await runSlaTick(t.deps);
    await runDeliveryTick(t.deps, options);
    const digests = await db().selectFrom('deliveries').selectAll().where('kind', '=', 'alert_digest').execute();
    expect(digests.length).toBeGreaterThan(0);
    expect(digests.every((d: any) => d.channel === 'email' && d.status === 'sent')).toBe(true);
    const mails = smtp.messages.slice(before);
    expect(mails.some((m) => /预警|超时/.test(m.subject + m.text))).toBe(true);
    const notified = await db()
      .selectFrom('notifications')
      .select('id')
      .where(
        'id',
        'in',
        digests.map((d: any) => d.sourceId),
      )
      .execute();
    expect(notified).toHaveLength(digests.length);
  });
});

describe('retries, dead letters and the administrator’s retry', () => {
  it('a transient failure is retried after an exponential, jittered delay; a permanent one fails into the dead-letter list', async () => {
    const c = await newRepair(await signIn('agent1'));
    await planOutbox(t.deps);
    providers.failNext('aliyun', 1, { status: 500 });
    const first = await sendDue(t.deps, options);
    expect(first.retried).toBe(1);
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d).toMatchObject({ status: 'queued', attempts: 1 });
    expect(d.lastError).toMatch(/500/);
    // attempt 1 failed: cap 30 s, equal jitter with random 0.5 → 22.5 s
    const wait = Date.parse(d.nextAttemptAt) - Date.parse(t.deps.now());
    expect(wait).toBeGreaterThanOrEqual(15_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect((await sendDue(t.deps, options)).sent, 'not before its instant').toBe(0);
    t.advance(1);
    expect((await sendDue(t.deps, options)).sent).toBe(1);
    // the same key went to the provider both times
    expect(
      new Set(
        providers
          .of('aliyun')
          .filter((r) => r.idempotencyKey === d.idempotencyKey)
          .map((r) => r.idempotencyKey),
      ).size,
    ).toBe(1);
  });

  it('a permanent failure is not retried: failed with the provider’s reason; the administrator sees it and sends it again', async () => {
    const c = await newRepair(await signIn('agent1'));
    await planOutbox(t.deps);
    providers.failNext('aliyun', 1, { code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect((await sendDue(t.deps, options)).failed).toBe(1);
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d.status).toBe('failed');
    expect(d.lastError).toContain('isv.MOBILE_NUMBER_ILLEGAL');
    admin = await signIn('admin');
    const dead = await t.request(admin, { method: 'GET', url: '/api/deliveries?status=failed' });
    expect(dead.status).toBe(200);
    expect(dead.body.items.map((x: any) => x.id)).toContain(d.id);
    const agent = await signIn('agent1');
    expect((await t.request(agent, { method: 'GET', url: '/api/deliveries?status=failed' })).status, 'agents do not see the dead letters').toBe(403);
    const retried = await t.request(admin, { method: 'POST', url: `/api/deliveries/${d.id}/retry` });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    await sendDue(t.deps, options);
    const again = await t.request(admin, { method: 'POST', url: `/api/deliveries/${d.id}/retry` });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DELIVERY_NOT_FAILED');
    expect((await db().selectFrom('deliveries').select('status').where('id', '=', d.id).executeTakeFirst()).status).toBe('sent');
  });

  it('gives up after the policy’s attempts', async () => {
    const c = await newRepair(await signIn('agent1'));
    await planOutbox(t.deps);
    providers.failNext('aliyun', 8, { status: 503 });
    for (let i = 0; i < 8; i += 1) {
      await sendDue(t.deps, options);
      t.advance(61);
    }
    const [d] = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'case_received');
    expect(d).toMatchObject({ status: 'failed', attempts: 8 });
  });
});

describe('the first receiver and the on-duty person', () => {
  it('the first receiver hears of a change someone else made, in their console inbox', async () => {
    const agent = await signIn('agent1');
    const c = await newRepair(agent);
    const supervisor = await signIn('supervisor1');
    const noted = await t.request(supervisor, {
      method: 'POST',
      url: `/api/cases/${c.id}/commands`,
      payload: { command: { type: 'add_note', content: '请尽快安排' } },
    });
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    await runDeliveryTick(t.deps, options);
    const mine = await t.request(agent, { method: 'GET', url: '/api/notifications' });
    expect(mine.body.find((n: any) => n.caseId === c.id && n.kind === 'case_changed')).toBeTruthy();
    // their own change is not news to them
    const before = (await t.request(agent, { method: 'GET', url: '/api/notifications' })).body.length;
    await t.request(agent, { method: 'POST', url: `/api/cases/${c.id}/commands`, payload: { command: { type: 'add_note', content: '已联系业主' } } });
    await runDeliveryTick(t.deps, options);
    expect((await t.request(agent, { method: 'GET', url: '/api/notifications' })).body.length).toBe(before);
  });

  it('a calendar-time breach at night pages the on-duty technician through WeCom, marked urgent', async () => {
    const manager = await signIn('manager1');
    const c = await newRepair(await signIn('agent1'));
    const veryUrgent = await t.request(manager, {
      method: 'POST',
      url: `/api/cases/${c.id}/commands`,
      payload: { command: { type: 'set_repair_grade', grade: 'very_urgent' } },
    });
    expect(veryUrgent.status, JSON.stringify(veryUrgent.body)).toBe(200);
    // put tech1 on duty from now for a day, with a WeCom id
    await db().updateTable('staff').set({ phone: '13900000001', alertChannel: 'wecom', wecomUserId: 'sungang' }).where('id', '=', t.a.staff.tech1).execute();
    const shift = await t.request(manager, {
      method: 'POST',
      url: '/api/duty-shifts',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        staffId: t.a.staff.tech1,
        startsAt: t.deps.now(),
        endsAt: new Date(Date.parse(t.deps.now()) + 86_400_000).toISOString(),
      },
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    await runDeliveryTick(t.deps, options);
    // 23:00 Shanghai (15:00 UTC), at least two hours on: outside working hours, the very urgent repair's calendar-time clocks past due
    const now = Date.parse(t.deps.now());
    let night = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 15);
    while (night < now + 120 * 60_000) night += 86_400_000;
    t.advance((night - now) / 60_000);
    const tick = await runSlaTick(t.deps);
    expect(tick.pages).toBeGreaterThan(0);
    await runDeliveryTick(t.deps, options);
    const pages = (await deliveriesOf(c.id)).filter((x: any) => x.kind === 'clock_alert');
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p: any) => p.recipientId === t.a.staff.tech1 && p.channel === 'wecom' && p.urgent && p.reason === 'on_duty')).toBe(true);
    expect(pages.every((p: any) => p.status === 'sent')).toBe(true);
    const robot = providers.of('wecom-robot');
    expect(robot.some((r) => r.payload.text.content.includes(c.number))).toBe(true);
  });
});
