/**
 * Survey statistics (客户满意率统计, SPEC §8 and §10): the satisfaction rate is the answers scoring 4
 * or 5 over all answers (an answer: one household's score on one item), per item, per building and
 * for the project, each with its 95% Wilson score interval; the change from the project's previous
 * campaign with a two-proportion z-test at 5%. Pure: it works on tallies (score counts) that the
 * database aggregates, so 300,000 answers cost one GROUP BY and a few hundred additions here.
 */

/** "Satisfied": a score of at least 4 on the 5-point scale (our default, SPEC §8). */
export const SATISFIED_MIN_SCORE = 4;
/** The default satisfaction target of a project (below it: an internal review, SPEC §8). */
export const DEFAULT_SATISFACTION_TARGET = 0.7;
const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson score interval of a proportion `successes / n` at confidence z (95% by default); [0, 1] for n = 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 for erf; absolute error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface ProportionChange {
  /** This rate minus the previous one. */
  difference: number;
  z: number;
  /** Two-sided. */
  pValue: number;
  /** p < 0.05. */
  significant: boolean;
}

/** The two-proportion z-test (pooled): is x1/n1 different from x0/n0? Null when either has no answers or the pooled rate is 0 or 1 with no difference. */
export function twoProportionTest(x1: number, n1: number, x0: number, n0: number): ProportionChange | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const pooled = (x1 + x0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (se === 0) return { difference: p1 - p0, z: 0, pValue: 1, significant: false };
  const z = (p1 - p0) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { difference: p1 - p0, z, pValue, significant: pValue < 0.05 };
}

/** How many answers of one item, in one building, gave one score. */
export interface ScoreTally {
  questionId: string;
  buildingId: string;
  score: number;
  count: number;
}

export interface RateFigure {
  answers: number;
  satisfied: number;
  /** satisfied / answers; null without answers. */
  rate: number | null;
  interval: Interval;
}

export interface SurveyStatistics {
  project: RateFigure;
  byQuestion: ({ questionId: string; scores: Record<1 | 2 | 3 | 4 | 5, number> } & RateFigure)[];
  byBuilding: ({ buildingId: string } & RateFigure)[];
}

export function rateFigure(satisfied: number, answers: number): RateFigure {
  return { answers, satisfied, rate: answers ? satisfied / answers : null, interval: wilsonInterval(satisfied, answers) };
}

/**
 * The statistics of a campaign from its tallies: per item (in `questionIds` order, each with its
 * score distribution), per building (in `buildingIds` order; buildings without answers listed with
 * none) and for the project.
 */
export function surveyStatistics(tallies: readonly ScoreTally[], questionIds: readonly string[], buildingIds: readonly string[]): SurveyStatistics {
  const q = new Map(questionIds.map((id) => [id, { answers: 0, satisfied: 0, scores: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<1 | 2 | 3 | 4 | 5, number> }]));
  const b = new Map(buildingIds.map((id) => [id, { answers: 0, satisfied: 0 }]));
  let answers = 0;
  let satisfied = 0;
  for (const t of tallies) {
    const good = t.score >= SATISFIED_MIN_SCORE ? t.count : 0;
    answers += t.count;
    satisfied += good;
    const item = q.get(t.questionId);
    if (item) {
      item.answers += t.count;
      item.satisfied += good;
      if (t.score >= 1 && t.score <= 5) item.scores[t.score as 1 | 2 | 3 | 4 | 5] += t.count;
    }
    let building = b.get(t.buildingId);
    if (!building) b.set(t.buildingId, (building = { answers: 0, satisfied: 0 }));
    building.answers += t.count;
    building.satisfied += good;
  }
  return {
    project: rateFigure(satisfied, answers),
    byQuestion: [...q].map(([questionId, x]) => ({ questionId, scores: x.scores, ...rateFigure(x.satisfied, x.answers) })),
    byBuilding: [...b].map(([buildingId, x]) => ({ buildingId, ...rateFigure(x.satisfied, x.answers) })),
  };
}

/** Below target: the project's rate is known and lower than its target (an internal review is due). */
export function belowTarget(rate: number | null, target: number): boolean {
  return rate !== null && rate < target;
}
