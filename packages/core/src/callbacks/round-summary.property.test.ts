import fc from 'fast-check';
import { CALLBACK_RESULTS, CALLBACK_STATUSES, CALLBACK_VERDICTS } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { roundFigures, type RoundCallbackFacts } from './round-summary.ts';

const verdict = fc.option(fc.constantFrom(...CALLBACK_VERDICTS), { nil: null });
const facts: fc.Arbitrary<RoundCallbackFacts> = fc.record({
  status: fc.constantFrom(...CALLBACK_STATUSES),
  quality: verdict,
  attitude: verdict,
  result: fc.option(fc.constantFrom(...CALLBACK_RESULTS), { nil: null }),
});

describe('a round’s figures (回访总结报告)', () => {
  it('reached + unreachable + pending = sampled; rates within [0, 1]; only reached callbacks’ answers count', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 80 }), (callbacks) => {
        const f = roundFigures(callbacks);
        expect(f.reached + f.unreachable + f.pending).toBe(f.sampled);
        for (const v of [f.quality, f.attitude]) {
          expect(v.satisfied + v.basicallySatisfied + v.notSatisfied).toBeLessThanOrEqual(f.reached);
          if (v.satisfiedRate !== null) expect(v.satisfiedRate >= 0 && v.satisfiedRate <= 1).toBe(true);
        }
        // an independent count of satisfied quality answers among the reached
        const independent = callbacks.filter((c) => c.status === 'done' && c.quality === 'satisfied').length;
        expect(f.quality.satisfied).toBe(independent);
        expect(f.result.resolved + f.result.unresolved).toBeLessThanOrEqual(f.reached);
      }),
    );
  });

  it('no answers: no rate', () => {
    expect(roundFigures([]).quality.satisfiedRate).toBeNull();
    expect(roundFigures([{ status: 'unreachable', quality: null, attitude: null, result: null }]).reachedRate).toBe(0);
  });
});
