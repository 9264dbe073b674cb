// npm run bench [-- <scenario>] [--db=sqlite|postgres|both] [--duration=10] [--connections=50] [--smoke]
// Scenarios: cases (HTTP case creation against the ceiling), sla (scheduler ticks, calendar arithmetic), notify (issue 13: breach-to-page; bench/notify-child.ts),
// (notify, measured 2026-12-05 late evening on this 2-core machine with other work running: breach-to-page p99 66 ms SQLite,
// 1,023 ms PostgreSQL (target ≤ 5 s); a notice to 20,000 households enqueued in 1.54 s SQLite, 2.22 s PostgreSQL (target ≤ 2 s),
// sent at 474/s and 419/s over SMS, WeChat and email to local receivers, RSS 193 → 475 MiB and 195 → 452 MiB),
// visits (issue 14: a month's visit plan of 20,000 households over HTTP, bench/visits-child.ts; measured 2026-12-06 under load: generate 1.39 s SQLite,
// 1.64 s PostgreSQL, regenerate 0.93 s / 1.49 s, target < 2 s),
// web (the console's and the portal's first load on the wire, uncompressed / gzip / br; needs npm run build:web),
// scale (a generated data set of --cases=N [--regenerate] [--seconds=5] [--in-place]: every list, search and report endpoint; bench/scale/README.md),
// reports (issue 16: the KPI reports and the monthly pack JSON/.xlsx/PDF over the scale data set of --cases=N [default 1000000; --smoke 2000]
// [--requests=10], p50/p95 per report, target < 500 ms; bench/reports-bench.ts, bench/results/reports-<db>-<N>.json; figures in bench/scale/README.md;
// measured 2026-12-06 at 1M and 3M cases on both databases: every report p95 ≤ 91 ms on SQLite 3M and ≤ 63 ms on PostgreSQL 3M, flat from
// 1M to 3M (rollups of decision 0015; the items list one page through an ordered index, migration 0043; the PDF font parsed once; no JIT)),
// export (工单台账 of --cases=N [default 100000; --smoke 2000] as one .xlsx over HTTP [--format=csv]: seconds and the server's peak RSS; bench/export-bench.ts),
// import (issue 12: --units=20000 units of 翠湖花园管理处, then a roster of --owners=100000 people over them [--smoke: 400 and 2,000],
// each a dry run and an apply over HTTP on a fresh database with the demo company, then the roster's dry run again (every row
// unchanged): seconds, rows/s, the server's peak RSS per phase; then the export half, exportBench() of --cases [100000; --smoke 2000];
// bench/import-bench.ts, bench/results/import-<db>-<owners>.json; BENCH_SERVER_HEAP=<MiB> caps the server's heap).
// Import targets: roster dry run and apply each under 30 s, memory flat; export under 15 s. Measured 2026-12-05 evening (2-core machine):
// SQLite dry run 4.8 s, apply 14.2 s, export 4.8 s; PostgreSQL dry run 4.7 s, apply 16.4 s, export 4.8 s; server RSS 124 → 1,562 MiB
// and 120 → 1,954 MiB (824 MiB with BENCH_SERVER_HEAP=640): bounded, not flat — the plan is held whole (docs/operations.md, Imports).
// Scenario "cases": the ceiling (an empty Fastify route); per database, in the same run, the bare
// one-row insert (the intake's ceiling on that database: the same app, authentication and pool, one
// INSERT in its own transaction) and authenticated case creation over HTTP (each creation with its
// event, clocks and idempotency record): requests/s, p50/p99 and the ratio to the bare insert. Before
// both, a 3-second warm-up of creations and a refresh of the planner statistics (decision 0016).
// BENCH_CPU_PROFILE=<dir>: one V8 CPU profile of the app server per phase (<dir>/bare-<db>.cpuprofile, create-<db>.cpuprofile).
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { webScenario } from './web-first-load.ts';
import { scaleScenario } from './scale/measure.ts';
import { exportBench } from './export-bench.ts';
import { importBench } from './import-bench.ts';
import { reportsBench } from './reports-bench.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const smoke = args.includes('--smoke');
const duration = Number(flag('duration', smoke ? '2' : '10'));
const connections = Number(flag('connections', '50'));
const dbs = flag('db', 'both') === 'both' ? ['sqlite', 'postgres'] : [flag('db', 'sqlite')];
const scenarios = args.filter((a) => !a.startsWith('--'));

