/**
 * Rectification notices (整改通知, issue 15 item 3; seed 002 七(四) 问题整改): the inspecting side issues
 * a notice with a deadline to the responsible person for one or more defects; the responsible side
 * records its measures (整改措施), then its report (整改报告); the inspecting side re-inspects (复查):
 * passed ends it (and verifies its defects), failed sends it back with a new deadline for another round.
 * A notice not reported by its deadline escalates, like a defect.
 */

import type { RectificationStatus } from '@guanjia/vocabulary';

export { RECTIFICATION_STATUSES, type RectificationStatus } from '@guanjia/vocabulary';

export interface RectificationState {
  status: RectificationStatus;
  issuedBy: string;
  responsibleId: string;
  deadline: string;
  round: number;
}

export type RectificationCommand =
  | { kind: 'measures'; by: string; at: string; measures: string }
  | { kind: 'report'; by: string; at: string; report: string }
  | { kind: 'reinspect'; by: string; at: string; passed: boolean; note: string; newDeadline: string | null };

export type RectificationProblem = 'wrong_step' | 'not_responsible' | 'text_required' | 'own_report' | 'deadline_required' | 'deadline_past';

export type RectificationDecision = { ok: true; next: RectificationState } | { ok: false; problem: RectificationProblem; field: string };

export function decideRectification(r: RectificationState, c: RectificationCommand): RectificationDecision {
  switch (c.kind) {
    case 'measures':
      if (r.status !== 'issued') return { ok: false, problem: 'wrong_step', field: 'id' };
      if (c.by !== r.responsibleId) return { ok: false, problem: 'not_responsible', field: 'id' };
      if (!c.measures.trim()) return { ok: false, problem: 'text_required', field: 'measures' };
      return { ok: true, next: { ...r, status: 'measures' } };
    case 'report':
      if (r.status !== 'measures') return { ok: false, problem: 'wrong_step', field: 'id' };
      if (c.by !== r.responsibleId) return { ok: false, problem: 'not_responsible', field: 'id' };
      if (!c.report.trim()) return { ok: false, problem: 'text_required', field: 'report' };
      return { ok: true, next: { ...r, status: 'reported' } };
    case 'reinspect':
      if (r.status !== 'reported') return { ok: false, problem: 'wrong_step', field: 'id' };
      if (c.by === r.responsibleId) return { ok: false, problem: 'own_report', field: 'id' };
      if (c.passed) return { ok: true, next: { ...r, status: 'passed' } };
      if (!c.note.trim()) return { ok: false, problem: 'text_required', field: 'note' };
      if (!c.newDeadline) return { ok: false, problem: 'deadline_required', field: 'deadline' };
      if (Date.parse(c.newDeadline) <= Date.parse(c.at)) return { ok: false, problem: 'deadline_past', field: 'deadline' };
      return { ok: true, next: { ...r, status: 'issued', deadline: c.newDeadline, round: r.round + 1 } };
  }
}

/** Late: not reported (nor passed) by its deadline. */
export function rectificationLate(r: { status: RectificationStatus; deadline: string }, now: string): boolean {
  return (r.status === 'issued' || r.status === 'measures') && Date.parse(now) > Date.parse(r.deadline);
}

/**
 * How far a late notice has escalated: 0 on time (or reported); 1 late — the issuer and the office managers
 * are told; 2 late by half its period again (from issue, or the round's new deadline) — the quality department.
 */
export function rectificationEscalationLevel(r: { status: RectificationStatus; deadline: string; periodStart: string }, now: string): 0 | 1 | 2 {
  if (!rectificationLate(r, now)) return 0;
  const deadline = Date.parse(r.deadline);
  const period = Math.max(3_600_000, deadline - Date.parse(r.periodStart));
  return Date.parse(now) > deadline + period / 2 ? 2 : 1;
}
