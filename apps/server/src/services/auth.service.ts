import {
  addMinutes,
  administersAccount,
  afterFailedLogin,
  auditProjectOf,
  DomainError,
  lockedMinutesLeft,
  requireCapability,
  type AccountSetupStep,
  type Actor,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  deleteSession,
  findApiToken,
  findLoginFailures,
  findOwnerByPortalLogin,
  findStaff,
  findStaffByUsername,
  insertApiToken,
  insertSession,
  listApiTokens,
  normalizeLogin,
  pruneLoginFailures,
  recordLoginSuccess,
  revokeApiToken,
  saveLoginFailures,
  type LoginAttemptKey,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { verifyPassword } from '../security/passwords.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { actorFromStaff, setupStepsOf } from './actors.ts';
import { useSecondFactor } from './two-factor.service.ts';
import { inTransaction } from './transaction.ts';

/** A password check that costs the same whether or not the account exists. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function meView(actor: Actor, setup: readonly AccountSetupStep[] = actor.kind === 'staff' ? (actor.setupPending ?? []) : []) {
  if (actor.kind === 'owner')
    return {
      kind: 'owner' as const,
      id: actor.id,
      organizationId: actor.organizationId,
      name: actor.name,
      roles: [],
      departmentId: null,
      projectIds: [],
      companyWide: false,
      capabilities: [],
      setupPending: [],
      twoFactorEnabled: false,
    };
  return {
    kind: 'staff' as const,
    id: actor.id,
    organizationId: actor.organizationId,
    name: actor.name,
    roles: [...actor.roles],
    departmentId: actor.departmentId,
    projectIds: [...actor.projectIds],
    companyWide: actor.companyWide,
    capabilities: [...actor.capabilities].sort(),
    setupPending: [...setup],
    twoFactorEnabled: actor.twoFactorEnabled ?? false,
  };
}

async function openSession(deps: AppDeps, actor: Actor, ip: string | null, setup: readonly AccountSetupStep[] = []) {
  const token = newToken('gjs');
  const now = deps.now();
  const expiresAt = addMinutes(now, deps.limits.sessionIdleMinutes);
  await inTransaction(deps.database, async (db) => {
    await insertSession(db, {
      tokenHash: hashToken(token),
      actorKind: actor.kind,
      actorId: actor.id,
      organizationId: actor.organizationId,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
    });
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'login',
      projectId: actor.kind === 'staff' ? auditProjectOf(actor) : null,
      ip,
      at: now,
    });
  });
  return { token, expiresAt, me: meView(actor, setup) };
}

function lockoutRule(deps: AppDeps) {
  return { maxFailures: deps.limits.maxFailedLogins, lockoutMinutes: deps.limits.lockoutMinutes };
}

function attemptKey(accountKind: LoginAttemptKey['accountKind'], login: string, source: string | null): LoginAttemptKey {
  return { accountKind, login: normalizeLogin(login), source: source ?? 'unknown' };
}

/**
 * The checks in front of any password work (issue 9): a lock on this (login, source) answers
 * ACCOUNT_LOCKED; a source this login never signed in from is held back once the login has had too
 * many failures from unfamiliar sources (RATE_LIMITED with the seconds to wait). Known and unknown
 * logins pass through the same steps, so neither the answer nor its time tells them apart.
 */
async function beforeAttempt(deps: AppDeps, key: LoginAttemptKey) {
  const now = deps.now();
  const state = await findLoginFailures(deps.database.db, key);
  const minutes = lockedMinutesLeft(state, now);
  if (minutes > 0) throw new DomainError('ACCOUNT_LOCKED', undefined, { minutes });
  const familiar = !!state?.lastSuccessAt;
  if (!familiar) {
    const seconds = deps.loginFailureWindow!.retryAfterSeconds(`${key.accountKind}:${key.login}`, Date.parse(now));
    if (seconds > 0) throw new DomainError('RATE_LIMITED', undefined, { seconds });
  }
  return { state, familiar };
}

/** Counts a failure against (login, source), audits it on a known account, and refuses. */
async function failAttempt(
  deps: AppDeps,
  key: LoginAttemptKey,
  before: Awaited<ReturnType<typeof beforeAttempt>>,
  account: { organizationId: string; kind: 'staff' | 'owner'; id: string; projectId: string | null } | null,
  code: 'LOGIN_FAILED' | 'TWO_FACTOR_INVALID',
  ip: string | null,
): Promise<never> {
  const now = deps.now();
  const next = afterFailedLogin(before.state, lockoutRule(deps), now);
  if (!before.familiar) deps.loginFailureWindow!.record(`${key.accountKind}:${key.login}`, Date.parse(now));
  const pruneBefore = deps.loginFailureWindow!.pruneDue(Date.parse(now)) ? new Date(Date.parse(now) - 24 * 3_600_000).toISOString() : null;
  await inTransaction(deps.database, async (db) => {
    // counts of sources that never succeeded are forgotten after a day (at most once an hour)
    if (pruneBefore) await pruneLoginFailures(db, pruneBefore);
    await saveLoginFailures(db, key, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil }, now);
    if (account) {
      await appendAudit(db, {
        organizationId: account.organizationId,
        actorKind: account.kind,
        actorId: account.id,
        action: next.locked ? 'login.locked' : code === 'TWO_FACTOR_INVALID' ? 'login.two_factor_failed' : 'login.failed',
        projectId: account.projectId,
        ip,
        at: now,
      });
    }
  });
  throw new DomainError(code);
}

