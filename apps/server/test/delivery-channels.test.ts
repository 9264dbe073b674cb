/**
 * The outside channels end to end: each adapter sends to a real local receiver (an SMTP server, and
 * one HTTP server playing Aliyun SMS, WeChat, WeCom and a webhook integrator) that checks the request
 * as the provider would — signature, token, shape — and answers in the provider's format. Covered:
 * Chinese text arriving intact, the idempotency key reaching the provider, refusals of a wrong
 * secret, permanent vs transient failures, token caching and refresh, and the pure helpers
 * (aliyunSignature against Alibaba's documented example, fitTemplateValue as a property).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelAdapter, type OutgoingMessage } from '../src/delivery/channel.ts';
import { createEmailAdapter, emailMessageId } from '../src/delivery/channels/email.ts';
import { CHANNEL_CONFIG_SCHEMAS, CHANNEL_SECRET_DESCRIPTIONS, closeChannelAdapters, createChannelAdapters } from '../src/delivery/channels/index.ts';
import { aliyunPercentEncode, aliyunSignature, createSmsAdapter } from '../src/delivery/channels/sms.ts';
import { createWebhookAdapter, verifyWebhookSignature, webhookSignature } from '../src/delivery/channels/webhook.ts';
import { createWechatAdapter, fitTemplateValue, TEMPLATE_VALUE_RULES, templateValueLimit, WechatConfigSchema } from '../src/delivery/channels/wechat.ts';
import { createWecomAdapter } from '../src/delivery/channels/wecom.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

const T0 = Date.parse('2026-12-05T10:00:00Z');
const CASE_URL = 'https://portal.guanjia.example.cn/cases/GJ-20261205-0007';

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: `dlv_${randomUUID()}`,
    kind: 'case_received',
    to: 'owner@example.cn',
    title: '【已受理】翠湖花园 3栋1单元101 报修',
    body: '张女士您好：\n您的报修“厨房水管漏水”已受理，工单号 GJ-20261205-0007。\n\n维修师傅将于今天 14:00 前联系您。',
    fields: { caseNo: 'GJ-20261205-0007', status: '已受理', summary: '厨房水管漏水', acceptedAt: '2026年12月5日 10:00' },
    url: CASE_URL,
    ...overrides,
  };
}

/** The ChannelError a send fails with (the test fails when it does not). */
async function failureOf(send: Promise<unknown>): Promise<ChannelError> {
  try {
    await send;
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelError);
    return error as ChannelError;
  }
  throw new Error('the send was expected to fail');
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('email (SMTP)', () => {
  let smtp: SmtpReceiver;
  let adapter: ChannelAdapter;
  const settings = () => ({
    config: { host: smtp.host, port: smtp.port, secure: false, user: 'desk', from: '管家物业 <noreply@guanjia.example.cn>' },
    secret: 'smtp-password',
  });

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ user: 'desk', password: 'smtp-password', unknownRecipients: ['gone@example.cn'] });
    adapter = createEmailAdapter();
  });
  afterAll(async () => {
    await adapter.close?.();
    await smtp.close();
  });

  it('a Chinese message arrives intact: subject, text, link, sender name, Message-ID from the key, X-Guanjia-Delivery', async () => {
    const sent = message({ urgent: true });
    const result = await adapter.send(sent, settings());
    const mails = await smtp.waitFor(1);
    const mail = mails.at(-1)!;
    expect(mail.user).toBe('desk');
    expect(mail.envelope).toEqual({ from: 'noreply@guanjia.example.cn', to: ['owner@example.cn'] });
    expect(mail.parsed.from?.value).toEqual([{ name: '管家物业', address: 'noreply@guanjia.example.cn' }]);
    expect(mail.subject).toBe(sent.title);
    expect(mail.text.trim()).toBe(`${sent.body}\n\n${CASE_URL}`);
    expect(mail.html).toContain(`<a href="${CASE_URL}">`);
    expect(mail.html).toContain('厨房水管漏水');
    expect(mail.messageId).toBe(`<${sent.idempotencyKey}@guanjia>`);
    expect(mail.header('x-guanjia-delivery')).toBe(sent.idempotencyKey);
    expect(mail.parsed.headerLines.find((line) => line.key === 'x-priority')?.line).toMatch(/^X-Priority: 1/i);
    expect(result.providerMessageId).toBe(`<${sent.idempotencyKey}@guanjia>`);
  });

  it('a message without a link is plain text only', async () => {
    const before = smtp.messages.length;
    await adapter.send(message({ url: undefined }), settings());
    const mail = (await smtp.waitFor(before + 1)).at(-1)!;
    expect(mail.html).toBeNull();
    expect(mail.text.trim()).toBe(message().body);
  });

  it('keeps one pooled connection for the same settings', async () => {
    const before = smtp.connections;
    for (let i = 0; i < 3; i++) await adapter.send(message(), settings());
    expect(smtp.connections - before).toBeLessThanOrEqual(1);
  });

  it('the receiver refuses a wrong password (535): permanent', async () => {
    const other = createEmailAdapter();
    try {
      const error = await failureOf(other.send(message(), { ...settings(), secret: 'wrong-password' }));
      expect(error.permanent).toBe(true);
      expect(error.reason).toMatch(/^SMTP 535/);
    } finally {
      await other.close?.();
    }
  });

  it('451 is transient, 550 permanent, and the next message goes through', async () => {
    smtp.failNext(1, 451);
    const transient = await failureOf(adapter.send(message(), settings()));
    expect(transient.permanent).toBe(false);
    expect(transient.reason).toMatch(/^SMTP 451/);

    smtp.failNext(1, 550);
    const permanent = await failureOf(adapter.send(message(), settings()));
    expect(permanent.permanent).toBe(true);
    expect(permanent.reason).toMatch(/^SMTP 550/);
    expect(permanent.unreachable, 'the message refused (5.7.1), not the mailbox: no fallback').toBe(false);

    const before = smtp.messages.length;
    const sent = message();
    await adapter.send(sent, settings());
    expect((await smtp.waitFor(before + 1)).at(-1)!.header('x-guanjia-delivery')).toBe(sent.idempotencyKey);
  });

  it('an unknown recipient (550 at RCPT TO) and an address that is not one are permanent', async () => {
    const unknown = await failureOf(adapter.send(message({ to: 'gone@example.cn' }), settings()));
    expect(unknown.permanent).toBe(true);
    expect(unknown.reason).toContain('550');
    expect(unknown.unreachable, 'no such mailbox: the owner’s next channel is tried').toBe(true);
    const malformed = await failureOf(adapter.send(message({ to: '13800138000' }), settings()));
    expect(malformed.permanent).toBe(true);
    expect(malformed.unreachable).toBe(true);
    const list = await failureOf(adapter.send(message({ to: 'a@example.cn, b@example.cn' }), settings()));
    expect(list.permanent).toBe(true);
  });

  it('a refused connection is transient', async () => {
    const port = await closedPort();
    const other = createEmailAdapter({ timeoutMs: 2000 });
    try {
      const error = await failureOf(other.send(message(), { config: { ...settings().config, port }, secret: 'smtp-password' }));
      expect(error.permanent).toBe(false);
    } finally {
      await other.close?.();
    }
  });

  it('sends without a login when the settings have no user', async () => {
    const open = await startSmtpReceiver();
    const other = createEmailAdapter();
    try {
      await other.send(message({ to: '业主@example.cn' }), { config: { host: open.host, port: open.port, from: 'noreply@guanjia.example.cn' }, secret: '' });
      const [mail] = await open.waitFor(1);
      expect(mail.user).toBeNull();
      expect(mail.envelope.to).toEqual(['业主@example.cn']);
    } finally {
      await other.close?.();
      await open.close();
    }
  });

  it('a Message-ID holds only the characters a Message-ID may', () => {
    expect(emailMessageId('dlv_01JB8Z')).toBe('<dlv_01JB8Z@guanjia>');
    expect(emailMessageId('a b<c>@d')).toBe('<a_b_c__d@guanjia>');
  });
});

