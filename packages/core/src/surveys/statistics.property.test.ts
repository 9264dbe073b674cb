import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surveyStatistics, twoProportionTest, wilsonInterval, type ScoreTally } from './statistics.ts';

/**
 * The statistics against an independent computation: every answer listed one by one and recounted,
 * the Wilson interval written out from its textbook form, p ± z√(p(1−p)/n + z²/4n²) around the
 * shifted centre, all over 1 + z²/n.
 */
const Z = 1.959963984540054;
function wilsonByHand(k: number, n: number) {
  const p = k / n;
  const low = (p + (Z * Z) / (2 * n) - Z * Math.sqrt((p * (1 - p) + (Z * Z) / (4 * n)) / n)) / (1 + (Z * Z) / n);
  const high = (p + (Z * Z) / (2 * n) + Z * Math.sqrt((p * (1 - p) + (Z * Z) / (4 * n)) / n)) / (1 + (Z * Z) / n);
  return { low, high };
}

const answer = fc.record({ q: fc.integer({ min: 0, max: 4 }), b: fc.integer({ min: 0, max: 3 }), score: fc.integer({ min: 1, max: 5 }) });

describe('survey statistics (满意率, Wilson, z-test)', () => {
  it('rates per item, building and project equal a naive recount of the answers, with the Wilson interval written out', () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 400 }), (answers) => {
        const tallies = new Map<string, ScoreTally>();
        for (const a of answers) {
          const key = `${a.q}|${a.b}|${a.score}`;
          const t = tallies.get(key) ?? { questionId: `q${a.q}`, buildingId: `b${a.b}`, score: a.score, count: 0 };
          t.count += 1;
          tallies.set(key, t);
        }
        const qs = ['q0', 'q1', 'q2', 'q3', 'q4'];
        const bs = ['b0', 'b1', 'b2', 'b3'];
        const stats = surveyStatistics([...tallies.values()], qs, bs);
        const check = (fig: { answers: number; satisfied: number; rate: number | null; interval: { low: number; high: number } }, of: typeof answers) => {
          const good = of.filter((a) => a.score >= 4).length;
          expect(fig.answers).toBe(of.length);
          expect(fig.satisfied).toBe(good);
          if (!of.length) return expect(fig.rate).toBeNull();
          expect(fig.rate).toBeCloseTo(good / of.length, 12);
          const hand = wilsonByHand(good, of.length);
          expect(fig.interval.low).toBeCloseTo(Math.max(0, hand.low), 9);
          expect(fig.interval.high).toBeCloseTo(Math.min(1, hand.high), 9);
          expect(fig.interval.low).toBeLessThanOrEqual(fig.rate! + 1e-12);
          expect(fig.interval.high).toBeGreaterThanOrEqual(fig.rate! - 1e-12);
        };
        check(stats.project, answers);
        qs.forEach((q, i) => {
          check(
            stats.byQuestion[i]!,
            answers.filter((a) => `q${a.q}` === q),
          );
          for (const s of [1, 2, 3, 4, 5] as const) expect(stats.byQuestion[i]!.scores[s]).toBe(answers.filter((a) => `q${a.q}` === q && a.score === s).length);
        });
        bs.forEach((b, i) =>
          check(
            stats.byBuilding[i]!,
            answers.filter((a) => `b${a.b}` === b),
          ),
        );
      }),
    );
  });

  it('the two-proportion z-test matches the pooled formula and its 5% verdict', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n0, f1, f0) => {
          const x1 = Math.round(f1 * n1);
          const x0 = Math.round(f0 * n0);
          const t = twoProportionTest(x1, n1, x0, n0)!;
          const p = (x1 + x0) / (n1 + n0);
          const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n0));
          if (se === 0) {
            expect(t.significant).toBe(false);
            return;
          }
          const z = (x1 / n1 - x0 / n0) / se;
          expect(t.z).toBeCloseTo(z, 9);
          // |z| > 1.96 ⇔ p < 0.05 (away from the boundary, where the CDF's approximation could tip it)
          if (Math.abs(Math.abs(z) - Z) > 1e-4) expect(t.significant).toBe(Math.abs(z) > Z);
        },
      ),
    );
  });

  it('known values', () => {
    const w = wilsonInterval(81, 100);
    expect(w.low).toBeCloseTo(0.7222, 4);
    expect(w.high).toBeCloseTo(0.8749, 4);
    expect(twoProportionTest(80, 100, 70, 100)!.pValue).toBeCloseTo(0.1025, 3);
    expect(twoProportionTest(1, 0, 1, 1)).toBeNull();
  });
});
