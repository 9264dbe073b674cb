import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMonday, mayCallWeeklySample, previousWeekStart, sampleSize, sampleWorkOrders, weekBounds, weekStartOf } from './weekly-sample.ts';

const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 300 });
const seed = fc.integer({ min: 0, max: 0xffffffff });
const fraction = fc.constantFrom(0.2, 0.1, 0.25, 0.3, 0.5, 1);

describe('the weekly sample (抽样回访)', () => {
  it('the same seed reproduces the sample, whatever the order the population comes in', () => {
    fc.assert(
      fc.property(ids, seed, fraction, (population, s, f) => {
        const shuffled = [...population].reverse();
        expect(sampleWorkOrders(shuffled, f, s)).toEqual(sampleWorkOrders(population, f, s));
      }),
    );
  });

  it('draws ⌈20%⌉ of the population (at least one when any), no work order twice, only the population’s ids', () => {
    fc.assert(
      fc.property(ids, seed, (population, s) => {
        const sample = sampleWorkOrders(population, 0.2, s);
        const n = population.length;
        // integer arithmetic: ⌈n / 5⌉
        expect(sample.length).toBe(n === 0 ? 0 : Math.max(1, Math.floor((n + 4) / 5)));
        expect(new Set(sample).size).toBe(sample.length);
        const all = new Set(population);
        for (const id of sample) expect(all.has(id)).toBe(true);
      }),
    );
  });

  it('duplicates in the population count once', () => {
    fc.assert(
      fc.property(ids, seed, (population, s) => {
        expect(sampleWorkOrders([...population, ...population], 0.2, s)).toEqual(sampleWorkOrders(population, 0.2, s));
      }),
    );
  });

  it('every member can be drawn: over many seeds each of a small population shows up', () => {
    const population = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const seen = new Set<string>();
    for (let s = 0; s < 200; s++) for (const id of sampleWorkOrders(population, 0.2, s)) seen.add(id);
    expect(seen.size).toBe(population.length);
  });

  it('sample sizes are exact for shares of whole numbers (no floating-point excess)', () => {
    expect(sampleSize(15, 0.2)).toBe(3);
    expect(sampleSize(16, 0.2)).toBe(4);
    expect(sampleSize(1, 0.2)).toBe(1);
    expect(sampleSize(0, 0.2)).toBe(0);
  });

  it('weeks run Monday to Monday in local time; the week before a Monday is the previous one', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((t) => new Date(t).toISOString());
    fc.assert(
      fc.property(instant, fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'UTC'), (at, tz) => {
        const monday = weekStartOf(at, tz);
        expect(isMonday(monday)).toBe(true);
        const { from, to } = weekBounds(monday, tz);
        expect(from <= at && at < to).toBe(true);
        const before = previousWeekStart(at, tz);
        expect(weekBounds(before, tz).to).toBe(from);
      }),
    );
  });

  it('only company staff outside the project may call its sample', () => {
    expect(mayCallWeeklySample({ canCall: true, companyWide: true, projectIds: [] }, 'p1')).toBe(true);
    expect(mayCallWeeklySample({ canCall: true, companyWide: true, projectIds: ['p1'] }, 'p1')).toBe(false);
    expect(mayCallWeeklySample({ canCall: true, companyWide: false, projectIds: ['p2'] }, 'p1')).toBe(false);
    expect(mayCallWeeklySample({ canCall: false, companyWide: true, projectIds: [] }, 'p1')).toBe(false);
  });
});
