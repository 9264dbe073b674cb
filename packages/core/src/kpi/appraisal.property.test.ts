import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPRAISAL_MEASURES,
  appraisalMeasures,
  appraisalScore,
  appraisalStepAllowed,
  DEFAULT_APPRAISAL_WEIGHTS,
  type AppraisalFigures,
  type AppraisalMeasure,
} from './appraisal.ts';

/** Issue 16 item 2's rule: a person's measures and the company's weights give one score out of 100. */
const value = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const values = fc.record(Object.fromEntries(APPRAISAL_MEASURES.map((m) => [m, value])) as Record<AppraisalMeasure, fc.Arbitrary<number | null>>);
const weights = fc.record(
  Object.fromEntries(APPRAISAL_MEASURES.map((m) => [m, fc.integer({ min: 0, max: 100 })])) as Record<AppraisalMeasure, fc.Arbitrary<number>>,
);
const count = fc.integer({ min: 0, max: 40 });
const figures: fc.Arbitrary<AppraisalFigures> = fc.record({
  clocks: fc.record({ met: count, breached: count }),
  cases: fc.tuple(count, count).map(([a, b]) => ({ closed: a + b, reopened: b })),
  languageOverrides: count,
  callbacks: fc.record({ due: count, done: count }),
  visits: fc.tuple(count, count).map(([a, b]) => ({ planned: a + b, done: a })),
  defects: fc.tuple(count, count).map(([a, b]) => ({ attributed: a + b, causedByStaff: b })),
  caseRatings: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 20 }).map((r) => ({ rated: r.length, sum: r.reduce((s, x) => s + x, 0) })),
  stewardRatings: fc.tuple(count, count).map(([a, b]) => ({ answers: a + b, satisfied: a })),
});

describe('staff appraisal (考核)', () => {
  it('scores between 0 and 100, null only when no weighted measure has data, and the parts add up to it', () => {
    fc.assert(
      fc.property(values, weights, (v, w) => {
        const { score, parts } = appraisalScore(v, w);
        const anyCounted = APPRAISAL_MEASURES.some((m) => v[m] !== null && w[m] > 0);
        expect(score === null).toBe(!anyCounted);
        if (score === null) return;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(Math.abs(parts.reduce((s, p) => s + p.share, 0) - 1)).toBeLessThan(1e-9);
        expect(Math.abs(parts.reduce((s, p) => s + p.points, 0) - score)).toBeLessThan(0.01 * APPRAISAL_MEASURES.length + 0.01);
      }),
    );
  });

  it('a measure without data drops out: the same score as with its weight set to 0', () => {
    fc.assert(
      fc.property(values, weights, fc.constantFrom(...APPRAISAL_MEASURES), (v, w, m) => {
        const missing = { ...v, [m]: null };
        expect(appraisalScore(missing, w).score).toBe(appraisalScore(missing, { ...w, [m]: 0 }).score);
        expect(appraisalScore(missing, w).parts.find((p) => p.measure === m)!.share).toBe(0);
      }),
    );
  });

  it('only the weights’ proportions count, and all measures at their best give 100', () => {
    fc.assert(
      fc.property(values, weights, fc.integer({ min: 2, max: 5 }), (v, w, k) => {
        const scaled = Object.fromEntries(APPRAISAL_MEASURES.map((m) => [m, w[m] * k])) as typeof w;
        const a = appraisalScore(v, w).score;
        const b = appraisalScore(v, scaled).score;
        if (a === null) expect(b).toBeNull();
        else expect(Math.abs(a - b!)).toBeLessThanOrEqual(0.01);
        const best = Object.fromEntries(APPRAISAL_MEASURES.map((m) => [m, 1])) as typeof v;
        if (APPRAISAL_MEASURES.some((m) => w[m] > 0)) expect(appraisalScore(best, w).score).toBe(100);
      }),
    );
  });

  it('a better measure never lowers the score', () => {
    fc.assert(
      fc.property(values, weights, fc.constantFrom(...APPRAISAL_MEASURES), fc.double({ min: 0, max: 1, noNaN: true }), (v, w, m, better) => {
        if (v[m] === null) return;
        const up = { ...v, [m]: Math.max(v[m]!, better) };
        expect(appraisalScore(up, w).score!).toBeGreaterThanOrEqual(appraisalScore(v, w).score! - 1e-9);
      }),
    );
  });

  it('measures from figures: each in 0..1 or null without data; more faults or reopens never measure better', () => {
    fc.assert(
      fc.property(figures, count, (f, extra) => {
        const m = appraisalMeasures(f, DEFAULT_APPRAISAL_WEIGHTS);
        for (const key of APPRAISAL_MEASURES) {
          if (m[key] === null) continue;
          expect(m[key]).toBeGreaterThanOrEqual(0);
          expect(m[key]).toBeLessThanOrEqual(1);
        }
        expect(m.timeliness === null).toBe(f.clocks.met + f.clocks.breached === 0);
        expect(m.reopen === null).toBe(f.cases.closed === 0);
        expect(m.callbacks === null).toBe(f.callbacks.due === 0);
        expect(m.visits === null).toBe(f.visits.planned === 0);
        expect(m.caseRating === null).toBe(f.caseRatings.rated === 0);
        expect(m.stewardRating === null).toBe(f.stewardRatings.answers === 0);
        expect(m.language).not.toBeNull();
        expect(m.defects).not.toBeNull();
        const worse = appraisalMeasures(
          {
            ...f,
            languageOverrides: f.languageOverrides + extra,
            defects: { ...f.defects, causedByStaff: f.defects.causedByStaff + extra },
            cases: { closed: f.cases.closed + extra, reopened: f.cases.reopened + extra },
          },
          DEFAULT_APPRAISAL_WEIGHTS,
        );
        expect(worse.language!).toBeLessThanOrEqual(m.language!);
        expect(worse.defects!).toBeLessThanOrEqual(m.defects!);
        if (m.reopen !== null) expect(worse.reopen!).toBeLessThanOrEqual(m.reopen + 1e-12);
      }),
    );
  });

  it('steps: comment on a draft or a commented sheet, acknowledge only a commented one', () => {
    expect(appraisalStepAllowed('draft', 'comment')).toBe(true);
    expect(appraisalStepAllowed('commented', 'comment')).toBe(true);
    expect(appraisalStepAllowed('acknowledged', 'comment')).toBe(false);
    expect(appraisalStepAllowed('draft', 'acknowledge')).toBe(false);
    expect(appraisalStepAllowed('commented', 'acknowledge')).toBe(true);
    expect(appraisalStepAllowed('acknowledged', 'acknowledge')).toBe(false);
  });
});
