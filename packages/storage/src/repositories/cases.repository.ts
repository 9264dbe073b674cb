import {
  CASE_SUMMARY_FIELDS,
  planAuthorRank,
  type CaseEvent,
  type CaseRecord,
  type CaseStatus,
  type CaseSummary,
  type CaseType,
  type NewCaseEvent,
} from '@guanjia/core';
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Updateable } from 'kysely';
import { decodeRow, decodeRowInPlace, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import { containsText } from '../dialect/text-search.ts';
import { inListBesideIndex } from '../dialect/beside-index.ts';
import { findRowById, insertRow, insertRows, updateRowsById } from '../dialect/fast-queries.ts';
import type { Schema } from '../schema.ts';
import { listCaseRows, newestFirst } from './case-queues.repository.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';

const CASE_SHAPE: RowShape = {
  booleans: ['compensationClaim', 'apologized', 'readBack', 'major', 'satisfied'],
  json: ['plan', 'evaluation'],
};
/**
 * A case row as a record. A plan stored before plans recorded their author's rank (decision 0008)
 * gets it from its head flag (core's planAuthorRank), so every reader sees the same rank.
 */
function decodeCase(row: Record<string, unknown>): CaseRecord {
  return withPlanRank(decodeRow<CaseRecord>(row, CASE_SHAPE));
}
/** decodeCase onto a row the query builder made for this read (lists: no copy of each wide row). */
function decodeCaseInPlace(row: Record<string, unknown>): CaseRecord {
  return withPlanRank(decodeRowInPlace<CaseRecord>(row, CASE_SHAPE));
}
function withPlanRank(c: CaseRecord): CaseRecord {
  if (c.plan && !c.plan.submittedByRank) c.plan = { ...c.plan, submittedByRank: planAuthorRank(c.plan) };
  return c;
}
const EVENT_SHAPE: RowShape = { booleans: ['internal'], json: ['attachmentIds', 'changes', 'data'] };

type Db = Kysely<Schema>;

export async function insertCase(db: Db, record: CaseRecord): Promise<void> {
  await insertRow(db, 'cases', encodeRow(record, CASE_SHAPE));
}
/** The insert of a new case, to run with the other writes of its intake (row-writes.ts). */
export function caseInsert(record: CaseRecord): RowInsert {
  return insertOf('cases', encodeRow(record, CASE_SHAPE));
}

/** Writes the new state only if nobody wrote since `expectedVersion`; false means a concurrent change. */
export async function updateCase(db: Db, record: CaseRecord, expectedVersion: number): Promise<boolean> {
  const { id, ...rest } = encodeRow(record, CASE_SHAPE);
  const result = await db
    .updateTable('cases')
    .set(rest as Updateable<Schema['cases']>)
    .where('id', '=', id as string)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** `skipLocked` (PostgreSQL): null when another transaction holds the case. */
/**
 * For events that change no case field (SLA warnings): only the version and updatedAt move. False
 * when the case is no longer at `fromVersion`.
 */
export async function bumpCaseVersion(db: Db, id: string, fromVersion: number, toVersion: number, at: string): Promise<boolean> {
  const text = isPostgres(db)
    ? 'update "cases" set "version" = $1, "updated_at" = $2 where "id" = $3 and "version" = $4'
    : 'update "cases" set "version" = ?, "updated_at" = ? where "id" = ? and "version" = ?';
  const result = await db.executeQuery(CompiledQuery.raw(text, [toVersion, at, id, fromVersion]));
  return Number(result.numAffectedRows ?? 0n) === 1;
}

/** Several whole cases by id (order not kept). */
export async function findCases(db: Db, ids: readonly string[]): Promise<CaseRecord[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom('cases')
      .selectAll()
      .where('id', 'in', ids as string[])
      .execute()
  ).map((r) => decodeCase(r));
}

/** Several cases' summaries by id (order not kept), with what the visibility rule reads (the accused). */
export async function findCaseSummaries(db: Db, ids: readonly string[]): Promise<(CaseSummary & Pick<CaseRecord, 'accusedStaffId'>)[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom('cases')
      .select([...CASE_SUMMARY_FIELDS, 'accusedStaffId'])
      .where('id', 'in', ids as string[])
      .execute()
  ).map(caseSummaryOfRow);
}
/** A row of CASE_SUMMARY_FIELDS and the accused staff member, decoded in place (booleans, JSON). */
export function caseSummaryOfRow(row: Record<string, unknown>): CaseSummary & Pick<CaseRecord, 'accusedStaffId'> {
  return decodeRowInPlace<CaseSummary & Pick<CaseRecord, 'accusedStaffId'>>(row, CASE_SHAPE);
}

