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

/** A department as routing sees it. */
export interface RoutingDepartment {
  id: string;
  projectId: string | null;
  kind: string;
  isSupervising: boolean;
  headStaffId: string | null;
}

/** A quality department (品质部): of kind 'quality', or a supervising department. */
const isQuality = (d: RoutingDepartment) => d.kind === 'quality' || d.isSupervising;

/** The company's quality department: company-level (no project) first, of kind 'quality' first; null when there is none. */
export function qualityDepartmentOf(departments: readonly RoutingDepartment[]): RoutingDepartment | null {
  const rank = (d: RoutingDepartment) => (d.projectId === null ? 0 : 2) + (d.kind === 'quality' ? 0 : 1);
  return [...departments].filter(isQuality).sort((a, b) => rank(a) - rank(b))[0] ?? null;
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
  const quality = new Set(departments.filter(isQuality).map((d) => d.id));
  const heads = new Set(departments.filter((d) => isQuality(d) && d.headStaffId).map((d) => d.headStaffId!));
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
