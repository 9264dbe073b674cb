import type { OutageKind } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';
import type { Schema } from '../schema.ts';

/**
 * The outage register (停水/停电/电梯停运, migration 0024): outages of a project with their area,
 * period, cause and what to tell callers, and the cases linked to them. The open ones of a project
 * are read through their partial index (`closed_at is null`): a project has a handful at a time.
 */
type Db = Kysely<Schema>;

export interface OutageRecord {
  id: string;
  organizationId: string;
  projectId: string;
  kind: OutageKind;
  /** Empty: the whole project. */
  buildingIds: string[];
  startsAt: string;
  endsAt: string | null;
  cause: string;
  /** What to tell callers (对来电业主的统一答复口径). */
  callerScript: string;
  noticeId: string | null;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}
const OUTAGE_SHAPE: RowShape = { booleans: [], json: ['buildingIds'] };
const decodeOutage = (r: Record<string, unknown>) => decodeRow<OutageRecord>(r, OUTAGE_SHAPE);

export async function insertOutage(db: Db, o: OutageRecord): Promise<void> {
  await db
    .insertInto('outages')
    .values(encodeRow(o, OUTAGE_SHAPE) as never)
    .execute();
}

export async function findOutage(db: Db, id: string): Promise<OutageRecord | null> {
  const row = await db.selectFrom('outages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeOutage(row) : null;
}

export async function findOutages(db: Db, ids: readonly string[]): Promise<OutageRecord[]> {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('outages')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
  ).map(decodeOutage);
}

/** Closes an open outage; false when it was closed already (by someone else meanwhile). */
export async function closeOutage(db: Db, id: string, closedAt: string, closedBy: string): Promise<boolean> {
  const result = await db.updateTable('outages').set({ closedAt, closedBy }).where('id', '=', id).where('closedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The outages not closed yet of some projects (whether started or still ahead), the latest start first. */
export async function listOpenOutages(db: Db, projectIds: readonly string[]): Promise<OutageRecord[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('outages')
    .selectAll()
    .where('projectId', 'in', [...projectIds])
    .where('closedAt', 'is', null)
    .orderBy('startsAt', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(decodeOutage);
}

/** A project's register, the latest start first (closed ones included). */
export async function listOutagesOfProject(db: Db, projectId: string, limit: number): Promise<OutageRecord[]> {
  const rows = await db.selectFrom('outages').selectAll().where('projectId', '=', projectId).orderBy('startsAt', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(decodeOutage);
}

// --- cases linked to an outage ------------------------------------------------------------------

export interface CaseOutageRecord {
  caseId: string;
  outageId: string;
  organizationId: string;
  projectId: string;
  linkedBy: string | null;
  linkedAt: string;
}

/** The link of a new case to an outage, as a write of the case's intake (row-writes.ts). */
export function caseOutageInsert(link: CaseOutageRecord): RowInsert {
  return insertOf('caseOutages', { ...link });
}

/** Links a case to an outage; a link that exists already is kept as it was. Whether a link was made. */
export async function insertCaseOutage(db: Db, link: CaseOutageRecord): Promise<boolean> {
  const result = await db
    .insertInto('caseOutages')
    .values(link)
    .onConflict((oc) => oc.columns(['caseId', 'outageId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The outages a case is linked to, with when and by whom, the earliest link first. */
export async function listOutagesOfCase(db: Db, caseId: string): Promise<{ link: CaseOutageRecord; outage: OutageRecord }[]> {
  const links = await db.selectFrom('caseOutages').selectAll().where('caseId', '=', caseId).orderBy('linkedAt').orderBy('outageId').execute();
  const outages = new Map(
    (
      await findOutages(
        db,
        links.map((l) => l.outageId),
      )
    ).map((o) => [o.id, o]),
  );
  return links.flatMap((link) => (outages.has(link.outageId) ? [{ link, outage: outages.get(link.outageId)! }] : []));
}

/** How many cases each outage has linked. */
export async function countCasesOfOutages(db: Db, outageIds: readonly string[]): Promise<Map<string, number>> {
  if (!outageIds.length) return new Map();
  const rows = await db
    .selectFrom('caseOutages')
    .select((eb) => ['outageId', eb.fn.countAll<number>().as('n')])
    .where('outageId', 'in', [...outageIds])
    .groupBy('outageId')
    .execute();
  return new Map(rows.map((r) => [r.outageId, Number(r.n)]));
}

/** Where some units are: project and building (an outage covers buildings). */
export async function unitPlaces(db: Db, unitIds: readonly string[]): Promise<{ id: string; projectId: string; buildingId: string }[]> {
  if (!unitIds.length) return [];
  return db
    .selectFrom('units')
    .select(['id', 'projectId', 'buildingId'])
    .where('id', 'in', [...unitIds])
    .execute();
}
