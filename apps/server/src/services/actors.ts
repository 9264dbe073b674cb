import { addMinutes, capabilitiesOf, pendingSetupSteps, staffActor, type AccountSetupStep, type Actor, type StaffActor } from '@guanjia/core';
import { findApiTokenByHash, findOrganization, findOwner, findSession, findStaff, touchSession, type StaffRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashToken } from '../security/tokens.ts';

export function actorFromStaff(s: StaffRecord, setupPending: readonly AccountSetupStep[] = []): StaffActor {
  return staffActor({
    id: s.id,
    organizationId: s.organizationId,
    name: s.name,
    roles: s.roles,
    departmentId: s.departmentId,
    projectIds: s.projectIds,
    companyWide: s.companyWide,
    twoFactorEnabled: !!s.totpSecret,
    setupPending,
  });
}

/** What this account must do before anything else (issue 9); the organization is read only when it matters. */
export async function setupStepsOf(deps: AppDeps, s: StaffRecord): Promise<AccountSetupStep[]> {
  const capabilities = capabilitiesOf(s.roles);
  const needsOrg = !s.totpSecret && capabilities.has('staff.admin');
  const demoOrganization = needsOrg ? !!(await findOrganization(deps.database.db, s.organizationId))?.isDemo : false;
  return pendingSetupSteps({ mustChangePassword: s.mustChangePassword, twoFactorEnabled: !!s.totpSecret, capabilities, demoOrganization });
}

/**
 * Resolves a bearer token (session gjs_… or API token gjt_…) to its actor, or null when unknown,
 * expired, revoked or belonging to a deactivated account. Sessions slide: each use extends the idle
 * timeout (written at most once a minute).
 */
export async function resolveActor(deps: AppDeps, token: string): Promise<Actor | null> {
  const db = deps.database.db;
  const now = deps.now();
  const tokenHash = hashToken(token);
  const cached = deps.actorCache?.get(tokenHash, now);
  if (cached) return cached;
  let actor: Actor | null;
  let sessionExpiresAt: string | null = null;
  if (token.startsWith('gjt_')) {
    const t = await findApiTokenByHash(db, tokenHash);
    if (!t || t.revokedAt) return null;
    const s = await findStaff(db, t.staffId);
    actor = s && s.active ? actorFromStaff(s, await setupStepsOf(deps, s)) : null;
  } else {
    const session = await findSession(db, tokenHash);
    if (!session || session.expiresAt <= now) return null;
    sessionExpiresAt = session.expiresAt;
    if (Date.parse(now) - Date.parse(session.lastSeenAt) > 60_000) {
      sessionExpiresAt = addMinutes(now, deps.limits.sessionIdleMinutes);
      await touchSession(db, tokenHash, now, sessionExpiresAt);
    }
    if (session.actorKind === 'owner') {
      const o = await findOwner(db, session.actorId);
      actor = o ? { kind: 'owner', id: o.id, organizationId: o.organizationId, name: o.name } : null;
    } else {
      const s = await findStaff(db, session.actorId);
      actor = s && s.active ? actorFromStaff(s, await setupStepsOf(deps, s)) : null;
    }
  }
  if (actor) deps.actorCache?.set(tokenHash, actor, sessionExpiresAt, now);
  return actor;
}
