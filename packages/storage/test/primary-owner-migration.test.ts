import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrateUpTo, type Database } from '../src/index.ts';
import { freshDatabase } from '../src/testing/fresh-database.ts';
import { seedQueueData } from '../src/testing/queue-data.ts';

/**
 * Migration 0018 (主业主, decision 0021) on ties made before it: on each unit the earliest 产权人 tie
 * (then the smaller owner id) becomes primary; occupants never; a unit of occupants only has none.
 */
let database: Database;
let drop: () => Promise<void>;
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

beforeAll(async () => {
  ({ database, drop } = await freshDatabase({ migrate: false }));
  await migrateUpTo(database, '0017-open-type-and-running-clock-indexes');
  const data = await seedQueueData(database, { cases: 10 });
  const db = database.db;
  const project = data.projectIds[0]!;
  await db
    .insertInto('buildings')
    .values({ id: 'bld-m', organizationId: data.organizationId, projectId: project, code: '1', name: '1栋', floors: null, createdAt: at(0), updatedAt: at(0) })
    .execute();
  for (const u of ['u1', 'u2', 'u3'])
    await db
      .insertInto('units')
      .values({
        id: u,
        organizationId: data.organizationId,
        projectId: project,
        buildingId: 'bld-m',
        code: u,
        kind: 'indoor',
        floor: null,
        areaSqm: null,
        createdAt: at(0),
        updatedAt: at(0),
      })
      .execute();
  const tie = (ownerId: string, unitId: string, relation: string, minute: number) => ({
    ownerId,
    unitId,
    organizationId: data.organizationId,
    projectId: project,
    relation,
    moveInDate: null,
    createdAt: at(minute),
  });
  await db
    .insertInto('ownerUnits')
    .values([
      // u1: an occupant first, then two owners; the earlier owner is primary
      tie('own-q1', 'u1', 'occupant', 1),
      tie('own-q3', 'u1', 'owner', 5),
      tie('own-q2', 'u1', 'owner', 3),
      // u2: two owners at the same instant: the smaller id
      tie('own-q5', 'u2', 'owner', 2),
      tie('own-q4', 'u2', 'owner', 2),
      // u3: occupants only
      tie('own-q6', 'u3', 'occupant', 1),
    ] as never)
    .execute();
  await migrateToLatest(database);
}, 60_000);
afterAll(async () => drop?.());

describe('migration 0018: 主业主 of existing ties', () => {
  it('makes the earliest owner of each unit primary, and no one else', async () => {
    const rows = await database.db.selectFrom('ownerUnits').select(['unitId', 'ownerId', 'isPrimary']).where('unitId', 'in', ['u1', 'u2', 'u3']).execute();
    const primaries = rows.filter((r) => Number(r.isPrimary) === 1).map((r) => `${r.unitId}:${r.ownerId}`);
    expect(primaries.sort()).toEqual(['u1:own-q2', 'u2:own-q4']);
  });
});
