/**
 * WeChat official-account pushes to the server URL (服务器配置), in plain-text mode (明文模式):
 * - the check when the URL is saved: GET with signature, timestamp, nonce and echostr; signature is
 *   the hex SHA-1 of the token, timestamp and nonce sorted and joined, and the answer is echostr as is;
 * - events, POSTed as XML with the same signature in the query. The one read here is the template
 *   message's outcome (模板消息发送结果, Event TEMPLATESENDJOBFINISH): MsgID is the msgid the send
 *   answered, Status is `success`, `failed:user block` (the user refuses the account's messages) or
 *   `failed: system failed`. Any other message or event is answered `success` and left alone (the
 *   server URL receives everything the account's followers send).
 * The XML is small and flat; it is read here without an XML library, and a document type (<!DOCTYPE)
 * is refused outright.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ProviderReport } from '@guanjia/storage';

/** What WeChat expects after a push (an empty answer would do too). */
export const WECHAT_PUSH_ANSWER = 'success';

/** WeChat's signature of a request: sha1(sort([token, timestamp, nonce]).join('')) in hex. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

/** Whether `signature` is WeChat's signature of this timestamp and nonce with `token` (constant time). */
export function isWechatSignature(token: string, query: { signature: string; timestamp: string; nonce: string }): boolean {
  const expected = Buffer.from(wechatSignature(token, query.timestamp, query.nonce), 'utf8');
  const given = Buffer.from(query.signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** A character reference as its character; U+0000, surrogates and numbers past U+10FFFF (nothing a store keeps) as U+FFFD. */
const character = (code: number) => (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd');
const decodeEntities = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d{1,8}|#x[\da-fA-F]{1,8});/g, (_, name: string) => {
    if (name.startsWith('#x')) return character(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return character(parseInt(name.slice(1), 10));
    return ENTITIES[name]!;
  });

/**
 * The text fields of a push's `<xml>…</xml>`: each `<Name>text</Name>` or `<Name><![CDATA[text]]></Name>`
 * by name (the first of a name wins; nested elements are not read). Null when the text is not such a document.
 */
export function parseWechatXml(text: string): Record<string, string> | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!root) return null;
  const fields: Record<string, string> = {};
  for (const m of root[1]!.matchAll(/<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) {
    const name = m[1]!;
    if (!Object.hasOwn(fields, name)) fields[name] = m[2] ?? decodeEntities(m[3] ?? '');
  }
  return fields;
}

/**
 * The template message outcome a push reports, or null when the push is something else. Its time is
 * CreateTime (Unix seconds), else `now`. MsgID is spelt MsgID in WeChat's documentation and MsgId by
 * some senders: either is read.
 */
export function templateJobOutcome(fields: Record<string, string>, now: string): (ProviderReport & { providerMessageId: string }) | null {
  if (fields.MsgType !== 'event' || fields.Event !== 'TEMPLATESENDJOBFINISH') return null;
  const providerMessageId = (fields.MsgID ?? fields.MsgId ?? '').trim();
  if (!providerMessageId) return null;
  const seconds = Number(fields.CreateTime);
  const at = Number.isInteger(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : now;
  const status = (fields.Status ?? '').trim();
  if (status === 'success') return { providerMessageId, status: 'delivered', at };
  return { providerMessageId, status: 'failed', at, reason: (status || 'failed (no status given)').slice(0, 500) };
}
