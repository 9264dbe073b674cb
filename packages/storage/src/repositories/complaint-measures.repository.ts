import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/** Corrective measures (纠正措施) of complaint causes, migration 0041, decision 0039. */
type Db = Kysely<Schema>;

export interface ComplaintMeasureRecord {
  id: string;
  organizationId: string;
  projectId: string;
  /** The complaint cause: the complaints' category. */
  category: string;
  /** YYYY-MM: the month whose complaints it answers. */
  month: string;
  measure: string;
  responsibleId: string;
  /** Local date (YYYY-MM-DD) in the project's time zone. */
  dueDate: string;
  status: 'planned' | 'done';
  createdBy: string;
  createdAt: string;
  doneBy: string | null;
  doneAt: string | null;
  resultNote: string | null;
  /** The quality department's verification (效果验证, migration 0045): null until verified. */
  verifiedBy: string | null;
  verifiedAt: string | null;
  /** What was checked. */
  verification: string | null;
  /** Whether the measure worked; null until verified. */
  effective: boolean | null;
}

type Row = Omit<ComplaintMeasureRecord, 'effective'> & { effective: number | boolean | null };
const fromRow = (r: Row): ComplaintMeasureRecord => ({
  ...r,
  effective: r.effective === null || r.effective === undefined ? null : Boolean(Number(r.effective)),
});

export async function insertComplaintMeasure(db: Db, row: ComplaintMeasureRecord): Promise<void> {
  await db
    .insertInto('complaintMeasures')
    .values({ ...row, effective: row.effective === null ? null : row.effective ? 1 : 0 })
    .execute();
}

export async function findComplaintMeasure(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ComplaintMeasureRecord | null> {
  let q = db.selectFrom('complaintMeasures').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** The measures of some projects for some months, oldest first. */
export async function listComplaintMeasures(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[]; months: readonly string[] },
): Promise<ComplaintMeasureRecord[]> {
  if (!f.projectIds.length || !f.months.length) return [];
  const rows = (await db
    .selectFrom('complaintMeasures')
    .selectAll()
    .where('organizationId', '=', f.organizationId)
    .where('projectId', 'in', [...f.projectIds])
    .where('month', 'in', [...f.months])
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as Row[];
  return rows.map(fromRow);
}

/** Marks a planned measure done; false when it was done already. */
export async function completeComplaintMeasure(db: Db, id: string, by: string, at: string, resultNote: string): Promise<boolean> {
  const result = await db
    .updateTable('complaintMeasures')
    .set({ status: 'done', doneBy: by, doneAt: at, resultNote })
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the quality department's verification of a done measure; false when it is not done or verified already. */
export async function verifyComplaintMeasure(db: Db, id: string, v: { by: string; at: string; verification: string; effective: boolean }): Promise<boolean> {
  const result = await db
    .updateTable('complaintMeasures')
    .set({ verifiedBy: v.by, verifiedAt: v.at, verification: v.verification, effective: v.effective ? 1 : 0 })
    .where('id', '=', id)
    .where('status', '=', 'done')
    .where('verifiedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
