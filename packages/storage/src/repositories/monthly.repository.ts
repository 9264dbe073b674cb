import type {
  MeetingActionStatus,
  MeetingKind,
  MonthlyContactChannel,
  MonthlyContactResult,
  MonthlyContactStatus,
  MonthlyOpinionStatus,
  MonthlySummaryStatus,
} from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import type { Schema } from '../schema.ts';

/**
 * The monthly communication cycle (每月客户沟通, migration 0029): the supervisor's contact list, the
 * monthly summary with its opinions, owner meetings and their actions; and the month's figures the
 * summary is built from (cases, callbacks, visits), each one grouped statement over a project's month.
 */
type Db = Kysely<Schema>;

// --- the contact list ------------------------------------------------------------------------------

export interface ContactAttempt {
  at: string;
  by: string;
  reached: boolean;
  channel: MonthlyContactChannel;
  ownerWords: string | null;
  result: MonthlyContactResult | null;
  note: string | null;
}
export interface MonthlyContactRecord {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  ownerId: string;
  caseIds: string[];
  dueOn: string;
  status: MonthlyContactStatus;
  attempts: ContactAttempt[];
  channel: MonthlyContactChannel | null;
  ownerWords: string | null;
  result: MonthlyContactResult | null;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
const CONTACT_SHAPE: RowShape = { booleans: [], json: ['caseIds', 'attempts'] };
const decodeContact = (r: Record<string, unknown>) => decodeRow<MonthlyContactRecord>(r, CONTACT_SHAPE);

/** Inserts rows; one there already for the owner and month (a concurrent generation) is kept. */
export async function insertMonthlyContacts(db: Db, rows: readonly MonthlyContactRecord[]): Promise<void> {
  for (const row of rows)
    await db
      .insertInto('monthlyContacts')
      .values(encodeRow(row, CONTACT_SHAPE) as never)
      .onConflict((oc) => oc.columns(['projectId', 'month', 'ownerId']).doNothing())
      .execute();
}

export async function listMonthlyContacts(db: Db, projectId: string, month: string): Promise<MonthlyContactRecord[]> {
  const rows = await db
    .selectFrom('monthlyContacts')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('month', '=', month)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map(decodeContact);
}

export async function findMonthlyContact(db: Db, id: string): Promise<MonthlyContactRecord | null> {
  const row = await db.selectFrom('monthlyContacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeContact(row) : null;
}

/** Writes a row's changed fields if it is still at `updatedAt` (else false: someone wrote it meanwhile). */
export async function updateMonthlyContact(
  db: Db,
  id: string,
  expectedUpdatedAt: string,
  patch: Partial<Pick<MonthlyContactRecord, 'caseIds' | 'status' | 'attempts' | 'channel' | 'ownerWords' | 'result' | 'closedBy' | 'closedAt' | 'updatedAt'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('monthlyContacts')
    .set(encodeRow(patch, CONTACT_SHAPE) as never)
    .where('id', '=', id)
    .where('updatedAt', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The owners who complained or made a suggestion in [from, to) (instants), with the cases, oldest first. */
export async function monthlyContactSources(db: Db, projectId: string, from: string, to: string): Promise<{ ownerId: string; caseId: string; type: string }[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['ownerId', 'id', 'type'])
    .where('projectId', '=', projectId)
    .where('type', 'in', ['complaint', 'suggestion'])
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .where('ownerId', 'is not', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ownerId: r.ownerId!, caseId: r.id, type: r.type }));
}

/** The opinions raised at visits (走访, migration 0026) in [from, to), with the visited owner and the case each became (if any). */
export async function monthVisitOpinions(
  db: Db,
  projectId: string,
  from: string,
  to: string,
): Promise<{ id: string; caseId: string | null; ownerId: string; text: string }[]> {
  return db
    .selectFrom('visitOpinions as o')
    .innerJoin('ownerVisits as v', 'v.id', 'o.visitId')
    .select(['o.id', 'o.caseId', 'v.ownerId', 'o.text'])
    .where('o.projectId', '=', projectId)
    .where('o.createdAt', '>=', from)
    .where('o.createdAt', '<', to)
    .orderBy('o.createdAt')
    .orderBy('o.id')
    .execute();
}
/** A contact row's item that is a visit opinion not turned into a case: `vo:<opinion id>` (one that is a case is named by its case). */
export const VISIT_OPINION_PREFIX = 'vo:';

/** Visit opinions by id (the list's items not turned into cases). */
export async function findVisitOpinionTexts(db: Db, ids: readonly string[]): Promise<{ id: string; text: string; caseType: string; caseId: string | null }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('visitOpinions')
    .select(['id', 'text', 'caseType', 'caseId'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The comments of survey answers registered in [from, to) (客户意见登记, migration 0027), in order: the list's and the summary's source. */
export async function monthSurveyComments(
  db: Db,
  projectId: string,
  from: string,
  to: string,
): Promise<{ id: string; ownerId: string | null; text: string }[]> {
  return db
    .selectFrom('surveyRegister')
    .select(['id', 'ownerId', 'text'])
    .where('projectId', '=', projectId)
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** A contact row's item that is a survey comment: `sc:<register entry id>`. */
export const SURVEY_COMMENT_PREFIX = 'sc:';

/** Survey comments by register entry id (the list's items that are comments). */
export async function findSurveyCommentTexts(db: Db, ids: readonly string[]): Promise<{ id: string; text: string }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('surveyRegister')
    .select(['id', 'text'])
    .where('id', 'in', [...ids])
    .execute();
}

// --- the summary and its opinions --------------------------------------------------------------------

export interface MonthlySummaryRecord {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  status: MonthlySummaryStatus;
  figures: Record<string, unknown>;
  figuresAt: string;
  overview: string;
  mainProblems: string;
  improvements: string;
  version: number;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const SUMMARY_SHAPE: RowShape = { booleans: [], json: ['figures'] };
const decodeSummary = (r: Record<string, unknown>) => decodeRow<MonthlySummaryRecord>(r, SUMMARY_SHAPE);

/** Inserts a summary; false when the project's month has one already. */
export async function insertMonthlySummary(db: Db, s: MonthlySummaryRecord): Promise<boolean> {
  const result = await db
    .insertInto('monthlySummaries')
    .values(encodeRow(s, SUMMARY_SHAPE) as never)
    .onConflict((oc) => oc.columns(['projectId', 'month']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findMonthlySummary(db: Db, id: string): Promise<MonthlySummaryRecord | null> {
  const row = await db.selectFrom('monthlySummaries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeSummary(row) : null;
}

export async function findMonthlySummaryOf(db: Db, projectId: string, month: string): Promise<MonthlySummaryRecord | null> {
  const row = await db.selectFrom('monthlySummaries').selectAll().where('projectId', '=', projectId).where('month', '=', month).executeTakeFirst();
  return row ? decodeSummary(row) : null;
}

export async function listMonthlySummaries(db: Db, projectId: string, limit: number): Promise<MonthlySummaryRecord[]> {
  const rows = await db.selectFrom('monthlySummaries').selectAll().where('projectId', '=', projectId).orderBy('month', 'desc').limit(limit).execute();
  return rows.map(decodeSummary);
}

/** Writes a summary at `version` (and moves it to version + 1); false when it is at another version by now. */
export async function updateMonthlySummary(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Omit<MonthlySummaryRecord, 'id' | 'organizationId' | 'projectId' | 'month' | 'version' | 'createdBy' | 'createdAt'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('monthlySummaries')
    .set({ ...encodeRow(patch, SUMMARY_SHAPE), version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface MonthlyOpinionRecord {
  id: string;
  organizationId: string;
  projectId: string;
  summaryId: string;
  month: string;
  /** Where it came from: a complaint or suggestion case (later visit opinions and survey comments). */
  source: string;
  caseId: string | null;
  ownerId: string | null;
  text: string;
  status: MonthlyOpinionStatus;
  assigneeId: string | null;
  deadlineOn: string | null;
  assignedBy: string | null;
  assignedAt: string | null;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdAt: string;
}

export async function insertMonthlyOpinions(db: Db, rows: readonly MonthlyOpinionRecord[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('monthlyOpinions')
      .values([...rows])
      .execute();
}

export async function deleteUnassignedOpinions(db: Db, summaryId: string): Promise<void> {
  await db.deleteFrom('monthlyOpinions').where('summaryId', '=', summaryId).where('status', '=', 'unassigned').execute();
}

export async function listOpinionsOfSummary(db: Db, summaryId: string): Promise<MonthlyOpinionRecord[]> {
  return (await db
    .selectFrom('monthlyOpinions')
    .selectAll()
    .where('summaryId', '=', summaryId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as MonthlyOpinionRecord[];
}

/** A project's assigned opinions (open ones first, by deadline), optionally of one status. */
export async function listTrackedOpinions(db: Db, projectId: string, status: MonthlyOpinionStatus | null, limit: number): Promise<MonthlyOpinionRecord[]> {
  let q = db.selectFrom('monthlyOpinions').selectAll().where('projectId', '=', projectId).where('status', '!=', 'unassigned');
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('status', 'desc').orderBy('deadlineOn').orderBy('id').limit(limit).execute()) as MonthlyOpinionRecord[];
}

export async function findMonthlyOpinion(db: Db, id: string): Promise<MonthlyOpinionRecord | null> {
  return ((await db.selectFrom('monthlyOpinions').selectAll().where('id', '=', id).executeTakeFirst()) as MonthlyOpinionRecord | undefined) ?? null;
}

/** Changes an opinion if it is still `fromStatus`; false otherwise. */
export async function updateMonthlyOpinion(
  db: Db,
  id: string,
  fromStatus: MonthlyOpinionStatus,
  patch: Partial<Pick<MonthlyOpinionRecord, 'status' | 'assigneeId' | 'deadlineOn' | 'assignedBy' | 'assignedAt' | 'doneBy' | 'doneAt' | 'doneNote'>>,
): Promise<boolean> {
  const result = await db.updateTable('monthlyOpinions').set(patch).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- meetings ----------------------------------------------------------------------------------------

export interface OwnerMeetingRecord {
  id: string;
  organizationId: string;
  projectId: string;
  kind: MeetingKind;
  heldOn: string;
  title: string;
  attendees: string[];
  topics: string[];
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
  createdBy: string | null;
  createdAt: string;
}
const MEETING_SHAPE: RowShape = { booleans: [], json: ['attendees', 'topics'] };
const decodeMeeting = (r: Record<string, unknown>) => decodeRow<OwnerMeetingRecord>(r, MEETING_SHAPE);

export async function insertOwnerMeeting(db: Db, m: OwnerMeetingRecord): Promise<void> {
  await db
    .insertInto('ownerMeetings')
    .values(encodeRow(m, MEETING_SHAPE) as never)
    .execute();
}

export async function findOwnerMeeting(db: Db, id: string): Promise<OwnerMeetingRecord | null> {
  const row = await db.selectFrom('ownerMeetings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeMeeting(row) : null;
}

export async function listOwnerMeetings(db: Db, projectId: string, limit: number): Promise<OwnerMeetingRecord[]> {
  const rows = await db
    .selectFrom('ownerMeetings')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('heldOn', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(decodeMeeting);
}

export async function setMeetingMinutes(db: Db, id: string, minutes: string, by: string, at: string): Promise<void> {
  await db.updateTable('ownerMeetings').set({ minutes, minutesBy: by, minutesAt: at }).where('id', '=', id).execute();
}

export interface MeetingActionRecord {
  id: string;
  organizationId: string;
  projectId: string;
  meetingId: string;
  text: string;
  responsibleId: string;
  deadlineOn: string;
  status: MeetingActionStatus;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function insertMeetingAction(db: Db, a: MeetingActionRecord): Promise<void> {
  await db.insertInto('meetingActions').values(a).execute();
}

export async function findMeetingAction(db: Db, id: string): Promise<MeetingActionRecord | null> {
  return ((await db.selectFrom('meetingActions').selectAll().where('id', '=', id).executeTakeFirst()) as MeetingActionRecord | undefined) ?? null;
}

export async function listMeetingActions(db: Db, meetingIds: readonly string[]): Promise<MeetingActionRecord[]> {
  if (!meetingIds.length) return [];
  return (await db
    .selectFrom('meetingActions')
    .selectAll()
    .where('meetingId', 'in', [...meetingIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as MeetingActionRecord[];
}

/** Marks an open action done; false when it was done already. */
export async function completeMeetingAction(db: Db, id: string, by: string, at: string, note: string | null): Promise<boolean> {
  const result = await db
    .updateTable('meetingActions')
    .set({ status: 'done', doneBy: by, doneAt: at, doneNote: note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- the month's figures -------------------------------------------------------------------------------

const n = (v: unknown) => Number(v ?? 0);

/** Cases created in [from, to) by type. */
export async function casesCreatedByType(db: Db, projectId: string, from: string, to: string): Promise<{ type: string; count: number }[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['type', sql<number>`count(*)`.as('count')])
    .where('projectId', '=', projectId)
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .groupBy('type')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ type: r.type, count: n(r.count) }));
}

/** Cases created before `to` and not closed at `at` (the month's end, or now while the month runs), by type. */
export async function casesOpenAtByType(db: Db, projectId: string, to: string, at: string): Promise<{ type: string; count: number }[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['type', sql<number>`count(*)`.as('count')])
    .where('projectId', '=', projectId)
    .where('createdAt', '<', to)
    .where((eb) => eb.or([eb('closedAt', 'is', null), eb('closedAt', '>=', at)]))
    .groupBy('type')
    .orderBy('type')
    .execute();
  return rows.map((r) => ({ type: r.type, count: n(r.count) }));
}

/**
 * Callbacks of the month: due in it, done, unreachable, done with the owner not satisfied (回访). With
 * `staffId` (an appraisal, decision 0037): those given to the person due in it, and those the person made.
 */
export async function callbackFigures(db: Db, projectId: string, from: string, to: string, staffId?: string) {
  const given = staffId ? sql` and assignee_id = ${staffId}` : sql``;
  const made = staffId ? sql` and made_by = ${staffId}` : sql``;
  let q = db
    .selectFrom('callbacks')
    .select([
      sql<number>`sum(case when due_at >= ${from} and due_at < ${to}${given} then 1 else 0 end)`.as('due'),
      sql<number>`sum(case when status = 'done' and completed_at >= ${from} and completed_at < ${to}${made} then 1 else 0 end)`.as('done'),
      sql<number>`sum(case when status = 'unreachable' and completed_at >= ${from} and completed_at < ${to}${made} then 1 else 0 end)`.as('unreachable'),
      sql<number>`sum(case when status = 'done' and outcome = 'not_satisfied' and completed_at >= ${from} and completed_at < ${to}${made} then 1 else 0 end)`.as(
        'notSatisfied',
      ),
    ])
    .where('projectId', '=', projectId)
    .where((eb) => eb.or([eb.and([eb('dueAt', '>=', from), eb('dueAt', '<', to)]), eb.and([eb('completedAt', '>=', from), eb('completedAt', '<', to)])]));
  if (staffId) q = q.where((eb) => eb.or([eb('assigneeId', '=', staffId), eb('madeBy', '=', staffId)]));
  const row = await q.executeTakeFirst();
  return { due: n(row?.due), done: n(row?.done), unreachable: n(row?.unreachable), notSatisfied: n(row?.notSatisfied) };
}

/** Visits due on local dates in [fromDate, toDate) (not cancelled): planned, and of them done (走访); with `staffId`, those given to the person. */
export async function visitFigures(db: Db, projectId: string, fromDate: string, toDate: string, staffId?: string) {
  let q = db
    .selectFrom('ownerVisits')
    .select([sql<number>`count(*)`.as('planned'), sql<number>`sum(case when status = 'done' then 1 else 0 end)`.as('done')])
    .where('projectId', '=', projectId)
    .where('dueOn', '>=', fromDate)
    .where('dueOn', '<', toDate)
    .where('status', '!=', 'cancelled');
  if (staffId) q = q.where('assigneeId', '=', staffId);
  const row = await q.executeTakeFirst();
  return { planned: n(row?.planned), done: n(row?.done) };
}

/** The month's complaints and suggestions as the summary's opinions (oldest first). */
export async function monthOpinionCases(db: Db, projectId: string, from: string, to: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'type', 'title', 'ownerId', 'number'])
    .where('projectId', '=', projectId)
    .where('type', 'in', ['complaint', 'suggestion'])
    .where('createdAt', '>=', from)
    .where('createdAt', '<', to)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Names by id (owners or staff) for the lists' labels. */
export async function namesOf(db: Db, table: 'owners' | 'staff', ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
