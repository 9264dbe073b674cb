import { windowClose, type ClockKind, type SlaClock, type SlaRule, type WorkingSpan } from '@guanjia/core';
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import { insertRow, updateRowsById } from '../dialect/fast-queries.ts';
import type { Schema } from '../schema.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';
import { inListBesideIndex } from '../dialect/beside-index.ts';
import { notAccusedIn, type AccusedExclusion } from './cases.repository.ts';
import { rollUpClockChanges } from '../reports/rollups.ts';

type Db = Kysely<Schema>;

// --- business calendars --------------------------------------------------------------------------

export interface CalendarYearRecord {
  organizationId: string;
  year: string;
  holidays: string[];
  makeupWorkdays: string[];
  source: string | null;
  loadedBy: string | null;
  loadedAt: string;
}
const YEAR_SHAPE: RowShape = { booleans: [], json: ['holidays', 'makeupWorkdays'] };

/** Loads (or replaces) one year of published holidays and make-up working days. */
export async function saveCalendarYear(db: Db, y: CalendarYearRecord): Promise<void> {
  const row = encodeRow(y, YEAR_SHAPE) as Insertable<Schema['calendarYears']>;
  await db
    .insertInto('calendarYears')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['organizationId', 'year'])
        .doUpdateSet({ holidays: row.holidays, makeupWorkdays: row.makeupWorkdays, source: row.source, loadedBy: row.loadedBy, loadedAt: row.loadedAt }),
    )
    .execute();
}
export async function listCalendarYears(db: Db, organizationId: string): Promise<CalendarYearRecord[]> {
  const rows = await db.selectFrom('calendarYears').selectAll().where('organizationId', '=', organizationId).orderBy('year').execute();
  return rows.map((r) => decodeRow<CalendarYearRecord>(r, YEAR_SHAPE));
}

/** A project's working week and its own dates (added to, and overriding, its organization's published years). */
export interface ProjectCalendarRecord {
  projectId: string;
  organizationId: string;
  week: WorkingSpan[][];
  makeupSpans: WorkingSpan[] | null;
  holidays: string[];
  makeupWorkdays: string[];
  updatedAt: string;
}
const PROJECT_CALENDAR_SHAPE: RowShape = { booleans: [], json: ['week', 'makeupSpans', 'holidays', 'makeupWorkdays'] };

export async function findProjectCalendar(db: Db, projectId: string): Promise<ProjectCalendarRecord | null> {
  const row = await db.selectFrom('projectCalendars').selectAll().where('projectId', '=', projectId).executeTakeFirst();
  return row ? decodeRow<ProjectCalendarRecord>(row, PROJECT_CALENDAR_SHAPE) : null;
}
export async function saveProjectCalendar(db: Db, c: ProjectCalendarRecord): Promise<void> {
  const row = encodeRow(c, PROJECT_CALENDAR_SHAPE) as Insertable<Schema['projectCalendars']>;
  await db
    .insertInto('projectCalendars')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('projectId')
        .doUpdateSet({ week: row.week, makeupSpans: row.makeupSpans, holidays: row.holidays, makeupWorkdays: row.makeupWorkdays, updatedAt: row.updatedAt }),
    )
    .execute();
}

// --- SLA rules ---------------------------------------------------------------------------------

export async function listSlaRules(db: Db, projectId: string): Promise<SlaRule[]> {
  const rows = await db.selectFrom('slaRules').select('rule').where('projectId', '=', projectId).orderBy('position').execute();
  return rows.map((r) => JSON.parse(r.rule) as SlaRule);
}
export async function replaceSlaRules(
  db: Db,
  organizationId: string,
  projectId: string,
  rules: readonly SlaRule[],
  newId: () => string,
  at: string,
): Promise<void> {
  await db.deleteFrom('slaRules').where('projectId', '=', projectId).execute();
  for (const [position, rule] of rules.entries()) {
    await db
      .insertInto('slaRules')
      .values({ id: newId(), organizationId, projectId, position, rule: JSON.stringify(rule), updatedAt: at })
      .execute();
  }
}

