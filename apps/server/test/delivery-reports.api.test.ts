import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChannelAdapters, createChannelAdapters } from '../src/delivery/channels/index.ts';
import { reportSigningToken, reportToken } from '../src/delivery/report-token.ts';
import { wechatSignature } from '../src/delivery/reports/wechat-report.ts';
import { runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';

/**
 * Delivery reports (issue 13 items 1 and 5): messages sent through the local provider receiver, then
 * reported on as the providers do it — Alibaba Cloud's SmsReport batch push (JSON) and WeChat's
 * TEMPLATESENDJOBFINISH event (signed XML) — to the report URL the channel settings show. Delivered and
 * failed reach the delivery (failed into the dead-letter list); a wrong token, signature or organization
 * changes nothing; a staff member reading a notification makes its in-app delivery read.
 */
let t: TestContext;
let providers: ProviderReceiver;
let options: DeliveryWorkerOptions;
let admin: string;
let smsUrl = '';
let wechatUrl = '';
let signingToken = '';
const db = () => t.deps.database.db as any;
const OPENID = 'oGuanjiaReportTest000000001A';
const SMS_TEMPLATES = { case_received: 'SMS_9101', case_accepted: 'SMS_9102', case_changed: 'SMS_9103', case_closed: 'SMS_9104' };

beforeAll(async () => {
  t = await createTestContext();
  providers = await startProviderReceiver({
    settings: {
      aliyun: { ...PROVIDER_DEFAULTS.aliyun, templates: Object.fromEntries(Object.values(SMS_TEMPLATES).map((code) => [code, ['caseNumber']])) },
      wechat: { ...PROVIDER_DEFAULTS.wechat, templates: { 'tmpl-channel-test': ['thing1', 'time2'] } },
    },
  });
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  admin = await t.login('admin');
  const sms = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/sms',
    payload: {
      enabled: true,
      config: {
        baseUrl: providers.urls.aliyun,
        accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
        signName: PROVIDER_DEFAULTS.aliyun.signName,
        templates: SMS_TEMPLATES,
      },
      secret: PROVIDER_DEFAULTS.aliyun.secret,
    },
  });
  const wechat = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/wechat',
    payload: {
      enabled: true,
      config: {
        baseUrl: providers.urls.wechat,
        appId: PROVIDER_DEFAULTS.wechat.appId,
        templates: {
          channel_test: {
            templateId: 'tmpl-channel-test',
            fields: [
              { key: 'thing1', from: 'channel' },
              { key: 'time2', from: 'sentAt' },
            ],
          },
        },
      },
      secret: PROVIDER_DEFAULTS.wechat.appSecret,
    },
  });
  expect([sms.status, wechat.status], JSON.stringify([sms.body, wechat.body])).toEqual([200, 200]);
  const channels = (await t.request(admin, { method: 'GET', url: '/api/channels' })).body as any[];
  smsUrl = channels.find((c) => c.channel === 'sms').reportUrl;
  wechatUrl = channels.find((c) => c.channel === 'wechat').reportUrl;
  signingToken = channels.find((c) => c.channel === 'wechat').reportSigningToken;
});

afterAll(async () => {
  if (options) await closeChannelAdapters(options.adapters);
  await providers?.close();
  await t?.close();
});

const deliveryById = (id: string) => db().selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
const allDeliveries = () => db().selectFrom('deliveries').select(['id', 'status', 'updatedAt', 'lastError']).orderBy('id').execute();

