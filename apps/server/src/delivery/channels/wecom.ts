/**
 * WeCom (企业微信) in either of its two ways:
 * - `app`: a self-built app (自建应用) sends a text message to one member (userid). Its access token is
 *   fetched with the corp id and the app's Secret and cached like WeChat's; 40014/42001 (token invalid or
 *   expired) drop it and the send is tried once more. enable_duplicate_check asks WeCom to drop the same
 *   content sent to the same member again within 30 minutes — WeCom compares the content, not an id, so
 *   a retried delivery (same text) is dropped there, and so would be a different delivery with the very
 *   same text within that half hour.
 * - `robot`: a group robot (群机器人) posts to its group through its webhook key; a mobile number as
 *   the recipient is @-mentioned (mentioned_mobile_list), another non-empty recipient is taken as a
 *   userid and @-mentioned (mentioned_list; "@all" mentions everyone). The robot has NO de-duplication
 *   field: a retry after a lost answer can post the message twice.
 * Text is title, body and link on their own lines, cut to WeCom's 2048 bytes.
 */
import { z } from 'zod';
import { ChannelError, type ChannelAdapter, type ChannelSettings, type OutgoingMessage } from '../channel.ts';
import { AccessTokenCache, type FetchedToken } from './access-token.ts';
import { baseUrlOf, DEFAULT_TIMEOUT_MS, fingerprint, httpRequest, jsonAnswer, type ChannelAdapterOptions } from './http.ts';

export const WECOM_BASE_URL = 'https://qyapi.weixin.qq.com';
/** WeCom's limit on a text message's content, in UTF-8 bytes. */
export const WECOM_TEXT_LIMIT_BYTES = 2048;
/** enable_duplicate_check's window: 30 minutes (WeCom's longest is 4 hours). */
export const WECOM_DUPLICATE_CHECK_SECONDS = 1800;