/** What routing an alert needs of a case (who has it, who may not be told). */
export type CaseRouting = Pick<
  CaseRecord,
  | 'id'
  | 'organizationId'
  | 'projectId'
  | 'ownerId'
  | 'number'
  | 'version'
  | 'departmentId'
  | 'assigneeId'
  | 'firstReceiverId'
  | 'accusedStaffId'
  | 'accusedParty'
  | 'compensationClaim'
  | 'level'
>;

/** Several cases' routing at once; on PostgreSQL locked FOR UPDATE, skipping those another transaction holds. */
export async function findCaseRoutings(db: Db, ids: readonly string[], options: { forUpdate?: boolean; skipLocked?: boolean } = {}): Promise<CaseRouting[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('cases')
    .select([
      'id',
      'organizationId',
      'projectId',
      'ownerId',
      'number',
      'version',
      'departmentId',
      'assigneeId',
      'firstReceiverId',
      'accusedStaffId',
      'accusedParty',
      'compensationClaim',
      'level',
    ])
    .where('id', 'in', ids as string[]);
  if (options.forUpdate && isPostgres(db)) q = options.skipLocked ? q.forUpdate().skipLocked() : q.forUpdate();
  return (await q.execute()).map((r) => ({ ...r, version: Number(r.version), compensationClaim: Number(r.compensationClaim) === 1 }) as CaseRouting);
}

/** Appends events to many cases in a few statements; each case's events follow its version. */
export async function appendCaseEventsBatch(
  db: Db,
  entries: readonly { before: Pick<CaseRecord, 'id' | 'organizationId' | 'projectId' | 'version'>; events: readonly NewCaseEvent[] }[],
  newId: () => string,
): Promise<CaseEvent[]> {
  const stored: CaseEvent[] = [];
  for (const { before: c, events } of entries) {
    let seq = c.version;
    for (const e of events) stored.push({ ...e, id: newId(), caseId: c.id, organizationId: c.organizationId, projectId: c.projectId, seq: ++seq });
  }
  await insertRows(
    db,
    'caseEvents',
    stored.map((e) => encodeRow(e, EVENT_SHAPE)),
  );
  return stored;
}

/** Sets version and updatedAt of many cases (events that change no other field). */
export async function setCaseVersions(db: Db, rows: readonly { id: string; version: number; updatedAt: string }[]): Promise<void> {
  await updateRowsById(db, 'cases', { version: 'integer', updatedAt: 'text' }, rows);
}

export async function findCase(db: Db, id: string, options: { forUpdate?: boolean; skipLocked?: boolean } = {}): Promise<CaseRecord | null> {
  const row = await findRowById<Record<string, unknown>>(db, 'cases', id, options);
  return row ? decodeCase(row) : null;
}

/** Appends events after `before` (the case as it was loaded): seq follows version, one event per version. */
export async function appendCaseEvents(db: Db, before: CaseRecord, events: readonly NewCaseEvent[], newId: () => string): Promise<CaseEvent[]> {
  if (events.length === 0) return [];
  const c = before;
  let seq = before.version;
  const stored: CaseEvent[] = events.map((e) => ({ ...e, id: newId(), caseId: c.id, organizationId: c.organizationId, projectId: c.projectId, seq: ++seq }));
  for (const e of stored) await insertRow(db, 'caseEvents', encodeRow(e, EVENT_SHAPE));
  return stored;
}

