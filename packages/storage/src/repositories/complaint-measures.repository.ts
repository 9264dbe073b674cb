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
}

export async function insertComplaintMeasure(db: Db, row: ComplaintMeasureRecord): Promise<void> {
  await db.insertInto('complaintMeasures').values(row).execute();
}

export async function findComplaintMeasure(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ComplaintMeasureRecord | null> {
  let q = db.selectFrom('complaintMeasures').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  return ((await q.executeTakeFirst()) as ComplaintMeasureRecord | undefined) ?? null;
}

/** The measures of some projects for some months, oldest first. */
export async function listComplaintMeasures(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[]; months: readonly string[] },
): Promise<ComplaintMeasureRecord[]> {
  if (!f.projectIds.length || !f.months.length) return [];
  return (await db
    .selectFrom('complaintMeasures')
    .selectAll()
    .where('organizationId', '=', f.organizationId)
    .where('projectId', 'in', [...f.projectIds])
    .where('month', 'in', [...f.months])
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as ComplaintMeasureRecord[];
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
