import type { Capability } from '../structure/roles.ts';
import { LocalClock } from '../calendar/local-clock.ts';
import { signaturesRequired, type ChecklistItem, type InspectionKind, type ItemResult } from './checklists.ts';
import type { DefectSeverity } from './defects.ts';

export { INSPECTION_STATUSES, INSPECTION_TRIGGERS, type InspectionStatus, type InspectionTrigger } from '@guanjia/vocabulary';

/**
 * A scored check's course (issue 15 item 1, decision 0034): who starts which kind, the results saved
 * item by item while it is in progress, what a submission needs (every item scored, the signatures,
 * the report of the quality and supervising departments' checks), and the night a night check counts for.
 */

/** The daily checks and night checks are the office's (inspection.check); the monthly, quarterly and communication checks the quality and supervising departments' (inspection.audit). */
export function checkCapability(kind: InspectionKind): Extract<Capability, 'inspection.check' | 'inspection.audit'> {
  return kind === 'monthly_management' || kind === 'quarterly_property' || kind === 'communication_audit' ? 'inspection.audit' : 'inspection.check';
}

/** Who keeps a kind's checklists: inspection.admin the office's, inspection.audit the departments' own. */
export function templateCapability(kind: InspectionKind): Extract<Capability, 'inspection.admin' | 'inspection.audit'> {
  return checkCapability(kind) === 'inspection.audit' ? 'inspection.audit' : 'inspection.admin';
}

/** The quality department's checks and the communication audit end in an inspection report (检查报告). */
export function reportRequired(kind: InspectionKind): boolean {
  return checkCapability(kind) === 'inspection.audit';
}

/** A result as kept on a check: the core result, and for a failure its defect's severity, cause and photos. */
export type StoredResult =
  | { itemId: string; outcome: 'pass' }
  | { itemId: string; outcome: 'na' }
  | { itemId: string; outcome: 'fail'; deduction: number; note: string; severity?: DefectSeverity; causedByStaff?: boolean; photoIds?: string[] };

/**
 * Saved results merged into those kept: an item answered again is replaced, the others stay; the
 * answers follow the checklist's order (a result of an item not on it is never kept).
 */
export function mergeResults(items: readonly ChecklistItem[], kept: readonly StoredResult[], saved: readonly StoredResult[]): StoredResult[] {
  const byItem = new Map<string, StoredResult>();
  for (const r of kept) byItem.set(r.itemId, r);
  for (const r of saved) byItem.set(r.itemId, r);
  return items.flatMap((i) => {
    const r = byItem.get(i.id);
    return r ? [r] : [];
  });
}

export type SubmitProblem =
  | { field: 'results'; problem: 'incomplete'; count: number }
  | { field: 'inspectorSignatureId' | 'inspectedSignatureId'; problem: 'signature' }
  | { field: 'report'; problem: 'report' };

/** What a check lacks to be submitted, in the order the inspector meets it: unscored items, the signatures, the report. */
export function submitProblems(
  kind: InspectionKind,
  items: readonly ChecklistItem[],
  results: readonly ItemResult[],
  have: { inspectorSignature: boolean; inspectedSignature: boolean; report: string | null },
): SubmitProblem[] {
  const out: SubmitProblem[] = [];
  const answered = new Set(results.map((r) => r.itemId));
  const missing = items.filter((i) => !answered.has(i.id)).length;
  if (missing) out.push({ field: 'results', problem: 'incomplete', count: missing });
  const needs = signaturesRequired(kind);
  if (needs.inspector && !have.inspectorSignature) out.push({ field: 'inspectorSignatureId', problem: 'signature' });
  if (needs.inspected && !have.inspectedSignature) out.push({ field: 'inspectedSignatureId', problem: 'signature' });
  if (reportRequired(kind) && !have.report?.trim()) out.push({ field: 'report', problem: 'report' });
  return out;
}

/** A night check begun before this local hour counts for the night before (夜间查岗 runs past midnight). */
export const NIGHT_ENDS_AT_HOUR = 6;
/** A night check is begun from this local hour on (decision 0034): one begun in the daytime is no night check. */
export const NIGHT_BEGINS_AT_HOUR = 20;

const clocks = new Map<string, LocalClock>();
/** An instant's local day (its day number) and minute of that day where it is. */
function localMinute(instant: string, timeZone: string): { clock: LocalClock; day: number; minuteOfDay: number } {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  const at = Date.parse(instant);
  const day = clock.dayNumberOf(at);
  return { clock, day, minuteOfDay: Math.floor((at + clock.offsetAt(at) - day * 86_400_000) / 60_000) };
}

/** The night (its evening's local date) a night check begun at an instant counts for. */
export function nightDateOf(instant: string, timeZone: string): string {
  const { clock, day, minuteOfDay } = localMinute(instant, timeZone);
  return clock.dateOfDayNumber(minuteOfDay < NIGHT_ENDS_AT_HOUR * 60 ? day - 1 : day);
}

/** Whether an instant is in the night hours where it is (20:00 up to 06:00 the next morning, local time). */
export function isNightTime(instant: string, timeZone: string): boolean {
  const { minuteOfDay } = localMinute(instant, timeZone);
  return minuteOfDay >= NIGHT_BEGINS_AT_HOUR * 60 || minuteOfDay < NIGHT_ENDS_AT_HOUR * 60;
}