/** The first event of a new case: seq 1, no look-up needed. */
export async function insertFirstCaseEvent(db: Db, c: CaseRecord, event: NewCaseEvent, id: string): Promise<CaseEvent> {
  const stored = firstCaseEvent(c, event, id);
  await insertRow(db, 'caseEvents', encodeRow(stored, EVENT_SHAPE));
  return stored;
}
/** A case's first event as stored (seq 1). */
export function firstCaseEvent(c: Pick<CaseRecord, 'id' | 'organizationId' | 'projectId'>, event: NewCaseEvent, id: string): CaseEvent {
  return { ...event, id, caseId: c.id, organizationId: c.organizationId, projectId: c.projectId, seq: 1 };
}
/** The insert of a stored case event (row-writes.ts). */
export function caseEventInsert(event: CaseEvent): RowInsert {
  return insertOf('caseEvents', encodeRow(event, EVENT_SHAPE));
}

export async function listCaseEvents(db: Db, caseId: string, options: { includeInternal: boolean }): Promise<CaseEvent[]> {
  let query = db.selectFrom('caseEvents').selectAll().where('caseId', '=', caseId).orderBy('seq');
  if (!options.includeInternal) query = query.where('internal', '=', 0);
  const rows = await query.execute();
  return rows.map((r) => decodeRow<CaseEvent>(r, EVENT_SHAPE));
}

/**
 * Whom to hide complaints from: the staff member named as accused, and — when they are an office
 * manager — complaints against the office's management. The SQL twin of core's isAccused.
 */
export interface AccusedExclusion {
  staffId: string;
  officeManager: boolean;
}

/** A where-clause on cases: the ones the person is accused in. */
export function accusedIn(x: AccusedExclusion) {
  return (eb: ExpressionBuilder<Schema, 'cases'>) =>
    eb.or([eb('cases.accusedStaffId', '=', x.staffId), ...(x.officeManager ? [eb('cases.accusedParty', '=', 'office_management')] : [])]);
}

/** A where-clause on cases: the ones the person is not accused in. */
export function notAccusedIn(x: AccusedExclusion) {
  return (eb: ExpressionBuilder<Schema, 'cases'>) =>
    eb.and([
      eb.or([eb('cases.accusedStaffId', 'is', null), eb('cases.accusedStaffId', '!=', x.staffId)]),
      ...(x.officeManager ? [eb.or([eb('cases.accusedParty', 'is', null), eb('cases.accusedParty', '!=', 'office_management')])] : []),
    ]);
}

export interface CaseListFilter {
  organizationId: string;
  /** null: every project of the organization (company-wide staff). */
  projectIds: readonly string[] | null;
  ownerId?: string;
  /** Leave out complaints this staff member is accused in (see core's isAccused). */
  excludeAccused?: AccusedExclusion;
  status?: CaseStatus[];
  type?: CaseType[];
  assigneeId?: string;
  departmentId?: string;
  unassigned?: boolean;
  text?: string;
  /** Index look-ups of a search (number suffix, phone, unit): only cases with one of these ids, owners or units. */
  anyOf?: { caseIds: readonly string[]; ownerIds: readonly string[]; unitIds: readonly string[] };
  /** 受理时间 within [createdFrom, createdBefore) (ISO instants; the ledger's local dates made instants by the service). */
  createdFrom?: string;
  createdBefore?: string;
  /** Cursor: created before this instant (then id), newest first. */
  before?: { createdAt: string; id: string };
  limit: number;
}

