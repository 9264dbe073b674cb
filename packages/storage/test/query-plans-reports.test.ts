import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  complaintCategoryMonthCountsQuery,
  complaintCategoryRollupQuery,
  complaintItemsQuery,
  outcomeItemsQuery,
  timelinessItemsQuery,
  countOverdueBreaches,
  isPostgres,
  outcomeRollupQuery,
  rebuildReportRollups,
  serviceLanguageOverridesQuery,
  timelinessRollupQuery,
  type Database,
  type OutcomeGrouping,
  type TimelinessGrouping,
} from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';

/**
 * Item 8 of issue 11: the report statements read the rollups through their primary key, the running
 * clocks past due whose breach is not counted yet through their own partial index (never every running
 * clock past due: those grow with the cases left open) and the reader's accusations through the accused
 * indexes; a plan that scans the rollups, cases or clocks fails. A modest seeded data set (4,000 cases, their
 * clocks and rollups); on PostgreSQL, statistics gathered and sequential scans are priced out
 * (enable_seqscan off) so that the plan shows whether an index CAN serve the statement.
 */

let database: Database;
let drop: () => Promise<void>;
const ORG = 'org-q';
const PROJECTS = ['q1', 'q2', 'q3'];
const CASES = 4_000;
const NOW = '2026-01-01T00:00:00.000Z';

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const db = database.db;
  const at = '2025-01-01T00:00:00.000Z';
  await sql`insert into organizations (id, code, name, created_at) values (${ORG}, 'Q', 'Q', ${at})`.execute(db);
  for (const p of PROJECTS)
    await sql`insert into projects (id, organization_id, code, name, phase, time_zone, created_at, updated_at)
      values (${p}, ${ORG}, ${p}, ${p}, 'operating', ${p === 'q2' ? 'Asia/Kolkata' : 'Asia/Shanghai'}, ${at}, ${at})`.execute(db);
  await database.write(async (trx) => {
    for (let i = 0; i < CASES; i += 1) {
      const created = new Date(Date.parse(at) + i * 4 * 3_600_000).toISOString(); // ~two years
      const closed = i % 5 !== 0;
      const closedAt = closed ? new Date(Date.parse(created) + 86_400_000).toISOString() : null;
      const type = ['complaint', 'repair', 'inquiry', 'suggestion'][i % 4]!;
      await sql`insert into cases (id, organization_id, project_id, number, type, status, channel, category, title, description, first_receiver_id,
          department_id, assignee_id, level, accused_staff_id, accused_party, close_reason, reopen_count, satisfied, rating, created_at, updated_at, closed_at, version)
        values (${`c${i}`}, ${ORG}, ${PROJECTS[i % 3]!}, ${`N${i}`}, ${type}, ${closed ? 'closed' : 'in_progress'}, 'hotline', ${i % 7 === 0 ? null : `类${i % 6}`},
          '报事', '报事', ${`s${i % 40}`}, ${`d${i % 8}`}, ${i % 3 === 0 ? null : `s${(i * 7) % 40}`}, 'office', ${i % 797 === 0 ? 's1' : null},
          ${i % 887 === 0 ? 'office_management' : null}, ${closed ? 'resolved' : null}, 0, ${closed ? i % 2 : null}, ${closed && i % 3 ? (i % 5) + 1 : null},
          ${created}, ${created}, ${closedAt}, 1)`.execute(trx);
      for (const [n, kind] of ['first_reply', 'department_answer'].entries()) {
        const due = new Date(Date.parse(created) + (n + 1) * 3_600_000).toISOString();
        const running = !closed && n === 1;
        await sql`insert into sla_clocks (id, organization_id, project_id, case_id, kind, case_type, rule, started_at, pauses, due_at, due_local_date,
            stopped_at, result, department_id, assignee_id, warned, escalations, updated_at)
          values (${`k${i}-${n}`}, ${ORG}, ${PROJECTS[i % 3]!}, ${`c${i}`}, ${kind}, ${type}, '{}', ${created}, '[]', ${due}, ${due.slice(0, 10)},
            ${running ? null : due}, ${running ? null : i % 4 ? 'met' : 'breached'}, ${`d${i % 8}`}, ${`s${i % 40}`}, 0, 0, ${created})`.execute(trx);
      }
    }
    // the scheduler has counted the breaches of the running clocks due before the reports' instant
    await countOverdueBreaches(trx, NOW);
    await rebuildReportRollups(trx);
  });
  // PostgreSQL gathers statistics (autovacuum would); SQLite is left without them, as a database that was
  // never analyzed: the statements must find their indexes either way
  if (isPostgres(db)) await sql`analyze`.execute(db);
});
afterAll(async () => drop?.());

