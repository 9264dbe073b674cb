import { addMinutes, administersAccount, afterFailedLogin, auditProjectOf, DomainError, lockedMinutesLeft, requireCapability, type Actor, type StaffActor } from '@guanjia/core';
import {
  appendAudit, clearPortalLockout, deleteSession, findApiToken, findOwnerByPortalLogin, findPortalLockout, findStaff, findStaffByUsername, insertApiToken, insertSession,
  listApiTokens, revokeApiToken, savePortalLockout, updateStaff,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { verifyPassword } from '../security/passwords.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { actorFromStaff } from './actors.ts';
import { inTransaction } from './transaction.ts';

/** A password check that costs the same whether or not the account exists. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function meView(actor: Actor) {
  if (actor.kind === 'owner') return { kind: 'owner' as const, id: actor.id, organizationId: actor.organizationId, name: actor.name, roles: [], departmentId: null, projectIds: [], companyWide: false, capabilities: [] };
  return { kind: 'staff' as const, id: actor.id, organizationId: actor.organizationId, name: actor.name, roles: [...actor.roles], departmentId: actor.departmentId, projectIds: [...actor.projectIds], companyWide: actor.companyWide, capabilities: [...actor.capabilities].sort() };
}

async function openSession(deps: AppDeps, actor: Actor, ip: string | null) {
  const token = newToken('gjs');
  const now = deps.now();
  const expiresAt = addMinutes(now, deps.limits.sessionIdleMinutes);
  await inTransaction(deps.database, async (db) => {
    await insertSession(db, { tokenHash: hashToken(token), actorKind: actor.kind, actorId: actor.id, organizationId: actor.organizationId, createdAt: now, expiresAt, lastSeenAt: now });
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: actor.kind, actorId: actor.id, action: 'login', projectId: actor.kind === 'staff' ? auditProjectOf(actor) : null, ip, at: now });
  });
  return { token, expiresAt, me: meView(actor) };
}

function lockoutRule(deps: AppDeps) {
  return { maxFailures: deps.limits.maxFailedLogins, lockoutMinutes: deps.limits.lockoutMinutes };
}

/** Staff login: lockout after N failures for M minutes (SPEC §13), every attempt audited. */
export async function loginStaff(deps: AppDeps, username: string, password: string, ip: string | null) {
  const s = await findStaffByUsername(deps.database.db, username);
  const now = deps.now();
  const minutes = lockedMinutesLeft(s, now);
  if (minutes > 0) throw new DomainError('ACCOUNT_LOCKED', undefined, { minutes });
  const ok = await verifyPassword(password, s?.passwordHash ?? DUMMY_HASH);
  if (!s || !ok || !s.active) {
    if (s) {
      const next = afterFailedLogin(s, lockoutRule(deps), now);
      await inTransaction(deps.database, async (db) => {
        await updateStaff(db, s.id, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil });
        await appendAudit(db, { organizationId: s.organizationId, actorKind: 'staff', actorId: s.id, action: next.locked ? 'login.locked' : 'login.failed', projectId: auditProjectOf(s), ip, at: now });
      });
    }
    throw new DomainError('LOGIN_FAILED');
  }
  if (s.failedLogins || s.lockedUntil) await updateStaff(deps.database.db, s.id, { failedLogins: 0, lockedUntil: null });
  return openSession(deps, actorFromStaff(s), ip);
}

/** Owner portal login: the same lockout rule as staff, every failure audited. */
export async function loginOwner(deps: AppDeps, login: string, password: string, ip: string | null) {
  const o = await findOwnerByPortalLogin(deps.database.db, login);
  const now = deps.now();
  const lockout = o ? await findPortalLockout(deps.database.db, o.id) : null;
  const minutes = lockedMinutesLeft(lockout, now);
  if (minutes > 0) throw new DomainError('ACCOUNT_LOCKED', undefined, { minutes });
  const ok = await verifyPassword(password, o?.portalPasswordHash ?? DUMMY_HASH);
  if (!o || !ok) {
    if (o) {
      const next = afterFailedLogin(lockout, lockoutRule(deps), now);
      await inTransaction(deps.database, async (db) => {
        await savePortalLockout(db, o.id, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil });
        await appendAudit(db, { organizationId: o.organizationId, actorKind: 'owner', actorId: o.id, action: next.locked ? 'login.locked' : 'login.failed', ip, at: now });
      });
    }
    throw new DomainError('LOGIN_FAILED');
  }
  if (lockout) await clearPortalLockout(deps.database.db, o.id);
  return openSession(deps, { kind: 'owner', id: o.id, organizationId: o.organizationId, name: o.name }, ip);
}

export async function logout(deps: AppDeps, token: string) {
  await deleteSession(deps.database.db, hashToken(token));
  deps.actorCache?.clear();
}

async function administers(deps: AppDeps, actor: StaffActor, staffId: string): Promise<boolean> {
  const target = await findStaff(deps.database.db, staffId);
  return !!target && target.organizationId === actor.organizationId && administersAccount(actor, target);
}

/** API tokens for integrations act as a staff account; the token is shown once. */
export async function createApiToken(deps: AppDeps, actor: StaffActor, name: string, staffId?: string) {
  const targetId = staffId ?? actor.id;
  if (targetId !== actor.id) requireCapability(actor, 'staff.admin');
  const target = await findStaff(deps.database.db, targetId);
  if (!target || target.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', 'staffId');
  if (targetId !== actor.id && !administersAccount(actor, target)) throw new DomainError('FORBIDDEN', 'staffId');
  const token = newToken('gjt');
  const now = deps.now();
  const row = { id: deps.newId(), tokenHash: hashToken(token), staffId: targetId, organizationId: actor.organizationId, name, createdAt: now, revokedAt: null, lastUsedAt: null };
  await inTransaction(deps.database, async (db) => {
    await insertApiToken(db, row);
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: 'staff', actorId: actor.id, action: 'api_token.create', targetType: 'staff', targetId, projectId: auditProjectOf(target), detail: { name }, at: now });
  });
  const { tokenHash: _hash, organizationId: _org, ...view } = row;
  return { ...view, token };
}

export async function listTokens(deps: AppDeps, actor: StaffActor) {
  const rows = await listApiTokens(deps.database.db, actor.organizationId);
  const visible = [];
  for (const r of rows) if (r.staffId === actor.id || (await administers(deps, actor, r.staffId))) visible.push(r);
  return visible.map(({ tokenHash: _h, organizationId: _o, ...r }) => r);
}

export async function revokeToken(deps: AppDeps, actor: StaffActor, id: string) {
  const t = await findApiToken(deps.database.db, id);
  if (!t || t.organizationId !== actor.organizationId || (t.staffId !== actor.id && !(await administers(deps, actor, t.staffId)))) throw new DomainError('NOT_FOUND', 'id');
  const owner = await findStaff(deps.database.db, t.staffId);
  await inTransaction(deps.database, async (db) => {
    await revokeApiToken(db, id, deps.now());
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: 'staff', actorId: actor.id, action: 'api_token.revoke', targetType: 'api_token', targetId: id, projectId: owner ? auditProjectOf(owner) : null, at: deps.now() });
  });
  deps.actorCache?.clear();
}
