import type { LetterPromiseVerdict, OpenLetterStatus } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/** Open letters answering surveys (公开信, migration 0030): one per survey, its promises kept on the row. */
type Db = Kysely<Schema>;

export interface LetterPromiseRecord {
  id: string;
  text: string;
  /** By when the promise is kept (a local date), if the letter says. */
  dueOn: string | null;
  verdict: LetterPromiseVerdict | null;
  note: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

export interface OpenLetterRecord {
  id: string;
  organizationId: string;
  projectId: string;
  surveyId: string;
  status: OpenLetterStatus;
  title: string;
  body: string;
  promises: LetterPromiseRecord[];
  draftedBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
  returnedReason: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
  noticeId: string | null;
  reportedBy: string | null;
  reportedAt: string | null;
}
const LETTER_SHAPE: RowShape = { booleans: [], json: ['promises'] };
const decodeLetter = (r: Record<string, unknown>) => decodeRow<OpenLetterRecord>(r, LETTER_SHAPE);

export async function insertOpenLetter(db: Db, letter: OpenLetterRecord): Promise<void> {
  await db
    .insertInto('openLetters')
    .values(encodeRow(letter, LETTER_SHAPE) as never)
    .execute();
}

/** A letter by id; `forUpdate` locks the row (PostgreSQL) for a change read-then-written. */
export async function findOpenLetter(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<OpenLetterRecord | null> {
  let q = db.selectFrom('openLetters').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeLetter(row) : null;
}

export async function findOpenLetterOfSurvey(db: Db, surveyId: string): Promise<OpenLetterRecord | null> {
  const row = await db.selectFrom('openLetters').selectAll().where('surveyId', '=', surveyId).executeTakeFirst();
  return row ? decodeLetter(row) : null;
}

/** The letters of a company, or of some of its projects (null: all), the latest first. */
export async function listOpenLetters(db: Db, organizationId: string, projectIds: readonly string[] | null, limit: number): Promise<OpenLetterRecord[]> {
  if (projectIds && !projectIds.length) return [];
  let q = db.selectFrom('openLetters').selectAll().where('organizationId', '=', organizationId);
  if (projectIds) q = q.where('projectId', 'in', [...projectIds]);
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(decodeLetter);
}

/** The title and close of the letters' surveys, in one read (a list of letters shows both). */
export async function surveyHeadersOf(db: Db, surveyIds: readonly string[]): Promise<Map<string, { title: string; closedAt: string | null }>> {
  if (!surveyIds.length) return new Map();
  const rows = await db
    .selectFrom('surveys')
    .select(['id', 'title', 'closedAt'])
    .where('id', 'in', [...new Set(surveyIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, closedAt: r.closedAt }]));
}

export async function updateOpenLetter(
  db: Db,
  id: string,
  patch: Partial<Omit<OpenLetterRecord, 'id' | 'organizationId' | 'projectId' | 'surveyId'>>,
): Promise<void> {
  await db
    .updateTable('openLetters')
    .set(encodeRow(patch, LETTER_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

/**
 * 业主满意度 from surveys (SPEC §10): per project, the latest closed survey and its satisfied (4–5)
 * and total answers. (Kept here beside the letter: both read a closed survey's figures.)
 */
export async function latestSurveyFigures(
  db: Db,
  projectIds: readonly string[],
  /** Only surveys closed before this instant (a past month's report). */
  closedBefore?: string,
): Promise<{ projectId: string; surveyId: string; title: string; closedAt: string; answers: number; satisfied: number }[]> {
  if (!projectIds.length) return [];
  let query = db
    .selectFrom('surveys')
    .select(['id', 'projectId', 'title', 'closedAt'])
    .where('projectId', 'in', [...projectIds])
    .where('status', '=', 'closed')
    .where('kind', '=', 'owner_satisfaction'); // 业主满意度: not the steward ratings
  if (closedBefore) query = query.where('closedAt', '<', closedBefore);
  const closed = await query.orderBy('closedAt', 'desc').execute();
  const latest = new Map<string, (typeof closed)[number]>();
  for (const s of closed) if (!latest.has(s.projectId)) latest.set(s.projectId, s);
  if (!latest.size) return [];
  const tallies = await db
    .selectFrom('surveyScores')
    .select(['surveyId', (eb) => eb.fn.countAll().as('answers'), (eb) => eb.fn.sum(eb.case().when('score', '>=', 4).then(1).else(0).end()).as('satisfied')])
    .where(
      'surveyId',
      'in',
      [...latest.values()].map((s) => s.id),
    )
    .groupBy('surveyId')
    .execute();
  const bySurvey = new Map(tallies.map((t) => [t.surveyId, t]));
  return [...latest.values()].map((s) => ({
    projectId: s.projectId,
    surveyId: s.id,
    title: s.title,
    closedAt: s.closedAt!,
    answers: Number(bySurvey.get(s.id)?.answers ?? 0),
    satisfied: Number(bySurvey.get(s.id)?.satisfied ?? 0),
  }));
}
