// The scale scenario (bench/scale/README.md): every list, search, archive and report endpoint over HTTP
// against the real server on a generated data set, at 1 and 10 concurrent users; the server's RSS;
// bytes per case; and item 3 of issue 11 (10 agents on case pages, with and without a manager
// reloading the year's reports).
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@guanjia/storage';
import { DATA_DIR, ensureDataset, runCopy, type Dataset } from './dataset.ts';
import type { Fixtures } from './generate.ts';
import { closeHttpAgents, httpGet } from './http-get.ts';
import { SEARCH_NO_MATCH, SEARCH_WORD } from './texts.ts';

export interface ScaleOptions {
  db: 'sqlite' | 'postgres';
  cases: number;
  regenerate: boolean;
  /** The smoke run's small company (generate.ts). */
  compact: boolean;
  /** Seconds per endpoint and concurrency level (a slow endpoint still completes at least `minRequests`). */
  seconds: number;
  minRequests: number;
  /** Write bench/results/scale-<db>-<N>.{md,json}. */
  write: boolean;
  /** Only the endpoints whose label contains this text, or one of several separated by commas (results then go to scale-<db>-<N>-<slug>.md). */
  only?: string;
  /** Run on the cached data set itself, not a copy (when a copy does not fit on the disk). */
  inPlace?: boolean;
}

interface Load {
  label: string;
  users: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytes: number;
  non2xx: number;
  errors: number;
}

