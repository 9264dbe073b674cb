import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo, type Database } from '../src/index.ts';
import { freshDatabase } from '../src/testing/fresh-database.ts';
import { seedQueueData } from '../src/testing/queue-data.ts';

/**
 * Migration 0021: a unit's key is building + 单元 + room. On a database with units, cases and ties
 * made before it (SQLite rebuilds the table), every row and every reference to a unit is kept; then
 * 3栋1单元101 and 3栋2单元101 are two units, and 3栋1单元101 twice is still refused.
 */
let database: Database;
let drop: () => Promise<void>;
let organizationId = '';
let projectId = '';
const at = new Date(Date.UTC(2025, 0, 1)).toISOString();

const unit = (id: string, entrance: string | null, code: string) => ({
  id,
  organizationId,
  projectId,
  buildingId: 'bld-k',
  code,
  entrance,
  kind: 'indoor',
  floor: 1,
  areaSqm: 88.5,
  createdAt: at,
  updatedAt: at,
});

beforeAll(async () => {
  ({ database, drop } = await freshDatabase({ migrate: false }));
  await migrateUpTo(database, '0020-owner-visits');
  const data = await seedQueueData(database, { cases: 20 });
  organizationId = data.organizationId;
  projectId = data.projectIds[0]!;
  const db = database.db;
  await db
    .insertInto('buildings')
    .values({ id: 'bld-k', organizationId, projectId, code: '3', name: '3栋', floors: null, createdAt: at, updatedAt: at })
    .execute();
  await db
    .insertInto('units')
    .values(unit('k-1-101', '1', '101'))
    .execute();
  await db
    .insertInto('ownerUnits')
    .values({
      ownerId: (await db.selectFrom('owners').select('id').executeTakeFirstOrThrow()).id,
      unitId: 'k-1-101',
      organizationId,
      projectId,
      relation: 'owner',
      moveInDate: null,
      createdAt: at,
    })
    .execute();
  // some cases name the unit
  const someCases = (await db.selectFrom('cases').select('id').limit(3).execute()).map((c) => c.id);
  await db.updateTable('cases').set({ unitId: 'k-1-101' }).where('id', 'in', someCases).execute();
  // before: building + room only
  await expect(
    db
      .insertInto('units')
      .values(unit('k-2-101-early', '2', '101'))
      .execute(),
  ).rejects.toThrow();
});
afterAll(async () => drop?.());

describe('migration 0021: the unit key with its 单元', () => {
  it('keeps every unit and every reference to one, then tells 1单元101 from 2单元101', async () => {
    const db = database.db;
    const before = {
      units: await db.selectFrom('units').selectAll().orderBy('id').execute(),
      caseUnits: await db.selectFrom('cases').select(['id', 'unitId']).orderBy('id').execute(),
      ties: await db.selectFrom('ownerUnits').select(['ownerId', 'unitId']).orderBy('ownerId').orderBy('unitId').execute(),
    };
    expect(before.caseUnits.filter((c) => c.unitId !== null).length).toBeGreaterThan(0);
    await migrateToLatest(database);
    expect(await db.selectFrom('units').selectAll().orderBy('id').execute()).toEqual(before.units);
    expect(await db.selectFrom('cases').select(['id', 'unitId']).orderBy('id').execute()).toEqual(before.caseUnits);
    expect(await db.selectFrom('ownerUnits').select(['ownerId', 'unitId']).orderBy('ownerId').orderBy('unitId').execute()).toEqual(before.ties);
    if (database.dialect === 'sqlite') expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);

    await db
      .insertInto('units')
      .values(unit('k-2-101', '2', '101'))
      .execute();
    await expect(
      db
        .insertInto('units')
        .values(unit('k-1-101-again', '1', '101'))
        .execute(),
    ).rejects.toThrow();
    // no 单元 is one key too: 3栋101 once
    await db
      .insertInto('units')
      .values(unit('k-101', null, '101'))
      .execute();
    await expect(
      db
        .insertInto('units')
        .values(unit('k-101-again', null, '101'))
        .execute(),
    ).rejects.toThrow();
    // the references still hold: a tie to a unit that is not there is refused
    await expect(
      db
        .insertInto('ownerUnits')
        .values({ ownerId: before.ties[0]!.ownerId, unitId: 'no-such-unit', organizationId, projectId, relation: 'owner', moveInDate: null, createdAt: at })
        .execute(),
    ).rejects.toThrow();
  });
});
