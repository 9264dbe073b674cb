import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { QuietSpan } from '../delivery/quiet-hours.ts';
import { addMonthsOnDay } from '../notices/statutory.ts';
import { keepsSpacing, minuteIsQuiet, monthBounds, planMonthlyVisits, type PlanHousehold, type PlanStaff, type VisitPlanInput } from './visit-plan.ts';
import { visitTimeProblem } from './visit-rules.ts';

const MONTH = '2026-12';
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const span: fc.Arbitrary<QuietSpan> = fc.record({ from: time, to: time });
const lastVisit = fc.option(
  fc.date({ min: new Date(Date.UTC(2024, 0, 1)), max: new Date(Date.UTC(2026, 10, 30)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  { nil: null },
);
const household = (i: number, buildings: number) =>
  fc
    .record({
      quiet: fc.array(span, { maxLength: 2 }),
      lastVisitOn: lastVisit,
      followUp: fc.boolean().map((b) => b && i % 7 === 0),
      recentOpinion: fc.boolean(),
    })
    .map((r): PlanHousehold => ({ unitId: `u${i}`, buildingId: `b${i % buildings}`, ownerId: `o${i}`, ...r }));

const input: fc.Arbitrary<VisitPlanInput> = fc
  .record({
    buildings: fc.integer({ min: 1, max: 4 }),
    count: fc.integer({ min: 0, max: 120 }),
    fd: fc.integer({ min: 0, max: 3 }),
    sup: fc.integer({ min: 0, max: 2 }),
    mgr: fc.integer({ min: 0, max: 1 }),
  })
  .chain(({ buildings, count, fd, sup, mgr }) =>
    fc.tuple(...Array.from({ length: count }, (_, i) => household(i, buildings))).map((households) => {
      const staff: PlanStaff[] = [
        ...Array.from({ length: fd }, (_, i) => ({ id: `fd${i}`, role: 'front_desk' as const })),
        ...Array.from({ length: sup }, (_, i) => ({ id: `sup${i}`, role: 'service_supervisor' as const })),
        ...Array.from({ length: mgr }, (_, i) => ({ id: `mgr${i}`, role: 'office_manager' as const })),
      ];
      return { month: MONTH, households, staff };
    }),
  );

const minuteOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** Households a routine visit may be planned for this month: spacing kept, and a time outside quiet hours exists. */
const schedulable = (h: PlanHousehold) => Array.from({ length: 25 }, (_, i) => 540 + i * 30).some((m) => !minuteIsQuiet(h.quiet, m));

describe('the monthly visit plan (走访计划)', () => {
  it('plans no household twice, and each visit inside the month, by 21:00 and outside the owner’s quiet hours', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const plan = planMonthlyVisits(inp);
        const units = plan.visits.map((v) => v.unitId);
        expect(new Set(units).size).toBe(units.length);
        const { first, last } = monthBounds(MONTH);
        const byUnit = new Map(inp.households.map((h) => [h.unitId, h]));
        for (const v of plan.visits) {
          expect(v.plannedOn >= first && v.plannedOn <= last).toBe(true);
          expect(minuteOf(v.plannedTime)).toBeLessThanOrEqual(21 * 60);
          expect(minuteOf(v.plannedTime)).toBeGreaterThanOrEqual(9 * 60);
          expect(minuteIsQuiet(byUnit.get(v.unitId)!.quiet, minuteOf(v.plannedTime))).toBe(false);
          expect(visitTimeProblem(v.plannedTime, byUnit.get(v.unitId)!.quiet, null)).toBeNull();
          if (v.companionId !== null) expect(v.companionId).not.toBe(v.assigneeId);
          if (inp.staff.length >= 2) expect(v.companionId).not.toBeNull();
        }
      }),
    );
  });

  it('keeps two months between routine visits of a household; required follow-ups override the spacing and are always planned', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const plan = planMonthlyVisits(inp);
        const byUnit = new Map(inp.households.map((h) => [h.unitId, h]));
        for (const v of plan.visits) {
          const h = byUnit.get(v.unitId)!;
          if (v.kind === 'routine') expect(keepsSpacing(h.lastVisitOn, v.plannedOn, 2)).toBe(true);
          else expect(h.followUp).toBe(true);
        }
        const planned = new Set(plan.visits.map((v) => v.unitId));
        for (const h of inp.households) if (h.followUp && schedulable(h)) expect(planned.has(h.unitId)).toBe(true);
      }),
    );
  });

  it('meets every quota where the building has enough households to visit', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const plan = planMonthlyVisits(inp);
        const limit = addMonthsOnDay(`${MONTH}-01`, -2, 1);
        for (const b of new Set(inp.households.map((h) => h.buildingId))) {
          const hs = inp.households.filter((h) => h.buildingId === b);
          const eligible = hs.filter((h) => (h.followUp || h.lastVisitOn === null || h.lastVisitOn <= limit) && schedulable(h)).length;
          const lines = plan.quotas.filter((q) => q.buildingId === b);
          const need = lines.reduce((n, q) => n + q.quota, 0);
          // the front-desk quota is ⌈10 %⌉ of the building's households; each supervisor 3, each manager 1
          const desk = lines.filter((q) => q.role === 'front_desk').reduce((n, q) => n + q.quota, 0);
          expect(desk).toBe(Math.ceil(hs.length * 0.1));
          for (const q of lines) if (q.role === 'service_supervisor') expect(q.quota).toBe(3);
          for (const q of lines) if (q.role === 'office_manager') expect(q.quota).toBe(1);
          if (eligible >= need) for (const q of lines) expect(q.planned).toBeGreaterThanOrEqual(q.quota);
          // each line's count is the plan's visits for that person in that building
          for (const q of lines)
            expect(plan.visits.filter((v) => v.buildingId === b && v.assigneeId === q.staffId && v.quotaRole === q.role).length).toBe(q.planned);
        }
      }),
    );
  });

  it('sees every household within a year: one not visited for 10 months is never left out while a less urgent routine visit is planned', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const plan = planMonthlyVisits(inp);
        const yearly = addMonthsOnDay(`${MONTH}-01`, -10, 1);
        const planned = new Set(plan.visits.map((v) => v.unitId));
        for (const b of new Set(inp.households.map((h) => h.buildingId))) {
          const lesser = plan.visits.some((v) => v.buildingId === b && v.reason === 'routine');
          if (!lesser) continue;
          for (const h of inp.households)
            if (h.buildingId === b && (h.lastVisitOn === null || h.lastVisitOn <= yearly) && schedulable(h)) expect(planned.has(h.unitId)).toBe(true);
        }
      }),
    );
  });

  it('puts owners with recent complaints or suggestions before other routine visits', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const plan = planMonthlyVisits(inp);
        const limit = addMonthsOnDay(`${MONTH}-01`, -2, 1);
        const planned = new Set(plan.visits.map((v) => v.unitId));
        for (const b of new Set(inp.households.map((h) => h.buildingId))) {
          if (!plan.visits.some((v) => v.buildingId === b && (v.reason === 'routine' || v.reason === 'yearly'))) continue;
          for (const h of inp.households)
            if (h.buildingId === b && h.recentOpinion && (h.lastVisitOn === null || h.lastVisitOn <= limit) && schedulable(h))
              expect(planned.has(h.unitId)).toBe(true);
        }
      }),
    );
  });

  it('regenerating keeps what is kept: a kept household is not planned again and counts toward its person’s quota', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 10 }), (inp, keepCount) => {
        const first = planMonthlyVisits(inp);
        const kept = first.visits
          .slice(0, keepCount)
          .map((v) => ({ unitId: v.unitId, buildingId: v.buildingId, assigneeId: v.assigneeId, quotaRole: v.quotaRole }));
        const again = planMonthlyVisits({ ...inp, kept });
        const keptUnits = new Set(kept.map((k) => k.unitId));
        for (const v of again.visits) expect(keptUnits.has(v.unitId)).toBe(false);
        // the same facts give the same plan
        expect(planMonthlyVisits(inp)).toEqual(first);
      }),
    );
  });

  it('refuses a time after 21:00 or in the owner’s quiet hours unless the owner asked for it (with the reason)', () => {
    fc.assert(
      fc.property(time, fc.array(span, { maxLength: 2 }), fc.option(fc.constantFrom('业主要求晚上来', ' '), { nil: null }), (t, quiet, reason) => {
        const problem = visitTimeProblem(t, quiet, reason);
        const asked = !!reason?.trim();
        const late = minuteOf(t) > 21 * 60;
        const isQuiet = minuteIsQuiet(quiet, minuteOf(t));
        if (asked) expect(problem).toBeNull();
        else if (late) expect(problem?.code).toBe('VISIT_TIME_AFTER_LATEST');
        else if (isQuiet) expect(problem?.code).toBe('VISIT_TIME_IN_QUIET_HOURS');
        else expect(problem).toBeNull();
      }),
    );
  });
});
