import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureWindow } from './failure-window.ts';

describe('FailureWindow (failed sign-ins per login from unfamiliar sources)', () => {
  it('holds a key back exactly while its current window has reached the maximum, and says for how long', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1_000, max: 60_000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 40 }),
        (max, windowMs, gaps) => {
          const w = new FailureWindow(max, windowMs);
          let now = 0;
          let start = -Infinity;
          let count = 0;
          for (const gap of gaps) {
            now += gap;
            if (now - start >= windowMs) count = 0;
            const wait = w.retryAfterSeconds('k', now);
            if (count >= max) {
              expect(wait).toBe(Math.ceil((start + windowMs - now) / 1000));
              expect(wait).toBeGreaterThan(0);
            } else {
              expect(wait).toBe(0);
              if (count === 0) start = now;
              count++;
              w.record('k', now);
            }
            expect(w.retryAfterSeconds('other', now)).toBe(0);
          }
        },
      ),
    );
  });

  it('prunes at most once an hour', () => {
    const w = new FailureWindow(3, 60_000);
    expect(w.pruneDue(10_000_000)).toBe(true);
    expect(w.pruneDue(10_000_000 + 3_599_999)).toBe(false);
    expect(w.pruneDue(10_000_000 + 3_600_000)).toBe(true);
  });
});
