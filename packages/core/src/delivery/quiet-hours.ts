import type { LocalClock } from '../calendar/local-clock.ts';

/**
 * 免打扰 (do-not-disturb): spans of the owner's local time when a normal message waits. A span is
 * half-open [from, to) in whole minutes of the local day; `to` earlier than `from` wraps past
 * midnight (21:00→08:00 is quiet from 21:00 until 08:00 the next morning); from === to is no quiet
 * time at all. Pure: the instant and the owner's clock are inputs.
 *
 * The spans come from an owner's settings: a malformed one (not HH:mm) is ignored here rather than
 * silencing anyone; `quietSpanProblem` is the check to apply when the owner saves them.
 */

export interface QuietSpan {
  /** HH:mm local, e.g. '21:00'. */
  from: string;
  /** HH:mm local, e.g. '08:00'; earlier than `from` wraps past midnight. */
  to: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTES_PER_DAY = 1440;

/** Minutes since local midnight of an 'HH:mm' text (00:00–23:59), or null when it is not one. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** What is wrong with a span, or null: each end must be an HH:mm time of day. */
export function quietSpanProblem(span: QuietSpan): { field: 'from' | 'to'; reason: 'time_of_day_invalid' } | null {
  if (typeof span?.from !== 'string' || parseTimeOfDay(span.from) === null) return { field: 'from', reason: 'time_of_day_invalid' };
  if (typeof span.to !== 'string' || parseTimeOfDay(span.to) === null) return { field: 'to', reason: 'time_of_day_invalid' };
  return null;
}

/** Which minutes of the local day are quiet, one flag per minute (0 = 00:00 … 1439 = 23:59). */
function quietMinutes(spans: readonly QuietSpan[]): Uint8Array {
  const quiet = new Uint8Array(MINUTES_PER_DAY);
  for (const span of spans) {
    if (quietSpanProblem(span)) continue;
    const from = parseTimeOfDay(span.from)!;
    const to = parseTimeOfDay(span.to)!;
    if (from === to) continue;
    for (let m = from; m !== to; m = (m + 1) % MINUTES_PER_DAY) quiet[m] = 1;
  }
  return quiet;
}

/** The local minute of day at an instant, and how far into that minute it is (ms). */
function localMinute(at: number, clock: LocalClock): { minute: number; intoMinute: number } {
  const local = (((at + clock.offsetAt(at)) % DAY) + DAY) % DAY;
  return { minute: Math.floor(local / MINUTE), intoMinute: local % MINUTE };
}

/** Whether `at` falls inside any span, in the clock's local time. */
export function isQuietAt(spans: readonly QuietSpan[], at: number, clock: LocalClock): boolean {
  if (spans.length === 0) return false;
  return quietMinutes(spans)[localMinute(at, clock).minute] === 1;
}

/**
 * The first instant ≥ `at` outside every span (overlapping or touching spans chain together); `at`
 * itself when it is not quiet. When the spans cover the whole day this returns `at`: "always quiet"
 * is taken for a mistake in the settings, which must not silence the owner forever.
 *
 * Across a daylight-saving change the local clock jumps: the answer is the first real instant whose
 * local time is outside the spans (a spring-forward gap that skips the end of a span ends it early;
 * the hour repeated in autumn is quiet twice when it lies inside a span).
 */
export function quietEndsAt(spans: readonly QuietSpan[], at: number, clock: LocalClock): number {
  if (spans.length === 0) return at;
  const quiet = quietMinutes(spans);
  if (quiet.every((q) => q === 1)) return at;
  let cursor = at;
  // each round either ends the quiet time or crosses one change of the zone's offset
  for (let round = 0; round < 16; round += 1) {
    const { minute, intoMinute } = localMinute(cursor, clock);
    if (quiet[minute] !== 1) return cursor;
    let ahead = 1;
    while (quiet[(minute + ahead) % MINUTES_PER_DAY] === 1) ahead += 1;
    const offset = clock.offsetAt(cursor);
    const end = cursor - intoMinute + ahead * MINUTE; // assuming the offset holds until then
    const change = firstOffsetChange(clock, cursor, end, offset);
    if (change === null) return end;
    cursor = change;
  }
  return cursor;
}

/** The first instant in (from, to] where the clock's offset differs from `offset` (LocalClock changes offsets on whole UTC hours), or null. */
function firstOffsetChange(clock: LocalClock, from: number, to: number, offset: number): number | null {
  for (let h = Math.floor(from / HOUR) * HOUR + HOUR; h <= to; h += HOUR) if (clock.offsetAt(h) !== offset) return h;
  return null;
}
