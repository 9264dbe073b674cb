import { DomainError, requireCapability, visibleProjectIds, type Actor, type StaffActor } from '@guanjia/core';
import {
  relocateProjectDates,
  buildingCodeTaken,
  departmentCodeTaken,
  findBuilding,
  findDepartment,
  findProject,
  findStaff,
  findUnit,
  insertBuilding,
  insertDepartment,
  insertProject,
  insertUnit,
  listBuildings,
  listDepartments,
  listProjects,
  listUnits,
  projectCodeTaken,
  unitCodeTaken,
  updateBuilding,
  updateDepartment,
  updateProject,
  updateUnit,
  appendAudit,
  type DepartmentRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { inTransaction } from './transaction.ts';
import type { Kysely } from 'kysely';
import type { Schema } from '@guanjia/storage';
import { requireStaffFor } from './references.ts';

/** A project the staff member may see, or PROJECT_NOT_FOUND (no existence leak across scopes). */
export async function visibleProject(deps: AppDeps, actor: StaffActor, projectId: string, field = 'projectId') {
  const p = await findProject(deps.database.db, projectId);
  const scope = visibleProjectIds(actor);
  if (!p || p.organizationId !== actor.organizationId || (scope !== 'all' && !scope.includes(p.id))) throw new DomainError('PROJECT_NOT_FOUND', field);
  return p;
}

/** A structure change and its audit entry, in one transaction. */
async function audited(
  deps: AppDeps,
  actor: StaffActor,
  action: string,
  target: { type: string; id: string; projectId: string | null },
  detail: Record<string, unknown>,
  write: (db: Kysely<Schema>) => Promise<void>,
) {
  await inTransaction(deps.database, async (db) => {
    await write(db);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action,
      targetType: target.type,
      targetId: target.id,
      projectId: target.projectId,
      detail,
      at: deps.now(),
    });
  });
}

export async function listVisibleProjects(deps: AppDeps, actor: StaffActor) {
  requireCapability(actor, 'structure.read');
  const scope = visibleProjectIds(actor);
  return listProjects(deps.database.db, actor.organizationId, scope === 'all' ? null : scope);
}

export async function createProject(
  deps: AppDeps,
  actor: StaffActor,
  input: { code: string; name: string; address?: string | null; occupancyDate?: string | null; phase: string; timeZone: string },
) {
  requireCapability(actor, 'structure.admin');
  if (!actor.companyWide) throw new DomainError('FORBIDDEN');
  if (await projectCodeTaken(deps.database.db, actor.organizationId, input.code)) throw new DomainError('CODE_TAKEN', 'code', { code: input.code });
  const now = deps.now();
  const row = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    code: input.code,
    name: input.name,
    address: input.address ?? null,
    occupancyDate: input.occupancyDate ?? null,
    phase: input.phase,
    timeZone: input.timeZone,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(deps.database, async (db) => {
    await insertProject(db, row);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'project.create',
      targetType: 'project',
      targetId: row.id,
      projectId: row.id,
      detail: { code: row.code },
      at: now,
    });
  });
  return row;
}

export async function editProject(deps: AppDeps, actor: StaffActor, id: string, patch: Record<string, unknown>) {
  requireCapability(actor, 'structure.admin');
  const p = await visibleProject(deps, actor, id, 'id');
  if (typeof patch.code === 'string' && (await projectCodeTaken(deps.database.db, actor.organizationId, patch.code, id)))
    throw new DomainError('CODE_TAKEN', 'code', { code: patch.code });
  const newZone = typeof patch.timeZone === 'string' && patch.timeZone !== p.timeZone;
  await audited(deps, actor, 'project.update', { type: 'project', id, projectId: id }, patch, async (db) => {
    await updateProject(db, id, { ...patch, updatedAt: deps.now() });
    // local dates move with the zone: the clocks' due dates and the report rollups are recounted (decision 0015)
    if (newZone) await relocateProjectDates(db, id);
  });
  deps.projectCache?.clear(); // after commit, like the actor cache
  if (newZone) deps.slaCache?.clear();
  return (await findProject(deps.database.db, p.id))!;
}

