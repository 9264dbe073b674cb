import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { BusinessCalendar, withOwnDates, type BusinessCalendarSpec, type WorkingSpan } from './business-calendar.ts';
import { mainlandCalendarSpec, MAINLAND_YEARS } from './mainland-calendar.ts';

const mainland = new BusinessCalendar(mainlandCalendarSpec());
/** An instant from Beijing local time. */
const bj = (local: string) => Date.parse(`${local}+08:00`);
const iso = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the published mainland calendars', () => {
  it('ship both years as published: 2025 has 28 holiday dates and 5 make-up days, 2026 has 33 and 6', () => {
    expect(MAINLAND_YEARS['2025']!.holidays).toHaveLength(28);
    expect(MAINLAND_YEARS['2025']!.makeupWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(MAINLAND_YEARS['2026']!.holidays).toHaveLength(33);
    expect(MAINLAND_YEARS['2026']!.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('spring festival 2026: Saturday 14 Feb is a make-up working day, 15–23 Feb are off, Tuesday 24 Feb works', () => {
    expect(mainland.isWorkingTime(bj('2026-02-14T09:00'))).toBe(true);
    for (let d = 15; d <= 23; d += 1) expect(mainland.isWorkingDate(`2026-02-${d}`)).toBe(false);
    expect(mainland.isWorkingTime(bj('2026-02-16T10:00'))).toBe(false); // a Monday inside the holiday
    expect(mainland.isWorkingTime(bj('2026-02-24T09:00'))).toBe(true);
  });

  it('a complaint plan due in 3 working days from Friday 13 Feb 2026 10:00 is due Wednesday 25 Feb 10:00', () => {
    // Sat 14 (make-up) is day 1, Tue 24 is day 2, Wed 25 is day 3
    expect(iso(mainland.addWorkingDays(bj('2026-02-13T10:00'), 3))).toBe('2026-02-25 10:00');
  });

  it('60 working minutes from Friday 13 Feb 2026 17:30 end at 09:00 on the make-up Saturday', () => {
    expect(iso(mainland.addWorkingMinutes(bj('2026-02-13T17:30'), 60))).toBe('2026-02-14 09:00');
  });

  it('spring festival 2025: Sunday 26 Jan works, 28 Jan – 4 Feb are off, Saturday 8 Feb works', () => {
    expect(mainland.isWorkingDate('2025-01-26')).toBe(true);
    expect(mainland.isWorkingDate('2025-01-27')).toBe(true);
    for (const d of ['2025-01-28', '2025-01-31', '2025-02-03', '2025-02-04']) expect(mainland.isWorkingDate(d)).toBe(false);
    expect(mainland.isWorkingDate('2025-02-05')).toBe(true);
    expect(mainland.isWorkingDate('2025-02-08')).toBe(true);
    // 4 h of work asked on the eve of the holiday (Mon 27 Jan 16:00) → 2 h that day, 2 h on 5 Feb
    expect(iso(mainland.addWorkingMinutes(bj('2025-01-27T16:00'), 240))).toBe('2025-02-05 10:30');
    expect(mainland.workingMinutesBetween(bj('2025-01-27T16:00'), bj('2025-02-05T10:30'))).toBe(240);
  });

  it('National Day 2025 (1–8 Oct off) with make-up Sundays 28 Sep and Saturday 11 Oct', () => {
    expect(mainland.isWorkingDate('2025-09-28')).toBe(true);
    expect(mainland.isWorkingDate('2025-10-08')).toBe(false);
    expect(mainland.isWorkingDate('2025-10-11')).toBe(true);
    expect(iso(mainland.addWorkingDays(bj('2025-09-30T15:00'), 1))).toBe('2025-10-09 15:00');
  });

  it('lunch is not working time; a clock started at lunch starts at 13:30', () => {
    expect(mainland.workingMinutesBetween(bj('2026-11-25T11:00'), bj('2026-11-25T14:00'))).toBe(90);
    expect(mainland.isWorkingTime(bj('2026-11-25T12:30'))).toBe(false);
    expect(iso(mainland.nextWorkingMoment(bj('2026-11-25T12:30')))).toBe('2026-11-25 13:30');
    expect(iso(mainland.addWorkingMinutes(bj('2026-11-25T11:45'), 30))).toBe('2026-11-25 13:45');
  });

  it('a due time at the close of the day is 18:00 that day, not 08:30 the next', () => {
    expect(iso(mainland.addWorkingMinutes(bj('2026-11-25T17:00'), 60))).toBe('2026-11-25 18:00');
    expect(iso(mainland.endOfWorkingDay(bj('2026-11-25T09:00'))!)).toBe('2026-11-25 18:00');
    expect(mainland.endOfWorkingDay(bj('2026-11-28T09:00'))).toBeNull(); // a Saturday
    // received on Saturday: 1 working day → the end of Monday
    expect(iso(mainland.addWorkingDays(bj('2026-11-28T10:00'), 1))).toBe('2026-11-30 18:00');
  });

  it('lateness is measured in working minutes, negative when early', () => {
    expect(mainland.workingMinutesBetween(bj('2026-11-27T17:00'), bj('2026-11-30T09:10'))).toBe(100);
    expect(mainland.workingMinutesBetween(bj('2026-11-30T09:10'), bj('2026-11-27T17:00'))).toBe(-100);
  });
});

describe('calendar validation names the field and the reason', () => {
  const base = mainlandCalendarSpec();
  const refusal = (spec: BusinessCalendarSpec) => {
    try {
      new BusinessCalendar(spec);
    } catch (e) {
      return e instanceof DomainError ? { code: e.code, field: e.field, params: e.params } : e;
    }
    return null;
  };
  it('a date both holiday and make-up working day is refused', () => {
    expect(refusal({ ...base, makeupWorkdays: [...base.makeupWorkdays, '2026-10-01'] })).toEqual({
      code: 'CALENDAR_DATE_CONFLICT',
      field: `makeupWorkdays.${base.makeupWorkdays.length}`,
      params: { date: '2026-10-01' },
    });
  });
  it('bad dates, spans, weeks and zones are refused', () => {
    expect(refusal({ ...base, holidays: ['2026-02-30'] })).toMatchObject({ code: 'CALENDAR_DATE_INVALID', field: 'holidays.0' });
    expect(refusal({ ...base, holidays: ['26-1-1'] })).toMatchObject({ code: 'CALENDAR_DATE_INVALID', field: 'holidays.0' });
    expect(refusal({ ...base, week: base.week.slice(0, 6) })).toMatchObject({ code: 'CALENDAR_WEEK_INVALID', field: 'week' });
    const overlapping = [...base.week];
    overlapping[2] = [
      { start: 510, end: 720 },
      { start: 700, end: 1080 },
    ];
    expect(refusal({ ...base, week: overlapping })).toMatchObject({ code: 'CALENDAR_SPAN_INVALID', field: 'week.2.1' });
    const backwards = [...base.week];
    backwards[3] = [{ start: 600, end: 540 }];
    expect(refusal({ ...base, week: backwards })).toMatchObject({ code: 'CALENDAR_SPAN_INVALID', field: 'week.3.0' });
    expect(refusal({ ...base, timeZone: 'Mars/Olympus' })).toMatchObject({ code: 'CALENDAR_TIME_ZONE_UNKNOWN', field: 'timeZone' });
    expect(refusal({ ...base, week: [[], [], [], [], [], [], []], makeupWorkdays: [] })).toBeNull(); // valid, if useless…
    expect(() => new BusinessCalendar({ ...base, week: [[], [], [], [], [], [], []], makeupWorkdays: [] }).addWorkingMinutes(0, 1)).toThrow(DomainError);
  });
});

describe('time zones with daylight saving', () => {
  it('Europe/Berlin: 08:30 local is 07:30Z in winter and 06:30Z in summer', () => {
    const berlin = new BusinessCalendar(mainlandCalendarSpec({ timeZone: 'Europe/Berlin', years: {} }));
    expect(new Date(berlin.nextWorkingMoment(Date.parse('2026-03-27T00:00Z'))).toISOString()).toBe('2026-03-27T07:30:00.000Z');
    expect(new Date(berlin.nextWorkingMoment(Date.parse('2026-03-30T00:00Z'))).toISOString()).toBe('2026-03-30T06:30:00.000Z');
    // Friday 17:00 CET + 120 working minutes crosses the spring-forward weekend: Monday 09:30 CEST
    expect(new Date(berlin.addWorkingMinutes(Date.parse('2026-03-27T16:00Z'), 120)).toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });
});

// --- properties ------------------------------------------------------------------------------

const spanArb: fc.Arbitrary<WorkingSpan[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 6 })
  .map((marks) => marks.sort((a, b) => a - b).map((m) => m * 30))
  .map((marks) => {
    const spans: WorkingSpan[] = [];
    for (let i = 0; i + 1 < marks.length; i += 2) spans.push({ start: marks[i]!, end: marks[i + 1]! });
    return spans;
  });
const dateArb = fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    week: fc.array(spanArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(dateArb, { maxLength: 40 }),
    makeup: fc.uniqueArray(dateArb, { maxLength: 10 }),
    zone: fc.constantFrom('Asia/Shanghai', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York'),
  })
  .filter((r) => r.week.some((d) => d.length > 0))
  .map((r) => new BusinessCalendar({ timeZone: r.zone, week: r.week, holidays: r.holidays, makeupWorkdays: r.makeup.filter((d) => !r.holidays.includes(d)) }));
const calendars = fc.oneof(fc.constant(mainland), calendarArb);
/** Instants in 2025–2026, on whole seconds (a clock starts at an event's time). */
const instantArb = fc.integer({ min: Date.parse('2025-01-01T00:00Z') / 1000, max: Date.parse('2026-12-01T00:00Z') / 1000 }).map((s) => s * 1000);
const minutesArb = fc.integer({ min: 0, max: 5 * 8 * 60 });

describe('calendar properties', () => {
  it('adding N working minutes and measuring back gives N', () => {
    fc.assert(
      fc.property(calendars, instantArb, minutesArb, (cal, t, n) => {
        expect(cal.workingMinutesBetween(t, cal.addWorkingMinutes(t, n))).toBeCloseTo(n, 9);
      }),
    );
  });

  it('a result never falls in non-working time (it may be the closing edge of a span)', () => {
    fc.assert(
      fc.property(calendars, instantArb, fc.integer({ min: 1, max: 2400 }), (cal, t, n) => {
        const due = cal.addWorkingMinutes(t, n);
        expect(cal.isWorkingTime(due - 1)).toBe(true);
        expect(due).toBeGreaterThan(t);
      }),
    );
  });

  it('a pause of P working minutes moves the due instant by exactly P working minutes', () => {
    fc.assert(
      fc.property(calendars, instantArb, minutesArb, fc.integer({ min: 0, max: 1000 }), (cal, t, target, pause) => {
        const due = cal.addWorkingMinutes(t, target);
        const paused = cal.addWorkingMinutes(t, target + pause);
        expect(cal.workingMinutesBetween(due, paused)).toBeCloseTo(pause, 9);
      }),
    );
  });

  it('monotonic in the start instant and in the amount', () => {
    fc.assert(
      fc.property(calendars, instantArb, instantArb, minutesArb, fc.integer({ min: 0, max: 300 }), (cal, a, b, n, more) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingMinutes(early, n)).toBeLessThanOrEqual(cal.addWorkingMinutes(late, n));
        expect(cal.addWorkingMinutes(early, n)).toBeLessThanOrEqual(cal.addWorkingMinutes(early, n + more));
        expect(cal.addWorkingDays(early, 2)).toBeLessThanOrEqual(cal.addWorkingDays(late, 2));
      }),
    );
  });

  it('working time between is additive: [a,b) + [b,c) = [a,c)', () => {
    fc.assert(
      fc.property(calendars, instantArb, instantArb, instantArb, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(cal.workingMinutesBetween(a, b) + cal.workingMinutesBetween(b, c)).toBeCloseTo(cal.workingMinutesBetween(a, c), 6);
      }),
      { numRuns: 50 },
    );
  });

  it('N working days land on a working day, after the start, with N − 1 whole working days between', () => {
    fc.assert(
      fc.property(calendars, instantArb, fc.integer({ min: 1, max: 10 }), (cal, t, n) => {
        const due = cal.addWorkingDays(t, n);
        expect(due).toBeGreaterThan(t);
        expect(cal.isWorkingTime(due - 1)).toBe(true);
        // the working dates strictly between the start's working day and the due day number n − 1
        const startDay = cal.localDate(cal.nextWorkingMoment(t));
        const dueDay = cal.localDate(due - 1);
        let between = 0;
        for (let d = Date.parse(`${startDay}T00:00Z`) + 86_400_000; d < Date.parse(`${dueDay}T00:00Z`); d += 86_400_000) {
          if (cal.isWorkingDate(new Date(d).toISOString().slice(0, 10))) between += 1;
        }
        expect(between).toBeLessThanOrEqual(n - 1);
        expect(between).toBeGreaterThanOrEqual(n - 2);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a project’s own dates on top of the published years', () => {
  it('closes on its own holidays and works on its own make-up days; every other date is the organization’s', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(dateArb, { maxLength: 12 }),
        fc.uniqueArray(dateArb, { maxLength: 12 }),
        fc.array(dateArb, { minLength: 1, maxLength: 20 }),
        (off, on, probes) => {
          const ownOn = on.filter((d) => !off.includes(d)); // a date in both is refused before it gets here
          const base = mainlandCalendarSpec();
          const merged = new BusinessCalendar(withOwnDates(base, { holidays: off, makeupWorkdays: ownOn }));
          for (const d of off) expect(merged.isWorkingDate(d)).toBe(false);
          for (const d of ownOn) expect(merged.isWorkingDate(d)).toBe(true);
          for (const d of probes.filter((p) => !off.includes(p) && !ownOn.includes(p))) expect(merged.isWorkingDate(d)).toBe(mainland.isWorkingDate(d));
        },
      ),
    );
  });

  it('a local holiday on a Wednesday moves a 1-working-day limit to Thursday', () => {
    const own = new BusinessCalendar(withOwnDates(mainlandCalendarSpec(), { holidays: ['2026-12-02'], makeupWorkdays: [] }));
    expect(iso(mainland.addWorkingDays(bj('2026-12-01T10:00'), 1))).toBe('2026-12-02 10:00');
    expect(iso(own.addWorkingDays(bj('2026-12-01T10:00'), 1))).toBe('2026-12-03 10:00');
  });

  it('a project that works on National Day counts it as a working day', () => {
    const own = new BusinessCalendar(withOwnDates(mainlandCalendarSpec(), { holidays: [], makeupWorkdays: ['2026-10-02'] }));
    expect(mainland.isWorkingDate('2026-10-02')).toBe(false);
    expect(own.isWorkingDate('2026-10-02')).toBe(true);
  });
});
