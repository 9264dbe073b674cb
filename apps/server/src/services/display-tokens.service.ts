import { canSeeProject, DomainError, requireCapability, type StaffActor } from '@guanjia/core';
import {
  appendAudit,
  findDisplayToken,
  findDisplayTokenByHash,
  insertDisplayToken,
  listDisplayTokens,
  revokeDisplayToken,
  touchDisplayToken,
  type DisplayTokenRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { requireProjectOf } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * Display tokens (大屏令牌, issue 16 item 4, decision 0036): an administrator (staff.admin, who manages
 * accounts and API tokens) makes one for a wallboard showing some projects; the token is shown once and
 * only its SHA-256 is kept. It is no account: it opens GET /api/wallboard and its live stream and
 * nothing else (the bearer check never resolves a gjd_ token).
 */

const CAPABILITY = 'staff.admin';

const visibleTo = (actor: StaffActor, t: DisplayTokenRecord) =>
  t.organizationId === actor.organizationId && t.projectIds.every((p) => canSeeProject(actor, t.organizationId, p));

function view(t: DisplayTokenRecord) {
  return { id: t.id, label: t.label, projectIds: t.projectIds, createdAt: t.createdAt, revokedAt: t.revokedAt, lastUsedAt: t.lastUsedAt };
}

export async function createDisplayToken(deps: AppDeps, actor: StaffActor, input: { label: string; projectIds: string[] }) {
  requireCapability(actor, CAPABILITY);
  const projectIds = [...new Set(input.projectIds)];
  for (const [i, id] of projectIds.entries()) {
    await requireProjectOf(deps, actor, id, `projectIds.${i}`);
    if (!canSeeProject(actor, actor.organizationId, id)) throw new DomainError('PROJECT_NOT_FOUND', `projectIds.${i}`);
  }
  const token = newToken('gjd');
  const now = deps.now();
  const row: DisplayTokenRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    tokenHash: hashToken(token),
    label: input.label,
    projectIds,
    createdBy: actor.id,
    createdAt: now,
    revokedAt: null,
    lastUsedAt: null,
  };
  await inTransaction(deps.database, async (db) => {
    await insertDisplayToken(db, row);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'display_token.create',
      targetType: 'display_token',
      targetId: row.id,
      projectId: projectIds.length === 1 ? projectIds[0] : null,
      detail: { label: input.label, projectIds },
      at: now,
    });
  });
  return { ...view(row), token };
}

export async function listDisplayTokensOf(deps: AppDeps, actor: StaffActor) {
  requireCapability(actor, CAPABILITY);
  const rows = await listDisplayTokens(deps.database.db, actor.organizationId);
  return rows.filter((t) => visibleTo(actor, t)).map(view);
}

/** Revoking twice changes nothing; another's (or another tenant's) token answers like an unknown one. */
export async function revokeDisplayTokenOf(deps: AppDeps, actor: StaffActor, id: string) {
  requireCapability(actor, CAPABILITY);
  const t = await findDisplayToken(deps.database.db, id);
  if (!t || !visibleTo(actor, t)) throw new DomainError('NOT_FOUND', 'id');
  if (t.revokedAt) return;
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await revokeDisplayToken(db, id, now);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'display_token.revoke',
      targetType: 'display_token',
      targetId: id,
      projectId: t.projectIds.length === 1 ? t.projectIds[0] : null,
      at: now,
    });
  });
}

/** The token of a wallboard request, or UNAUTHENTICATED (401) when absent, unknown or revoked. */
export async function requireDisplayToken(deps: AppDeps, token: string | undefined): Promise<DisplayTokenRecord> {
  if (!token?.startsWith('gjd_')) throw new DomainError('UNAUTHENTICATED');
  const t = await findDisplayTokenByHash(deps.database.db, hashToken(token));
  if (!t || t.revokedAt) throw new DomainError('UNAUTHENTICATED');
  const now = deps.now();
  if (!t.lastUsedAt || Date.parse(now) - Date.parse(t.lastUsedAt) > 60_000) await touchDisplayToken(deps.database.db, t.id, now);
  return t;
}
