import type { SelfEvaluationRoundStatus, SelfEvaluationStatus, SurveyArea, SurveyItem } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/**
 * Who owners rate and how staff rate themselves (migration 0031, decision 0033): the area steward of
 * each building (物业管家, rated yearly by the building's households — 管家评价) and the rounds of staff
 * self-evaluation forms (员工自评) with one form per staff member.
 */
type Db = Kysely<Schema>;

// --- building stewards ------------------------------------------------------------------------------

export interface BuildingStewardRecord {
  buildingId: string;
  organizationId: string;
  projectId: string;
  staffId: string;
  assignedBy: string | null;
  assignedAt: string;
}

export async function listBuildingStewards(db: Db, projectId: string): Promise<BuildingStewardRecord[]> {
  return (await db.selectFrom('buildingStewards').selectAll().where('projectId', '=', projectId).execute()) as BuildingStewardRecord[];
}

/** Names (or, with a null staff id, removes) a building's steward. */
export async function setBuildingSteward(db: Db, row: BuildingStewardRecord | { buildingId: string; staffId: null }): Promise<void> {
  await db.deleteFrom('buildingStewards').where('buildingId', '=', row.buildingId).execute();
  if (row.staffId !== null) await db.insertInto('buildingStewards').values(row).execute();
}

// --- self-evaluation rounds and forms ---------------------------------------------------------------

export interface SelfEvaluationRoundRecord {
  id: string;
  organizationId: string;
  title: string;
  /** The period judged, in words (e.g. 2026年度). */
  period: string;
  items: (SurveyItem & { area: SurveyArea })[];
  /** The projects whose staff are asked. */
  projectIds: string[];
  dueOn: string;
  status: SelfEvaluationRoundStatus;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}
const ROUND_SHAPE: RowShape = { booleans: [], json: ['items', 'projectIds'] };

export interface SelfEvaluationRecord {
  id: string;
  roundId: string;
  organizationId: string;
  staffId: string;
  status: SelfEvaluationStatus;
  scores: Record<string, number>;
  summary: string | null;
  shortcomings: string | null;
  plan: string | null;
  savedAt: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
}
const FORM_SHAPE: RowShape = { booleans: [], json: ['scores'] };

export async function insertSelfEvaluationRound(db: Db, round: SelfEvaluationRoundRecord, forms: readonly SelfEvaluationRecord[]): Promise<void> {
  await db
    .insertInto('selfEvaluationRounds')
    .values(encodeRow(round, ROUND_SHAPE) as never)
    .execute();
  for (let i = 0; i < forms.length; i += 500)
    await db
      .insertInto('selfEvaluations')
      .values(forms.slice(i, i + 500).map((f) => encodeRow(f, FORM_SHAPE)) as never)
      .execute();
}

export async function findSelfEvaluationRound(db: Db, id: string): Promise<SelfEvaluationRoundRecord | null> {
  const row = await db.selectFrom('selfEvaluationRounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeRow<SelfEvaluationRoundRecord>(row, ROUND_SHAPE) : null;
}

export async function listSelfEvaluationRounds(db: Db, organizationId: string, limit: number): Promise<SelfEvaluationRoundRecord[]> {
  const rows = await db
    .selectFrom('selfEvaluationRounds')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => decodeRow<SelfEvaluationRoundRecord>(r, ROUND_SHAPE));
}

export async function closeSelfEvaluationRound(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('selfEvaluationRounds')
    .set({ status: 'closed', closedBy: by, closedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findSelfEvaluation(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<SelfEvaluationRecord | null> {
  let q = db.selectFrom('selfEvaluations').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<SelfEvaluationRecord>(row, FORM_SHAPE) : null;
}

/** A round's forms, or a staff member's forms across rounds. */
export async function listSelfEvaluations(db: Db, by: { roundId: string } | { staffId: string }): Promise<SelfEvaluationRecord[]> {
  let q = db.selectFrom('selfEvaluations').selectAll();
  q = 'roundId' in by ? q.where('roundId', '=', by.roundId) : q.where('staffId', '=', by.staffId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => decodeRow<SelfEvaluationRecord>(r, FORM_SHAPE));
}

/** Writes a form's changed fields when it is still in `fromStatus` (false: it moved meanwhile). */
export async function updateSelfEvaluation(
  db: Db,
  id: string,
  fromStatus: SelfEvaluationStatus,
  set: Partial<Omit<SelfEvaluationRecord, 'id' | 'roundId' | 'organizationId' | 'staffId'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('selfEvaluations')
    .set(encodeRow(set, FORM_SHAPE) as never)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
