import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapters, closeChannelAdapters } from '../src/delivery/channels/index.ts';
import { planOutbox, runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { hotlineRepair } from './fixtures/cases.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

/**
 * The fallback at send time (issue 13 item 7): an owner's message refused for good because the owner
 * cannot be reached on its channel — WeChat 43004 (not following) or 40003 (a wrong openid), an SMS
 * number the carrier refuses (isv.MOBILE_NUMBER_ILLEGAL) — goes once more on their next channel: a
 * new delivery of the same message (same key, linked by it to the failed one) with reason
 * `fallback_from_<channel>`, and a line in the case's history. Other permanent failures, and owners
 * with no channel left, stay in the dead-letter list only. Against the local receivers.
 */
let t: TestContext;
let providers: ProviderReceiver;
let smtp: SmtpReceiver;
let options: DeliveryWorkerOptions;
const db = () => t.deps.database.db as any;

const NOT_FOLLOWING = 'oNotFollowing0123456789abcde'; // 28 characters: a well-formed openid of someone who unfollowed
const WRONG_OPENID = 'not-an-openid';
const TEMPLATE = 'tmpl-fallback-received';

beforeAll(async () => {
  t = await createTestContext();
  providers = await startProviderReceiver({
    settings: {
      aliyun: { ...PROVIDER_DEFAULTS.aliyun, templates: { SMS_9201: ['caseNumber'] } },
      wechat: { ...PROVIDER_DEFAULTS.wechat, templates: { [TEMPLATE]: ['thing1', 'character_string2'] }, notFollowing: [NOT_FOLLOWING] },
    },
  });
  smtp = await startSmtpReceiver();
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  const admin = await t.login('admin');
  const put = (channel: string, body: unknown) => t.request(admin, { method: 'PUT', url: `/api/channels/${channel}`, payload: body as never });
  const saved = await Promise.all([
    put('sms', {
      enabled: true,
      config: {
        baseUrl: providers.urls.aliyun,
        accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
        signName: PROVIDER_DEFAULTS.aliyun.signName,
        templates: { case_received: 'SMS_9201' },
      },
      secret: PROVIDER_DEFAULTS.aliyun.secret,
    }),
    put('wechat', {
      enabled: true,
      config: {
        baseUrl: providers.urls.wechat,
        appId: PROVIDER_DEFAULTS.wechat.appId,
        templates: {
          case_received: {
            templateId: TEMPLATE,
            fields: [
              { key: 'thing1', from: 'summary' },
              { key: 'character_string2', from: 'caseNumber' },
            ],
          },
        },
      },
      secret: PROVIDER_DEFAULTS.wechat.appSecret,
    }),
    put('email', { enabled: true, config: { host: smtp.host, port: smtp.port, from: '管家物业 <desk@guanjia.test>' } }),
  ]);
  expect(
    saved.map((s) => s.status),
    JSON.stringify(saved.map((s) => s.body)),
  ).toEqual([200, 200, 200]);
  // no 免打扰 here (the demo owners' 12:00–14:00 is not reached: the clock stays at 10:00 Shanghai)
  const { lina, wangfang } = t.a.owners;
  // 李娜 prefers WeChat and linked an account that no longer follows ours; she has her phone
  await t.request(admin, { method: 'PATCH', url: `/api/owners/${lina!.id}`, payload: { preferredChannel: 'wechat_group' } });
  expect((await t.request(admin, { method: 'POST', url: `/api/owners/${lina!.id}/contacts`, payload: { kind: 'wechat', value: NOT_FOLLOWING } })).status).toBe(
    201,
  );
  // 王芳 prefers WeChat with a wrongly copied openid; her phone and her email too
  await t.request(admin, { method: 'PATCH', url: `/api/owners/${wangfang!.id}`, payload: { preferredChannel: 'wechat_group' } });
  expect(
    (await t.request(admin, { method: 'POST', url: `/api/owners/${wangfang!.id}/contacts`, payload: { kind: 'wechat', value: WRONG_OPENID } })).status,
  ).toBe(201);
  expect(
    (await t.request(admin, { method: 'POST', url: `/api/owners/${wangfang!.id}/contacts`, payload: { kind: 'email', value: 'wangfang@example.cn' } })).status,
  ).toBe(201);
});

afterAll(async () => {
  await closeChannelAdapters(options.adapters);
  await providers?.close();
  await smtp?.close();
  await t?.close();
});

const repairFor = (owner: { id: string; unitId: string }, description: string) => hotlineRepair(t, owner, description);
const received = async (caseId: string) =>
  (await db()
    .selectFrom('deliveries')
    .selectAll()
    .where('sourceId', '=', caseId)
    .where('kind', '=', 'case_received')
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as any[];
const historyOf = async (caseId: string) =>
  ((await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${caseId}/events` })).body as any[]).filter((e) => e.type === 'owner_notified');

describe('a channel falls back when the owner cannot be reached on it', () => {
  it('WeChat 43004 (not following): the message goes by SMS, a new delivery of the same message, in the history too', async () => {
    const c = await repairFor(t.a.owners.lina!, '客厅插座没电');
    await runDeliveryTick(t.deps, options); // planned on WeChat, refused: 43004
    const [wechat, ...none] = await received(c.id);
    expect(none).toHaveLength(0);
    expect(wechat).toMatchObject({ channel: 'wechat', status: 'failed', attempts: 1 });
    expect(wechat.lastError).toMatch(/^43004/);
    await runDeliveryTick(t.deps, options); // the fallback planned and sent
    const [first, sms, ...more] = await received(c.id);
    expect(more).toHaveLength(0);
    expect(first.id).toBe(wechat.id);
    expect(sms).toMatchObject({
      channel: 'sms',
      status: 'sent',
      messageKey: wechat.messageKey, // the same message: linked by its key to the failed one
      recipientId: wechat.recipientId,
      reason: 'fallback_from_wechat',
      body: wechat.body,
    });
    expect(sms.idempotencyKey).not.toBe(wechat.idempotencyKey);
    expect(providers.of('aliyun').filter((r) => r.idempotencyKey === sms.idempotencyKey)).toHaveLength(1);
    const lines = await historyOf(c.id);
    expect(lines.map((l) => [l.data.deliveryChannel, l.data.reason ?? null])).toEqual([
      ['wechat', null],
      ['sms', 'fallback_from_wechat'],
    ]);
    expect(lines[1].data.deliveryId).toBe(sms.id);
    // the failed one stays in the dead-letter list, with the provider's reason
    const dead = await t.request(await t.login('admin'), { method: 'GET', url: '/api/deliveries?status=failed' });
    expect(dead.body.items.map((d: any) => d.id)).toContain(wechat.id);

    // its fallback planned a second time (its outbox row again): the unique index keeps one
    await db().updateTable('outbox').set({ processedAt: null }).where('topic', '=', 'delivery.fallback').execute();
    const replanned = await planOutbox(t.deps);
    expect(replanned.deliveries).toBe(0);
    expect(await received(c.id)).toHaveLength(2);
    expect(await historyOf(c.id)).toHaveLength(2);
  });

  it('WeChat 40003 (a wrong openid), then an SMS number refused: each channel once, down to email', async () => {
    const c = await repairFor(t.a.owners.wangfang!, '卫生间地漏堵塞');
    await runDeliveryTick(t.deps, options); // WeChat: 40003
    providers.failNext('aliyun', 1, { code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    await runDeliveryTick(t.deps, options); // SMS: refused number
    await runDeliveryTick(t.deps, options); // email
    const rows = await received(c.id);
    expect(rows.map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['wechat', 'failed', null],
      ['sms', 'failed', 'fallback_from_wechat'],
      ['email', 'sent', 'fallback_from_sms'],
    ]);
    expect(rows[0].lastError).toMatch(/^40003/);
    expect(rows[1].lastError).toMatch(/isv\.MOBILE_NUMBER_ILLEGAL/);
    expect(new Set(rows.map((d) => d.messageKey)).size).toBe(1);
    expect(smtp.messages.some((m) => m.subject === rows[2].title)).toBe(true);
    expect((await historyOf(c.id)).map((l) => l.data.deliveryChannel)).toEqual(['wechat', 'sms', 'email']);
  });

  it('no channel left: the failed message stays in the dead-letter list and nothing more is planned', async () => {
    const c = await repairFor(t.a.owners.zhangwei!, '阳台晾衣架卡住'); // his phone only
    providers.failNext('aliyun', 1, { code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    await runDeliveryTick(t.deps, options);
    await runDeliveryTick(t.deps, options);
    const rows = await received(c.id);
    expect(rows.map((d) => [d.channel, d.status])).toEqual([['sms', 'failed']]);
    const dead = await t.request(await t.login('admin'), { method: 'GET', url: '/api/deliveries?status=failed' });
    expect(dead.body.items.map((d: any) => d.id)).toContain(rows[0].id);
  });

  it('other failures do not fall back: a transient one is retried, a wrong template fails where it is', async () => {
    const transient = await repairFor(t.a.owners.lina!, '厨房水槽漏水');
    providers.failNext('wechat', 1, { status: 500 });
    await runDeliveryTick(t.deps, options);
    await runDeliveryTick(t.deps, options);
    expect((await received(transient.id)).map((d) => [d.channel, d.status])).toEqual([['wechat', 'queued']]);
    await db().updateTable('deliveries').set({ status: 'cancelled', nextAttemptAt: null }).where('sourceId', '=', transient.id).execute();

    // 王芳's wrong openid put right: now the template is what fails (40037), which another channel would not mend
    await db()
      .updateTable('ownerContacts')
      .set({ value: 'oFollowing00123456789abcdefg' })
      .where('ownerId', '=', t.a.owners.wangfang!.id)
      .where('kind', '=', 'wechat')
      .execute();
    const wrongTemplate = await repairFor(t.a.owners.wangfang!, '门铃不响');
    providers.failNext('wechat', 1, { code: 40037 });
    await runDeliveryTick(t.deps, options);
    await runDeliveryTick(t.deps, options);
    const rows = await received(wrongTemplate.id);
    expect(rows.map((d) => [d.channel, d.status])).toEqual([['wechat', 'failed']]);
    expect(rows[0].lastError).toMatch(/^40037/);
  });
});