/** Every scan and index use of a statement's plan: [operation, table, index]. */
async function planOf(statement: RawBuilder<unknown> | CompiledQuery): Promise<{ op: string; table: string; index: string }[]> {
  const query = 'compile' in statement ? statement.compile(database.db) : statement;
  const explain = <R>(prefix: string) => CompiledQuery.raw(`${prefix} ${query.sql}`, [...query.parameters]) as CompiledQuery<R>;
  if (!isPostgres(database.db)) {
    const { rows } = await database.db.executeQuery(explain<{ detail: string }>('explain query plan'));
    return rows.flatMap((r) => {
      const m = /^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+)| USING (INTEGER )?PRIMARY KEY)?/.exec(r.detail);
      return m ? [{ op: m[1]!, table: ALIASES[m[2]!] ?? m[2]!, index: m[3] ?? (r.detail.includes('PRIMARY KEY') ? 'pk' : '') }] : [];
    });
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery(explain<{ 'QUERY PLAN': unknown }>('explain (format json)'));
    const out: { op: string; table: string; index: string }[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node['Relation Name'] === 'string' || typeof node['Index Name'] === 'string')
        out.push({ op: String(node['Node Type']), table: String(node['Relation Name'] ?? ''), index: String(node['Index Name'] ?? '') });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    const plan = (rows[0] as Record<string, unknown>)['QUERY PLAN'] ?? Object.values(rows[0] as object)[0];
    walk((plan as { Plan: Record<string, unknown> }[])[0]!.Plan);
    return out;
  });
}

/** SQLite names a table by its alias (t: the union the outer grouping reads; a, c: the accused's cases, read through their indexes). */
const ALIASES: Record<string, string> = { a: 'accused', c: 'accused', k: 'sla_clocks', p: 'projects', t: 'union' };
const LARGE = ['cases', 'sla_clocks', 'report_outcomes', 'report_timeliness', 'report_complaint_categories'];
const scans = (plan: { op: string; table: string }[]) =>
  plan.filter((p) => (p.op === 'SCAN' || p.op === 'Seq Scan') && LARGE.includes(p.table)).map((p) => p.table);
const indexesOf = (plan: { index: string; table: string }[]) => plan.map((p) => p.index).filter(Boolean);
const ROLLUP_INDEX = (table: string) => (isPostgres(database.db) ? `${table}_pk` : `sqlite_autoindex_${table}_1`);

const filter = {
  organizationId: ORG,
  projectIds: PROJECTS,
  from: '2025-03-10',
  to: '2026-02-20',
  excludeAccused: { staffId: 's1', officeManager: true },
};

describe(`report query plans on ${TEST_DB}`, () => {
  it.each(['month', 'department', 'project', 'staff', 'type'] as OutcomeGrouping[])('outcomes by %s: rollup key, accused indexes, no scan', async (groupBy) => {
    const plan = await planOf(outcomeRollupQuery({ ...filter, groupBy }));
    expect(scans(plan)).toEqual([]);
    expect(indexesOf(plan)).toContain(ROLLUP_INDEX('report_outcomes'));
    expect(indexesOf(plan)).toContain('cases_accused_staff_idx');
    expect(indexesOf(plan)).toContain('cases_accused_party_idx');
  });

  it.each(['staff', 'department', 'project', 'type', 'month', 'clock'] as TimelinessGrouping[])(
    'timeliness by %s: rollup key, uncounted breaches by their index, accused indexes, no scan',
    async (groupBy) => {
      const plan = await planOf(timelinessRollupQuery({ ...filter, groupBy, now: NOW }));
      expect(scans(plan), JSON.stringify(plan)).toEqual([]);
      expect(indexesOf(plan)).toContain(ROLLUP_INDEX('report_timeliness'));
      // running clocks past due whose breach the scheduler has not counted yet: their own partial index,
      // never the running clocks' indexes (every running clock past due, a number that grows with the data)
      expect(indexesOf(plan), JSON.stringify(plan)).toContain('sla_clocks_breach_uncounted_idx');
      expect(
        indexesOf(plan).filter((i) => /^sla_clocks_running_(due|kind)_idx$/.test(i)),
        JSON.stringify(plan),
      ).toEqual([]);
      expect(indexesOf(plan)).toContain('cases_accused_staff_idx');
      // the accused's clocks by case, not a year of clocks by due date
      expect(indexesOf(plan)).toContain('sla_clocks_case_idx');
      expect(indexesOf(plan)).not.toContain('sla_clocks_kpi_idx');
    },
  );

  it('complaint categories: rollup key, accused indexes, no scan', async () => {
    const plan = await planOf(complaintCategoryRollupQuery(filter));
    expect(scans(plan)).toEqual([]);
    expect(indexesOf(plan)).toContain(ROLLUP_INDEX('report_complaint_categories'));
    expect(indexesOf(plan)).toContain('cases_accused_staff_idx');
  });

  it('a corrective measure’s cause in its month and the next: month rows by the rollup key, accused indexes, no scan', async () => {
    const plan = await planOf(
      complaintCategoryMonthCountsQuery({
        projectIds: PROJECTS,
        months: ['2025-06', '2025-07'],
        categories: ['类1', '类2'],
        excludeAccused: filter.excludeAccused,
      }),
    );
    expect(scans(plan), JSON.stringify(plan)).toEqual([]);
    expect(indexesOf(plan)).toContain(ROLLUP_INDEX('report_complaint_categories'));
    expect(indexesOf(plan)).toContain('cases_accused_staff_idx');
    expect(indexesOf(plan)).toContain('cases_accused_party_idx');
  });
});

