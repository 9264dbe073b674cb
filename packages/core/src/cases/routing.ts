import type { StaffRole } from '../structure/roles.ts';
import { withoutAccused, type AccusedOf } from './accused.ts';
import type { HandlingLevel } from './case.ts';

/** A staff member as routing sees them. */
export interface RoutingPerson {
  id: string;
  roles: readonly StaffRole[];
  departmentId: string | null;
  active: boolean;
}

/** A department as routing sees it: company-level (no project) supervising departments are the quality department (品质部). */
export interface RoutingDepartment {
  id: string;
  projectId: string | null;
  isSupervising: boolean;
  headStaffId: string | null;
}

/** The company's quality department: its company-level supervising department, if it has one. */
export function qualityDepartmentOf(departments: readonly RoutingDepartment[]): RoutingDepartment | null {
  return departments.find((d) => d.isSupervising && d.projectId === null) ?? departments.find((d) => d.isSupervising) ?? null;
}

/**
 * Who hears of a complaint reaching a level (SPEC §4): company level — the quality department (its
 * quality officers, its staff and its head); leadership level — company leadership. Never the
 * accused, never inactive accounts, never the one who escalated it (they know). Sorted, unique.
 */
export function levelRecipients(
  level: HandlingLevel,
  people: readonly RoutingPerson[],
  departments: readonly RoutingDepartment[],
  c: AccusedOf,
  exceptId: string | null = null,
): string[] {
  if (level === 'office') return [];
  const quality = new Set(departments.filter((d) => d.isSupervising).map((d) => d.id));
  const heads = new Set(departments.filter((d) => d.isSupervising && d.headStaffId).map((d) => d.headStaffId!));
  const atLevel = (p: RoutingPerson) =>
    level === 'leadership'
      ? p.roles.includes('leadership')
      : p.roles.includes('quality_officer') || heads.has(p.id) || (p.departmentId !== null && quality.has(p.departmentId));
  const ids = withoutAccused(
    people.filter((p) => p.active && atLevel(p)),
    c,
  )
    .map((p) => p.id)
    .filter((id) => id !== exceptId);
  return [...new Set(ids)].sort();
}