const WecomAppConfigSchema = z.object({
  mode: z.literal('app'),
  /** Default https://qyapi.weixin.qq.com. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The enterprise's corp id (企业ID). */
  corpId: z.string().min(1),
  /** The app's AgentId. */
  agentId: z.coerce.number().int().positive(),
});
const WecomRobotConfigSchema = z.object({
  mode: z.literal('robot'),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export const WecomConfigSchema = z.discriminatedUnion('mode', [WecomAppConfigSchema, WecomRobotConfigSchema]);
export type WecomConfig = z.infer<typeof WecomConfigSchema>;

export const WECOM_SECRET_DESCRIPTION = 'app mode: the app’s Secret; robot mode: the group robot’s webhook key (the key=… of its webhook URL).';

/** The token was refused: drop it and try once more with a fresh one. */
const TOKEN_REFUSED = new Set([40014, 42001]);
/** 81013 user not found, 60020 server IP not allowed, 93000 invalid robot key: retrying cannot help. */
const PERMANENT_ERRCODES = new Set([81013, 60020, 93000]);

/** Title, body and link on their own lines, cut to WeCom's limit on whole characters. */
export function wecomText(message: OutgoingMessage): string {
  const text = [message.title, message.body, message.url].filter((part) => part !== undefined && part !== '').join('\n');
  return cutToBytes(text, WECOM_TEXT_LIMIT_BYTES);
}

function cutToBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = Buffer.byteLength('…', 'utf8');
  let cut = '';
  for (const character of text) {
    bytes += Buffer.byteLength(character, 'utf8');
    if (bytes > maxBytes) break;
    cut += character;
  }
  return `${cut}…`;
}

function msgidOf(json: Record<string, unknown>): string | null {
  return (typeof json.msgid === 'string' || typeof json.msgid === 'number') && json.msgid !== '' ? String(json.msgid) : null;
}

/** A mainland mobile number (with or without +86) as the robot wants it: 11 digits; null when `to` is not one. */
function mobileNumber(to: string): string | null {
  const match = /^(?:\+?86)?(1\d{10})$/.exec(to.replace(/[\s-]/g, ''));
  return match ? match[1] : null;
}

export function createWecomAdapter(options: ChannelAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = new AccessTokenCache(options.now ?? Date.now);

  async function fetchToken(baseUrl: string, corpId: string, secret: string): Promise<FetchedToken> {
    const query = new URLSearchParams({ corpid: corpId, corpsecret: secret });
    const json = jsonAnswer('WeCom token', await httpRequest('WeCom token', `${baseUrl}/cgi-bin/gettoken?${query}`, { method: 'GET' }, timeoutMs));
    if (json.errcode === 0 && typeof json.access_token === 'string' && typeof json.expires_in === 'number') {
      return { value: json.access_token, expiresInSeconds: json.expires_in };
    }
    const errcode = Number(json.errcode);
    throw new ChannelError(`WeCom token: ${errcode}: ${String(json.errmsg ?? '')}`, PERMANENT_ERRCODES.has(errcode));
  }

  async function post(url: string, payload: unknown): Promise<Record<string, unknown>> {
    const answer = await httpRequest(
      'WeCom',
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) },
      timeoutMs,
    );
    return jsonAnswer('WeCom', answer);
  }

  async function sendByApp(message: OutgoingMessage, config: z.infer<typeof WecomAppConfigSchema>, secret: string) {
    if (message.to.trim() === '') throw new ChannelError('WeCom: no userid', true);
    const baseUrl = baseUrlOf(config.baseUrl, WECOM_BASE_URL);
    const tokenKey = fingerprint(baseUrl, config.corpId, config.agentId, secret);
    const payload = {
      touser: message.to,
      msgtype: 'text',
      agentid: config.agentId,
      text: { content: wecomText(message) },
      enable_duplicate_check: 1,
      duplicate_check_interval: WECOM_DUPLICATE_CHECK_SECONDS,
    };
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.get(tokenKey, () => fetchToken(baseUrl, config.corpId, secret));
      const json = await post(`${baseUrl}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, payload);
      const errcode = Number(json.errcode ?? 0);
      if (errcode === 0) {
        // some recipients refused while the rest went: for our one recipient, that is the whole send
        if (typeof json.invaliduser === 'string' && json.invaliduser.split('|').includes(message.to)) {
          throw new ChannelError(`81013: invaliduser ${json.invaliduser}`, true);
        }
        return { providerMessageId: msgidOf(json) };
      }
      if (TOKEN_REFUSED.has(errcode)) {
        tokens.drop(tokenKey, token);
        if (attempt === 1) continue;
      }
      throw new ChannelError(`${errcode}: ${String(json.errmsg ?? '')}`, PERMANENT_ERRCODES.has(errcode));
    }
  }

  async function sendByRobot(message: OutgoingMessage, config: z.infer<typeof WecomRobotConfigSchema>, key: string) {
    if (key.trim() === '') throw new ChannelError('WeCom robot: no webhook key in the settings', true);
    const mobile = mobileNumber(message.to);
    const mention = mobile ? { mentioned_mobile_list: [mobile] } : message.to.trim() !== '' ? { mentioned_list: [message.to.trim()] } : {};
    const payload = { msgtype: 'text', text: { content: wecomText(message), ...mention } };
    const baseUrl = baseUrlOf(config.baseUrl, WECOM_BASE_URL);
    const json = await post(`${baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, payload);
    const errcode = Number(json.errcode ?? 0);
    if (errcode === 0) return { providerMessageId: msgidOf(json) };
    throw new ChannelError(`${errcode}: ${String(json.errmsg ?? '')}`, PERMANENT_ERRCODES.has(errcode));
  }

  return {
    channel: 'wecom',
    async send(message: OutgoingMessage, settings: ChannelSettings) {
      const parsed = WecomConfigSchema.safeParse(settings.config);
      if (!parsed.success) throw new ChannelError(`WeCom: invalid settings: ${z.prettifyError(parsed.error)}`, true);
      return parsed.data.mode === 'app' ? sendByApp(message, parsed.data, settings.secret) : sendByRobot(message, parsed.data, settings.secret);
    },
    async close() {
      tokens.clear();
    },
  };
}
