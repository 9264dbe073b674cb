import {
  administersAccount,
  auditProjectOf,
  capabilitiesOf,
  DomainError,
  requireCapability,
  visibleProjectIds,
  type StaffActor,
  type StaffRole,
} from '@guanjia/core';
import {
  appendAudit,
  clearAllLoginFailures,
  findDepartment,
  findProject,
  findStaff,
  findStaffByUsername,
  insertStaff,
  listStaff,
  setStaffProjects,
  updateStaff,
  type NewStaffRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { changeOwnPassword } from './account.service.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { endAccountAccess } from './account-access.ts';
import { inTransaction } from './transaction.ts';

export function staffView(s: NewStaffRecord) {
  return {
    id: s.id,
    username: s.username,
    name: s.name,
    phone: s.phone,
    email: s.email,
    roles: s.roles,
    departmentId: s.departmentId,
    projectIds: s.projectIds,
    companyWide: s.companyWide,
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** An admin grants only what they hold: projects within their own scope, company-wide only if company-wide. */
async function checkGrant(
  deps: AppDeps,
  actor: StaffActor,
  input: { projectIds?: string[]; companyWide?: boolean; departmentId?: string | null; roles?: StaffRole[] },
) {
  const scope = visibleProjectIds(actor);
  if (input.companyWide && !actor.companyWide) throw new DomainError('FORBIDDEN', 'companyWide');
  for (const [i, pid] of (input.projectIds ?? []).entries()) {
    const p = await findProject(deps.database.db, pid);
    if (!p || p.organizationId !== actor.organizationId || (scope !== 'all' && !scope.includes(pid)))
      throw new DomainError('PROJECT_NOT_FOUND', `projectIds.${i}`);
  }
  if (input.departmentId) {
    // A project admin places staff only in their projects' departments; company departments are the company's to staff.
    const d = await findDepartment(deps.database.db, input.departmentId);
    if (!d || d.organizationId !== actor.organizationId || (scope !== 'all' && (!d.projectId || !scope.includes(d.projectId))))
      throw new DomainError('DEPARTMENT_NOT_FOUND', 'departmentId');
  }
  if (input.roles?.includes('admin') && !actor.roles.includes('admin')) throw new DomainError('FORBIDDEN', 'roles');
}

export async function listStaffInScope(deps: AppDeps, actor: StaffActor, projectId?: string) {
  requireCapability(actor, 'structure.read');
  const scope = visibleProjectIds(actor);
  if (projectId && scope !== 'all' && !scope.includes(projectId)) return [];
  const list = await listStaff(deps.database.db, actor.organizationId, projectId ? [projectId] : scope === 'all' ? null : scope);
  return list.map(staffView);
}

async function visibleStaff(deps: AppDeps, actor: StaffActor, id: string) {
  const s = await findStaff(deps.database.db, id);
  const scope = visibleProjectIds(actor);
  if (!s || s.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', 'id');
  if (scope !== 'all' && (s.companyWide || !s.projectIds.some((p) => scope.includes(p)))) throw new DomainError('STAFF_NOT_FOUND', 'id');
  return s;
}

export async function createStaffMember(
  deps: AppDeps,
  actor: StaffActor,
  input: {
    username: string;
    name: string;
    password: string;
    phone?: string | null;
    email?: string | null;
    roles: StaffRole[];
    departmentId?: string | null;
    projectIds: string[];
    companyWide: boolean;
  },
) {
  requireCapability(actor, 'staff.admin');
  await checkGrant(deps, actor, input);
  requirePasswordPolicy(input.password, input.username, 'password');
  if (await findStaffByUsername(deps.database.db, input.username)) throw new DomainError('USERNAME_TAKEN', 'username');
  const now = deps.now();
  const record: NewStaffRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    username: input.username,
    name: input.name,
    phone: input.phone ?? null,
    email: input.email ?? null,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
    departmentId: input.departmentId ?? null,
    companyWide: input.companyWide,
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    projectIds: [...new Set(input.projectIds)],
  };
  await inTransaction(deps.database, async (db) => {
    await insertStaff(db, record);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'staff.create',
      targetType: 'staff',
      targetId: record.id,
      projectId: auditProjectOf(record),
      detail: { roles: record.roles, projectIds: record.projectIds, companyWide: record.companyWide },
      at: now,
    });
  });
  return staffView(record);
}

export async function editStaffMember(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  patch: {
    name?: string;
    phone?: string | null;
    email?: string | null;
    roles?: StaffRole[];
    departmentId?: string | null;
    projectIds?: string[];
    companyWide?: boolean;
    active?: boolean;
  },
) {
  requireCapability(actor, 'staff.admin');
  const s = await visibleStaff(deps, actor, id);
  if (!administersAccount(actor, s)) throw new DomainError('FORBIDDEN', 'id');
  // an administrator never locks themselves out (and the last one the whole company with them)
  if (actor.id === id && patch.active === false) throw new DomainError('SELF_LOCKOUT', 'active');
  if (actor.id === id && patch.roles && !capabilitiesOf(patch.roles).has('staff.admin')) throw new DomainError('SELF_LOCKOUT', 'roles');
  await checkGrant(deps, actor, patch);
  const { projectIds, ...fields } = patch;
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updateStaff(db, id, { ...fields, updatedAt: now });
    // a deactivated account's sessions and API tokens end at once, not at their next use
    if (patch.active === false && s.active) await endAccountAccess(db, { kind: 'staff', id }, now);
    if (projectIds) await setStaffProjects(db, id, s.organizationId, [...new Set(projectIds)]);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'staff.update',
      targetType: 'staff',
      targetId: id,
      projectId: auditProjectOf({ companyWide: patch.companyWide ?? s.companyWide, projectIds: projectIds ?? s.projectIds }),
      detail: patch,
      at: now,
    });
  });
  deps.actorCache?.clear(); // after commit: a request in between must not cache the old roles
  deps.staffNameCache?.delete(id); // lists show the new name at once (other processes within seconds)
  return staffView((await findStaff(deps.database.db, id))!);
}

/**
 * Setting a password through the staff API. One's own: the current password is required (the same
 * change as POST /api/auth/password). Another's (an administrator's reset, 重置密码): the account must
 * change it at next sign-in, every session and API token of it ends at once, its sign-in locks lift.
 */
export async function setStaffPassword(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  input: { password: string; currentPassword?: string },
  sessionToken: string | null,
  ip: string | null,
) {
  if (actor.id === id) {
    if (!input.currentPassword) throw new DomainError('FIELD_REQUIRED', 'currentPassword');
    await changeOwnPassword(deps, actor, sessionToken, input.currentPassword, input.password, ip);
    return;
  }
  requireCapability(actor, 'staff.admin');
  const s = await visibleStaff(deps, actor, id);
  if (!administersAccount(actor, s)) throw new DomainError('FORBIDDEN', 'id');
  requirePasswordPolicy(input.password, s.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updateStaff(db, id, { passwordHash, mustChangePassword: true, updatedAt: now });
    await clearAllLoginFailures(db, 'staff', s.username, now);
    const ended = await endAccountAccess(db, { kind: 'staff', id }, now);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'staff.password_reset',
      targetType: 'staff',
      targetId: id,
      projectId: auditProjectOf(s),
      detail: { endedSessions: ended.sessions, revokedApiTokens: ended.apiTokens },
      ip,
      at: now,
    });
  });
  deps.actorCache?.clear();
}
