import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  clearAllLoginFailures,
  findIdempotentResponse,
  findLoginFailures,
  migrateToLatest,
  MIGRATION_NAMES,
  nextCounterValue,
  pruneLoginFailures,
  recordLoginSuccess,
  saveLoginFailures,
  storeIdempotentResponse,
  type Database,
} from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { likePattern } from '../src/dialect/text-search.ts';
import { decodeRow, encodeRow } from '../src/codec.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop?.());

describe(`storage on ${TEST_DB}`, () => {
  it('migrations are recorded and running them again changes nothing', async () => {
    const again = await migrateToLatest(database);
    expect(again.results).toEqual([]);
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
    expect(rows.rows.map((r) => r.name)).toEqual([...MIGRATION_NAMES]);
    expect(MIGRATION_NAMES.slice(0, 4)).toEqual(['0001-initial', '0002-scoped-audit-and-portal-lockout', '0003-sla', '0004-project-dates']);
    expect(MIGRATION_NAMES.slice(4, 6)).toEqual(['0005-accounts', '0006-demo-organization']);
  });

  it('counters are atomic under concurrency: 50 parallel increments give 1..50', async () => {
    const values = await Promise.all(Array.from({ length: 50 }, () => database.db.transaction().execute((trx) => nextCounterValue(trx, 'case:org:20261125'))));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await nextCounterValue(database.db, 'case:org:20261126')).toBe(1);
  });

  it('an idempotency key is stored once; the stored response is read back', async () => {
    const row = {
      actorId: 'staff-1',
      key: 'k1',
      organizationId: 'org',
      requestHash: 'h1',
      statusCode: 201,
      response: { case: { id: 'c1' } },
      createdAt: '2026-11-25T00:00:00.000Z',
    };
    expect(await storeIdempotentResponse(database.db, row)).toBe(true);
    expect(await storeIdempotentResponse(database.db, { ...row, response: { other: true } })).toBe(false);
    expect(await storeIdempotentResponse(database.db, { ...row, actorId: 'staff-2' })).toBe(true);
    expect(await findIdempotentResponse(database.db, 'staff-1', 'k1')).toEqual({ requestHash: 'h1', statusCode: 201, response: { case: { id: 'c1' } } });
    expect(await findIdempotentResponse(database.db, 'staff-3', 'k1')).toBeNull();
  });

  it('sign-in failures are kept per (kind, login, source); success makes a source familiar; pruning keeps familiar and locked ones', async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 25, 2, m)).toISOString();
    const here = { accountKind: 'staff' as const, login: 'agent1', source: '10.0.0.1' };
    const there = { ...here, source: '10.0.0.2' };
    const ghost = { ...here, login: 'nobody', source: '10.0.0.3' };
    expect(await findLoginFailures(database.db, here)).toBeNull();
    await saveLoginFailures(database.db, here, { failedLogins: 2, lockedUntil: null }, at(0));
    await saveLoginFailures(database.db, here, { failedLogins: 3, lockedUntil: null }, at(1));
    await saveLoginFailures(database.db, there, { failedLogins: 0, lockedUntil: at(30) }, at(1));
    await saveLoginFailures(database.db, ghost, { failedLogins: 1, lockedUntil: null }, at(1));
    expect(await findLoginFailures(database.db, here)).toEqual({ failedLogins: 3, lockedUntil: null, lastSuccessAt: null });
    expect(await findLoginFailures(database.db, { ...here, accountKind: 'owner' })).toBeNull();
    await recordLoginSuccess(database.db, here, at(2));
    expect(await findLoginFailures(database.db, here)).toEqual({ failedLogins: 0, lockedUntil: null, lastSuccessAt: at(2) });
    // a failure later keeps the source familiar
    await saveLoginFailures(database.db, here, { failedLogins: 1, lockedUntil: null }, at(3));
    expect((await findLoginFailures(database.db, here))?.lastSuccessAt).toBe(at(2));
    // pruning at 02:20: the ghost goes; the familiar source and the running lock stay
    expect(await pruneLoginFailures(database.db, at(20))).toBe(1);
    expect(await findLoginFailures(database.db, ghost)).toBeNull();
    expect(await findLoginFailures(database.db, there)).toEqual({ failedLogins: 0, lockedUntil: at(30), lastSuccessAt: null });
    await clearAllLoginFailures(database.db, 'staff', 'agent1', at(4));
    expect(await findLoginFailures(database.db, there)).toEqual({ failedLogins: 0, lockedUntil: null, lastSuccessAt: null });
    expect((await findLoginFailures(database.db, here))?.lastSuccessAt).toBe(at(2));
  });

  it('a transaction that fails writes nothing', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await nextCounterValue(trx, 'rollback-me');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await database.db.selectFrom('counters').selectAll().where('key', '=', 'rollback-me').executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe('row codec and text search helpers', () => {
  it('booleans and JSON round-trip through the row encoding', () => {
    const value = { a: true, b: false, c: null, j: { x: [1, 2] }, n: null, s: 'x' };
    const row = encodeRow(value, { booleans: ['a', 'b', 'c'], json: ['j', 'n'] });
    expect(row).toEqual({ a: 1, b: 0, c: null, j: '{"x":[1,2]}', n: null, s: 'x' });
    expect(decodeRow(row, { booleans: ['a', 'b', 'c'], json: ['j', 'n'] })).toEqual(value);
  });

  it('LIKE wildcards in search text are escaped', () => {
    expect(likePattern('50%_off')).toBe('%50\\%\\_off%');
    expect(likePattern('漏水')).toBe('%漏水%');
  });
});
