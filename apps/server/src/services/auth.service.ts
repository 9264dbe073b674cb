import { addMinutes, DomainError, requireCapability, type Actor, type StaffActor } from '@guanjia/core';
import {
  appendAudit, deleteSession, findApiToken, findOwnerByPortalLogin, findStaff, findStaffByUsername, insertApiToken, insertSession, listApiTokens, revokeApiToken, updateStaff,
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
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: actor.kind, actorId: actor.id, action: 'login', ip, at: now });
  });
  return { token, expiresAt, me: meView(actor) };
}

/** Staff login: lockout after N failures for M minutes (SPEC §13), every attempt audited. */
export async function loginStaff(deps: AppDeps, username: string, password: string, ip: string | null) {
  const s = await findStaffByUsername(deps.database.db, username);
  const now = deps.now();
  if (s?.lockedUntil && s.lockedUntil > now) throw new DomainError('ACCOUNT_LOCKED', undefined, { minutes: Math.ceil((Date.parse(s.lockedUntil) - Date.parse(now)) / 60_000) });
  const ok = await verifyPassword(password, s?.passwordHash ?? DUMMY_HASH);
  if (!s || !ok || !s.active) {
    if (s) {
      const failed = s.failedLogins + 1;
      const locked = failed >= deps.limits.maxFailedLogins;
      await inTransaction(deps.database, async (db) => {
        await updateStaff(db, s.id, { failedLogins: locked ? 0 : failed, lockedUntil: locked ? addMinutes(now, deps.limits.lockoutMinutes) : s.lockedUntil });
        await appendAudit(db, { organizationId: s.organizationId, actorKind: 'staff', actorId: s.id, action: locked ? 'login.locked' : 'login.failed', ip, at: now });
      });
    }
    throw new DomainError('LOGIN_FAILED');
  }
  if (s.failedLogins || s.lockedUntil) await updateStaff(deps.database.db, s.id, { failedLogins: 0, lockedUntil: null });
  return openSession(deps, actorFromStaff(s), ip);
}

export async function loginOwner(deps: AppDeps, login: string, password: string, ip: string | null) {
  const o = await findOwnerByPortalLogin(deps.database.db, login);
  const ok = await verifyPassword(password, o?.portalPasswordHash ?? DUMMY_HASH);
  if (!o || !ok) throw new DomainError('LOGIN_FAILED');
  return openSession(deps, { kind: 'owner', id: o.id, organizationId: o.organizationId, name: o.name }, ip);
}

export async function logout(deps: AppDeps, token: string) {
  await deleteSession(deps.database.db, hashToken(token));
  deps.actorCache?.clear();
}

/** API tokens for integrations act as a staff account; the token is shown once. */
export async function createApiToken(deps: AppDeps, actor: StaffActor, name: string, staffId?: string) {
  const targetId = staffId ?? actor.id;
  if (targetId !== actor.id) requireCapability(actor, 'staff.admin');
  const target = await findStaff(deps.database.db, targetId);
  if (!target || target.organizationId !== actor.organizationId) throw new DomainError('STAFF_NOT_FOUND', 'staffId');
  if (targetId !== actor.id && !actor.companyWide && (target.companyWide || !target.projectIds.every((p) => actor.projectIds.includes(p)))) throw new DomainError('FORBIDDEN', 'staffId');
  const token = newToken('gjt');
  const now = deps.now();
  const row = { id: deps.newId(), tokenHash: hashToken(token), staffId: targetId, organizationId: actor.organizationId, name, createdAt: now, revokedAt: null, lastUsedAt: null };
  await inTransaction(deps.database, async (db) => {
    await insertApiToken(db, row);
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: 'staff', actorId: actor.id, action: 'api_token.create', targetType: 'staff', targetId, detail: { name }, at: now });
  });
  const { tokenHash: _hash, organizationId: _org, ...view } = row;
  return { ...view, token };
}

export async function listTokens(deps: AppDeps, actor: StaffActor) {
  const rows = await listApiTokens(deps.database.db, actor.organizationId);
  const visible = actor.capabilities.has('staff.admin') ? rows : rows.filter((r) => r.staffId === actor.id);
  return visible.map(({ tokenHash: _h, organizationId: _o, ...r }) => r);
}

export async function revokeToken(deps: AppDeps, actor: StaffActor, id: string) {
  const t = await findApiToken(deps.database.db, id);
  if (!t || t.organizationId !== actor.organizationId || (t.staffId !== actor.id && !actor.capabilities.has('staff.admin'))) throw new DomainError('NOT_FOUND', 'id');
  await inTransaction(deps.database, async (db) => {
    await revokeApiToken(db, id, deps.now());
    await appendAudit(db, { organizationId: actor.organizationId, actorKind: 'staff', actorId: actor.id, action: 'api_token.revoke', targetType: 'api_token', targetId: id, at: deps.now() });
  });
  deps.actorCache?.clear();
}
