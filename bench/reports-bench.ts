// The reports scenario (issue 16, speed): the KPI reports and the monthly pack over the scale bench's
// generated data set (bench/scale: N cases with their clocks, generated at the base schema and then
// migrated, so the rollups of decision 0015 are built by their migrations as on a real database).
// The bundled server on a copy of the data set, a company-wide reader (the data set's report reader,
// role leadership, every project), each report asked for one request after the other: warm-up first,
// then p50 / p95 of the measured requests. bench/results/reports-<db>-<N>.json (not in --smoke).
// Target: < 500 ms per report, flat from 1M to 3M cases. bench/scale/README.md, "Reports (issue 16)".
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ensureDataset, runCopy } from './scale/dataset.ts';
import { REFERENCE_WEEK, type Fixtures } from './scale/generate.ts';
import { closeHttpAgents, httpGet } from './scale/http-get.ts';
import { percentile, REPORT_YEAR, rssOf, signIn, startServer, stopServer } from './scale/measure.ts';

export interface ReportsOptions {
  db: 'sqlite' | 'postgres';
  cases: number;
  /** The smoke run's small company (the scale smoke's data set). */
  compact: boolean;
  regenerate: boolean;
  /** Requests before measuring, and measured requests, per report (sequential). */
  warmUp: number;
  requests: number;
  /** Write bench/results/reports-<db>-<N>.json. */
  write: boolean;
  /** Run on the cached data set itself, not a copy (as the scale bench's --in-place). */
  inPlace?: boolean;
}

export interface ReportTiming {
  label: string;
  path: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  bytes: number;
  failed: number;
}

/**
 * The month of the monthly pack: the last full month of the generated data (its last week starts on
 * REFERENCE_WEEK, Monday 2026-11-16 in Asia/Shanghai, so the pack is October 2026's).
 */
export function packMonth(): string {
  const local = new Date(REFERENCE_WEEK + 8 * 3_600_000); // Asia/Shanghai, no daylight saving
  const previous = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return previous.toISOString().slice(0, 7);
}

/**
 * The reports measured, as [label, path]: the year's timeliness and outcomes by month and by staff,
 * the year's complaint causes, one list behind a figure, and the monthly pack of the busiest project
 * (fixtures.projectId, 翠湖: 55% of the cases) as JSON, .xlsx and PDF. Also read by endpoint-profile.ts.
 */
export function reportsEndpoints(f: Pick<Fixtures, 'projectId'>): [label: string, path: string][] {
  const year = REPORT_YEAR;
  const month = packMonth();
  const pack = `projectId=${f.projectId}&month=${month}`;
  return [
    ['reports: timeliness year by month', `/api/reports/timeliness?${year}&groupBy=month`],
    ['reports: timeliness year by staff', `/api/reports/timeliness?${year}&groupBy=staff`],
    ['reports: outcomes year by month', `/api/reports/outcomes?${year}&groupBy=month`],
    ['reports: outcomes year by staff', `/api/reports/outcomes?${year}&groupBy=staff`],
    ['reports: complaint causes year', `/api/reports/complaint-causes?${year}`],
    ['reports: items (a month’s breached clocks)', `/api/reports/items?report=timeliness&groupBy=month&key=${month}&measure=breached&${year}&limit=50`],
    ['reports: monthly pack JSON', `/api/reports/monthly-pack?${pack}`],
    ['reports: monthly pack xlsx', `/api/exports/monthly-pack?${pack}&format=xlsx`],
    ['reports: monthly pack pdf', `/api/exports/monthly-pack?${pack}&format=pdf`],
  ];
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Warm-up, then `requests` sequential GETs: latencies client-side, the whole answer read. */
async function time(base: string, path: string, token: string, warmUp: number, requests: number): Promise<Omit<ReportTiming, 'label' | 'path'>> {
  const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' };
  const latencies: number[] = [];
  let bytes = 0;
  let failed = 0;
  for (let i = 0; i < warmUp + requests; i++) {
    const t0 = performance.now();
    try {
      const r = await httpGet(base + path, headers);
      const elapsed = performance.now() - t0;
      if (r.status !== 200) {
        failed += 1;
        if (failed === 1) console.log(`  !! ${r.status} on ${path}: ${r.body.toString('utf8').slice(0, 300)}`);
      }
      if (i >= warmUp) {
        latencies.push(elapsed);
        bytes += r.body.byteLength;
      }
    } catch (error) {
      failed += 1;
      if (failed === 1) console.log(`  !! ${path}: ${String(error)}`);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies[latencies.length - 1] ?? 0,
    bytes: latencies.length ? bytes / latencies.length : 0,
    failed,
  };
}

/** One database and size: true when every request answered 200. */
export async function reportsBench(options: ReportsOptions): Promise<{ ok: boolean; results: ReportTiming[] }> {
  const { db, cases } = options;
  console.log(
    `\n# reports — the KPI reports and the monthly pack over ${cases.toLocaleString('en')} cases on ${db}, ${options.warmUp} warm-up + ${options.requests} sequential requests each (target < 500 ms)`,
  );
  const dataset = await ensureDataset(db, cases, { regenerate: options.regenerate, compact: options.compact });
  const copy = await runCopy(db, cases, options.inPlace);
  const { child, base } = await startServer(copy.url, join(DATA_DIR, `server-reports-${db}-${cases}.log`));
  const pid = child.pid!;
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssOf(pid))), 200);
  const results: ReportTiming[] = [];
  try {
    const f = dataset.fixtures;
    const token = await signIn(base, f.reportReader, f.password);
    for (const [label, path] of reportsEndpoints(f)) {
      const r = { label, path, ...(await time(base, path, token, options.warmUp, options.requests)) };
      results.push(r);
      console.log(
        `${label.padEnd(46)} p50 ${ms(r.p50).padStart(7)}  p95 ${ms(r.p95).padStart(7)}  max ${ms(r.max).padStart(7)} ms  ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB${r.p95 >= 500 ? '  (over 500 ms)' : ''}${r.failed ? `  !! ${r.failed} failed` : ''}`,
      );
    }
  } finally {
    clearInterval(sampler);
    closeHttpAgents();
    await stopServer(child);
    await copy.drop();
  }
  const ok = results.every((r) => r.failed === 0);
  if (options.write) {
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const summary = {
      db,
      cases,
      command: `npm run bench -- reports --cases=${cases} --db=${db}`,
      rows: dataset.rows,
      warmUp: options.warmUp,
      requestsPerReport: options.requests,
      packMonth: packMonth(),
      serverRssMaxBytes: rssMax,
      reports: results,
      at: new Date().toISOString(),
    };
    writeFileSync(join(dir, `reports-${db}-${cases}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`written bench/results/reports-${db}-${cases}.json`);
  }
  return { ok, results };
}
