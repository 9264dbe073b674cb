import type { CallbackResult, CallbackStatus, CallbackUrgency, CallbackVerdict } from '@guanjia/vocabulary';
import { LocalClock } from '../calendar/local-clock.ts';
import { isQuietAt, quietEndsAt, type QuietSpan } from '../delivery/quiet-hours.ts';
import { refuse, type Refusal } from '../shared/errors.ts';

export {
  CALLBACK_FOLLOW_UPS,
  CALLBACK_MODES,
  CALLBACK_RESULTS,
  CALLBACK_SOURCES,
  CALLBACK_STATUSES,
  CALLBACK_URGENCIES,
  CALLBACK_VERDICTS,
  type CallbackFollowUp,
  type CallbackMode,
  type CallbackResult,
  type CallbackSource,
  type CallbackStatus,
  type CallbackUrgency,
  type CallbackVerdict,
} from '@guanjia/vocabulary';

/**
 * The callback's attempts and clock (回访, SPEC §7, decision 0027), pure.
 * - Retry: an attempt that does not reach the owner is tried again, at most CALLBACK_MAX_ATTEMPTS
 *   times in all; the next attempt is at least CALLBACK_RETRY_GAP_MINUTES after the last one AND in
 *   another part of the day (上午 08–12, 下午 12–18, 晚上 18–21 local; never after 21:00) AND outside
 *   the owner's 免打扰 (do-not-disturb) spans. Spans that leave no such minute within two days are
 *   taken for a mistake in the settings (as the delivery rules take an all-day span) and ignored.
 *   After the last failed attempt the callback is `unreachable`.
 * - Urgency: a due callback is at risk in the last quarter of its span (created → due), overdue from
 *   its due instant on.
 */
export const CALLBACK_MAX_ATTEMPTS = 3;
export const CALLBACK_RETRY_GAP_MINUTES = 120;
/** The parts of the day calls are made in, as local minutes [from, to). */
export const CALL_DAY_PARTS = [
  { part: 'morning', from: 8 * 60, to: 12 * 60 },
  { part: 'afternoon', from: 12 * 60, to: 18 * 60 },
  { part: 'evening', from: 18 * 60, to: 21 * 60 },
] as const;
export type CallDayPart = (typeof CALL_DAY_PARTS)[number]['part'];
/** The share of a callback's span at whose end it counts as at risk. */
export const CALLBACK_AT_RISK_SHARE = 0.25;

const MINUTE = 60_000;
const DAY = 86_400_000;
const clocks = new Map<string, LocalClock>();
function clockOf(timeZone: string): LocalClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  return clock;
}

/** The part of the day of an instant in a zone, or null outside calling hours. */
export function dayPartOf(instant: string, timeZone: string): CallDayPart | null {
  const at = Date.parse(instant);
  const local = at + clockOf(timeZone).offsetAt(at);
  const minute = Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
  return CALL_DAY_PARTS.find((p) => minute >= p.from && minute < p.to)?.part ?? null;
}

/**
 * The earliest instant the next attempt may be made after an unanswered one at `lastAttemptAt`: at
 * least the gap later, inside calling hours, in a part of the day other than the last attempt's, and
 * not inside one of the owner's 免打扰 spans (`quiet`, local HH:mm; none: no such limit).
 */
export function nextCallAttemptAt(lastAttemptAt: string, timeZone: string, quiet: readonly QuietSpan[] = []): string {
  if (quiet.length) {
    const outside = earliestCallMinute(lastAttemptAt, timeZone, quiet);
    if (outside !== null) return outside;
  }
  const plain = earliestCallMinute(lastAttemptAt, timeZone, []);
  /* c8 ignore next */ if (plain === null) throw new Error('no calling time within two days');
  return plain;
}