/** What a bench server says when it is ready (server-child.ts); the empty server sends only its url. */
interface ReadyMessage {
  type: 'ready';
  url: string;
  dialect?: string;
  token?: string;
  projectId?: string;
  ownerId?: string;
  unitId?: string;
}
/** Rows in the database after a run, as counted by server-child.ts. */
interface CountMessage {
  type: 'count';
  cases: number;
  events: number;
  idempotencyKeys: number;
  clocks: number;
}

function startChild(mode: string, db: string): Promise<{ child: ChildProcess; info: ReadyMessage }> {
  const child = fork(new URL('./server-child.ts', import.meta.url).pathname, [mode], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, GUANJIA_TEST_DB: db },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info: info as ReadyMessage }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function ask(child: ChildProcess, type: 'count'): Promise<CountMessage>;
function ask(child: ChildProcess, type: 'cpu'): Promise<{ micros: number }>;
function ask(child: ChildProcess, type: 'profile-start' | 'profile-stop', name?: string): Promise<{ file?: string }>;
function ask(child: ChildProcess, type: 'analyze'): Promise<{ cases: number }>;
function ask(child: ChildProcess, type: 'count' | 'cpu' | 'profile-start' | 'profile-stop' | 'analyze', name?: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send({ type, name });
  });
}

/**
 * Runs a load and measures the server process's CPU time per answered request (user + system): on a
 * machine shared with other work, throughput moves with the neighbours, CPU per request much less.
 */
async function measured(child: ChildProcess, phase: string, run: () => Promise<autocannon.Result>) {
  // BENCH_CPU_PROFILE=<dir>: the app server profiles this phase alone (<dir>/<phase>.cpuprofile)
  const profiling = Boolean(process.env.BENCH_CPU_PROFILE);
  if (profiling) await ask(child, 'profile-start');
  const before = (await ask(child, 'cpu')).micros;
  const result = await run();
  const after = (await ask(child, 'cpu')).micros;
  if (profiling) console.log(`  CPU profile of ${phase}: ${(await ask(child, 'profile-stop', phase)).file}`);
  const answered = result['2xx'] + result.non2xx;
  return { result, cpuMsPerRequest: answered ? (after - before) / 1000 / answered : 0 };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  await exited;
}

