import { LocalClock } from '../calendar/local-clock.ts';
import { seededRandom } from '../shared/seeded-random.ts';

/**
 * 抽样回访 (SPEC §7): each week a random share (20%) of each office's completed work orders is called
 * back by company staff from outside that office. The draw is reproducible: a stored 32-bit seed and the
 * population (its ids, sorted) give the same sample every time, so anyone can re-derive and audit it.
 */

/** The weekly share of completed work orders called back. */
export const WEEKLY_SAMPLE_FRACTION = 0.2;

/** How many of a population of n are drawn: ⌈n × fraction⌉, at least 1 when there is any, never more than n. */
export function sampleSize(n: number, fraction: number): number {
  if (n <= 0) return 0;
  // rounded to 1e-9 first: 15 × 0.2 is 3.0000000000000004 in floating point, and must draw 3
  const exact = Math.round(n * fraction * 1e9) / 1e9;
  return Math.min(n, Math.max(1, Math.ceil(exact)));
}

/** The population as the draw sees it: distinct ids, sorted (code-unit order, the same on every machine). */
export function canonicalPopulation(population: readonly string[]): string[] {
  return [...new Set(population)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The sample of a population for a seed: a partial Fisher–Yates shuffle of the canonical population
 * driven by seededRandom(seed) (mulberry32); the drawn ids come back sorted. Same population and seed, same sample.
 */
export function sampleWorkOrders(population: readonly string[], fraction: number, seed: number): string[] {
  const ids = canonicalPopulation(population);
  const k = sampleSize(ids.length, fraction);
  const next = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return canonicalPopulation(ids.slice(0, k));
}

const DAY = 86_400_000;

/** The Monday (local date) of the week holding an instant, in a time zone. */
export function weekStartOf(at: string, timeZone: string): string {
  const clock = new LocalClock(timeZone);
  const day = clock.dayNumberOf(Date.parse(at));
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counting from Monday
  const monday = day - ((day + 3) % 7);
  return clock.dateOfDayNumber(monday);
}

/** Whether a local date (YYYY-MM-DD) is a Monday. */
export function isMonday(date: string): boolean {
  const day = Date.parse(`${date}T00:00:00Z`) / DAY;
  return Number.isInteger(day) && (day + 3) % 7 === 0;
}

/** A week's instants: from its Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive), local time. */
export function weekBounds(weekStart: string, timeZone: string): { from: string; to: string } {
  const clock = new LocalClock(timeZone);
  const next = clock.dateOfDayNumber(Date.parse(`${weekStart}T00:00:00Z`) / DAY + 7);
  return { from: new Date(clock.instantOf(weekStart, 0)).toISOString(), to: new Date(clock.instantOf(next, 0)).toISOString() };
}

/** The Monday of the week before the one holding an instant: the week a Monday's automatic round samples. */
export function previousWeekStart(at: string, timeZone: string): string {
  const thisWeek = weekStartOf(at, timeZone);
  return new Date(Date.parse(`${thisWeek}T00:00:00Z`) - 7 * DAY).toISOString().slice(0, 10);
}

/**
 * Who may call a project's weekly sample: company staff outside that office — company-wide staff who
 * are not members of the project (e.g. the quality department) and may make callbacks.
 */
export function mayCallWeeklySample(staff: { companyWide: boolean; projectIds: readonly string[]; canCall: boolean }, projectId: string): boolean {
  return staff.canCall && staff.companyWide && !staff.projectIds.includes(projectId);
}
