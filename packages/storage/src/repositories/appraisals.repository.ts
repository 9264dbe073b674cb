import type { Kysely, Selectable } from 'kysely';
import type { AppraisalsTable, Schema } from '../schema.ts';

/** Staff appraisal (考核, migration 0039, decision 0037): a company's weights and the appraisal sheets. */
type Db = Kysely<Schema>;

export type AppraisalStatusValue = 'draft' | 'commented' | 'acknowledged';

/** A sheet with its frozen JSON decoded (figures, and the weights and measures used). */
export interface AppraisalRecord<F = unknown, W = unknown> {
  id: string;
  organizationId: string;
  staffId: string;
  periodFrom: string;
  periodTo: string;
  figures: F;
  weights: W;
  score: number | null;
  status: AppraisalStatusValue;
  drawnBy: string;
  drawnAt: string;
  comment: string | null;
  commentedBy: string | null;
  commentedAt: string | null;
  acknowledgedAt: string | null;
}

const decode = (r: Selectable<AppraisalsTable>): AppraisalRecord => ({
  ...r,
  figures: JSON.parse(r.figures) as unknown,
  weights: JSON.parse(r.weights) as unknown,
  score: r.score === null ? null : Number(r.score),
  status: r.status as AppraisalStatusValue,
});

/** The company's weights as saved (JSON decoded), or null while it keeps the defaults. */
export async function findAppraisalWeights(db: Db, organizationId: string): Promise<{ weights: unknown; updatedBy: string | null; updatedAt: string } | null> {
  const r = await db.selectFrom('appraisalWeights').selectAll().where('organizationId', '=', organizationId).executeTakeFirst();
  return r ? { weights: JSON.parse(r.weights) as unknown, updatedBy: r.updatedBy, updatedAt: r.updatedAt } : null;
}

export async function saveAppraisalWeights(db: Db, organizationId: string, weights: unknown, updatedBy: string, updatedAt: string): Promise<void> {
  const values = { organizationId, weights: JSON.stringify(weights), updatedBy, updatedAt };
  await db
    .insertInto('appraisalWeights')
    .values(values)
    .onConflict((oc) => oc.column('organizationId').doUpdateSet({ weights: values.weights, updatedBy, updatedAt }))
    .execute();
}

/** Inserts a sheet; false when the person already has one for that period. */
export async function insertAppraisal(db: Db, a: AppraisalRecord): Promise<boolean> {
  const r = await db
    .insertInto('appraisals')
    .values({ ...a, figures: JSON.stringify(a.figures), weights: JSON.stringify(a.weights) })
    .onConflict((oc) => oc.columns(['staffId', 'periodFrom', 'periodTo']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findAppraisal(db: Db, id: string): Promise<AppraisalRecord | null> {
  const r = await db.selectFrom('appraisals').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? decode(r) : null;
}

/** Sheets of some staff (null: of anyone in the organization), the latest period first. */
export async function listAppraisals(
  db: Db,
  f: { organizationId: string; staffIds: readonly string[] | null; status?: AppraisalStatusValue; from?: string; to?: string; limit: number },
): Promise<AppraisalRecord[]> {
  if (f.staffIds && !f.staffIds.length) return [];
  let q = db.selectFrom('appraisals').selectAll().where('organizationId', '=', f.organizationId);
  if (f.staffIds) q = q.where('staffId', 'in', [...f.staffIds]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.from) q = q.where('periodTo', '>=', f.from);
  if (f.to) q = q.where('periodFrom', '<=', f.to);
  const rows = await q.orderBy('periodFrom', 'desc').orderBy('drawnAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map(decode);
}

/** Moves a sheet on from `fromStatuses`; false when it moved meanwhile. */
export async function updateAppraisal(
  db: Db,
  id: string,
  fromStatuses: readonly AppraisalStatusValue[],
  set: Partial<Pick<AppraisalRecord, 'status' | 'comment' | 'commentedBy' | 'commentedAt' | 'acknowledgedAt'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('appraisals')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...fromStatuses])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
