import { describe, expect, it } from 'vitest';
import { checkOutagePeriod, outageActiveAt, outageCoversUnit, type OutageSpan } from './outages.ts';

const cut: OutageSpan = {
  projectId: 'p1',
  buildingIds: ['b1'],
  startsAt: '2026-11-25T01:00:00.000Z',
  endsAt: '2026-11-25T09:00:00.000Z',
  closedAt: null,
};

describe('the outage register’s rules', () => {
  it('is active from its start to its end (exclusive), and not once closed', () => {
    expect(outageActiveAt(cut, '2026-11-25T00:59:59.999Z')).toBe(false);
    expect(outageActiveAt(cut, '2026-11-25T01:00:00.000Z')).toBe(true);
    expect(outageActiveAt(cut, '2026-11-25T08:59:59.999Z')).toBe(true);
    expect(outageActiveAt(cut, '2026-11-25T09:00:00.000Z')).toBe(false);
    expect(outageActiveAt({ ...cut, endsAt: null }, '2027-01-01T00:00:00.000Z')).toBe(true);
    expect(outageActiveAt({ ...cut, endsAt: null, closedAt: '2026-11-25T05:00:00.000Z' }, '2026-11-25T05:00:00.000Z')).toBe(false);
    expect(outageActiveAt({ ...cut, endsAt: null, closedAt: '2026-11-25T05:00:00.000Z' }, '2026-11-25T04:00:00.000Z')).toBe(true);
  });

  it('covers the units of the buildings it names, or of the whole project when it names none', () => {
    expect(outageCoversUnit(cut, { projectId: 'p1', buildingId: 'b1' })).toBe(true);
    expect(outageCoversUnit(cut, { projectId: 'p1', buildingId: 'b2' })).toBe(false);
    expect(outageCoversUnit({ ...cut, buildingIds: [] }, { projectId: 'p1', buildingId: 'b2' })).toBe(true);
    expect(outageCoversUnit({ ...cut, buildingIds: [] }, { projectId: 'p2', buildingId: 'b1' })).toBe(false);
  });

  it('refuses a period that ends before it starts', () => {
    expect(checkOutagePeriod(cut.startsAt, cut.endsAt)).toBeNull();
    expect(checkOutagePeriod(cut.startsAt, null)).toBeNull();
    expect(checkOutagePeriod(cut.startsAt, cut.startsAt)).toMatchObject({ code: 'OUTAGE_ENDS_BEFORE_START', field: 'endsAt' });
  });
});