export async function listProjectBuildings(deps: AppDeps, actor: StaffActor, projectId: string) {
  requireCapability(actor, 'structure.read');
  await visibleProject(deps, actor, projectId, 'id');
  return listBuildings(deps.database.db, projectId);
}

export async function createBuilding(deps: AppDeps, actor: StaffActor, projectId: string, input: { code: string; name: string; floors?: number | null }) {
  requireCapability(actor, 'structure.admin');
  const p = await visibleProject(deps, actor, projectId, 'id');
  if (await buildingCodeTaken(deps.database.db, p.id, input.code)) throw new DomainError('CODE_TAKEN', 'code', { code: input.code });
  const now = deps.now();
  const row = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: p.id,
    code: input.code,
    name: input.name,
    floors: input.floors ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await audited(deps, actor, 'building.create', { type: 'building', id: row.id, projectId: row.projectId }, { code: row.code }, (db) =>
    insertBuilding(db, row),
  );
  return row;
}

async function visibleBuilding(deps: AppDeps, actor: StaffActor, id: string) {
  const b = await findBuilding(deps.database.db, id);
  if (!b || b.organizationId !== actor.organizationId) throw new DomainError('BUILDING_NOT_FOUND', 'id');
  await visibleProject(deps, actor, b.projectId).catch(() => {
    throw new DomainError('BUILDING_NOT_FOUND', 'id');
  });
  return b;
}

export async function editBuilding(deps: AppDeps, actor: StaffActor, id: string, patch: { code?: string; name?: string; floors?: number | null }) {
  requireCapability(actor, 'structure.admin');
  const b = await visibleBuilding(deps, actor, id);
  if (patch.code && (await buildingCodeTaken(deps.database.db, b.projectId, patch.code, id))) throw new DomainError('CODE_TAKEN', 'code', { code: patch.code });
  await audited(deps, actor, 'building.update', { type: 'building', id, projectId: b.projectId }, patch, (db) =>
    updateBuilding(db, id, { ...patch, updatedAt: deps.now() }),
  );
  deps.unitLabelCache?.clear(); // the building's name is in its units' labels
  return (await findBuilding(deps.database.db, id))!;
}

export async function listBuildingUnits(deps: AppDeps, actor: StaffActor, q: { projectId?: string; buildingId?: string; limit: number }) {
  requireCapability(actor, 'structure.read');
  if (q.buildingId) await visibleBuilding(deps, actor, q.buildingId);
  else if (q.projectId) await visibleProject(deps, actor, q.projectId);
  else throw new DomainError('FIELD_REQUIRED', 'query.projectId');
  return listUnits(deps.database.db, q);
}

export async function createUnit(
  deps: AppDeps,
  actor: StaffActor,
  buildingId: string,
  input: { code: string; entrance?: string | null; kind: string; floor?: number | null; areaSqm?: number | null },
) {
  requireCapability(actor, 'structure.admin');
  const b = await visibleBuilding(deps, actor, buildingId);
  if (await unitCodeTaken(deps.database.db, b.id, input.code, input.entrance ?? null)) throw new DomainError('CODE_TAKEN', 'code', { code: input.code });
  const now = deps.now();
  const row = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: b.projectId,
    buildingId: b.id,
    code: input.code,
    entrance: input.entrance ?? null,
    kind: input.kind,
    floor: input.floor ?? null,
    areaSqm: input.areaSqm ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await audited(deps, actor, 'unit.create', { type: 'unit', id: row.id, projectId: row.projectId }, { code: row.code }, (db) => insertUnit(db, row));
  return row;
}