/** The where-clause of a case list (scope and filters, no cursor): shared by the list and the full-text search. */
export function caseListWhere(f: Omit<CaseListFilter, 'before' | 'limit'>) {
  return (eb: ExpressionBuilder<Schema, 'cases'>) => {
    // a search's look-up list is read through the ids', owners' or units' index: the organization and
    // projects written as expressions, so that no planner walks their index in date order instead
    const all: Expression<SqlBool>[] = [
      f.anyOf ? sql<SqlBool>`(cases.organization_id || '') = ${f.organizationId}` : eb('cases.organizationId', '=', f.organizationId),
    ];
    if (f.projectIds && f.projectIds.length === 0) all.push(sql<SqlBool>`1 = 0`);
    else if (f.projectIds && f.anyOf) all.push(inListBesideIndex('cases.project_id', f.projectIds));
    else if (f.projectIds) all.push(eb('cases.projectId', 'in', f.projectIds as string[]));
    if (f.ownerId) all.push(eb('cases.ownerId', '=', f.ownerId));
    if (f.excludeAccused) all.push(notAccusedIn(f.excludeAccused)(eb));
    if (f.status?.length) all.push(eb('cases.status', 'in', f.status));
    if (f.type?.length) all.push(eb('cases.type', 'in', f.type));
    if (f.assigneeId) all.push(eb('cases.assigneeId', '=', f.assigneeId));
    if (f.departmentId) all.push(eb('cases.departmentId', '=', f.departmentId));
    if (f.unassigned) all.push(eb('cases.assigneeId', 'is', null));
    if (f.createdFrom) all.push(eb('cases.createdAt', '>=', f.createdFrom));
    if (f.createdBefore) all.push(eb('cases.createdAt', '<', f.createdBefore));
    if (f.text)
      all.push(eb.or([containsText(eb, 'cases.title', f.text), containsText(eb, 'cases.description', f.text), containsText(eb, 'cases.number', f.text)]));
    if (f.anyOf) {
      const { caseIds, ownerIds, unitIds } = f.anyOf;
      const any = [
        ...(caseIds.length ? [eb('cases.id', 'in', caseIds as string[])] : []),
        ...(ownerIds.length ? [eb('cases.ownerId', 'in', ownerIds as string[])] : []),
        ...(unitIds.length ? [eb('cases.unitId', 'in', unitIds as string[])] : []),
      ];
      all.push(any.length ? eb.or(any) : sql<SqlBool>`1 = 0`);
    }
    return eb.and(all);
  };
}

/**
 * A queue or filtered list, newest first, one keyset page (see case-queues.repository.ts for the index
 * each uses); a search's look-up list (`anyOf`: cases, owners, units found through their indexes) is
 * the generic statement below.
 */
export async function listCases(db: Db, f: CaseListFilter): Promise<CaseRecord[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  const rows = f.anyOf ? await lookUpListRows(db, f) : await listCaseRows(db, f);
  return rows.map((r) => decodeCase(r));
}

/**
 * A search's look-up list: one statement per kind of key (ids, owners, units), each through its index,
 * reading only each match's id and creation instant; merged newest first, then the page's rows by key.
 * (The keys first: a phone's last four can name an owner with hundreds of cases, and reading every one
 * of their rows whole to keep the newest 51 cost more than the rest of the request.)
 */
async function lookUpListRows(db: Db, f: CaseListFilter, columns?: readonly string[]): Promise<Record<string, unknown>[]> {
  const pages = await Promise.all(caseLookUpQueries(db, f, ['id', 'createdAt']).map((q) => q.execute()));
  const byId = new Map<string, { id: string; createdAt: string }>();
  for (const row of pages.flat() as { id: string; createdAt: string }[]) byId.set(row.id, row);
  const ids = [...byId.values()]
    .sort(newestFirst)
    .slice(0, f.limit)
    .map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await (columns ? db.selectFrom('cases').select(columns as never) : db.selectFrom('cases').selectAll()).where('id', 'in', ids).execute();
  return (rows as (Record<string, unknown> & { id: string; createdAt: string })[]).sort(newestFirst);
}

/** The statements of a search's look-up list (exported for the query-plan tests): one per non-empty kind of key. */
export function caseLookUpQueries(db: Db, f: CaseListFilter, columns?: readonly string[]) {
  const { caseIds = [], ownerIds = [], unitIds = [] } = f.anyOf ?? {};
  const none: readonly string[] = [];
  const branches = [
    { caseIds, ownerIds: none, unitIds: none },
    { caseIds: none, ownerIds, unitIds: none },
    { caseIds: none, ownerIds: none, unitIds },
  ].filter((b) => b.caseIds.length + b.ownerIds.length + b.unitIds.length > 0);
  return branches.map((anyOf) => caseListQuery(db, { ...f, anyOf }, columns));
}

/**
 * A list's page of case summaries (the columns of CASE_SUMMARY_FIELDS only: what a queue shows), and
 * `also` these columns of the case when the caller's rule reads them (待我审批: the plan and the accused).
 */
