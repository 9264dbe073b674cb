import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOneStewardRatingPerYear, defaultStewardRatingPeriod, stewardFigures, stewardsOfBuildings, type StewardTally } from './steward-rating.ts';

/**
 * 管家评价's rules: the figures per steward equal a naive recount of the answers one by one; each
 * building gets its named steward, else the project's only one, else is listed as missing; one
 * rating a year; the default period is December (or now, late in the year) and lasts ten days.
 */
const answer = fc.record({ q: fc.integer({ min: 0, max: 2 }), s: fc.integer({ min: 0, max: 3 }), score: fc.integer({ min: 1, max: 5 }) });

describe('the steward rating (管家评价)', () => {
  it('per steward: answers, satisfied (4–5), rate and mean, overall and per item, equal a recount', () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 300 }), (answers) => {
        const tallies = new Map<string, StewardTally>();
        for (const a of answers) {
          const key = `${a.q}|${a.s}|${a.score}`;
          const t = tallies.get(key) ?? { questionId: `q${a.q}`, stewardId: `s${a.s}`, score: a.score, count: 0 };
          t.count += 1;
          tallies.set(key, t);
        }
        const stewards = ['s0', 's1', 's2', 's3'];
        const figures = stewardFigures([...tallies.values()], ['q0', 'q1', 'q2'], stewards);
        expect(figures.map((f) => f.stewardId)).toEqual(stewards);
        for (const f of figures) {
          const mine = answers.filter((a) => `s${a.s}` === f.stewardId);
          expect(f.answers).toBe(mine.length);
          expect(f.satisfied).toBe(mine.filter((a) => a.score >= 4).length);
          if (mine.length) expect(f.mean).toBeCloseTo(mine.reduce((x, a) => x + a.score, 0) / mine.length, 10);
          else expect(f.mean).toBeNull();
          for (const q of f.byQuestion) {
            const item = mine.filter((a) => `q${a.q}` === q.questionId);
            expect(q.answers).toBe(item.length);
            expect(q.satisfied).toBe(item.filter((a) => a.score >= 4).length);
            expect(q.rate).toBe(item.length ? q.satisfied / item.length : null);
          }
        }
      }),
    );
  });

  it('each building: its named steward, else the project’s only steward, else missing', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (named, stewardCount) => {
        const buildings = named.map((_, i) => `b${i}`);
        const assigned = new Map(buildings.filter((_, i) => named[i]).map((b) => [b, `named-${b}`]));
        const project = Array.from({ length: stewardCount }, (_, i) => `p${i}`);
        const { byBuilding, missing } = stewardsOfBuildings(buildings, assigned, project);
        for (const b of buildings) {
          if (assigned.has(b)) expect(byBuilding.get(b)).toBe(assigned.get(b));
          else if (stewardCount === 1) expect(byBuilding.get(b)).toBe('p0');
          else expect(missing).toContain(b);
        }
        expect(byBuilding.size + missing.length).toBe(buildings.length);
      }),
    );
  });

  it('is once a year, and runs ten days in December by default', () => {
    expect(checkOneStewardRatingPerYear('2026-12-01', ['2025-12-01', '2027-01-05'])).toBeNull();
    expect(checkOneStewardRatingPerYear('2026-12-01', ['2026-06-01'])).toMatchObject({ code: 'SURVEY_STEWARD_RATING_EXISTS', field: 'startsOn' });
    expect(defaultStewardRatingPeriod('2026-03-15')).toEqual({ startsOn: '2026-12-01', endsOn: '2026-12-10' });
    expect(defaultStewardRatingPeriod('2026-12-06')).toEqual({ startsOn: '2026-12-06', endsOn: '2026-12-15' });
    expect(defaultStewardRatingPeriod('2026-12-28')).toEqual({ startsOn: '2027-12-01', endsOn: '2027-12-10' });
  });
});
