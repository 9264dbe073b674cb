import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import { findRowById, selectRaw } from '../dialect/fast-queries.ts';
import type { BuildingsTable, DepartmentsTable, OrganizationsTable, ProjectsTable, Schema, UnitsTable } from '../schema.ts';

type Db = Kysely<Schema>;

export type OrganizationRow = Selectable<OrganizationsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type BuildingRow = Selectable<BuildingsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type DepartmentRecord = Omit<Selectable<DepartmentsTable>, 'isSupervising'> & { isSupervising: boolean };

const DEPARTMENT_SHAPE: RowShape = { booleans: ['isSupervising'], json: [] };

// a unit's room number is unique per building *and* 单元: unitCodeTaken below
type CodedTable = 'projects' | 'buildings' | 'departments';
const CODE_SCOPE = { projects: 'organizationId', buildings: 'projectId', departments: 'organizationId' } as const;

/** Whether `code` is used in its scope (organization or project) by a row other than `exceptId`. */
export async function codeTaken(db: Db, table: CodedTable, scopeId: string, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom(table).select('id').where(sql.ref(CODE_SCOPE[table]), '=', scopeId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertOrganization(db: Db, row: Insertable<OrganizationsTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}
export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | null> {
  return (await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
/** Whether the database holds any organization (init and the demo seed run only on an empty one). */
export async function hasOrganization(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst());
}

export async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.insertInto('projects').values(row).execute();
}
export async function updateProject(db: Db, id: string, patch: Partial<ProjectRow>): Promise<void> {
  await db.updateTable('projects').set(patch).where('id', '=', id).execute();
}
export async function findProject(db: Db, id: string): Promise<ProjectRow | null> {
  return findRowById<ProjectRow>(db, 'projects', id);
}
/**
 * Holds the project's row until the transaction ends (PostgreSQL; SQLite has one writer at a time): what
 * is decided per project from rows not yet written — the nights a warning schedules — is then decided by
 * one transaction at a time.
 */
export async function lockProject(db: Db, id: string): Promise<void> {
  if (isPostgres(db)) await db.selectFrom('projects').select('id').where('id', '=', id).forUpdate().execute();
}
export async function listProjects(db: Db, organizationId: string, ids: readonly string[] | null): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll().where('organizationId', '=', organizationId);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids as string[]);
  }
  return q.orderBy('code').execute();
}
export const projectCodeTaken = (db: Db, scopeId: string, code: string, exceptId?: string) => codeTaken(db, 'projects', scopeId, code, exceptId);

export async function insertBuilding(db: Db, row: BuildingRow): Promise<void> {
  await db.insertInto('buildings').values(row).execute();
}
export async function updateBuilding(db: Db, id: string, patch: Partial<BuildingRow>): Promise<void> {
  await db.updateTable('buildings').set(patch).where('id', '=', id).execute();
}
export async function findBuilding(db: Db, id: string): Promise<BuildingRow | null> {
  return (await db.selectFrom('buildings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
export async function listBuildings(db: Db, projectId: string): Promise<BuildingRow[]> {
  return db.selectFrom('buildings').selectAll().where('projectId', '=', projectId).orderBy('code').execute();
}
export const buildingCodeTaken = (db: Db, scopeId: string, code: string, exceptId?: string) => codeTaken(db, 'buildings', scopeId, code, exceptId);

export async function insertUnit(db: Db, row: UnitRow): Promise<void> {
  await db.insertInto('units').values(row).execute();
}
/** Many units at once (an import's chunk): a few hundred rows per INSERT. */
export async function insertUnits(db: Db, rows: readonly UnitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('units')
      .values(rows.slice(i, i + 500))
      .execute();
}
export async function updateUnit(db: Db, id: string, patch: Partial<UnitRow>): Promise<void> {
  await db.updateTable('units').set(patch).where('id', '=', id).execute();
}
export async function findUnit(db: Db, id: string): Promise<UnitRow | null> {
  return findRowById<UnitRow>(db, 'units', id);
}
export async function listUnits(db: Db, filter: { buildingId?: string; projectId?: string; limit: number }): Promise<UnitRow[]> {
  let q = db.selectFrom('units').selectAll();
  if (filter.buildingId) q = q.where('buildingId', '=', filter.buildingId);
  if (filter.projectId) q = q.where('projectId', '=', filter.projectId);
  return q.orderBy('code').limit(filter.limit).execute();
}
/** A room number is a building's once per 单元 (3栋1单元101 and 3栋2单元101 are two homes; migration 0021). */
export async function unitCodeTaken(db: Db, buildingId: string, code: string, entrance: string | null, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('units')
    .select('id')
    .where('buildingId', '=', buildingId)
    .where('code', '=', code)
    .where(sql<string>`coalesce(entrance, '')`, '=', entrance ?? '');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertDepartment(db: Db, row: DepartmentRecord): Promise<void> {
  await db
    .insertInto('departments')
    .values(encodeRow(row, DEPARTMENT_SHAPE) as Insertable<Schema['departments']>)
    .execute();
}
export async function updateDepartment(db: Db, id: string, patch: Partial<DepartmentRecord>): Promise<void> {
  await db
    .updateTable('departments')
    .set(encodeRow(patch, DEPARTMENT_SHAPE) as Updateable<Schema['departments']>)
    .where('id', '=', id)
    .execute();
}
export async function findDepartment(db: Db, id: string): Promise<DepartmentRecord | null> {
  const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeRow<DepartmentRecord>(row, DEPARTMENT_SHAPE) : null;
}
/** Company-level departments (projectId null) and those of the given projects; null: all. */
export async function listDepartments(db: Db, organizationId: string, projectIds: readonly string[] | null): Promise<DepartmentRecord[]> {
  let q = db.selectFrom('departments').selectAll().where('organizationId', '=', organizationId);
  if (projectIds) q = q.where((eb) => eb.or([eb('projectId', 'is', null), ...(projectIds.length ? [eb('projectId', 'in', projectIds as string[])] : [])]));
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => decodeRow<DepartmentRecord>(r, DEPARTMENT_SHAPE));
}
/** The departments usable in one project (company-level and the project's own), by code: listDepartments(…, [projectId]) without the builder (every repair's intake asks). */
export async function listDepartmentsOfProject(db: Db, organizationId: string, projectId: string): Promise<DepartmentRecord[]> {
  const rows = await selectRaw<Record<string, unknown>>(
    db,
    'select * from "departments" where "organization_id" = ? and ("project_id" is null or "project_id" = ?) order by "code"',
    [organizationId, projectId],
  );
  return rows.map((r) => decodeRow<DepartmentRecord>(r, DEPARTMENT_SHAPE));
}
export const departmentCodeTaken = (db: Db, scopeId: string, code: string, exceptId?: string) => codeTaken(db, 'departments', scopeId, code, exceptId);