describe(`service-language report plan on ${TEST_DB}`, () => {
  it('reads the overrides of a period through their partial index, not every event', async () => {
    const plan = await planOf(
      serviceLanguageOverridesQuery(database.db, { organizationId: ORG, projectIds: PROJECTS, from: '2025-01-01', to: '2026-01-01' }).compile(),
    );
    expect(plan.filter((p) => p.op === 'SCAN' || p.op === 'Seq Scan').map((p) => p.table)).not.toContain('case_events');
    expect(indexesOf(plan)).toContain('case_events_language_override_idx');
  });
});

/**
 * Whether a statement's plan sorts (SQLite: a temporary B-tree for ORDER BY; PostgreSQL: a Sort node, with
 * sorts and bitmap scans priced out as sequential scans are above: whether an index CAN give the order —
 * at this size PostgreSQL would rather sort a few hundred rows).
 */
async function sorts(statement: RawBuilder<unknown>): Promise<boolean> {
  const query = statement.compile(database.db);
  if (!isPostgres(database.db)) {
    const { rows } = await database.db.executeQuery(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]) as CompiledQuery<{ detail: string }>,
    );
    return rows.some((r) => r.detail.includes('TEMP B-TREE'));
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    const { rows } = await trx.executeQuery(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
    return /"Node Type": ?"(Incremental )?Sort"/.test(JSON.stringify(rows[0]).replaceAll('\\"', '"'));
  });
}

describe(`report item list plans on ${TEST_DB}`, () => {
  // the lists behind the figures (migration 0043): one page read through an index in the list's order, no
  // sort of the period's clocks or cases, whatever the grouping key
  const scope = {
    organizationId: ORG,
    projects: PROJECTS.map((id) => ({ id, timeZone: id === 'q2' ? 'Asia/Kolkata' : 'Asia/Shanghai' })),
    from: filter.from,
    to: filter.to,
    excludeAccused: filter.excludeAccused,
    limit: 50,
    offset: 0,
  };

  it.each([
    [undefined, undefined],
    ['month', '2025-06'],
    ['staff', 's7'],
    ['department', 'd3'],
    ['project', 'q2'],
    ['type', 'repair'],
    ['clock', 'first_reply'],
  ] as const)('timeliness clocks by %s %s: due order from sla_clocks_kpi_idx, no sort', async (groupBy, key) => {
    const statement = timelinessItemsQuery({ ...scope, groupBy, key, measure: 'breached', now: NOW });
    const plan = await planOf(statement);
    expect(indexesOf(plan), JSON.stringify(plan)).toContain('sla_clocks_kpi_idx');
    expect(scans(plan), JSON.stringify(plan)).toEqual([]);
    expect(await sorts(statement)).toBe(false);
  });

  it.each([
    [undefined, undefined, 'closed'],
    ['month', '2025-06', 'reopened'],
    ['staff', 's7', 'resolved'],
    ['department', 'd3', 'unresolved'],
    ['project', 'q1', 'outOfScope'],
    ['type', 'complaint', 'closed'],
  ] as const)('outcome cases by %s %s (%s): closing order from cases_closed_idx, no sort', async (groupBy, key, measure) => {
    const statement = outcomeItemsQuery({ ...scope, groupBy, key, measure });
    const plan = await planOf(statement);
    expect(indexesOf(plan), JSON.stringify(plan)).toEqual(['cases_closed_idx']);
    expect(await sorts(statement)).toBe(false);
  });

  it.each([undefined, '类3', '-'])('complaints of category %s: receipt order from cases_org_created_idx, no sort', async (key) => {
    const statement = complaintItemsQuery({ ...scope, key });
    const plan = await planOf(statement);
    expect(indexesOf(plan), JSON.stringify(plan)).toEqual(['cases_org_created_idx']);
    expect(await sorts(statement)).toBe(false);
  });
});
