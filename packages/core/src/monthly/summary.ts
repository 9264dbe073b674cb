import type { MonthlySummaryStatus } from '@guanjia/vocabulary';
import { refuse, type Refusal } from '../shared/errors.ts';

/**
 * The monthly summary (每月客户沟通总结, seed 004 §3.1–3.2): a draft built from the month's figures,
 * edited and submitted by the supervisor, reviewed by the office manager who accepts it — assigning
 * each opinion a staff member and a deadline — or returns it (a draft again, with the reason). A
 * submitted or accepted summary is frozen; a draft's figures are rebuilt only on request.
 */

export type SummaryStep = 'edit' | 'refresh' | 'submit' | 'accept' | 'return';

const FROM: Record<SummaryStep, MonthlySummaryStatus> = {
  edit: 'draft',
  refresh: 'draft',
  submit: 'draft',
  accept: 'submitted',
  return: 'submitted',
};

/** The status after a step, or the refusal when the summary is not where the step starts. */
export function summaryStep(status: MonthlySummaryStatus, step: SummaryStep): MonthlySummaryStatus | Refusal {
  if (FROM[step] !== status) return FROM[step] === 'draft' ? refuse('MONTHLY_SUMMARY_FROZEN', 'id') : refuse('MONTHLY_SUMMARY_NOT_SUBMITTED', 'id');
  if (step === 'submit') return 'submitted';
  if (step === 'accept') return 'accepted';
  if (step === 'return') return 'draft';
  return 'draft';
}

export interface OpinionAssignment {
  opinionId: string;
  assigneeId: string;
  deadlineOn: string;
}

/**
 * An acceptance's assignments: every opinion of the summary exactly once, nothing else, each deadline
 * not before `today` (the project's local date). The first problem, naming its field.
 */
export function checkAssignments(opinionIds: readonly string[], assignments: readonly OpinionAssignment[], today: string): Refusal | null {
  const wanted = new Set(opinionIds);
  const seen = new Set<string>();
  for (const [i, a] of assignments.entries()) {
    if (!wanted.has(a.opinionId)) return refuse('MONTHLY_OPINION_NOT_FOUND', `assignments.${i}.opinionId`);
    if (seen.has(a.opinionId)) return refuse('MONTHLY_OPINION_TWICE', `assignments.${i}.opinionId`);
    seen.add(a.opinionId);
    if (a.deadlineOn < today) return refuse('MONTHLY_DEADLINE_PAST', `assignments.${i}.deadlineOn`, { today });
  }
  const missing = opinionIds.filter((id) => !seen.has(id)).length;
  if (missing) return refuse('MONTHLY_OPINION_UNASSIGNED', 'assignments', { count: missing });
  return null;
}

/** An assigned opinion's (or meeting action's) tracking state on a local date. */
export function trackedOverdue(item: { status: string; deadlineOn: string | null }, today: string): boolean {
  return item.status === 'open' && item.deadlineOn !== null && today > item.deadlineOn;
}
