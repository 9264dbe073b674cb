import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  addMonthsOnDay,
  dayOfMonth,
  daysInMonth,
  defaultStatutorySchedules,
  nextDueAfterPosting,
  nextStatutoryAlert,
  statutoryAlertAt,
  statutoryOverdueAt,
  statutoryStatus,
  statutoryWarnAt,
  type StatutoryAlertState,
} from './statutory.ts';

/** A local date between 2020 and 2040 (month ends and leap days included). */
const date = fc
  .date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dueDay = fc.integer({ min: 1, max: 31 });
const months = fc.integer({ min: -60, max: 60 });
const every = fc.integer({ min: 1, max: 24 });
const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kathmandu');
const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;

describe('month arithmetic on a schedule’s day (month-end safe)', () => {
  it('lands on the schedule’s day, or the month’s last day when the month is shorter', () => {
    fc.assert(
      fc.property(date, months, dueDay, (d, n, day) => {
        const out = addMonthsOnDay(d, n, day);
        expect(out).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out); // a real date
        expect(monthIndex(out) - monthIndex(d)).toBe(n);
        expect(dayOfMonth(out)).toBe(Math.min(day, daysInMonth(Number(out.slice(0, 4)), Number(out.slice(5, 7)))));
      }),
    );
  });

  it('never drifts: a steps of m then b steps equal one of m + b', () => {
    fc.assert(
      fc.property(date, months, months, dueDay, (d, a, b, day) => {
        expect(addMonthsOnDay(addMonthsOnDay(d, a, day), b, day)).toBe(addMonthsOnDay(d, a + b, day));
      }),
    );
  });

  it('month ends: 31 January → 28/29 February → 31 March', () => {
    expect(addMonthsOnDay('2026-01-31', 1, 31)).toBe('2026-02-28');
    expect(addMonthsOnDay('2028-01-31', 1, 31)).toBe('2028-02-29');
    expect(addMonthsOnDay(addMonthsOnDay('2026-01-31', 1, 31), 1, 31)).toBe('2026-03-31');
    expect(addMonthsOnDay('2026-08-31', 6, 31)).toBe('2027-02-28');
    expect(addMonthsOnDay('2026-12-15', -12, 15)).toBe('2025-12-15');
  });
});

describe('the due date after a posting', () => {
  it('is later than the posting and than the due date it covered, on the schedule’s cadence, with no period skipped', () => {
    fc.assert(
      fc.property(date, date, every, dueDay, (nextDueOn, postedOn, everyMonths, day) => {
        const s = { nextDueOn, everyMonths, dueDay: day };
        const next = nextDueAfterPosting(s, postedOn);
        expect(next > postedOn).toBe(true);
        expect(next > nextDueOn).toBe(true);
        // on the cadence: a whole number of periods after the covered due date, on the schedule's day
        const steps = monthIndex(next) - monthIndex(nextDueOn);
        expect(steps % everyMonths).toBe(0);
        expect(next).toBe(addMonthsOnDay(nextDueOn, steps, day));
        // the due date before it was the covered one, or not after the posting (a late posting skips only what it missed)
        const before = addMonthsOnDay(nextDueOn, steps - everyMonths, day);
        expect(steps === everyMonths || before <= postedOn).toBe(true);
      }),
    );
  });

  it('a posting on time or early moves the schedule on by exactly one period', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), every, (nextDueOn, early, everyMonths) => {
        const s = { nextDueOn, everyMonths, dueDay: dayOfMonth(nextDueOn) };
        expect(nextDueAfterPosting(s, addLocalDays(nextDueOn, -early))).toBe(addMonthsOnDay(nextDueOn, everyMonths, s.dueDay));
      }),
    );
  });

  it('examples: half-yearly on the 30th; a year late', () => {
    expect(nextDueAfterPosting({ nextDueOn: '2026-06-30', everyMonths: 6, dueDay: 30 }, '2026-06-25')).toBe('2026-12-30');
    expect(nextDueAfterPosting({ nextDueOn: '2026-06-30', everyMonths: 6, dueDay: 30 }, '2026-08-10')).toBe('2026-12-30');
    expect(nextDueAfterPosting({ nextDueOn: '2026-06-30', everyMonths: 6, dueDay: 30 }, '2027-07-01')).toBe('2027-12-30');
    expect(nextDueAfterPosting({ nextDueOn: '2026-08-31', everyMonths: 6, dueDay: 31 }, '2026-08-31')).toBe('2027-02-28');
  });
});

