import { staffActor, type Actor, type StaffActor } from '@guanjia/core';
import { findApiTokenByHash, findOwner, findSession, findStaff, touchSession, type Database, type StaffRecord } from '@guanjia/storage';
import { addMinutes } from '@guanjia/core';
import { hashToken } from '../security/tokens.ts';

export function actorFromStaff(s: StaffRecord): StaffActor {
  return staffActor({ id: s.id, organizationId: s.organizationId, name: s.name, roles: s.roles, departmentId: s.departmentId, projectIds: s.projectIds, companyWide: s.companyWide });
}

/**
 * Resolves a bearer token (session gjs_… or API token gjt_…) to its actor, or null when unknown,
 * expired, revoked or belonging to a deactivated account. Sessions slide: each use extends the idle
 * timeout (written at most once a minute).
 */
export async function resolveActor(database: Database, token: string, now: string, idleMinutes: number): Promise<Actor | null> {
  const db = database.db;
  const tokenHash = hashToken(token);
  if (token.startsWith('gjt_')) {
    const t = await findApiTokenByHash(db, tokenHash);
    if (!t || t.revokedAt) return null;
    const s = await findStaff(db, t.staffId);
    return s && s.active ? actorFromStaff(s) : null;
  }
  const session = await findSession(db, tokenHash);
  if (!session || session.expiresAt <= now) return null;
  if (Date.parse(now) - Date.parse(session.lastSeenAt) > 60_000) await touchSession(db, tokenHash, now, addMinutes(now, idleMinutes));
  if (session.actorKind === 'owner') {
    const o = await findOwner(db, session.actorId);
    return o ? { kind: 'owner', id: o.id, organizationId: o.organizationId, name: o.name } : null;
  }
  const s = await findStaff(db, session.actorId);
  return s && s.active ? actorFromStaff(s) : null;
}
