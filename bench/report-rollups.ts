// npx tsx bench/report-rollups.ts [--cases=200000] [--db=sqlite|postgres] [--runs=5]
// Reports before and after the rollups (issue 11, decision 0015) on a data set inserted directly:
// cases over two years in three projects (one in a half-hour zone), two clocks each, built set-based at
// migration 0010; then migration 0013's backfill is timed (rows/s), then each report statement is
// timed as it was (a scan of cases / clocks per request, grouped partly in JavaScript) and from the
// rollups (median of 5 runs, after one warm-up). Absolute times are noisy on a shared machine: compare
// the two columns of one run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import {
  complaintCategoryRollup,
  isPostgres,
  migrateToLatest,
  migrateUpTo,
  openDatabase,
  outcomeRollup,
  timelinessRollup,
  timelinessRollupQuery,
  type Database,
} from '@guanjia/storage';
import { recountComplaintCategories, recountOutcomes, recountTimeliness } from '@guanjia/storage/report-recount';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const N = Number(flag('cases', '200000'));
const dialect = flag('db', 'sqlite');
const RUNS = Number(flag('runs', '5'));
const PG_ADMIN = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ORG = 'org-bench';
const PROJECTS = [
  { id: 'pb1', timeZone: 'Asia/Shanghai' },
  { id: 'pb2', timeZone: 'Asia/Shanghai' },
  { id: 'pb3', timeZone: 'Asia/Kolkata' },
];

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const name = `gj_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    const database = openDatabase({ url: url.toString() });
    return {
      database,
      drop: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: PG_ADMIN });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gj-bench-reports-'));
  const database = openDatabase({ url: join(dir, 'bench.sqlite') });
  return { database, drop: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Cases and clocks, set-based: i = 0..N-1, one every (two years / N), types, staff and departments cycling. */
async function generate(database: Database): Promise<void> {
  const db = database.db;
  const pgsql = isPostgres(db);
  const at = '2025-01-01T00:00:00.000Z';
  await sql`insert into organizations (id, code, name, created_at) values (${ORG}, 'B', 'B', ${at})`.execute(db);
  for (const p of PROJECTS)
    await sql`insert into projects (id, organization_id, code, name, phase, time_zone, created_at, updated_at)
      values (${p.id}, ${ORG}, ${p.id}, ${p.id}, 'operating', ${p.timeZone}, ${at}, ${at})`.execute(db);
  const step = Math.floor((2 * 365 * 86_400) / N); // seconds between cases
  const seq = pgsql
    ? sql`select i from generate_series(0, ${N - 1}) as g(i)`
    : sql`with recursive seq(i) as (select 0 union all select i + 1 from seq where i < ${N - 1}) select i from seq`;
  const iso = (seconds: ReturnType<typeof sql>) =>
    pgsql
      ? sql`to_char(timestamp '2025-01-01 00:00:00' + (${seconds}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01 00:00:00', '+' || (${seconds}) || ' seconds')`;
  const created = iso(sql`i * ${step}`);
  const closed = iso(sql`i * ${step} + 86400 + (i % 13) * 3600`);
  const project = sql`case i % 3 when 0 then 'pb1' when 1 then 'pb2' else 'pb3' end`;
  const type = sql`case i % 4 when 0 then 'complaint' when 1 then 'repair' when 2 then 'inquiry' else 'suggestion' end`;
  const isClosed = sql`(i % 40 <> 0)`;
  const staff = (m: number) => sql`'s' || cast((i * ${m}) % 300 as text)`;
  await sql`insert into cases (id, organization_id, project_id, number, type, status, channel, category, title, description, first_receiver_id,
      department_id, assignee_id, level, accused_staff_id, accused_party, close_reason, reopen_count, satisfied, rating, created_at, updated_at, closed_at, version)
    select 'c' || cast(i as text), ${ORG}, ${project}, 'N' || cast(i as text), ${type}, case when ${isClosed} then 'closed' else 'in_progress' end, 'hotline',
      case when i % 7 = 0 then null else '类' || cast(i % 12 as text) end, '报事', '报事', ${staff(1)}, 'd' || cast(i % 20 as text),
      case when i % 3 = 0 then null else ${staff(7)} end, 'office', case when i % 997 = 0 then 's1' else null end,
      case when i % 991 = 0 then 'office_management' else null end, case when ${isClosed} then 'resolved' else null end, i % 11 / 10,
      case when ${isClosed} then i % 2 else null end, case when ${isClosed} and i % 3 > 0 then i % 5 + 1 else null end,
      ${created}, ${created}, case when ${isClosed} then ${closed} else null end, 1
    from (${seq}) s`.execute(db);
  for (const [n, kind] of ['first_reply', 'department_answer'].entries()) {
    const due = iso(sql`i * ${step} + ${(n + 1) * 5400}`);
    const running = sql`(i % 40 = 0 and ${n} = 1)`;
    await sql`insert into sla_clocks (id, organization_id, project_id, case_id, kind, case_type, rule, started_at, pauses, due_at, due_local_date,
        stopped_at, result, department_id, assignee_id, warned, escalations, updated_at)
      select 'k' || cast(i as text) || ${`-${n}`}, ${ORG}, ${project}, 'c' || cast(i as text), ${kind}, ${type}, '{}', ${created}, '[]', ${due},
        substr(${due}, 1, 10), case when ${running} then null else ${due} end,
        case when ${running} then null when i % 6 = 0 then 'breached' else 'met' end, 'd' || cast(i % 20 as text), ${staff(7)}, 0, 0, ${created}
      from (${seq}) s`.execute(db);
  }
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const { database, drop } = await open();
try {
  await migrateUpTo(database, '0010-who-and-where');
  let t0 = performance.now();
  await generate(database);
  console.log(`${dialect}: ${N} cases and ${2 * N} clocks generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  t0 = performance.now();
  await migrateToLatest(database);
  const seconds = (performance.now() - t0) / 1000;
  const rollupRows = await sql<{
    n: string | number;
  }>`select (select count(*) from report_outcomes) + (select count(*) from report_timeliness) + (select count(*) from report_complaint_categories) as n`.execute(
    database.db,
  );
  console.log(
    `migration 0013 backfill: ${seconds.toFixed(1)} s for ${N} cases + ${2 * N} clocks = ${Math.round((3 * N) / seconds)} source rows/s; ${Number(rollupRows.rows[0]!.n)} rollup rows`,
  );
  const db = database.db;
  // statistics, as a running database has them (PostgreSQL's autovacuum; SQLite's ANALYZE after migrations)
  await sql`analyze`.execute(db);
  const year = { organizationId: ORG, from: '2025-07-01', to: '2026-07-01' };
  const all = { ...year, projectIds: PROJECTS.map((p) => p.id), projects: PROJECTS };
  const accused = { staffId: 's1', officeManager: true };
  const now = '2027-01-01T00:00:00.000Z';
  if (args.includes('--explain') && !isPostgres(db))
    for (const r of (await sql<{ detail: string }>`explain query plan ${timelinessRollupQuery({ ...all, groupBy: 'month', now })}`.execute(db)).rows)
      console.log(r.detail);
  const rows: [string, number, number][] = [];
  const measure = async (name: string, before: () => Promise<unknown>, after: () => Promise<unknown>) =>
    rows.push([name, await median(before), await median(after)]);
  await measure(
    'timeliness, a year by month',
    () => recountTimeliness(db, { ...all, groupBy: 'month', now }),
    () => timelinessRollup(db, { ...all, groupBy: 'month', now }),
  );
  await measure(
    'timeliness, a year by staff',
    () => recountTimeliness(db, { ...all, groupBy: 'staff', now }),
    () => timelinessRollup(db, { ...all, groupBy: 'staff', now }),
  );
  await measure(
    'timeliness, a year by staff, accused reader',
    () => recountTimeliness(db, { ...all, groupBy: 'staff', now, excludeAccused: accused }),
    () => timelinessRollup(db, { ...all, groupBy: 'staff', now, excludeAccused: accused }),
  );
  const outcomes = (groupBy: 'month' | 'staff', excludeAccused?: typeof accused) =>
    [
      () => Promise.all([recountOutcomes(db, { ...all, groupBy, excludeAccused }), recountComplaintCategories(db, { ...all, excludeAccused })]),
      () => Promise.all([outcomeRollup(db, { ...all, groupBy, excludeAccused }), complaintCategoryRollup(db, { ...all, excludeAccused })]),
    ] as const;
  await measure('outcomes + categories, a year by month', ...outcomes('month'));
  await measure('outcomes + categories, a year by staff', ...outcomes('staff'));
  await measure('outcomes + categories, a year by month, accused reader', ...outcomes('month', accused));
  const twoYears = { ...all, from: '2025-01-01', to: '2027-01-01' };
  await measure(
    'outcomes, two years by staff',
    () => recountOutcomes(db, { ...twoYears, groupBy: 'staff' }),
    () => outcomeRollup(db, { ...twoYears, groupBy: 'staff' }),
  );
  await measure(
    'timeliness, 10 days mid-month by department',
    () => recountTimeliness(db, { ...all, from: '2026-03-10', to: '2026-03-20', groupBy: 'department', now }),
    () => timelinessRollup(db, { ...all, from: '2026-03-10', to: '2026-03-20', groupBy: 'department', now }),
  );
  console.log(`\n| ${dialect}, ${N} cases | before (scan) ms | after (rollups) ms | ratio |\n|---|---:|---:|---:|`);
  for (const [name, before, after] of rows) console.log(`| ${name} | ${before.toFixed(1)} | ${after.toFixed(1)} | ${(before / after).toFixed(0)}× |`);
} finally {
  await drop();
}
