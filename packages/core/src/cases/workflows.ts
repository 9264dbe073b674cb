import type { CaseStatus, CaseType } from './case.ts';
import type { CaseCommandType } from './commands.ts';

/**
 * The four workflows of SPEC §4 as transition tables: for each case type, each workflow command and
 * the states it may be given in. The target state is decided in decide.ts. Anything not listed is
 * refused with TRANSITION_NOT_ALLOWED, whatever the client sends.
 */
type Table = Partial<Record<CaseCommandType, readonly CaseStatus[]>>;

/** Every status of a case not yet closed (the open queues list these). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [
  'new',
  'transferred',
  'in_progress',
  'answer_ready',
  'plan_submitted',
  'plan_approved',
  'evaluated',
  'dispatched',
  'on_site',
  'work_done',
  'owner_informed',
  'resolved',
];

/** Commands any open case of any type accepts; they never change the workflow state (except retype). */
const COMMON_OPEN: Table = {
  message: OPEN_CASE_STATUSES,
  add_note: OPEN_CASE_STATUSES,
  reassign: OPEN_CASE_STATUSES,
  retype: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
  extend_deadline: OPEN_CASE_STATUSES,
  pause_clocks: OPEN_CASE_STATUSES,
  resume_clocks: OPEN_CASE_STATUSES,
  // a follow-up task (回访) may be done before or after the case is closed (CLOSED_COMMANDS)
  record_follow_up: OPEN_CASE_STATUSES,
  link_owner: OPEN_CASE_STATUSES,
};

/** 咨询: record → initial reply → answer directly, or transfer → department answers → reply → satisfied. */
const INQUIRY: Table = {
  answer: ['new'],
  transfer: ['new', 'transferred', 'in_progress'],
  accept: ['transferred'],
  submit_answer: ['in_progress'],
  inform_owner: ['answer_ready'],
  record_satisfaction: ['owner_informed'],
  close: ['resolved'],
  close_out_of_scope: ['new'],
};

/** 投诉: record, apologise, read back → transfer → contact → plan → approval → tell owner → satisfied? → close. */
const COMPLAINT: Table = {
  // at intake; later too, by whoever reaches the owner, when an escalation routed it before both were given
  acknowledge: ['new', 'transferred', 'in_progress', 'plan_submitted', 'plan_approved', 'owner_informed'],
  transfer: ['new', 'transferred', 'in_progress'],
  accept: ['transferred'],
  record_contact: ['in_progress', 'plan_submitted', 'plan_approved'],
  submit_plan: ['in_progress'],
  approve_plan: ['plan_submitted'],
  return_plan: ['plan_submitted'],
  inform_owner: ['plan_approved'],
  record_satisfaction: ['owner_informed'],
  close: ['resolved'],
  close_out_of_scope: ['new'],
  escalate: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
  mark_major: OPEN_CASE_STATUSES,
  record_corrective_action: OPEN_CASE_STATUSES,
};

/** 建议: collect → forward → evaluate (feasible: plan; not: reason) → tell and thank the owner → close. */
const SUGGESTION: Table = {
  transfer: ['new', 'transferred', 'in_progress'],
  accept: ['transferred'],
  evaluate: ['in_progress'],
  inform_owner: ['evaluated'],
  record_satisfaction: ['owner_informed'],
  close: ['resolved'],
  close_out_of_scope: ['new'],
};

/** 报修: receive and grade → work order → on site → done → owner signs off (not satisfied: rework) → close. */
const REPAIR: Table = {
  dispatch: ['new', 'dispatched'],
  schedule_appointment: ['new', 'dispatched'],
  set_repair_grade: ['new', 'dispatched'],
  arrive: ['dispatched'],
  complete: ['on_site'],
  record_satisfaction: ['work_done'],
  close: ['resolved'],
  close_out_of_scope: ['new'],
};

export const WORKFLOWS: Record<CaseType, Table> = {
  inquiry: { ...COMMON_OPEN, ...INQUIRY },
  complaint: { ...COMMON_OPEN, ...COMPLAINT },
  suggestion: { ...COMMON_OPEN, ...SUGGESTION },
  repair: { ...COMMON_OPEN, ...REPAIR },
};

/** Commands a closed case still takes: talk, notes, the owner's rating and a follow-up (回访). */
export const CLOSED_COMMANDS: readonly CaseCommandType[] = ['message', 'add_note', 'rate', 'record_follow_up'];

export function isAllowedInState(type: CaseType, status: CaseStatus, command: CaseCommandType): boolean {
  if (status === 'closed') return CLOSED_COMMANDS.includes(command);
  return WORKFLOWS[type][command]?.includes(status) ?? false;
}
