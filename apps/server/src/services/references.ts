import { DomainError, normalizeInstant, type Actor } from '@guanjia/core';
import { findAttachments, findDepartment, findOwner, findProject, findStaff, findUnit, listOwnerUnits, type Database } from '@guanjia/storage';

/**
 * Checks that ids a client sends point at things of the actor's organization and the right project,
 * each failure naming its field. Unknown and other tenants' ids look the same: not found.
 */
export async function requireProjectOf(database: Database, actor: Actor, projectId: string, field = 'projectId') {
  const project = await findProject(database.db, projectId);
  if (!project || project.organizationId !== actor.organizationId) throw new DomainError('PROJECT_NOT_FOUND', field);
  return project;
}

export async function requireUnitInProject(database: Database, actor: Actor, unitId: string, projectId: string, field = 'unitId') {
  const unit = await findUnit(database.db, unitId);
  if (!unit || unit.organizationId !== actor.organizationId) throw new DomainError('UNIT_NOT_FOUND', field);
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
  if (d.projectId !== null && d.projectId !== projectId) throw new DomainError('DEPARTMENT_NOT_IN_SCOPE', field);
  return d;
}

/** An active staff member who works in the project (or company-wide). */
export async function requireStaffFor(database: Database, actor: Actor, staffId: string, projectId: string, field: string, code: 'STAFF_NOT_IN_SCOPE' | 'TECHNICIAN_NOT_IN_SCOPE' = 'STAFF_NOT_IN_SCOPE') {
  const s = await findStaff(database.db, staffId);
  if (!s || s.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', field);
  if (!s.active || !(s.companyWide || s.projectIds.includes(projectId))) throw new DomainError(code, field);
  return s;
}

export async function requireAttachments(database: Database, actor: Actor, ids: readonly string[] | undefined | null, field = 'attachmentIds') {
  if (!ids?.length) return;
  const found = await findAttachments(database.db, ids);
  for (const id of ids) {
    const a = found.find((x) => x.id === id);
    if (!a || a.organizationId !== actor.organizationId) throw new DomainError('ATTACHMENT_NOT_FOUND', field, { id });
    if (actor.kind === 'owner' && a.uploadedById !== actor.id) throw new DomainError('ATTACHMENT_NOT_FOUND', field, { id });
  }
}

/** Owners may only open cases in a project where they hold or occupy a unit. */
export async function requireOwnerInProject(database: Database, ownerId: string, projectId: string) {
  const links = await listOwnerUnits(database.db, [ownerId]);
  if (!links.some((l) => l.projectId === projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  return links;
}

/** Canonical UTC form of a client instant (validated by the schema already). */
export function utc(value: string): string;
export function utc(value: string | null | undefined): string | null;
export function utc(value: string | null | undefined): string | null {
  return value ? (normalizeInstant(value) ?? value) : null;
}
