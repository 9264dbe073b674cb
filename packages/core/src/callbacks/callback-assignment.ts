import type { CallbackSource, StaffRole } from '@guanjia/vocabulary';
import { capabilitiesOf } from '../structure/roles.ts';

/**
 * Who makes an ordinary callback (回访, decision 0027), pure. The weekly sample's callbacks are its
 * round's caller's (decision 0028) and are not assigned here.
 * - The project's desk (客服: agents and front-desk assistants of the project, active, holding
 *   callback.make) works the callbacks of its cases: a repair's primary callback and the unrated one go
 *   to the case's first receiver (首问负责人) while they are on that desk, the others to whoever of the
 *   desk has the fewest callbacks due in the project (ties: the smaller id, so the choice is stable).
 * - The quality department's own calls: a monthly list's callbacks go to who filled it (when they may
 *   make callbacks), a company-level complaint's to the least-loaded quality officer who sees the
 *   project; without one, the desk.
 * - No desk: any active member of the project who may make callbacks (least-loaded); no one: null,
 *   the project's queue.
 * - Never the accused of a complaint (they do not even see the case).
 */
export const CALLBACK_DESK_ROLES: readonly StaffRole[] = ['agent', 'front_desk'];

export interface CallbackCandidate {
  id: string;
  roles: readonly StaffRole[];
  active: boolean;
  companyWide: boolean;
  projectIds: readonly string[];
  /** Callbacks due and assigned to them in the project now. */
  load: number;
}

export interface CallbackToAssign {
  source: CallbackSource;
  projectId: string;
  /** The case's 首问负责人. */
  firstReceiverId: string | null;
  /** A complaint's accused staff member, never its caller. */
  accusedStaffId: string | null;
  /** Who made the callback owed (a monthly list: who filled it). */
  createdBy: string | null;
}

const mayCall = (s: CallbackCandidate, c: CallbackToAssign) =>
  s.active && s.id !== c.accusedStaffId && capabilitiesOf(s.roles).has('callback.make') && (s.companyWide || s.projectIds.includes(c.projectId));
const isMember = (s: CallbackCandidate, c: CallbackToAssign) => s.projectIds.includes(c.projectId);
const onDesk = (s: CallbackCandidate, c: CallbackToAssign) => isMember(s, c) && s.roles.some((r) => CALLBACK_DESK_ROLES.includes(r));
const isQuality = (s: CallbackCandidate) => s.roles.includes('quality_officer');

function leastLoaded(pool: readonly CallbackCandidate[]): CallbackCandidate | null {
  let best: CallbackCandidate | null = null;
  for (const s of pool) if (!best || s.load < best.load || (s.load === best.load && s.id < best.id)) best = s;
  return best;
}

/** The staff member a callback goes to, or null (the project's queue; or a weekly sample, its round's caller). */
export function pickCallbackAssignee(c: CallbackToAssign, candidates: readonly CallbackCandidate[]): string | null {
  if (c.source === 'weekly_sample') return null;
  const able = candidates.filter((s) => mayCall(s, c));
  const desk = able.filter((s) => onDesk(s, c));
  if (c.source === 'primary_repair' || c.source === 'unrated') {
    const receiver = desk.find((s) => s.id === c.firstReceiverId);
    if (receiver) return receiver.id;
  }
  if (c.source === 'quality_monthly') {
    const filler = able.find((s) => s.id === c.createdBy);
    if (filler) return filler.id;
  }
  if (c.source === 'quality_monthly' || c.source === 'company_complaint') {
    const quality = leastLoaded(able.filter(isQuality));
    if (quality) return quality.id;
  }
  return (leastLoaded(desk) ?? leastLoaded(able.filter((s) => isMember(s, c))))?.id ?? null;
}

/**
 * Assigns a batch in order, each pick counting towards the load of the next (so ten callbacks owed at
 * once spread over the desk). Returns the assignee of each, by index.
 */
export function assignCallbacks(batch: readonly CallbackToAssign[], candidates: readonly CallbackCandidate[]): (string | null)[] {
  const pool = candidates.map((s) => ({ ...s }));
  return batch.map((c) => {
    const id = pickCallbackAssignee(c, pool);
    const chosen = id ? pool.find((s) => s.id === id) : undefined;
    if (chosen) chosen.load += 1;
    return id;
  });
}

/**
 * Whether someone may be given a callback by hand (callback.admin reassigns): active, may make
 * callbacks and sees the project, not the accused; a weekly sample's callback only to company staff
 * outside the office (as its round's caller, decision 0028).
 */
export function mayTakeCallback(s: Omit<CallbackCandidate, 'load'>, c: CallbackToAssign): boolean {
  if (!mayCall({ ...s, load: 0 }, c)) return false;
  return c.source !== 'weekly_sample' || (s.companyWide && !s.projectIds.includes(c.projectId));
}
