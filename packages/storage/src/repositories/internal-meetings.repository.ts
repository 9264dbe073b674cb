import type { InternalMeetingKind, MeetingActionStatus } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import type { Schema } from '../schema.ts';

/**
 * Internal meetings (内部会议, migration 0040, decision 0038): the meeting with its minutes and the late
 * minutes' reminder claim, and its resolutions (决议) tracked to done.
 */
type Db = Kysely<Schema>;

export interface InternalMeetingRecord {
  id: string;
  organizationId: string;
  projectId: string | null;
  departmentId: string | null;
  kind: InternalMeetingKind;
  heldOn: string;
  title: string;
  agenda: string | null;
  organizerId: string;
  secretaryId: string;
  attendeeIds: string[];
  timeZone: string;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
  minutesRemindedAt: string | null;
  createdAt: string;
}
const SHAPE: RowShape = { booleans: [], json: ['attendeeIds'] };
const decode = (r: Record<string, unknown>) => decodeRow<InternalMeetingRecord>(r, SHAPE);

export async function insertInternalMeeting(db: Db, m: InternalMeetingRecord): Promise<void> {
  await db
    .insertInto('internalMeetings')
    .values(encodeRow(m, SHAPE) as never)
    .execute();
}

export async function findInternalMeeting(db: Db, id: string): Promise<InternalMeetingRecord | null> {
  const row = await db.selectFrom('internalMeetings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decode(row) : null;
}

export interface InternalMeetingFilter {
  organizationId: string;
  kind?: InternalMeetingKind;
  projectId?: string;
  departmentId?: string;
  from?: string;
  to?: string;
  /** Minutes still missing past this local date (held before `heldBefore`, no minutes). */
  minutesMissingHeldBefore?: string;
  limit: number;
}

/** An organization's meetings, latest first (the caller keeps those the actor may read). */
export async function listInternalMeetings(db: Db, f: InternalMeetingFilter): Promise<InternalMeetingRecord[]> {
  let q = db.selectFrom('internalMeetings').selectAll().where('organizationId', '=', f.organizationId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.projectId) q = q.where('projectId', '=', f.projectId);
  if (f.departmentId) q = q.where('departmentId', '=', f.departmentId);
  if (f.from) q = q.where('heldOn', '>=', f.from);
  if (f.to) q = q.where('heldOn', '<=', f.to);
  if (f.minutesMissingHeldBefore) q = q.where('minutesAt', 'is', null).where('heldOn', '<', f.minutesMissingHeldBefore);
  const rows = await q.orderBy('heldOn', 'desc').orderBy('createdAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map(decode);
}

export async function findInternalMeetingsByIds(db: Db, ids: readonly string[]): Promise<InternalMeetingRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('internalMeetings')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(decode);
}

/** Writes the minutes; the first writer and time are kept by the caller (lateness is judged on the first). */
export async function setInternalMeetingMinutes(db: Db, id: string, minutes: string, by: string, at: string): Promise<void> {
  await db.updateTable('internalMeetings').set({ minutes, minutesBy: by, minutesAt: at }).where('id', '=', id).execute();
}

/** Meetings held before `heldBefore` (a local date, widened by a day for the time zones) with no minutes and no reminder yet. */
export async function listInternalMeetingsMissingMinutes(db: Db, heldBefore: string, limit: number): Promise<InternalMeetingRecord[]> {
  const rows = await db
    .selectFrom('internalMeetings')
    .selectAll()
    .where('minutesAt', 'is', null)
    .where('minutesRemindedAt', 'is', null)
    .where('heldOn', '<', heldBefore)
    .orderBy('heldOn')
    .limit(limit)
    .execute();
  return rows.map(decode);
}

/** Claims the late minutes' reminder: true for the one process whose update took it (minutes still missing). */
export async function claimInternalMinutesReminder(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('internalMeetings')
    .set({ minutesRemindedAt: at })
    .where('id', '=', id)
    .where('minutesRemindedAt', 'is', null)
    .where('minutesAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface InternalMeetingActionRecord {
  id: string;
  organizationId: string;
  meetingId: string;
  text: string;
  responsibleId: string;
  deadlineOn: string;
  status: MeetingActionStatus;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdBy: string;
  createdAt: string;
  /** When the responsible and the organizer were told it is overdue (once; migration 0044). */
  overdueRemindedAt: string | null;
}

export async function insertInternalMeetingAction(db: Db, a: InternalMeetingActionRecord): Promise<void> {
  await db.insertInto('internalMeetingActions').values(a).execute();
}

export async function findInternalMeetingAction(db: Db, id: string): Promise<InternalMeetingActionRecord | null> {
  return (
    ((await db.selectFrom('internalMeetingActions').selectAll().where('id', '=', id).executeTakeFirst()) as InternalMeetingActionRecord | undefined) ?? null
  );
}

export async function listInternalMeetingActions(db: Db, meetingIds: readonly string[]): Promise<InternalMeetingActionRecord[]> {
  if (!meetingIds.length) return [];
  return (await db
    .selectFrom('internalMeetingActions')
    .selectAll()
    .where('meetingId', 'in', [...meetingIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as InternalMeetingActionRecord[];
}

/** A staff member's resolutions (open ones, or all), by deadline. */
export async function listActionsOf(
  db: Db,
  responsibleId: string,
  status: MeetingActionStatus | undefined,
  limit: number,
): Promise<InternalMeetingActionRecord[]> {
  let q = db.selectFrom('internalMeetingActions').selectAll().where('responsibleId', '=', responsibleId);
  if (status) q = q.where('status', '=', status);
  return (await q.orderBy('deadlineOn').orderBy('id').limit(limit).execute()) as InternalMeetingActionRecord[];
}

/** The meetings where a staff member is responsible for a resolution. */
export async function meetingIdsWithResponsible(db: Db, responsibleId: string): Promise<string[]> {
  const rows = await db.selectFrom('internalMeetingActions').select('meetingId').distinct().where('responsibleId', '=', responsibleId).execute();
  return rows.map((r) => r.meetingId);
}

/**
 * Open resolutions not yet reminded whose deadline is before `deadlineBefore` (a local date, widened by a
 * day for the time zones: the caller's rule decides in each meeting's zone), earliest deadline first —
 * read through the partial index of the open, unreminded ones (migration 0044).
 */
export async function listOverdueActionsUnreminded(db: Db, deadlineBefore: string, limit: number): Promise<InternalMeetingActionRecord[]> {
  return (await overdueActionsUnremindedQuery(db, deadlineBefore, limit).execute()) as InternalMeetingActionRecord[];
}

/** The sweep's statement (exported for its query-plan test): the status a literal, so PostgreSQL's generic plan can prove the partial index's predicate. */
export function overdueActionsUnremindedQuery(db: Db, deadlineBefore: string, limit: number) {
  return db
    .selectFrom('internalMeetingActions')
    .selectAll()
    .where('status', '=', sql.lit('open'))
    .where('overdueRemindedAt', 'is', null)
    .where('deadlineOn', '<', deadlineBefore)
    .orderBy('deadlineOn')
    .orderBy('id')
    .limit(sql.lit(Math.trunc(limit)));
}

/** Claims an overdue resolution's reminder: true for the one process whose update took it (still open, not reminded). */
export async function claimActionOverdueReminder(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('internalMeetingActions')
    .set({ overdueRemindedAt: at })
    .where('id', '=', id)
    .where('overdueRemindedAt', 'is', null)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Marks an open resolution done; false when it was done already. */
export async function completeInternalMeetingAction(db: Db, id: string, by: string, at: string, note: string): Promise<boolean> {
  const result = await db
    .updateTable('internalMeetingActions')
    .set({ status: 'done', doneBy: by, doneAt: at, doneNote: note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The names of the offices and departments holding meetings (by id). */
export async function holderNamesOf(db: Db, projectIds: readonly string[], departmentIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const projects = [...new Set(projectIds)];
  const departments = [...new Set(departmentIds)];
  if (projects.length) for (const r of await db.selectFrom('projects').select(['id', 'name']).where('id', 'in', projects).execute()) names.set(r.id, r.name);
  if (departments.length)
    for (const r of await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', departments).execute()) names.set(r.id, r.name);
  return names;
}

/** Of these ids, the active staff of the organization. */
export async function activeStaffIdsOf(db: Db, organizationId: string, ids: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const rows = await db.selectFrom('staff').select(['id', 'active']).where('organizationId', '=', organizationId).where('id', 'in', unique).execute();
  return new Set(rows.filter((r) => Boolean(r.active)).map((r) => r.id));
}