describe('warning, overdue and status in the project’s time zone', () => {
  it('warns at the start of the day warnDays before, is overdue from the start of the day after (Asia/Shanghai)', () => {
    const t = { nextDueOn: '2026-12-01', warnDays: 7, timeZone: 'Asia/Shanghai' };
    expect(statutoryWarnAt(t)).toBe('2026-11-23T16:00:00.000Z'); // 2026-11-24 00:00 in Shanghai
    expect(statutoryOverdueAt(t)).toBe('2026-12-01T16:00:00.000Z'); // 2026-12-02 00:00 in Shanghai
    expect(statutoryStatus(t, '2026-11-23T15:59:59.999Z')).toBe('ok');
    expect(statutoryStatus(t, '2026-11-23T16:00:00.000Z')).toBe('due_soon');
    expect(statutoryStatus(t, '2026-12-01T15:59:59.999Z')).toBe('due_soon'); // the due day itself, to its end
    expect(statutoryStatus(t, '2026-12-01T16:00:00.000Z')).toBe('overdue');
  });

  it('the status only moves forward in time: ok → due_soon → overdue', () => {
    const rank = { ok: 0, due_soon: 1, overdue: 2 } as const;
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2041, 0, 1) });
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 90 }), zone, instant, instant, (nextDueOn, warnDays, timeZone, a, b) => {
        const t = { nextDueOn, warnDays, timeZone };
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(rank[statutoryStatus(t, new Date(early).toISOString())]).toBeLessThanOrEqual(rank[statutoryStatus(t, new Date(late).toISOString())]);
        expect(Date.parse(statutoryWarnAt(t))).toBeLessThan(Date.parse(statutoryOverdueAt(t)));
      }),
    );
  });
});

describe('alerts: each once per due date', () => {
  const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2041, 0, 1) }).map((ms) => new Date(ms).toISOString());
  it('ticking at any rising instants sends at most one warning and one overdue notice, the overdue one exactly once past due', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), zone, fc.array(instant, { maxLength: 12 }), (nextDueOn, warnDays, timeZone, ticks) => {
        let s: StatutoryAlertState = { nextDueOn, warnDays, timeZone, active: true, warnedAt: null, overdueNotifiedAt: null };
        const sent: string[] = [];
        for (const now of [...ticks].sort()) {
          const alert = statutoryAlertAt(s, now);
          if (!alert) continue;
          sent.push(alert.kind);
          s = { ...s, ...alert.after };
          // the scheduler's index instant: never one already passed for an alert just sent
          const next = nextStatutoryAlert(s);
          if (next) expect(next.kind).toBe('overdue');
        }
        expect(sent.filter((k) => k === 'due_soon').length).toBeLessThanOrEqual(1);
        expect(sent.filter((k) => k === 'overdue').length).toBeLessThanOrEqual(1);
        const last = [...ticks].sort().at(-1);
        if (last && statutoryStatus(s, last) === 'overdue') expect(sent.at(-1)).toBe('overdue');
        if (sent.includes('overdue')) expect(nextStatutoryAlert(s)).toBeNull();
      }),
    );
  });

  it('a deactivated schedule owes nothing', () => {
    const s: StatutoryAlertState = { nextDueOn: '2026-01-01', warnDays: 7, timeZone: 'Asia/Shanghai', active: false, warnedAt: null, overdueNotifiedAt: null };
    expect(nextStatutoryAlert(s)).toBeNull();
    expect(statutoryAlertAt(s, '2027-01-01T00:00:00.000Z')).toBeNull();
  });
});

describe('the default schedule of a new project', () => {
  it('fees, services and contractors within a month then yearly; common-area income and the fund every half year', () => {
    const list = defaultStatutorySchedules('2026-11-25');
    expect(list.map((s) => [s.subject, s.everyMonths, s.nextDueOn])).toEqual([
      ['fees_and_standards', 12, '2026-12-25'],
      ['service_content', 12, '2026-12-25'],
      ['contractors', 12, '2026-12-25'],
      ['public_income', 6, '2027-05-25'],
      ['maintenance_fund', 6, '2027-05-25'],
    ]);
    expect(list.every((s) => s.warnDays === 7 && /公示$/.test(s.title))).toBe(true);
  });
});
