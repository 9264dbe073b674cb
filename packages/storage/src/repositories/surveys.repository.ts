import type {
  ScoreTally,
  StewardTally,
  SurveyArea,
  SurveyKind,
  SurveyItem,
  SurveyAnswerChannel,
  SurveyAnswerStatus,
  SurveySampling,
  SurveyStatus,
} from '@guanjia/core';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/**
 * Satisfaction surveys (满意度调查, migration 0027, decision 0030): the question bank, campaigns, one
 * answer row per sampled household (written in bulk at launch), the scores of each answered item, the
 * register of comments, internal reviews and projects' targets. The statistics read one GROUP BY over
 * `survey_scores` through its covering index.
 */
type Db = Kysely<Schema>;

// --- the question bank ------------------------------------------------------------------------------

export interface SurveyQuestionRecord {
  id: string;
  organizationId: string;
  area: SurveyArea;
  text: string;
  options: { score: number; label: string }[];
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const QUESTION_SHAPE: RowShape = { booleans: ['active'], json: ['options'] };

export async function insertSurveyQuestion(db: Db, q: SurveyQuestionRecord): Promise<void> {
  await db
    .insertInto('surveyQuestions')
    .values(encodeRow(q, QUESTION_SHAPE) as never)
    .execute();
}

export async function listSurveyQuestions(db: Db, organizationId: string): Promise<SurveyQuestionRecord[]> {
  const rows = await db
    .selectFrom('surveyQuestions')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .orderBy('area')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => decodeRow<SurveyQuestionRecord>(r, QUESTION_SHAPE));
}

export async function findSurveyQuestions(db: Db, organizationId: string, ids: readonly string[]): Promise<SurveyQuestionRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('surveyQuestions')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => decodeRow<SurveyQuestionRecord>(r, QUESTION_SHAPE));
}

// --- campaigns --------------------------------------------------------------------------------------

export interface SurveyRecord {
  id: string;
  organizationId: string;
  projectId: string;
  title: string;
  status: SurveyStatus;
  /** The questionnaire: the bank's items as they were when put in (area kept for the result sheet). */
  items: (SurveyItem & { area: SurveyArea })[];
  commentPrompt: string | null;
  startsOn: string;
  endsOn: string;
  sampling: SurveySampling;
  sampleRate: number;
  seed: number;
  sampled: number;
  households: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  launchedAt: string | null;
  launchedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** What it asks: the owners' satisfaction, or their yearly rating of their steward (管家评价). */
  kind: SurveyKind;
}
const SURVEY_SHAPE: RowShape = { booleans: [], json: ['items'] };
function decodeSurvey(r: Record<string, unknown>): SurveyRecord {
  const s = decodeRow<SurveyRecord>(r, SURVEY_SHAPE);
  s.seed = Number(s.seed); // bigint comes back as text from PostgreSQL
  s.sampleRate = Number(s.sampleRate);
  return s;
}

export async function insertSurvey(db: Db, s: SurveyRecord): Promise<void> {
  await db
    .insertInto('surveys')
    .values(encodeRow(s, SURVEY_SHAPE) as never)
    .execute();
}

