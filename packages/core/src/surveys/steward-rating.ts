import { addLocalDays } from '../notices/statutory.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { RateFigure } from './statistics.ts';
import { rateFigure, SATISFIED_MIN_SCORE } from './statistics.ts';

export { SURVEY_KINDS, type SurveyKind } from '@guanjia/vocabulary';

/**
 * The owners' yearly rating of their area steward (管家评价, issue 14 item 4, decision 0033): a survey
 * campaign of kind `steward_rating` whose households each rate the steward responsible for their
 * building; its statistics are read per steward instead of per building. Once a year per project, in
 * December by default (the year's end, when the steward's year is judged).
 */

/** The month of the yearly rating (十二月) and how long it runs. */
export const STEWARD_RATING_MONTH = 12;
export const STEWARD_RATING_DAYS = 10;

/** The default period of a steward rating from `today`: December 1st of this year (today when past it and still in time), else next year's. */
export function defaultStewardRatingPeriod(today: string): { startsOn: string; endsOn: string } {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-12-01`;
  const lastStart = addLocalDays(`${year}-12-31`, -(STEWARD_RATING_DAYS - 1));
  const startsOn = today <= thisYear ? thisYear : today <= lastStart ? today : `${year + 1}-12-01`;
  return { startsOn, endsOn: addLocalDays(startsOn, STEWARD_RATING_DAYS - 1) };
}

/** One steward rating per project and calendar year: `otherStarts` are the start dates of the project's other steward ratings. */
export function checkOneStewardRatingPerYear(startsOn: string, otherStarts: readonly string[]): Refusal | null {
  const year = startsOn.slice(0, 4);
  if (otherStarts.some((d) => d.slice(0, 4) === year)) return refuse('SURVEY_STEWARD_RATING_EXISTS', 'startsOn', { year });
  return null;
}

/**
 * Whose steward rates whom: each building's assigned steward, else the project's only active steward
 * when it has exactly one; `missing` lists the buildings left without (a launch is refused then).
 */
export function stewardsOfBuildings(
  buildingIds: readonly string[],
  assigned: ReadonlyMap<string, string>,
  projectStewards: readonly string[],
): { byBuilding: Map<string, string>; missing: string[] } {
  const fallback = projectStewards.length === 1 ? projectStewards[0]! : null;
  const byBuilding = new Map<string, string>();
  const missing: string[] = [];
  for (const b of buildingIds) {
    const s = assigned.get(b) ?? fallback;
    if (s) byBuilding.set(b, s);
    else missing.push(b);
  }
  return { byBuilding, missing };
}

/** How many answers of one item, for one steward, gave one score. */
export interface StewardTally {
  questionId: string;
  stewardId: string;
  score: number;
  count: number;
}

export interface StewardFigure extends RateFigure {
  stewardId: string;
  /** The mean score over all the steward's answers (1–5); null without answers. */
  mean: number | null;
  byQuestion: ({ questionId: string; mean: number | null } & RateFigure)[];
}

/** Per steward (in `stewardIds` order): the satisfaction rate with its Wilson interval, the mean score, and both per item. */
export function stewardFigures(tallies: readonly StewardTally[], questionIds: readonly string[], stewardIds: readonly string[]): StewardFigure[] {
  type Acc = { answers: number; satisfied: number; total: number };
  const empty = (): Acc => ({ answers: 0, satisfied: 0, total: 0 });
  const per = new Map(stewardIds.map((s) => [s, { all: empty(), items: new Map(questionIds.map((q) => [q, empty()])) }]));
  for (const t of tallies) {
    const s = per.get(t.stewardId);
    const item = s?.items.get(t.questionId);
    if (!s || !item) continue;
    for (const acc of [s.all, item]) {
      acc.answers += t.count;
      acc.total += t.score * t.count;
      if (t.score >= SATISFIED_MIN_SCORE) acc.satisfied += t.count;
    }
  }
  const mean = (a: Acc) => (a.answers ? a.total / a.answers : null);
  return [...per].map(([stewardId, s]) => ({
    stewardId,
    ...rateFigure(s.all.satisfied, s.all.answers),
    mean: mean(s.all),
    byQuestion: [...s.items].map(([questionId, a]) => ({ questionId, ...rateFigure(a.satisfied, a.answers), mean: mean(a) })),
  }));
}
