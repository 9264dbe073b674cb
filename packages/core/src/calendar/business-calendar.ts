import { DomainError } from '../shared/errors.ts';
import { LocalClock } from './local-clock.ts';

/**
 * Business calendar (工作日历) of a project: working hours per weekday (several spans a day allowed),
 * public holidays (放假) and make-up working days (调休上班: a weekend day that is worked). Pure: no
 * I/O, no current time. Instants are epoch milliseconds (UTC); dates are local `YYYY-MM-DD`.
 *
 * Conventions, relied on by the SLA clocks:
 * - Working time is the union of half-open spans [start, end) of local time.
 * - Adding N > 0 working minutes lands inside a span or exactly on its closing edge ("by 18:00"),
 *   never in non-working time; counting starts at the first working moment at or after the start.
 * - N working days from t: the same amount of the day's working time elapsed, N working days later
 *   (received Tue 10:00 → Fri 10:00; received Sat → the end of the Nth working day).
 */

/** A span of working time within one local day, in minutes from local midnight (510 = 08:30). */
export interface WorkingSpan {
  start: number;
  end: number;
}

export interface BusinessCalendarSpec {
  /** IANA time zone of the project, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Working spans per weekday, index 0 = Sunday … 6 = Saturday. */
  week: readonly (readonly WorkingSpan[])[];
  /** Local dates off work whatever the weekday. */
  holidays: readonly string[];
  /** Local dates worked whatever the weekday (调休上班). */
  makeupWorkdays: readonly string[];
  /** The hours of a make-up working day; default: Monday's. */
  makeupSpans?: readonly WorkingSpan[];
}

const MINUTE = 60_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a calendar spec; every problem names its field (holiday and make-up day at once, overlapping spans …). */
export function validateCalendarSpec(spec: BusinessCalendarSpec): void {
  if (!LocalClock.isValidTimeZone(spec.timeZone)) throw new DomainError('CALENDAR_TIME_ZONE_UNKNOWN', 'timeZone', { timeZone: spec.timeZone });
  if (spec.week.length !== 7) throw new DomainError('CALENDAR_WEEK_INVALID', 'week');
  const checkSpans = (spans: readonly WorkingSpan[], field: string) => {
    let previousEnd = -1;
    spans.forEach((s, i) => {
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > 24 * 60 || s.start >= s.end) {
        throw new DomainError('CALENDAR_SPAN_INVALID', `${field}.${i}`);
      }
      if (s.start < previousEnd) throw new DomainError('CALENDAR_SPAN_INVALID', `${field}.${i}`);
      previousEnd = s.end;
    });
  };
  spec.week.forEach((spans, day) => checkSpans(spans, `week.${day}`));
  if (spec.makeupSpans) checkSpans(spec.makeupSpans, 'makeupSpans');
  const checkDates = (dates: readonly string[], field: string) =>
    dates.forEach((d, i) => {
      if (!DATE_PATTERN.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
        throw new DomainError('CALENDAR_DATE_INVALID', `${field}.${i}`, { date: d });
      }
    });
  checkDates(spec.holidays, 'holidays');
  checkDates(spec.makeupWorkdays, 'makeupWorkdays');
  const holidays = new Set(spec.holidays);
  spec.makeupWorkdays.forEach((d, i) => {
    if (holidays.has(d)) throw new DomainError('CALENDAR_DATE_CONFLICT', `makeupWorkdays.${i}`, { date: d });
  });
}

/**
 * A project's own dates on top of its organization's calendar: its holidays (e.g. a local holiday)
 * are off even where the organization works, its make-up working days are worked even where the
 * organization is off. Every other date is the organization's.
 */
export function withOwnDates(spec: BusinessCalendarSpec, own: { holidays: readonly string[]; makeupWorkdays: readonly string[] }): BusinessCalendarSpec {
  if (own.holidays.length === 0 && own.makeupWorkdays.length === 0) return spec;
  const off = new Set(own.holidays);
  const on = new Set(own.makeupWorkdays);
  return {
    ...spec,
    holidays: [...spec.holidays.filter((d) => !on.has(d)), ...own.holidays],
    makeupWorkdays: [...spec.makeupWorkdays.filter((d) => !off.has(d)), ...own.makeupWorkdays],
  };
}

/** The working spans of one local day as UTC instants [s0, e0, s1, e1, …]. */
type DaySpans = readonly number[];

export class BusinessCalendar {
  private readonly clock: LocalClock;
  private readonly holidays: ReadonlySet<string>;
  private readonly makeup: ReadonlySet<string>;
  private readonly makeupSpans: readonly WorkingSpan[];
  /** Cache of day spans by local day number (days since 1970-01-01 local). */
  private readonly days = new Map<number, DaySpans>();

  constructor(readonly spec: BusinessCalendarSpec) {
    validateCalendarSpec(spec);
    this.clock = new LocalClock(spec.timeZone);
    this.holidays = new Set(spec.holidays);
    this.makeup = new Set(spec.makeupWorkdays);
    this.makeupSpans = spec.makeupSpans ?? spec.week[1]!;
  }

