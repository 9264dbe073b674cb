import type { CallbackFollowUp, CallbackMode, CallbackResult, CallbackSource, CallbackStatus, CallbackVerdict, CaseType, Channel } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/**
 * Callbacks (回访, migration 0025, decision 0027): the callbacks owed on cases (at most one open per
 * case and source: inserts that would make a second one do nothing), their call records (回访记录表)
 * and the per-category setting of a repair's primary callback. The weekly sample's rounds (migration
 * 0028) make callbacks with `source` 'weekly_sample' and their `roundId` through `insertCallbacks`.
 */
type Db = Kysely<Schema>;

export interface CallbackRow {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  caseType: CaseType;
  unitId: string | null;
  ownerId: string | null;
  source: CallbackSource;
  status: CallbackStatus;
  /** The weekly sample's round (抽样回访) it came from. */
  roundId: string | null;
  /** Whom it is given to (null: whoever works the project's queue). */
  assigneeId: string | null;
  /** E.g. the month of a quality_monthly list ('2026-11'). */
  period: string | null;
  dueAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  outcome: CallbackVerdict | null;
  followUp: CallbackFollowUp | null;
  followUpCaseId: string | null;
  madeBy: string | null;
  completedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CallbackRecordRow {
  id: string;
  callbackId: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  attempt: number;
  reached: boolean;
  quality: CallbackVerdict | null;
  attitude: CallbackVerdict | null;
  result: CallbackResult | null;
  ownerWords: string | null;
  note: string | null;
  channel: Channel;
  nextAttemptAt: string | null;
  madeBy: string;
  madeAt: string;
}

export interface CallbackSettingRow {
  organizationId: string;
  projectId: string;
  category: string;
  mode: CallbackMode;
  updatedBy: string | null;
  updatedAt: string;
}

const RECORD_SHAPE: RowShape = { booleans: ['reached'], json: [] };
const decodeCallback = (r: Record<string, unknown>) => r as unknown as CallbackRow;

/** Inserts callbacks; one that would be a second open callback of its case and source is skipped. The ids inserted. */
export async function insertCallbacks(db: Db, rows: readonly CallbackRow[]): Promise<string[]> {
  const inserted: string[] = [];
  for (const row of rows) {
    const result = await db
      .insertInto('callbacks')
      .values({ ...row })
      // the partial unique index's own predicate, as a literal (SQLite matches the index by its text)
      .onConflict((oc) =>
        oc
          .columns(['caseId', 'source'])
          .where(sql<boolean>`status = 'due'`)
          .doNothing(),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) inserted.push(row.id);
  }
  return inserted;
}

export async function findCallback(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<CallbackRow | null> {
  let q = db.selectFrom('callbacks').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeCallback(row) : null;
}

export async function findCallbacks(db: Db, ids: readonly string[]): Promise<CallbackRow[]> {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('callbacks')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
  ).map(decodeCallback);
}

export interface CallbackFilter {
  projectIds: readonly string[];
  statuses?: readonly CallbackStatus[];
  sources?: readonly CallbackSource[];
  roundId?: string;
  assigneeId?: string;
  /** Keyset: after this (dueAt, id). */
  after?: { dueAt: string; id: string };
  limit: number;
}

/** A queue page: soonest due first (then id). */
export async function listCallbacks(db: Db, f: CallbackFilter): Promise<CallbackRow[]> {
  if (!f.projectIds.length) return [];
  let q = db
    .selectFrom('callbacks')
    .selectAll()
    .where('projectId', 'in', [...f.projectIds]);
  if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.sources?.length) q = q.where('source', 'in', [...f.sources]);
  if (f.roundId) q = q.where('roundId', '=', f.roundId);
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId);
  if (f.after) {
    const { dueAt, id } = f.after;
    q = q.where((eb) => eb.or([eb('dueAt', '>', dueAt), eb.and([eb('dueAt', '=', dueAt), eb('id', '>', id)])]));
  }
  return (await q.orderBy('dueAt').orderBy('id').limit(f.limit).execute()).map(decodeCallback);
}

/** A case's callbacks, oldest first. */
export async function listCallbacksOfCase(db: Db, caseId: string): Promise<CallbackRow[]> {
  return (await db.selectFrom('callbacks').selectAll().where('caseId', '=', caseId).orderBy('createdAt').orderBy('id').execute()).map(decodeCallback);
}

