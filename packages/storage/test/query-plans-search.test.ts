import { CompiledQuery, sql, type Compilable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '@guanjia/core';
import {
  caseLookUpQueries,
  migrateToLatest,
  migrateUpTo,
  newestEventKeysQuery,
  numberSuffixQuery,
  ownerSearchQuery,
  textSearchQuery,
  type Database,
  type Schema,
} from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { seedSearchData, type SearchSeed } from '../src/testing/search-seed.ts';

/**
 * The search statements use their indexes (issue 11): FTS5 / the GIN index for full text, the reversed
 * number index for a number suffix, owner_contacts' last-4 index, cases by owner and by unit for the
 * look-ups — never a scan of all cases. A modest data set is inserted before migration 0012 (so its
 * backfill runs too) and analysed. On PostgreSQL, sequential scans are costed out in the explaining
 * transaction (at this size a scan would be cheapest): the plan must then show the index, which
 * fails when the statement cannot use it.
 */
let database: Database;
let drop: () => Promise<void>;
let seed: SearchSeed;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase({ migrate: false }));
  await migrateUpTo(database, '0010-who-and-where');
  seed = await seedSearchData(database.db, { cases: 3000 });
  await migrateToLatest(database);
  await sql`analyze`.execute(database.db);
}, 120_000);
afterAll(async () => drop?.());

/** Every access path in a plan, as text: SQLite's detail lines, PostgreSQL's node types with relation and index. */
async function planOf(query: Compilable<unknown>): Promise<string[]> {
  const c = query.compile();
  if (TEST_DB === 'postgres')
    return database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const r = await trx.executeQuery<{ 'QUERY PLAN': { Plan: PgNode }[] }>(CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]));
      const out: string[] = [];
      const walk = (n: PgNode) => {
        out.push([n['Node Type'], n['Relation Name'] ?? '', n['Index Name'] ?? ''].join(' ').trim());
        for (const p of n.Plans ?? []) walk(p);
      };
      walk(r.rows[0]!['QUERY PLAN'][0]!.Plan);
      return out;
    });
  const r = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
  return r.rows.map((x) => x.detail);
}
interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PgNode[];
}
const noScanOfCases = (plan: string[]) => {
  const scans = plan.filter((l) => (TEST_DB === 'postgres' ? /^Seq Scan (cases|case_search)\b/.test(l) : /^SCAN (cases|case_search)\b(?! VIRTUAL)/.test(l)));
  expect(scans, plan.join('\n')).toEqual([]);
};
const db = () => database.db as Kysely<Schema>;
const staffScope = () => ({
  organizationId: seed.organizationId,
  projectIds: [seed.projectIds[0]],
  excludeAccused: { staffId: 'someone', officeManager: false },
});