  /** Working spans of a local day, as configured: none on a holiday, make-up hours on a make-up day. */
  spansOfDate(date: string): readonly WorkingSpan[] {
    if (this.holidays.has(date)) return [];
    if (this.makeup.has(date)) return this.makeupSpans;
    return this.spec.week[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  }

  isWorkingDate(date: string): boolean {
    return this.spansOfDate(date).length > 0;
  }

  isWorkingTime(at: number): boolean {
    const spans = this.daySpans(this.clock.dayNumberOf(at));
    for (let i = 0; i < spans.length; i += 2) if (at >= spans[i]! && at < spans[i + 1]!) return true;
    return false;
  }

  /** The first working moment at or after `at`. */
  nextWorkingMoment(at: number): number {
    return this.addWorkingMinutes(at, 0);
  }

  /** `at` plus `minutes` of working time (minutes ≥ 0; fractions allowed). */
  addWorkingMinutes(at: number, minutes: number): number {
    if (!(minutes >= 0)) throw new RangeError('minutes must be ≥ 0');
    let remaining = minutes * MINUTE;
    let day = this.clock.dayNumberOf(at);
    for (let guard = 0; guard < 3_660; guard += 1, day += 1) {
      const spans = this.daySpans(day);
      for (let i = 0; i < spans.length; i += 2) {
        const start = Math.max(spans[i]!, at);
        const end = spans[i + 1]!;
        if (start >= end) continue;
        if (remaining === 0) return start;
        if (end - start >= remaining) return start + remaining;
        remaining -= end - start;
      }
    }
    throw new DomainError('CALENDAR_NO_WORKING_TIME', 'week');
  }

  /** Working minutes in [from, to); negative when `to` is before `from`. */
  workingMinutesBetween(from: number, to: number): number {
    if (to < from) return -this.workingMinutesBetween(to, from);
    let total = 0;
    const last = this.clock.dayNumberOf(to);
    for (let day = this.clock.dayNumberOf(from); day <= last; day += 1) {
      const spans = this.daySpans(day);
      for (let i = 0; i < spans.length; i += 2) {
        const start = Math.max(spans[i]!, from);
        const end = Math.min(spans[i + 1]!, to);
        if (end > start) total += end - start;
      }
    }
    return total / MINUTE;
  }

  /**
   * `days` working days after `at`: the same share of the working day elapsed, `days` working days on
   * (clamped to that day's end); from outside working hours, the end of the `days`-th working day.
   */
  addWorkingDays(at: number, days: number): number {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
    const start = this.nextWorkingMoment(at);
    if (days === 0) return start;
    let day = this.clock.dayNumberOf(start);
    const elapsed = this.workingMillisOfDayBefore(day, start);
    let found = 0;
    let guard = 0;
    while (found < days) {
      day += 1;
      if (this.daySpans(day).length > 0) found += 1;
      if (++guard > 3_660) throw new DomainError('CALENDAR_NO_WORKING_TIME', 'week');
    }
    if (elapsed === 0) return this.endOfPreviousWorkingDay(day);
    const spans = this.daySpans(day);
    let remaining = elapsed;
    for (let i = 0; i < spans.length; i += 2) {
      const length = spans[i + 1]! - spans[i]!;
      if (length >= remaining) return spans[i]! + remaining;
      remaining -= length;
    }
    return spans[spans.length - 1]!; // a shorter day: its end
  }

  /** The end of the last working span of local day `date` (null on a day off): "same day" repairs. */
  endOfWorkingDay(at: number): number | null {
    const spans = this.daySpans(this.clock.dayNumberOf(at));
    return spans.length ? spans[spans.length - 1]! : null;
  }

  /** The local date (YYYY-MM-DD) of an instant in this calendar's time zone. */
  localDate(at: number): string {
    return this.clock.dateOfDayNumber(this.clock.dayNumberOf(at));
  }

  private workingMillisOfDayBefore(day: number, at: number): number {
    const spans = this.daySpans(day);
    let total = 0;
    for (let i = 0; i < spans.length; i += 2) total += Math.max(0, Math.min(spans[i + 1]!, at) - spans[i]!);
    return total;
  }

  private endOfPreviousWorkingDay(day: number): number {
    for (let d = day - 1; ; d -= 1) {
      const spans = this.daySpans(d);
      if (spans.length) return spans[spans.length - 1]!;
    }
  }

  private daySpans(day: number): DaySpans {
    let spans = this.days.get(day);
    if (spans === undefined) {
      const date = this.clock.dateOfDayNumber(day);
      spans = this.spansOfDate(date).flatMap((s) => [this.clock.instantOf(date, s.start), this.clock.instantOf(date, s.end)]);
      this.days.set(day, spans);
    }
    return spans;
  }
}
