import type { MonthlyClockState } from '@guanjia/vocabulary';
import { localDateOf } from '../cases/open-case.ts';
import { startOfLocalDate } from '../calendar/local-clock.ts';
import { addLocalDays, addMonthsOnDay } from '../notices/statutory.ts';

// The cycle's words are the vocabulary's; their rules are here.
export {
  MEETING_ACTION_STATUSES,
  MEETING_KINDS,
  MONTHLY_CONTACT_CHANNELS,
  MONTHLY_CONTACT_RESULTS,
  MONTHLY_CONTACT_STATUSES,
  MONTHLY_SUMMARY_STATUSES,
  type MeetingActionStatus,
  type MeetingKind,
  type MonthlyClockState,
  type MonthlyContactChannel,
  type MonthlyContactResult,
  type MonthlyContactStatus,
  type MonthlyOpinionStatus,
  type MonthlySummaryStatus,
} from '@guanjia/vocabulary';

/**
 * The service supervisor's monthly contact list (每月投诉和提出意见的客户沟通, seed 004 §3.2): every
 * owner who complained or raised an opinion in a month — one row per owner, with the things they
 * raised — due by a day of the following month (the 5th by default). Pure: the server reads the
 * month's sources and the rows already there and writes what this plans.
 */

/** Defaults of the cycle (SPEC: a company setting each; not yet per project). */
export const MONTHLY_DEFAULTS = {
  /** The contact is due by this day of the month after (每月 5 日前). */
  contactDueDay: 5,
  /** A row is "at risk" this many days before its due date. */
  atRiskDays: 2,
  /** Failed attempts before a row may be marked unreachable. */
  attemptsBeforeUnreachable: 3,
  /** Meeting minutes are due this many days after the meeting (纪要 3 日内). */
  minutesDueDays: 3,
} as const;

/** A month 'YYYY-MM'. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month after 'YYYY-MM'. */
export function nextMonthOf(month: string): string {
  return addMonthsOnDay(`${month}-01`, 1, 1).slice(0, 7);
}

/** The instants [from, to) of a local month in a time zone (what the month's cases were created in). */
export function monthInstants(month: string, timeZone: string): { from: string; to: string } {
  return { from: startOfLocalDate(`${month}-01`, timeZone), to: startOfLocalDate(`${nextMonthOf(month)}-01`, timeZone) };
}

/** The local month an instant falls in. */
export function localMonthOf(instant: string, timeZone: string): string {
  return localDateOf(instant, timeZone).slice(0, 7);
}

/** The day a month's contacts are due: `dueDay` of the following month (the 5th by default). */
export function contactDueOn(month: string, dueDay: number = MONTHLY_DEFAULTS.contactDueDay): string {
  return addMonthsOnDay(`${month}-01`, 1, dueDay);
}

/** What an owner raised in the month: a complaint or suggestion case (later: a visit opinion, a survey comment). */
export interface ContactSource {
  ownerId: string;
  /** The case (or other record) raised. */
  caseId: string;
}

export interface ContactRowPlan {
  ownerId: string;
  caseIds: string[];
}

/**
 * The list after (re)generation: each owner with a source gets exactly one row; rows there already
 * keep their cases and gain the new ones (`grown`: their ids and the cases added); owners without a
 * row get one (`created`). Regenerating with the same sources changes nothing. Case ids keep the
 * order first seen.
 */
export function planContactList(
  existing: readonly ContactRowPlan[],
  sources: readonly ContactSource[],
): { created: ContactRowPlan[]; grown: { ownerId: string; added: string[] }[] } {
  const rows = new Map(existing.map((r) => [r.ownerId, new Set(r.caseIds)]));
  const created = new Map<string, string[]>();
  const grown = new Map<string, string[]>();
  for (const s of sources) {
    const known = rows.get(s.ownerId);
    if (known) {
      if (known.has(s.caseId)) continue;
      known.add(s.caseId);
      const list = grown.get(s.ownerId) ?? [];
      list.push(s.caseId);
      grown.set(s.ownerId, list);
      continue;
    }
    const fresh = created.get(s.ownerId);
    if (fresh) {
      if (!fresh.includes(s.caseId)) fresh.push(s.caseId);
    } else created.set(s.ownerId, [s.caseId]);
  }
  return {
    created: [...created].map(([ownerId, caseIds]) => ({ ownerId, caseIds })),
    grown: [...grown].map(([ownerId, added]) => ({ ownerId, added })),
  };
}

/**
 * A row's clock on a local date `today`: closed rows are done (or done late, closed after the due
 * day); open rows are overdue after the due day and at risk in the `atRiskDays` before it.
 */
export function contactClock(
  row: { dueOn: string; closedOn: string | null },
  today: string,
  atRiskDays: number = MONTHLY_DEFAULTS.atRiskDays,
): MonthlyClockState {
  if (row.closedOn) return row.closedOn <= row.dueOn ? 'done' : 'done_late';
  if (today > row.dueOn) return 'overdue';
  if (today >= addLocalDays(row.dueOn, -atRiskDays)) return 'at_risk';
  return 'on_time';
}

/** The day a meeting's minutes are due (3 days after the meeting by default), and whether minutes written on `writtenOn` (or still missing on `today`) are late. */
export function minutesDueOn(heldOn: string, days: number = MONTHLY_DEFAULTS.minutesDueDays): string {
  return addLocalDays(heldOn, days);
}
export function minutesLate(heldOn: string, writtenOn: string | null, today: string): boolean {
  return (writtenOn ?? today) > minutesDueOn(heldOn);
}
