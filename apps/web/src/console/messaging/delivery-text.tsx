import { Tag } from 'antd';
import { formatInstant } from '../../shared/format';
import { label, type Lang } from '../../shared/i18n';
import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_REASON_LABELS,
  DELIVERY_STATUS_COLORS,
  DELIVERY_STATUS_LABELS,
  MESSAGE_KIND_LABELS,
} from '../../shared/i18n-messaging';

/**
 * How a delivery reads on screen: its status as a coloured tag, its reason codes in words, and the
 * case history's 已通知业主 line (which channel, what became of it, why, and when it will go).
 */

export function DeliveryStatusTag({ status, lang }: { status: string; lang: Lang }) {
  return (
    <Tag color={DELIVERY_STATUS_COLORS[status as keyof typeof DELIVERY_STATUS_COLORS] ?? 'default'} data-delivery-status={status}>
      {label(DELIVERY_STATUS_LABELS, status, lang)}
    </Tag>
  );
}

/** A delivery's reason (codes joined by ',') in words, or '' without one. */
export function deliveryReasonText(reason: string | null | undefined, lang: Lang): string {
  if (!reason) return '';
  return reason
    .split(',')
    .filter(Boolean)
    .map((code) => label(DELIVERY_REASON_LABELS, code, lang))
    .join(lang === 'en' ? '; ' : '；');
}

export const messageKindText = (kind: string | null | undefined, lang: Lang) => label(MESSAGE_KIND_LABELS, kind, lang);
export const deliveryChannelText = (channel: string | null | undefined, lang: Lang) => label(DELIVERY_CHANNEL_LABELS, channel, lang);

/**
 * The `owner_notified` event's line: "短信 · 已排队 · 免打扰时段，延后发送 · 免打扰结束后发送 11/25 12:00"
 * (its data: deliveryChannel, status, reason, notBefore, to).
 */
export function ownerNotifiedLine(data: Record<string, unknown>, lang: Lang, timeZone: string, notBeforeText: string): string {
  const parts = [deliveryChannelText(String(data.deliveryChannel ?? ''), lang), label(DELIVERY_STATUS_LABELS, String(data.status ?? ''), lang)];
  if (typeof data.to === 'string' && data.to) parts.splice(1, 0, data.to);
  const reason = deliveryReasonText(typeof data.reason === 'string' ? data.reason : null, lang);
  if (reason) parts.push(reason);
  if (typeof data.notBefore === 'string') parts.push(`${notBeforeText} ${formatInstant(data.notBefore, timeZone, lang)}`);
  return parts.join(' · ');
}
