import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryCapSeconds, type RetryPolicy } from './retry.ts';

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const policy: fc.Arbitrary<RetryPolicy> = fc.record({
  baseSeconds: fc.integer({ min: 1, max: 600 }),
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
  maxSeconds: fc.integer({ min: 1, max: 86_400 }),
  maxAttempts: fc.integer({ min: 1, max: 20 }),
});

describe('retries with exponential backoff and equal jitter', () => {
  it('never gives up before maxAttempts, always from it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), random, policy, (failedAt, attempts, r, p) => {
        const next = nextAttemptAt(failedAt, attempts, r, p);
        expect(next === null).toBe(attempts >= p.maxAttempts);
      }),
    );
  });

  it('waits between half the cap and the cap, the cap never beyond maxSeconds', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), random, policy, (failedAt, attempts, r, p) => {
        fc.pre(attempts < p.maxAttempts);
        const cap = retryCapSeconds(attempts, p);
        const delay = nextAttemptAt(failedAt, attempts, r, p)! - failedAt;
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual((cap * 1000) / 2);
        expect(delay).toBeLessThanOrEqual(cap * 1000);
        expect(cap).toBeLessThanOrEqual(p.maxSeconds);
      }),
    );
  });

  it('the cap does not decrease from one attempt to the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), policy, (attempts, p) => {
        expect(retryCapSeconds(attempts + 1, p)).toBeGreaterThanOrEqual(retryCapSeconds(attempts, p));
      }),
    );
  });

  it('accepts a random draw in [0, 1) only', () => {
    fc.assert(
      fc.property(
        instant,
        fc.oneof(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -Number.MIN_VALUE, noNaN: true }), fc.constant(Number.NaN)),
        (at, r) => {
          expect(() => nextAttemptAt(at, 1, r)).toThrow(RangeError);
        },
      ),
    );
  });

  it('the default policy: 15–30 s after the first failure, the wait capped at an hour, given up after the 8th attempt', () => {
    const t = Date.UTC(2026, 10, 25, 1);
    expect(nextAttemptAt(t, 1, 0)).toBe(t + 15_000);
    expect(nextAttemptAt(t, 1, 0.999_999)).toBe(t + 30_000);
    expect(retryCapSeconds(7)).toBe(1920);
    expect(retryCapSeconds(8)).toBe(3600);
    expect(nextAttemptAt(t, 7, 0.5)).toBe(t + 1_440_000);
    expect(nextAttemptAt(t, DEFAULT_RETRY_POLICY.maxAttempts, 0.5)).toBeNull();
    expect(() => nextAttemptAt(t, 0, 0.5)).toThrow(RangeError);
  });
});
