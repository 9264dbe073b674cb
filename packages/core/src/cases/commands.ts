import type { CASE_COMMAND_TYPES } from '@guanjia/vocabulary';
import type { CaseType, Channel, RepairGrade } from './case.ts';

/** What a client asks a case to do. One union; the workflow of the case's type decides whether it may. */
export type CaseCommand =
  | { type: 'acknowledge'; apology: boolean; readBack: boolean; content?: string }
  | { type: 'answer'; content: string; channel?: Channel }
  | { type: 'transfer'; departmentId: string; promisedAt?: string; ownerDeadlineAt?: string; note?: string }
  | { type: 'accept'; committedAt: string; note?: string }
  | { type: 'record_contact'; content: string; channel?: Channel }
  | { type: 'submit_answer'; content: string }
  | { type: 'submit_plan'; cause: string; steps: string; expectedCompletionAt: string }
  | { type: 'approve_plan'; comment?: string }
  | { type: 'return_plan'; reason: string }
  | { type: 'evaluate'; feasible: boolean; plan?: string; expectedAt?: string; reason?: string }
  | { type: 'inform_owner'; content: string; channel?: Channel }
  | { type: 'record_satisfaction'; satisfied: boolean; opinion?: string; rating?: number; signatureAttachmentId?: string }
  | { type: 'close'; causeAnalysis?: string; preventiveMeasures?: string; rating?: number; ratingComment?: string }
  | { type: 'close_out_of_scope'; reason: string }
  | { type: 'dispatch'; assigneeId: string; departmentId?: string; note?: string }
  | { type: 'schedule_appointment'; appointmentAt: string; ownerAgreed: boolean }
  /** `at`: when it really happened, if earlier (bounded; `reason` needed when more than a minute ago). */
  | { type: 'arrive'; at?: string; reason?: string; attachmentIds?: string[] }
  | { type: 'complete'; summary: string; at?: string; reason?: string; attachmentIds?: string[] }
  | { type: 'escalate'; level: 'company' | 'leadership'; reason: EscalationReason; departmentId?: string; accusedStaffId?: string; note: string }
  | { type: 'mark_major'; reason: string }
  | { type: 'record_corrective_action'; report: string }
  | { type: 'message'; content: string; direction: 'inbound' | 'outbound'; channel?: Channel; attachmentIds?: string[] }
  | { type: 'add_note'; content: string; attachmentIds?: string[] }
  | { type: 'reassign'; assigneeId: string }
  | { type: 'retype'; newType: CaseType; reason: string }
  /** A new appointment time needs the owner's stated agreement (`ownerAgreed`). */
  | { type: 'set_repair_grade'; grade: RepairGrade; appointmentAt?: string; ownerAgreed?: boolean }
  | { type: 'extend_deadline'; which: 'owner_deadline' | 'promise'; newAt: string; ownerAgreed: boolean; note: string }
  /** The owner's rating (业主评价): overall (the case's rating) and, optionally, arrival speed and the technician's work, 1–5 each. */
  | { type: 'rate'; rating: number; speed?: number; technician?: number; comment?: string }
  /** Waiting on the owner (e.g. until an agreed time): the case's time limits stop running. */
  | { type: 'pause_clocks'; reason: string; until?: string }
  | { type: 'resume_clocks'; note?: string }
  /** A follow-up call or visit done (返工专项回访, 品质部回访): stops the follow-up task's clock. */
  | { type: 'record_follow_up'; content: string; channel?: Channel }
  /** An unregistered caller's case tied to their archive once it exists (or once they are recognised). */
  | { type: 'link_owner'; ownerId: string; unitId?: string; note?: string };

export type CaseCommandType = CaseCommand['type'];

/** beyond_office: the office cannot handle it; compensation: 经济赔偿/补偿; against_office_manager: 投诉管理处主任. */
export type EscalationReason = 'beyond_office' | 'compensation' | 'against_office_manager';

// The command names are in the vocabulary package (shared with the API contract); they are exactly
// the commands of the union above (checked here at compile time).
export { CASE_COMMAND_TYPES } from '@guanjia/vocabulary';
type ListedCommand = (typeof CASE_COMMAND_TYPES)[number];
export const COMMAND_NAMES_MATCH: [ListedCommand] extends [CaseCommandType] ? ([CaseCommandType] extends [ListedCommand] ? true : never) : never = true;
