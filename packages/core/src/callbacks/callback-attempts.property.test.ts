import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  attemptRefusal,
  CALL_DAY_PARTS,
  CALLBACK_MAX_ATTEMPTS,
  CALLBACK_RETRY_GAP_MINUTES,
  callbackOutcome,
  callbackUrgency,
  dayPartOf,
  localCallTime,
  nextCallAttemptAt,
} from './callback-attempts.ts';
import { LocalClock } from '../calendar/local-clock.ts';
import { isQuietAt, type QuietSpan } from '../delivery/quiet-hours.ts';

const ZONE = 'Asia/Shanghai';
const FROM = Date.parse('2026-01-01T00:00:00Z');
const instant = fc.integer({ min: 0, max: 400 * 24 * 60 }).map((m) => new Date(FROM + m * 60_000).toISOString());
const verdict = fc.constantFrom('satisfied', 'basically_satisfied', 'not_satisfied' as const);

describe('callback retries (回访未接通)', () => {
  it('the next attempt is at least 2 h later, inside calling hours, in another part of the day, and the earliest such minute', () => {
    fc.assert(
      fc.property(instant, (last) => {
        const next = nextCallAttemptAt(last, ZONE);
        const gap = (Date.parse(next) - Date.parse(last)) / 60_000;
        expect(gap).toBeGreaterThanOrEqual(CALLBACK_RETRY_GAP_MINUTES);
        const part = dayPartOf(next, ZONE);
        expect(part).not.toBeNull();
        expect(part).not.toBe(dayPartOf(last, ZONE));
        // no earlier minute qualifies
        const before = new Date(Date.parse(next) - 60_000).toISOString();
        const earlierOk =
          (Date.parse(before) - Date.parse(last)) / 60_000 >= CALLBACK_RETRY_GAP_MINUTES &&
          dayPartOf(before, ZONE) !== null &&
          dayPartOf(before, ZONE) !== dayPartOf(last, ZONE);
        expect(earlierOk).toBe(false);
      }),
    );
  });

  it('the owner’s 免打扰 spans are skipped too: the earliest minute that keeps every rule and is not quiet', () => {
    const hhmm = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    const spans = fc.array(fc.record({ from: hhmm, to: hhmm }), { minLength: 1, maxLength: 3 });
    const clock = new LocalClock(ZONE);
    const keepsRules = (at: number, last: string) => {
      const iso = new Date(at).toISOString();
      return (at - Date.parse(last)) / 60_000 >= CALLBACK_RETRY_GAP_MINUTES && dayPartOf(iso, ZONE) !== null && dayPartOf(iso, ZONE) !== dayPartOf(last, ZONE);
    };
    fc.assert(
      fc.property(instant, spans, (last, quiet: QuietSpan[]) => {
        const next = Date.parse(nextCallAttemptAt(last, ZONE, quiet));
        expect(keepsRules(next, last)).toBe(true);
        // the first minute keeping the rules and outside the spans, scanned minute by minute (the rules alone repeat daily: 3 days suffice)
        let first: number | null = null;
        for (let at = Date.parse(last) + 60_000; at <= Date.parse(last) + 3 * 86_400_000; at += 60_000)
          if (keepsRules(at, last) && !isQuietAt(quiet, at, clock)) {
            first = at;
            break;
          }
        // none at all: the spans are taken for a mistake and the plain rule answers
        expect(next).toBe(first ?? Date.parse(nextCallAttemptAt(last, ZONE)));
      }),
      { numRuns: 200 },
    );
  });

  it('a lunchtime 免打扰 (12:00–14:00) moves a retry due at 12:xx to 14:00 local', () => {
    // last attempt 09:30 local (01:30Z): 2 h later is 11:30, still 上午; the afternoon opens 12:00, quiet until 14:00
    expect(localCallTime(nextCallAttemptAt('2026-03-02T01:30:00Z', ZONE, [{ from: '12:00', to: '14:00' }]), ZONE)).toBe('2026-03-02 14:00');
    expect(localCallTime(nextCallAttemptAt('2026-03-02T01:30:00Z', ZONE), ZONE)).toBe('2026-03-02 12:00');
  });

  it('the retry refusal names the next time in the project’s local time', () => {
    const refusal = attemptRefusal({ status: 'due', nextAttemptAt: '2026-03-02T06:00:00Z' }, false, '2026-03-02T05:00:00Z', ZONE);
    expect(refusal).toMatchObject({ code: 'CALLBACK_RETRY_TOO_EARLY', params: { nextAttemptAt: '2026-03-02 14:00', timeZone: ZONE } });
  });

  it('never later than 21:00 and never before 08:00 local', () => {
    fc.assert(
      fc.property(instant, (last) => {
        const local = new Date(Date.parse(nextCallAttemptAt(last, ZONE)) + 8 * 3_600_000);
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
        expect(minute).toBeGreaterThanOrEqual(CALL_DAY_PARTS[0].from);
        expect(minute).toBeLessThan(CALL_DAY_PARTS[2].to);
      }),
    );
  });

  it('unanswered attempts end as unreachable after the last one; a reached one is done; the count only grows by one', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), instant, (reachedEach, start) => {
        let state = { status: 'due' as const as 'due' | 'done' | 'unreachable' | 'cancelled', attempts: 0, nextAttemptAt: null as string | null };
        let now = start;
        for (const reached of reachedEach) {
          if (state.status !== 'due') {
            expect(attemptRefusal(state, reached, now)?.code).toBe('CALLBACK_CLOSED');
            break;
          }
          if (!reached && state.nextAttemptAt) expect(attemptRefusal(state, reached, now)?.code).toBe('CALLBACK_RETRY_TOO_EARLY');
          now = state.nextAttemptAt ?? now;
          expect(attemptRefusal(state, reached, now)).toBeNull();
          const next = afterAttempt(state.attempts, reached, now, ZONE);
          expect(next.attempts).toBe(state.attempts + 1);
          if (reached) expect(next.status).toBe('done');
          else expect(next.status).toBe(next.attempts >= CALLBACK_MAX_ATTEMPTS ? 'unreachable' : 'due');
          expect(next.nextAttemptAt !== null).toBe(next.status === 'due');
          state = next;
        }
        expect(state.attempts).toBeLessThanOrEqual(CALLBACK_MAX_ATTEMPTS);
      }),
    );
  });

  it('the outcome is 不满意 when any answer is, and never better than its worst answer', () => {
    fc.assert(
      fc.property(verdict, verdict, fc.constantFrom('resolved', 'unresolved' as const), (quality, attitude, result) => {
        const rank = { satisfied: 0, basically_satisfied: 1, not_satisfied: 2 };
        const out = callbackOutcome({ quality, attitude, result });
        expect(rank[out]).toBeGreaterThanOrEqual(Math.max(rank[quality], rank[attitude]));
        expect(out === 'not_satisfied').toBe(quality === 'not_satisfied' || attitude === 'not_satisfied' || result === 'unresolved');
      }),
    );
  });
});

describe('the queue’s clock (at risk, overdue)', () => {
  it('moves only forward: on time → at risk → overdue, overdue exactly from the due instant; a closed callback has none', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 2, maxLength: 8 }),
        (created, span, offsets) => {
          const dueAt = new Date(Date.parse(created) + span * 60_000).toISOString();
          const order = { on_time: 0, at_risk: 1, overdue: 2 };
          let seen = -1;
          for (const o of [...offsets].sort((a, b) => a - b)) {
            const now = new Date(Date.parse(created) + o * 60_000).toISOString();
            const u = callbackUrgency({ status: 'due', createdAt: created, dueAt }, now)!;
            expect(order[u]).toBeGreaterThanOrEqual(seen);
            seen = order[u];
            expect(u === 'overdue').toBe(o >= span);
            if (u === 'at_risk') expect(span - o).toBeLessThanOrEqual(span * 0.25);
            for (const status of ['done', 'unreachable', 'cancelled'] as const) expect(callbackUrgency({ status, createdAt: created, dueAt }, now)).toBeNull();
          }
        },
      ),
    );
  });
});
