import { capabilitiesOf, type StaffRole } from '../structure/roles.ts';
import { isAccused } from './accused.ts';
import type { CaseRecord } from './case.ts';

/** A staff member as dispatch sees them. */
export interface AssignmentCandidate {
  id: string;
  roles: readonly StaffRole[];
  departmentId: string | null;
  projectIds: readonly string[];
  companyWide: boolean;
  active: boolean;
}

/** The case as dispatch sees it: type, place, department and whom a complaint is against. */
export type AssignmentCase = Pick<CaseRecord, 'type' | 'projectId' | 'departmentId' | 'accusedParty' | 'accusedStaffId'>;

export type NotAssignableReason = 'inactive' | 'not_in_project' | 'accused' | 'no_working_role' | 'other_department';

/**
 * 派工/改派: who may be made the assignee of a case. Only people who do the work: for a repair, those
 * who go on site (维修/技术员, the department head) of the case's department (the repair pool); for the
 * other types, the case's department staff, the service desk when the case sits with no department,
 * and overseers (office manager, quality, leadership). Never someone of another project, an inactive
 * account, anyone the complaint is against (core's isAccused: the named staff member, or every office
 * manager for a complaint against the office's management), and never through an administrator's or
 * archivist's rights alone (the admin role grants every capability, so it is left out here).
 */
export function whyNotAssignable(candidate: AssignmentCandidate, c: AssignmentCase): NotAssignableReason | null {
  if (!candidate.active) return 'inactive';
  if (!candidate.companyWide && !candidate.projectIds.includes(c.projectId)) return 'not_in_project';
  if (isAccused(candidate, c)) return 'accused';
  const caps = capabilitiesOf(candidate.roles.filter((r) => r !== 'admin'));
  const inDepartment = c.departmentId !== null && candidate.departmentId === c.departmentId;
  if (c.type === 'repair') {
    if (!caps.has('case.field')) return 'no_working_role';
    return c.departmentId === null || inDepartment ? null : 'other_department';
  }
  if (!caps.has('case.department') && !caps.has('case.intake')) return 'no_working_role';
  if (caps.has('case.oversee')) return null;
  if (c.departmentId === null) return caps.has('case.intake') ? null : 'other_department';
  return inDepartment ? null : 'other_department';
}

export function isAssignable(candidate: AssignmentCandidate, c: AssignmentCase): boolean {
  return whyNotAssignable(candidate, c) === null;
}

/** A department as intake sees it. */
export interface DepartmentSummary {
  id: string;
  projectId: string | null;
  code: string;
  kind: string;
}

/**
 * 报修派工池: the department a repair goes to when intake names none: the project's own engineering
 * department (kind "engineering", 工程部/工程维修部); with several, the first by code. Null when the
 * project has none (the repair then waits at the service desk, as before).
 */
export function repairDepartmentOf(departments: readonly DepartmentSummary[], projectId: string): DepartmentSummary | null {
  const own = departments.filter((d) => d.projectId === projectId && d.kind === 'engineering');
  return [...own].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))[0] ?? null;
}