describe(`search query plans on ${TEST_DB}`, () => {
  it('full text for staff: the FTS5 table / the GIN index', async () => {
    for (const word of ['琵琶', '漏水', '漏', '电梯 漏水']) {
      const plan = await planOf(textSearchQuery(db(), staffScope(), parseSearchQuery(word), 500));
      // PostgreSQL: a rare word by the GIN index; a common one may instead walk the newest cases backwards
      const expected =
        TEST_DB === 'sqlite'
          ? /case_search_fts VIRTUAL TABLE INDEX/
          : word === '琵琶'
            ? /Bitmap Index Scan\s+case_search_doc_idx/
            : /Bitmap Index Scan\s+case_search_doc_idx|Index Scan( Backward)? case_search case_search_created_idx/;
      expect(plan.join('\n'), word).toMatch(expected);
      noScanOfCases(plan);
    }
  });

  it('full text for an owner: their cases by cases_owner_created_idx, each checked against the index', async () => {
    const plan = await planOf(
      textSearchQuery(db(), { organizationId: seed.organizationId, projectIds: null, ownerId: seed.sample.ownerId }, parseSearchQuery('漏水'), 500),
    );
    expect(plan.join('\n')).toMatch(/cases_owner_created_idx/);
    if (TEST_DB === 'sqlite') expect(plan.join('\n')).toMatch(/case_search_fts VIRTUAL TABLE INDEX/);
    noScanOfCases(plan);
  });

  it('a number suffix: a prefix range on the reversed numbers', async () => {
    const plan = await planOf(numberSuffixQuery(db(), seed.organizationId, '-000008', 500));
    expect(plan.join('\n')).toMatch(/case_search_number_idx/);
    noScanOfCases(plan);
  });

  it('a phone’s last four digits: owner_contacts_last4_idx', async () => {
    const q = db()
      .selectFrom('ownerContacts')
      .select(['ownerId', 'value'])
      .where('organizationId', '=', seed.organizationId)
      .where('kind', '=', 'phone')
      .where('phoneLast4', '=', seed.sample.phone.slice(-4))
      .limit(500);
    expect((await planOf(q)).join('\n')).toMatch(/owner_contacts_last4_idx/);
  });

  it('the cases of the look-ups (ids, owners, units): by primary key, cases_owner_created_idx and cases_unit_created_idx, never the date order of all cases', async () => {
    // the keys only (id, created_at): the page's rows are then read by primary key
    const queries = caseLookUpQueries(
      db(),
      {
        ...staffScope(),
        anyOf: { caseIds: [seed.sample.caseId, 'case-x'], ownerIds: [seed.sample.ownerId, 'owner-x'], unitIds: ['unit-0000000001', 'unit-x'] },
        limit: 51,
      },
      ['id', 'createdAt'],
    );
    expect(queries).toHaveLength(3);
    const plans = await Promise.all(queries.map((q) => planOf(q)));
    const expected = [TEST_DB === 'sqlite' ? /sqlite_autoindex_cases_1|PRIMARY KEY/ : /cases_pkey/, /cases_owner_created_idx/, /cases_unit_created_idx/];
    plans.forEach((plan, i) => {
      const text = plan.join('\n');
      expect(text).toMatch(expected[i]!);
      // at a million cases SQLite walked the organization's index in date order for an OR of the three (708 ms)
      expect(text).not.toMatch(/cases_org_created_idx|cases_open_org_idx/);
      noScanOfCases(plan);
    });
  });
  it('the owner archive’s newest events: their keys by (case_id, seq), never a scan of all events', async () => {
    const cases = await db().selectFrom('cases').select('id').where('ownerId', '=', seed.sample.ownerId).limit(50).execute();
    const plan = await planOf(
      newestEventKeysQuery(
        db(),
        cases.map((c) => c.id),
        { includeInternal: true, newest: 100 },
      ),
    );
    expect(plan.join('\n')).toMatch(
      TEST_DB === 'sqlite' ? /SEARCH case_events USING INDEX sqlite_autoindex_case_events_\d \(case_id=\?\)/ : /case_events_case_seq_unique/,
    );
    expect(plan.join('\n')).not.toMatch(TEST_DB === 'sqlite' ? /SCAN case_events/ : /Seq Scan case_events/);
  });

  it('an owner search with a text: the matches drive, each checked for a link to the projects (owner_units_project_idx)', async () => {
    const plan = await planOf(
      ownerSearchQuery(db(), {
        organizationId: seed.organizationId,
        projectIds: [seed.projectIds[0]!],
        text: seed.sample.phone.slice(-4),
        limit: 50,
        offset: 0,
      }),
    );
    const text = plan.join('\n');
    expect(text).toMatch(/owner_units_project_idx/);
    // SQLite walked every owner of the project and checked each against the matches (half the search's time)
    if (TEST_DB === 'sqlite') expect(text).toMatch(/CORRELATED SCALAR SUBQUERY[^\n]*\n[^\n]*owner_units_project_idx \(project_id=\? AND owner_id=\?\)/);
  });
});