// --- clocks ------------------------------------------------------------------------------------

/** A clock as stored: the core clock plus where its alerts stand and who answers for it. */
export interface StoredClock extends SlaClock {
  organizationId: string;
  projectId: string;
  caseType: string;
  /** The due instant's local date in the project's time zone (months of the report). */
  dueLocalDate: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  warned: boolean;
  escalations: number;
  /**
   * The scheduler has counted this running clock's breach in the report rollups (migration 0016,
   * decision 0015): it was past due when counted. Kept while the due instant stays (breachCountedAfter).
   */
  breachCounted: boolean;
  nextAlertAt: string | null;
  updatedAt: string;
}
const CLOCK_SHAPE: RowShape = { booleans: ['warned', 'breachCounted'], json: ['rule', 'pauses'] };

export async function insertClock(db: Db, k: StoredClock): Promise<void> {
  await insertRow(db, 'slaClocks', encodeRow(k, CLOCK_SHAPE));
}
/** The insert of a new clock (row-writes.ts). */
export function clockInsert(k: StoredClock): RowInsert {
  return insertOf('slaClocks', encodeRow(k, CLOCK_SHAPE));
}
export async function updateClock(db: Db, k: StoredClock): Promise<void> {
  const { id, ...rest } = encodeRow(k, CLOCK_SHAPE);
  await db
    .updateTable('slaClocks')
    .set(rest as Updateable<Schema['slaClocks']>)
    .where('id', '=', id as string)
    .execute();
}
/** Records where a clock's alerts stand (the scheduler's only write to a clock). */
export async function saveAlertProgress(
  db: Db,
  id: string,
  p: { warned: boolean; escalations: number; nextAlertAt: string | null; updatedAt: string },
): Promise<void> {
  const pg = isPostgres(db);
  const text = pg
    ? 'update "sla_clocks" set "warned" = $1, "escalations" = $2, "next_alert_at" = $3, "updated_at" = $4 where "id" = $5'
    : 'update "sla_clocks" set "warned" = ?, "escalations" = ?, "next_alert_at" = ?, "updated_at" = ? where "id" = ?';
  await db.executeQuery(CompiledQuery.raw(text, [p.warned ? 1 : 0, p.escalations, p.nextAlertAt, p.updatedAt, id]));
}

/** The same for many clocks, in a few statements. */
export async function saveAlertProgressBatch(
  db: Db,
  rows: readonly { id: string; warned: boolean; escalations: number; nextAlertAt: string | null; updatedAt: string }[],
): Promise<void> {
  await updateRowsById(
    db,
    'slaClocks',
    { warned: 'integer', escalations: 'integer', nextAlertAt: 'text', updatedAt: 'text' },
    rows.map((r) => ({ ...r, warned: r.warned ? 1 : 0 })),
  );
}

export async function listClocksOfCase(db: Db, caseId: string): Promise<StoredClock[]> {
  const rows = await db.selectFrom('slaClocks').selectAll().where('caseId', '=', caseId).orderBy('startedAt').orderBy('id').execute();
  return rows.map((r) => decodeClock(r));
}
/** Running clocks of a project (a calendar or policy edit recomputes them). */
export async function listRunningClocksOfProject(db: Db, projectId: string): Promise<StoredClock[]> {
  const rows = await db.selectFrom('slaClocks').selectAll().where('projectId', '=', projectId).where('stoppedAt', 'is', null).execute();
  return rows.map((r) => decodeClock(r));
}

/**
 * Clocks whose next alert is due, oldest first, through the partial index on next_alert_at (never a
 * scan of open cases). On PostgreSQL the rows are locked and rows locked by another process are
 * skipped, so each alert is handled by exactly one process.
 */
export async function claimDueClocks(db: Db, now: string, limit: number): Promise<StoredClock[]> {
  let q = db.selectFrom('slaClocks').selectAll().where('nextAlertAt', 'is not', null).where('nextAlertAt', '<=', now).orderBy('nextAlertAt').limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  return rows.map((r) => decodeClock(r));
}

