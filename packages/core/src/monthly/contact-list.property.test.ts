import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactClock, contactDueOn, monthInstants, nextMonthOf, planContactList, type ContactRowPlan, type ContactSource } from './contact-list.ts';

/**
 * The contact list's rule (每月投诉和提出意见的客户沟通), checked against its plain reading: every owner
 * who raised something has exactly one row holding each thing they raised; generating again (with
 * the same or more sources, in any order) adds owners and cases but never a second row or case; the
 * due date is the 5th (or the chosen day) of the following month.
 */

const owner = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6');
const caseId = fc.integer({ min: 1, max: 30 }).map((n) => `c${n}`);
const sources = fc.array(fc.record({ ownerId: owner, caseId }), { maxLength: 40 });
const month = fc
  .record({ y: fc.integer({ min: 2020, max: 2040 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);

/** Applies a plan to rows (what the store does). */
function apply(rows: readonly ContactRowPlan[], plan: ReturnType<typeof planContactList>): ContactRowPlan[] {
  const grown = new Map(plan.grown.map((g) => [g.ownerId, g.added]));
  return [...rows.map((r) => ({ ownerId: r.ownerId, caseIds: [...r.caseIds, ...(grown.get(r.ownerId) ?? [])] })), ...plan.created];
}

/** The list written in one go from the sources: each owner once, their distinct cases. */
function expected(all: readonly ContactSource[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const s of all) m.set(s.ownerId, (m.get(s.ownerId) ?? new Set()).add(s.caseId));
  return m;
}

const asMap = (rows: readonly ContactRowPlan[]) => new Map(rows.map((r) => [r.ownerId, new Set(r.caseIds)]));

describe('the monthly contact list', () => {
  it('lists every owner who raised something exactly once, with each thing they raised once', () => {
    fc.assert(
      fc.property(sources, (all) => {
        const rows = apply([], planContactList([], all));
        expect(new Set(rows.map((r) => r.ownerId)).size).toBe(rows.length);
        for (const r of rows) expect(new Set(r.caseIds).size).toBe(r.caseIds.length);
        expect(asMap(rows)).toEqual(expected(all));
      }),
    );
  });

  it('regenerating changes nothing; generating during the month adds owners and cases, never duplicates', () => {
    fc.assert(
      fc.property(sources, sources, (early, later) => {
        const first = apply([], planContactList([], early));
        const again = planContactList(first, early);
        expect(again).toEqual({ created: [], grown: [] });
        // later in the month the sources are the early ones and more, in any order
        const all = [...later, ...early];
        const second = apply(first, planContactList(first, all));
        expect(new Set(second.map((r) => r.ownerId)).size).toBe(second.length);
        expect(asMap(second)).toEqual(expected(all));
        // every early row keeps its cases, in their order, first
        for (const r of first) expect(second.find((s) => s.ownerId === r.ownerId)!.caseIds.slice(0, r.caseIds.length)).toEqual(r.caseIds);
        expect(planContactList(second, all)).toEqual({ created: [], grown: [] });
      }),
    );
  });

  it('is due on the chosen day of the following month (the 5th by default), within it', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 1, max: 28 }), (m, day) => {
        const due = contactDueOn(m, day);
        expect(due).toBe(`${nextMonthOf(m)}-${String(day).padStart(2, '0')}`);
        expect(contactDueOn(m)).toBe(`${nextMonthOf(m)}-05`);
        expect(nextMonthOf(m) > m).toBe(true);
      }),
    );
  });

  it('a clock: on time, at risk in the last days, overdue after the due day; done or done late once closed', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -40, max: 40 }), fc.boolean(), (m, offset, closed) => {
        const dueOn = contactDueOn(m);
        const day = new Date(Date.parse(`${dueOn}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const state = contactClock({ dueOn, closedOn: closed ? day : null }, day, 2);
        if (closed) expect(state).toBe(offset <= 0 ? 'done' : 'done_late');
        else expect(state).toBe(offset > 0 ? 'overdue' : offset >= -2 ? 'at_risk' : 'on_time');
      }),
    );
  });

  it('a month’s instants in Shanghai start at 00:00 local (16:00 UTC the day before) and meet the next month’s', () => {
    fc.assert(
      fc.property(month, (m) => {
        const { from, to } = monthInstants(m, 'Asia/Shanghai');
        expect(from).toBe(new Date(Date.parse(`${m}-01T00:00:00+08:00`)).toISOString());
        expect(monthInstants(nextMonthOf(m), 'Asia/Shanghai').from).toBe(to);
      }),
    );
  });
});
