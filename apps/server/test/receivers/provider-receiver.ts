/**
 * One local HTTP server (127.0.0.1, a free port) playing the HTTP providers at once, for tests of the
 * channel adapters and of the delivery worker. Each provider lives under its own path prefix; point a
 * channel's `baseUrl` (the webhook's `url`) at `receiver.urls.<provider>`:
 *
 *   aliyun   POST /aliyun/                              阿里云短信 SendSms (form-encoded, HMAC-SHA1 signed)
 *   wechat   GET  /wechat/cgi-bin/token                 公众号 access_token
 *            POST /wechat/cgi-bin/message/template/send 模板消息
 *   wecom    GET  /wecom/cgi-bin/gettoken               企业微信 access_token
 *            POST /wecom/cgi-bin/message/send           app message   (provider 'wecom-app')
 *            POST /wecom/cgi-bin/webhook/send?key=…     group robot   (provider 'wecom-robot')
 *   webhook  POST /webhook (any path below)             our signed webhook, as an integrator would check it
 *
 * Every request is CHECKED as the provider would: required parameters and their types, the Aliyun
 * signature recomputed with the known secret, the access token one this receiver issued (and not
 * expired), WeChat data without first/remark and values within their type's limit, the webhook's
 * signature with verifyWebhookSignature. A request failing a check is answered in the provider's error
 * format and listed in `refused` with the reason; an accepted one is answered like the provider and
 * listed in `received`. De-duplication as the provider does it: WeChat by openid + client_msg_id,
 * WeCom apps by enable_duplicate_check (same member, same content, within the interval), the webhook by
 * x-guanjia-delivery (as docs/webhooks.md asks integrators to); Aliyun does NOT de-duplicate OutId.
 * A dropped duplicate is answered as a success and counted in `duplicatesDropped`.
 *
 *   const providers = await startProviderReceiver();              // credentials: PROVIDER_DEFAULTS
 *   providers.failNext('wechat', 1, { code: 40001 });              // next template send answered errcode 40001
 *   providers.failNext('aliyun', 2, { status: 500 });              // next 2 SendSms answered HTTP 500
 *   providers.failNext('webhook', 1, { hang: true });              // next webhook call never answered
 *   providers.expireTokens('wecom');                               // tokens issued so far now answer 42001
 *   const sms = await providers.waitFor((r) => r.provider === 'aliyun', 2000);
 *   providers.of('wechat')[0].payload.data.thing1.value;           // typed payloads per provider
 *   providers.tokensIssued.wechat;                                 // how many tokens were handed out
 *   await providers.close();
 *
 * failNext counts message requests only (not token requests), is consumed when one arrives, before
 * any check.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { aliyunSignature } from '../../src/delivery/channels/sms.ts';
import { verifyWebhookSignature, type WebhookBody } from '../../src/delivery/channels/webhook.ts';

export type Provider = 'aliyun' | 'wechat' | 'wecom-app' | 'wecom-robot' | 'webhook';
type FailingProvider = 'aliyun' | 'wechat' | 'wecom' | 'webhook';

export interface ProviderSettings {
  aliyun: { accessKeyId: string; secret: string; signName: string; /** template code → the variables it needs */ templates: Record<string, string[]> };
  wechat: {
    appId: string;
    appSecret: string;
    /** template id → its data keys */
    templates: Record<string, string[]>;
    /** openids that do not follow the account (43004) */
    notFollowing: string[];
    tokenExpiresIn: number;
  };
  wecom: { corpId: string; corpSecret: string; agentId: number; /** known member userids */ users: string[]; robotKey: string; tokenExpiresIn: number };
  webhook: { secret: string };
}

export const PROVIDER_DEFAULTS: ProviderSettings = {
  aliyun: { accessKeyId: 'LTAI5tGuanjiaTestKey', secret: 'aliyun-test-secret', signName: '管家物业', templates: { SMS_480001: ['caseNo', 'status'] } },
  wechat: {
    appId: 'wx0123456789abcdef',
    appSecret: 'wechat-test-appsecret',
    templates: { 'tmpl-case-received': ['thing1', 'character_string2', 'time3'] },
    notFollowing: [],
    tokenExpiresIn: 7200,
  },
  wecom: {
    corpId: 'ww0123456789abcdef',
    corpSecret: 'wecom-test-secret',
    agentId: 1000002,
    users: ['zhangsan', 'lisi'],
    robotKey: 'robot-test-key',
    tokenExpiresIn: 7200,
  },
  webhook: { secret: 'webhook-test-secret' },
};

