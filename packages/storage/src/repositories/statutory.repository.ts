import type { StatutorySubject } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';
import type { Schema } from '../schema.ts';

/**
 * Statutory postings (法定公示, migration 0024): a project's schedules of what it must post, the
 * postings made, and the cases owners' objections became. The scheduler claims schedules owing an
 * alert through their partial index on `next_alert_at`; on PostgreSQL the rows are locked and rows
 * another process holds are skipped.
 */
type Db = Kysely<Schema>;

export interface StatutoryScheduleRecord {
  id: string;
  organizationId: string;
  projectId: string;
  subject: StatutorySubject;
  title: string;
  everyMonths: number;
  warnDays: number;
  /** The day of the month it falls due (month-end safe: core's addMonthsOnDay). */
  dueDay: number;
  nextDueOn: string;
  lastPostedOn: string | null;
  lastNoticeId: string | null;
  active: boolean;
  warnedAt: string | null;
  overdueNotifiedAt: string | null;
  nextAlertAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const SCHEDULE_SHAPE: RowShape = { booleans: ['active'], json: [] };
const decodeSchedule = (r: Record<string, unknown>) => decodeRow<StatutoryScheduleRecord>(r, SCHEDULE_SHAPE);

export async function insertStatutorySchedules(db: Db, rows: readonly StatutoryScheduleRecord[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('statutorySchedules')
    .values(rows.map((r) => encodeRow(r, SCHEDULE_SHAPE) as never))
    .execute();
}

export async function findStatutorySchedule(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<StatutoryScheduleRecord | null> {
  let q = db.selectFrom('statutorySchedules').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeSchedule(row) : null;
}

/** A project's schedules, the soonest due first (deactivated ones last). */
export async function listStatutorySchedules(db: Db, projectId: string): Promise<StatutoryScheduleRecord[]> {
  const rows = await db
    .selectFrom('statutorySchedules')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('active', 'desc')
    .orderBy('nextDueOn')
    .orderBy('id')
    .execute();
  return rows.map(decodeSchedule);
}

/** Writes a schedule's changed fields (its id and project never change). */
export async function updateStatutorySchedule(
  db: Db,
  id: string,
  patch: Partial<Omit<StatutoryScheduleRecord, 'id' | 'organizationId' | 'projectId' | 'createdBy' | 'createdAt'>>,
): Promise<void> {
  await db
    .updateTable('statutorySchedules')
    .set(encodeRow(patch, SCHEDULE_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

/** Active schedules owing an alert by `now`, the oldest first; locked and others' skipped on PostgreSQL. */
export async function claimDueStatutorySchedules(db: Db, now: string, limit: number): Promise<StatutoryScheduleRecord[]> {
  let q = db
    .selectFrom('statutorySchedules')
    .selectAll()
    .where('nextAlertAt', 'is not', null)
    .where('nextAlertAt', '<=', now)
    .orderBy('nextAlertAt')
    .limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  return (await q.execute()).map(decodeSchedule);
}

/**
 * Records an alert sent: its flags and the next alert's instant, only if the schedule still owes it
 * (the flags as read when claimed) — so no alert is recorded twice. Whether the row was written.
 */
export async function recordStatutoryAlert(
  db: Db,
  s: Pick<StatutoryScheduleRecord, 'id' | 'warnedAt' | 'overdueNotifiedAt' | 'nextDueOn'>,
  after: { warnedAt: string | null; overdueNotifiedAt: string | null; nextAlertAt: string | null },
): Promise<boolean> {
  let q = db
    .updateTable('statutorySchedules')
    .set({ warnedAt: after.warnedAt, overdueNotifiedAt: after.overdueNotifiedAt, nextAlertAt: after.nextAlertAt })
    .where('id', '=', s.id)
    .where('nextDueOn', '=', s.nextDueOn);
  q = s.warnedAt === null ? q.where('warnedAt', 'is', null) : q.where('warnedAt', '=', s.warnedAt);
  q = s.overdueNotifiedAt === null ? q.where('overdueNotifiedAt', 'is', null) : q.where('overdueNotifiedAt', '=', s.overdueNotifiedAt);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- postings ----------------------------------------------------------------------------------

export interface StatutoryPostingRecord {
  id: string;
  organizationId: string;
  projectId: string;
  scheduleId: string;
  postedOn: string;
  /** The due date this posting covered. */
  dueOn: string;
  noticeId: string | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export async function insertStatutoryPosting(db: Db, p: StatutoryPostingRecord): Promise<void> {
  await db.insertInto('statutoryPostings').values(p).execute();
}

export async function findStatutoryPosting(db: Db, id: string): Promise<StatutoryPostingRecord | null> {
  return (await db.selectFrom('statutoryPostings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** A schedule's postings, the latest first. */
export async function listStatutoryPostings(db: Db, scheduleId: string, limit = 200): Promise<StatutoryPostingRecord[]> {
  return db
    .selectFrom('statutoryPostings')
    .selectAll()
    .where('scheduleId', '=', scheduleId)
    .orderBy('postedOn', 'desc')
    .orderBy('recordedAt', 'desc')
    .limit(limit)
    .execute();
}

/** The postings of some projects since a local date, the latest first (the owner portal's list). */
export async function listRecentStatutoryPostings(db: Db, projectIds: readonly string[], since: string, limit = 100) {
  if (!projectIds.length) return [];
  return db
    .selectFrom('statutoryPostings')
    .innerJoin('statutorySchedules', 'statutorySchedules.id', 'statutoryPostings.scheduleId')
    .select([
      'statutoryPostings.id',
      'statutoryPostings.projectId',
      'statutoryPostings.scheduleId',
      'statutoryPostings.postedOn',
      'statutoryPostings.noticeId',
      'statutorySchedules.subject',
      'statutorySchedules.title',
    ])
    .where('statutoryPostings.projectId', 'in', [...projectIds])
    .where('statutoryPostings.postedOn', '>=', since)
    .orderBy('statutoryPostings.postedOn', 'desc')
    .orderBy('statutoryPostings.id')
    .limit(limit)
    .execute();
}

// --- objections (业主异议): each one a case ------------------------------------------------------

export interface StatutoryObjectionRecord {
  caseId: string;
  postingId: string;
  organizationId: string;
  projectId: string;
  createdAt: string;
}

/** The link of an objection's case to its posting, as a write of the case's intake (row-writes.ts). */
export function statutoryObjectionInsert(o: StatutoryObjectionRecord): RowInsert {
  return insertOf('statutoryObjections', { ...o });
}

/** The objections' cases of some postings. */
export async function listObjectionsOfPostings(db: Db, postingIds: readonly string[]): Promise<StatutoryObjectionRecord[]> {
  if (!postingIds.length) return [];
  return db
    .selectFrom('statutoryObjections')
    .selectAll()
    .where('postingId', 'in', [...postingIds])
    .orderBy('createdAt')
    .execute();
}

/** An owner's own objections to some postings, each with its case's number and status (the portal's 我的异议). */
export async function listOwnerObjections(
  db: Db,
  ownerId: string,
  postingIds: readonly string[],
): Promise<{ postingId: string; caseId: string; caseNumber: string; caseStatus: string }[]> {
  if (!postingIds.length) return [];
  return db
    .selectFrom('statutoryObjections')
    .innerJoin('cases', 'cases.id', 'statutoryObjections.caseId')
    .select(['statutoryObjections.postingId', 'statutoryObjections.caseId', 'cases.number as caseNumber', 'cases.status as caseStatus'])
    .where('cases.ownerId', '=', ownerId)
    .where('statutoryObjections.postingId', 'in', [...postingIds])
    .orderBy('statutoryObjections.createdAt')
    .execute();
}
