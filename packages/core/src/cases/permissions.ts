import type { Actor, StaffActor } from '../access/actor.ts';
import { isAccused } from './accused.ts';
import { headsDepartmentOf, planApprovalRefusal } from './approval.ts';
import type { CaseRecord } from './case.ts';
import type { CaseCommandType } from './commands.ts';

/** Commands an owner may give on their own case (portal or recorded on their behalf by staff). */
const OWNER_COMMANDS: ReadonlySet<CaseCommandType> = new Set(['message', 'record_satisfaction', 'rate']);

const INTAKE_COMMANDS: ReadonlySet<CaseCommandType> = new Set([
  'acknowledge',
  'answer',
  'transfer',
  'inform_owner',
  'record_satisfaction',
  'close',
  'close_out_of_scope',
  'schedule_appointment',
  'set_repair_grade',
  'retype',
  'extend_deadline',
  'rate',
  'record_follow_up', // the desk, the service supervisor, the quality department
]);
const DEPARTMENT_COMMANDS: ReadonlySet<CaseCommandType> = new Set(['accept', 'record_contact', 'submit_answer', 'submit_plan', 'evaluate']);
const ESCALATION_COMMANDS: ReadonlySet<CaseCommandType> = new Set(['mark_major', 'record_corrective_action']);

const headsCaseDepartment = headsDepartmentOf;

function inCaseDepartment(actor: StaffActor, c: CaseRecord): boolean {
  return c.departmentId !== null && actor.departmentId === c.departmentId;
}

/**
 * Whether this actor's role and relation to the case allow the command (project scope and case
 * visibility are checked before, by access/policy.ts). Pure; the same answer drives the UI's buttons.
 */
export function mayGiveCommand(actor: Actor, c: CaseRecord, command: CaseCommandType): boolean {
  if (actor.kind === 'owner') return c.ownerId === actor.id && OWNER_COMMANDS.has(command);
  // the accused never acts on the complaint against them (they do not even see it: access/policy.ts)
  if (isAccused(actor, c)) return false;
  const has = (cap: Parameters<StaffActor['capabilities']['has']>[0]) => actor.capabilities.has(cap);
  const oversees = has('case.oversee');
  if (INTAKE_COMMANDS.has(command)) return has('case.intake');
  if (DEPARTMENT_COMMANDS.has(command)) return has('case.department') && (oversees || inCaseDepartment(actor, c));
  if (ESCALATION_COMMANDS.has(command)) return has('case.escalate');
  switch (command) {
    case 'approve_plan':
    case 'return_plan':
      return planApprovalRefusal(actor, c) === null;
    case 'escalate':
      // the desk that hears the complaint may escalate it, not only a supervisor (SPEC §4)
      return has('case.intake') || has('case.escalate');
    case 'dispatch':
    case 'reassign':
      return has('case.intake') || headsCaseDepartment(actor, c);
    case 'arrive':
    case 'complete':
      return has('case.field') && (c.assigneeId === actor.id || oversees || headsCaseDepartment(actor, c));
    case 'pause_clocks':
    case 'resume_clocks':
      // whoever is waiting on the owner: the desk, the assignee, the head of the case's department, overseers
      return (
        has('case.intake') ||
        (c.assigneeId === actor.id && (has('case.field') || has('case.department'))) ||
        headsCaseDepartment(actor, c) ||
        (oversees && has('case.department'))
      );
    case 'link_owner':
      // an unregistered caller's case gets its owner once (correcting a wrong owner is not this command)
      return has('case.intake') && c.ownerId === null;
    case 'message':
    case 'add_note':
      // Working roles only: the read-only roles (archive keeper, management representative) do not write.
      return has('case.intake') || has('case.department') || has('case.field');
    default:
      return false;
  }
}
