/**
 * Search before and after migration 0012 on a data set inserted directly (issue 11, decision 0014):
 *   npx tsx bench/search-bench.ts --db=sqlite|postgres --cases=200000
 * Builds a fresh database at migration 0010, inserts the cases (storage/testing/search-seed.ts),
 * times the old LIKE search, runs migration 0012 (the backfill: rows/s), then times the same searches
 * from the indexes. Each figure: the median of 5 runs after one warm-up, in one process, so ratios
 * within a run compare; absolute figures depend on the (shared) machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { interpretCaseSearch, unitMatchesAddress } from '@guanjia/core';
import {
  callerCasesMatching,
  caseIdsByNumberSuffix,
  findCases,
  listCases,
  migrateToLatest,
  migrateUpTo,
  openDatabase,
  ownerPhonesMatching,
  searchCasesByText,
  unitsWithRoom,
  type CaseListFilter,
  type Database,
} from '@guanjia/storage';
import { seedSearchData } from '@guanjia/storage/search-seed';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const kind = arg('db', 'sqlite');
const cases = Number(arg('cases', '200000'));
const PG = process.env.GUANJIA_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function open(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `gj_search_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG);
    url.pathname = `/${name}`;
    const database = openDatabase({ url: url.toString() });
    return {
      database,
      cleanup: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: PG });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'guanjia-search-'));
  const database = openDatabase({ url: join(dir, 'bench.sqlite') });
  return { database, cleanup: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2]!;
}

const { database, cleanup } = await open();
try {
  const db = database.db;
  await migrateUpTo(database, '0010-who-and-where');
  let t0 = performance.now();
  const seed = await seedSearchData(db, { cases, onProgress: (n) => n % 50000 === 0 && console.error(`  inserted ${n}`) });
  console.error(`seeded ${cases} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (kind === 'postgres') await sql`analyze`.execute(db);
  const scope: CaseListFilter = {
    organizationId: seed.organizationId,
    projectIds: null,
    excludeAccused: { staffId: 'nobody', officeManager: false },
    limit: 51,
  };
  const unit = `${seed.sample.building}栋${seed.sample.room}`;
  const queries: [string, string][] = [
    ['a common word (漏水, ~35% of cases)', '漏水'],
    ['a rare word (琵琶)', '琵琶'],
    ['a word with no match (鹦鹉)', '鹦鹉'],
    ['two words (电梯 漏水)', '电梯 漏水'],
    ['a whole case number', seed.sample.number],
    ['a number suffix (000008)', '000008'],
    ['a phone’s last 4', seed.sample.phone.slice(-4)],
    [`a unit (${unit})`, unit],
  ];
  const before: number[] = [];
  for (const [, q] of queries) before.push(await median(() => listCases(db, { ...scope, text: q })));

  t0 = performance.now();
  await migrateToLatest(database);
  const migrated = (performance.now() - t0) / 1000;
  await sql`analyze`.execute(db);

  const after: number[] = [];
  for (const [, q] of queries)
    after.push(
      await median(async () => {
        const s = interpretCaseSearch(q)!;
        if (s.kind === 'text') {
          const hits = await searchCasesByText(db, scope, s.terms, 500);
          return findCases(
            db,
            hits.slice(0, 50).map((h) => h.id),
          );
        }
        const anyOf = { caseIds: [] as string[], ownerIds: [] as string[], unitIds: [] as string[] };
        if (s.kind === 'unit') {
          const room = s.address.room;
          const units = await unitsWithRoom(db, { organizationId: scope.organizationId, projectIds: null, rooms: [room], limit: 500 });
          anyOf.unitIds = units.filter((u) => unitMatchesAddress(s.address, u)).map((u) => u.unitId);
        } else {
          if (s.numberSuffix) anyOf.caseIds.push(...(await caseIdsByNumberSuffix(db, scope.organizationId, s.numberSuffix, 500)).map((r) => r.caseId));
          if (s.phoneLast4) {
            anyOf.ownerIds = (await ownerPhonesMatching(db, { organizationId: scope.organizationId, last4: s.phoneLast4, limit: 500 })).map((o) => o.ownerId);
            anyOf.caseIds.push(
              ...(await callerCasesMatching(db, { organizationId: scope.organizationId, last4: s.phoneLast4, limit: 500 })).map((c) => c.caseId),
            );
          }
        }
        return listCases(db, { ...scope, anyOf });
      }),
    );
  console.log(`\nsearch on ${kind}, ${cases.toLocaleString('en')} cases (median of 5, ms)\n`);
  console.log('| query | before (LIKE scan) | after (index) |');
  console.log('|---|---:|---:|');
  queries.forEach(([label], i) => console.log(`| ${label} | ${before[i]!.toFixed(1)} | ${after[i]!.toFixed(2)} |`));
  console.log(`\nmigration 0012 (backfill + indexes): ${migrated.toFixed(1)} s = ${Math.round(cases / migrated).toLocaleString('en')} cases/s`);
} finally {
  await cleanup();
}