let idempotencyKeys = 0;
async function load(
  url: string,
  requests: autocannon.Request[] | undefined,
  headers: Record<string, string>,
  body?: string,
  path = '/api/cases',
  seconds = duration,
) {
  const result = await autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body,
    requests: requests ?? [
      {
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${idempotencyKeys++}` } }),
      },
    ],
  });
  return result;
}

function line(label: string, r: autocannon.Result) {
  return `${label.padEnd(42)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   2xx ${r['2xx']}  non-2xx ${r.non2xx}  errors ${r.errors}`;
}

async function casesScenario() {
  console.log(`\n# cases — ${connections} connections, ${duration} s each${smoke ? ' (smoke)' : ''}`);
  const empty = await startChild('empty', 'sqlite');
  const ceiling = await load(empty.info.url, [{}], {}, '{}');
  await stop(empty.child);
  console.log(line('ceiling: empty Fastify route', ceiling));
  let ok = true;
  const summary: string[] = [];
  for (const db of dbs) {
    const server = await startChild('app', db);
    const auth = { authorization: `Bearer ${server.info.token}` };
    const payload = JSON.stringify({
      projectId: server.info.projectId,
      type: 'repair',
      channel: 'hotline',
      description: '压测：卫生间漏水',
      ownerId: server.info.ownerId,
      unitId: server.info.unitId,
      repairGrade: 'urgent',
    });
    // A database that already holds cases, with planner statistics about them, as a company's has after
    // its first minutes: PostgreSQL caches each connection's plans of the foreign-key checks, and a plan
    // made while cases was empty scans the whole table on every check until autovacuum analyzes it
    // (every minute at most): a brand-new database measured for 10 s measures that, not intake.
    const warmUp = await load(server.info.url, undefined, auth, payload, '/api/cases', smoke ? 1 : 3);
    const warmed = await ask(server.child, 'analyze');
    console.log(`warm-up (${db}): ${warmUp['2xx']} cases created, then planner statistics refreshed (${warmed.cases} cases in the database)`);
    const bareRun = await measured(server.child, `bare-${db}`, () => load(server.info.url, [{}], auth, payload, '/api/bench/bare'));
    const createRun = await measured(server.child, `create-${db}`, () => load(server.info.url, undefined, auth, payload));
    const bare = bareRun.result;
    const r = createRun.result;
    const counts = await ask(server.child, 'count');
    await stop(server.child);
    const ratio = r.requests.average / bare.requests.average;
    console.log(`${line(`bare one-row insert (${db})`, bare)}   server CPU ${bareRun.cpuMsPerRequest.toFixed(3)} ms/request`);
    console.log(`${line(`create case (${db})`, r)}   server CPU ${createRun.cpuMsPerRequest.toFixed(3)} ms/request`);
    console.log(
      `${''.padEnd(42)} ratio to the bare insert ${ratio.toFixed(2)}, to the empty route ${(r.requests.average / ceiling.requests.average).toFixed(2)}; in the database: ${counts.cases} cases, ${counts.events} events, ${counts.clocks} clocks, ${counts.idempotencyKeys} idempotency keys (2xx answered: ${r['2xx']})`,
    );
    summary.push(
      `${db}: bare ${bare.requests.average.toFixed(0)}/s, create ${r.requests.average.toFixed(0)}/s, ratio ${ratio.toFixed(2)}, create p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms; server CPU per request bare ${bareRun.cpuMsPerRequest.toFixed(3)} ms, create ${createRun.cpuMsPerRequest.toFixed(3)} ms`,
    );
    if (bare.non2xx > 0 || bare.errors > 0) {
      console.log('  !! the bare insert answered errors');
      ok = false;
    }
    if (counts.cases < r['2xx'] || counts.events !== counts.cases || counts.idempotencyKeys !== counts.cases || r.non2xx > 0 || r.errors > 0) {
      console.log('  !! acknowledged creations missing from the database, a case without its event or key, or errors');
      ok = false;
    }
  }
  for (const s of summary) console.log(`  ${s}`);
  return ok;
}

/** Scheduler ticks among 100k and 1M open cases, and working-time additions per second (bench/sla-child.ts). */
async function slaScenario() {
  console.log(`\n# sla — a tick with ${smoke ? 100 : 1000} due clocks among N open cases; working-time additions${smoke ? ' (smoke)' : ''}`);
  let ok = true;
  for (const db of dbs) {
    const child = fork(new URL('./sla-child.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, GUANJIA_TEST_DB: db, ...(smoke ? { BENCH_SLA_SIZES: '2000', BENCH_SLA_DUE: '100', BENCH_SLA_ADDITIONS: '100000' } : {}) },
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ok = ok && code === 0;
  }
  return ok;
}

/** The scale bench (bench/scale/README.md): a generated data set of --cases, every list, search, archive and report endpoint. */
async function scale() {
  let ok = true;
  for (const db of dbs) {
    ok =
      (await scaleScenario({
        db: db as 'sqlite' | 'postgres',
        cases: Number(flag('cases', smoke ? '2000' : '1000000')),
        regenerate: args.includes('--regenerate'),
        compact: smoke,
        seconds: Number(flag('seconds', smoke ? '0' : '5')),
        minRequests: smoke ? 2 : 5,
        write: !smoke,
        only: flag('only', '') || undefined,
        inPlace: args.includes('--in-place'),
      })) && ok;
  }
  return ok;
}

/** The export of 工单台账 (bench/export-bench.ts): --cases (default 100,000) streamed to one .xlsx (or --format=csv). */
async function exportScenario() {
  let ok = true;
  for (const db of dbs) {
    const cases = Number(flag('cases', smoke ? '2000' : '100000'));
    console.log(`\n# export — 工单台账 of ${cases.toLocaleString('en')} cases on ${db}${smoke ? ' (smoke)' : ''}`);
    const result = await exportBench({
      db: db as 'sqlite' | 'postgres',
      cases,
      format: flag('format', 'xlsx') as 'xlsx' | 'csv',
      compact: smoke,
      regenerate: args.includes('--regenerate'),
      write: !smoke,
    });
    ok = result.ok && ok;
  }
  return ok;
}

/**
 * The import (bench/import-bench.ts): --units units then a roster of --owners people (default 20,000
 * and 100,000; --smoke 400 and 2,000), dry run and apply of each over HTTP; then the export half of
 * issue 12's speed item, 工单台账 of --cases cases (default 100,000; --smoke 2,000) as .xlsx (exportBench).
 */
async function importScenario() {
  let ok = true;
  const summary: string[] = [];
  for (const db of dbs) {
    const owners = Number(flag('owners', smoke ? '2000' : '100000'));
    const units = Number(flag('units', smoke ? '400' : '20000'));
    console.log(`\n# import — ${units.toLocaleString('en')} units, then a roster of ${owners.toLocaleString('en')} owners on ${db}${smoke ? ' (smoke)' : ''}`);
    const imported = await importBench({ db: db as 'sqlite' | 'postgres', owners, units, write: !smoke });
    const cases = Number(flag('cases', smoke ? '2000' : '100000'));
    console.log(`# import — the export half: 工单台账 of ${cases.toLocaleString('en')} cases to .xlsx on ${db}`);
    const exported = await exportBench({ db: db as 'sqlite' | 'postgres', cases, compact: smoke, regenerate: args.includes('--regenerate'), write: !smoke });
    const s = (label: string) => imported.phases.find((p) => p.label === label)?.seconds.toFixed(1) ?? '?';
    summary.push(
      `${db}: units dry run ${s('units dry run')} s, apply ${s('units apply')} s; roster dry run ${s('roster dry run')} s, apply ${s('roster apply')} s, again ${s('roster dry run again')} s; server RSS ${imported.rssMiB.start} → ${imported.rssMiB.max} MiB; export ${exported.seconds.toFixed(1)} s`,
    );
    ok = imported.ok && exported.ok && ok;
  }
  for (const s of summary) console.log(`  ${s}`);
  return ok;
}

/** Messages (issue 13, bench/notify-child.ts): breach-to-page over 100 breaches, a notice to 20,000 households (--smoke: 10 and 1,000), per database. */
async function notifyScenario() {
  console.log(
    `\n# notify — breach-to-page over ${smoke ? 10 : 100} night breaches (target p99 ≤ 5 s); a notice to ${smoke ? '1,000' : '20,000'} households (enqueue ≤ 2 s)${smoke ? ' (smoke)' : ''}`,
  );
  let ok = true;
  for (const db of dbs) {
    const child = fork(new URL('./notify-child.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, GUANJIA_TEST_DB: db, ...(smoke ? { BENCH_NOTIFY_BREACHES: '10', BENCH_NOTIFY_HOUSEHOLDS: '1000' } : {}) },
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ok = ok && code === 0;
  }
  return ok;
}

/** The visit plan (issue 14, bench/visits-child.ts): a month's plan for a project of 20,000 households (--smoke: 2,000), per database; target < 2 s. */
async function visitsScenario() {
  console.log(`\n# visits — a month's visit plan for a project of ${smoke ? '2,000' : '20,000'} households (target < 2 s)${smoke ? ' (smoke)' : ''}`);
  let ok = true;
  for (const db of dbs) {
    const child = fork(new URL('./visits-child.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, GUANJIA_TEST_DB: db, ...(smoke ? { BENCH_VISIT_HOUSEHOLDS: '2000' } : {}) },
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ok = ok && code === 0;
  }
  return ok;
}

/** Surveys (issue 14, bench/survey-child.ts): a stratified sample over 1,000,000 households in 5,000 buildings, statistics over 300,000 answers, a month's visit plan of 20,000 households (--smoke: 20,000 / 100 / 6,000 / 2,000), per database. */
async function surveyScenario() {
  console.log(
    `\n# survey — sample of ${smoke ? '20,000' : '1,000,000'} households (< 1 s), statistics of ${smoke ? '6,000' : '300,000'} answers (< 1 s), a visit plan (< 2 s)${smoke ? ' (smoke)' : ''}`,
  );
  let ok = true;
  for (const db of dbs) {
    const sizes = smoke
      ? { BENCH_SURVEY_HOUSEHOLDS: '20000', BENCH_SURVEY_BUILDINGS: '100', BENCH_SURVEY_ANSWERS: '6000', BENCH_VISIT_HOUSEHOLDS: '2000' }
      : {};
    const child = fork(new URL('./survey-child.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, GUANJIA_TEST_DB: db, ...sizes },
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ok = ok && code === 0;
  }
  return ok;
}

/** Inspections (issue 15, bench/inspections-child.ts): a month of patrol tasks for 200 projects × 50 points × 3 rounds (< 5 s) and the monthly bulletin over a year of history (< 500 ms); --smoke: 10 projects × 10 points, 30 days. */
async function inspectionsScenario() {
  console.log(
    `\n# inspections — a month of patrol tasks (${smoke ? '10 × 10' : '200 × 50'} × 3 rounds, target < 5 s); the monthly bulletin over ${smoke ? '30 days' : 'a year'} of history (target < 500 ms)${smoke ? ' (smoke)' : ''}`,
  );
  let ok = true;
  for (const db of dbs) {
    const sizes = smoke ? { BENCH_INSPECTION_PROJECTS: '10', BENCH_INSPECTION_POINTS: '10', BENCH_INSPECTION_DAYS: '30' } : {};
    const child = fork(new URL('./inspections-child.ts', import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, GUANJIA_TEST_DB: db, ...sizes },
      stdio: 'inherit',
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ok = ok && code === 0;
  }
  return ok;
}

/**
 * The reports (issue 16, bench/reports-bench.ts): the KPI reports and the monthly pack (JSON, .xlsx, PDF)
 * over the scale bench's data set of --cases (default 1,000,000; --smoke: the scale smoke's 2,000 of a
 * small company, one request per report), a company-wide reader, [--requests=10] sequential requests after
 * two of warm-up; p50/p95; bench/results/reports-<db>-<N>.json; bench/scale/README.md, "Reports (issue 16)".
 */
async function reportsScenario() {
  let ok = true;
  const summary: string[] = [];
  for (const db of dbs) {
    const cases = Number(flag('cases', smoke ? '2000' : '1000000'));
    const { ok: answered, results } = await reportsBench({
      db: db as 'sqlite' | 'postgres',
      cases,
      compact: smoke,
      regenerate: args.includes('--regenerate'),
      warmUp: smoke ? 0 : 2,
      requests: Number(flag('requests', smoke ? '1' : '10')),
      write: !smoke,
      inPlace: args.includes('--in-place'),
    });
    const slowest = results.reduce((a, b) => (b.p95 > a.p95 ? b : a), results[0]!);
    summary.push(`${db} ${cases.toLocaleString('en')}: slowest p95 ${slowest.p95.toFixed(0)} ms (${slowest.label})`);
    ok = answered && ok;
  }
  for (const s of summary) console.log(`  ${s}`);
  return ok;
}

const all: Record<string, () => Promise<boolean>> = {
  cases: casesScenario,
  sla: slaScenario,
  web: webScenario,
  scale,
  reports: reportsScenario,
  export: exportScenario,
  import: importScenario,
  notify: notifyScenario,
  visits: visitsScenario,
  survey: surveyScenario,
  inspections: inspectionsScenario,
};
const chosen = scenarios.length ? scenarios : Object.keys(all);
let ok = true;
for (const name of chosen) {
  const scenario = all[name];
  if (!scenario) {
    console.error(`unknown scenario ${name}; known: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  ok = (await scenario()) && ok;
}
process.exit(ok ? 0 : 1);
