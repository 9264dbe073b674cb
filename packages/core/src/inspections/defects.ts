/**
 * Defects (不合格项) to closure (issue 15 item 3; SPEC §11; seed 001 服务的评价 三 内部检查).
 *
 * Every defect — from a checklist item scored as failed or from an abnormal patrol finding — has a
 * responsible person and a deadline by its severity. The responsible person records the closure
 * (缺陷消项: what was done); the closure is then verified at the next check by someone else — passed,
 * the defect is verified; failed, it is open again with a fresh deadline. A defect late past its
 * deadline escalates: first to the office manager, then (after half its period again) to the quality
 * department.
 *
 * The daily sheet (日检表) keeps out minor defects closed within 30 minutes and recurring litter-like
 * ones cleared at once, but always keeps those caused by staff (seed 001: "因工作人员的责任缺陷，必须填写").
 */

import type { DefectSeverity, DefectStatus } from '@guanjia/vocabulary';

export { DEFECT_SEVERITIES, DEFECT_STATUSES, type DefectSeverity, type DefectStatus } from '@guanjia/vocabulary';

/** Hours from finding to the deadline, by severity (our defaults; the seeds say "限期整改"). */
export const DEFECT_DEADLINE_HOURS: Record<DefectSeverity, number> = { minor: 24, general: 72, serious: 168 };
/** The share of the period after which a running defect is at risk. */
export const DEFECT_AT_RISK_SHARE = 0.8;
/** Minor defects closed within this many minutes stay off the daily sheet. */
export const DAILY_SHEET_QUICK_CLOSE_MINUTES = 30;

const HOUR = 3_600_000;

export function defectDeadline(foundAt: string, severity: DefectSeverity, hours: Record<DefectSeverity, number> = DEFECT_DEADLINE_HOURS): string {
  return new Date(Date.parse(foundAt) + hours[severity] * HOUR).toISOString();
}

export interface DefectTiming {
  status: DefectStatus;
  /** When the current period started (found, or reopened). */
  periodStart: string;
  deadline: string;
  closedAt: string | null;
}

export type DefectClock = 'on_time' | 'at_risk' | 'overdue' | 'closed_on_time' | 'closed_late';

/** Where a defect stands against its deadline. */
export function defectClock(d: DefectTiming, now: string): DefectClock {
  const deadline = Date.parse(d.deadline);
  if (d.status !== 'open' && d.closedAt) return Date.parse(d.closedAt) <= deadline ? 'closed_on_time' : 'closed_late';
  const t = Date.parse(now);
  if (t > deadline) return 'overdue';
  const start = Date.parse(d.periodStart);
  return t >= start + (deadline - start) * DEFECT_AT_RISK_SHARE ? 'at_risk' : 'on_time';
}

/** 0: not late; 1: late — the office manager is told; 2: late by half its period again — the quality department is told. */
export function defectEscalationLevel(d: DefectTiming, now: string): 0 | 1 | 2 {
  if (d.status !== 'open') return 0;
  const t = Date.parse(now);
  const deadline = Date.parse(d.deadline);
  if (t <= deadline) return 0;
  const period = Math.max(HOUR, deadline - Date.parse(d.periodStart));
  return t > deadline + period / 2 ? 2 : 1;
}

/** Whether a defect belongs on the daily sheet (日检表). */
export function onDailySheet(d: { severity: DefectSeverity; causedByStaff: boolean; recurringLitter?: boolean; closedWithinMinutes: number | null }): boolean {
  if (d.causedByStaff) return true;
  if (d.severity !== 'minor') return true;
  const quick = d.closedWithinMinutes !== null && d.closedWithinMinutes <= DAILY_SHEET_QUICK_CLOSE_MINUTES;
  return !(quick || (d.recurringLitter && d.closedWithinMinutes !== null));
}

export interface DefectState extends DefectTiming {
  severity: DefectSeverity;
  responsibleId: string | null;
  closedBy: string | null;
  reopenCount: number;
}

export type DefectCommand =
  | { kind: 'close'; by: string; at: string; note: string }
  | { kind: 'verify'; by: string; at: string; passed: boolean }
  | { kind: 'reassign'; by: string; at: string; responsibleId: string; deadline: string | null };

export type DefectProblem = 'not_open' | 'not_closed' | 'note_required' | 'own_closure' | 'deadline_past';

export type DefectDecision = { ok: true; next: DefectState } | { ok: false; problem: DefectProblem; field: string };

/**
 * The defect's next state: a closure needs an open defect and a note; a verification needs a closed
 * one and another person than who closed it (four eyes); a failed verification opens it again with a
 * fresh deadline from then; reassigning moves the responsible person (and may set a new, future deadline).
 */
export function decideDefect(d: DefectState, c: DefectCommand, hours: Record<DefectSeverity, number> = DEFECT_DEADLINE_HOURS): DefectDecision {
  switch (c.kind) {
    case 'close':
      if (d.status !== 'open') return { ok: false, problem: 'not_open', field: 'id' };
      if (!c.note.trim()) return { ok: false, problem: 'note_required', field: 'note' };
      return { ok: true, next: { ...d, status: 'closed', closedAt: c.at, closedBy: c.by } };
    case 'verify':
      if (d.status !== 'closed') return { ok: false, problem: 'not_closed', field: 'id' };
      if (c.by === d.closedBy) return { ok: false, problem: 'own_closure', field: 'id' };
      if (c.passed) return { ok: true, next: { ...d, status: 'verified' } };
      return {
        ok: true,
        next: {
          ...d,
          status: 'open',
          closedAt: null,
          closedBy: null,
          periodStart: c.at,
          deadline: defectDeadline(c.at, d.severity, hours),
          reopenCount: d.reopenCount + 1,
        },
      };
    case 'reassign':
      if (d.status !== 'open') return { ok: false, problem: 'not_open', field: 'id' };
      if (c.deadline !== null && Date.parse(c.deadline) <= Date.parse(c.at)) return { ok: false, problem: 'deadline_past', field: 'deadline' };
      return { ok: true, next: { ...d, responsibleId: c.responsibleId, deadline: c.deadline ?? d.deadline } };
  }
}
