import type { QualityMarkReason } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import type { Schema } from '../schema.ts';

/**
 * The owner's ratings on several scores with the staff's reply (case_ratings), and the supervisors' own
 * quality marks (quality_marks, 质量评定), kept apart (migration 0028).
 */
type Db = Kysely<Schema>;

export interface CaseRatingRecord {
  caseId: string;
  organizationId: string;
  projectId: string;
  ownerId: string | null;
  overall: number;
  speed: number | null;
  technician: number | null;
  comment: string | null;
  ratedAt: string;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: string | null;
}

/** Writes a case's latest rating; a new rating keeps the reply to the one before only if it is unchanged. */
export async function upsertCaseRating(db: Db, r: Omit<CaseRatingRecord, 'reply' | 'repliedBy' | 'repliedAt'>): Promise<void> {
  const scores = { overall: r.overall, speed: r.speed, technician: r.technician, comment: r.comment, ratedAt: r.ratedAt, ownerId: r.ownerId };
  await db
    .insertInto('caseRatings')
    .values({ ...r, reply: null, repliedBy: null, repliedAt: null })
    // a new rating is a new answer: the reply to the previous one no longer fits it
    .onConflict((oc) => oc.column('caseId').doUpdateSet({ ...scores, reply: null, repliedBy: null, repliedAt: null }))
    .execute();
}

export async function findCaseRating(db: Db, caseId: string): Promise<CaseRatingRecord | null> {
  return (await db.selectFrom('caseRatings').selectAll().where('caseId', '=', caseId).executeTakeFirst()) ?? null;
}

export async function setRatingReply(db: Db, caseId: string, reply: string, repliedBy: string, repliedAt: string): Promise<void> {
  await db.updateTable('caseRatings').set({ reply, repliedBy, repliedAt }).where('caseId', '=', caseId).execute();
}

export interface QualityMarkRecord {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  reasons: QualityMarkReason[];
  note: string | null;
  /** The local month (YYYY-MM) it counts in. */
  month: string;
  markedBy: string;
  markedAt: string;
}
const MARK_SHAPE: RowShape = { booleans: [], json: ['reasons'] };
const decodeMark = (r: Record<string, unknown>) => decodeRow<QualityMarkRecord>(r, MARK_SHAPE);

export async function insertQualityMark(db: Db, m: QualityMarkRecord): Promise<void> {
  await db
    .insertInto('qualityMarks')
    .values(encodeRow(m, MARK_SHAPE) as never)
    .execute();
}

export async function listQualityMarksOfCase(db: Db, caseId: string): Promise<QualityMarkRecord[]> {
  return (await db.selectFrom('qualityMarks').selectAll().where('caseId', '=', caseId).orderBy('markedAt').orderBy('id').execute()).map(decodeMark);
}

/** The marks of some projects (or all of an organization's) in a span of months, for the chart. */
export async function listQualityMarksForChart(
  db: Db,
  organizationId: string,
  projectIds: readonly string[] | 'all',
  fromMonth: string,
  toMonth: string,
): Promise<Pick<QualityMarkRecord, 'projectId' | 'month' | 'reasons'>[]> {
  if (projectIds !== 'all' && projectIds.length === 0) return [];
  let q = db
    .selectFrom('qualityMarks')
    .select(['projectId', 'month', 'reasons'])
    .where('organizationId', '=', organizationId)
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth);
  if (projectIds !== 'all') q = q.where('projectId', 'in', [...projectIds]);
  return (await q.execute()).map((r) => decodeRow<Pick<QualityMarkRecord, 'projectId' | 'month' | 'reasons'>>(r, MARK_SHAPE));
}
