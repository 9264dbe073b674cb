import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../src/shared/coalesce.ts';

/** The live stream's bursts (issue 11, item 2): one flush per burst, every event once, none waiting past the deadline. */
describe('coalesce', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('a burst becomes one batch, a second burst after a quiet second another', () => {
    const batches: number[][] = [];
    const c = coalesce<number>({ quietMs: 1_000, maxWaitMs: 4_000, flush: (b) => batches.push(b) });
    for (let i = 0; i < 20; i++) {
      c.push(i);
      vi.advanceTimersByTime(30);
    }
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([Array.from({ length: 20 }, (_, i) => i)]);
    c.push(99);
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([Array.from({ length: 20 }, (_, i) => i), [99]]);
  });

  it('waits while held, then flushes everything gathered meanwhile', () => {
    let held = true;
    const batches: string[][] = [];
    const c = coalesce<string>({ quietMs: 500, maxWaitMs: 2_000, flush: (b) => batches.push(b), hold: () => held });
    c.push('a');
    vi.advanceTimersByTime(3_000);
    c.push('b');
    vi.advanceTimersByTime(3_000);
    expect(batches).toEqual([]);
    held = false;
    vi.advanceTimersByTime(500);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('any arrival pattern: each item once, in order; a batch never waits past its deadline (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_500 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const delivered: { item: number; at: number; first: number }[] = [];
        const firstOf = new Map<number, number>();
        const c = coalesce<number>({
          quietMs: 1_000,
          maxWaitMs: 4_000,
          flush: (b) => b.forEach((item) => delivered.push({ item, at: Date.now(), first: firstOf.get(b[0]!)! })),
        });
        gaps.forEach((gap, i) => {
          vi.advanceTimersByTime(gap);
          firstOf.set(i, Date.now());
          c.push(i);
        });
        vi.advanceTimersByTime(5_000);
        expect(delivered.map((d) => d.item)).toEqual(gaps.map((_, i) => i));
        for (const d of delivered) expect(d.at - d.first).toBeLessThanOrEqual(4_000);
        c.cancel();
      }),
    );
  });
});