const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `users` loops, each sending one request after the other for `seconds` (at least `minRequests` in all). */
async function load(
  base: string,
  path: string,
  token: string,
  users: number,
  seconds: number,
  minRequests: number,
  stop?: { stopped: boolean },
): Promise<Omit<Load, 'label' | 'users'>> {
  const latencies: number[] = [];
  let bytes = 0;
  let non2xx = 0;
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const worker = async () => {
    while ((performance.now() < until || latencies.length + errors < minRequests) && !stop?.stopped) {
      const s = performance.now();
      try {
        const r = await httpGet(base + path, { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' });
        bytes += r.body.byteLength;
        if (r.status < 200 || r.status > 299) {
          non2xx += 1;
          if (non2xx === 1) console.log(`  !! ${r.status} on ${path}: ${r.body.toString('utf8').slice(0, 300)}`);
        }
        latencies.push(performance.now() - s);
      } catch (error) {
        errors += 1;
        if (errors === 1) console.log(`  !! ${path}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: users }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    bytes: latencies.length ? bytes / latencies.length : 0,
    non2xx,
    errors,
  };
}

export async function sampleCase(url: string, projectId: string): Promise<{ sampleCaseId: string; sampleCaseNumber: string }> {
  const database = openDatabase({ url });
  try {
    const row = await database.db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('projectId', '=', projectId)
      .where('createdAt', '<', '2026-09-10T00:00:00.000Z')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { sampleCaseId: row.id, sampleCaseNumber: row.number };
  } finally {
    await database.close();
  }
}

/** The resident set of a process (its /proc status), in bytes; 0 once it is gone. */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The bench's server bundled like `npm start`'s (scripts/build-server.mjs): plain Node.js, so its RSS is what production's is. */
async function bundledServerChild(): Promise<string> {
  const { bundleServer } = await import('../../scripts/build-server.mjs');
  await bundleServer('bench/scale/server-child.ts', '.bench-data/server-child.mjs');
  return join(DATA_DIR, 'server-child.mjs');
}

/** The bench's server (bundled like `npm start`'s) on a database, in its own process; its log to `logFile`. */
export async function startServer(url: string, logFile: string): Promise<{ child: ChildProcess; base: string }> {
  const script = await bundledServerChild();
  const log = openSync(logFile, 'w');
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (as the cases bench does)
  const profile = process.env.BENCH_CPU_PROFILE;
  const child = fork(script, [], {
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    env: { ...process.env, GUANJIA_BENCH_DB_URL: url },
    stdio: ['ignore', log, 'inherit', 'ipc'],
  });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, base: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`scale server exited with ${code}`)));
  });
}

export async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  await exited;
}

export async function signIn(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (x: number) => (x / 1048576).toFixed(0);

/** The reports' period: the data set's last year. */
export const REPORT_YEAR = 'from=2025-12-01&to=2026-12-01';

/** Who signs in for an endpoint of the scale bench. */
export type ScaleUser = 'agent' | 'tech' | 'head' | 'manager' | 'reports';

/** Every endpoint the scale bench measures: a label, who asks, the path (also used by endpoint-profile.ts). */
export function scaleEndpoints(f: Fixtures & { sampleCaseId: string; sampleCaseNumber: string }): [label: string, who: ScaleUser, path: string][] {
  const q = encodeURIComponent;
  const p = `projectId=${f.projectId}`;
  const year = REPORT_YEAR;
  return [
    ['case page: GET /api/cases/:id', 'agent', `/api/cases/${f.sampleCaseId}`],
    ['case page: events', 'agent', `/api/cases/${f.sampleCaseId}/events`],
    ['case page: context', 'agent', `/api/cases/${f.sampleCaseId}/context`],
    ['queue mine (agent)', 'agent', `/api/cases?queue=mine&${p}`],
    ['queue mine (technician)', 'tech', `/api/cases?queue=mine&${p}`],
    ['queue department (head)', 'head', `/api/cases?queue=department&${p}`],
    ['queue unassigned', 'agent', `/api/cases?queue=unassigned&${p}`],
    ['queue open', 'agent', `/api/cases?queue=open&${p}`],
    ['queue closed', 'agent', `/api/cases?queue=closed&${p}`],
    ['queue at_risk', 'agent', `/api/cases?queue=at_risk&${p}`],
    ['queue follow_up', 'agent', `/api/cases?queue=follow_up&${p}`],
    ['queue awaiting_my_approval (manager)', 'manager', `/api/cases?queue=awaiting_my_approval&${p}`],
    ['open complaints by type', 'agent', `/api/cases?queue=open&type=complaint&${p}`],
    [`search a word (${SEARCH_WORD})`, 'agent', `/api/cases?q=${q(SEARCH_WORD)}`],
    ['search a word with no match', 'agent', `/api/cases?q=${q(SEARCH_NO_MATCH)}`],
    [`search a unit (${f.unitQuery})`, 'agent', `/api/cases?q=${q(f.unitQuery)}`],
    ['search a full case number', 'agent', `/api/cases?q=${q(f.sampleCaseNumber)}`],
    ['search a case number suffix', 'agent', `/api/cases?q=${q(f.sampleCaseNumber.slice(-6))}`],
    ['search a phone last 4 digits', 'agent', `/api/cases?q=${f.heavyOwnerPhoneLast4}`],
    ['work orders (technician)', 'tech', '/api/work-orders'],
    ['owner archive (~400 cases)', 'agent', `/api/owners/${f.heavyOwnerId}/archive`],
    ['owner search (phone last 4)', 'agent', `/api/owners?q=${f.heavyOwnerPhoneLast4}`],
    ['intake caller search (unit)', 'agent', `/api/intake/callers?q=${q(f.unitQuery)}`],
    ['notifications (technician)', 'tech', '/api/notifications'],
    ['notifications unread count', 'tech', '/api/notifications/unread-count'],
    ['timeliness year by month', 'reports', `/api/reports/timeliness?${year}&groupBy=month`],
    ['timeliness year by staff', 'reports', `/api/reports/timeliness?${year}&groupBy=staff`],
    ['outcomes year by month', 'reports', `/api/reports/outcomes?${year}&groupBy=month`],
    ['outcomes year by staff', 'reports', `/api/reports/outcomes?${year}&groupBy=staff`],
  ];
}

export async function scaleScenario(options: ScaleOptions): Promise<boolean> {
  const { db, cases } = options;
  console.log(`\n# scale — ${cases.toLocaleString('en')} cases on ${db}, ${options.seconds} s per endpoint at 1 and 10 users`);
  const dataset: Dataset = await ensureDataset(db, cases, { regenerate: options.regenerate, compact: options.compact });
  const copy = await runCopy(db, cases, options.inPlace);
  // the case page everyone opens: one of the agent's project, about ten weeks old
  const f = { ...dataset.fixtures, ...(await sampleCase(copy.url, dataset.fixtures.projectId)) };
  const sizeBytes = await copy.size();
  const logFile = join(DATA_DIR, `server-${db}-${cases}.log`);
  const { child, base } = await startServer(copy.url, logFile);
  const pid = child.pid!;
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssOf(pid))), 200);
  const rssStart = rssOf(pid);
  const tokens = {
    agent: await signIn(base, f.agent, f.password),
    tech: await signIn(base, f.technician, f.password),
    head: await signIn(base, f.departmentHead, f.password),
    manager: await signIn(base, f.officeManager, f.password),
    reports: await signIn(base, f.reportReader, f.password),
  };
  const all = scaleEndpoints(f);
  const words = options.only?.split(',').filter(Boolean) ?? [];
  const endpoints = words.length ? all.filter(([label]) => words.some((w) => label.includes(w))) : all;
  const results: Load[] = [];
  let ok = true;
  for (const [label, who, path] of endpoints) {
    for (const users of [1, 10]) {
      const r = { label, users, ...(await load(base, path, tokens[who], users, options.seconds, options.minRequests)) };
      results.push(r);
      console.log(
        `${label.padEnd(40)} ${String(users).padStart(2)} users  p50 ${ms(r.p50).padStart(7)}  p95 ${ms(r.p95).padStart(7)}  p99 ${ms(r.p99).padStart(7)} ms  ${r.perSecond.toFixed(1).padStart(7)} req/s  ${(r.bytes / 1024).toFixed(1)} KiB${r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx} errors ${r.errors}` : ''}`,
      );
      if (r.non2xx || r.errors) ok = false;
    }
  }
  // item 3: ten agents on case pages, alone and while a manager reloads the year's reports
  const casePage = `/api/cases/${f.sampleCaseId}`;
  const alone = await load(base, casePage, tokens.agent, 10, options.seconds, options.minRequests);
  const stop = { stopped: false };
  let reportLoops = 0;
  const manager = (async () => {
    while (!stop.stopped) {
      for (const path of [`/api/reports/timeliness?${REPORT_YEAR}&groupBy=month`, `/api/reports/outcomes?${REPORT_YEAR}&groupBy=month`]) {
        const r = await httpGet(base + path, { authorization: `Bearer ${tokens.reports}` });
        if (r.status !== 200) ok = false;
      }
      reportLoops += 1;
    }
  })();
  await new Promise((r) => setTimeout(r, 200)); // the manager's first report is under way
  const contended = await load(base, casePage, tokens.agent, 10, options.seconds, options.minRequests);
  stop.stopped = true;
  await manager;
  if (alone.non2xx || contended.non2xx || alone.errors || contended.errors) ok = false;
  console.log(`10 agents on case pages, alone            p95 ${ms(alone.p95)} ms  ${alone.perSecond.toFixed(0)} req/s`);
  console.log(
    `10 agents on case pages, manager reports  p95 ${ms(contended.p95)} ms  ${contended.perSecond.toFixed(0)} req/s  (${reportLoops} report reloads)`,
  );
  await new Promise((r) => setTimeout(r, 2000));
  const rssRest = rssOf(pid);
  clearInterval(sampler);
  closeHttpAgents();
  await stopServer(child);
  await copy.drop();
  const logBytes = statSync(logFile).size;
  const summary = {
    db,
    cases,
    rows: dataset.rows,
    generationSeconds: dataset.generationSeconds,
    migrationSeconds: dataset.migrationSeconds,
    migrationsAfterGeneration: dataset.migrations,
    sizeBytes,
    bytesPerCase: sizeBytes / cases,
    rss: { start: rssStart, max: rssMax, rest: rssRest },
    serverLogBytes: logBytes,
    endpoints: results,
    reportsBlocking: { alone, withManager: contended, reportReloads: reportLoops },
    secondsPerEndpoint: options.seconds,
    at: new Date().toISOString(),
  };
  console.log(
    `database ${mb(sizeBytes)} MiB (${(sizeBytes / cases).toFixed(0)} bytes per case); server RSS start ${mb(rssStart)} MiB, max ${mb(rssMax)} MiB, at rest after ${mb(rssRest)} MiB; server log ${logBytes} bytes; generation ${dataset.generationSeconds.toFixed(0)} s, migrations after it ${dataset.migrationSeconds.toFixed(1)} s`,
  );
  if (options.write) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const name = `scale-${db}-${cases}${options.only ? `-${options.only.replace(/[^a-z0-9]+/gi, '-')}` : ''}`;
    writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    writeFileSync(join(RESULTS_DIR, `${name}.md`), markdown(summary));
    console.log(`written bench/results/${name}.md and .json`);
  }
  return ok;
}

function markdown(s: {
  db: string;
  cases: number;
  rows: Record<string, number>;
  generationSeconds: number;
  migrationSeconds: number;
  sizeBytes: number;
  bytesPerCase: number;
  rss: { start: number; max: number; rest: number };
  serverLogBytes: number;
  endpoints: Load[];
  reportsBlocking: { alone: Omit<Load, 'label' | 'users'>; withManager: Omit<Load, 'label' | 'users'>; reportReloads: number };
  secondsPerEndpoint: number;
  at: string;
}): string {
  const lines = [
    `# Scale bench: ${s.cases.toLocaleString('en')} cases on ${s.db}`,
    '',
    `Measured ${s.at} with \`npm run bench -- scale --cases=${s.cases} --db=${s.db}\` (${s.secondsPerEndpoint} s per endpoint and level). The machine has 2 cores shared with other work: absolute figures are noisy, compare ratios within one run.`,
    '',
    `- rows: ${Object.entries(s.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`,
    `- generation ${s.generationSeconds.toFixed(0)} s; migrations after generation ${s.migrationSeconds.toFixed(1)} s`,
    `- database ${mb(s.sizeBytes)} MiB, ${s.bytesPerCase.toFixed(0)} bytes per case (${s.db === 'sqlite' ? 'file + WAL' : 'pg_database_size'})`,
    `- server RSS: ${mb(s.rss.start)} MiB after start, ${mb(s.rss.max)} MiB max, ${mb(s.rss.rest)} MiB at rest after the run; the server's log: ${s.serverLogBytes.toLocaleString('en')} bytes`,
    `- 10 agents on case pages: p95 ${ms(s.reportsBlocking.alone.p95)} ms (${s.reportsBlocking.alone.perSecond.toFixed(0)} req/s) alone; p95 ${ms(s.reportsBlocking.withManager.p95)} ms (${s.reportsBlocking.withManager.perSecond.toFixed(0)} req/s) while a manager reloads the year's timeliness and outcomes reports (${s.reportsBlocking.reportReloads} reloads)`,
    '',
    '| endpoint | users | p50 ms | p95 ms | p99 ms | req/s | KiB/answer | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...s.endpoints.map(
      (r) =>
        `| ${r.label} | ${r.users} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.perSecond.toFixed(1)} | ${(r.bytes / 1024).toFixed(1)} | ${r.non2xx + r.errors} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
