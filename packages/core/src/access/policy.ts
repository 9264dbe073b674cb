import type { Actor, StaffActor } from './actor.ts';
import type { Capability } from '../structure/roles.ts';
import type { CaseRecord } from '../cases/case.ts';
import { isAccused } from '../cases/accused.ts';
import { DomainError } from '../shared/errors.ts';

/**
 * Access policy: deny by default. A staff member sees only the projects they work in (or all of their
 * organization's when company-wide); an owner sees only their own cases. The accused of a complaint
 * (the named staff member, or every office manager when it is against the office's management) never
 * sees it (SPEC §4).
 */
export function canSeeProject(actor: Actor, organizationId: string, projectId: string): boolean {
  if (actor.organizationId !== organizationId) return false;
  if (actor.kind !== 'staff') return false;
  return actor.companyWide || actor.projectIds.includes(projectId);
}

export function canSeeCase(actor: Actor, c: Pick<CaseRecord, 'organizationId' | 'projectId' | 'ownerId' | 'accusedStaffId' | 'accusedParty'>): boolean {
  if (actor.organizationId !== c.organizationId) return false;
  if (actor.kind === 'owner') return c.ownerId === actor.id;
  if (isAccused(actor, c)) return false;
  return actor.capabilities.has('case.read') && canSeeProject(actor, c.organizationId, c.projectId);
}

/** Throws FORBIDDEN unless the actor is staff with the capability. */
export function requireCapability(actor: Actor, capability: Capability): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !actor.capabilities.has(capability)) throw new DomainError('FORBIDDEN', undefined, { capability });
}

/** Throws FORBIDDEN unless the staff actor has the capability inside the project. */
export function requireProjectCapability(actor: Actor, capability: Capability, organizationId: string, projectId: string): asserts actor is StaffActor {
  requireCapability(actor, capability);
  if (!canSeeProject(actor, organizationId, projectId)) throw new DomainError('FORBIDDEN', undefined, { capability });
}

/** Project ids the actor may list, or 'all' for company-wide staff. */
export function visibleProjectIds(actor: StaffActor): readonly string[] | 'all' {
  return actor.companyWide ? 'all' : actor.projectIds;
}

/** Whom an account is scoped to: company-wide, or a set of projects. */
export interface ScopedAccount {
  companyWide: boolean;
  projectIds: readonly string[];
}

/**
 * A staff admin administers (edits, resets, issues tokens for) only accounts wholly inside their own
 * scope; a company-wide admin administers every account of the organization.
 */
export function administersAccount(actor: StaffActor, target: ScopedAccount): boolean {
  if (!actor.capabilities.has('staff.admin')) return false;
  return actor.companyWide || (!target.companyWide && target.projectIds.every((p) => actor.projectIds.includes(p)));
}

/**
 * The project an audit entry about this account is filed under: its one project, or null
 * (company-level) for company-wide and multi-project accounts.
 */
export function auditProjectOf(account: ScopedAccount): string | null {
  return !account.companyWide && account.projectIds.length === 1 ? account.projectIds[0]! : null;
}
