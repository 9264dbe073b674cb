import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { DeliveriesTable, Schema } from '../schema.ts';

/**
 * Messages that leave the system (migration 0022, decision 0025): the outbox read by the delivery
 * worker, one delivery row per message × recipient × channel, and the worker's claims. On PostgreSQL
 * every claim locks its rows and skips rows another process holds (FOR UPDATE SKIP LOCKED); a claimed
 * delivery carries a lease, so one whose worker died is claimed again once the lease has passed.
 */
type Db = Kysely<Schema>;

export interface DeliveryRecord {
  id: string;
  organizationId: string;
  projectId: string | null;
  /** The message's identity: one delivery per message × recipient × channel. */
  messageKey: string;
  kind: string;
  sourceType: string | null;
  sourceId: string | null;
  recipientType: 'owner' | 'staff' | 'endpoint';
  recipientId: string;
  channel: string;
  addressEncrypted: string | null;
  addressMasked: string | null;
  urgent: boolean;
  title: string;
  body: string;
  fields: Record<string, string>;
  url: string | null;
  idempotencyKey: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  reason: string | null;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}
const DELIVERY_SHAPE: RowShape = { booleans: ['urgent'], json: ['fields'] };
const decodeDelivery = (row: Selectable<DeliveriesTable>) => decodeRow<DeliveryRecord>(row as Record<string, unknown>, DELIVERY_SHAPE);

// --- the outbox ------------------------------------------------------------------------------------