export async function listCaseSummaries(db: Db, f: CaseListFilter): Promise<CaseSummary[]>;
export async function listCaseSummaries<K extends keyof CaseRecord>(
  db: Db,
  f: CaseListFilter,
  also: readonly K[],
): Promise<(CaseSummary & Pick<CaseRecord, K>)[]>;
export async function listCaseSummaries(db: Db, f: CaseListFilter, also: readonly (keyof CaseRecord)[] = []): Promise<CaseSummary[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  const columns = also.length ? [...CASE_SUMMARY_FIELDS, ...also] : CASE_SUMMARY_FIELDS;
  const rows = f.anyOf ? await lookUpListRows(db, f, columns) : await listCaseRows(db, f, columns);
  return rows.map((r) => decodeCaseInPlace(r));
}

/** The statement of listCases, newest first (exported for the query-plan tests). */
export function caseListQuery(db: Db, f: CaseListFilter, columns?: readonly string[]) {
  let q = (columns ? db.selectFrom('cases').select(columns as never) : db.selectFrom('cases').selectAll()).where(caseListWhere(f));
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', b.createdAt), eb.and([eb('createdAt', '=', b.createdAt), eb('id', '<', b.id)])]));
  }
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit);
}

export async function listEventsOfCases(db: Db, caseIds: readonly string[], options: { includeInternal: boolean; newest?: number }): Promise<CaseEvent[]> {
  if (caseIds.length === 0) return [];
  if (options.newest !== undefined) {
    // only the newest n, still answered oldest first: their keys first (sorting every event of the
    // cases whole cost several times more), then those rows
    const keys = await newestEventKeysQuery(db, caseIds, { includeInternal: options.includeInternal, newest: options.newest }).execute();
    if (keys.length === 0) return [];
    const rows = await db
      .selectFrom('caseEvents')
      .selectAll()
      .where(
        'id',
        'in',
        keys.map((k) => k.id),
      )
      .orderBy('at')
      .orderBy('seq')
      .execute();
    return rows.map((r) => decodeRow<CaseEvent>(r, EVENT_SHAPE));
  }
  let q = db
    .selectFrom('caseEvents')
    .selectAll()
    .where('caseId', 'in', caseIds as string[]);
  if (!options.includeInternal) q = q.where('internal', '=', 0);
  const rows = await q.orderBy('at').orderBy('seq').execute();
  return rows.map((r) => decodeRow<CaseEvent>(r, EVENT_SHAPE));
}

/** The ids of the newest n events of these cases, newest first (exported for the query-plan tests). */
export function newestEventKeysQuery(db: Db, caseIds: readonly string[], options: { includeInternal: boolean; newest: number }) {
  let q = db
    .selectFrom('caseEvents')
    .select('id')
    .where('caseId', 'in', caseIds as string[]);
  if (!options.includeInternal) q = q.where('internal', '=', 0);
  return q.orderBy('at', 'desc').orderBy('seq', 'desc').limit(options.newest);
}

/**
 * The next case serial: unique and increasing, never reused. PostgreSQL takes it from a sequence (no
 * row lock held until commit, so concurrent intakes do not queue behind one counter row); SQLite,
 * whose writes are serial anyway, from the counters table.
 */
export async function nextCaseSerial(db: Db): Promise<number> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ n: string }>`select nextval('case_serial_seq') as n`.execute(db);
    return Number(rows[0]!.n);
  }
  return nextCounterValue(db, 'case-serial');
}

/** Next value of a named counter (case numbers per organization and day); atomic on both databases. */
const nextCounterValueText = (parameter: string) =>
  `insert into "counters" ("key", "value") values (${parameter}, 1) on conflict ("key") do update set "value" = "counters"."value" + 1 returning "value"`;
/** nextCounterValue's statement on SQLite, for a caller that runs it on the connection itself. */
export const NEXT_COUNTER_VALUE_SQLITE = nextCounterValueText('?');

export async function nextCounterValue(db: Db, key: string): Promise<number> {
  const text = nextCounterValueText(isPostgres(db) ? '$1' : '?');
  const { rows } = await db.executeQuery<{ value: number | string }>(CompiledQuery.raw(text, [key]));
  return Number(rows[0]!.value);
}
