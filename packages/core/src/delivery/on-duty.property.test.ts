import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendar/business-calendar.ts';
import { alertDelivery, checkShift, MAX_SHIFT_MS, onDutyAt, overlappingShifts, type DutyShift } from './on-duty.ts';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 25, 1); // 2026-11-25 09:00 Asia/Shanghai
const staffId = fc.constantFrom('s-1', 's-2', 's-3', 's-4');
const projectId = fc.constantFrom('p-1', 'p-2');
const departmentId = fc.constantFrom(null, 'd-eng', 'd-sec');
const shift: fc.Arbitrary<DutyShift> = fc
  .record({ staffId, projectId, departmentId, start: fc.integer({ min: -48, max: 48 }), hours: fc.integer({ min: 1, max: 36 }) })
  .map(({ start, hours, ...s }) => ({ ...s, startsAt: T + start * HOUR, endsAt: T + (start + hours) * HOUR }));
const shifts = fc.array(shift, { maxLength: 12 });
const at = fc.integer({ min: T - 48 * HOUR, max: T + 84 * HOUR });
const exclude = fc.subarray(['s-1', 's-2', 's-3', 's-4']).map((a) => new Set(a));

describe('值班表: who is on duty', () => {
  it('returns only staff, not excluded, with a shift of the project covering the instant; sorted and unique', () => {
    fc.assert(
      fc.property(shifts, projectId, departmentId, at, exclude, (all, p, d, t, ex) => {
        const ids = onDutyAt(all, p, d, t, ex);
        expect(ids).toEqual([...new Set(ids)].sort());
        for (const id of ids) {
          expect(ex.has(id)).toBe(false);
          expect(all.some((s) => s.staffId === id && s.projectId === p && s.startsAt <= t && t < s.endsAt)).toBe(true);
        }
      }),
    );
  });

  it("the department's own shifts win over project-wide ones; project-wide ones answer when the department has none", () => {
    fc.assert(
      fc.property(shifts, projectId, departmentId, at, exclude, (all, p, d, t, ex) => {
        const ids = onDutyAt(all, p, d, t, ex);
        const current = all.filter((s) => s.projectId === p && s.startsAt <= t && t < s.endsAt && !ex.has(s.staffId));
        const own = current.filter((s) => d !== null && s.departmentId === d);
        const wide = current.filter((s) => s.departmentId === null);
        if (own.length) expect(ids).toEqual([...new Set(own.map((s) => s.staffId))].sort());
        else expect(ids).toEqual([...new Set(wide.map((s) => s.staffId))].sort());
      }),
    );
  });

  it('the accused is never paged, and the project-wide shift steps in when they were the only one on duty', () => {
    const roster: DutyShift[] = [
      { staffId: 's-eng', projectId: 'p-1', departmentId: 'd-eng', startsAt: T, endsAt: T + 12 * HOUR },
      { staffId: 's-wide', projectId: 'p-1', departmentId: null, startsAt: T - HOUR, endsAt: T + 24 * HOUR },
      { staffId: 's-other', projectId: 'p-2', departmentId: 'd-eng', startsAt: T, endsAt: T + 12 * HOUR },
    ];
    expect(onDutyAt(roster, 'p-1', 'd-eng', T + HOUR)).toEqual(['s-eng']);
    expect(onDutyAt(roster, 'p-1', 'd-eng', T + HOUR, new Set(['s-eng']))).toEqual(['s-wide']);
    expect(onDutyAt(roster, 'p-1', 'd-sec', T + HOUR)).toEqual(['s-wide']);
    expect(onDutyAt(roster, 'p-1', null, T + HOUR)).toEqual(['s-wide']);
    expect(onDutyAt(roster, 'p-1', 'd-eng', T + 12 * HOUR)).toEqual(['s-wide']); // the shift has ended
    expect(onDutyAt(roster, 'p-3', 'd-eng', T + HOUR)).toEqual([]);
  });
});

describe('值班表: paging or the digest', () => {
  const calendar = new BusinessCalendar({
    timeZone: 'Asia/Shanghai',
    week: [[], ...Array.from({ length: 5 }, () => [{ start: 510, end: 1080 }]), []],
    holidays: [],
    makeupWorkdays: [],
  });

  it('a clock on working time never pages; one on calendar time pages exactly outside working hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), (t) => {
        expect(alertDelivery('working', t, calendar)).toBe('digest');
        expect(alertDelivery('calendar', t, calendar)).toBe(calendar.isWorkingTime(t) ? 'digest' : 'page');
      }),
    );
  });

  it('a calendar-time breach on Wednesday 23:00 pages; at 10:00 it joins the digest', () => {
    expect(alertDelivery('calendar', Date.parse('2026-11-25T23:00:00+08:00'), calendar)).toBe('page');
    expect(alertDelivery('calendar', Date.parse('2026-11-25T10:00:00+08:00'), calendar)).toBe('digest');
  });
});

describe('值班表: checking a new shift', () => {
  const base: DutyShift = { staffId: 's-1', projectId: 'p-1', departmentId: null, startsAt: T, endsAt: T + 12 * HOUR };

  it('a shift must end after it starts and last at most 7 days', () => {
    expect(checkShift(base)).toEqual([]);
    expect(checkShift({ ...base, endsAt: T })).toEqual([{ field: 'endsAt', reason: 'ends_before_start' }]);
    expect(checkShift({ ...base, endsAt: T - HOUR })).toEqual([{ field: 'endsAt', reason: 'ends_before_start' }]);
    expect(checkShift({ ...base, endsAt: T + MAX_SHIFT_MS })).toEqual([]);
    expect(checkShift({ ...base, endsAt: T + MAX_SHIFT_MS + 1 })).toEqual([{ field: 'endsAt', reason: 'too_long' }]);
  });

  it('overlapping shifts are the same person’s in the same project sharing some instant', () => {
    fc.assert(
      fc.property(shift, shifts, (s, existing) => {
        const found = overlappingShifts(s, existing);
        for (const o of existing) {
          const shared = Math.max(o.startsAt, s.startsAt) < Math.min(o.endsAt, s.endsAt);
          expect(found.includes(o)).toBe(o.staffId === s.staffId && o.projectId === s.projectId && shared);
        }
      }),
    );
  });

  it('shifts that only touch do not overlap; the shift being edited is not its own overlap', () => {
    const next = { ...base, startsAt: base.endsAt, endsAt: base.endsAt + 8 * HOUR };
    const overlapping = { ...base, startsAt: base.endsAt - HOUR, endsAt: base.endsAt + HOUR };
    expect(overlappingShifts(base, [base, next, overlapping, { ...overlapping, staffId: 's-2' }, { ...overlapping, projectId: 'p-2' }])).toEqual([overlapping]);
  });
});
