// The export bench (issue 12, "Speed"): 工单台账 of N generated cases exported over HTTP as one .xlsx
// (GET /api/exports/cases, every case of the company, by its company-wide report reader) from the real
// server, bundled as `npm start` runs it, on a copy of the scale bench's data set (bench/scale: the
// same generator and cache). Prints the seconds to the first byte and to the last, the file's size,
// the rows the audit log counted, and the server's peak RSS (sampled every 50 ms). Target: under 15 s
// for 100,000 cases, memory flat (the file is streamed).
//
//   npm run bench -- export [--cases=100000] [--db=sqlite|postgres|both] [--format=xlsx|csv] [--smoke]
//
// exportBench() is the scenario as a function, for other benches (the import bench) to call.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { openDatabase } from '@guanjia/storage';
import { DATA_DIR, ensureDataset, runCopy } from './scale/dataset.ts';
import { rssOf, signIn, startServer, stopServer } from './scale/measure.ts';

export interface ExportBenchOptions {
  db: 'sqlite' | 'postgres';
  cases: number;
  format?: 'xlsx' | 'csv';
  /** The smoke run's small company (bench/scale/generate.ts). */
  compact?: boolean;
  regenerate?: boolean;
  /** Write bench/results/export-<db>-<N>.json. */
  write?: boolean;
  log?: (line: string) => void;
}

export interface ExportBenchResult {
  db: 'sqlite' | 'postgres';
  cases: number;
  format: 'xlsx' | 'csv';
  /** Rows the export's audit entry counted, and the cases in the database (they must be equal). */
  rows: number;
  casesInDatabase: number;
  bytes: number;
  firstByteSeconds: number;
  seconds: number;
  rssMiB: { start: number; max: number; after: number };
  ok: boolean;
  at: string;
}

const RESULTS_DIR = join(import.meta.dirname, 'results');
const mib = (bytes: number) => Math.round(bytes / 1048576);

/** One GET, its body counted (not kept): status, bytes, seconds to the first byte and to the end. */
function timedDownload(url: string, token: string): Promise<{ status: number; bytes: number; firstByte: number; total: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } }, (res) => {
      let bytes = 0;
      let firstByte = 0;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByte = (performance.now() - t0) / 1000;
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, firstByte, total: (performance.now() - t0) / 1000 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export async function exportBench(options: ExportBenchOptions): Promise<ExportBenchResult> {
  const { db, cases } = options;
  const format = options.format ?? 'xlsx';
  const log = options.log ?? console.log;
  const dataset = await ensureDataset(db, cases, { regenerate: options.regenerate, compact: options.compact, log });
  const copy = await runCopy(db, cases);
  try {
    const { child, base } = await startServer(copy.url, join(DATA_DIR, `server-export-${db}-${cases}.log`));
    const pid = child.pid!;
    const rssStart = rssOf(pid);
    let rssMax = rssStart;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssOf(pid))), 50);
    let download: Awaited<ReturnType<typeof timedDownload>>;
    try {
      const token = await signIn(base, dataset.fixtures.reportReader, dataset.fixtures.password);
      download = await timedDownload(`${base}/api/exports/cases?format=${format}`, token);
    } finally {
      clearInterval(sampler);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssOf(pid);
    await stopServer(child);
    const database = openDatabase({ url: copy.url });
    let rows = -1;
    let casesInDatabase = -1;
    try {
      const entry = await database.db.selectFrom('auditLog').select('detail').where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirst();
      rows = entry ? Number((JSON.parse(entry.detail) as { rows: number }).rows) : -1;
      casesInDatabase = Number(
        (
          await database.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    } finally {
      await database.close();
    }
    const result: ExportBenchResult = {
      db,
      cases,
      format,
      rows,
      casesInDatabase,
      bytes: download.bytes,
      firstByteSeconds: download.firstByte,
      seconds: download.total,
      rssMiB: { start: mib(rssStart), max: mib(rssMax), after: mib(rssAfter) },
      ok: download.status === 200 && rows === casesInDatabase,
      at: new Date().toISOString(),
    };
    log(
      `export ${format} of ${rows.toLocaleString('en')} cases (${db}): ${result.seconds.toFixed(1)} s (first byte ${result.firstByteSeconds.toFixed(2)} s), ${mib(download.bytes)} MiB; server RSS start ${result.rssMiB.start} MiB, max ${result.rssMiB.max} MiB, after ${result.rssMiB.after} MiB${result.ok ? '' : `  !! status ${download.status}, ${rows} rows of ${casesInDatabase} cases`}`,
    );
    if (options.write) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `export-${db}-${cases}.json`), `${JSON.stringify(result, null, 2)}\n`);
      log(`written bench/results/export-${db}-${cases}.json`);
    }
    return result;
  } finally {
    await copy.drop();
  }
}
