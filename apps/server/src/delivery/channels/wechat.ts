/**
 * WeChat official-account template messages (微信公众号模板消息). The access token is fetched with the
 * app's id and secret and kept until 5 minutes before it expires; a send answered 40001/40014/42001
 * (token invalid or expired) drops it and is tried once more with a fresh one. Each message kind maps
 * to an approved template and its data keys to the message's fields. The rules since May 2023: no
 * `first` / `remark` keys, and each value short plain text whose limit follows its key's type
 * (thing ≤ 20 characters, phrase ≤ 5 …): fitTemplateValue makes a value fit. client_msg_id carries the
 * delivery's idempotency key: WeChat sends one message per openid and client_msg_id.
 */
import { MESSAGE_KINDS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { ChannelError, type ChannelAdapter, type ChannelSettings, type OutgoingMessage } from '../channel.ts';
import { AccessTokenCache, type FetchedToken } from './access-token.ts';
import { baseUrlOf, cutWithEllipsis, DEFAULT_TIMEOUT_MS, fingerprint, httpRequest, jsonAnswer, type ChannelAdapterOptions } from './http.ts';

export const WECHAT_BASE_URL = 'https://api.weixin.qq.com';

/**
 * The value rule of each template key type (the key is the type plus a number: thing1, time2 …).
 * `limit`: at most this many characters; `keep`: the characters the type admits (others removed);
 * `ellipsis`: a cut value ends with '…'. time/date/number/amount are sent as given, capped.
 */
interface ValueRule {
  limit: number;
  keep?: RegExp;
  ellipsis?: boolean;
}
export const TEMPLATE_VALUE_RULES = {
  thing: { limit: 20, ellipsis: true }, // 事物: 20 个以内字符
  short_thing: { limit: 5, ellipsis: true },
  character_string: { limit: 32, keep: /[\x21-\x7e]/ }, // 字符串: letters, digits, symbols
  letter: { limit: 32, keep: /[A-Za-z]/ },
  symbol: { limit: 5, keep: /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/ },
  phrase: { limit: 5 }, // 汉字: 5 个以内
  name: { limit: 10 }, // 姓名: 10 个以内汉字 (or 20 letters; 10 fits both)
  time: { limit: 20 }, // 24 小时制时间, with or without the date
  date: { limit: 20 },
  number: { limit: 32 },
  amount: { limit: 32 },
  phone_number: { limit: 17, keep: /[\d+\-() ]/ },
  car_number: { limit: 8, keep: /[^\s]/ },
} satisfies Record<string, ValueRule>;
export type TemplateKeyType = keyof typeof TEMPLATE_VALUE_RULES;

/** thing1 → thing, character_string2 → character_string; null when the type is not one WeChat has. */
export function templateKeyType(key: string): TemplateKeyType | null {
  const type = key.replace(/\d+$/, '');
  return Object.hasOwn(TEMPLATE_VALUE_RULES, type) ? (type as TemplateKeyType) : null;
}

/** The most characters a value of `key` may have (a key of unknown type gets thing's 20). */
export function templateValueLimit(key: string): number {
  const type = templateKeyType(key);
  return type ? TEMPLATE_VALUE_RULES[type].limit : TEMPLATE_VALUE_RULES.thing.limit;
}

/**
 * Make `value` acceptable for data key `key`: line breaks and other control characters become one
 * space, characters the type does not admit are removed, the result is cut to the type's limit (with
 * '…' for thing) and an empty result is '-' (WeChat refuses empty values).
 */
export function fitTemplateValue(key: string, value: string): string {
  const rule: ValueRule = TEMPLATE_VALUE_RULES[templateKeyType(key) ?? 'thing'];
  let text = value
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (rule.keep) {
    const keep = rule.keep;
    text = Array.from(text)
      .filter((character) => keep.test(character))
      .join('');
  }
  text = rule.ellipsis ? cutWithEllipsis(text, rule.limit) : Array.from(text).slice(0, rule.limit).join('').trim();
  return text === '' ? '-' : text;
}

const TemplateFieldSchema = z.object({
  /** The template's data key: thing1, time2 … */
  key: z
    .string()
    .regex(/^[a-z_]+\d+$/, 'a template data key such as thing1 or time2')
    .refine((key) => !/^(first|remark)\d*$/.test(key), 'the first and remark keys were retired in May 2023: templates no longer have them')
    .refine((key) => templateKeyType(key) !== null, `the key's type must be one of ${Object.keys(TEMPLATE_VALUE_RULES).join(', ')}`),
  /** The message field whose value it takes. */
  from: z.string().min(1),
});

const TemplateSchema = z.object({
  /** The template id (模板ID) from the official account's 模板消息 page. */
  templateId: z.string().min(1),
  fields: z
    .array(TemplateFieldSchema)
    .min(1)
    .refine((fields) => new Set(fields.map((field) => field.key)).size === fields.length, 'each key once'),
});

export const WechatConfigSchema = z.object({
  /** Default https://api.weixin.qq.com. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The official account's AppID. */
  appId: z.string().min(1),
  /** The template of each message kind sent by WeChat and its data keys. */
  templates: z.partialRecord(z.enum(MESSAGE_KINDS), TemplateSchema).default({}),
});
export type WechatConfig = z.infer<typeof WechatConfigSchema>;

export const WECHAT_SECRET_DESCRIPTION = 'The official account’s AppSecret (开发者密码).';

/** The token was refused: drop it and try once more with a fresh one. */
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);
/** 43004 not following, 40003 invalid openid, 40037 invalid template id: retrying cannot help. */
const PERMANENT_ERRCODES = new Set([43004, 40003, 40037]);
/** The user cannot be reached by this account at all (not following, an openid not of this account): the owner's next channel is tried. */
const UNREACHABLE_ERRCODES = new Set([43004, 40003]);