export async function editUnit(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  patch: { code?: string; entrance?: string | null; kind?: string; floor?: number | null; areaSqm?: number | null },
) {
  requireCapability(actor, 'structure.admin');
  const u = await findUnit(deps.database.db, id);
  if (!u || u.organizationId !== actor.organizationId) throw new DomainError('UNIT_NOT_FOUND', 'id');
  await visibleProject(deps, actor, u.projectId).catch(() => {
    throw new DomainError('UNIT_NOT_FOUND', 'id');
  });
  const [code, entrance] = [patch.code ?? u.code, patch.entrance === undefined ? u.entrance : patch.entrance];
  if ((patch.code !== undefined || patch.entrance !== undefined) && (await unitCodeTaken(deps.database.db, u.buildingId, code, entrance, id)))
    throw new DomainError('CODE_TAKEN', 'code', { code });
  await audited(deps, actor, 'unit.update', { type: 'unit', id, projectId: u.projectId }, patch, (db) =>
    updateUnit(db, id, { ...patch, updatedAt: deps.now() }),
  );
  deps.unitLabelCache?.delete(id);
  return (await findUnit(deps.database.db, id))!;
}

export async function listVisibleDepartments(deps: AppDeps, actor: Actor) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  requireCapability(actor, 'structure.read');
  const scope = visibleProjectIds(actor);
  return listDepartments(deps.database.db, actor.organizationId, scope === 'all' ? null : scope);
}

/** A department head: active staff of the organization, working in the department's project when it has one. */
async function requireHead(deps: AppDeps, actor: StaffActor, staffId: string, projectId: string | null) {
  if (projectId) return requireStaffFor(deps.database, actor, staffId, projectId, 'headStaffId');
  const s = await findStaff(deps.database.db, staffId);
  if (!s || s.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', 'headStaffId');
  if (!s.active) throw new DomainError('STAFF_NOT_IN_SCOPE', 'headStaffId');
  return s;
}

export async function createDepartment(
  deps: AppDeps,
  actor: StaffActor,
  input: { code: string; name: string; kind: string; projectId?: string | null; isSupervising: boolean; headStaffId?: string | null },
) {
  requireCapability(actor, 'structure.admin');
  if (input.projectId) await visibleProject(deps, actor, input.projectId);
  else if (!actor.companyWide) throw new DomainError('FORBIDDEN', 'projectId');
  if (await departmentCodeTaken(deps.database.db, actor.organizationId, input.code)) throw new DomainError('CODE_TAKEN', 'code', { code: input.code });
  if (input.headStaffId) await requireHead(deps, actor, input.headStaffId, input.projectId ?? null);
  const now = deps.now();
  const row: DepartmentRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId ?? null,
    code: input.code,
    name: input.name,
    kind: input.kind,
    isSupervising: input.isSupervising,
    headStaffId: input.headStaffId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await audited(deps, actor, 'department.create', { type: 'department', id: row.id, projectId: row.projectId }, { code: row.code }, (db) =>
    insertDepartment(db, row),
  );
  return row;
}

export async function editDepartment(deps: AppDeps, actor: StaffActor, id: string, patch: Partial<DepartmentRecord>) {
  requireCapability(actor, 'structure.admin');
  const d = await findDepartment(deps.database.db, id);
  if (!d || d.organizationId !== actor.organizationId) throw new DomainError('DEPARTMENT_NOT_FOUND', 'id');
  if (d.projectId)
    await visibleProject(deps, actor, d.projectId).catch(() => {
      throw new DomainError('DEPARTMENT_NOT_FOUND', 'id');
    });
  else if (!actor.companyWide) throw new DomainError('FORBIDDEN');
  if (patch.code && (await departmentCodeTaken(deps.database.db, actor.organizationId, patch.code, id)))
    throw new DomainError('CODE_TAKEN', 'code', { code: patch.code });
  if (patch.headStaffId) await requireHead(deps, actor, patch.headStaffId, d.projectId);
  await audited(deps, actor, 'department.update', { type: 'department', id, projectId: d.projectId }, patch, (db) =>
    updateDepartment(db, id, { ...patch, updatedAt: deps.now() }),
  );
  deps.departmentNameCache?.delete(id); // lists show the new name at once (other processes within seconds)
  return (await findDepartment(deps.database.db, id))!;
}