export interface WechatSendBody {
  touser: string;
  template_id: string;
  url?: string;
  data: Record<string, { value: string }>;
  client_msg_id?: string;
}
export interface WecomAppBody {
  touser: string;
  msgtype: 'text';
  agentid: number;
  text: { content: string };
  enable_duplicate_check?: number;
  duplicate_check_interval?: number;
}
export interface WecomRobotBody {
  msgtype: 'text';
  text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
}
interface PayloadOf {
  /** the form parameters as decoded */
  aliyun: Record<string, string>;
  wechat: WechatSendBody;
  'wecom-app': WecomAppBody;
  'wecom-robot': WecomRobotBody;
  webhook: WebhookBody;
}
export type ProviderRequest = {
  [P in Provider]: {
    provider: P;
    /** The provider's own field for the caller's id (OutId, client_msg_id, x-guanjia-delivery); null where there is none. */
    idempotencyKey: string | null;
    /** The recipient as the request names it (null for the robot without mention and the webhook). */
    to: string | null;
    payload: PayloadOf[P];
  };
}[Provider];

export type SimulatedFailure = { status: number } | { code: string | number } | { hang: true };

export interface ProviderReceiver {
  /** Base URLs to put in the channels' settings. */
  urls: { aliyun: string; wechat: string; wecom: string; webhook: string };
  received: ProviderRequest[];
  refused: { provider: Provider; reason: string }[];
  tokensIssued: { wechat: number; wecom: number };
  duplicatesDropped: number;
  /** The accepted requests of one provider, payload typed. */
  of<P extends Provider>(provider: P): Extract<ProviderRequest, { provider: P }>[];
  /** Resolves with the first accepted request (already here or to come) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (request: ProviderRequest) => boolean, timeoutMs?: number): Promise<ProviderRequest>;
  failNext(provider: FailingProvider, count: number, failure: SimulatedFailure): void;
  /** Every token issued so far answers "expired" (42001) from now on. */
  expireTokens(provider: 'wechat' | 'wecom'): void;
  close(): Promise<void>;
}

export interface ProviderReceiverOptions {
  /** Replace a provider's settings (whole). */
  settings?: Partial<ProviderSettings>;
  /** The receiver's clock for the webhook's time tolerance (ms); default Date.now. */
  now?: () => number;
  /** Answer every request this much later (recorded at once): a slow provider, so a sender can be killed mid-request. */
  latencyMs?: number;
}