/** The callback whose 不满意 opened this case (a complaint), if any. */
export async function findCallbackByFollowUpCase(db: Db, followUpCaseId: string): Promise<CallbackRow | null> {
  const row = await db.selectFrom('callbacks').selectAll().where('followUpCaseId', '=', followUpCaseId).executeTakeFirst();
  return row ? decodeCallback(row) : null;
}

/** Which of these cases already have a callback of a source (any status but cancelled). */
export async function casesWithCallback(db: Db, caseIds: readonly string[], source?: CallbackSource): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  let q = db
    .selectFrom('callbacks')
    .select('caseId')
    .where('caseId', 'in', [...caseIds])
    .where('status', '<>', 'cancelled');
  if (source) q = q.where('source', '=', source);
  return new Set((await q.execute()).map((r) => r.caseId));
}

/**
 * Writes a callback's new state after an attempt, only if it is still due with the attempts read
 * (someone else's attempt meanwhile: false, nothing written).
 */
export async function updateCallbackAfterAttempt(
  db: Db,
  id: string,
  expectedAttempts: number,
  patch: Pick<CallbackRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'outcome' | 'followUp' | 'madeBy' | 'completedAt' | 'updatedAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('callbacks')
    .set({ ...patch })
    .where('id', '=', id)
    .where('status', '=', 'due')
    .where('attempts', '=', expectedAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels a case's due callbacks (the case left the desk: closed out of scope). How many. */
export async function cancelDueCallbacksOfCase(db: Db, caseId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('callbacks')
    .set({ status: 'cancelled', updatedAt: at })
    .where('caseId', '=', caseId)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// --- the call records (回访记录表) -----------------------------------------------------------------

export async function insertCallbackRecord(db: Db, r: CallbackRecordRow): Promise<void> {
  await db
    .insertInto('callbackRecords')
    .values(encodeRow(r, RECORD_SHAPE) as never)
    .execute();
}

/** The records of some callbacks, by callback then attempt. */
export async function listCallbackRecords(db: Db, callbackIds: readonly string[]): Promise<CallbackRecordRow[]> {
  if (!callbackIds.length) return [];
  const rows = await db
    .selectFrom('callbackRecords')
    .selectAll()
    .where('callbackId', 'in', [...callbackIds])
    .orderBy('callbackId')
    .orderBy('attempt')
    .execute();
  return rows.map((r) => decodeRow<CallbackRecordRow>(r, RECORD_SHAPE));
}

// --- settings per repair category ---------------------------------------------------------------

export async function listCallbackSettings(db: Db, projectId: string): Promise<CallbackSettingRow[]> {
  return (await db.selectFrom('callbackSettings').selectAll().where('projectId', '=', projectId).orderBy('category').execute()) as CallbackSettingRow[];
}

/** A category's mode (no row: always). */
export async function callbackModeOf(db: Db, projectId: string, category: string | null): Promise<CallbackMode> {
  const row = await db
    .selectFrom('callbackSettings')
    .select('mode')
    .where('projectId', '=', projectId)
    .where('category', '=', category ?? '')
    .executeTakeFirst();
  return (row?.mode as CallbackMode | undefined) ?? 'always';
}

export async function upsertCallbackSetting(db: Db, s: CallbackSettingRow): Promise<void> {
  await db
    .insertInto('callbackSettings')
    .values({ ...s })
    .onConflict((oc) => oc.columns(['projectId', 'category']).doUpdateSet({ mode: s.mode, updatedBy: s.updatedBy, updatedAt: s.updatedAt }))
    .execute();
}

// --- the 48-hour sweep --------------------------------------------------------------------------

export interface UnratedRepair {
  id: string;
  organizationId: string;
  projectId: string;
  unitId: string | null;
  ownerId: string | null;
  category: string | null;
  doneAt: string;
}

/**
 * Repairs completed in [doneFrom, doneTo) without a rating, not closed out of scope, with no callback
 * (but cancelled ones), of a category not set to `never`: the unrated sweep's, through cases_repair_done_idx.
 */
export async function listUnratedRepairs(db: Db, doneFrom: string, doneTo: string, limit: number): Promise<UnratedRepair[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'organizationId', 'projectId', 'unitId', 'ownerId', 'category', 'doneAt'])
    .where('type', '=', 'repair')
    .where('doneAt', 'is not', null)
    .where('doneAt', '>=', doneFrom)
    .where('doneAt', '<', doneTo)
    .where('rating', 'is', null)
    .where((eb) => eb.or([eb('closeReason', 'is', null), eb('closeReason', '<>', 'out_of_scope')]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('callbacks')
            .select(sql`1`.as('one'))
            .whereRef('callbacks.caseId', '=', 'cases.id')
            .where('callbacks.status', '<>', 'cancelled'),
        ),
      ),
    )
    // a category whose setting is `never` is not called back
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('callbackSettings')
            .select(sql`1`.as('one'))
            .whereRef('callbackSettings.projectId', '=', 'cases.projectId')
            .where('callbackSettings.category', '=', sql<string>`coalesce(cases.category, '')`)
            .where('callbackSettings.mode', '=', 'never'),
        ),
      ),
    )
    .orderBy('doneAt')
    .limit(limit)
    .execute();
  return rows as UnratedRepair[];
}

