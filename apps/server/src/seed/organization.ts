import type { StaffRole } from '@guanjia/core';
import {
  insertBuilding,
  insertDepartment,
  insertOrganization,
  insertProject,
  insertStaff,
  insertUnit,
  updateDepartment,
  type Database,
} from '@guanjia/storage';

/**
 * Writes an organization's skeleton straight through storage (there is no API to create a tenant):
 * projects with buildings and units, departments, and staff accounts of every role.
 */
export interface OrgSpec {
  code: string;
  name: string;
  /** Demo data (演示数据): the UI shows a banner for it. */
  demo?: boolean;
  projects: { code: string; name: string; buildings: { code: string; name: string; units: string[] }[] }[];
  /** Company-level departments (projectId null), e.g. the quality department 品质管理部. */
  companyDepartments: { code: string; name: string; kind: string; isSupervising?: boolean }[];
  /** Departments created in every project; code is suffixed with the project code. */
  projectDepartments: { code: string; name: string; kind: string }[];
  staff: { username: string; name: string; roles: StaffRole[]; projects: string[] | 'all'; department?: string }[];
}

export interface SeededOrg {
  organizationId: string;
  projects: Record<string, { id: string; buildings: Record<string, { id: string; units: Record<string, string> }>; publicAreaUnitId: string }>;
  departments: Record<string, string>;
  staff: Record<string, string>;
}

export async function seedOrganization(database: Database, spec: OrgSpec, passwordHash: string, now: string, newId: () => string): Promise<SeededOrg> {
  return database.write(async (db) => {
    const organizationId = newId();
    await insertOrganization(db, { id: organizationId, code: spec.code, name: spec.name, createdAt: now, isDemo: spec.demo ? 1 : 0 });
    const out: SeededOrg = { organizationId, projects: {}, departments: {}, staff: {} };
    for (const p of spec.projects) {
      const projectId = newId();
      await insertProject(db, {
        id: projectId,
        organizationId,
        code: p.code,
        name: p.name,
        address: null,
        occupancyDate: '2019-06-01',
        phase: 'normal',
        timeZone: 'Asia/Shanghai',
        createdAt: now,
        updatedAt: now,
      });
      out.projects[p.code] = { id: projectId, buildings: {}, publicAreaUnitId: '' };
      for (const b of p.buildings) {
        const buildingId = newId();
        await insertBuilding(db, { id: buildingId, organizationId, projectId, code: b.code, name: b.name, floors: 18, createdAt: now, updatedAt: now });
        const units: Record<string, string> = {};
        for (const u of b.units) {
          units[u] = newId();
          await insertUnit(db, {
            id: units[u]!,
            organizationId,
            projectId,
            buildingId,
            code: u,
            entrance: '1',
            kind: 'indoor',
            floor: Number.parseInt(u, 10) > 99 ? Math.floor(Number.parseInt(u, 10) / 100) : null,
            areaSqm: 89.5,
            createdAt: now,
            updatedAt: now,
          });
        }
        out.projects[p.code]!.buildings[b.code] = { id: buildingId, units };
      }
      const firstBuilding = Object.values(out.projects[p.code]!.buildings)[0]!;
      const publicId = newId();
      await insertUnit(db, {
        id: publicId,
        organizationId,
        projectId,
        buildingId: firstBuilding.id,
        code: '公共区域',
        entrance: null,
        kind: 'public_area',
        floor: null,
        areaSqm: null,
        createdAt: now,
        updatedAt: now,
      });
      out.projects[p.code]!.publicAreaUnitId = publicId;
      for (const d of spec.projectDepartments) {
        const id = newId();
        await insertDepartment(db, {
          id,
          organizationId,
          projectId,
          code: `${d.code}-${p.code}`,
          name: d.name,
          kind: d.kind,
          isSupervising: false,
          headStaffId: null,
          createdAt: now,
          updatedAt: now,
        });
        out.departments[`${d.code}-${p.code}`] = id;
      }
    }
    for (const d of spec.companyDepartments) {
      const id = newId();
      await insertDepartment(db, {
        id,
        organizationId,
        projectId: null,
        code: d.code,
        name: d.name,
        kind: d.kind,
        isSupervising: !!d.isSupervising,
        headStaffId: null,
        createdAt: now,
        updatedAt: now,
      });
      out.departments[d.code] = id;
    }
    for (const s of spec.staff) {
      const id = newId();
      await insertStaff(db, {
        id,
        organizationId,
        username: s.username,
        name: s.name,
        phone: null,
        email: null,
        passwordHash,
        roles: s.roles,
        departmentId: s.department ? out.departments[s.department]! : null,
        companyWide: s.projects === 'all',
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
        projectIds: s.projects === 'all' ? [] : s.projects.map((code) => out.projects[code]!.id),
      });
      out.staff[s.username] = id;
    }
    // Heads of department: the department head, the service supervisor, the quality officer of each one.
    const heads = new Set<string>();
    for (const s of spec.staff) {
      const headRole = s.roles.some((r) => r === 'department_head' || r === 'service_supervisor' || r === 'quality_officer');
      const departmentId = s.department ? out.departments[s.department] : undefined;
      if (headRole && departmentId && !heads.has(departmentId)) {
        heads.add(departmentId);
        await updateDepartment(db, departmentId, { headStaffId: out.staff[s.username]! });
      }
    }
    return out;
  });
}
