import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@guanjia/vocabulary';
import { capabilitiesOf } from '../structure/roles.ts';
import { comparable, projectFinder, type EstateProject } from './estate-keys.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import type { RowProblem } from './import-problems.ts';
import { countActions, type ImportCounts, type PlannedAction } from './plan-units.ts';
import { RowReader, type ImportRow } from './row-reader.ts';

/** A staff account as the staff import compares it. */
export interface EstateStaff {
  id: string;
  username: string;
  name: string;
  phone: string | null;
  email: string | null;
  departmentId: string | null;
  roles: readonly StaffRole[];
  projectIds: readonly string[];
  companyWide: boolean;
}

export interface EstateDepartment {
  id: string;
  code: string;
  name: string;
  projectId: string | null;
}

export interface StaffSnapshot {
  projects: readonly EstateProject[];
  departments: readonly EstateDepartment[];
  staff: readonly EstateStaff[];
}

/** Who imports: staff administrators of some projects (or of all), and whether they are administrators themselves. */
export interface StaffImporter {
  id: string;
  projectIds: readonly string[] | null;
  isAdmin: boolean;
}

export interface PlannedStaff {
  staffId: string | null;
  username: string;
  name: string;
  phone: string | null;
  email: string | null;
  departmentId: string | null;
  roles: StaffRole[];
  projectIds: string[];
  companyWide: boolean;
}

export interface StaffRowPlan {
  rowNumber: number;
  action: PlannedAction;
  problems: RowProblem[];
  staff: PlannedStaff | null;
  changed: string[];
}

export interface StaffImportPlan {
  rows: StaffRowPlan[];
  counts: ImportCounts;
}

const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;
/** Several values in one cell: 客服专员、客服主管 / 客服专员,客服主管 / 客服专员；客服主管. */
const splitList = (text: string): string[] =>
  text
    .split(/[、,，;；/\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The dry run of a staff import (员工): an account by its username (case-insensitive), created or
 * updated with the name, phone, email, department, roles and projects the row gives (blank cells leave
 * an account's values). The rules of typing it in hold: only an administrator grants 管理员; only a
 * company-wide importer makes company-wide accounts (no projects) or names projects beyond their own.
 */
export function planStaffImport(rows: readonly ImportRow[], snapshot: StaffSnapshot, importer: StaffImporter): StaffImportPlan {
  const findProject = projectFinder(snapshot.projects);
  const byUsername = new Map(snapshot.staff.map((s) => [s.username.toLowerCase(), s]));
  const roleByLabel = new Map<string, StaffRole>();
  for (const role of STAFF_ROLES) for (const name of [role, ROLE_LABELS[role][0], ROLE_LABELS[role][1]]) roleByLabel.set(comparable(name), role);
  const seen = new Map<string, number>();
  const plans = rows.map((row): StaffRowPlan => {
    const r = new RowReader(row, IMPORT_COLUMNS.staff);
    const refuse = (): StaffRowPlan => ({ rowNumber: row.rowNumber, action: 'error', problems: r.problems, staff: null, changed: [] });
    const username = r.text('username', { required: true, maxLength: 64 });
    const name = r.text('name', { required: true, maxLength: 100 });
    const phone = r.phone('phone');
    const email = r.email('email');
    if (username !== null && !USERNAME.test(username)) r.problem('username', 'username_invalid');
    const departmentText = r.text('department', { maxLength: 100 });
    const department =
      departmentText === null
        ? null
        : snapshot.departments.find((d) => comparable(d.name) === comparable(departmentText) || comparable(d.code) === comparable(departmentText));
    if (departmentText !== null && !department) r.problem('department', 'unknown_department', { value: departmentText });
    const rolesText = r.text('roles', { required: true, maxLength: 300 });
    const roles: StaffRole[] = [];
    for (const part of rolesText === null ? [] : splitList(rolesText)) {
      const role = roleByLabel.get(comparable(part));
      if (!role) r.problem('roles', 'unknown_role', { value: part, choices: STAFF_ROLES.map((x) => ROLE_LABELS[x][0]).join('、') });
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.includes('admin') && !importer.isAdmin) r.problem('roles', 'admin_role_needs_admin');
    const projectsText = r.text('projects', { maxLength: 1000 });
    const projectIds: string[] = [];
    for (const part of projectsText === null ? [] : splitList(projectsText)) {
      const project = findProject(part);
      if (!project) r.problem('projects', 'unknown_project', { value: part });
      else if (importer.projectIds && !importer.projectIds.includes(project.id)) r.problem('projects', 'not_in_your_projects', { value: part });
      else if (!projectIds.includes(project.id)) projectIds.push(project.id);
    }
    if (r.problems.length || username === null || name === null) return refuse();
    const key = username.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      r.problem('username', 'duplicate_row', { row: earlier });
      return refuse();
    }
    seen.set(key, row.rowNumber);
    const current = byUsername.get(key);
    // no projects named: a new account is company-wide; an existing one keeps its projects
    const companyWide = projectsText === null ? (current?.companyWide ?? true) : false;
    if (companyWide && !current && importer.projectIds) {
      r.problem('projects', 'required');
      return refuse();
    }
    if (current?.id === importer.id && !capabilitiesOf(roles).has('staff.admin')) {
      r.problem('roles', 'self_lockout');
      return refuse();
    }
    const staff: PlannedStaff = {
      staffId: current?.id ?? null,
      username: current?.username ?? username,
      name,
      phone: phone ?? current?.phone ?? null,
      email: email ?? current?.email ?? null,
      departmentId: department?.id ?? current?.departmentId ?? null,
      roles,
      projectIds: projectsText === null ? [...(current?.projectIds ?? [])] : projectIds,
      companyWide,
    };
    if (!current) return { rowNumber: row.rowNumber, action: 'create', problems: [], staff, changed: [] };
    const changed: string[] = [];
    if (staff.name !== current.name) changed.push('name');
    if (staff.phone !== current.phone) changed.push('phone');
    if (staff.email !== current.email) changed.push('email');
    if (staff.departmentId !== current.departmentId) changed.push('department');
    if ([...staff.roles].sort().join() !== [...current.roles].sort().join()) changed.push('roles');
    if ([...staff.projectIds].sort().join() !== [...current.projectIds].sort().join() || staff.companyWide !== current.companyWide) changed.push('projects');
    return { rowNumber: row.rowNumber, action: changed.length ? 'update' : 'skip', problems: [], staff, changed };
  });
  return { rows: plans, counts: countActions(plans) };
}
