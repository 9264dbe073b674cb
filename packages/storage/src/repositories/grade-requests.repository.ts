import type { GradeChangeRequest, GradeRequestStatus } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/** Owners' customer-grade change requests (客户分级变更申请; migration 0007). */
export async function insertGradeRequest(db: Db, r: GradeChangeRequest): Promise<void> {
  await db.insertInto('ownerGradeRequests').values(r).execute();
}

export async function updateGradeRequest(db: Db, r: GradeChangeRequest): Promise<void> {
  await db
    .updateTable('ownerGradeRequests')
    .set({ status: r.status, decidedBy: r.decidedBy, decidedAt: r.decidedAt, decisionNote: r.decisionNote })
    .where('id', '=', r.id)
    .execute();
}

export async function findGradeRequest(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<GradeChangeRequest | null> {
  let q = db.selectFrom('ownerGradeRequests').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  return ((await q.executeTakeFirst()) as GradeChangeRequest | undefined) ?? null;
}

export async function findPendingGradeRequest(db: Db, ownerId: string): Promise<GradeChangeRequest | null> {
  const row = await db.selectFrom('ownerGradeRequests').selectAll().where('ownerId', '=', ownerId).where('status', '=', 'pending').executeTakeFirst();
  return (row as GradeChangeRequest | undefined) ?? null;
}

/**
 * Requests of an organization, newest first; `projectIds` (null: all) keeps those of owners holding
 * or occupying a unit in one of these projects.
 */
export async function listGradeRequests(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; status?: GradeRequestStatus; ownerId?: string; limit: number },
): Promise<GradeChangeRequest[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db.selectFrom('ownerGradeRequests').selectAll().where('organizationId', '=', f.organizationId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ownerId) q = q.where('ownerId', '=', f.ownerId);
  if (f.projectIds) {
    const projects = f.projectIds as string[];
    q = q.where('ownerId', 'in', (eb) =>
      eb.selectFrom('ownerUnits').select('ownerUnits.ownerId').where('ownerUnits.projectId', 'in', projects).where('ownerUnits.movedOutOn', 'is', null),
    );
  }
  const rows = await q.orderBy('requestedAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows as GradeChangeRequest[];
}

/** Sets the owner's grade (only an approved request does this) and moves its version. */
export async function setOwnerGrade(db: Db, ownerId: string, grade: string, at: string): Promise<void> {
  await db
    .updateTable('owners')
    .set({ grade, updatedAt: at, version: sql`version + 1` })
    .where('id', '=', ownerId)
    .execute();
}