/** A new repair for 张伟; the worker sends its 受理 SMS through the receiver: that delivery, sent. */
async function sentSms() {
  const owner = t.a.owners.zhangwei!;
  const created = await t.request(await t.login('agent1'), {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      description: '阳台地漏堵塞',
      ownerId: owner.id,
      unitId: owner.unitId,
      repairGrade: 'normal',
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await runDeliveryTick(t.deps, options);
  const d = await db().selectFrom('deliveries').selectAll().where('sourceId', '=', created.body.case.id).where('kind', '=', 'case_received').executeTakeFirst();
  expect(d).toMatchObject({ channel: 'sms', status: 'sent' });
  expect(d.providerMessageId).toBeTruthy();
  expect(providers.of('aliyun').some((r) => r.payload.OutId === d.idempotencyKey && r.payload.PhoneNumbers)).toBe(true);
  return { delivery: d, caseId: created.body.case.id as string };
}

/** A test message to an openid on WeChat, sent through the receiver: that delivery, sent with WeChat's msgid. */
async function sentWechat() {
  const queued = await t.request(admin, { method: 'POST', url: '/api/channels/wechat/test', payload: { to: OPENID } });
  expect(queued.status, JSON.stringify(queued.body)).toBe(202);
  await runDeliveryTick(t.deps, options);
  const d = await deliveryById(queued.body.deliveryId);
  expect(d).toMatchObject({ channel: 'wechat', status: 'sent' });
  expect(d.providerMessageId).toMatch(/^\d+$/);
  return d;
}

/** An Alibaba SmsReport item as the provider writes it. */
function smsReport(d: { idempotencyKey: string; providerMessageId: string }, over: Record<string, unknown> = {}) {
  return {
    phone_number: t.a.owners.zhangwei!.portalLogin,
    send_time: '2026-11-25 10:00:01',
    report_time: '2026-11-25 10:00:05',
    success: true,
    err_code: 'DELIVERED',
    err_msg: '用户接收成功',
    sms_size: '1',
    biz_id: d.providerMessageId,
    out_id: d.idempotencyKey,
    ...over,
  };
}

const postSms = (url: string, body: unknown) => t.request(null, { method: 'POST', url, payload: body as never });

/** A WeChat push: the XML body, signed with `token` in the query as WeChat signs it. */
function wechatPush(url: string, xml: string, token = signingToken) {
  const timestamp = String(Math.floor(Date.parse(t.deps.now()) / 1000));
  const nonce = '1528437903';
  const query = new URLSearchParams({ signature: wechatSignature(token, timestamp, nonce), timestamp, nonce, openid: OPENID });
  return t.request(null, { method: 'POST', url: `${url}?${query}`, headers: { 'content-type': 'text/xml' }, payload: xml });
}
const templateJobXml = (msgId: string, status: string, createTime = 1_795_572_000) =>
  `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>${msgId}</MsgID><Status><![CDATA[${status}]]></Status></xml>`;

describe('where the providers report', () => {
  it('the channel settings show a report URL for SMS and WeChat (the derived token in its path) and WeChat’s 令牌; other channels none', async () => {
    const org = t.a.organizationId;
    expect(smsUrl).toBe(`/api/delivery-reports/sms/${org}/${reportToken(t.deps.cipher, org, 'sms')}`);
    expect(wechatUrl).toBe(`/api/delivery-reports/wechat/${org}/${reportToken(t.deps.cipher, org, 'wechat')}`);
    expect(smsUrl.split('/').at(-1)).toMatch(/^[0-9a-f]{64}$/);
    expect(smsUrl.split('/').at(-1)).not.toBe(wechatUrl.split('/').at(-1));
    expect(signingToken).toBe(reportSigningToken(t.deps.cipher, org));
    expect(signingToken).toMatch(/^[0-9a-f]{32}$/);
    expect(wechatUrl).not.toContain(signingToken);
    const channels = (await t.request(admin, { method: 'GET', url: '/api/channels' })).body as any[];
    expect(channels.find((c) => c.channel === 'email')).toMatchObject({ reportUrl: null, reportSigningToken: null });
    // another organization's URL is its own
    const other = (await t.request(await t.login('b_admin'), { method: 'GET', url: '/api/channels' })).body as any[];
    expect(other.find((c) => c.channel === 'sms').reportUrl).toBe(
      `/api/delivery-reports/sms/${t.b.organizationId}/${reportToken(t.deps.cipher, t.b.organizationId, 'sms')}`,
    );
  });
});

describe('Alibaba Cloud SMS reports', () => {
  it('a success report makes the SMS delivered at the report’s time (Beijing time as UTC), answered as the provider expects; a repeat changes nothing', async () => {
    const { delivery: d, caseId } = await sentSms();
    const res = await postSms(smsUrl, [smsReport(d)]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 0, msg: '接收成功' });
    const after = await deliveryById(d.id);
    expect(after).toMatchObject({ status: 'delivered', deliveredAt: '2026-11-25T02:00:05.000Z', sentAt: d.sentAt, lastError: null });
    const list = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${caseId}/deliveries` });
    expect(list.body.find((x: any) => x.id === d.id)).toMatchObject({ status: 'delivered', deliveredAt: '2026-11-25T02:00:05.000Z' });
    // pushed again (the provider retries when an answer is lost): the row stays as it was
    t.advance(1);
    expect((await postSms(smsUrl, [smsReport(d, { report_time: '2026-11-25 10:07:00' })])).status).toBe(200);
    expect(await deliveryById(d.id)).toEqual(after);
  });

  it('a failure report fails the SMS with the carrier’s code and words: it is in the dead-letter list; matched by biz_id alone too', async () => {
    const { delivery: d } = await sentSms();
    const res = await postSms(smsUrl, [smsReport(d, { success: false, err_code: 'MK:0012', err_msg: '号码停机', out_id: '' })]);
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(0);
    expect(await deliveryById(d.id)).toMatchObject({ status: 'failed', lastError: 'MK:0012: 号码停机', failedAt: '2026-11-25T02:00:05.000Z' });
    const dead = await t.request(admin, { method: 'GET', url: '/api/deliveries?status=failed' });
    expect(dead.status).toBe(200);
    expect(dead.body.items.find((x: any) => x.id === d.id)).toMatchObject({ status: 'failed', lastError: 'MK:0012: 号码停机' });
  });

  it('one push carries several reports, each matched on its own (by out_id), unknown ones dropped', async () => {
    const first = (await sentSms()).delivery;
    const second = (await sentSms()).delivery;
    const res = await postSms(smsUrl, [
      smsReport(first, { biz_id: 'not-ours' }),
      smsReport(second, { success: 'false', err_code: 'IC:0001', err_msg: '空号', biz_id: undefined }),
      smsReport({ idempotencyKey: 'gj-unknown', providerMessageId: '999^0' }),
    ]);
    expect(res.status).toBe(200);
    expect((await deliveryById(first.id)).status).toBe('delivered');
    expect(await deliveryById(second.id)).toMatchObject({ status: 'failed', lastError: 'IC:0001: 空号' });
  });

  it('a wrong token, another channel’s token or another organization’s is 404 and nothing changes', async () => {
    const { delivery: d } = await sentSms();
    const org = t.a.organizationId;
    const wrong = [
      smsUrl.replace(/[0-9a-f]{64}$/, '0'.repeat(64)),
      smsUrl.replace(/[0-9a-f]{4}$/, (tail) => (tail === 'ffff' ? '0000' : 'ffff')),
      `/api/delivery-reports/sms/${org}/${reportToken(t.deps.cipher, org, 'wechat')}`,
      `/api/delivery-reports/sms/${org}/${reportToken(t.deps.cipher, t.b.organizationId, 'sms')}`,
      `/api/delivery-reports/sms/${org}/short`,
    ];
    t.advance(1);
    const before = await t.fingerprint();
    const rows = await allDeliveries();
    for (const url of wrong) {
      const res = await postSms(url, [smsReport(d, { success: false, err_code: 'X', err_msg: 'forged' })]);
      expect(res.status, url).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect(await t.fingerprint()).toBe(before);
    expect(await allDeliveries()).toEqual(rows);
  });

  it('another organization’s own URL cannot touch this organization’s messages', async () => {
    const { delivery: d } = await sentSms();
    const theirs = `/api/delivery-reports/sms/${t.b.organizationId}/${reportToken(t.deps.cipher, t.b.organizationId, 'sms')}`;
    const res = await postSms(theirs, [smsReport(d, { success: false, err_code: 'X', err_msg: 'forged' })]);
    expect(res.status).toBe(200);
    expect((await deliveryById(d.id)).status).toBe('sent');
  });

  it('a report that is no list, or names no message, is 400', async () => {
    const before = await t.fingerprint();
    expect((await postSms(smsUrl, { out_id: 'x' })).status).toBe(400);
    const nameless = await postSms(smsUrl, [{ report_time: '2026-11-25 10:00:05', success: true }]);
    expect(nameless.status).toBe(400);
    expect(nameless.body.field).toBe('0.out_id');
    expect(await t.fingerprint()).toBe(before);
  });
});

describe('WeChat template message reports', () => {
  it('the server URL check answers echostr (text/plain) only to a request signed with the 令牌', async () => {
    const timestamp = '1795572000';
    const nonce = '837261';
    const echostr = '7381293847561234567';
    const signed = new URLSearchParams({ signature: wechatSignature(signingToken, timestamp, nonce), timestamp, nonce, echostr });
    const ok = await t.request(null, { method: 'GET', url: `${wechatUrl}?${signed}` });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-type'])).toMatch(/^text\/plain/);
    // the text exactly (the harness reads a numeric body as a number: its digits past 2^53 lost)
    expect((await t.app.inject({ method: 'GET', url: `${wechatUrl}?${signed}` })).payload).toBe(echostr);
    const forged = new URLSearchParams({ signature: wechatSignature('not-the-token', timestamp, nonce), timestamp, nonce, echostr });
    const refused = await t.request(null, { method: 'GET', url: `${wechatUrl}?${forged}` });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(echostr);
    // the URL's own token is not the 令牌
    const withUrlToken = new URLSearchParams({ signature: wechatSignature(wechatUrl.split('/').at(-1)!, timestamp, nonce), timestamp, nonce, echostr });
    expect((await t.request(null, { method: 'GET', url: `${wechatUrl}?${withUrlToken}` })).status).toBe(404);
    // a right signature on another organization's path
    const elsewhere = wechatUrl.replace(t.a.organizationId, t.b.organizationId);
    expect((await t.request(null, { method: 'GET', url: `${elsewhere}?${signed}` })).status).toBe(404);
  });

  it('TEMPLATESENDJOBFINISH success makes the message delivered (at CreateTime); the answer is success', async () => {
    const d = await sentWechat();
    const res = await wechatPush(wechatUrl, templateJobXml(d.providerMessageId, 'success'));
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
    expect(res.body).toBe('success');
    expect(await deliveryById(d.id)).toMatchObject({ status: 'delivered', deliveredAt: new Date(1_795_572_000_000).toISOString() });
  });

  it('failed:user block fails the message with WeChat’s words', async () => {
    const d = await sentWechat();
    const res = await wechatPush(wechatUrl, templateJobXml(d.providerMessageId, 'failed:user block'));
    expect(res.status).toBe(200);
    expect(await deliveryById(d.id)).toMatchObject({ status: 'failed', lastError: 'failed:user block' });
    const dead = await t.request(admin, { method: 'GET', url: '/api/deliveries?status=failed' });
    expect(dead.body.items.map((x: any) => x.id)).toContain(d.id);
  });

  it('an unsigned or wrongly signed push, or one to a wrong token, is 404 and nothing changes', async () => {
    const d = await sentWechat();
    const xml = templateJobXml(d.providerMessageId, 'failed: system failed');
    t.advance(1);
    const before = await t.fingerprint();
    const rows = await allDeliveries();
    const unsigned = await t.request(null, { method: 'POST', url: wechatUrl, headers: { 'content-type': 'text/xml' }, payload: xml });
    expect(unsigned.status, 'no signature at all: the query is incomplete').toBe(400);
    expect((await wechatPush(wechatUrl, xml, 'not-the-token')).status).toBe(404);
    expect((await wechatPush(wechatUrl.replace(/[0-9a-f]{64}$/, 'a'.repeat(64)), xml)).status).toBe(404);
    expect((await wechatPush(smsUrl.replace('/sms/', '/wechat/'), xml)).status).toBe(404);
    expect(await t.fingerprint()).toBe(before);
    expect(await allDeliveries()).toEqual(rows);
  });

  it('other pushes (a follower’s message, another event) are acknowledged and change nothing; a body that is not a push is 400', async () => {
    const before = await allDeliveries();
    const text = `<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1795572000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>24602310348385372</MsgId></xml>`;
    const subscribe = `<xml><ToUserName>gh_7f083739789a</ToUserName><FromUserName>${OPENID}</FromUserName><CreateTime>1795572000</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
    for (const xml of [text, subscribe]) {
      const res = await wechatPush(wechatUrl, xml);
      expect(res.status).toBe(200);
      expect(res.body).toBe('success');
    }
    expect(await allDeliveries()).toEqual(before);
    const notXml = await wechatPush(wechatUrl, '{"MsgType":"event"}');
    expect(notXml.status).toBe(400);
    expect(notXml.body).toMatchObject({ code: 'FIELD_INVALID', field: 'body' });
    const encrypted = await wechatPush(wechatUrl, '<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[c2VjcmV0]]></Encrypt></xml>');
    expect(encrypted.status).toBe(400);
    expect(encrypted.body.message).toContain('明文模式');
  });
});

describe('read receipts in the console', () => {
  it('a staff member reading a notification makes its in-app delivery read; reading again changes nothing', async () => {
    const agent = await t.login('agent1');
    const owner = t.a.owners.lina!;
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'repair',
        channel: 'hotline',
        description: '门禁卡失灵',
        ownerId: owner.id,
        unitId: owner.unitId,
        repairGrade: 'normal',
      },
    });
    expect(created.status).toBe(201);
    const caseId = created.body.case.id;
    const noted = await t.request(await t.login('supervisor1'), {
      method: 'POST',
      url: `/api/cases/${caseId}/commands`,
      payload: { command: { type: 'add_note', content: '请今天处理' } },
    });
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    await runDeliveryTick(t.deps, options);
    const note = ((await t.request(agent, { method: 'GET', url: '/api/notifications' })).body as any[]).find(
      (n) => n.caseId === caseId && n.kind === 'case_changed',
    );
    expect(note?.data.deliveryId).toBeTruthy();
    expect(await deliveryById(note.data.deliveryId)).toMatchObject({ channel: 'in_app', recipientId: t.a.staff.agent1, status: 'delivered', readAt: null });
    // someone else cannot read it for them
    expect((await t.request(await t.login('supervisor1'), { method: 'POST', url: `/api/notifications/${note.id}/read` })).status).toBe(404);
    expect((await deliveryById(note.data.deliveryId)).status).toBe('delivered');
    t.advance(1);
    const read = await t.request(agent, { method: 'POST', url: `/api/notifications/${note.id}/read` });
    expect(read.status).toBe(204);
    const after = await deliveryById(note.data.deliveryId);
    expect(after).toMatchObject({ status: 'read', readAt: t.deps.now() });
    t.advance(1);
    expect((await t.request(agent, { method: 'POST', url: `/api/notifications/${note.id}/read` })).status).toBe(204);
    expect(await deliveryById(note.data.deliveryId)).toEqual(after);
  });
});
