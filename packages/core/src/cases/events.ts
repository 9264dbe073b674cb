import type { CaseRecord, Channel } from './case.ts';

export const CASE_EVENT_TYPES = [
  'created', 'acknowledged', 'answered', 'transferred', 'accepted', 'owner_contacted', 'answer_submitted',
  'plan_submitted', 'plan_approved', 'plan_returned', 'evaluated', 'owner_informed', 'satisfaction_recorded',
  'closed', 'closed_out_of_scope', 'dispatched', 'appointment_scheduled', 'regraded', 'arrived_on_site',
  'work_completed', 'escalated', 'marked_major', 'corrective_action_recorded', 'message', 'note', 'reassigned',
  'retyped', 'deadline_extended', 'rated', 'clocks_paused', 'clocks_resumed',
  // written by the SLA scheduler (system actor)
  'sla_warning', 'sla_escalated', 'sla_recomputed',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export type Direction = 'inbound' | 'outbound' | 'internal';

/**
 * One entry of a case's history (SPEC §6): append-only. `changes` holds exactly the case fields the
 * event set, so the case row is always the fold of its events (see evolve.ts).
 */
export interface NewCaseEvent {
  type: CaseEventType;
  actorKind: 'staff' | 'owner' | 'system';
  actorId: string | null;
  channel: Channel | null;
  direction: Direction | null;
  content: string | null;
  /** Internal notes and routing details owners never see. */
  internal: boolean;
  attachmentIds: string[];
  changes: Partial<CaseRecord>;
  data: Record<string, unknown>;
  at: string;
}

export interface CaseEvent extends NewCaseEvent {
  id: string;
  caseId: string;
  organizationId: string;
  projectId: string;
  /** 1, 2, 3 … per case. */
  seq: number;
}
