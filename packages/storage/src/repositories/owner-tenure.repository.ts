import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';
import type { OwnerUnitRecord } from './owners.repository.ts';

type Db = Kysely<Schema>;

/**
 * 入住 → 迁出/过户 (decision 0023): an owner's ties to units over time, and the visits they are due.
 * One row per (owner, unit): a tie that ended has `movedOutOn` and is history; moving back in takes
 * the row up again (the earlier period stays in the owner's events). Every "owner's units" read
 * elsewhere leaves ended ties out.
 */

const tie = (r: Record<string, unknown>): OwnerUnitRecord => ({
  ...(r as unknown as OwnerUnitRecord),
  relation: r.relation as OwnerUnitRecord['relation'],
  isPrimary: Number(r.isPrimary) === 1,
  movedOutOn: (r.movedOutOn as string | null) ?? null,
});

/** Every tie of the owners, current and ended (the archive's history; who may see a former owner). */
export async function listOwnerTies(db: Db, ownerIds: readonly string[]): Promise<OwnerUnitRecord[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('ownerUnits')
    .selectAll()
    .where('ownerId', 'in', ownerIds as string[])
    .orderBy('createdAt')
    .execute();
  return rows.map(tie);
}

/** One owner's tie to one unit, current or ended (null: never tied). */
export async function findOwnerTie(db: Db, ownerId: string, unitId: string): Promise<OwnerUnitRecord | null> {
  const row = await db.selectFrom('ownerUnits').selectAll().where('ownerId', '=', ownerId).where('unitId', '=', unitId).executeTakeFirst();
  return row ? tie(row) : null;
}

/** The unit's current ties (产权人 and 使用人), earliest first; PostgreSQL locks them for the move. */
export async function currentTiesOfUnit(db: Db, unitId: string, options: { forUpdate?: boolean } = {}): Promise<OwnerUnitRecord[]> {
  let q = db.selectFrom('ownerUnits').selectAll().where('unitId', '=', unitId).where('movedOutOn', 'is', null).orderBy('createdAt').orderBy('ownerId');
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  return (await q.execute()).map(tie);
}

/** Ends the owners' ties to the unit on that day: history from now on, never primary. */
export async function endOwnerTies(db: Db, unitId: string, ownerIds: readonly string[], movedOutOn: string): Promise<void> {
  if (ownerIds.length === 0) return;
  await db
    .updateTable('ownerUnits')
    .set({ movedOutOn, isPrimary: 0 })
    .where('unitId', '=', unitId)
    .where('ownerId', 'in', ownerIds as string[])
    .where('movedOutOn', 'is', null)
    .execute();
}

/** Takes an ended tie up again (moving back in), or changes a current one (an occupant who buys: relation 产权人). */
export async function rewriteOwnerTie(db: Db, link: OwnerUnitRecord): Promise<void> {
  await db
    .updateTable('ownerUnits')
    .set({ relation: link.relation, moveInDate: link.moveInDate, createdAt: link.createdAt, isPrimary: link.isPrimary ? 1 : 0, movedOutOn: null })
    .where('ownerId', '=', link.ownerId)
    .where('unitId', '=', link.unitId)
    .execute();
}

/** Makes `ownerId` the unit's 主业主 (null: none); the old primary is cleared first (the unique index holds one). */
export async function setUnitPrimary(db: Db, unitId: string, ownerId: string | null): Promise<void> {
  await db.updateTable('ownerUnits').set({ isPrimary: 0 }).where('unitId', '=', unitId).where('isPrimary', '=', 1).execute();
  if (ownerId)
    await db
      .updateTable('ownerUnits')
      .set({ isPrimary: 1 })
      .where('unitId', '=', unitId)
      .where('ownerId', '=', ownerId)
      .where('movedOutOn', 'is', null)
      .execute();
}

// --- visits due (新业主回访; issue 14 builds the plans and records on these rows) -------------------

export type OwnerVisitStatus = 'due' | 'done' | 'cancelled';
export interface OwnerVisitRecord {
  id: string;
  organizationId: string;
  projectId: string;
  ownerId: string;
  unitId: string | null;
  kind: 'new_owner';
  status: OwnerVisitStatus;
  dueOn: string;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closedReason: string | null;
}

export async function insertOwnerVisit(db: Db, v: OwnerVisitRecord): Promise<void> {
  await db.insertInto('ownerVisits').values(v).execute();
}

/** Cancels the visits still due to these owners for the unit (they moved out); returns their ids. */
export async function cancelDueVisits(db: Db, f: { unitId: string; ownerIds: readonly string[]; at: string; by: string; reason: string }): Promise<string[]> {
  if (f.ownerIds.length === 0) return [];
  const due = await db
    .selectFrom('ownerVisits')
    .select('id')
    .where('unitId', '=', f.unitId)
    .where('ownerId', 'in', f.ownerIds as string[])
    .where('status', '=', 'due')
    .execute();
  if (due.length === 0) return [];
  const ids = due.map((d) => d.id);
  await db.updateTable('ownerVisits').set({ status: 'cancelled', closedAt: f.at, closedBy: f.by, closedReason: f.reason }).where('id', 'in', ids).execute();
  return ids;
}
