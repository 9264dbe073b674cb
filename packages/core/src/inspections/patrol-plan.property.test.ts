import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeCheck, isoWeekday, patrolTaskState, planPatrolTasks, repeatsOn, type PatrolPlanRule } from './patrol-plan.ts';

/**
 * Patrol plans' rules (issue 15 item 4): tasks only on the days a plan repeats, one per round, each
 * point's window inside its round, created the lead time ahead, assigned to the first inspector on
 * duty (rest days skipped); grading by the window.
 */
const date = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const repeat = fc.oneof(
  fc.record({ kind: fc.constant('weekdays' as const), weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }) }),
  fc.record({
    kind: fc.constant('days_of_month' as const),
    days: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(-1)), { minLength: 1, maxLength: 6 }),
  }),
);
const plan = fc.record({
  id: fc.constant('p1'),
  timeZone: fc.constantFrom('Asia/Shanghai', 'UTC'),
  repeat,
  rounds: fc.uniqueArray(time, { minLength: 1, maxLength: 3 }),
  route: fc.array(fc.record({ pointId: fc.uuid(), offsetMinutes: fc.integer({ min: 0, max: 120 }), windowMinutes: fc.integer({ min: 1, max: 60 }) }), {
    minLength: 1,
    maxLength: 5,
  }),
  inspectors: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }),
  leadMinutes: fc.integer({ min: 0, max: 24 * 60 }),
}) as fc.Arbitrary<PatrolPlanRule>;

describe('patrol plans (巡检计划)', () => {
  it('tasks fall only on the days the plan repeats, one per round, with windows inside the task and created ahead', () => {
    fc.assert(
      fc.property(plan, date, fc.integer({ min: 0, max: 40 }), fc.func(fc.boolean()), (p, from, span, duty) => {
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + span * 86_400_000).toISOString().slice(0, 10);
        const onDuty = (s: string, d: string) => duty(s, d);
        const tasks = planPatrolTasks(p, from, to, onDuty);
        const days = new Set<string>();
        for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) if (repeatsOn(p.repeat, d)) days.add(d);
        expect(tasks.length).toBe(days.size * p.rounds.length);
        for (const t of tasks) {
          expect(days.has(t.date)).toBe(true);
          expect(Date.parse(t.createAt)).toBe(Date.parse(t.startsAt) - p.leadMinutes * 60_000);
          for (const c of t.checks) {
            expect(Date.parse(c.opensAt)).toBeGreaterThanOrEqual(Date.parse(t.startsAt));
            expect(Date.parse(c.closesAt)).toBeLessThanOrEqual(Date.parse(t.endsAt));
            expect(Date.parse(c.closesAt)).toBeGreaterThan(Date.parse(c.opensAt));
          }
          // rest days skipped: the first inspector on duty, or nobody
          const expected = p.inspectors.find((s) => onDuty(s, t.date)) ?? null;
          expect(t.assigneeId).toBe(expected);
        }
        // generating twice makes the same tasks (their identity: plan, date, round)
        expect(planPatrolTasks(p, from, to, onDuty).map((t) => `${t.date} ${t.round}`)).toEqual(tasks.map((t) => `${t.date} ${t.round}`));
      }),
      { numRuns: 200 },
    );
  });

  it('weekday and day-of-month rules: -1 is the month’s last day, a day past its end is skipped', () => {
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(repeatsOn({ kind: 'days_of_month', days: [-1] }, '2026-02-28')).toBe(true);
    expect(repeatsOn({ kind: 'days_of_month', days: [31] }, '2026-02-28')).toBe(false);
    expect(repeatsOn({ kind: 'days_of_month', days: [30] }, '2026-04-30')).toBe(true);
  });

  it('a round’s times are local: 08:00 in Shanghai is 00:00 UTC', () => {
    const [t] = planPatrolTasks(
      {
        id: 'p',
        timeZone: 'Asia/Shanghai',
        repeat: { kind: 'weekdays', weekdays: [1] },
        rounds: ['08:00'],
        route: [{ pointId: 'x', offsetMinutes: 10, windowMinutes: 20 }],
        inspectors: ['a'],
        leadMinutes: 60,
      },
      '2026-12-07',
      '2026-12-07',
      () => true,
    );
    expect(t).toMatchObject({
      startsAt: '2026-12-07T00:00:00.000Z',
      createAt: '2026-12-06T23:00:00.000Z',
      endsAt: '2026-12-07T00:30:00.000Z',
      assigneeId: 'a',
    });
    expect(t!.checks[0]).toEqual({ pointId: 'x', opensAt: '2026-12-07T00:10:00.000Z', closesAt: '2026-12-07T00:30:00.000Z' });
  });

  it('grades by the window: early, on time, late within the grace, else missed; the task ends done, incomplete or overdue', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 400 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 120 }), (offset, width, grace) => {
        const opens = Date.parse('2026-12-07T00:00:00Z');
        const window = { opensAt: new Date(opens).toISOString(), closesAt: new Date(opens + width * 60_000).toISOString() };
        const grade = gradeCheck(window, new Date(opens + offset * 60_000).toISOString(), grace);
        const expected = offset < 0 ? 'early' : offset <= width ? 'on_time' : offset <= width + grace ? 'late' : 'missed';
        expect(grade).toBe(expected);
      }),
    );
    expect(gradeCheck({ opensAt: '2026-12-07T00:00:00Z', closesAt: '2026-12-07T01:00:00Z' }, null, 30)).toBe('missed');
    const task = { endsAt: '2026-12-07T01:00:00Z' };
    expect(patrolTaskState(task, ['on_time', 'late'], '2026-12-07T00:30:00Z')).toBe('done');
    expect(patrolTaskState(task, ['on_time', 'missed'], '2026-12-07T00:30:00Z')).toBe('running');
    expect(patrolTaskState(task, ['on_time', 'missed'], '2026-12-07T02:00:00Z')).toBe('incomplete');
    expect(patrolTaskState(task, ['missed', 'missed'], '2026-12-07T02:00:00Z')).toBe('overdue');
  });
});
