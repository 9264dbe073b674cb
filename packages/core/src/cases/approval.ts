import type { StaffActor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { StaffRole } from '../structure/roles.ts';
import { isAccused } from './accused.ts';
import type { CaseRecord, HandlingLevel } from './case.ts';

/** Who answers for a complaint's handling at each level when the plan comes from the department head. */
const LEVEL_APPROVERS: Record<HandlingLevel, readonly StaffRole[]> = {
  office: ['office_manager', 'quality_officer', 'leadership'],
  company: ['quality_officer', 'leadership'],
  leadership: ['leadership'],
};

export function headsDepartmentOf(actor: StaffActor, c: Pick<CaseRecord, 'departmentId'>): boolean {
  return actor.roles.includes('department_head') && c.departmentId !== null && actor.departmentId === c.departmentId;
}

/**
 * Separation of duties for a complaint plan (SPEC §4, seed 004): nobody approves or returns their own
 * plan; a plan by department staff goes to that department's head; a plan by the head goes to the
 * office manager (company level: the quality department; leadership level: leadership). The office
 * manager may approve or return any plan of the office. The accused is never the approver.
 * Null when this actor may decide on the plan; the refusal otherwise.
 */
export function planApprovalRefusal(
  actor: StaffActor,
  c: Pick<CaseRecord, 'plan' | 'level' | 'departmentId' | 'accusedParty' | 'accusedStaffId'>,
): Refusal | null {
  if (!actor.capabilities.has('case.approve')) return refuse('ACTION_NOT_PERMITTED');
  if (isAccused(actor, c)) return refuse('ACCUSED_EXCLUDED', 'approver');
  if (!c.plan) return refuse('PLAN_NOT_APPROVED');
  if (c.plan.submittedBy === actor.id) return refuse('PLAN_SELF_APPROVAL');
  const levelApprover = LEVEL_APPROVERS[c.level].some((role) => actor.roles.includes(role));
  const headOfStaffPlan = !c.plan.submittedByHead && headsDepartmentOf(actor, c);
  return levelApprover || headOfStaffPlan ? null : refuse('PLAN_APPROVER_INVALID');
}