// --- breaches counted in the report rollups (migration 0016, decision 0015) ---------------------

/**
 * Whether a clock rewritten from `previous` keeps its counted breach: only with the same due instant
 * (a clock given a new due instant is counted again once past it; until then the report reads it
 * at query time if it is past due).
 */
export function breachCountedAfter(previous: Pick<StoredClock, 'breachCounted' | 'dueAt'> | undefined, next: { dueAt: string | null }): boolean {
  return previous?.breachCounted === true && previous.dueAt === next.dueAt;
}

/** Running clocks whose breach is not counted yet (sla_clocks_breach_uncounted_idx: its terms written as literals, so both planners match it). */
function uncountedClocks(db: Db) {
  return db.selectFrom('slaClocks').where('stoppedAt', 'is', null).where('breachCounted', '=', sql.lit(0));
}

/**
 * Running clocks past their due instant whose breach is not counted in the report rollups yet, the
 * oldest first, through their partial index (the running clocks not yet due, and the few past due the
 * scheduler has not reached). On PostgreSQL the rows are locked and rows another process holds skipped.
 */
export async function claimUncountedBreaches(db: Db, now: string, limit: number): Promise<StoredClock[]> {
  let q = uncountedClocks(db).selectAll().where('dueAt', '<', now).orderBy('dueAt').limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  return rows.map((r) => decodeClock(r));
}

/**
 * Counts the breaches of running clocks past due in the report rollups, in the caller's transaction:
 * the flag set and each clock's row moved from nothing to breached (rollUpClockChanges). Clocks that
 * are stopped, not yet past `now` or counted already are left as they are. Returns the clocks counted.
 */
export async function countBreaches(db: Db, clocks: readonly StoredClock[], now: string): Promise<StoredClock[]> {
  const changes = clocks
    .filter((k) => k.stoppedAt === null && k.result === null && !k.breachCounted && k.dueAt !== null && k.dueAt < now)
    .map((k) => ({ before: k, after: { ...k, breachCounted: true } }));
  if (changes.length === 0) return [];
  await db
    .updateTable('slaClocks')
    .set({ breachCounted: 1 })
    .where(
      'id',
      'in',
      changes.map((c) => c.before.id),
    )
    .execute();
  await rollUpClockChanges(db, changes);
  return changes.map((c) => c.after);
}

/**
 * The earliest pending alert instant, digest window's close or uncounted breach (the scheduler sleeps
 * until then).
 */
export async function nextAlertInstant(db: Db): Promise<string | null> {
  const row = await db.selectFrom('slaClocks').select('nextAlertAt').where('nextAlertAt', 'is not', null).orderBy('nextAlertAt').limit(1).executeTakeFirst();
  const notice = await db.selectFrom('pendingNotices').select('flushAt').orderBy('flushAt').limit(1).executeTakeFirst();
  const breach = await uncountedClocks(db).select('dueAt').where('dueAt', 'is not', null).orderBy('dueAt').limit(1).executeTakeFirst();
  const all = [row?.nextAlertAt, notice?.flushAt, breach?.dueAt].filter((t): t is string => !!t).sort();
  return all[0] ?? null;
}

function decodeClock(row: Record<string, unknown>): StoredClock {
  const k = decodeRow<StoredClock>(row, CLOCK_SHAPE);
  return { ...k, kind: k.kind as ClockKind, escalations: Number(k.escalations), lateMinutes: k.lateMinutes === null ? null : Number(k.lateMinutes) };
}

/** The earliest due instant of each case's running clocks (the queues' countdown). */
export async function nextDueOfCases(db: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('slaClocks')
    .select(['caseId', (eb) => eb.fn.min('dueAt').as('due')])
    .where('caseId', 'in', caseIds as string[])
    .where('stoppedAt', 'is', null)
    .where('dueAt', 'is not', null)
    .groupBy('caseId')
    .execute();
  return new Map(rows.map((r) => [r.caseId, r.due as string]));
}