export async function findSurvey(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<SurveyRecord | null> {
  let q = db.selectFrom('surveys').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeSurvey(row) : null;
}

export async function listSurveys(db: Db, organizationId: string, projectIds: readonly string[] | 'all', limit: number): Promise<SurveyRecord[]> {
  let q = db.selectFrom('surveys').selectAll().where('organizationId', '=', organizationId);
  if (projectIds !== 'all') {
    if (!projectIds.length) return [];
    q = q.where('projectId', 'in', [...projectIds]);
  }
  const rows = await q.orderBy('startsOn', 'desc').orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(decodeSurvey);
}

/** Changes a campaign's fields (draft edits, launch, close); `fromStatus` guards against a concurrent change: false when it moved meanwhile. */
export async function updateSurvey(
  db: Db,
  id: string,
  fromStatus: SurveyStatus,
  set: Partial<Omit<SurveyRecord, 'id' | 'organizationId' | 'projectId'>>,
): Promise<boolean> {
  const row = encodeRow(set, SURVEY_SHAPE);
  const result = await db
    .updateTable('surveys')
    .set(row as never)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The project's last closed campaign of the same kind before this one (for the change and its test). */
export async function previousClosedSurvey(
  db: Db,
  projectId: string,
  before: { id: string; startsOn: string; kind: SurveyKind },
): Promise<SurveyRecord | null> {
  const row = await db
    .selectFrom('surveys')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('status', '=', 'closed')
    .where('kind', '=', before.kind)
    .where('id', '!=', before.id)
    .where('startsOn', '<=', before.startsOn)
    .orderBy('startsOn', 'desc')
    .orderBy('closedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? decodeSurvey(row) : null;
}

// --- who is sampled ---------------------------------------------------------------------------------

export interface OccupiedHousehold {
  unitId: string;
  buildingId: string;
  /** The unit's 主业主 (or another current owner when none is marked). */
  ownerId: string;
}

/** A project's occupied households (indoor units with a current owner, not moved out), by building then unit, one row per unit. */
export async function surveyHouseholds(db: Db, projectId: string): Promise<OccupiedHousehold[]> {
  const rows = await db
    .selectFrom('ownerUnits as ou')
    .innerJoin('units as u', 'u.id', 'ou.unitId')
    .select(['u.id as unitId', 'u.buildingId as buildingId', 'ou.ownerId as ownerId', 'ou.isPrimary as isPrimary'])
    .where('ou.projectId', '=', projectId)
    .where('ou.movedOutOn', 'is', null)
    .where('u.kind', '=', 'indoor')
    .orderBy('u.buildingId')
    .orderBy('u.id')
    .orderBy('ou.isPrimary', 'desc')
    .orderBy('ou.ownerId')
    .execute();
  const out: OccupiedHousehold[] = [];
  for (const r of rows)
    if (out.length === 0 || out[out.length - 1]!.unitId !== r.unitId) out.push({ unitId: r.unitId, buildingId: r.buildingId, ownerId: r.ownerId });
  return out;
}

/** Since when a project is occupied (入伙): its own date, else its earliest move-in; null when neither is known. */
export async function projectOccupiedSince(db: Db, projectId: string): Promise<string | null> {
  const project = await db.selectFrom('projects').select('occupancyDate').where('id', '=', projectId).executeTakeFirst();
  if (project?.occupancyDate) return project.occupancyDate.slice(0, 10);
  const first = await db
    .selectFrom('ownerUnits')
    .select((eb) => eb.fn.min('moveInDate').as('d'))
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return (first?.d as string | null | undefined)?.slice(0, 10) ?? null;
}

// --- answer rows ------------------------------------------------------------------------------------

export interface SurveyAnswerRecord {
  id: string;
  surveyId: string;
  organizationId: string;
  projectId: string;
  buildingId: string;
  unitId: string;
  code: string;
  status: SurveyAnswerStatus;
  channel: SurveyAnswerChannel | null;
  answeredAt: string | null;
  answeredOn: string | null;
  ownerId: string | null;
  enteredBy: string | null;
  comment: string | null;
  /** A steward rating's steward of this household, frozen at launch; null in owner satisfaction surveys. */
  stewardId: string | null;
}
const ANSWER_COLUMNS = [
  'id',
  'survey_id',
  'organization_id',
  'project_id',
  'building_id',
  'unit_id',
  'code',
  'status',
  'channel',
  'answered_at',
  'answered_on',
  'owner_id',
  'entered_by',
  'comment',
  'steward_id',
] as const;
const ANSWER_KEYS = ANSWER_COLUMNS.map((c) => c.replace(/_(\w)/g, (_, x: string) => x.toUpperCase())) as (keyof SurveyAnswerRecord)[];
const SQLITE_ANSWER_ROWS = Math.floor(32000 / ANSWER_COLUMNS.length);
const POSTGRES_ANSWER_ROWS = 10_000;
const answerInsertText = new Map<number, string>();

/** Writes the answer rows of a launch in bulk (PostgreSQL: one array per column through unnest; SQLite: rows of ?). */
export async function insertSurveyAnswers(db: Db, rows: readonly SurveyAnswerRecord[]): Promise<void> {
  const pg = isPostgres(db);
  const size = pg ? POSTGRES_ANSWER_ROWS : SQLITE_ANSWER_ROWS;
  const list = ANSWER_COLUMNS.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let query: CompiledQuery;
    if (pg) {
      const arrays = ANSWER_KEYS.map((k) => chunk.map((r) => r[k] ?? null));
      const casts = ANSWER_KEYS.map((_, j) => `$${j + 1}::text[]`).join(', ');
      query = CompiledQuery.raw(`insert into "survey_answers" (${list}) select * from unnest(${casts})`, arrays);
    } else {
      let text = answerInsertText.get(chunk.length);
      if (!text) {
        const row = `(${ANSWER_COLUMNS.map(() => '?').join(', ')})`;
        text = `insert into "survey_answers" (${list}) values ${Array.from({ length: chunk.length }, () => row).join(', ')}`;
        answerInsertText.set(chunk.length, text);
      }
      const values: unknown[] = [];
      for (const r of chunk) for (const k of ANSWER_KEYS) values.push(r[k] ?? null);
      query = CompiledQuery.raw(text, values);
    }
    await db.executeQuery(query);
  }
}

export async function findSurveyAnswer(db: Db, surveyId: string, by: { code: string } | { unitId: string }): Promise<SurveyAnswerRecord | null> {
  let q = db.selectFrom('surveyAnswers').selectAll().where('surveyId', '=', surveyId);
  q = 'code' in by ? q.where('code', '=', by.code) : q.where('unitId', '=', by.unitId);
  return ((await q.executeTakeFirst()) as SurveyAnswerRecord | undefined) ?? null;
}

/** Records an answer on a pending row; false when it was answered already (a second answer, maybe concurrent). */
export async function recordSurveyAnswer(
  db: Db,
  answer: Pick<SurveyAnswerRecord, 'id' | 'surveyId' | 'buildingId' | 'channel' | 'answeredAt' | 'answeredOn' | 'enteredBy' | 'comment' | 'ownerId'>,
  scores: Readonly<Record<string, number>>,
): Promise<boolean> {
  const result = await db
    .updateTable('surveyAnswers')
    .set({
      status: 'answered',
      channel: answer.channel,
      answeredAt: answer.answeredAt,
      answeredOn: answer.answeredOn,
      enteredBy: answer.enteredBy,
      comment: answer.comment,
      ownerId: answer.ownerId,
    })
    .where('id', '=', answer.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const rows = Object.entries(scores).map(([questionId, score]) => ({
    answerId: answer.id,
    questionId,
    surveyId: answer.surveyId,
    buildingId: answer.buildingId,
    score,
  }));
  if (rows.length) await db.insertInto('surveyScores').values(rows).execute();
  return true;
}

export async function countPhoneAnswers(db: Db, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom('surveyAnswers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('surveyId', '=', surveyId)
    .where('status', '=', 'answered')
    .where('channel', '=', 'phone')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A page of a campaign's households, by building then code; `status` filters (pending: who is to be chased). */
export async function listSurveyAnswers(
  db: Db,
  surveyId: string,
  q: { status?: SurveyAnswerStatus; buildingId?: string; limit: number; offset: number },
): Promise<SurveyAnswerRecord[]> {
  let query = db.selectFrom('surveyAnswers').selectAll().where('surveyId', '=', surveyId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.buildingId) query = query.where('buildingId', '=', q.buildingId);
  return (await query.orderBy('buildingId').orderBy('code').limit(q.limit).offset(q.offset).execute()) as SurveyAnswerRecord[];
}

/** Per building and answer day: answered households (null day: still pending). */
export async function surveyRecoveryCounts(db: Db, surveyId: string): Promise<{ buildingId: string; answeredOn: string | null; n: number }[]> {
  const rows = await db
    .selectFrom('surveyAnswers')
    .select(['buildingId', 'answeredOn', (eb) => eb.fn.countAll().as('n')])
    .where('surveyId', '=', surveyId)
    .groupBy(['buildingId', 'answeredOn'])
    .execute();
  return rows.map((r) => ({ buildingId: r.buildingId, answeredOn: r.answeredOn, n: Number(r.n) }));
}

/** The statistics' one read: answers per item, building and score. */
export async function surveyScoreTallies(db: Db, surveyId: string): Promise<ScoreTally[]> {
  const rows = await db
    .selectFrom('surveyScores')
    .select(['questionId', 'buildingId', 'score', (eb) => eb.fn.countAll().as('n')])
    .where('surveyId', '=', surveyId)
    .groupBy(['questionId', 'buildingId', 'score'])
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, buildingId: r.buildingId, score: Number(r.score), count: Number(r.n) }));
}

/** A steward rating's one read: answers per item, steward and score (the steward frozen on each household's row). */
export async function surveyStewardTallies(db: Db, surveyId: string): Promise<StewardTally[]> {
  const rows = await db
    .selectFrom('surveyScores as s')
    .innerJoin('surveyAnswers as a', 'a.id', 's.answerId')
    .select(['s.questionId as questionId', 'a.stewardId as stewardId', 's.score as score', (eb) => eb.fn.countAll().as('n')])
    .where('s.surveyId', '=', surveyId)
    .where('a.stewardId', 'is not', null)
    .groupBy(['s.questionId', 'a.stewardId', 's.score'])
    .execute();
  return rows.map((r) => ({ questionId: r.questionId, stewardId: r.stewardId!, score: Number(r.score), count: Number(r.n) }));
}

/** Per steward of a steward rating: the households sampled and answered. */
export async function surveyStewardRecovery(db: Db, surveyId: string): Promise<{ stewardId: string; sampled: number; answered: number }[]> {
  const rows = await db
    .selectFrom('surveyAnswers')
    .select(['stewardId', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('surveyId', '=', surveyId)
    .where('stewardId', 'is not', null)
    .groupBy(['stewardId', 'status'])
    .execute();
  const out = new Map<string, { stewardId: string; sampled: number; answered: number }>();
  for (const r of rows) {
    const x = out.get(r.stewardId!) ?? { stewardId: r.stewardId!, sampled: 0, answered: 0 };
    x.sampled += Number(r.n);
    if (r.status === 'answered') x.answered += Number(r.n);
    out.set(r.stewardId!, x);
  }
  return [...out.values()];
}

/** The start dates of a project's steward ratings other than `exceptId` (one a year). */
export async function stewardRatingStarts(db: Db, projectId: string, exceptId: string | null): Promise<string[]> {
  let q = db.selectFrom('surveys').select('startsOn').where('projectId', '=', projectId).where('kind', '=', 'steward_rating');
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.execute()).map((r) => r.startsOn);
}

/** The open surveys (launched) a household is sampled in, with its answer row. */
export async function surveysOfUnits(db: Db, unitIds: readonly string[]): Promise<{ answer: SurveyAnswerRecord; survey: SurveyRecord }[]> {
  if (!unitIds.length) return [];
  const answers = (await db
    .selectFrom('surveyAnswers')
    .selectAll()
    .where('unitId', 'in', [...unitIds])
    .execute()) as SurveyAnswerRecord[];
  if (!answers.length) return [];
  const surveys = (
    await db
      .selectFrom('surveys')
      .selectAll()
      .where('id', 'in', [...new Set(answers.map((a) => a.surveyId))])
      .where('status', '=', sql.lit('launched'))
      .execute()
  ).map(decodeSurvey);
  const byId = new Map(surveys.map((s) => [s.id, s]));
  return answers.filter((a) => byId.has(a.surveyId)).map((answer) => ({ answer, survey: byId.get(answer.surveyId)! }));
}

// --- the register of comments, reviews, targets -----------------------------------------------------

export interface SurveyRegisterRecord {
  id: string;
  surveyId: string;
  answerId: string;
  organizationId: string;
  projectId: string;
  unitId: string;
  ownerId: string | null;
  text: string;
  status: 'open' | 'handled';
  note: string | null;
  createdAt: string;
  handledBy: string | null;
  handledAt: string | null;
}

export async function insertSurveyRegisterEntry(db: Db, e: SurveyRegisterRecord): Promise<void> {
  await db.insertInto('surveyRegister').values(e).execute();
}

export async function listSurveyRegister(db: Db, surveyId: string, status?: 'open' | 'handled'): Promise<SurveyRegisterRecord[]> {
  let q = db.selectFrom('surveyRegister').selectAll().where('surveyId', '=', surveyId);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('createdAt').orderBy('id').execute()) as SurveyRegisterRecord[];
}

export async function findSurveyRegisterEntry(db: Db, id: string): Promise<SurveyRegisterRecord | null> {
  return ((await db.selectFrom('surveyRegister').selectAll().where('id', '=', id).executeTakeFirst()) as SurveyRegisterRecord | undefined) ?? null;
}

export async function handleSurveyRegisterEntry(db: Db, id: string, by: string, at: string, note: string | null): Promise<boolean> {
  const result = await db
    .updateTable('surveyRegister')
    .set({ status: 'handled', handledBy: by, handledAt: at, note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SurveyReviewRecord {
  id: string;
  surveyId: string;
  organizationId: string;
  projectId: string;
  rate: number;
  target: number;
  status: 'open' | 'done';
  createdAt: string;
  /** What the review found and the measures decided (when done). */
  findings?: string | null;
  doneBy?: string | null;
  doneAt?: string | null;
}

/** An internal review task for a campaign under target (one per campaign). */
export async function insertSurveyReview(db: Db, r: SurveyReviewRecord): Promise<void> {
  await db
    .insertInto('surveyReviews')
    .values(r)
    .onConflict((oc) => oc.column('surveyId').doNothing())
    .execute();
}

export async function listSurveyReviews(db: Db, organizationId: string, projectIds: readonly string[] | 'all'): Promise<SurveyReviewRecord[]> {
  let q = db.selectFrom('surveyReviews').selectAll().where('organizationId', '=', organizationId);
  if (projectIds !== 'all') {
    if (!projectIds.length) return [];
    q = q.where('projectId', 'in', [...projectIds]);
  }
  return ((await q.orderBy('createdAt', 'desc').orderBy('id').execute()) as SurveyReviewRecord[]).map((r) => ({
    ...r,
    rate: Number(r.rate),
    target: Number(r.target),
  }));
}

export async function findSurveyReview(db: Db, id: string): Promise<SurveyReviewRecord | null> {
  const row = await db.selectFrom('surveyReviews').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ({ ...row, rate: Number(row.rate), target: Number(row.target) } as SurveyReviewRecord) : null;
}

/** Closes an open review with its findings; false when it was done already. */
export async function finishSurveyReview(db: Db, id: string, findings: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('surveyReviews')
    .set({ status: 'done', findings, doneBy: by, doneAt: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findSurveyTarget(db: Db, projectId: string): Promise<number | null> {
  const row = await db.selectFrom('surveyTargets').select('target').where('projectId', '=', projectId).executeTakeFirst();
  return row ? Number(row.target) : null;
}

export async function setSurveyTarget(
  db: Db,
  t: { projectId: string; organizationId: string; target: number; updatedBy: string; updatedAt: string },
): Promise<void> {
  await db
    .insertInto('surveyTargets')
    .values(t)
    .onConflict((oc) => oc.column('projectId').doUpdateSet({ target: t.target, updatedBy: t.updatedBy, updatedAt: t.updatedAt }))
    .execute();
}

/**
 * The hook for callbacks to respondents (对提出意见和建议的客户应逐户回访, SPEC §8; built by a later part):
 * every answered household of a campaign that left a comment, with its owner and unit.
 */
export async function surveyRespondentsWithComments(
  db: Db,
  surveyId: string,
): Promise<{ answerId: string; unitId: string; ownerId: string | null; comment: string; answeredAt: string }[]> {
  const rows = await db
    .selectFrom('surveyAnswers')
    .select(['id', 'unitId', 'ownerId', 'comment', 'answeredAt'])
    .where('surveyId', '=', surveyId)
    .where('status', '=', 'answered')
    .where('comment', 'is not', null)
    .orderBy('answeredAt')
    .execute();
  return rows.map((r) => ({ answerId: r.id, unitId: r.unitId, ownerId: r.ownerId, comment: r.comment!, answeredAt: r.answeredAt! }));
}

/** Units' buildings and labels' parts, for the households' lists (a campaign's page at a time). */
export async function surveyUnitPlaces(
  db: Db,
  unitIds: readonly string[],
): Promise<Map<string, { buildingName: string; entrance: string | null; code: string }>> {
  if (!unitIds.length) return new Map();
  const rows = await db
    .selectFrom('units as u')
    .innerJoin('buildings as b', 'b.id', 'u.buildingId')
    .select(['u.id', 'u.code', 'u.entrance', 'b.name as buildingName'])
    .where('u.id', 'in', [...new Set(unitIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { buildingName: r.buildingName, entrance: r.entrance ?? null, code: r.code }]));
}

export async function countSurveyAnswers(db: Db, surveyId: string, status?: SurveyAnswerStatus, buildingId?: string): Promise<number> {
  let q = db
    .selectFrom('surveyAnswers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('surveyId', '=', surveyId);
  if (status) q = q.where('status', '=', status);
  if (buildingId) q = q.where('buildingId', '=', buildingId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
