/**
 * Fault escalation forms (故障转呈单) and work-liaison letters (工作联系函), issue 16 item 3, decision 0035
 * (seed 000: a problem an office cannot solve, complex or serious, is written up and sent to the department
 * concerned, which handles it and answers back). The office sends it with a requested response date; the
 * department answers (its response, the feedback date); the office verifies the fix — verified ends it,
 * not fixed sends it back to the department with a new requested date for another round.
 */

import type { EscalationStatus } from '@guanjia/vocabulary';

export {
  ESCALATION_KINDS,
  ESCALATION_SEVERITIES,
  ESCALATION_STATUSES,
  type EscalationKind,
  type EscalationSeverity,
  type EscalationStatus,
} from '@guanjia/vocabulary';

export interface EscalationState {
  status: EscalationStatus;
  /** The instant the department's response is due: the end of the requested response date, in the project's time zone. */
  dueAt: string;
  round: number;
}

export type EscalationCommand =
  { kind: 'respond'; at: string; response: string } | { kind: 'verify'; at: string; fixed: boolean; note: string; newDueAt: string | null };

export type EscalationProblem = 'wrong_step' | 'text_required' | 'date_required' | 'date_past';

export type EscalationDecision = { ok: true; next: EscalationState } | { ok: false; problem: EscalationProblem; field: string };

/** Awaiting the department's response (sent, or sent back). */
export function awaitingResponse(status: EscalationStatus): boolean {
  return status === 'sent' || status === 'reopened';
}

/** The next state, or why not. Who may take a step (the department answers, the office verifies) is the server's check. */
export function decideEscalation(f: EscalationState, c: EscalationCommand): EscalationDecision {
  switch (c.kind) {
    case 'respond':
      if (!awaitingResponse(f.status)) return { ok: false, problem: 'wrong_step', field: 'id' };
      if (!c.response.trim()) return { ok: false, problem: 'text_required', field: 'response' };
      return { ok: true, next: { ...f, status: 'responded' } };
    case 'verify':
      if (f.status !== 'responded') return { ok: false, problem: 'wrong_step', field: 'id' };
      if (c.fixed) return { ok: true, next: { ...f, status: 'verified' } };
      if (!c.note.trim()) return { ok: false, problem: 'text_required', field: 'note' };
      if (!c.newDueAt) return { ok: false, problem: 'date_required', field: 'requestedDate' };
      if (Date.parse(c.newDueAt) <= Date.parse(c.at)) return { ok: false, problem: 'date_past', field: 'requestedDate' };
      return { ok: true, next: { status: 'reopened', dueAt: c.newDueAt, round: f.round + 1 } };
  }
}

/** Late: still awaiting the department's response after its due instant. */
export function escalationLate(f: { status: EscalationStatus; dueAt: string }, now: string): boolean {
  return awaitingResponse(f.status) && Date.parse(now) > Date.parse(f.dueAt);
}

/** Whether the round's lateness is still to be told: late, and not yet told in this round (told once per round). */
export function escalationLatenessToTell(f: { status: EscalationStatus; dueAt: string; round: number; lateToldRound: number }, now: string): boolean {
  return escalationLate(f, now) && f.lateToldRound < f.round;
}
