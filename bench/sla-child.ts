// The SLA bench, in its own process per database (GUANJIA_TEST_DB): the scheduler's tick with 1,000
// due clocks among N open cases (the tick must not grow with N), and working-time additions per second.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type QueryExecutorProvider } from 'kysely';
import { BusinessCalendar, mainlandCalendarSpec } from '@guanjia/core';
import { freshDatabase } from '@guanjia/storage/testing';
import { actorFromStaff, createCase, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, runSlaTick, type AppDeps } from '@guanjia/server';
import { seedDemo } from '@guanjia/server/seed';
import { findStaff } from '@guanjia/storage';

const sizes = (process.env.BENCH_SLA_SIZES ?? '100000,1000000').split(',').map(Number);
const dueCount = Number(process.env.BENCH_SLA_DUE ?? 1000);
const additions = Number(process.env.BENCH_SLA_ADDITIONS ?? 1_000_000);
let ok = true;

// 1. working-time additions on the mainland calendar (holidays and make-up days of 2025–2026)
{
  const cal = new BusinessCalendar(mainlandCalendarSpec());
  const base = Date.parse('2025-01-01T00:00:00Z');
  const span = 700 * 24 * 60; // starts spread over 2025–2026
  let sink = 0;
  for (let i = 0; i < 50_000; i++) sink += cal.addWorkingMinutes(base + (i % span) * 60_000, 15 + (i % 2400)); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < additions; i++) sink += cal.addWorkingMinutes(base + ((i * 7919) % span) * 60_000, 15 + (i % 2400));
  const ms = performance.now() - t0;
  const perSecond = (additions / ms) * 1000;
  console.log(
    `working-time additions (mainland 2025–2026)  ${(perSecond / 1e6).toFixed(2)} M/s   (${additions} in ${ms.toFixed(0)} ms${sink === 0 ? '' : ''})`,
  );
}

// 2. scheduler tick: `dueCount` due clocks among N open cases
const NOW = '2026-11-25T06:00:00.000Z';
for (const size of sizes) {
  const { database, drop } = await freshDatabase();
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-bench-'));
  const deps: AppDeps = {
    database,
    now: () => '2026-11-25T02:00:00.000Z',
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 1)),
    attachmentsDir,
    limits: DEFAULT_LIMITS,
  };
  const demo = await seedDemo(deps, { withCases: false });
  const agent = actorFromStaff((await findStaff(database.db, demo.staff.agent1!))!);
  const template = (await createCase(deps, agent, { projectId: demo.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '压测模板' }))
    .body as { case: { id: string } };
  const templateId = template.case.id;
  const t0 = performance.now();
  await fill(database.db, database.dialect, templateId, size, dueCount);
  const seedMs = performance.now() - t0;
  deps.now = () => NOW;
  const tick0 = performance.now();
  const r = await runSlaTick(deps, { limit: dueCount });
  const tickMs = performance.now() - tick0;
  const again0 = performance.now();
  const idle = await runSlaTick(deps, { limit: dueCount });
  const idleMs = performance.now() - again0;
  // the same due set once more, the code now warm (a running server's steady state)
  await sql`update sla_clocks set warned = 0, escalations = 0, next_alert_at = '2026-11-25T05:59:00.000Z' where id like 'bench-k-%' and due_at = '2026-11-25T06:10:00.000Z'`.execute(
    database.db,
  );
  const warm0 = performance.now();
  const warm = await runSlaTick(deps, { limit: dueCount });
  const warmMs = performance.now() - warm0;
  console.log(
    `sla tick (${database.dialect}) ${String(size).padStart(8)} open cases, ${r.clocks} due: first ${tickMs.toFixed(1).padStart(6)} ms, warm ${warmMs.toFixed(1).padStart(6)} ms (${r.alerts} alerts, ${r.notifications} notifications); a tick with nothing due ${idleMs.toFixed(1)} ms   [seeded in ${(seedMs / 1000).toFixed(1)} s]`,
  );
  if (r.clocks !== Math.min(dueCount, size) || r.alerts !== r.clocks || idle.clocks !== 0 || warm.clocks !== r.clocks) {
    console.log('  !! the tick did not handle exactly the due clocks');
    ok = false;
  }
  await drop();
  rmSync(attachmentsDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);

/**
 * N open cases, each with a running first-reply clock: copies of one real case (and its clock) made
 * in SQL. The first `due` of them are at their warning now (due in 10 minutes), the rest are due in 2099.
 */
async function fill(db: QueryExecutorProvider, dialect: string, templateId: string, n: number, due: number) {
  const caseCols = await columnsOf(db, dialect, 'cases');
  const clockCols = await columnsOf(db, dialect, 'sla_clocks');
  const batch = 100_000;
  for (let from = 1; from <= n; from += batch) {
    const to = Math.min(n, from + batch - 1);
    const series =
      dialect === 'postgres'
        ? sql`select g as i from generate_series(${from}::int, ${to}::int) g`
        : sql`with recursive s(i) as (select ${from} union all select i + 1 from s where i < ${to}) select i from s`;
    const caseExpr = caseCols.map((c) => (c === 'id' ? sql`'bench-c-' || s.i` : c === 'number' ? sql`'BENCH-' || s.i` : sql.ref(`t.${c}`)));
    await sql`insert into cases (${sql.join(caseCols.map((c) => sql.ref(c)))}) select ${sql.join(caseExpr)} from (${series}) s cross join (select * from cases where id = ${templateId}) t`.execute(
      db,
    );
    // the due ones: warned now (at 80%), due in 10 minutes
    const warnAt = '2026-11-25T05:59:00.000Z';
    const dueAt = '2026-11-25T06:10:00.000Z';
    const clockExpr = clockCols.map((c) => {
      switch (c) {
        case 'id':
          return sql`'bench-k-' || s.i`;
        case 'case_id':
          return sql`'bench-c-' || s.i`;
        case 'due_at':
          return sql`case when s.i <= ${due} then ${dueAt} else '2099-01-01T00:00:00.000Z' end`;
        case 'warn_at':
          return sql`case when s.i <= ${due} then ${warnAt} else '2098-12-31T00:00:00.000Z' end`;
        case 'next_alert_at':
          return sql`case when s.i <= ${due} then ${warnAt} else '2098-12-31T00:00:00.000Z' end`;
        default:
          return sql.ref(`k.${c}`);
      }
    });
    await sql`insert into sla_clocks (${sql.join(clockCols.map((c) => sql.ref(c)))}) select ${sql.join(clockExpr)} from (${series}) s cross join (select * from sla_clocks where case_id = ${templateId}) k`.execute(
      db,
    );
  }
  // the template case's own clock is not part of the scenario
  await sql`update sla_clocks set next_alert_at = '2098-12-31T00:00:00.000Z' where case_id = ${templateId}`.execute(db);
  await sql`analyze`.execute(db);
}

async function columnsOf(db: QueryExecutorProvider, dialect: string, table: string): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{
      col: string;
    }>`select column_name as col from information_schema.columns where table_name = ${table} and table_schema = current_schema() order by ordinal_position`.execute(
      db,
    );
    return r.rows.map((x) => x.col);
  }
  const r = await sql<{ col: string }>`select name as col from pragma_table_info(${table})`.execute(db);
  return r.rows.map((x) => x.col);
}
