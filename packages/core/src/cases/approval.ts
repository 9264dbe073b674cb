import { levelApproverRank, PLAN_AUTHOR_RANKS, planApproverRank, type PlanAuthorRank } from '@guanjia/vocabulary';
import type { StaffActor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import { isAccused } from './accused.ts';
import type { CaseRecord, ComplaintPlan } from './case.ts';

export { planApproverRank } from '@guanjia/vocabulary';

/** Ranks in order, lowest first: department staff < head < office manager < quality department < leadership. */
const ORDER: Record<PlanAuthorRank, number> = Object.fromEntries(PLAN_AUTHOR_RANKS.map((r, i) => [r, i])) as Record<PlanAuthorRank, number>;

export function headsDepartmentOf(actor: Pick<StaffActor, 'roles' | 'departmentId'>, c: Pick<CaseRecord, 'departmentId'>): boolean {
  return actor.roles.includes('department_head') && c.departmentId !== null && actor.departmentId === c.departmentId;
}

/**
 * A staff member's rank towards a case's plan: the highest of their roles — leadership, the quality
 * department (品质部), the office manager (管理处主任) — else the head of the case's department, else
 * department staff. An administrator's or archivist's roles give no rank (they approve nothing).
 */
export function planRankOf(person: Pick<StaffActor, 'roles' | 'departmentId'>, c: Pick<CaseRecord, 'departmentId'>): PlanAuthorRank {
  if (person.roles.includes('leadership')) return 'leadership';
  if (person.roles.includes('quality_officer')) return 'quality';
  if (person.roles.includes('office_manager')) return 'office_manager';
  if (headsDepartmentOf(person, c)) return 'department_head';
  return 'staff';
}

/** The rank a plan was written at (a plan stored before ranks were recorded: its head flag). */
export function planAuthorRank(plan: Pick<ComplaintPlan, 'submittedByHead'> & { submittedByRank?: PlanAuthorRank }): PlanAuthorRank {
  return plan.submittedByRank ?? (plan.submittedByHead ? 'department_head' : 'staff');
}

/**
 * Separation of duties for a complaint plan (SPEC §4, seed 004): nobody approves or returns their own
 * plan, nor a plan by someone of their own rank or above; a plan by department staff goes to that
 * department's head; a plan by the head goes to the office manager (company level: the quality
 * department; leadership level: leadership); a plan by the office manager goes to the quality
 * department (or leadership), never to a department head. The office manager may approve or return
 * any plan of the office written below his rank. The accused is never the approver.
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
  const author = planAuthorRank(c.plan);
  const approver = planRankOf(actor, c);
  const required = planApproverRank(author, c.level);
  // department staff's plan: their head, at any level, or whoever answers for the level
  const ok = author === 'staff' ? approver === 'department_head' || ORDER[approver] >= ORDER[levelApproverRank(c.level)] : ORDER[approver] >= ORDER[required];
  return ok ? null : refuse('PLAN_APPROVER_INVALID', undefined, { author, required });
}
