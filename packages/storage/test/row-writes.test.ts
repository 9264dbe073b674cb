import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compileWrites, idempotencyKeyInsert, insertOf, isUniqueViolation, mergeSummedRows, runWrites, type Database, type RowWrite } from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(async () => drop?.());

const key = (actorId: string, k: string) =>
  idempotencyKeyInsert({
    actorId,
    key: k,
    organizationId: 'org',
    requestHash: 'h',
    statusCode: 201,
    response: { n: k },
    createdAt: '2026-12-04T00:00:00.000Z',
  });
const counter = (k: string, value: number) => insertOf('counters', { key: k, value });

/** Runs writes as the product does: one statement on PostgreSQL, one transaction on SQLite. */
const run = (writes: RowWrite[]) => (database.dialect === 'postgres' ? runWrites(database.db, writes) : database.write((trx) => runWrites(trx, writes)));
const counters = async (prefix: string) =>
  (await database.db.selectFrom('counters').select(['key', 'value']).where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((r) => [
    r.key,
    Number(r.value),
  ]);
const keysOf = async (actorId: string) =>
  (await database.db.selectFrom('idempotencyKeys').select('key').where('actorId', '=', actorId).orderBy('key').execute()).map((r) => r.key);

describe(`writes run together on ${TEST_DB}`, () => {
  it('rows of several tables and shapes are written at once; one statement with a multi-row insert per shape on PostgreSQL', async () => {
    const writes = [
      counter('a:1', 1),
      key('w1', 'k1'),
      counter('a:2', 2),
      key('w1', 'k2'),
      insertOf('counters', { key: 'a:3', value: 3 }, 'on conflict ("key") do nothing'),
    ];
    const compiled = compileWrites(writes)!;
    expect(compiled.text.match(/insert into/g)).toHaveLength(3);
    expect(compiled.text.startsWith('with w1 as (insert into "counters" ("key", "value") values ($1, $2), ($3, $4))')).toBe(true);
    expect(compiled.values).toHaveLength(2 * 2 + 2 * 7 + 2);
    await run(writes);
    expect(await counters('a:')).toEqual([
      ['a:1', 1],
      ['a:2', 2],
      ['a:3', 3],
    ]);
    expect(await keysOf('w1')).toEqual(['k1', 'k2']);
  });

  it('a write that fails writes none of its rows, and says which table refused', async () => {
    await run([key('w2', 'taken')]);
    const failing = run([counter('b:1', 1), key('w2', 'fresh'), key('w2', 'taken')]);
    const error = await failing.catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'idempotency_keys')).toBe(true);
    expect(isUniqueViolation(error, 'counters')).toBe(false);
    expect(await counters('b:')).toEqual([]);
    expect(await keysOf('w2')).toEqual(['taken']);
  });

  it('an update by ids runs among the inserts, only where the column is still empty if asked', async () => {
    await run([insertOf('outbox', { organizationId: 'o-upd', topic: 't', payload: '{}', createdAt: 'x' })]);
    const row = await database.db.selectFrom('outbox').selectAll().where('organizationId', '=', 'o-upd').executeTakeFirstOrThrow();
    const processed = async () => (await database.db.selectFrom('outbox').select('processedAt').where('id', '=', row.id).executeTakeFirstOrThrow()).processedAt;
    await run([{ kind: 'update', table: 'outbox', set: { processedAt: 'never' }, ids: [], onlyWhereNull: 'processedAt' }]);
    expect(await processed()).toBeNull();
    await run([counter('c:1', 1), { kind: 'update', table: 'outbox', set: { processedAt: 'p1' }, ids: [row.id], onlyWhereNull: 'processedAt' }]);
    await run([{ kind: 'update', table: 'outbox', set: { processedAt: 'p2' }, ids: [row.id], onlyWhereNull: 'processedAt' }]);
    expect(await processed()).toBe('p1');
    expect(await counters('c:')).toEqual([['c:1', 1]]);
  });

  it('upserts that add to the same counter, from several units of work, are merged into one row that adds them all', async () => {
    const add = (k: string, n: number) =>
      insertOf('counters', { key: k, value: n }, 'on conflict ("key") do update set "value" = "counters"."value" + excluded."value"', {
        key: k,
        sums: ['value'],
      });
    await run([add('m:a', 1)]);
    const writes = [add('m:a', 2), counter('m:x', 9), add('m:b', 5), add('m:a', 4), add('m:b', -1)];
    const merged = mergeSummedRows(writes);
    expect(merged).toHaveLength(3);
    // the first row of each key keeps its place; the writes given are not changed
    expect(merged.map((w) => (w.kind === 'insert' ? w.row : null))).toEqual([
      { key: 'm:a', value: 6 },
      { key: 'm:x', value: 9 },
      { key: 'm:b', value: 4 },
    ]);
    expect(writes[0]).toMatchObject({ row: { key: 'm:a', value: 2 } });
    // unmerged, one PostgreSQL statement would touch the row twice, which it refuses
    if (database.dialect === 'postgres') await expect(run(writes)).rejects.toThrow(/affect row a second time/);
    await run(merged);
    expect(await counters('m:')).toEqual([
      ['m:a', 7],
      ['m:b', 4],
      ['m:x', 9],
    ]);
  });

  it('concurrent intakes: every one gets its own serial, and one that fails is refused alone while the others are written', async () => {
    const before = await database.writeWithCaseSerial((serial) => ({ writes: [], value: serial }));
    const attempts = Array.from({ length: 40 }, (_, i) =>
      database.writeWithCaseSerial((serial) => ({
        // the 7th repeats a key stored by the 3rd's own write… in the same instant: exactly one of the two may win
        writes: [counter(`d:${String(i).padStart(2, '0')}`, serial), key('w4', i === 7 ? 'k3' : `k${i}`)],
        value: serial,
      })),
    );
    const settled = await Promise.allSettled(attempts);
    const refused = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(refused).toHaveLength(1);
    expect([3, 7]).toContain(refused[0]);
    expect(isUniqueViolation((settled[refused[0]!] as PromiseRejectedResult).reason, 'idempotency_keys')).toBe(true);
    const serials = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(new Set(serials).size).toBe(39);
    expect(Math.min(...serials)).toBeGreaterThan(before);
    const written = await counters('d:');
    expect(written).toHaveLength(39);
    expect(written.map(([, v]) => v)).toEqual(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
    expect((await keysOf('w4')).length).toBe(39);
  });

  it('serials of one process grow with the order of the requests', async () => {
    const serials = await Promise.all(Array.from({ length: 25 }, () => database.writeWithCaseSerial((serial) => ({ writes: [], value: serial }))));
    expect(serials).toEqual([...serials].sort((a, b) => a - b));
    expect(new Set(serials).size).toBe(25);
  });

  it('on SQLite the serial is taken in the write: a refused intake leaves no gap', async () => {
    if (database.dialect !== 'sqlite') return expect(database.dialect).toBe('postgres');
    const a = await database.writeWithCaseSerial((serial) => ({ writes: [], value: serial }));
    await expect(database.writeWithCaseSerial(() => ({ writes: [key('w2', 'taken')], value: 0 }))).rejects.toThrow();
    const b = await database.writeWithCaseSerial((serial) => ({ writes: [], value: serial }));
    expect(b).toBe(a + 1);
    const n = await sql<{ n: number }>`select count(*) as n from counters where key = 'case-serial'`.execute(database.db);
    expect(Number(n.rows[0]!.n)).toBe(1);
  });
});
