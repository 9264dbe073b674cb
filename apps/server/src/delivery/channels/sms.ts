/**
 * SMS (短信) through Alibaba Cloud SMS (阿里云短信服务): the SendSms action of API version 2017-05-25
 * in its documented RPC form — form-encoded parameters POSTed to the endpoint, signed with
 * HMAC-SHA1 over the sorted, percent-encoded parameters (signature version 1.0). Each message kind
 * has its own approved template (模板 CODE) in the settings; the message's fields are its variables.
 * OutId carries the delivery's idempotency key (Alibaba keeps it with the message and returns it in
 * delivery reports; it does NOT drop a repeated OutId).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { MESSAGE_KINDS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { ChannelError, type ChannelAdapter, type ChannelSettings, type OutgoingMessage } from '../channel.ts';
import { baseUrlOf, cutWithEllipsis, DEFAULT_TIMEOUT_MS, httpRequest, jsonAnswer, type ChannelAdapterOptions } from './http.ts';

export const ALIYUN_SMS_BASE_URL = 'https://dysmsapi.aliyuncs.com';
/** The provider's limit on one template variable's value (characters). */
export const ALIYUN_VARIABLE_LIMIT = 35;

export const SmsConfigSchema = z.object({
  /** The endpoint (default https://dysmsapi.aliyuncs.com). */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  accessKeyId: z.string().min(1),
  /** The approved signature (短信签名), shown as 【…】 at the start of every message. */
  signName: z.string().min(1),
  /** Default cn-hangzhou. */
  regionId: z.string().min(1).optional(),
  /** The approved template code (模板 CODE, e.g. SMS_123456789) of each message kind sent by SMS. */
  templates: z.partialRecord(z.enum(MESSAGE_KINDS), z.string().min(1)).default({}),
});
export type SmsConfig = z.infer<typeof SmsConfigSchema>;

export const SMS_SECRET_DESCRIPTION = 'The AccessKey secret (AccessKey Secret) of the AccessKey ID in the settings.';

/** Codes where retrying cannot help. isv.AMOUNT_NOT_ENOUGH (account out of money) is left transient: it may be topped up. */
const PERMANENT_CODES = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.INVALID_PARAMETERS',
  'isv.BLACK_KEY_CONTROL_LIMIT',
]);

/** The number cannot take messages (malformed, not a mobile, not in service): the owner's next channel is tried. */
const UNREACHABLE_CODES = new Set(['isv.MOBILE_NUMBER_ILLEGAL']);

/** RFC 3986 percent-encoding as Alibaba's signature asks: encodeURIComponent, plus !'()* encoded, and ~ left as is. */
export function aliyunPercentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalized query: parameters sorted by name, each name=value percent-encoded, joined with '&'. */
export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${aliyunPercentEncode(name)}=${aliyunPercentEncode(params[name])}`)
    .join('&');
}

/**
 * The RPC signature (version 1.0): StringToSign = METHOD + '&' + percentEncode('/') + '&' +
 * percentEncode(canonicalized query); Signature = base64(HMAC-SHA1(secret + '&', StringToSign)).
 * A `Signature` entry in `params` is left out, so a receiver can pass what it received.
 */
export function aliyunSignature(params: Record<string, string>, secret: string, method: 'GET' | 'POST' = 'POST'): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** ISO-8601 UTC without milliseconds: 2026-12-05T10:00:00Z. */
export function aliyunTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createSmsAdapter(options: ChannelAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  return {
    channel: 'sms',
    async send(message: OutgoingMessage, settings: ChannelSettings) {
      const parsed = SmsConfigSchema.safeParse(settings.config);
      if (!parsed.success) throw new ChannelError(`SMS: invalid settings: ${z.prettifyError(parsed.error)}`, true);
      const config = parsed.data;
      const templateCode = config.templates[message.kind];
      if (!templateCode) throw new ChannelError(`SMS: no template code for message kind "${message.kind}" in the settings`, true);
      // one number only: PhoneNumbers would take a comma-separated list
      if (!/^\+?\d{5,20}$/.test(message.to)) throw new ChannelError(`SMS: "${message.to}" is not a phone number`, true, true);

      const templateParam: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.fields)) templateParam[name] = cutWithEllipsis(value, ALIYUN_VARIABLE_LIMIT);
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: message.idempotencyKey,
        PhoneNumbers: message.to,
        RegionId: config.regionId ?? 'cn-hangzhou',
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(templateParam),
        Timestamp: aliyunTimestamp(now()),
        Version: '2017-05-25',
      };
      const signature = aliyunSignature(params, settings.secret);
      const body = `${aliyunCanonicalQuery(params)}&Signature=${aliyunPercentEncode(signature)}`;

      const answer = await httpRequest(
        'SMS',
        `${baseUrlOf(config.baseUrl, ALIYUN_SMS_BASE_URL)}/`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' }, body },
        timeoutMs,
      );
      const json = jsonAnswer('SMS', answer);
      if (json.Code === 'OK') return { providerMessageId: typeof json.BizId === 'string' ? json.BizId : null };
      const code = typeof json.Code === 'string' ? json.Code : `HTTP ${answer.status}`;
      const said = typeof json.Message === 'string' ? json.Message : '';
      throw new ChannelError(`${code}: ${said}`, PERMANENT_CODES.has(code), UNREACHABLE_CODES.has(code));
    },
  };
}
