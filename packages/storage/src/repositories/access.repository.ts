import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, AttachmentsTable, Schema, SessionsTable } from '../schema.ts';
import { findRowWhere, insertRow } from '../dialect/fast-queries.ts';
import { insertOf, type RowInsert, type RowsUpdate } from '../row-writes.ts';

type Db = Kysely<Schema>;

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertSession(db: Db, s: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}
export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | null> {
  return (await db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()) ?? null;
}
export async function touchSession(db: Db, tokenHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('tokenHash', '=', tokenHash).execute();
}
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function insertApiToken(db: Db, t: ApiTokenRow): Promise<void> {
  await db.insertInto('apiTokens').values(t).execute();
}
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | null> {
  return (await db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()) ?? null;
}
export async function listApiTokens(db: Db, organizationId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('apiTokens').selectAll().where('organizationId', '=', organizationId).orderBy('createdAt').execute();
}
export async function findApiToken(db: Db, id: string): Promise<ApiTokenRow | null> {
  return (await db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
export async function revokeApiToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).execute();
}

export interface AuditEntry {
  organizationId: string;
  actorKind: 'staff' | 'owner' | 'system';
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
  at: string;
  /** The project the entry concerns (null: company-level). */
  projectId?: string | null;
}
/** Append-only audit log of logins, reveals, permission changes, exports (SPEC §13). */
export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await insertRow(db, 'auditLog', {
    ...e,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    ip: e.ip ?? null,
    projectId: e.projectId ?? null,
    detail: JSON.stringify(e.detail ?? {}),
  });
}
/** Newest first; `projectIds` (null = all) limits a project-scoped reader to their projects' entries. */
export async function listAudit(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; action?: string; targetId?: string; limit: number },
) {
  let q = db.selectFrom('auditLog').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds) {
    if (f.projectIds.length === 0) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetId) q = q.where('targetId', '=', f.targetId);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export interface IdempotentResponse {
  requestHash: string;
  statusCode: number;
  response: unknown;
}
export async function findIdempotentResponse(db: Db, actorId: string, key: string): Promise<IdempotentResponse | null> {
  const row = await findRowWhere<{ requestHash: string; statusCode: number; response: string }>(
    db,
    'idempotencyKeys',
    ['requestHash', 'statusCode', 'response'],
    { actorId, key },
  );
  return row ? { requestHash: row.requestHash, statusCode: row.statusCode, response: JSON.parse(row.response) } : null;
}
/**
 * Records the response given for a key, at the end of the write that produced it. False when another
 * request stored that key first (on PostgreSQL this waits for that request's commit): the caller
 * must then roll back and answer with the stored response.
 */
export async function storeIdempotentResponse(
  db: Db,
  row: { actorId: string; key: string; organizationId: string; requestHash: string; statusCode: number; response: unknown; createdAt: string },
): Promise<boolean> {
  const inserted = await insertRow(db, 'idempotencyKeys', { ...row, response: JSON.stringify(row.response) }, 'on conflict ("actor_id", "key") do nothing');
  return inserted === 1;
}

/**
 * The insert of an idempotency key with its response, among the other writes of the unit of work it
 * answers: a key already stored makes the whole write fail with a unique violation on
 * idempotency_keys (isUniqueViolation), after waiting for a concurrent holder's commit on PostgreSQL.
 */
export function idempotencyKeyInsert(row: {
  actorId: string;
  key: string;
  organizationId: string;
  requestHash: string;
  statusCode: number;
  response: unknown;
  createdAt: string;
}): RowInsert {
  return insertOf('idempotencyKeys', { ...row, response: JSON.stringify(row.response) });
}

export async function insertAttachment(db: Db, a: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(a).execute();
}
export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | null> {
  return (await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
export async function findAttachments(db: Db, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', 'in', ids as string[])
    .execute();
}

/** Ties uploaded attachments to the case that first references them (their access follows the case). */
export async function linkAttachmentsToCase(db: Db, ids: readonly string[], caseId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('attachments')
    .set({ caseId })
    .where('id', 'in', ids as string[])
    .where('caseId', 'is', null)
    .execute();
}

/** linkAttachmentsToCase as a write among others (row-writes.ts). */
export function attachmentsLink(ids: readonly string[], caseId: string): RowsUpdate {
  return { kind: 'update', table: 'attachments', set: { caseId }, ids, onlyWhereNull: 'caseId' };
}

/** Outbox: written in the same transaction as the change; read after commit for realtime and side effects. */
export async function appendOutbox(db: Db, row: { organizationId: string; topic: string; payload: unknown; createdAt: string }): Promise<void> {
  await insertRow(db, 'outbox', { organizationId: row.organizationId, topic: row.topic, payload: JSON.stringify(row.payload), createdAt: row.createdAt });
}
/** appendOutbox as a write among others (row-writes.ts). */
export function outboxInsert(row: { organizationId: string; topic: string; payload: unknown; createdAt: string }): RowInsert {
  return insertOf('outbox', { organizationId: row.organizationId, topic: row.topic, payload: JSON.stringify(row.payload), createdAt: row.createdAt });
}

/**
 * Ends the sessions of an account, except the one given (the session that changed its own password
 * stays signed in). Returns how many ended.
 */
export async function deleteSessionsOf(db: Db, actorKind: 'staff' | 'owner', actorId: string, exceptTokenHash: string | null = null): Promise<number> {
  let q = db.deleteFrom('sessions').where('actorKind', '=', actorKind).where('actorId', '=', actorId);
  if (exceptTokenHash) q = q.where('tokenHash', '!=', exceptTokenHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Revokes every live API token of a staff account. Returns how many were revoked. */
export async function revokeApiTokensOf(db: Db, staffId: string, at: string): Promise<number> {
  const result = await db.updateTable('apiTokens').set({ revokedAt: at }).where('staffId', '=', staffId).where('revokedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