/**
 * Staff sign-in: password, then the second factor when the account has one (a 6-digit code or a
 * one-time recovery code). Lockout per (login, source) after N failures for M minutes (SPEC §13).
 */
export async function loginStaff(deps: AppDeps, input: { username: string; password: string; code?: string }, ip: string | null) {
  const key = attemptKey('staff', input.username, ip);
  const before = await beforeAttempt(deps, key);
  const s = await findStaffByUsername(deps.database.db, input.username);
  const ok = await verifyPassword(input.password, s?.passwordHash ?? DUMMY_HASH);
  const account = s ? { organizationId: s.organizationId, kind: 'staff' as const, id: s.id, projectId: auditProjectOf(s) } : null;
  if (!s || !ok || !s.active) return failAttempt(deps, key, before, account, 'LOGIN_FAILED', ip);
  if (s.totpSecret) {
    if (!input.code) throw new DomainError('TWO_FACTOR_REQUIRED', 'code');
    if (!(await useSecondFactor(deps, s, input.code))) return failAttempt(deps, key, before, account, 'TWO_FACTOR_INVALID', ip);
  }
  await recordLoginSuccess(deps.database.db, key, deps.now());
  const actor = actorFromStaff(s);
  return openSession(deps, actor, ip, await setupStepsOf(deps, s));
}

/** Owner portal sign-in: the same lockout and throttling as staff. */
export async function loginOwner(deps: AppDeps, login: string, password: string, ip: string | null) {
  const key = attemptKey('owner', login, ip);
  const before = await beforeAttempt(deps, key);
  const o = await findOwnerByPortalLogin(deps.database.db, login);
  const ok = await verifyPassword(password, o?.portalPasswordHash ?? DUMMY_HASH);
  const account = o ? { organizationId: o.organizationId, kind: 'owner' as const, id: o.id, projectId: null } : null;
  if (!o || !ok) return failAttempt(deps, key, before, account, 'LOGIN_FAILED', ip);
  await recordLoginSuccess(deps.database.db, key, deps.now());
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
  const row = {
    id: deps.newId(),
    tokenHash: hashToken(token),
    staffId: targetId,
    organizationId: actor.organizationId,
    name,
    createdAt: now,
    revokedAt: null,
    lastUsedAt: null,
  };
  await inTransaction(deps.database, async (db) => {
    await insertApiToken(db, row);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'api_token.create',
      targetType: 'staff',
      targetId,
      projectId: auditProjectOf(target),
      detail: { name },
      at: now,
    });
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
  if (!t || t.organizationId !== actor.organizationId || (t.staffId !== actor.id && !(await administers(deps, actor, t.staffId))))
    throw new DomainError('NOT_FOUND', 'id');
  const owner = await findStaff(deps.database.db, t.staffId);
  await inTransaction(deps.database, async (db) => {
    await revokeApiToken(db, id, deps.now());
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'api_token.revoke',
      targetType: 'api_token',
      targetId: id,
      projectId: owner ? auditProjectOf(owner) : null,
      at: deps.now(),
    });
  });
  deps.actorCache?.clear();
}
