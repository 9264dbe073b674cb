/**
 * The staff appraisal sheet (员工考核表), issue 16 item 2, decision 0037: a person's figures for a
 * period, each turned into a score in 0..1, weighted by the company's weights into one score out of 100.
 * A measure without data (nothing to rate the person on: no clocks, no cases closed, no callbacks owed,
 * no ratings) drops out and the remaining weights are scaled up to the whole; a sheet with no measure
 * at all has no score.
 */

import { APPRAISAL_MEASURES, type AppraisalMeasure, type AppraisalStatus } from '@guanjia/vocabulary';

export { APPRAISAL_MEASURES, APPRAISAL_STATUSES, type AppraisalMeasure, type AppraisalStatus } from '@guanjia/vocabulary';

/** A company's weights (whole numbers 0..100, any total) and the allowances of the two counted faults. */
export interface AppraisalWeights {
  weights: Record<AppraisalMeasure, number>;
  /** Service-language overrides (仍然发送) in a period at which that measure reaches 0. */
  languageAllowance: number;
  /** Defects caused by staff (员工造成) attributed to the person at which that measure reaches 0. */
  defectAllowance: number;
}

/** The defaults while a company has set none: the clocks first, then each other measure (100 in all). */
export const DEFAULT_APPRAISAL_WEIGHTS: AppraisalWeights = {
  weights: { timeliness: 30, reopen: 15, language: 10, callbacks: 10, visits: 10, defects: 10, caseRating: 10, stewardRating: 5 },
  languageAllowance: 3,
  defectAllowance: 3,
};

/** The person's figures in the period, as counted from the records. */
export interface AppraisalFigures {
  /** Clocks of the person due in the period: met, and breached (stopped late or still running past due). */
  clocks: { met: number; breached: number };
  /** Cases of the person closed in the period, and of them those reopened at least once. */
  cases: { closed: number; reopened: number };
  /** Service-language overrides (仍然发送) by the person in the period. */
  languageOverrides: number;
  /** Callbacks given to the person due in the period, and callbacks the person completed in it. */
  callbacks: { due: number; done: number };
  /** Visits given to the person due in the period (not cancelled), and of them done. */
  visits: { planned: number; done: number };
  /** Defects found in the period whose responsible person is the person: all, and those caused by staff (员工造成). */
  defects: { attributed: number; causedByStaff: number };
  /** Owners' ratings of the person's cases closed in the period (1..5): how many and their sum. */
  caseRatings: { rated: number; sum: number };
  /** The steward ratings (管家评价) of the person ending in the period: answers and those satisfied. */
  stewardRatings: { answers: number; satisfied: number };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const allowance = (count: number, allowed: number) => clamp01(1 - count / Math.max(1, allowed));

/** Each measure in 0..1 (1 the best), or null when the period holds nothing to measure it by. */
export function appraisalMeasures(
  f: AppraisalFigures,
  w: Pick<AppraisalWeights, 'languageAllowance' | 'defectAllowance'>,
): Record<AppraisalMeasure, number | null> {
  const reopened = ratio(f.cases.reopened, f.cases.closed);
  const rating = ratio(f.caseRatings.sum, f.caseRatings.rated);
  return {
    timeliness: ratio(f.clocks.met, f.clocks.met + f.clocks.breached),
    reopen: reopened === null ? null : clamp01(1 - reopened),
    // counted faults always measure: none in the period is the best
    language: allowance(f.languageOverrides, w.languageAllowance),
    callbacks: f.callbacks.due > 0 ? clamp01(f.callbacks.done / f.callbacks.due) : null,
    visits: f.visits.planned > 0 ? clamp01(f.visits.done / f.visits.planned) : null,
    defects: allowance(f.defects.causedByStaff, w.defectAllowance),
    caseRating: rating === null ? null : clamp01((rating - 1) / 4),
    stewardRating: ratio(f.stewardRatings.satisfied, f.stewardRatings.answers),
  };
}

export interface AppraisalPart {
  measure: AppraisalMeasure;
  /** The measure in 0..1, null without data. */
  value: number | null;
  /** The company's weight. */
  weight: number;
  /** Its share of the score after measures without data dropped out (0..1; 0 when it dropped out). */
  share: number;
  /** Points it adds to the score out of 100. */
  points: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The weighted score out of 100 (two decimals) and each measure's part; null when no weighted measure has data. */
export function appraisalScore(
  values: Record<AppraisalMeasure, number | null>,
  weights: Record<AppraisalMeasure, number>,
): { score: number | null; parts: AppraisalPart[] } {
  const counted = APPRAISAL_MEASURES.filter((m) => values[m] !== null && weights[m] > 0);
  const total = counted.reduce((sum, m) => sum + weights[m], 0);
  let score = 0;
  const parts = APPRAISAL_MEASURES.map((measure) => {
    const value = values[measure];
    const share = total > 0 && value !== null && weights[measure] > 0 ? weights[measure] / total : 0;
    const points = share * (value ?? 0) * 100;
    score += points;
    return { measure, value, weight: weights[measure], share, points: round2(points) };
  });
  return { score: total > 0 ? Math.min(100, Math.max(0, round2(score))) : null, parts };
}

/** Which step may follow which: the supervisor comments a draft (or rewrites it until acknowledged); the person acknowledges a commented sheet. */
export function appraisalStepAllowed(status: AppraisalStatus, step: 'comment' | 'acknowledge'): boolean {
  return step === 'comment' ? status === 'draft' || status === 'commented' : status === 'commented';
}