/**
 * The cases with a running clock due by `until`, the most urgent first (each once, at its earliest
 * due instant): a walk along sla_clocks_running_due_idx in due order, a few pages of clocks at a time,
 * until `limit` distinct cases — never every running clock grouped and sorted (issue 11: that grew
 * with the number of open cases).
 */
export async function casesDueBy(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; until: string; limit: number; kinds?: readonly string[] },
): Promise<{ caseId: string; due: string; kind?: ClockKind }[]> {
  if (f.kinds && f.kinds.length === 0) return [];
  if (f.projectIds && f.projectIds.length === 0) return [];
  if (f.kinds) {
    // a few kinds (待回访's follow-ups): their running clocks by sla_clocks_running_kind_idx, grouped
    const rows = await runningOfKindsQuery(db, { ...f, kinds: f.kinds }).execute();
    return rows.map((r) => ({ caseId: r.caseId, due: r.due as string }));
  }
  // each case's first clock in due order is its nearest running clock (kind and due: the queue's countdown)
  const out: { caseId: string; due: string; kind: ClockKind }[] = [];
  const seen = new Set<string>();
  const batch = Math.max(50, f.limit * 3);
  let after: { dueAt: string; id: string } | null = null;
  for (;;) {
    const rows: { id: string; caseId: string; kind: string; dueAt: string | null }[] = await runningDueQuery(db, f, after, batch).execute();
    for (const r of rows) {
      if (seen.has(r.caseId)) continue;
      seen.add(r.caseId);
      out.push({ caseId: r.caseId, due: r.dueAt!, kind: r.kind as ClockKind });
      if (out.length >= f.limit) return out;
    }
    if (rows.length < batch) return out;
    const last: { id: string; dueAt: string | null } = rows[rows.length - 1]!;
    after = { dueAt: last.dueAt!, id: last.id };
  }
}

/** The cases with running clocks of some kinds due by `until`, the most urgent first (exported for the query-plan tests). */
export function runningOfKindsQuery(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; until: string; limit: number; kinds: readonly string[] },
) {
  let q = db
    .selectFrom('slaClocks')
    .select(['caseId', (eb) => eb.fn.min('dueAt').as('due')])
    .where('organizationId', '=', f.organizationId)
    .where('stoppedAt', 'is', null)
    .where('kind', 'in', f.kinds as string[])
    .where('dueAt', '<=', f.until);
  if (f.projectIds) q = q.where(inListBesideIndex('project_id', f.projectIds));
  return q.groupBy('caseId').orderBy('due').limit(f.limit);
}

/** One page of running clocks due by `until` in due order (sla_clocks_running_due_idx), after a keyset position (exported for the query-plan tests). */
export function runningDueQuery(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; until: string; kinds?: readonly string[] },
  after: { dueAt: string; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('slaClocks')
    .select(['id', 'caseId', 'kind', 'dueAt'])
    .where('organizationId', '=', f.organizationId)
    .where('stoppedAt', 'is', null)
    .where('dueAt', '<=', f.until);
  if (after) q = q.where(sql<SqlBool>`(due_at, id) > (${after.dueAt}, ${after.id})`);
  // filters beside the index range (written as expressions: no planner takes them as the range instead)
  if (f.projectIds) q = q.where(inListBesideIndex('project_id', f.projectIds));
  if (f.kinds) q = q.where('kind', 'in', f.kinds as string[]);
  return q
    .orderBy('dueAt')
    .orderBy('id')
    .limit(sql.lit(Math.trunc(limit)));
}

// --- notifications -----------------------------------------------------------------------------

export interface NotificationRecord {
  id: string;
  organizationId: string;
  recipientId: string;
  caseId: string | null;
  kind: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}
const NOTIFICATION_SHAPE: RowShape = { booleans: [], json: ['data'] };

