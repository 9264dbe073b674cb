import { canSeeProject, DomainError, normalizeInstant, type Actor, type StaffActor } from '@guanjia/core';
import {
  findAttachments,
  findDepartment,
  findOwner,
  findProject,
  findStaff,
  findUnit,
  listOwnerUnits,
  ownerLinkedToProject,
  type Database,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * Checks that ids a client sends point at things of the actor's organization and the right project,
 * each failure naming its field. Unknown and other tenants' ids look the same: not found.
 */
export async function requireProjectOf(deps: AppDeps, actor: Actor, projectId: string, field = 'projectId') {
  const load = () => findProject(deps.database.db, projectId);
  const project = deps.projectCache ? await deps.projectCache.get(projectId, load) : await load();
  if (!project || project.organizationId !== actor.organizationId) throw new DomainError('PROJECT_NOT_FOUND', field);
  return project;
}

export async function requireUnitInProject(database: Database, actor: Actor, unitId: string, projectId: string, field = 'unitId') {
  return checkUnitInProject(database, actor, await findUnit(database.db, unitId), projectId, field);
}

/** requireUnitInProject's checks on a unit already read (the intake reads it with its other facts). */
export async function checkUnitInProject<U extends { id: string; organizationId: string; projectId: string; kind: string }>(
  database: Database,
  actor: Actor,
  unit: U | null,
  projectId: string,
  field = 'unitId',
): Promise<U> {
  if (!unit || unit.organizationId !== actor.organizationId) throw new DomainError('UNIT_NOT_FOUND', field);
  // A unit the actor cannot see answers like an unknown id (decision 0004): for staff, one of a project
  // outside their scope; for an owner, anyone else's home (their own units and their projects' public areas only).
  const visible =
    actor.kind === 'owner'
      ? unit.kind === 'public_area'
        ? await ownerLinkedToProject(database.db, actor.id, unit.projectId)
        : (await listOwnerUnits(database.db, [actor.id])).some((l) => l.unitId === unit.id)
      : canSeeProject(actor, unit.organizationId, unit.projectId);
  if (!visible) throw new DomainError('UNIT_NOT_FOUND', field);
  if (unit.projectId !== projectId) throw new DomainError('UNIT_NOT_IN_PROJECT', field);
  return unit;
}

export async function requireOwnerOf(database: Database, actor: Actor, ownerId: string, field = 'ownerId') {
  const owner = await findOwner(database.db, ownerId);
  if (!owner || owner.organizationId !== actor.organizationId) throw new DomainError('OWNER_NOT_FOUND', field);
  return owner;
}

/** A department usable in a project: company-level, or of that very project. */
export async function requireDepartmentFor(database: Database, actor: Actor, departmentId: string, projectId: string, field = 'departmentId') {
  const d = await findDepartment(database.db, departmentId);
  if (!d || d.organizationId !== actor.organizationId) throw new DomainError('DEPARTMENT_NOT_FOUND', field);
  // Another project's department: not in scope if the actor can see that project, else not found (decision 0004).
  if (d.projectId !== null && d.projectId !== projectId)
    throw new DomainError(canSeeProject(actor, d.organizationId, d.projectId) ? 'DEPARTMENT_NOT_IN_SCOPE' : 'DEPARTMENT_NOT_FOUND', field);
  return d;
}

/** An active staff member who works in the project (or company-wide). */
export async function requireStaffFor(
  database: Database,
  actor: Actor,
  staffId: string,
  projectId: string,
  field: string,
  code: 'STAFF_NOT_IN_SCOPE' | 'TECHNICIAN_NOT_IN_SCOPE' = 'STAFF_NOT_IN_SCOPE',
) {
  const s = await findStaff(database.db, staffId);
  if (!s || s.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', field);
  if (!s.active || !(s.companyWide || s.projectIds.includes(projectId))) throw new DomainError(code, field);
  return s;
}

/**
 * Attachments a case write may reference: the actor's own uploads not yet filed with a case, or
 * files already belonging to this very case. Anything else (another tenant's, a colleague's loose
 * upload, a file of another case) is ATTACHMENT_NOT_FOUND, so no one reaches a file they cannot read.
 */
export async function requireAttachments(
  database: Database,
  actor: Actor,
  ids: readonly string[] | undefined | null,
  caseId: string | null,
  field = 'attachmentIds',
) {
  if (!ids?.length) return;
  const found = await findAttachments(database.db, ids);
  for (const id of ids) {
    const a = found.find((x) => x.id === id);
    const usable = !!a && a.organizationId === actor.organizationId && (a.caseId === null ? a.uploadedById === actor.id : a.caseId === caseId);
    if (!usable) throw new DomainError('ATTACHMENT_NOT_FOUND', field, { id });
  }
}

/** Owners may only open cases in a project where they hold or occupy a unit (`linked`: ownerLinkedToProject, read already). */
export function requireOwnerInProject(linked: boolean): void {
  if (!linked) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
}

/**
 * A case's owner must hold or occupy a unit in the case's project. Staff who cannot see the owner at
 * all get OWNER_NOT_FOUND; staff who can, but picked the wrong project, get OWNER_NOT_IN_PROJECT.
 */
export async function requireOwnerLinkedToProject(database: Database, actor: StaffActor, ownerId: string, projectId: string, field = 'ownerId') {
  // Projects belong to one organization, so a link to the (already checked) project is enough.
  await checkOwnerLinked(database, actor, ownerId, await ownerLinkedToProject(database.db, ownerId, projectId), field);
}

/** requireOwnerLinkedToProject on a link already read (`linked`: ownerLinkedToProject); only a refusal reads more. */
export async function checkOwnerLinked(database: Database, actor: StaffActor, ownerId: string, linked: boolean, field = 'ownerId'): Promise<void> {
  if (linked) return;
  const links = await listOwnerUnits(database.db, [ownerId]);
  const owner = links.length ? null : await findOwner(database.db, ownerId);
  const visible =
    links.some((l) => canSeeProject(actor, l.organizationId, l.projectId)) || (actor.companyWide && owner?.organizationId === actor.organizationId);
  throw new DomainError(visible ? 'OWNER_NOT_IN_PROJECT' : 'OWNER_NOT_FOUND', field);
}

/** Canonical UTC form of a client instant (validated by the schema already). */
export function utc(value: string): string;
export function utc(value: string | null | undefined): string | null;
export function utc(value: string | null | undefined): string | null {
  return value ? (normalizeInstant(value) ?? value) : null;
}