describe('SMS (Aliyun SendSms)', () => {
  let providers: ProviderReceiver;
  let adapter: ChannelAdapter;
  const settings = (secret = PROVIDER_DEFAULTS.aliyun.secret) => ({
    config: {
      baseUrl: providers.urls.aliyun,
      accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
      signName: '管家物业',
      templates: { case_received: 'SMS_480001', notice: 'SMS_UNKNOWN' },
    },
    secret,
  });

  beforeAll(async () => {
    providers = await startProviderReceiver();
    adapter = createSmsAdapter({ now: () => T0 });
  });
  afterAll(async () => {
    await providers.close();
  });

  it('arrives signed, with the template, the fields (cut to 35 characters) and the key as OutId', async () => {
    const longStatus = '已受理，维修师傅将于今天下午两点前联系您并上门查看厨房水管漏水的情况，请保持电话畅通';
    const sent = message({ to: '13800138000', fields: { caseNo: 'GJ-20261205-0007', status: longStatus } });
    const result = await adapter.send(sent, settings());
    const request = await providers.waitFor((r) => r.provider === 'aliyun' && r.idempotencyKey === sent.idempotencyKey);
    if (request.provider !== 'aliyun') throw new Error('not an SMS');
    const params = request.payload;
    expect(params).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      PhoneNumbers: '13800138000',
      SignName: '管家物业',
      TemplateCode: 'SMS_480001',
      OutId: sent.idempotencyKey,
      Timestamp: '2026-12-05T10:00:00Z',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    const templateParam = JSON.parse(params.TemplateParam) as Record<string, string>;
    expect(templateParam.caseNo).toBe('GJ-20261205-0007');
    expect(Array.from(templateParam.status)).toHaveLength(35);
    expect(templateParam.status.endsWith('…')).toBe(true);
    expect(longStatus.startsWith(templateParam.status.slice(0, -1))).toBe(true);
    expect(result.providerMessageId).toMatch(/\^0$/);
  });

  it('the receiver refuses a wrong AccessKey secret (SignatureDoesNotMatch)', async () => {
    const refusedBefore = providers.refused.length;
    const error = await failureOf(adapter.send(message({ to: '13800138000' }), settings('not-the-secret')));
    expect(error.reason).toMatch(/^SignatureDoesNotMatch: /);
    expect(error.permanent).toBe(false);
    expect(providers.refused.slice(refusedBefore)).toEqual([{ provider: 'aliyun', reason: expect.stringMatching(/^SignatureDoesNotMatch/) }]);
  });

  it('maps the provider codes: bad number, missing variable, unknown template, blacklist permanent; balance, HTTP 500 transient', async () => {
    const badNumber = await failureOf(adapter.send(message({ to: '12345678901' }), settings()));
    expect([badNumber.reason.split(':')[0], badNumber.permanent, badNumber.unreachable]).toEqual(['isv.MOBILE_NUMBER_ILLEGAL', true, true]);

    const missing = await failureOf(adapter.send(message({ to: '13800138000', fields: { caseNo: 'GJ-1' } }), settings()));
    expect([missing.reason.split(':')[0], missing.permanent, missing.unreachable]).toEqual(['isv.TEMPLATE_MISSING_PARAMETERS', true, false]);

    const unknownTemplate = await failureOf(adapter.send(message({ to: '13800138000', kind: 'notice' }), settings()));
    expect([unknownTemplate.reason.split(':')[0], unknownTemplate.permanent]).toEqual(['isv.SMS_TEMPLATE_ILLEGAL', true]);

    providers.failNext('aliyun', 1, { code: 'isv.BLACK_KEY_CONTROL_LIMIT' });
    const blacklisted = await failureOf(adapter.send(message({ to: '13800138000' }), settings()));
    expect([blacklisted.reason, blacklisted.permanent]).toEqual(['isv.BLACK_KEY_CONTROL_LIMIT: simulated isv.BLACK_KEY_CONTROL_LIMIT', true]);

    providers.failNext('aliyun', 1, { code: 'isv.AMOUNT_NOT_ENOUGH' });
    const broke = await failureOf(adapter.send(message({ to: '13800138000' }), settings()));
    expect([broke.reason.split(':')[0], broke.permanent]).toEqual(['isv.AMOUNT_NOT_ENOUGH', false]);

    providers.failNext('aliyun', 1, { status: 500 });
    const down = await failureOf(adapter.send(message({ to: '13800138000' }), settings()));
    expect([down.reason, down.permanent]).toEqual(['SMS: HTTP 500', false]);
  });

  it('refuses before sending: a kind without a template code (named), a recipient that is not one number, settings that do not parse', async () => {
    const before = providers.received.length;
    const noTemplate = await failureOf(adapter.send(message({ to: '13800138000', kind: 'work_done' }), settings()));
    expect(noTemplate.permanent).toBe(true);
    expect(noTemplate.reason).toContain('"work_done"');
    const twoNumbers = await failureOf(adapter.send(message({ to: '13800138000,13900139000' }), settings()));
    expect(twoNumbers.permanent).toBe(true);
    const badSettings = await failureOf(adapter.send(message({ to: '13800138000' }), { config: { signName: '管家物业' }, secret: 'x' }));
    expect(badSettings.permanent).toBe(true);
    expect(providers.received.length).toBe(before);
  });

  it('a repeated OutId is delivered again (Aliyun does not de-duplicate it)', async () => {
    const sent = message({ to: '13900139000' });
    await adapter.send(sent, settings());
    await adapter.send(sent, settings());
    const copies = providers.of('aliyun').filter((r) => r.idempotencyKey === sent.idempotencyKey);
    expect(copies).toHaveLength(2);
    expect(copies[0].payload.SignatureNonce).not.toBe(copies[1].payload.SignatureNonce);
  });

  it('aliyunSignature reproduces the example of Alibaba Cloud’s signature documentation', () => {
    // The RPC signature example of Alibaba Cloud's "Signature mechanism" (签名机制) page: DescribeRegions
    // with AccessKey testid / testsecret, signed as a GET; its documented result is CT9X0VtwR86fNWSnsc6v8YGOjuE=.
    const params = {
      TimeStamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunSignature(params, 'testsecret', 'GET')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
    // a Signature entry among the parameters is left out of what is signed
    expect(aliyunSignature({ ...params, Signature: 'anything' }, 'testsecret', 'GET')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
    expect(aliyunSignature(params, 'testsecret', 'POST')).not.toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
    expect(aliyunPercentEncode("a b*c~!'()/:中")).toBe('a%20b%2Ac~%21%27%28%29%2F%3A%E4%B8%AD');
  });
});

describe('WeChat template messages', () => {
  const OPENID = 'oGuanjiaOwner000000000000001';
  const NOT_FOLLOWING = 'oGuanjiaOwner000000000000002';
  let providers: ProviderReceiver;
  let clock: number;
  let adapter: ChannelAdapter;
  const config = () => ({
    baseUrl: providers.urls.wechat,
    appId: PROVIDER_DEFAULTS.wechat.appId,
    templates: {
      case_received: {
        templateId: 'tmpl-case-received',
        fields: [
          { key: 'thing1', from: 'summary' },
          { key: 'character_string2', from: 'caseNo' },
          { key: 'time3', from: 'acceptedAt' },
        ],
      },
      notice: { templateId: 'tmpl-not-approved', fields: [{ key: 'thing1', from: 'summary' }] },
      case_closed: { templateId: 'tmpl-case-received', fields: [{ key: 'thing1', from: 'rating' }] },
    },
  });
  const settings = (secret = PROVIDER_DEFAULTS.wechat.appSecret) => ({ config: config(), secret });

  beforeAll(async () => {
    providers = await startProviderReceiver({ settings: { wechat: { ...PROVIDER_DEFAULTS.wechat, notFollowing: [NOT_FOLLOWING] } } });
  });
  afterAll(async () => {
    await providers.close();
  });
  afterEach(async () => {
    await adapter?.close?.();
  });
  const freshAdapter = () => {
    clock = T0;
    adapter = createWechatAdapter({ now: () => clock });
    return adapter;
  };

  it('arrives with the template, values fitted to their keys, the link and the key as client_msg_id', async () => {
    freshAdapter();
    const issuedBefore = providers.tokensIssued.wechat;
    const sent = message({
      to: OPENID,
      fields: { summary: '厨房水管漏水，\n楼下天花板已经开始渗水，请尽快处理', caseNo: 'GJ-20261205-0007 工单', acceptedAt: '2026年12月5日 10:00' },
    });
    const result = await adapter.send(sent, settings());
    const [request] = providers.of('wechat').filter((r) => r.idempotencyKey === sent.idempotencyKey);
    expect(request.to).toBe(OPENID);
    expect(request.payload).toEqual({
      touser: OPENID,
      template_id: 'tmpl-case-received',
      url: CASE_URL,
      data: {
        thing1: { value: '厨房水管漏水， 楼下天花板已经开始渗水…' },
        character_string2: { value: 'GJ-20261205-0007' },
        time3: { value: '2026年12月5日 10:00' },
      },
      client_msg_id: sent.idempotencyKey,
    });
    expect(Array.from(request.payload.data.thing1.value)).toHaveLength(20);
    expect(result.providerMessageId).toMatch(/^\d+$/);
    expect(providers.tokensIssued.wechat - issuedBefore).toBe(1);
  });

  it('fetches the token once (concurrent sends share the fetch) and again 5 minutes before it expires', async () => {
    freshAdapter();
    const before = providers.tokensIssued.wechat;
    await Promise.all([1, 2, 3].map(() => adapter.send(message({ to: OPENID }), settings())));
    await adapter.send(message({ to: OPENID }), settings());
    expect(providers.tokensIssued.wechat - before).toBe(1);

    clock = T0 + (7200 - 300) * 1000 - 1; // still good
    await adapter.send(message({ to: OPENID }), settings());
    expect(providers.tokensIssued.wechat - before).toBe(1);
    clock = T0 + (7200 - 300) * 1000; // 5 minutes before expires_in: fetched again
    await adapter.send(message({ to: OPENID }), settings());
    expect(providers.tokensIssued.wechat - before).toBe(2);
  });

  it('40001 and 42001 drop the token and the send is tried once more with a fresh one', async () => {
    freshAdapter();
    await adapter.send(message({ to: OPENID }), settings());
    const before = providers.tokensIssued.wechat;

    providers.failNext('wechat', 1, { code: 40001 });
    const sent = message({ to: OPENID });
    await adapter.send(sent, settings());
    expect(providers.tokensIssued.wechat - before).toBe(1);
    expect(providers.of('wechat').some((r) => r.idempotencyKey === sent.idempotencyKey)).toBe(true);

    providers.expireTokens('wechat'); // the receiver now answers the cached token with a real 42001
    const refusedBefore = providers.refused.length;
    await adapter.send(message({ to: OPENID }), settings());
    expect(providers.tokensIssued.wechat - before).toBe(2);
    expect(providers.refused.slice(refusedBefore).map((r) => r.reason)).toEqual(['42001: access_token expired']);

    providers.failNext('wechat', 2, { code: 40001 }); // refused twice: given up after the one retry
    const error = await failureOf(adapter.send(message({ to: OPENID }), settings()));
    expect([error.reason, error.permanent]).toEqual(['40001: simulated 40001', false]);
  });

  it('the receiver refuses a wrong AppSecret', async () => {
    freshAdapter();
    const error = await failureOf(adapter.send(message({ to: OPENID }), settings('not-the-appsecret')));
    expect(error.reason).toBe('WeChat token: 40125: invalid appsecret');
    expect(error.permanent).toBe(false);
    expect(providers.refused.at(-1)).toEqual({ provider: 'wechat', reason: '40125: invalid appsecret' });
  });

  it('maps errcodes: 43004, 40003, 40037 permanent; -1, 45009, others and HTTP 500 transient', async () => {
    freshAdapter();
    const notFollowing = await failureOf(adapter.send(message({ to: NOT_FOLLOWING }), settings()));
    // not following and a wrong openid: the user is unreachable here (the owner's next channel is tried); a wrong template is ours
    expect([notFollowing.reason, notFollowing.permanent, notFollowing.unreachable]).toEqual(['43004: require subscribe', true, true]);
    const badOpenid = await failureOf(adapter.send(message({ to: 'not-an-openid' }), settings()));
    expect([badOpenid.reason, badOpenid.permanent, badOpenid.unreachable]).toEqual(['40003: invalid openid', true, true]);
    const badTemplate = await failureOf(adapter.send(message({ to: OPENID, kind: 'notice' }), settings()));
    expect([badTemplate.reason, badTemplate.permanent, badTemplate.unreachable]).toEqual(['40037: invalid template_id', true, false]);

    for (const [code, permanent] of [
      [-1, false],
      [45009, false],
      [48001, false],
    ] as const) {
      providers.failNext('wechat', 1, { code });
      const error = await failureOf(adapter.send(message({ to: OPENID }), settings()));
      expect([error.reason, error.permanent]).toEqual([`${code}: simulated ${code}`, permanent]);
    }
    providers.failNext('wechat', 1, { status: 500 });
    const down = await failureOf(adapter.send(message({ to: OPENID }), settings()));
    expect([down.reason, down.permanent]).toEqual(['WeChat: HTTP 500', false]);
  });

  it('refuses before sending: a kind without a template, a template key whose field the message lacks', async () => {
    freshAdapter();
    const noTemplate = await failureOf(adapter.send(message({ to: OPENID, kind: 'work_done' }), settings()));
    expect(noTemplate.permanent).toBe(true);
    expect(noTemplate.reason).toContain('"work_done"');
    const noField = await failureOf(adapter.send(message({ to: OPENID, kind: 'case_closed' }), settings()));
    expect(noField.permanent).toBe(true);
    expect(noField.reason).toContain('"rating"');
  });

  it('client_msg_id: a repeated delivery is dropped by WeChat and answered with the first msgid', async () => {
    freshAdapter();
    const sent = message({ to: OPENID });
    const dropped = providers.duplicatesDropped;
    const first = await adapter.send(sent, settings());
    const again = await adapter.send(sent, settings());
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(providers.of('wechat').filter((r) => r.idempotencyKey === sent.idempotencyKey)).toHaveLength(1);
    expect(providers.duplicatesDropped - dropped).toBe(1);
  });

  it('settings refuse the retired first/remark keys and key types WeChat does not have', () => {
    const withKey = (key: string) => ({ appId: 'wx1', templates: { notice: { templateId: 't', fields: [{ key, from: 'summary' }] } } });
    for (const key of ['first', 'remark', 'first1', 'keyword1', 'Thing1', 'thing']) {
      expect(WechatConfigSchema.safeParse(withKey(key)).success, key).toBe(false);
    }
    const retired = WechatConfigSchema.safeParse(withKey('remark'));
    expect(JSON.stringify(retired.error?.issues)).toContain('retired');
    for (const key of ['thing1', 'character_string12', 'phrase3', 'time4', 'amount5', 'phone_number6', 'car_number7']) {
      expect(WechatConfigSchema.safeParse(withKey(key)).success, key).toBe(true);
    }
  });

  it('fitTemplateValue: never longer than the key type allows, never a line break, never empty (property)', () => {
    const keys = fc
      .tuple(fc.constantFrom(...Object.keys(TEMPLATE_VALUE_RULES), 'unknown_type'), fc.integer({ min: 1, max: 30 }))
      .map(([type, n]) => `${type}${n}`);
    const texts = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom('报', '修', '漏', '水', '\n', '\r\n', '\u2028', ' ', '\t', 'a', 'Z', '7', '-', '…', '😀'), maxLength: 60 }),
    );
    fc.assert(
      fc.property(keys, texts, (key, value) => {
        const fitted = fitTemplateValue(key, value);
        expect(Array.from(fitted).length).toBeLessThanOrEqual(templateValueLimit(key));
        expect(fitted).not.toMatch(/[\r\n\u2028\u2029]/);
        expect(fitted.length).toBeGreaterThan(0);
        if (key.startsWith('character_string')) expect(fitted).toMatch(/^[\x21-\x7e]+$/);
      }),
      { numRuns: 1000 },
    );
    // and a value that fits is sent as it is
    expect(fitTemplateValue('thing1', '厨房水管漏水')).toBe('厨房水管漏水');
    expect(fitTemplateValue('thing1', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(fitTemplateValue('phrase2', '已受理请等待')).toBe('已受理请等');
    expect(fitTemplateValue('character_string3', '工单 GJ-7')).toBe('GJ-7');
    expect(fitTemplateValue('time4', '2026-12-05\n10:00')).toBe('2026-12-05 10:00');
    expect(fitTemplateValue('thing5', '')).toBe('-');
  });
});

describe('WeCom (企业微信)', () => {
  let providers: ProviderReceiver;
  let adapter: ChannelAdapter;
  const appSettings = (secret = PROVIDER_DEFAULTS.wecom.corpSecret) => ({
    config: { mode: 'app', baseUrl: providers.urls.wecom, corpId: PROVIDER_DEFAULTS.wecom.corpId, agentId: PROVIDER_DEFAULTS.wecom.agentId },
    secret,
  });
  const robotSettings = (key = PROVIDER_DEFAULTS.wecom.robotKey) => ({ config: { mode: 'robot', baseUrl: providers.urls.wecom }, secret: key });

  beforeAll(async () => {
    providers = await startProviderReceiver();
    adapter = createWecomAdapter();
  });
  afterAll(async () => {
    await adapter.close?.();
    await providers.close();
  });

  it('app: the text reaches the member with title, body and link; the token is fetched once', async () => {
    const before = providers.tokensIssued.wecom;
    const sent = message({ to: 'zhangsan', kind: 'clock_alert', title: '【特急】工单 GJ-20261205-0007 即将超时' });
    const result = await adapter.send(sent, appSettings());
    await adapter.send(message({ to: 'lisi' }), appSettings());
    const [request] = providers.of('wecom-app').filter((r) => r.to === 'zhangsan');
    expect(request.payload).toEqual({
      touser: 'zhangsan',
      msgtype: 'text',
      agentid: 1000002,
      text: { content: `${sent.title}\n${sent.body}\n${CASE_URL}` },
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    });
    expect(result.providerMessageId).toMatch(/^wecom-msg-/);
    expect(providers.tokensIssued.wecom - before).toBe(1);
  });

  it('app: 40014 and 42001 refresh the token once', async () => {
    await adapter.send(message({ to: 'zhangsan', title: '预热' }), appSettings());
    const before = providers.tokensIssued.wecom;
    providers.failNext('wecom', 1, { code: 40014 });
    await adapter.send(message({ to: 'zhangsan', title: '令牌无效后重试' }), appSettings());
    expect(providers.tokensIssued.wecom - before).toBe(1);

    providers.expireTokens('wecom');
    const refusedBefore = providers.refused.length;
    await adapter.send(message({ to: 'zhangsan', title: '令牌过期后重试' }), appSettings());
    expect(providers.tokensIssued.wecom - before).toBe(2);
    expect(providers.refused.slice(refusedBefore).map((r) => r.reason)).toEqual(['42001: access_token expired']);
    expect(providers.of('wecom-app').map((r) => r.payload.text.content.split('\n')[0])).toEqual(expect.arrayContaining(['令牌无效后重试', '令牌过期后重试']));
  });

  it('app: the receiver refuses a wrong Secret', async () => {
    const other = createWecomAdapter();
    const error = await failureOf(other.send(message({ to: 'zhangsan' }), appSettings('not-the-secret')));
    expect(error.reason).toBe('WeCom token: 40001: invalid secret');
    expect(providers.refused.at(-1)).toEqual({ provider: 'wecom-app', reason: '40001: invalid secret' });
  });

  it('app: 81013 (no such member) and 60020 permanent; 45009 and HTTP 500 transient', async () => {
    const nobody = await failureOf(adapter.send(message({ to: 'wangwu' }), appSettings()));
    expect([nobody.reason, nobody.permanent]).toEqual(['81013: user & party & tag all invalid', true]);
    providers.failNext('wecom', 1, { code: 60020 });
    const ip = await failureOf(adapter.send(message({ to: 'zhangsan' }), appSettings()));
    expect([ip.reason, ip.permanent]).toEqual(['60020: simulated 60020', true]);
    providers.failNext('wecom', 1, { code: 45009 });
    const busy = await failureOf(adapter.send(message({ to: 'zhangsan' }), appSettings()));
    expect([busy.reason, busy.permanent]).toEqual(['45009: simulated 45009', false]);
    providers.failNext('wecom', 1, { status: 500 });
    const down = await failureOf(adapter.send(message({ to: 'zhangsan' }), appSettings()));
    expect([down.reason, down.permanent]).toEqual(['WeCom: HTTP 500', false]);
  });

  it('app: enable_duplicate_check drops the repeated delivery', async () => {
    const sent = message({ to: 'lisi', title: '重复检查' });
    const dropped = providers.duplicatesDropped;
    const first = await adapter.send(sent, appSettings());
    const again = await adapter.send(sent, appSettings());
    expect(again.providerMessageId).toBe(first.providerMessageId);
    expect(providers.of('wecom-app').filter((r) => r.payload.text.content.startsWith('重复检查'))).toHaveLength(1);
    expect(providers.duplicatesDropped - dropped).toBe(1);
  });

  it('a long text is cut to 2048 bytes (the receiver refuses more)', async () => {
    const sent = message({ to: 'zhangsan', title: '长通知', body: '停水通知。'.repeat(400) });
    await adapter.send(sent, appSettings());
    const [request] = providers.of('wecom-app').filter((r) => r.payload.text.content.startsWith('长通知'));
    expect(Buffer.byteLength(request.payload.text.content, 'utf8')).toBeLessThanOrEqual(2048);
    expect(request.payload.text.content.endsWith('…')).toBe(true);
  });

  it('robot: posts to the group, @-mentioning a mobile number or a userid', async () => {
    const sent = message({ to: '+86 138-0013-8000', kind: 'notice_emergency', title: '【紧急】3栋今晚停水' });
    const result = await adapter.send(sent, robotSettings());
    const byMobile = await providers.waitFor((r) => r.provider === 'wecom-robot' && r.to === '13800138000');
    if (byMobile.provider !== 'wecom-robot') throw new Error('not a robot post');
    expect(byMobile.payload).toEqual({
      msgtype: 'text',
      text: { content: `${sent.title}\n${sent.body}\n${CASE_URL}`, mentioned_mobile_list: ['13800138000'] },
    });
    expect(byMobile.idempotencyKey).toBeNull();
    expect(result.providerMessageId).toBeNull();

    await adapter.send(message({ to: 'zhangsan', title: '点名' }), robotSettings());
    const byUserid = providers.of('wecom-robot').find((r) => r.payload.text.content.startsWith('点名'));
    expect(byUserid?.payload.text.mentioned_list).toEqual(['zhangsan']);
  });

  it('robot: the receiver refuses a wrong key (93000, permanent); -1 is transient', async () => {
    const error = await failureOf(adapter.send(message({ to: '13800138000' }), robotSettings('not-the-key')));
    expect([error.reason, error.permanent]).toEqual(['93000: invalid webhook url', true]);
    expect(providers.refused.at(-1)).toEqual({ provider: 'wecom-robot', reason: '93000: invalid webhook url' });
    providers.failNext('wecom', 1, { code: -1 });
    const busy = await failureOf(adapter.send(message({ to: '13800138000' }), robotSettings()));
    expect([busy.reason, busy.permanent]).toEqual(['-1: simulated -1', false]);
  });
});

describe('signed webhook', () => {
  const SECRET = PROVIDER_DEFAULTS.webhook.secret;
  let providers: ProviderReceiver;
  let adapter: ChannelAdapter;

  beforeAll(async () => {
    providers = await startProviderReceiver({ now: () => T0 + 2000 });
    adapter = createWebhookAdapter({ now: () => T0 });
  });
  afterAll(async () => {
    await providers.close();
  });
  const webhookSettings = (secret = SECRET) => ({ config: { url: `${providers.urls.webhook}/guanjia` }, secret });

  it('the JSON arrives signed; the receiver verifies it; x-request-id is the provider id', async () => {
    const sent = message({ urgent: true });
    const result = await adapter.send(sent, webhookSettings());
    const [request] = providers.of('webhook').filter((r) => r.idempotencyKey === sent.idempotencyKey);
    expect(request.payload).toEqual({
      id: sent.idempotencyKey,
      kind: 'case_received',
      title: sent.title,
      body: sent.body,
      fields: sent.fields,
      url: CASE_URL,
      urgent: true,
      sentAt: '2026-12-05T10:00:00.000Z',
    });
    expect(result.providerMessageId).toMatch(/^wh-\d+$/);
  });

  it('the receiver refuses a wrong secret (401): permanent', async () => {
    const error = await failureOf(adapter.send(message(), webhookSettings('not-the-secret')));
    expect([error.reason, error.permanent]).toEqual(['webhook: HTTP 401', true]);
    expect(providers.refused.at(-1)).toEqual({ provider: 'webhook', reason: 'bad signature or timestamp' });
  });

  it('the receiver refuses a signature made too long ago', async () => {
    const late = createWebhookAdapter({ now: () => T0 - 301_000 });
    const error = await failureOf(late.send(message(), webhookSettings()));
    expect([error.reason, error.permanent]).toEqual(['webhook: HTTP 401', true]);
  });

  it('400, 401, 403, 404, 410 (and 3xx) are permanent; 408, 429, 5xx and a refused connection transient', async () => {
    for (const status of [400, 401, 403, 404, 410, 422, 301, 408, 429, 500, 502, 503]) {
      providers.failNext('webhook', 1, { status });
      const error = await failureOf(adapter.send(message(), webhookSettings()));
      expect([error.reason, error.permanent], String(status)).toEqual([`webhook: HTTP ${status}`, ![408, 429, 500, 502, 503].includes(status)]);
    }
    const port = await closedPort();
    const refused = await failureOf(adapter.send(message(), { config: { url: `http://127.0.0.1:${port}/hook` }, secret: SECRET }));
    expect(refused.permanent).toBe(false);
    expect(refused.reason).toContain('ECONNREFUSED');
  });

  it('no answer within the deadline is transient', async () => {
    const impatient = createWebhookAdapter({ now: () => T0, timeoutMs: 300 });
    providers.failNext('webhook', 1, { hang: true });
    const started = Date.now();
    const error = await failureOf(impatient.send(message(), webhookSettings()));
    expect([error.reason, error.permanent]).toEqual(['webhook: no answer within 0.3 s', false]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a repeated delivery is recognised by x-guanjia-delivery', async () => {
    const sent = message();
    const dropped = providers.duplicatesDropped;
    await adapter.send(sent, webhookSettings());
    await adapter.send(sent, webhookSettings());
    expect(providers.of('webhook').filter((r) => r.idempotencyKey === sent.idempotencyKey)).toHaveLength(1);
    expect(providers.duplicatesDropped - dropped).toBe(1);
  });

  it('verifyWebhookSignature: ours within the tolerance only', () => {
    const body = JSON.stringify({ id: 'dlv_1', title: '停水通知' });
    const timestamp = Math.floor(T0 / 1000);
    const signature = webhookSignature(SECRET, timestamp, body);
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    const check = { secret: SECRET, timestamp: String(timestamp), body, signature, now: T0 };
    expect(verifyWebhookSignature(check)).toBe(true);
    expect(verifyWebhookSignature({ ...check, now: T0 + 300_000 })).toBe(true);
    expect(verifyWebhookSignature({ ...check, now: T0 + 301_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...check, now: T0 - 301_000 })).toBe(false);
    expect(verifyWebhookSignature({ ...check, now: T0 + 500_000, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhookSignature({ ...check, secret: 'other' })).toBe(false);
    expect(verifyWebhookSignature({ ...check, body: body.replace('停水', '停电') })).toBe(false);
    expect(verifyWebhookSignature({ ...check, timestamp: String(timestamp + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...check, signature: signature.slice(0, -1) })).toBe(false);
    expect(verifyWebhookSignature({ ...check, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...check, timestamp: 'yesterday' })).toBe(false);
    // during a secret rotation the sender may give two signatures
    expect(verifyWebhookSignature({ ...check, signature: `${webhookSignature('old', timestamp, body)}, ${signature}` })).toBe(true);
  });
});

describe('the channels together', () => {
  it('one adapter per configurable channel, with its settings schema and secret description', async () => {
    const adapters = createChannelAdapters();
    expect(Object.fromEntries(Object.entries(adapters).map(([channel, adapter]) => [channel, adapter.channel]))).toEqual({
      email: 'email',
      sms: 'sms',
      wechat: 'wechat',
      wecom: 'wecom',
      webhook: 'webhook',
    });
    expect(Object.keys(CHANNEL_CONFIG_SCHEMAS).sort()).toEqual(Object.keys(adapters).sort());
    expect(Object.values(CHANNEL_SECRET_DESCRIPTIONS).every((text) => text.length > 10)).toBe(true);
    await closeChannelAdapters(adapters);
  });

  it('the settings schemas accept good settings and refuse bad ones', () => {
    const good = {
      email: { host: 'smtp.example.cn', port: 465, secure: true, user: 'desk', from: '管家物业 <noreply@example.cn>' },
      sms: { accessKeyId: 'LTAI5t', signName: '管家物业', templates: { case_received: 'SMS_1' } },
      wechat: { appId: 'wx1', templates: {} },
      wecom: { mode: 'app', corpId: 'ww1', agentId: '1000002' },
      webhook: { url: 'https://erp.example.cn/hooks/guanjia' },
    };
    const bad = {
      email: { host: 'smtp.example.cn', port: 465, from: '管家物业' },
      sms: { accessKeyId: 'LTAI5t', signName: '管家物业', templates: { no_such_kind: 'SMS_1' } },
      wechat: { templates: {} },
      wecom: { mode: 'robot', baseUrl: 'ftp://example.cn' },
      webhook: { url: 'ftp://erp.example.cn/hooks' },
    };
    for (const channel of Object.keys(good) as (keyof typeof good)[]) {
      expect(CHANNEL_CONFIG_SCHEMAS[channel].safeParse(good[channel]).success, channel).toBe(true);
      expect(CHANNEL_CONFIG_SCHEMAS[channel].safeParse(bad[channel]).success, channel).toBe(false);
    }
    expect(CHANNEL_CONFIG_SCHEMAS.email.parse({ host: 'h.example.cn', port: 25, from: 'a@example.cn' })).toMatchObject({ secure: false });
  });
});