export async function insertNotification(db: Db, n: NotificationRecord): Promise<void> {
  await insertRow(db, 'notifications', encodeRow(n, NOTIFICATION_SHAPE));
}
/** The insert of a notification (row-writes.ts). */
export function notificationInsert(n: NotificationRecord): RowInsert {
  return insertOf('notifications', encodeRow(n, NOTIFICATION_SHAPE));
}
/**
 * The reader of a list of notices, as core's canSeeCase needs them: a notice about a case the reader
 * may not see (another project, a complaint against them named after the notice was written) is not
 * shown, nor counted in the unread badge, and a digest none of whose items they may see neither.
 */
export interface NoticeReader {
  organizationId: string;
  /** null: every project of the organization (company-wide staff). */
  projectIds: readonly string[] | null;
  excludeAccused: AccusedExclusion;
  /** Whether the reader may read cases at all (case.read). */
  readsCases: boolean;
}

/** A where-clause on cases: the reader may see the case (canSeeCase's staff branch as SQL). */
function caseVisibleTo(r: NoticeReader) {
  return (eb: ExpressionBuilder<Schema, 'cases'>): Expression<SqlBool> => {
    if (!r.readsCases || (r.projectIds && r.projectIds.length === 0)) return sql<SqlBool>`1 = 0`;
    return eb.and([
      eb('cases.organizationId', '=', r.organizationId),
      ...(r.projectIds ? [eb('cases.projectId', 'in', r.projectIds as string[])] : []),
      notAccusedIn(r.excludeAccused)(eb),
    ]);
  };
}

/** Whether the case with this id (an expression) exists and is hidden from the reader; a missing id or case is not hidden. */
function caseHiddenFrom(r: NoticeReader, caseId: Expression<string | null>) {
  return (eb: ExpressionBuilder<Schema, 'notifications'>) =>
    eb.exists(
      eb
        .selectFrom('cases')
        .select(sql.lit(1).as('one'))
        .where('cases.id', '=', caseId)
        .where((c) => c.not(caseVisibleTo(r)(c))),
    );
}

/**
 * A where-clause on notifications: the ones shown to the reader — not about a case hidden from them,
 * and not a digest (sla_digest, its cases in data.items) whose every item is about such a case.
 */
export function noticeShownTo(db: Db, r: NoticeReader) {
  return (eb: ExpressionBuilder<Schema, 'notifications'>): Expression<SqlBool> => {
    // the digest's items, one row each, and an item's case id (the JSON functions of each database)
    const pg = isPostgres(db);
    const items = pg
      ? sql`json_array_elements(case when json_typeof(notifications.data::json -> 'items') = 'array' then notifications.data::json -> 'items' else '[]'::json end) as item(value)`
      : sql`json_each(notifications.data, '$.items') as item`;
    const itemCaseId = pg ? sql<string | null>`item.value ->> 'caseId'` : sql<string | null>`json_extract(item.value, '$.caseId')`;
    const hiddenItem = caseHiddenFrom(r, itemCaseId)(eb);
    const everyItemHidden = sql<SqlBool>`(exists (select 1 from ${items}) and not exists (select 1 from ${items} where not ${hiddenItem}))`;
    return eb.and([
      eb.or([eb('notifications.caseId', 'is', null), eb.not(caseHiddenFrom(r, eb.ref('notifications.caseId'))(eb))]),
      eb.or([eb('notifications.kind', '!=', 'sla_digest'), eb.not(everyItemHidden)]),
    ]);
  };
}

