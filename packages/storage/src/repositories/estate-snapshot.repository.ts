import type { EstateBuilding, EstateDepartment, EstateProject, EstateStaff, EstateUnit, StaffRole } from '@guanjia/core';
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/**
 * What an import compares its rows with (issue 12, decision 0021): the organization's projects,
 * buildings and units, and for the roster its owners with their phones, emails and ties. One statement
 * per table, the organization's rows only; the columns the dry run reads, nothing else.
 */
export async function loadEstateSnapshot(
  db: Db,
  organizationId: string,
): Promise<{ projects: EstateProject[]; buildings: EstateBuilding[]; units: EstateUnit[] }> {
  const [projects, buildings, units] = await Promise.all([
    db.selectFrom('projects').select(['id', 'code', 'name']).where('organizationId', '=', organizationId).execute(),
    db.selectFrom('buildings').select(['id', 'projectId', 'code', 'name']).where('organizationId', '=', organizationId).execute(),
    db
      .selectFrom('units')
      .select(['id', 'projectId', 'buildingId', 'code', 'entrance', 'floor', 'areaSqm', 'kind'])
      .where('organizationId', '=', organizationId)
      .execute(),
  ]);
  return { projects, buildings, units: units.map((u) => ({ ...u, areaSqm: u.areaSqm === null ? null : Number(u.areaSqm) })) };
}

/** An owner as stored, with the ID number still encrypted: the server decrypts it for the comparison. */
export interface RosterOwnerRow {
  id: string;
  name: string;
  grade: string;
  gender: string | null;
  birthday: string | null;
  idNumberEncrypted: string | null;
  specialNeeds: string | null;
  notes: string | null;
}

export async function loadRosterRows(
  db: Db,
  organizationId: string,
): Promise<{
  owners: RosterOwnerRow[];
  contacts: { ownerId: string; kind: string; value: string }[];
  links: { ownerId: string; unitId: string; relation: string; isPrimary: boolean; moveInDate: string | null }[];
}> {
  const [owners, contacts, links] = await Promise.all([
    db
      .selectFrom('owners')
      .select(['id', 'name', 'grade', 'gender', 'birthday', 'idNumberEncrypted', 'specialNeeds', 'notes'])
      .where('organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('ownerContacts')
      .select(['ownerId', 'kind', 'value'])
      .where('organizationId', '=', organizationId)
      .where('kind', 'in', ['phone', 'email'])
      .execute(),
    // current ties only: an ended one (迁出/过户) is history, not the roster
    db
      .selectFrom('ownerUnits')
      .select(['ownerId', 'unitId', 'relation', 'isPrimary', 'moveInDate'])
      .where('organizationId', '=', organizationId)
      .where('movedOutOn', 'is', null)
      .execute(),
  ]);
  return { owners, contacts, links: links.map((l) => ({ ...l, isPrimary: Number(l.isPrimary) === 1 })) };
}

/** The departments and staff accounts a staff import compares with (roles and projects decoded). */
export async function loadStaffRows(db: Db, organizationId: string): Promise<{ departments: EstateDepartment[]; staff: EstateStaff[] }> {
  const [departments, staff, projects] = await Promise.all([
    db.selectFrom('departments').select(['id', 'code', 'name', 'projectId']).where('organizationId', '=', organizationId).execute(),
    db
      .selectFrom('staff')
      .select(['id', 'username', 'name', 'phone', 'email', 'departmentId', 'roles', 'companyWide'])
      .where('organizationId', '=', organizationId)
      .execute(),
    db
      .selectFrom('staffProjects')
      .innerJoin('staff', 'staff.id', 'staffProjects.staffId')
      .select(['staffProjects.staffId', 'staffProjects.projectId'])
      .where('staff.organizationId', '=', organizationId)
      .execute(),
  ]);
  const projectsOf = new Map<string, string[]>();
  for (const p of projects) projectsOf.set(p.staffId, [...(projectsOf.get(p.staffId) ?? []), p.projectId]);
  return {
    departments,
    staff: staff.map((s) => ({
      ...s,
      roles: JSON.parse(s.roles) as StaffRole[],
      companyWide: Number(s.companyWide) === 1,
      projectIds: projectsOf.get(s.id) ?? [],
    })),
  };
}
