import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FieldCipher } from '../security/encryption.ts';

/**
 * The secrets in a delivery-report URL (状态报告/事件推送地址). Providers push their reports to
 * `/api/delivery-reports/<channel>/<organizationId>/<token>` without a session; the token proves the
 * URL came from this server's administrator. It is derived, not stored: hex HMAC-SHA256 of
 * `${organizationId}:${channel}` under a key derived from the server's field-encryption key, so it
 * survives a restart, differs per organization and channel, and changes only with that key.
 *
 * WeChat signs each push with a token of its own (the 令牌 entered beside the URL in the official
 * account's 服务器配置, 3–32 letters or digits): reportSigningToken, derived the same way for
 * another purpose, so the URL alone (in a proxy's log, say) does not let anyone sign a push.
 */
export type ReportChannel = 'sms' | 'wechat';
export const REPORT_CHANNELS: readonly ReportChannel[] = ['sms', 'wechat'];

const hmacHex = (cipher: FieldCipher, text: string) => createHmac('sha256', cipher.derive('delivery-reports')).update(text, 'utf8').digest('hex');

/** The URL token of an organization's reports on a channel: 64 hex characters. */
export function reportToken(cipher: FieldCipher, organizationId: string, channel: ReportChannel): string {
  return hmacHex(cipher, `${organizationId}:${channel}`);
}

/** Whether `token` is the organization's report token for the channel (compared in constant time). */
export function isReportToken(cipher: FieldCipher, organizationId: string, channel: ReportChannel, token: string): boolean {
  const expected = Buffer.from(reportToken(cipher, organizationId, channel), 'utf8');
  const given = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The path an administrator enters at the provider (joined to the server's public address). */
export function reportPath(cipher: FieldCipher, organizationId: string, channel: ReportChannel): string {
  return `/api/delivery-reports/${channel}/${encodeURIComponent(organizationId)}/${reportToken(cipher, organizationId, channel)}`;
}

/** WeChat's 令牌 (Token) for an organization's official account: 32 hex characters (WeChat takes at most 32). */
export function reportSigningToken(cipher: FieldCipher, organizationId: string): string {
  return hmacHex(cipher, `${organizationId}:wechat:signature`).slice(0, 32);
}