/** A recipient's notifications newest first: one range of notifications_recipient_idx (unread: notifications_unread_idx); `shownTo`: only those shown to the reader. */
export function notificationListQuery(db: Db, recipientId: string, options: { unreadOnly: boolean; limit: number; shownTo?: NoticeReader }) {
  let q = db.selectFrom('notifications').selectAll().where('recipientId', '=', recipientId);
  if (options.unreadOnly) q = q.where('readAt', 'is', null);
  if (options.shownTo) q = q.where(noticeShownTo(db, options.shownTo));
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(options.limit);
}
export async function listNotifications(
  db: Db,
  recipientId: string,
  options: { unreadOnly: boolean; limit: number; shownTo?: NoticeReader },
): Promise<NotificationRecord[]> {
  const rows = await notificationListQuery(db, recipientId, options).execute();
  return rows.map((r) => decodeRow<NotificationRecord>(r, NOTIFICATION_SHAPE));
}
/**
 * How many of the recipient's notifications are unread (the console's badge), counted in the
 * database; `shownTo`: only those the list shows the reader (the same where-clause).
 */
export async function countUnreadNotifications(db: Db, recipientId: string, shownTo?: NoticeReader): Promise<number> {
  let q = db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null);
  if (shownTo) q = q.where(noticeShownTo(db, shownTo));
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.count);
}
/** Marks the recipient's notification read; false when there is no such notification of theirs. */
export async function markNotificationRead(db: Db, recipientId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return true;
  return !!(await db.selectFrom('notifications').select('id').where('id', '=', id).where('recipientId', '=', recipientId).executeTakeFirst());
}

// --- notices waiting for their recipient's digest window (migration 0008) -----------------------

export interface PendingNotice {
  organizationId: string;
  recipientId: string;
  caseId: string | null;
  item: Record<string, unknown>;
}

/**
 * Queues notices, each with the latest instant it may wait (`flushBy`: core's noticeDeadline). A
 * recipient's notices share one window: newcomers join the open one (its earliest pending
 * `flush_at`) or open one; the window closes at core's windowClose — never later than any of its
 * notices' deadlines, so the rows already waiting are brought forward with it.
 */
export async function queueNotices(db: Db, notices: readonly (PendingNotice & { flushBy: string })[], now: string, newId: () => string): Promise<void> {
  if (notices.length === 0) return;
  const recipients = [...new Set(notices.map((n) => n.recipientId))];
  const open = await db
    .selectFrom('pendingNotices')
    .select(['recipientId', (eb) => eb.fn.min('flushAt').as('flushAt')])
    .where('recipientId', 'in', recipients)
    .groupBy('recipientId')
    .execute();
  const opened = new Map(open.map((r) => [r.recipientId, r.flushAt as string]));
  const closes = new Map(
    recipients.map((r) => [
      r,
      windowClose(
        opened.get(r) ?? null,
        notices.filter((n) => n.recipientId === r).map((n) => n.flushBy),
      ),
    ]),
  );
  // a newcomer's deadline brought the window forward: its waiting notices leave with it
  for (const [recipientId, close] of closes) {
    const before = opened.get(recipientId);
    if (before !== undefined && close !== before)
      await db.updateTable('pendingNotices').set({ flushAt: close }).where('recipientId', '=', recipientId).where('flushAt', '>', close).execute();
  }
  await db
    .insertInto('pendingNotices')
    .values(
      notices.map((n) => ({
        id: newId(),
        organizationId: n.organizationId,
        recipientId: n.recipientId,
        caseId: n.caseId,
        item: JSON.stringify(n.item),
        createdAt: now,
        flushAt: closes.get(n.recipientId)!,
      })),
    )
    .execute();
}

/**
 * Takes (and deletes) every pending notice of each recipient whose window has closed by `now`, in
 * the order queued. On PostgreSQL rows another process holds are skipped.
 */
export async function takeDueNotices(db: Db, now: string, limit: number): Promise<(PendingNotice & { id: string })[]> {
  const due = db.selectFrom('pendingNotices').select('recipientId').where('flushAt', '<=', now);
  let q = db.selectFrom('pendingNotices').selectAll().where('recipientId', 'in', due).orderBy('createdAt').orderBy('id').limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  if (rows.length === 0) return [];
  await db
    .deleteFrom('pendingNotices')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    recipientId: r.recipientId,
    caseId: r.caseId,
    item: JSON.parse(r.item) as Record<string, unknown>,
  }));
}
