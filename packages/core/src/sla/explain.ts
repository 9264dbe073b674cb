import type { Locale } from '../i18n/messages.ts';
import type { ClockBasis } from './policies.ts';

export { CLOCK_LABELS } from '@guanjia/vocabulary';

/**
 * Lateness in the clock's own units: "超时 40 个工作分钟" / "late by 40 working minutes"; on working
 * time also in calendar minutes when they differ ("超时 0 个工作分钟（自然时间 30 分钟）"), so a clock
 * breached after hours never reads as on time.
 */
export function describeLateness(minutes: number, basis: ClockBasis, locale: Locale, calendarMinutes?: number): string {
  const m = Math.round(minutes);
  const cal = calendarMinutes === undefined ? m : Math.round(calendarMinutes);
  const both = basis === 'working' && cal !== m;
  if (locale === 'en')
    return `late by ${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'}${both ? ` (${cal} calendar minute${cal === 1 ? '' : 's'})` : ''}`;
  return `超时 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}${both ? `（自然时间 ${cal} 分钟）` : ''}`;
}

/** Time left in the clock's own units: "还剩 25 分钟" / "25 working minutes left". */
export function describeRemaining(minutes: number, basis: ClockBasis, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes));
  if (locale === 'en') return `${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'} left`;
  return `还剩 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}`;
}
