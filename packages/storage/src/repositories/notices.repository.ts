import { sql, type Kysely, type Selectable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { NoticesTable, Schema } from '../schema.ts';

/**
 * Notices (通知公告) and their ledger (migration 0023, decision 0026): the notices themselves, the
 * portal's read receipts, the area steward's paper tasks, whom a notice reaches (the current owners of
 * the units it targets, read in one query), and the notice's deliveries counted and cancelled.
 */
type Db = Kysely<Schema>;

export interface NoticeRecord {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  title: string;
  body: string;
  emergency: boolean;
  emergencyReason: string | null;
  startsAt: string | null;
  endsAt: string | null;
  expiresAt: string | null;
  targetScope: 'project' | 'buildings' | 'units';
  targetIds: string[];
  channels: string[];
  paperPosting: boolean;
  status: string;
  supersedesId: string | null;
  supersededById: string | null;
  /** The figures it was sent with (the delivery worker writes them when it plans the notice). */
  reach: Record<string, unknown> | null;
  /** The notice exactly as published (the ledger's original). */
  original: Record<string, unknown> | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectedReason: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  expiredAt: string | null;
  updatedAt: string;
  version: number;
}
const NOTICE_SHAPE: RowShape = { booleans: ['emergency', 'paperPosting'], json: ['targetIds', 'channels', 'reach', 'original'] };
const decodeNotice = (row: Selectable<NoticesTable>) => decodeRow<NoticeRecord>(row as Record<string, unknown>, NOTICE_SHAPE);

export async function insertNotice(db: Db, n: NoticeRecord): Promise<void> {
  await db
    .insertInto('notices')
    .values(encodeRow(n, NOTICE_SHAPE) as never)
    .execute();
}

/** A notice; on PostgreSQL `forUpdate` locks it until the transaction ends (SQLite writes one at a time anyway). */
export async function findNotice(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<NoticeRecord | null> {
  let q = db.selectFrom('notices').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeNotice(row) : null;
}

/** Writes the changed fields and counts a version (only from `expectedVersion` when given); whether it was written. */
export async function updateNotice(db: Db, id: string, patch: Partial<Omit<NoticeRecord, 'id' | 'version'>>, expectedVersion?: number): Promise<boolean> {
  let q = db
    .updateTable('notices')
    .set((eb) => ({ ...(encodeRow(patch, NOTICE_SHAPE) as Record<string, never>), version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface NoticeFilter {
  organizationId: string;
  /** null: every project of the organization. */
  projectIds: readonly string[] | null;
  status?: string;
  kind?: string;
  /** Keyset: notices created before this `createdAt|id`. */
  before?: { createdAt: string; id: string };
  limit: number;
}

/** The ledger (信息公布台帐): notices newest first. */
export async function listNotices(db: Db, f: NoticeFilter): Promise<NoticeRecord[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db.selectFrom('notices').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds) q = q.where('projectId', 'in', [...f.projectIds]);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', b.createdAt), eb.and([eb('createdAt', '=', b.createdAt), eb('id', '<', b.id)])]));
  }
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(decodeNotice);
}

/** Published notices of these projects (the portal filters them by the owner's units). */
export async function listPublishedNotices(db: Db, projectIds: readonly string[]): Promise<NoticeRecord[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('notices')
    .selectAll()
    .where('projectId', 'in', [...projectIds])
    .where('status', '=', sql.lit('published'))
    .orderBy('publishedAt', 'desc')
    .execute();
  return rows.map(decodeNotice);
}

/** Whether any published notice's expiry has come (the sweep's cheap read before it opens a transaction; notices_expiry_idx). */
export async function anyNoticeDueToExpire(db: Db, now: string): Promise<boolean> {
  return !!(await db.selectFrom('notices').select('id').where('status', '=', sql.lit('published')).where('expiresAt', '<=', now).limit(1).executeTakeFirst());
}

/** Published notices whose expiry has come (the expiry sweep), oldest expiry first. */
export async function noticesDueToExpire(db: Db, now: string, limit: number): Promise<NoticeRecord[]> {
  let q = db.selectFrom('notices').selectAll().where('status', '=', sql.lit('published')).where('expiresAt', '<=', now).orderBy('expiresAt').limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  return (await q.execute()).map(decodeNotice);
}

// --- read receipts (the portal) ----------------------------------------------------------------------

/** Records that the owner read the notice (the first time only); whether it was new. */
export async function insertNoticeRead(db: Db, noticeId: string, ownerId: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('noticeReads')
    .values({ noticeId, ownerId, readAt: at })
    .onConflict((oc) => oc.columns(['noticeId', 'ownerId']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countNoticeReads(db: Db, noticeId: string): Promise<number> {
  const row = await db
    .selectFrom('noticeReads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('noticeId', '=', noticeId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** When the owner read each of these notices. */
export async function noticeReadsOf(db: Db, ownerId: string, noticeIds: readonly string[]): Promise<Map<string, string>> {
  if (!noticeIds.length) return new Map();
  const rows = await db
    .selectFrom('noticeReads')
    .select(['noticeId', 'readAt'])
    .where('ownerId', '=', ownerId)
    .where('noticeId', 'in', [...noticeIds])
    .execute();
  return new Map(rows.map((r) => [r.noticeId, r.readAt]));
}

// --- the area steward's paper tasks ------------------------------------------------------------------

export interface NoticePostingRecord {
  id: string;
  organizationId: string;
  noticeId: string;
  projectId: string;
  buildingId: string | null;
  task: 'post' | 'patrol' | 'repost' | 'take_down';
  assigneeId: string | null;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  doneAt: string | null;
  doneBy: string | null;
  photoAttachmentId: string | null;
  note: string | null;
  damaged: boolean;
  createdAt: string;
}
const POSTING_SHAPE: RowShape = { booleans: ['damaged'], json: [] };
const decodePosting = (row: Record<string, unknown>) => decodeRow<NoticePostingRecord>(row, POSTING_SHAPE);

export async function insertPostings(db: Db, rows: readonly NoticePostingRecord[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('noticePostings')
      .values(rows.map((r) => encodeRow(r, POSTING_SHAPE) as never))
      .execute();
}

export async function listPostingsOfNotice(db: Db, noticeId: string): Promise<NoticePostingRecord[]> {
  const rows = await db.selectFrom('noticePostings').selectAll().where('noticeId', '=', noticeId).orderBy('dueAt').orderBy('id').execute();
  return rows.map((r) => decodePosting(r as Record<string, unknown>));
}

/** Someone's open tasks, soonest due first. */
export async function listOpenPostingsOf(db: Db, assigneeId: string, limit = 500): Promise<NoticePostingRecord[]> {
  const rows = await db
    .selectFrom('noticePostings')
    .selectAll()
    .where('assigneeId', '=', assigneeId)
    .where('status', '=', sql.lit('open'))
    .orderBy('dueAt')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => decodePosting(r as Record<string, unknown>));
}

export async function findPosting(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<NoticePostingRecord | null> {
  let q = db.selectFrom('noticePostings').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodePosting(row as Record<string, unknown>) : null;
}

/** Marks an open task done; whether it was open. */
export async function finishPosting(
  db: Db,
  id: string,
  done: { doneAt: string; doneBy: string; photoAttachmentId: string | null; note: string | null; damaged: boolean },
): Promise<boolean> {
  const r = await db
    .updateTable('noticePostings')
    .set({ ...done, damaged: done.damaged ? 1 : 0, status: 'done' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function cancelPostings(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length)
    await db
      .updateTable('noticePostings')
      .set({ status: 'cancelled' })
      .where('id', 'in', [...ids])
      .where('status', '=', 'open')
      .execute();
}

export async function setPostingsDue(db: Db, ids: readonly string[], dueAt: string): Promise<void> {
  if (ids.length)
    await db
      .updateTable('noticePostings')
      .set({ dueAt })
      .where('id', 'in', [...ids])
      .where('status', '=', 'open')
      .execute();
}

// --- whom a notice reaches ---------------------------------------------------------------------------

export interface NoticeTarget {
  projectId: string;
  scope: 'project' | 'buildings' | 'units';
  ids: readonly string[];
}

/** A household a notice reaches: a current owner (or occupant) of a targeted unit. */
export interface NoticeHousehold {
  ownerId: string;
  unitId: string;
  buildingId: string;
}

/**
 * The homes a notice targets — how many buildings and units (public areas aside) — and the current
 * ties of owners to them (迁出/过户 ended ones left out), in one read each: a notice to 20,000
 * households is three queries, not 20,000.
 */
export async function noticeAudience(db: Db, target: NoticeTarget): Promise<{ buildings: number; units: number; households: NoticeHousehold[] }> {
  if (target.scope !== 'project' && target.ids.length === 0) return { buildings: 0, units: 0, households: [] };
  const ids = [...target.ids];
  let units = db
    .selectFrom('units')
    .select([(eb) => eb.fn.countAll<number>().as('units'), (eb) => eb.fn.count<number>('buildingId').distinct().as('buildings')])
    .where('projectId', '=', target.projectId)
    .where('kind', '!=', 'public_area');
  if (target.scope === 'buildings') units = units.where('buildingId', 'in', ids);
  if (target.scope === 'units') units = units.where('id', 'in', ids);
  const counted = await units.executeTakeFirst();
  let ties = db
    .selectFrom('ownerUnits')
    .innerJoin('units', 'units.id', 'ownerUnits.unitId')
    .select(['ownerUnits.ownerId', 'ownerUnits.unitId', 'units.buildingId'])
    .where('ownerUnits.projectId', '=', target.projectId)
    .where('ownerUnits.movedOutOn', 'is', null)
    .where('units.kind', '!=', 'public_area');
  if (target.scope === 'buildings') ties = ties.where('units.buildingId', 'in', ids);
  if (target.scope === 'units') ties = ties.where('ownerUnits.unitId', 'in', ids);
  const households = await ties.orderBy('units.buildingId').orderBy('ownerUnits.unitId').orderBy('ownerUnits.ownerId').execute();
  return { buildings: Number(counted?.buildings ?? 0), units: Number(counted?.units ?? 0), households };
}

/** Which of these ids are buildings (or units) of the project: the rest are unknown here. */
export async function targetIdsInProject(db: Db, target: NoticeTarget): Promise<Set<string>> {
  if (target.scope === 'project' || target.ids.length === 0) return new Set();
  const table = target.scope === 'buildings' ? 'buildings' : 'units';
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('projectId', '=', target.projectId)
    .where('id', 'in', [...target.ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

// --- a notice's deliveries ---------------------------------------------------------------------------

/** How many of a notice's deliveries are in each status, per channel. */
export async function countNoticeDeliveries(db: Db, noticeId: string): Promise<{ channel: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sourceType', '=', 'notice')
    .where('sourceId', '=', noticeId)
    .groupBy(['channel', 'status'])
    .orderBy('channel')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) }));
}

/** A notice's deliveries not yet handed to a worker become `cancelled` with the reason (withdrawn, superseded, expired); how many. */
export async function cancelQueuedNoticeDeliveries(db: Db, noticeId: string, reason: string, now: string): Promise<number> {
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'cancelled', reason, nextAttemptAt: null, updatedAt: now })
    .where('sourceType', '=', 'notice')
    .where('sourceId', '=', noticeId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Buildings' names by id (a notice's area in words). */
export async function buildingNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('buildings').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Notices by id (the titles of a steward's tasks). */
export async function findNotices(db: Db, ids: readonly string[]): Promise<NoticeRecord[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  return (await db.selectFrom('notices').selectAll().where('id', 'in', unique).execute()).map(decodeNotice);
}

// --- the owner's side --------------------------------------------------------------------------------

/** The homes an owner holds now (迁出/过户 ended ties left out): which notices are theirs. */
export async function ownerHomes(db: Db, ownerId: string): Promise<{ unitId: string; buildingId: string; projectId: string }[]> {
  return db
    .selectFrom('ownerUnits')
    .innerJoin('units', 'units.id', 'ownerUnits.unitId')
    .select(['ownerUnits.unitId', 'units.buildingId', 'ownerUnits.projectId'])
    .where('ownerUnits.ownerId', '=', ownerId)
    .where('ownerUnits.movedOutOn', 'is', null)
    .execute();
}

export interface OwnerMessageSettings {
  /** The archive's preferred channel (首选沟通渠道, an intake channel). */
  preferredChannel: string | null;
  doNotDisturb: { from: string; to: string }[];
  /** [{ kind: a notice kind, channel }] */
  mutes: { kind: string; channel: string }[];
  version: number;
}

export async function findOwnerMessageSettings(db: Db, ownerId: string): Promise<OwnerMessageSettings | null> {
  const row = await db
    .selectFrom('owners')
    .select(['preferredChannel', 'doNotDisturb', 'messageMutes', 'version'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    preferredChannel: row.preferredChannel,
    doNotDisturb: JSON.parse(row.doNotDisturb || '[]'),
    mutes: JSON.parse(row.messageMutes || '[]'),
    version: row.version,
  };
}

export async function saveOwnerMessageSettings(db: Db, ownerId: string, s: Omit<OwnerMessageSettings, 'version'>, at: string): Promise<void> {
  await db
    .updateTable('owners')
    .set((eb) => ({
      preferredChannel: s.preferredChannel,
      doNotDisturb: JSON.stringify(s.doNotDisturb),
      messageMutes: JSON.stringify(s.mutes),
      updatedAt: at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', ownerId)
    .execute();
}

/** The buildings these units are in (the boards a notice to some units is posted on), in building order. */
export async function buildingsOfUnits(db: Db, unitIds: readonly string[]): Promise<string[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .select('buildings.id')
    .distinct()
    .where('units.id', 'in', [...new Set(unitIds)])
    .orderBy('buildings.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The figures a notice was sent with (the delivery worker's planning writes them; not an edit: the version stays). */
export async function setNoticeReach(db: Db, id: string, reach: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('notices')
    .set({ reach: JSON.stringify(reach) })
    .where('id', '=', id)
    .execute();
}