function earliestCallMinute(lastAttemptAt: string, timeZone: string, quiet: readonly QuietSpan[]): string | null {
  const clock = clockOf(timeZone);
  const lastPart = dayPartOf(lastAttemptAt, timeZone);
  const earliest = Date.parse(lastAttemptAt) + CALLBACK_RETRY_GAP_MINUTES * MINUTE;
  const firstDay = clock.dayNumberOf(earliest);
  for (let day = firstDay; day <= firstDay + 2; day++) {
    const date = clock.dateOfDayNumber(day);
    for (const p of CALL_DAY_PARTS) {
      if (p.part === lastPart) continue;
      const to = clock.instantOf(date, p.to);
      let from = Math.max(clock.instantOf(date, p.from), earliest);
      // step over the quiet spans (each step ends one, or crosses a change of the zone's offset)
      for (let step = 0; step < 8 && from < to && isQuietAt(quiet, from, clock); step++) from = quietEndsAt(quiet, from, clock);
      if (from < to && !isQuietAt(quiet, from, clock)) return new Date(from).toISOString();
    }
  }
  return null;
}

/** An instant as the project's local date and time ('2026-12-07 14:00'), as people read it. */
export function localCallTime(instant: string, timeZone: string): string {
  const at = Date.parse(instant);
  return new Date(at + clockOf(timeZone).offsetAt(at)).toISOString().slice(0, 16).replace('T', ' ');
}

/** Where a due callback stands after one more attempt. */
export interface AttemptOutcome {
  status: CallbackStatus;
  attempts: number;
  nextAttemptAt: string | null;
}

export function afterAttempt(attempts: number, reached: boolean, at: string, timeZone: string, quiet: readonly QuietSpan[] = []): AttemptOutcome {
  const made = attempts + 1;
  if (reached) return { status: 'done', attempts: made, nextAttemptAt: null };
  if (made >= CALLBACK_MAX_ATTEMPTS) return { status: 'unreachable', attempts: made, nextAttemptAt: null };
  return { status: 'due', attempts: made, nextAttemptAt: nextCallAttemptAt(at, timeZone, quiet) };
}

/**
 * Why an attempt may not be recorded now: the callback is over, or (an unanswered attempt) its retry
 * time has not come — said in the project's local time (`timeZone`), as the caller reads a clock.
 * A reached call is always recorded while due (the owner may call back earlier).
 */
export function attemptRefusal(
  c: { status: CallbackStatus; nextAttemptAt: string | null },
  reached: boolean,
  now: string,
  timeZone = 'Asia/Shanghai',
): Refusal | null {
  if (c.status !== 'due') return refuse('CALLBACK_CLOSED', 'id', { status: c.status });
  if (!reached && c.nextAttemptAt && Date.parse(now) < Date.parse(c.nextAttemptAt))
    return refuse('CALLBACK_RETRY_TOO_EARLY', 'reached', { nextAttemptAt: localCallTime(c.nextAttemptAt, timeZone), timeZone });
  return null;
}

/** The outcome of a reached call: not satisfied when quality or attitude is 不满意 or the problem is not resolved; else the worse of the two. */
export function callbackOutcome(a: { quality: CallbackVerdict; attitude: CallbackVerdict; result: CallbackResult }): CallbackVerdict {
  if (a.quality === 'not_satisfied' || a.attitude === 'not_satisfied' || a.result === 'unresolved') return 'not_satisfied';
  if (a.quality === 'basically_satisfied' || a.attitude === 'basically_satisfied') return 'basically_satisfied';
  return 'satisfied';
}

/** A callback's standing in the queue at an instant: null once it is no longer due. */
export function callbackUrgency(c: { status: CallbackStatus; createdAt: string; dueAt: string }, now: string): CallbackUrgency | null {
  if (c.status !== 'due') return null;
  const t = Date.parse(now);
  const due = Date.parse(c.dueAt);
  if (t >= due) return 'overdue';
  const span = Math.max(0, due - Date.parse(c.createdAt));
  return t >= due - span * CALLBACK_AT_RISK_SHARE ? 'at_risk' : 'on_time';
}