/** Refused by a check: the provider's error answer. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly answer: unknown,
    reason: string,
  ) {
    super(reason);
  }
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

export async function startProviderReceiver(options: ProviderReceiverOptions = {}): Promise<ProviderReceiver> {
  const settings: ProviderSettings = { ...PROVIDER_DEFAULTS, ...options.settings };
  const now = options.now ?? Date.now;
  const received: ProviderRequest[] = [];
  const refused: { provider: Provider; reason: string }[] = [];
  const tokensIssued = { wechat: 0, wecom: 0 };
  const tokens = { wechat: new Map<string, { expired: boolean; expiresAt: number }>(), wecom: new Map<string, { expired: boolean; expiresAt: number }>() };
  const failures: Record<FailingProvider, SimulatedFailure[]> = { aliyun: [], wechat: [], wecom: [], webhook: [] };
  const aliyunNonces = new Set<string>();
  const wechatSeen = new Map<string, number>(); // openid + client_msg_id → msgid
  const wecomSeen = new Map<string, { msgid: string; at: number }>();
  const webhookSeen = new Set<string>();
  const waiters: { predicate: (request: ProviderRequest) => boolean; resolve: (request: ProviderRequest) => void }[] = [];
  let duplicatesDropped = 0;
  let sequence = 0;

  function accept(request: ProviderRequest): void {
    received.push(request);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(request)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }
  }

  // ——— Aliyun SMS ———
  function aliyunError(status: number, code: string, message: string): Refusal {
    return new Refusal(status, { Code: code, Message: message, RequestId: randomUUID() }, `${code}: ${message}`);
  }

  function aliyun(method: string, params: Record<string, string>): Answer {
    const s = settings.aliyun;
    const required = [
      'AccessKeyId',
      'Action',
      'Format',
      'PhoneNumbers',
      'SignName',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'TemplateCode',
      'Timestamp',
      'Version',
      'Signature',
    ];
    for (const name of required) {
      if (!params[name])
        throw aliyunError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
    }
    if (params.Action !== 'SendSms') throw aliyunError(404, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method.`);
    if (params.Version !== '2017-05-25') throw aliyunError(400, 'InvalidVersion', `Specified parameter Version is not valid.`);
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0')
      throw aliyunError(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.');
    if (params.Format !== 'JSON') throw aliyunError(400, 'InvalidParameter', 'Format must be JSON here.');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(params.Timestamp))
      throw aliyunError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (params.AccessKeyId !== s.accessKeyId) throw aliyunError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (params.Signature !== aliyunSignature(params, s.secret, method === 'GET' ? 'GET' : 'POST')) {
      throw aliyunError(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    if (aliyunNonces.has(params.SignatureNonce)) throw aliyunError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    aliyunNonces.add(params.SignatureNonce);
    if (params.SignName !== s.signName) throw aliyunError(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const variables = s.templates[params.TemplateCode];
    if (!variables) throw aliyunError(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    if (!/^(?:\+?86)?1[3-9]\d{9}$/.test(params.PhoneNumbers)) throw aliyunError(200, 'isv.MOBILE_NUMBER_ILLEGAL', '手机号码格式错误');
    let templateParam: unknown;
    try {
      templateParam = JSON.parse(params.TemplateParam ?? '{}');
    } catch {
      throw aliyunError(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (templateParam === null || typeof templateParam !== 'object' || Object.values(templateParam).some((value) => typeof value !== 'string')) {
      throw aliyunError(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    const values = templateParam as Record<string, string>;
    for (const variable of variables) {
      if (values[variable] === undefined) throw aliyunError(200, 'isv.TEMPLATE_MISSING_PARAMETERS', `模板缺少变量 ${variable}`);
      if (Array.from(values[variable]).length > 35) throw aliyunError(200, 'isv.PARAM_LENGTH_LIMIT', `参数 ${variable} 超出长度限制`);
    }
    const bizId = `${Date.now()}${String(++sequence).padStart(6, '0')}^0`;
    accept({ provider: 'aliyun', idempotencyKey: params.OutId ?? null, to: params.PhoneNumbers, payload: params });
    return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: randomUUID() } };
  }

  // ——— WeChat and WeCom tokens ———
  function issueToken(provider: 'wechat' | 'wecom', expiresIn: number): string {
    const token = `${provider}-token-${randomBytes(12).toString('hex')}`;
    tokens[provider].set(token, { expired: false, expiresAt: Date.now() + expiresIn * 1000 });
    tokensIssued[provider]++;
    return token;
  }

  /** 'ok', 'expired' or 'invalid'. */
  function tokenState(provider: 'wechat' | 'wecom', token: string | null): 'ok' | 'expired' | 'invalid' {
    const entry = token ? tokens[provider].get(token) : undefined;
    if (!entry) return 'invalid';
    return entry.expired || Date.now() >= entry.expiresAt ? 'expired' : 'ok';
  }

  function weixinError(errcode: number, errmsg: string): Refusal {
    return new Refusal(200, { errcode, errmsg }, `${errcode}: ${errmsg}`);
  }

  function wechatToken(query: URLSearchParams): Answer {
    const s = settings.wechat;
    if (query.get('grant_type') !== 'client_credential') throw weixinError(40002, 'invalid grant_type');
    if (query.get('appid') !== s.appId) throw weixinError(40013, 'invalid appid');
    if (query.get('secret') !== s.appSecret) throw weixinError(40125, 'invalid appsecret');
    return { status: 200, body: { access_token: issueToken('wechat', s.tokenExpiresIn), expires_in: s.tokenExpiresIn } };
  }

  // ——— WeChat template message ———
  /** The value rules of the current template message (since 2023-05), checked independently of the adapter. */
  function wechatValueProblem(key: string, value: string): string | null {
    if (/[\r\n]/.test(value)) return 'has a line break';
    if (value === '') return 'is empty';
    const length = Array.from(value).length;
    const type = key.replace(/\d+$/, '');
    const limits: Record<string, number> = {
      thing: 20,
      short_thing: 5,
      character_string: 32,
      letter: 32,
      symbol: 5,
      phrase: 5,
      name: 10,
      phone_number: 17,
      car_number: 8,
    };
    if (limits[type] !== undefined && length > limits[type]) return `is longer than ${limits[type]}`;
    if (type === 'character_string' && !/^[\x21-\x7e]+$/.test(value)) return 'is not letters, digits and symbols only';
    if ((type === 'time' || type === 'date') && !/\d/.test(value)) return 'is not a time';
    return null;
  }

  function wechatSend(query: URLSearchParams, raw: string): Answer {
    const s = settings.wechat;
    const state = tokenState('wechat', query.get('access_token'));
    if (state === 'invalid') throw weixinError(40001, 'invalid credential, access_token is invalid or not latest');
    if (state === 'expired') throw weixinError(42001, 'access_token expired');
    const body = parseJson(raw, () => weixinError(47001, 'data format error'));
    if (typeof body.touser !== 'string' || !/^[A-Za-z0-9_-]{28}$/.test(body.touser)) throw weixinError(40003, 'invalid openid');
    if (s.notFollowing.includes(body.touser)) throw weixinError(43004, 'require subscribe');
    if (typeof body.template_id !== 'string' || !s.templates[body.template_id]) throw weixinError(40037, 'invalid template_id');
    if (body.url !== undefined && (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))) throw weixinError(40062, 'invalid url');
    if (body.client_msg_id !== undefined && typeof body.client_msg_id !== 'string') throw weixinError(47001, 'data format error: client_msg_id');
    const data = body.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw weixinError(47001, 'data format error: data');
    for (const retired of ['first', 'remark']) {
      if (retired in data) throw weixinError(47003, `argument invalid! data.${retired} is not a key of the template`);
    }
    for (const key of s.templates[body.template_id]) {
      const entry = (data as Record<string, unknown>)[key] as { value?: unknown } | undefined;
      if (!entry || typeof entry.value !== 'string') throw weixinError(47003, `argument invalid! data.${key}.value empty`);
      const problem = wechatValueProblem(key, entry.value);
      if (problem) throw weixinError(47003, `argument invalid! data.${key}.value ${problem}`);
    }
    const payload = body as unknown as WechatSendBody;
    if (payload.client_msg_id) {
      const seen = wechatSeen.get(`${payload.touser}/${payload.client_msg_id}`);
      if (seen !== undefined) {
        duplicatesDropped++;
        return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: seen } };
      }
    }
    const msgid = 2_000_000_000 + ++sequence;
    if (payload.client_msg_id) wechatSeen.set(`${payload.touser}/${payload.client_msg_id}`, msgid);
    accept({ provider: 'wechat', idempotencyKey: payload.client_msg_id ?? null, to: payload.touser, payload });
    return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid } };
  }

  // ——— WeCom ———
  function wecomToken(query: URLSearchParams): Answer {
    const s = settings.wecom;
    if (query.get('corpid') !== s.corpId) throw weixinError(40013, 'invalid corpid');
    if (query.get('corpsecret') !== s.corpSecret) throw weixinError(40001, 'invalid secret');
    return { status: 200, body: { errcode: 0, errmsg: 'ok', access_token: issueToken('wecom', s.tokenExpiresIn), expires_in: s.tokenExpiresIn } };
  }

  function wecomContent(text: unknown): string {
    const content = (text as { content?: unknown } | null)?.content;
    if (typeof content !== 'string' || content === '') throw weixinError(44004, 'empty content');
    if (Buffer.byteLength(content, 'utf8') > 2048) throw weixinError(45002, 'content size out of limit');
    return content;
  }

  function wecomAppSend(query: URLSearchParams, raw: string): Answer {
    const s = settings.wecom;
    const state = tokenState('wecom', query.get('access_token'));
    if (state === 'invalid') throw weixinError(40014, 'invalid access_token');
    if (state === 'expired') throw weixinError(42001, 'access_token expired');
    const body = parseJson(raw, () => weixinError(40058, 'invalid json'));
    if (body.msgtype !== 'text') throw weixinError(40008, 'invalid message type');
    if (body.agentid !== s.agentId) throw weixinError(40056, 'invalid agentid');
    const content = wecomContent(body.text);
    if (typeof body.touser !== 'string' || !s.users.includes(body.touser)) throw weixinError(81013, 'user & party & tag all invalid');
    const payload = body as unknown as WecomAppBody;
    if (payload.enable_duplicate_check === 1) {
      const interval = typeof payload.duplicate_check_interval === 'number' ? payload.duplicate_check_interval : 1800;
      const key = `${payload.agentid}/${payload.touser}/${content}`;
      const seen = wecomSeen.get(key);
      if (seen && Date.now() - seen.at < interval * 1000) {
        duplicatesDropped++;
        return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: seen.msgid } };
      }
    }
    const msgid = `wecom-msg-${++sequence}`;
    wecomSeen.set(`${payload.agentid}/${payload.touser}/${content}`, { msgid, at: Date.now() });
    accept({ provider: 'wecom-app', idempotencyKey: null, to: payload.touser, payload });
    return { status: 200, body: { errcode: 0, errmsg: 'ok', invaliduser: '', msgid } };
  }

  function wecomRobotSend(query: URLSearchParams, raw: string): Answer {
    if (query.get('key') !== settings.wecom.robotKey) throw weixinError(93000, 'invalid webhook url');
    const body = parseJson(raw, () => weixinError(40058, 'invalid json'));
    if (body.msgtype !== 'text') throw weixinError(40008, 'invalid message type');
    wecomContent(body.text);
    const text = body.text as Record<string, unknown>;
    for (const list of ['mentioned_list', 'mentioned_mobile_list']) {
      const value = text[list];
      if (value !== undefined && (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))) throw weixinError(40058, `invalid ${list}`);
    }
    const mobiles = text.mentioned_mobile_list as string[] | undefined;
    if (mobiles?.some((mobile) => !/^1\d{10}$/.test(mobile) && mobile !== '@all')) throw weixinError(40058, 'invalid mentioned_mobile_list');
    const payload = body as unknown as WecomRobotBody;
    const to = payload.text.mentioned_mobile_list?.[0] ?? payload.text.mentioned_list?.[0] ?? null;
    accept({ provider: 'wecom-robot', idempotencyKey: null, to, payload });
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  }

  // ——— the webhook, as a careful integrator checks it ———
  function webhook(request: IncomingMessage, raw: string): Answer {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const refuse = (status: number, reason: string) => new Refusal(status, { error: reason }, reason);
    if (!header('content-type')?.startsWith('application/json')) throw refuse(400, 'content-type is not application/json');
    const delivery = header('x-guanjia-delivery');
    if (!delivery) throw refuse(400, 'no x-guanjia-delivery');
    const valid = verifyWebhookSignature({
      secret: settings.webhook.secret,
      timestamp: header('x-guanjia-timestamp'),
      body: raw,
      signature: header('x-guanjia-signature'),
      now: now(),
    });
    if (!valid) throw refuse(401, 'bad signature or timestamp');
    const body = parseJson(raw, () => refuse(400, 'body is not JSON'));
    const fields = body.fields;
    const fieldsOk =
      fields !== null && typeof fields === 'object' && !Array.isArray(fields) && Object.values(fields).every((value) => typeof value === 'string');
    if (
      body.id !== delivery ||
      typeof body.kind !== 'string' ||
      typeof body.title !== 'string' ||
      typeof body.body !== 'string' ||
      !fieldsOk ||
      (body.url !== undefined && typeof body.url !== 'string') ||
      typeof body.urgent !== 'boolean' ||
      typeof body.sentAt !== 'string' ||
      Number.isNaN(Date.parse(body.sentAt))
    ) {
      throw refuse(400, 'body does not have the documented fields');
    }
    const requestId = `wh-${++sequence}`;
    if (webhookSeen.has(delivery)) {
      duplicatesDropped++;
      return { status: 200, body: { ok: true, duplicate: true }, headers: { 'x-request-id': requestId } };
    }
    webhookSeen.add(delivery);
    accept({ provider: 'webhook', idempotencyKey: delivery, to: null, payload: body as unknown as WebhookBody });
    return { status: 200, body: { ok: true }, headers: { 'x-request-id': requestId } };
  }

  // ——— routing ———
  function providerOf(path: string): { provider: Provider; failing: FailingProvider; isToken: boolean } | null {
    if (path === '/aliyun' || path === '/aliyun/') return { provider: 'aliyun', failing: 'aliyun', isToken: false };
    if (path === '/wechat/cgi-bin/token') return { provider: 'wechat', failing: 'wechat', isToken: true };
    if (path === '/wechat/cgi-bin/message/template/send') return { provider: 'wechat', failing: 'wechat', isToken: false };
    if (path === '/wecom/cgi-bin/gettoken') return { provider: 'wecom-app', failing: 'wecom', isToken: true };
    if (path === '/wecom/cgi-bin/message/send') return { provider: 'wecom-app', failing: 'wecom', isToken: false };
    if (path === '/wecom/cgi-bin/webhook/send') return { provider: 'wecom-robot', failing: 'wecom', isToken: false };
    if (path === '/webhook' || path.startsWith('/webhook/')) return { provider: 'webhook', failing: 'webhook', isToken: false };
    return null;
  }

  function simulated(provider: Provider, failure: { status: number } | { code: string | number }): Answer {
    if ('code' in failure) {
      if (provider === 'aliyun') return { status: 200, body: { Code: String(failure.code), Message: `simulated ${failure.code}`, RequestId: randomUUID() } };
      if (provider === 'webhook') return { status: Number(failure.code), body: { error: 'simulated' } };
      return { status: 200, body: { errcode: Number(failure.code), errmsg: `simulated ${failure.code}` } };
    }
    if (provider === 'aliyun')
      return {
        status: failure.status,
        body: { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.', RequestId: randomUUID() },
      };
    if (provider === 'webhook') return { status: failure.status, body: { error: 'simulated' } };
    return { status: failure.status, body: { errcode: -1, errmsg: 'system error' } };
  }

  function handle(request: IncomingMessage, raw: string): Answer | 'hang' {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const route = providerOf(url.pathname);
    if (!route) return { status: 404, body: { error: `no provider at ${url.pathname}` } };
    if (!route.isToken) {
      const failure = failures[route.failing].shift();
      if (failure && 'hang' in failure) return 'hang';
      if (failure) return simulated(route.provider, failure);
    }
    try {
      switch (route.provider) {
        case 'aliyun': {
          const params: Record<string, string> = Object.fromEntries(url.searchParams);
          if (request.method === 'POST') {
            if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
              throw aliyunError(400, 'InvalidParameter', 'form-encoded body expected');
            Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
          }
          return aliyun(request.method ?? 'POST', params);
        }
        case 'wechat':
          return route.isToken ? wechatToken(url.searchParams) : wechatSend(url.searchParams, raw);
        case 'wecom-app':
          return route.isToken ? wecomToken(url.searchParams) : wecomAppSend(url.searchParams, raw);
        case 'wecom-robot':
          return wecomRobotSend(url.searchParams, raw);
        case 'webhook':
          return webhook(request, raw);
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refused.push({ provider: route.provider, reason: error.message });
      return { status: error.status, body: error.answer };
    }
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let answer: Answer | 'hang';
      try {
        answer = handle(request, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        answer = { status: 500, body: { error: String(error) } };
      }
      if (answer === 'hang') return;
      const reply = answer;
      const write = () => {
        response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
        response.end(JSON.stringify(reply.body));
      };
      if (options.latencyMs) setTimeout(write, options.latencyMs);
      else write();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the provider receiver has no port');
  const base = `http://127.0.0.1:${address.port}`;

  return {
    urls: { aliyun: `${base}/aliyun`, wechat: `${base}/wechat`, wecom: `${base}/wecom`, webhook: `${base}/webhook` },
    received,
    refused,
    tokensIssued,
    get duplicatesDropped() {
      return duplicatesDropped;
    },
    of<P extends Provider>(provider: P) {
      return received.filter((request): request is Extract<ProviderRequest, { provider: P }> => request.provider === provider);
    },
    waitFor(predicate, timeoutMs = 5000) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`provider receiver: no matching request within ${timeoutMs} ms (received ${received.length}, refused ${refused.length})`));
        }, timeoutMs).unref();
      });
    },
    failNext(provider, count, failure) {
      for (let i = 0; i < count; i++) failures[provider].push(failure);
    },
    expireTokens(provider) {
      for (const entry of tokens[provider].values()) entry.expired = true;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function parseJson(raw: string, refusal: () => Refusal): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw refusal();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw refusal();
  return parsed as Record<string, unknown>;
}