export interface OutboxEntry {
  id: number;
  organizationId: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** Outbox rows not yet turned into deliveries, oldest first; locked (others skipped) on PostgreSQL. */
export async function claimOutbox(db: Db, limit: number): Promise<OutboxEntry[]> {
  let q = db.selectFrom('outbox').select(['id', 'organizationId', 'topic', 'payload', 'createdAt']).where('processedAt', 'is', null).orderBy('id').limit(limit);
  if (isPostgres(db)) q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

export async function markOutboxProcessed(db: Db, ids: readonly number[], at: string): Promise<void> {
  if (ids.length)
    await db
      .updateTable('outbox')
      .set({ processedAt: at })
      .where('id', 'in', [...ids])
      .execute();
}

/** Deletes outbox rows processed before `before` (their deliveries carry the messages on); how many. */
export async function pruneOutbox(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('outbox').where('processedAt', 'is not', null).where('processedAt', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Whether anything waits in the outbox (the worker's wake-up test). */
export async function outboxPending(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('outbox').select('id').where('processedAt', 'is', null).limit(1).executeTakeFirst());
}

// --- deliveries ------------------------------------------------------------------------------------

/** The deliveries table's columns, in the order the bulk insert writes them. */
const DELIVERY_COLUMNS = [
  'id',
  'organizationId',
  'projectId',
  'messageKey',
  'kind',
  'sourceType',
  'sourceId',
  'recipientType',
  'recipientId',
  'channel',
  'addressEncrypted',
  'addressMasked',
  'urgent',
  'title',
  'body',
  'fields',
  'url',
  'idempotencyKey',
  'status',
  'attempts',
  'nextAttemptAt',
  'leaseUntil',
  'reason',
  'lastError',
  'providerMessageId',
  'createdAt',
  'updatedAt',
  'sentAt',
  'deliveredAt',
  'readAt',
  'failedAt',
] as const satisfies readonly (keyof DeliveryRecord)[];
const INTEGER_COLUMNS = new Set<string>(['urgent', 'attempts']);
const COLUMN_LIST = DELIVERY_COLUMNS.map((c) => `"${c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)}"`).join(', ');
/** Rows per statement: SQLite binds ? per value (31 a row, under its 32,766); PostgreSQL binds one array per column. */
const SQLITE_ROWS = 500;
const POSTGRES_ROWS = 5000;
const sqliteInsertText = new Map<string, string>();

/**
 * Records deliveries; one that exists for the same message × recipient × channel (or key) is left as it
 * is. Returns how many were new. Written without the query builder — a notice to 20,000 households is
 * 20,000 rows, and building their statements cost more than the database's work: PostgreSQL takes a
 * chunk as one array per column (unnest), SQLite as rows of ? with the statement text kept per size.
 */
export async function insertDeliveries(db: Db, rows: readonly DeliveryRecord[]): Promise<number> {
  let added = 0;
  await writeDeliveries(db, rows, false, (n) => (added += n));
  return added;
}

/**
 * insertDeliveries, answering which of the rows were new (their ids): the ones left out already existed
 * (a message planned again — the unique index on message × recipient × channel refused it), so what
 * the caller writes beside a delivery (a history line, a notification) is written for the new ones only.
 */
export async function insertNewDeliveries(db: Db, rows: readonly DeliveryRecord[]): Promise<Set<string>> {
  const ids = new Set<string>();
  await writeDeliveries(db, rows, true, () => {}, ids);
  return ids;
}

async function writeDeliveries(db: Db, rows: readonly DeliveryRecord[], returning: boolean, count: (n: number) => void, ids?: Set<string>): Promise<void> {
  const pg = isPostgres(db);
  const size = pg ? POSTGRES_ROWS : SQLITE_ROWS;
  const tail = returning ? ' on conflict do nothing returning "id"' : ' on conflict do nothing';
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((r) => encodeRow(r, DELIVERY_SHAPE));
    let query: CompiledQuery;
    if (pg) {
      const arrays = DELIVERY_COLUMNS.map((c) => chunk.map((r) => r[c] ?? null));
      const casts = DELIVERY_COLUMNS.map((c, j) => `$${j + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`).join(', ');
      query = CompiledQuery.raw(`insert into "deliveries" (${COLUMN_LIST}) select * from unnest(${casts})${tail}`, arrays);
    } else {
      const key = `${chunk.length}${tail}`;
      let text = sqliteInsertText.get(key);
      if (!text) {
        const row = `(${DELIVERY_COLUMNS.map(() => '?').join(', ')})`;
        text = `insert into "deliveries" (${COLUMN_LIST}) values ${Array.from({ length: chunk.length }, () => row).join(', ')}${tail}`;
        sqliteInsertText.set(key, text);
      }
      const values: unknown[] = [];
      for (const r of chunk) for (const c of DELIVERY_COLUMNS) values.push(r[c] ?? null);
      query = CompiledQuery.raw(text, values);
    }
    const result = await db.executeQuery<{ id: string }>(query);
    if (ids) for (const r of result.rows) ids.add(r.id);
    count(returning ? result.rows.length : Number(result.numAffectedRows ?? 0n));
  }
}

/**
 * Claims deliveries due at `now` — queued ones whose next attempt has come, and ones in `sending` whose
 * worker's lease has passed (it died mid-send) — and marks them `sending` under a new lease, counting
 * the attempt. Run inside a transaction: on PostgreSQL the rows are locked and rows another process
 * holds are skipped.
 */
export async function claimDueDeliveries(db: Db, now: string, leaseUntil: string, limit: number): Promise<DeliveryRecord[]> {
  const pg = isPostgres(db);
  let stale = db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', sql.lit('sending'))
    .where('leaseUntil', '<=', now)
    .orderBy('leaseUntil')
    .limit(limit);
  if (pg) stale = stale.forUpdate().skipLocked();
  const ids = (await stale.execute()).map((r) => r.id);
  // only as many due rows as there is room for: a row locked here and not claimed would be skipped by
  // every other worker until this transaction ends
  if (ids.length < limit) {
    let due = db
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', sql.lit('queued'))
      .where('nextAttemptAt', '<=', now)
      .orderBy('nextAttemptAt')
      .limit(limit - ids.length);
    if (pg) due = due.forUpdate().skipLocked();
    for (const r of await due.execute()) ids.push(r.id);
  }
  if (!ids.length) return [];
  const claimed = await db
    .updateTable('deliveries')
    .set((eb) => ({ status: 'sending', leaseUntil, attempts: eb('attempts', '+', 1), updatedAt: now }))
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  return claimed.map(decodeDelivery);
}

export type DeliveryOutcome =
  | { status: 'sent' | 'delivered'; providerMessageId: string | null; at: string }
  | { status: 'queued'; lastError: string; nextAttemptAt: string; at: string }
  | { status: 'failed'; lastError: string; at: string };

/** Writes what became of an attempt (only while the delivery is still `sending`: a retried-by-admin row is not overwritten); whether it was written. */
export async function finishDelivery(db: Db, id: string, outcome: DeliveryOutcome): Promise<boolean> {
  const common = { status: outcome.status, leaseUntil: null, updatedAt: outcome.at };
  const set =
    outcome.status === 'queued'
      ? { ...common, lastError: outcome.lastError, nextAttemptAt: outcome.nextAttemptAt }
      : outcome.status === 'failed'
        ? { ...common, lastError: outcome.lastError, failedAt: outcome.at, nextAttemptAt: null }
        : {
            ...common,
            providerMessageId: outcome.providerMessageId,
            sentAt: outcome.at,
            nextAttemptAt: null,
            lastError: null,
            ...(outcome.status === 'delivered' ? { deliveredAt: outcome.at } : {}),
          };
  const r = await db.updateTable('deliveries').set(set).where('id', '=', id).where('status', '=', 'sending').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The earliest instant a queued delivery becomes due (the worker sleeps until then), or null. */
export async function nextDeliveryInstant(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('deliveries')
    .select('nextAttemptAt')
    .where('status', '=', sql.lit('queued'))
    .where('nextAttemptAt', 'is not', null)
    .orderBy('nextAttemptAt')
    .limit(1)
    .executeTakeFirst();
  const lease = await db
    .selectFrom('deliveries')
    .select('leaseUntil')
    .where('status', '=', sql.lit('sending'))
    .orderBy('leaseUntil')
    .limit(1)
    .executeTakeFirst();
  const instants = [row?.nextAttemptAt, lease?.leaseUntil].filter((v): v is string => !!v).sort();
  return instants[0] ?? null;
}

/** The deliveries of one message to one recipient, on every channel it was tried on (a fallback's earlier attempts), oldest first. */
export async function listDeliveriesOfMessage(db: Db, messageKey: string, recipientType: string, recipientId: string): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('messageKey', '=', messageKey)
    .where('recipientType', '=', recipientType as DeliveryRecord['recipientType'])
    .where('recipientId', '=', recipientId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map(decodeDelivery);
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRecord | null> {
  const row = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeDelivery(row) : null;
}

export interface DeliveryFilter {
  organizationId: string;
  status?: string;
  sourceType?: string;
  sourceId?: string;
  recipientId?: string;
  /** Only these projects (null: all of the organization's, plus deliveries with no project). */
  projectIds?: readonly string[] | null;
  /** Keyset: rows created before this `createdAt|id`. */
  before?: { createdAt: string; id: string };
  limit: number;
}

/** Deliveries, newest first (the dead-letter list: status failed; a case's or notice's messages: by source). */
export async function listDeliveries(db: Db, f: DeliveryFilter): Promise<DeliveryRecord[]> {
  let q = db.selectFrom('deliveries').selectAll().where('organizationId', '=', f.organizationId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.sourceType) q = q.where('sourceType', '=', f.sourceType);
  if (f.sourceId) q = q.where('sourceId', '=', f.sourceId);
  if (f.recipientId) q = q.where('recipientId', '=', f.recipientId);
  if (f.projectIds) {
    const ids = [...f.projectIds];
    q = q.where((eb) => (ids.length ? eb.or([eb('projectId', 'in', ids), eb('projectId', 'is', null)]) : eb('projectId', 'is', null)));
  }
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', b.createdAt), eb.and([eb('createdAt', '=', b.createdAt), eb('id', '<', b.id)])]));
  }
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(decodeDelivery);
}

/** Counts per status of a source's deliveries (a notice's delivery figures). */
export async function countDeliveriesByStatus(db: Db, sourceType: string, sourceId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sourceType', '=', sourceType)
    .where('sourceId', '=', sourceId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Puts a failed delivery back in the queue (an administrator's retry from the dead-letter list); whether it was failed. */
export async function requeueDelivery(db: Db, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, failedAt: null, updatedAt: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * A provider's report on a message (SMS 状态报告, WeChat TEMPLATESENDJOBFINISH): which delivery — by our
 * idempotency key (the SMS OutId) or by the provider's message id, either matching — and what became of it.
 */
export interface ProviderReport {
  idempotencyKey?: string | null;
  providerMessageId?: string | null;
  status: 'delivered' | 'read' | 'failed';
  at: string;
  /** Failed: the provider's code and words, kept as the delivery's lastError. */
  reason?: string;
}

/**
 * Writes a provider's report on one of an organization's deliveries on a channel; how many rows changed
 * (0: unknown message, another organization's, or a report that changes nothing). Reports come late,
 * twice, or out of order, so each moves a delivery forward only:
 * - delivered: from sent, and also from queued, sending or failed — the provider's word that the
 *   message arrived wins over our own view of an attempt whose answer was lost (a retry would send it
 *   twice: Alibaba does not drop a repeated OutId); sentAt and the provider's id are filled in if missing;
 * - read: from sent or delivered;
 * - failed: from sent only (the carrier refused it after the provider accepted it), into the dead-letter list.
 */
export async function recordDeliveryReport(db: Db, organizationId: string, channel: string, report: ProviderReport): Promise<number> {
  const key = report.idempotencyKey || null;
  const messageId = report.providerMessageId || null;
  if (!key && !messageId) return 0;
  const at = report.at;
  const from = report.status === 'delivered' ? ['queued', 'sending', 'sent', 'failed'] : report.status === 'read' ? ['sent', 'delivered'] : ['sent'];
  const r = await db
    .updateTable('deliveries')
    .set((eb) =>
      report.status === 'delivered'
        ? {
            status: 'delivered',
            deliveredAt: at,
            sentAt: eb.fn.coalesce('sentAt', eb.val(at)),
            providerMessageId: messageId ? eb.fn.coalesce('providerMessageId', eb.val(messageId)) : eb.ref('providerMessageId'),
            nextAttemptAt: null,
            leaseUntil: null,
            failedAt: null,
            lastError: null,
            updatedAt: at,
          }
        : report.status === 'read'
          ? { status: 'read', readAt: at, deliveredAt: eb.fn.coalesce('deliveredAt', eb.val(at)), updatedAt: at }
          : { status: 'failed', failedAt: at, lastError: report.reason ?? null, nextAttemptAt: null, updatedAt: at },
    )
    .where('organizationId', '=', organizationId)
    .where('channel', '=', channel)
    .where((eb) => eb.or([...(key ? [eb('idempotencyKey', '=', key)] : []), ...(messageId ? [eb('providerMessageId', '=', messageId)] : [])]))
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The in-app delivery of a notification marked read when its recipient reads it. */
export async function markInAppDeliveryRead(db: Db, recipientId: string, messageKey: string, at: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'read', readAt: at, updatedAt: at })
    .where('recipientId', '=', recipientId)
    .where('messageKey', '=', messageKey)
    .where('channel', '=', 'in_app')
    .where('status', 'in', ['sent', 'delivered'])
    .execute();
}

/**
 * The read receipt of the console (issue 13): a staff member read a notification whose data names its
 * delivery (`deliveryId`, written by the delivery worker), so that in-app delivery is `read`. Whether a
 * delivery changed (false: the notification has none, is not theirs, or it was read before).
 */
export async function markNotifiedDeliveryRead(db: Db, recipientId: string, notificationId: string, at: string): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('data').where('id', '=', notificationId).where('recipientId', '=', recipientId).executeTakeFirst();
  if (!row) return false;
  let deliveryId: unknown;
  try {
    deliveryId = (JSON.parse(String(row.data)) as { deliveryId?: unknown }).deliveryId;
  } catch {
    return false;
  }
  if (typeof deliveryId !== 'string' || !deliveryId) return false;
  const r = await db
    .updateTable('deliveries')
    .set({ status: 'read', readAt: at, updatedAt: at })
    .where('id', '=', deliveryId)
    .where('recipientId', '=', recipientId)
    .where('channel', '=', 'in_app')
    .where('status', 'in', ['sent', 'delivered'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * When each of these recipients was last pushed a message of these kinds on an outside channel (the
 * common-notice throttle): the latest send time — when it was sent, else when it is planned to go (a
 * push waiting out an undo window or 免打扰 counts from then, not from when it was planned).
 */
export async function lastPushes(db: Db, recipientIds: readonly string[], kinds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < recipientIds.length; i += 1000) {
    const rows = await db
      .selectFrom('deliveries')
      .select(['recipientId', (eb) => eb.fn.max(eb.fn.coalesce('sentAt', 'nextAttemptAt', 'createdAt')).as('at')])
      .where('recipientId', 'in', recipientIds.slice(i, i + 1000))
      .where('kind', 'in', [...kinds])
      .where('channel', '!=', 'in_app')
      .where('status', 'in', ['queued', 'sending', 'sent', 'delivered', 'read'])
      .groupBy('recipientId')
      .execute();
    for (const r of rows) if (r.at) out.set(r.recipientId, String(r.at));
  }
  return out;
}

/** The key space of the common-push lock (pg_advisory_xact_lock(key, hashtext(organization))). */
const COMMON_PUSH_LOCK = 716_001;

/**
 * Serialises the planning of common-notice pushes per organization across processes until the
 * transaction ends: the one-push-an-hour throttle reads the pushes already written, so a second
 * planner must not read them before the first has committed its own. PostgreSQL: a transaction-level
 * advisory lock per organization, taken in a fixed order (no deadlock between planners); SQLite needs
 * none (one writer at a time).
 */
export async function lockCommonPushes(db: Db, organizationIds: readonly string[]): Promise<void> {
  if (!isPostgres(db)) return;
  for (const id of [...new Set(organizationIds)].sort()) await sql`select pg_advisory_xact_lock(${COMMON_PUSH_LOCK}, hashtext(${id}))`.execute(db);
}

// --- channel settings and templates ------------------------------------------------------------------

export interface ChannelSettingsRecord {
  organizationId: string;
  channel: string;
  enabled: boolean;
  config: Record<string, unknown>;
  secretEncrypted: string | null;
  updatedBy: string | null;
  updatedAt: string;
}
const SETTINGS_SHAPE: RowShape = { booleans: ['enabled'], json: ['config'] };

export async function listChannelSettings(db: Db, organizationId: string): Promise<ChannelSettingsRecord[]> {
  const rows = await db.selectFrom('channelSettings').selectAll().where('organizationId', '=', organizationId).orderBy('channel').execute();
  return rows.map((r) => decodeRow<ChannelSettingsRecord>(r as Record<string, unknown>, SETTINGS_SHAPE));
}

export async function saveChannelSettings(db: Db, s: ChannelSettingsRecord): Promise<void> {
  const row = encodeRow(s, SETTINGS_SHAPE) as never;
  await db
    .insertInto('channelSettings')
    .values(row)
    .onConflict((oc) => oc.columns(['organizationId', 'channel']).doUpdateSet(row))
    .execute();
}

export async function deleteChannelSettings(db: Db, organizationId: string, channel: string): Promise<boolean> {
  const r = await db.deleteFrom('channelSettings').where('organizationId', '=', organizationId).where('channel', '=', channel).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface MessageTemplateRecord {
  organizationId: string;
  kind: string;
  locale: string;
  title: string;
  body: string;
  updatedBy: string | null;
  updatedAt: string;
}

export async function listMessageTemplates(db: Db, organizationId: string): Promise<MessageTemplateRecord[]> {
  return db.selectFrom('messageTemplates').selectAll().where('organizationId', '=', organizationId).orderBy('kind').orderBy('locale').execute();
}

export async function saveMessageTemplate(db: Db, t: MessageTemplateRecord): Promise<void> {
  await db
    .insertInto('messageTemplates')
    .values(t)
    .onConflict((oc) =>
      oc.columns(['organizationId', 'kind', 'locale']).doUpdateSet({ title: t.title, body: t.body, updatedBy: t.updatedBy, updatedAt: t.updatedAt }),
    )
    .execute();
}

export async function deleteMessageTemplate(db: Db, organizationId: string, kind: string, locale: string): Promise<boolean> {
  const r = await db
    .deleteFrom('messageTemplates')
    .where('organizationId', '=', organizationId)
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// --- the on-duty roster (值班表) ---------------------------------------------------------------------

export interface DutyShiftRecord {
  id: string;
  organizationId: string;
  projectId: string;
  departmentId: string | null;
  staffId: string;
  startsAt: string;
  endsAt: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function insertDutyShift(db: Db, s: DutyShiftRecord): Promise<void> {
  await db.insertInto('dutyShifts').values(s).execute();
}

export async function deleteDutyShift(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('dutyShifts').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findDutyShift(db: Db, id: string): Promise<DutyShiftRecord | null> {
  return (await db.selectFrom('dutyShifts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Shifts of these projects overlapping [from, to), earliest first. */
export async function listDutyShifts(db: Db, projectIds: readonly string[], from: string, to: string): Promise<DutyShiftRecord[]> {
  if (!projectIds.length) return [];
  return db
    .selectFrom('dutyShifts')
    .selectAll()
    .where('projectId', 'in', [...projectIds])
    .where('endsAt', '>', from)
    .where('startsAt', '<', to)
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
}
