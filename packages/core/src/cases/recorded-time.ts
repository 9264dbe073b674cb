import { refuse, type Refusal } from '../shared/errors.ts';
import { addMinutes, isAfter } from '../shared/time.ts';

/**
 * A time recorded after the fact (arrived at 10:05, finished at 11:40, typed in later): the clocks
 * stop at it, so it is bounded — never before the earliest instant it may have happened (the case's
 * creation, the step before), never more than `maxBackMinutes` ago, never in the future beyond a
 * small skew of the device's clock — and a time more than `reasonAfterMinutes` in the past needs a
 * reason (kept on the event).
 */
export const RECORDED_TIME_LIMITS = { maxBackMinutes: 24 * 60, skewMinutes: 2, reasonAfterMinutes: 1 } as const;

export function recordedTimeRefusal(
  at: string | undefined,
  reason: string | undefined,
  earliest: readonly (string | null)[],
  now: string,
  limits: { maxBackMinutes: number; skewMinutes: number; reasonAfterMinutes: number } = RECORDED_TIME_LIMITS,
): Refusal | null {
  if (at === undefined) return null;
  if (isAfter(at, addMinutes(now, limits.skewMinutes))) return refuse('FIELD_INVALID', 'at', { reason: `<= ${now}` });
  const floor = [addMinutes(now, -limits.maxBackMinutes), ...earliest.filter((t): t is string => !!t)].sort().at(-1)!;
  if (isAfter(floor, at)) return refuse('FIELD_INVALID', 'at', { reason: `>= ${floor}` });
  if (isAfter(addMinutes(now, -limits.reasonAfterMinutes), at) && !reason?.trim()) return refuse('FIELD_REQUIRED', 'reason');
  return null;
}
