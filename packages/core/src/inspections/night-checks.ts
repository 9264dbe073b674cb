import { addLocalDays } from '../notices/statutory.ts';

/**
 * Night spot checks (夜间查岗, issue 15 item 1; seed 001: "每月管理处随机抽查不少于4次，但在台风、暴雨等异常情况下，
 * 管理处必须进行夜间查岗"): at least four a month per office, and one every night a typhoon or rainstorm
 * warning is in force — entering a warning schedules them. Pure: the server keeps the warnings and the
 * checks and writes the nights this returns.
 */

export const NIGHT_CHECKS_PER_MONTH = 4;
export { WEATHER_WARNING_KINDS, type WeatherWarningKind } from '@guanjia/vocabulary'; // 台风 / 暴雨

export interface WeatherWarningSpan {
  id: string;
  /** Local dates 'YYYY-MM-DD', inclusive: the nights the warning covers. */
  fromDate: string;
  toDate: string;
}

/** The nights a warning requires a night check on, one per local date it covers (at most 31: a longer warning is entered again). */
export function warningNights(w: WeatherWarningSpan): string[] {
  const out: string[] = [];
  for (let d = w.fromDate; d <= w.toDate && out.length < 31; d = addLocalDays(d, 1)) out.push(d);
  return out;
}

export interface NightCheckMonth {
  month: string; // 'YYYY-MM'
  required: number;
  done: number;
  /** Nights under a warning with no check done that night (each one owed). */
  warningNightsOwed: string[];
  /** Still owed this month: the warning nights plus what the monthly minimum lacks. */
  owed: number;
  state: 'met' | 'owed' | 'missed';
}

/**
 * A month's night checks: `doneDates` the local dates of checks done (submitted); `warnings` those in
 * force during the month; `today` the local date (a month past is missed if anything is still owed).
 */
export function nightCheckMonth(month: string, doneDates: readonly string[], warnings: readonly WeatherWarningSpan[], today: string): NightCheckMonth {
  const inMonth = doneDates.filter((d) => d.startsWith(month));
  const done = new Set(inMonth);
  const nights = new Set<string>();
  for (const w of warnings) for (const n of warningNights(w)) if (n.startsWith(month)) nights.add(n);
  const warningNightsOwed = [...nights].filter((n) => !done.has(n) && n <= today).sort();
  // two checks on one night are one night checked: the minimum counts nights
  const lacking = Math.max(0, NIGHT_CHECKS_PER_MONTH - done.size);
  const owed = Math.max(lacking, warningNightsOwed.length);
  const past = today.slice(0, 7) > month;
  return { month, required: NIGHT_CHECKS_PER_MONTH, done: done.size, warningNightsOwed, owed, state: owed === 0 ? 'met' : past ? 'missed' : 'owed' };
}

/** The number of nights (local dates) of a month 'YYYY-MM'. */
export function nightsInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

/** The nights checked by the end of each night of the month to keep pace with the minimum: 4 × nights past / nights in month, rounded down. */
export function nightCheckPace(month: string, currentNight: string): number {
  const days = nightsInMonth(month);
  const past = currentNight.slice(0, 7) > month ? days : currentNight.slice(0, 7) < month ? 0 : Number(currentNight.slice(8, 10)) - 1;
  return Math.floor((NIGHT_CHECKS_PER_MONTH * past) / days);
}

/** A reminder to the office managers (夜间查岗提醒), sent once per subject and project. */
export type NightCheckReminder =
  | { subject: string; kind: 'warning_night_missed'; month: string; night: string }
  | { subject: string; kind: 'behind'; month: string; expected: number; done: number };

/**
 * What the office managers are told of a month's night checks (issue 15 item 1), each once — its
 * subject is the key: a warning night that is over (from 06:00 the next morning: `currentNight` is the
 * night an instant counts for, nightDateOf) with no check made that night; and the month falling behind
 * its pace (fewer nights checked than nightCheckPace — one reminder per step, the last one when the
 * month ends short of its 4).
 */
export function nightCheckReminders(
  month: string,
  doneDates: readonly string[],
  warnings: readonly WeatherWarningSpan[],
  currentNight: string,
): NightCheckReminder[] {
  const done = new Set(doneDates.filter((d) => d.startsWith(month)));
  const out: NightCheckReminder[] = [];
  const missed = new Set<string>();
  for (const w of warnings) for (const n of warningNights(w)) if (n.startsWith(month) && n < currentNight && !done.has(n)) missed.add(n);
  for (const night of [...missed].sort()) out.push({ subject: `night_warning:${night}`, kind: 'warning_night_missed', month, night });
  const expected = nightCheckPace(month, currentNight);
  if (done.size < expected) out.push({ subject: `night_pace:${month}:${expected}`, kind: 'behind', month, expected, done: done.size });
  return out;
}
