import { refuse, type Refusal } from '../shared/errors.ts';

export { OUTAGE_KINDS, type OutageKind } from '@guanjia/vocabulary';

/**
 * The outage register (停水/停电/电梯停运 …, SPEC §9): an outage covers some buildings of a project (none
 * named: the whole project) for a period; while it is active the desk sees it, with what to tell
 * callers, when a caller's unit lies inside it. Pure rules; instants are ISO UTC strings.
 */
export interface OutageSpan {
  projectId: string;
  /** Empty: the whole project. */
  buildingIds: readonly string[];
  startsAt: string;
  /** Null: until it is closed. */
  endsAt: string | null;
  closedAt: string | null;
}

/** Whether an outage is in effect at an instant: started, not past its end, not closed. */
export function outageActiveAt(o: OutageSpan, now: string): boolean {
  const t = Date.parse(now);
  if (o.closedAt !== null && Date.parse(o.closedAt) <= t) return false;
  if (Date.parse(o.startsAt) > t) return false;
  return o.endsAt === null || Date.parse(o.endsAt) > t;
}

/** Whether a unit lies in an outage's area: its project, and its building when buildings are named. */
export function outageCoversUnit(o: Pick<OutageSpan, 'projectId' | 'buildingIds'>, unit: { projectId: string; buildingId: string }): boolean {
  return o.projectId === unit.projectId && (o.buildingIds.length === 0 || o.buildingIds.includes(unit.buildingId));
}

/** A period that ends must end after it starts (OUTAGE_ENDS_BEFORE_START on endsAt). */
export function checkOutagePeriod(startsAt: string, endsAt: string | null): Refusal | null {
  if (endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) return refuse('OUTAGE_ENDS_BEFORE_START', 'endsAt', { startsAt });
  return null;
}