// --- the quality department's monthly list and the settings page --------------------------------

/** Repairs and complaints of a project closed (resolved) in [from, to) with no quality_monthly callback of that period yet. */
export async function listClosedForMonthly(
  db: Db,
  projectId: string,
  from: string,
  to: string,
  period: string,
): Promise<{ id: string; organizationId: string; projectId: string; type: CaseType; unitId: string | null; ownerId: string | null }[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'organizationId', 'projectId', 'type', 'unitId', 'ownerId'])
    .where('projectId', '=', projectId)
    .where('type', 'in', ['repair', 'complaint'])
    .where('status', '=', 'closed')
    .where('closeReason', '=', 'resolved')
    .where('closedAt', '>=', from)
    .where('closedAt', '<', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('callbacks')
            .select(sql`1`.as('one'))
            .whereRef('callbacks.caseId', '=', 'cases.id')
            .where('callbacks.source', '=', 'quality_monthly')
            .where('callbacks.period', '=', period),
        ),
      ),
    )
    .orderBy('closedAt')
    .execute();
  return rows as { id: string; organizationId: string; projectId: string; type: CaseType; unitId: string | null; ownerId: string | null }[];
}

/** The repair categories a project's cases use (for the settings page), at most `limit`. */
export async function listRepairCategories(db: Db, projectId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('category')
    .distinct()
    .where('projectId', '=', projectId)
    .where('type', '=', 'repair')
    .where('category', 'is not', null)
    .orderBy('category')
    .limit(limit)
    .execute();
  return rows.map((r) => r.category!).filter((c) => c.length > 0);
}

// --- who makes them (decision 0027) ---------------------------------------------------------------

/** How many due callbacks of the project each of these staff holds (the queue's index: project, status). */
export async function dueCallbackLoads(db: Db, projectId: string, staffIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!staffIds.length) return out;
  const rows = await db
    .selectFrom('callbacks')
    .select(['assigneeId', (eb) => eb.fn.countAll().as('n')])
    .where('projectId', '=', projectId)
    .where('status', '=', 'due')
    .where('assigneeId', 'in', [...staffIds])
    .groupBy('assigneeId')
    .execute();
  for (const r of rows) if (r.assigneeId) out.set(r.assigneeId, Number(r.n));
  return out;
}

/** Gives a due callback to someone; false when it is no longer due. */
export async function setCallbackAssignee(db: Db, id: string, assigneeId: string, at: string): Promise<boolean> {
  const result = await db.updateTable('callbacks').set({ assigneeId, updatedAt: at }).where('id', '=', id).where('status', '=', 'due').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CallbackReassignmentRow {
  id: string;
  callbackId: string;
  organizationId: string;
  projectId: string;
  fromId: string | null;
  toId: string;
  reason: string;
  byId: string;
  at: string;
}
export async function insertCallbackReassignment(db: Db, r: CallbackReassignmentRow): Promise<void> {
  await db.insertInto('callbackReassignments').values(r).execute();
}
/** A callback's moves by hand, oldest first. */
export async function listCallbackReassignments(db: Db, callbackId: string): Promise<CallbackReassignmentRow[]> {
  return db.selectFrom('callbackReassignments').selectAll().where('callbackId', '=', callbackId).orderBy('at').orderBy('id').execute();
}
