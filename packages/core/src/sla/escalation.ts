import { ESCALATION_LAST_RESORT } from '@guanjia/vocabulary';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import { withoutAccused, type AccusedOf } from '../cases/accused.ts';
import type { CaseRecord } from '../cases/case.ts';
import type { StaffRole } from '../structure/roles.ts';
import { DEFAULT_ESCALATION_DELAYS } from './policies.ts';
import { advance, type SlaClock } from './clocks.ts';

/**
 * Warnings and escalation (SPEC §5): before a breach the assignee is warned; at the breach the
 * escalation chain is told, one step after another. The chain follows the routing rules: a case
 * against the office manager skips them; compensation cases and leadership-level complaints go to
 * leadership and never through the office manager. The service supervisor (客服主管) comes right
 * after the assignee and is the first stand-in for a step nobody fills.
 */
export type EscalationStep = 'assignee' | 'service_supervisor' | 'department_head' | 'office_manager' | 'quality_department' | 'leadership';

export function escalationChain(c: Pick<CaseRecord, 'accusedStaffId' | 'compensationClaim' | 'level'>): EscalationStep[] {
  if (c.compensationClaim || c.level === 'leadership') return ['assignee', 'service_supervisor', 'department_head', 'quality_department', 'leadership'];
  const chain: EscalationStep[] = ['assignee', 'service_supervisor', 'department_head', 'office_manager', 'quality_department'];
  return c.accusedStaffId ? chain.filter((s) => s !== 'office_manager') : chain;
}

/**
 * Whom to try, in order, for step `index` of a chain when its own recipient may be missing (no
 * department yet, a vacant post): the step itself, then the service supervisor, then the later
 * steps of the chain, then the chain's earlier steps above the assignee. The first that names a real
 * person is told; a step is never "done" with nobody told while anyone in the chain can be reached.
 * Steps the chain leaves out (an accused office manager) are never tried.
 */
export function fallThroughOrder(chain: readonly EscalationStep[], index: number): EscalationStep[] {
  const order: EscalationStep[] = [chain[index]!];
  if (chain.includes('service_supervisor')) order.push('service_supervisor');
  order.push(...chain.slice(index + 1), ...chain.slice(1, index));
  return [...new Set(order)];
}

/**
 * The last resort of an escalation step whose whole fall-through order is empty (a new project, every
 * post vacant): the company's administrators and leadership — company-wide staff who can act on it.
 */
export const LAST_RESORT = ESCALATION_LAST_RESORT;
/** Whom an alert reached: a step of the chain, or the last resort. */
export type NoticeTarget = EscalationStep | typeof LAST_RESORT;

/** A staff member as the last resort sees them. */
export interface LastResortPerson {
  id: string;
  roles: readonly StaffRole[];
  companyWide: boolean;
  active: boolean;
}

/**
 * Who the last resort tells: the active company-wide administrators and leadership, never the
 * accused of a complaint. Sorted, unique; empty only when the company truly has nobody to tell.
 */
export function lastResortRecipients(people: readonly LastResortPerson[], c: AccusedOf): string[] {
  const candidates = people.filter((p) => p.active && p.companyWide && (p.roles.includes('admin') || p.roles.includes('leadership')));
  const ids = withoutAccused(candidates, c).map((p) => p.id);
  return [...new Set(ids)].sort();
}

/** Where a clock is in its warning and escalation: the scheduler stores this next to the clock. */
export interface AlertProgress {
  warned: boolean;
  /** How many steps of the chain have been told. */
  escalations: number;
}

export type ClockAlert = { kind: 'warning'; at: string } | { kind: 'escalation'; at: string; step: number; to: EscalationStep };

/**
 * The next warning or escalation of a clock, or null when nothing more is due (stopped, paused
 * without an end, or the chain told). Escalation delays count in the clock's own basis: on a
 * working-time clock a step N minutes after the breach is N working minutes after it. A
 * working-time clock's alert found outside working hours waits for the next working moment.
 */
export function nextAlert(k: SlaClock, progress: AlertProgress, chain: readonly EscalationStep[], calendar: BusinessCalendar): ClockAlert | null {
  if (k.stoppedAt !== null || k.dueAt === null) return null;
  const working = k.rule.target.basis === 'working';
  const onWorkingTime = (at: number) => (working ? calendar.nextWorkingMoment(at) : at);
  if (!progress.warned && k.warnAt !== null) return { kind: 'warning', at: iso(onWorkingTime(Date.parse(k.warnAt))) };
  const delays = k.rule.escalationDelays ?? DEFAULT_ESCALATION_DELAYS;
  const steps = Math.min(delays.length, chain.length);
  if (progress.escalations >= steps) return null;
  const at = advance(calendar, k.rule.target.basis, Date.parse(k.dueAt), delays[progress.escalations]!, []);
  return { kind: 'escalation', at: iso(onWorkingTime(at)), step: progress.escalations + 1, to: chain[progress.escalations]! };
}

/** The progress after an alert has been handled. */
export function afterAlert(progress: AlertProgress, alert: ClockAlert): AlertProgress {
  return alert.kind === 'warning' ? { ...progress, warned: true } : { warned: true, escalations: alert.step };
}

const iso = (ms: number) => new Date(ms).toISOString();
