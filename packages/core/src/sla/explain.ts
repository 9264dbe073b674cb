import type { Locale } from '../i18n/messages.ts';
import type { ClockBasis } from './policies.ts';

export { CLOCK_LABELS } from '@guanjia/vocabulary';

/** Lateness in the clock's own units: "超时 40 个工作分钟" / "late by 40 working minutes". */
export function describeLateness(minutes: number, basis: ClockBasis, locale: Locale): string {
  const m = Math.round(minutes);
  if (locale === 'en') return `late by ${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'}`;
  return `超时 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}`;
}

/** Time left in the clock's own units: "还剩 25 分钟" / "25 working minutes left". */
export function describeRemaining(minutes: number, basis: ClockBasis, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes));
  if (locale === 'en') return `${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'} left`;
  return `还剩 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}`;
}
