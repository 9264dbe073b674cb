import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  causeState,
  MAIN_CAUSE_SHARE,
  measureOverdue,
  monthsOf,
  nextMonth,
  rankComplaintCauses,
  unansweredIneffective,
  type CauseCount,
} from './complaint-causes.ts';

/** Issue 16 item 1's rules: the complaint causes ranked, the main causes (Pareto, 80 %), a cause's state from its measures. */
const counts: fc.Arbitrary<CauseCount[]> = fc.array(
  fc.record({
    category: fc.option(fc.constantFrom('噪音', '停车', '保洁', '绿化', '维修', '收费', '安保'), { nil: null }),
    count: fc.integer({ min: 0, max: 40 }),
  }),
  { maxLength: 12 },
);

describe('complaint causes ranked (投诉原因分析)', () => {
  it('keeps every complaint once, ordered by count, ranks shared by equal counts', () => {
    fc.assert(
      fc.property(counts, (input) => {
        const ranked = rankComplaintCauses(input);
        const total = input.reduce((s, c) => s + c.count, 0);
        expect(ranked.reduce((s, c) => s + c.count, 0)).toBe(total);
        expect(new Set(ranked.map((c) => c.category)).size).toBe(ranked.length);
        for (const c of ranked) expect(c.count).toBe(input.filter((x) => x.category === c.category).reduce((s, x) => s + x.count, 0));
        ranked.forEach((c, i) => {
          expect(c.count).toBeGreaterThan(0);
          if (i === 0) expect(c.rank).toBe(1);
          else {
            const p = ranked[i - 1]!;
            expect(c.count).toBeLessThanOrEqual(p.count);
            expect(c.rank).toBe(c.count === p.count ? p.rank : i + 1);
          }
        });
        if (ranked.length) expect(ranked.at(-1)!.cumulativeShare).toBe(1);
      }),
    );
  });

  it('the main causes are named, cover 80 % of the named complaints, and no fewer would (ties alike)', () => {
    fc.assert(
      fc.property(counts, (input) => {
        const ranked = rankComplaintCauses(input);
        const named = ranked.filter((c) => c.category !== null);
        const namedTotal = named.reduce((s, c) => s + c.count, 0);
        const main = ranked.filter((c) => c.main);
        expect(main.every((c) => c.category !== null)).toBe(true);
        if (namedTotal === 0) {
          expect(main).toEqual([]);
          return;
        }
        // enough: together at least 80 %
        expect(main.reduce((s, c) => s + c.count, 0)).toBeGreaterThanOrEqual(MAIN_CAUSE_SHARE * namedTotal);
        // no more than needed: without the smallest main count, less than 80 %
        const smallest = Math.min(...main.map((c) => c.count));
        expect(main.filter((c) => c.count > smallest).reduce((s, c) => s + c.count, 0)).toBeLessThan(MAIN_CAUSE_SHARE * namedTotal);
        // equal counts, equal judgement; a main cause never follows one that is not
        for (const a of named) for (const b of named) if (a.count === b.count) expect(a.main).toBe(b.main);
        for (const a of named) for (const b of named) if (b.main && a.count > b.count) expect(a.main).toBe(true);
      }),
    );
  });

  it('a cause is done only when every measure is; overdue when any planned one is past its due date', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    const measure = fc.record({ status: fc.constantFrom('planned', 'done'), dueDate: day, today: day });
    fc.assert(
      fc.property(fc.array(measure, { maxLength: 5 }), (ms) => {
        const state = causeState(ms);
        const expected = !ms.length
          ? 'no_measure'
          : ms.some((m) => measureOverdue(m, m.today))
            ? 'overdue'
            : ms.every((m) => m.status === 'done')
              ? 'done'
              : 'in_progress';
        expect(state).toBe(expected);
      }),
    );
  });

  it('a measure verified ineffective makes the cause 措施无效 until a measure of its project recorded since answers it', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    const measure = fc
      .record({
        status: fc.constantFrom('planned', 'done'),
        dueDate: day,
        today: day,
        projectId: fc.constantFrom('p1', 'p2'),
        createdAt: day.map((d) => `${d}T02:00:00.000Z`),
        effective: fc.constantFrom(null, true, false),
      })
      // only a done measure is verified
      .map((m) => (m.status === 'done' ? m : { ...m, effective: null }));
    fc.assert(
      fc.property(fc.array(measure, { maxLength: 6 }), (ms) => {
        const state = causeState(ms);
        // a new measure answers an ineffective one: the same project, recorded no earlier, not itself found ineffective
        const needsNew = ms.some(
          (m, i) => m.effective === false && ms.every((n, j) => j === i || n.projectId !== m.projectId || n.createdAt < m.createdAt || n.effective === false),
        );
        expect(unansweredIneffective(ms)).toBe(needsNew);
        if (!ms.length) expect(state).toBe('no_measure');
        else if (ms.some((m) => measureOverdue(m, m.today))) expect(state).toBe('overdue');
        else if (needsNew) expect(state).toBe('ineffective');
        else expect(state).toBe(ms.every((m) => m.status === 'done') ? 'done' : 'in_progress');
        // an ineffective verdict never leaves a cause 已完成 unanswered
        if (needsNew) expect(state).not.toBe('done');
      }),
    );
  });

  it('the month after a month', () => {
    expect(nextMonth('2026-11')).toBe('2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        expect(monthsOf(`${month}-01`, `${nextMonth(month)}-02`)).toEqual([month, nextMonth(month)]);
      }),
    );
  });

  it('the months of a period are the ones its days touch', () => {
    expect(monthsOf('2026-11-01', '2026-12-01')).toEqual(['2026-11']);
    expect(monthsOf('2026-11-15', '2027-02-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsOf('2026-01-01', '2027-01-01')).toHaveLength(12);
  });
});
