import { STATUTORY_SUBJECT_LABELS, type StatutoryStatus, type StatutorySubject } from '@guanjia/vocabulary';
import { startOfLocalDate } from '../calendar/local-clock.ts';

// The subjects and statuses are words of the vocabulary package; their rules are here.
export { STATUTORY_OBJECTION_CATEGORY, STATUTORY_STATUSES, STATUTORY_SUBJECTS, type StatutoryStatus, type StatutorySubject } from '@guanjia/vocabulary';

/**
 * Statutory postings (法定公示; 民法典 第943条): what a project must post to its owners and how often —
 * fees and their standards, income and spending of the common areas, the maintenance fund's use,
 * contracted services. Each schedule falls due on a local date (the project's time zone), warns a
 * number of days before, and is overdue from the day after. Dates are 'YYYY-MM-DD'; pure, no clock.
 *
 * Month arithmetic keeps the schedule's own day of the month (`dueDay`): a schedule due on the 31st
 * falls due on 28 February and on 31 March again, never drifting to the 28th.
 */

export interface StatutoryTiming {
  nextDueOn: string;
  warnDays: number;
  timeZone: string;
}

export interface StatutoryAlertState extends StatutoryTiming {
  active: boolean;
  /** When the "due soon" warning went out for the current due date (null: not yet). */
  warnedAt: string | null;
  /** When the "overdue" notice went out for the current due date (null: not yet). */
  overdueNotifiedAt: string | null;
}

export type StatutoryAlertKind = 'due_soon' | 'overdue';

const DAY = 86_400_000;

function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const format = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of the month a date falls on (a schedule's `dueDay`). */
export function dayOfMonth(date: string): number {
  return parts(date).day;
}

/**
 * `months` months after (or before, when negative) the month of `date`, on day `dueDay` of that month
 * or its last day when the month is shorter (31 → 28 February → 31 March).
 */
export function addMonthsOnDay(date: string, months: number, dueDay: number): string {
  const { year, month } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format(y, m, Math.min(dueDay, daysInMonth(y, m)));
}

/** A local date `days` days later (earlier when negative). */
export function addLocalDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The due date after a posting: a posting covers what is due now, so the schedule moves on by its
 * period from its current due date — to the first due date of its cadence after the posting (a
 * posting made late, past one or more due dates, owes no second posting for the periods it missed).
 */
export function nextDueAfterPosting(s: { nextDueOn: string; everyMonths: number; dueDay: number }, postedOn: string): string {
  let k = 1;
  let next = addMonthsOnDay(s.nextDueOn, s.everyMonths, s.dueDay);
  while (next <= postedOn) next = addMonthsOnDay(s.nextDueOn, s.everyMonths * ++k, s.dueDay);
  return next;
}

/** The instant the "due soon" warning is due: the start of the day `warnDays` before the due date, in the project's time zone. */
export function statutoryWarnAt(t: StatutoryTiming): string {
  return startOfLocalDate(addLocalDays(t.nextDueOn, -t.warnDays), t.timeZone);
}

/** The instant a schedule becomes overdue: the start of the day after its due date, in the project's time zone. */
export function statutoryOverdueAt(t: StatutoryTiming): string {
  return startOfLocalDate(addLocalDays(t.nextDueOn, 1), t.timeZone);
}

/** Where a schedule stands at an instant. */
export function statutoryStatus(t: StatutoryTiming, now: string): StatutoryStatus {
  if (Date.parse(now) >= Date.parse(statutoryOverdueAt(t))) return 'overdue';
  if (Date.parse(now) >= Date.parse(statutoryWarnAt(t))) return 'due_soon';
  return 'ok';
}

/**
 * The next alert a schedule owes its office manager and when: the "due soon" warning until it went
 * out, then the "overdue" notice; none once both went out, nor for a deactivated schedule. The store
 * keeps its instant (`next_alert_at`) so that the scheduler finds due schedules through an index.
 */
export function nextStatutoryAlert(s: StatutoryAlertState): { kind: StatutoryAlertKind; at: string } | null {
  if (!s.active || s.overdueNotifiedAt) return null;
  if (!s.warnedAt) return { kind: 'due_soon', at: statutoryWarnAt(s) };
  return { kind: 'overdue', at: statutoryOverdueAt(s) };
}

/**
 * The alert to send now, if any, and the state after it. Each fires once per due date: a schedule
 * found already overdue is told once as overdue (the warning it missed is not sent late; it counts
 * as given).
 */
export function statutoryAlertAt(
  s: StatutoryAlertState,
  now: string,
): { kind: StatutoryAlertKind; after: Pick<StatutoryAlertState, 'warnedAt' | 'overdueNotifiedAt'> } | null {
  if (!s.active || s.overdueNotifiedAt) return null;
  const status = statutoryStatus(s, now);
  if (status === 'overdue') return { kind: 'overdue', after: { warnedAt: s.warnedAt ?? now, overdueNotifiedAt: now } };
  if (status === 'due_soon' && !s.warnedAt) return { kind: 'due_soon', after: { warnedAt: now, overdueNotifiedAt: null } };
  return null;
}

/** What a project posts by default, and how often (民法典 第943条 and the usual local rules). */
export interface DefaultStatutorySchedule {
  subject: StatutorySubject;
  everyMonths: number;
  /** The first posting falls due this many months after the schedule is set up. */
  firstDueAfterMonths: number;
}

/**
 * The default schedule: fees and their standards, and the services with their quality standards, are
 * posted within the first month and then yearly; contracted special services (专项服务委托) likewise;
 * the income and spending of the common areas (公共部位经营收支) and the maintenance fund's use every
 * half year (半年), the first at the end of the first half year.
 */
export const DEFAULT_STATUTORY_SCHEDULES: readonly DefaultStatutorySchedule[] = [
  { subject: 'fees_and_standards', everyMonths: 12, firstDueAfterMonths: 1 },
  { subject: 'service_content', everyMonths: 12, firstDueAfterMonths: 1 },
  { subject: 'contractors', everyMonths: 12, firstDueAfterMonths: 1 },
  { subject: 'public_income', everyMonths: 6, firstDueAfterMonths: 6 },
  { subject: 'maintenance_fund', everyMonths: 6, firstDueAfterMonths: 6 },
];

/** Days before its due date a schedule warns, unless set otherwise. */
export const DEFAULT_STATUTORY_WARN_DAYS = 7;

/** The default schedules of a project set up on local date `today`, with their titles in Chinese. */
export function defaultStatutorySchedules(
  today: string,
): { subject: StatutorySubject; title: string; everyMonths: number; warnDays: number; nextDueOn: string; dueDay: number }[] {
  const day = dayOfMonth(today);
  return DEFAULT_STATUTORY_SCHEDULES.map((d) => ({
    subject: d.subject,
    title: `${STATUTORY_SUBJECT_LABELS[d.subject]['zh-CN']}公示`,
    everyMonths: d.everyMonths,
    warnDays: DEFAULT_STATUTORY_WARN_DAYS,
    nextDueOn: addMonthsOnDay(today, d.firstDueAfterMonths, day),
    dueDay: day,
  }));
}
