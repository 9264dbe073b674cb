import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretOwnerSearch, moveOutDateProblem, newOwnerVisitDueOn, primaryAfter, type UnitTie } from './tenure.ts';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('the new-owner visit (新业主回访, within one month of move-in)', () => {
  it('is the same day next month, or that month’s last day', () => {
    expect(newOwnerVisitDueOn('2026-11-20')).toBe('2026-12-20');
    expect(newOwnerVisitDueOn('2026-12-15')).toBe('2027-01-15');
    expect(newOwnerVisitDueOn('2027-01-31')).toBe('2027-02-28');
    expect(newOwnerVisitDueOn('2028-01-31')).toBe('2028-02-29');
    expect(newOwnerVisitDueOn('2026-03-31')).toBe('2026-04-30');
  });

  it('property: due after the move-in, in the next calendar month, never more than 31 days later', () => {
    fc.assert(
      fc.property(day, (moveIn) => {
        const due = newOwnerVisitDueOn(moveIn);
        const days = (Date.parse(due) - Date.parse(moveIn)) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
        const [y, m] = moveIn.split('-').map(Number) as [number, number];
        const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
        expect(due.slice(0, 7)).toBe(next);
      }),
    );
  });
});

describe('move-out dates', () => {
  it('not before the tie began, not after today', () => {
    expect(moveOutDateProblem('2026-11-20', '2026-11-21', '2026-11-25')).toBe('before_move_in');
    expect(moveOutDateProblem('2026-11-26', '2026-01-01', '2026-11-25')).toBe('in_future');
    expect(moveOutDateProblem('2026-11-25', '2026-11-25', '2026-11-25')).toBeNull();
    expect(moveOutDateProblem('2020-01-01', null, '2026-11-25')).toBeNull();
  });
});

describe('主业主 when people leave or arrive', () => {
  const tie = (ownerId: string, relation: 'owner' | 'occupant', isPrimary: boolean, createdAt: string): UnitTie => ({
    ownerId,
    relation,
    isPrimary,
    createdAt,
  });
  const ties = [
    tie('a', 'owner', true, '2020-01-01'),
    tie('b', 'owner', false, '2021-01-01'),
    tie('c', 'owner', false, '2020-06-01'),
    tie('t', 'occupant', false, '2019-01-01'),
  ];

  it('a remaining primary stays; the earliest remaining 产权人 takes over; occupants never', () => {
    expect(primaryAfter(ties, new Set(['b']))).toBe('a');
    expect(primaryAfter(ties, new Set(['a']))).toBe('c');
    expect(primaryAfter(ties, new Set(['a', 'b', 'c']))).toBeNull();
    // 过户: every 产权人 leaves, the buyer arrives and becomes primary
    expect(primaryAfter(ties, new Set(['a', 'b', 'c']), [tie('n', 'owner', false, '2026-11-25')])).toBe('n');
    // an occupant who buys: the arriving tie replaces their current one
    expect(primaryAfter(ties, new Set(['a', 'b', 'c', 't']), [tie('t', 'owner', false, '2026-11-25')])).toBe('t');
  });

  const tieArb = fc.record({
    ownerId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    relation: fc.constantFrom('owner' as const, 'occupant' as const),
    createdAt: day,
  });
  const unit = fc.uniqueArray(tieArb, { selector: (t) => t.ownerId, maxLength: 5 }).map((list) => {
    // a unit as stored: at most one primary, the earliest 产权人
    const first = primaryAfter(
      list.map((t) => ({ ...t, isPrimary: false })),
      new Set(),
    );
    return list.map((t) => ({ ...t, isPrimary: t.ownerId === first }));
  });

  it('property: the primary is a remaining 产权人, exists exactly when one remains, and stays when it does not leave', () => {
    fc.assert(
      fc.property(unit, fc.subarray(['a', 'b', 'c', 'd', 'e']), (current, leavingList) => {
        const leaving = new Set(leavingList);
        const p = primaryAfter(current, leaving);
        const remainingOwners = current.filter((t) => !leaving.has(t.ownerId) && t.relation === 'owner');
        expect(p === null).toBe(remainingOwners.length === 0);
        if (p !== null) expect(remainingOwners.map((t) => t.ownerId)).toContain(p);
        const before = current.find((t) => t.isPrimary);
        if (before && !leaving.has(before.ownerId)) expect(p).toBe(before.ownerId);
      }),
    );
  });
});

describe('what an owner-list search asks for', () => {
  it('尾号, a whole phone, a unit as written, or text', () => {
    expect(interpretOwnerSearch('0001')).toEqual({ kind: 'phone_last4', last4: '0001' });
    expect(interpretOwnerSearch(' 138-0000-0001 ')).toEqual({ kind: 'phone', phone: '13800000001' });
    expect(interpretOwnerSearch('+86 13800000001')).toEqual({ kind: 'phone', phone: '13800000001' });
    expect(interpretOwnerSearch('1-2-301')).toEqual({ kind: 'unit', address: { building: '1', entrance: '2', room: '301' } });
    expect(interpretOwnerSearch('1栋2单元301')).toEqual({ kind: 'unit', address: { building: '1', entrance: '2', room: '301' } });
    expect(interpretOwnerSearch('1#2-301')).toEqual({ kind: 'unit', address: { building: '1', entrance: '2', room: '301' } });
    expect(interpretOwnerSearch('张伟')).toEqual({ kind: 'text', text: '张伟' });
    expect(interpretOwnerSearch('301')).toEqual({ kind: 'text', text: '301' });
    expect(interpretOwnerSearch('   ')).toBeNull();
  });
});