export function createWechatAdapter(options: ChannelAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = new AccessTokenCache(options.now ?? Date.now);

  async function fetchToken(baseUrl: string, appId: string, secret: string): Promise<FetchedToken> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret });
    const json = jsonAnswer('WeChat token', await httpRequest('WeChat token', `${baseUrl}/cgi-bin/token?${query}`, { method: 'GET' }, timeoutMs));
    if (typeof json.access_token === 'string' && typeof json.expires_in === 'number') return { value: json.access_token, expiresInSeconds: json.expires_in };
    throw new ChannelError(`WeChat token: ${String(json.errcode)}: ${String(json.errmsg)}`, false);
  }

  return {
    channel: 'wechat',
    async send(message: OutgoingMessage, settings: ChannelSettings) {
      const parsed = WechatConfigSchema.safeParse(settings.config);
      if (!parsed.success) throw new ChannelError(`WeChat: invalid settings: ${z.prettifyError(parsed.error)}`, true);
      const config = parsed.data;
      const template = config.templates[message.kind];
      if (!template) throw new ChannelError(`WeChat: no template for message kind "${message.kind}" in the settings`, true);
      if (message.to.trim() === '') throw new ChannelError('WeChat: no openid', true, true);
      const data: Record<string, { value: string }> = {};
      for (const field of template.fields) {
        const value = message.fields[field.from];
        if (value === undefined)
          throw new ChannelError(`WeChat: template key ${field.key} takes field "${field.from}", which a ${message.kind} message does not have`, true);
        data[field.key] = { value: fitTemplateValue(field.key, value) };
      }
      const payload = {
        touser: message.to,
        template_id: template.templateId,
        ...(message.url ? { url: message.url } : {}),
        data,
        client_msg_id: message.idempotencyKey,
      };

      const baseUrl = baseUrlOf(config.baseUrl, WECHAT_BASE_URL);
      const tokenKey = fingerprint(baseUrl, config.appId, settings.secret);
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get(tokenKey, () => fetchToken(baseUrl, config.appId, settings.secret));
        const answer = await httpRequest(
          'WeChat',
          `${baseUrl}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) },
          timeoutMs,
        );
        const json = jsonAnswer('WeChat', answer);
        const errcode = typeof json.errcode === 'number' ? json.errcode : Number(json.errcode ?? 0);
        if (errcode === 0) return { providerMessageId: json.msgid === undefined || json.msgid === null ? null : String(json.msgid) };
        if (TOKEN_REFUSED.has(errcode)) {
          tokens.drop(tokenKey, token);
          if (attempt === 1) continue;
        }
        throw new ChannelError(`${errcode}: ${String(json.errmsg ?? '')}`, PERMANENT_ERRCODES.has(errcode), UNREACHABLE_ERRCODES.has(errcode));
      }
    },
    async close() {
      tokens.clear();
    },
  };
}
