// The import bench (issue 12, "Speed"): a generated estate imported over HTTP into the real server,
// bundled as `npm start` runs it, on a fresh database holding the demo company (bench/import-child.ts).
// First --units units (default 20,000) of 翠湖花园管理处 (楼栋 3栋…, two 单元 of 25 floors, ten rooms a
// floor) as a units workbook, then a roster of --owners people (default 100,000; the units' 产权人,
// a second 产权人 and 使用人, each with a mobile phone and a valid 身份证号) over them: each a dry run
// (POST /api/imports/:kind/dry-run) and an apply (POST /api/imports/:id/apply), timed from the
// request to the whole answer; then the roster's dry run again (a re-import: every row unchanged).
// The server's RSS is sampled every 50 ms (/proc/<pid>/status): at start, the peak of each phase,
// and VmHWM at the end. Targets: roster dry run and apply each under 30 s on the 2-core machine,
// memory flat (the workbook is read as a stream).
//
//   npm run bench -- import [--owners=100000] [--units=20000] [--db=sqlite|postgres|both] [--smoke]
//
// The workbooks are written with exceljs's streaming writer to .bench-data/ (removed after the run).
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { idNumberCheckCharacter } from '@guanjia/core';
import { loadExcel } from '@guanjia/server/excel';
import { DATA_DIR } from './scale/dataset.ts';
import { rssOf, signIn } from './scale/measure.ts';

export interface ImportBenchOptions {
  db: 'sqlite' | 'postgres';
  owners: number;
  units: number;
  /** Write bench/results/import-<db>-<owners>.json. */
  write?: boolean;
  log?: (line: string) => void;
}

interface Phase {
  label: string;
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  /** The server's peak RSS during the phase (sampled every 50 ms), MiB. */
  rssMaxMiB: number;
  counts?: Record<string, number>;
  status?: string;
}

export interface ImportBenchResult {
  db: 'sqlite' | 'postgres';
  owners: number;
  units: number;
  files: { unitsBytes: number; rosterBytes: number };
  phases: Phase[];
  rssMiB: { start: number; max: number; after: number; hwm: number };
  ok: boolean;
  problems: string[];
  at: string;
}

const RESULTS_DIR = join(import.meta.dirname, 'results');
const PROJECT = '翠湖花园管理处';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mib = (bytes: number) => Math.round(bytes / 1048576);

/**
 * The i-th unit: 楼栋 3栋 onwards, 500 units a building: two 单元 of 25 floors, ten rooms a floor,
 * 1单元 rooms 01–10 and 2单元 rooms 11–20 (3栋2单元1211), as the scale bench's: a room number is
 * unique within its building (units_building_code_unique is building + room, without the 单元).
 */
function unitAt(i: number) {
  const building = `${3 + Math.floor(i / 500)}栋`;
  const entrance = 1 + Math.floor((i % 500) / 250);
  const floor = 1 + Math.floor((i % 250) / 10);
  const room = `${floor}${String((i % 10) + 1 + (entrance - 1) * 10).padStart(2, '0')}`;
  return { building, entrance: String(entrance), room, floor, label: `${building}${entrance}单元${room}` };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥建国建华志强文博子涵欣怡浩然梓萱宇轩雨桐俊杰晓东海燕春梅';

/** The j-th person of the roster: a name, a mobile phone and a 身份证号 with its GB 11643 check character, all distinct. */
function personAt(j: number) {
  const name = SURNAMES[j % SURNAMES.length]! + GIVEN[Math.floor(j / SURNAMES.length) % GIVEN.length]! + GIVEN[(j * 7) % GIVEN.length]!;
  const phone = String(15000000000 + j);
  const birth = new Date(Date.UTC(1950, 0, 1) + (j % 18000) * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `440305${birth}${String(Math.floor(j / 18000)).padStart(3, '0')}`;
  return { name, phone, idNumber: first17 + idNumberCheckCharacter(first17) };
}

/** Writes a workbook row by row with exceljs's streaming writer (never the whole sheet in memory). */
async function writeWorkbook(file: string, sheetName: string, headers: string[], rows: (i: number) => unknown[], count: number) {
  const Excel = await loadExcel();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).commit();
  for (let i = 0; i < count; i++) sheet.addRow(rows(i)).commit();
  sheet.commit();
  await workbook.commit();
}

export function writeUnits(file: string, units: number) {
  return writeWorkbook(
    file,
    '房屋',
    ['管理处', '楼栋', '单元', '房号', '楼层', '建筑面积'],
    (i) => {
      const u = unitAt(i);
      return [PROJECT, u.building, u.entrance, u.room, u.floor, 60 + (i % 9) * 10 + 0.5];
    },
    units,
  );
}

/** owners/units people a unit, in the order of the units: the first 产权人 (主业主 by default), a second 产权人, then 使用人. */
export function writeRoster(file: string, owners: number, units: number) {
  const perUnit = Math.ceil(owners / units);
  return writeWorkbook(
    file,
    '业主花名册',
    ['管理处', '房屋', '业主姓名', '手机', '身份证号', '入住日期', '与房屋关系'],
    (j) => {
      const unit = Math.floor(j / perUnit);
      const p = personAt(j);
      const moveIn = new Date(Date.UTC(2015, 0, 1) + (unit % 3000) * 86400000);
      return [PROJECT, unitAt(unit).label, p.name, p.phone, p.idNumber, moveIn, j % perUnit < 2 ? '产权人' : '使用人'];
    },
    owners,
  );
}

async function startChild(db: 'sqlite' | 'postgres'): Promise<{ child: ChildProcess; base: string }> {
  const { bundleServer } = await import('../scripts/build-server.mjs');
  await bundleServer('bench/import-child.ts', '.bench-data/import-child.mjs');
  const child = fork(join(DATA_DIR, 'import-child.mjs'), [], {
    // BENCH_SERVER_HEAP=<MiB>: the server's --max-old-space-size (what it keeps, as against the collector's slack)
    execArgv: process.env.BENCH_SERVER_HEAP ? [`--max-old-space-size=${process.env.BENCH_SERVER_HEAP}`] : [],
    env: { ...process.env, GUANJIA_TEST_DB: db },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, base: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`import bench server exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  await exited;
}

function hwmOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface ImportAnswer {
  id: string;
  status: string;
  rows: number;
  counts: Record<string, number>;
  chunksTotal: number;
  chunksDone: number;
}

async function post(url: string, token: string, body: Buffer | string, contentType: string): Promise<ImportAnswer> {
  const r = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as ImportAnswer;
}

export async function importBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const { db, owners, units } = options;
  const log = options.log ?? console.log;
  mkdirSync(DATA_DIR, { recursive: true });
  const unitsFile = join(DATA_DIR, `import-units-${units}.xlsx`);
  const rosterFile = join(DATA_DIR, `import-roster-${owners}.xlsx`);
  const problems: string[] = [];
  try {
    const g0 = performance.now();
    await writeUnits(unitsFile, units);
    await writeRoster(rosterFile, owners, units);
    const files = { unitsBytes: statSync(unitsFile).size, rosterBytes: statSync(rosterFile).size };
    log(
      `  workbooks written in ${((performance.now() - g0) / 1000).toFixed(1)} s: units ${(files.unitsBytes / 1048576).toFixed(1)} MiB, roster ${(files.rosterBytes / 1048576).toFixed(1)} MiB`,
    );
    const { child, base } = await startChild(db);
    const pid = child.pid!;
    const rssStart = rssOf(pid);
    let phaseMax = rssStart;
    let rssMax = rssStart;
    const sampler = setInterval(() => {
      const rss = rssOf(pid);
      phaseMax = Math.max(phaseMax, rss);
      rssMax = Math.max(rssMax, rss);
    }, 50);
    const phases: Phase[] = [];
    const phase = async (label: string, rows: number, run: () => Promise<ImportAnswer>) => {
      phaseMax = rssOf(pid);
      const t0 = performance.now();
      const answer = await run();
      const seconds = (performance.now() - t0) / 1000;
      const p: Phase = { label, seconds, rows, rowsPerSecond: rows / seconds, rssMaxMiB: mib(phaseMax), counts: answer.counts, status: answer.status };
      phases.push(p);
      const counts = Object.entries(answer.counts)
        .filter(([, n]) => n)
        .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
        .join(', ');
      log(
        `  ${label.padEnd(26)} ${seconds.toFixed(1).padStart(6)} s  ${p.rowsPerSecond.toFixed(0).padStart(6)} rows/s  server RSS peak ${String(p.rssMaxMiB).padStart(4)} MiB  (${answer.status}: ${counts})`,
      );
      return answer;
    };
    let rssAfter = 0;
    let hwm = 0;
    try {
      const token = await signIn(base, 'admin', 'guanjia-demo');
      const unitsBody = readFileSync(unitsFile);
      const rosterBody = readFileSync(rosterFile);
      const dryRun = (kind: string, body: Buffer, name: string) =>
        post(`${base}/api/imports/${kind}/dry-run?filename=${encodeURIComponent(name)}`, token, body, XLSX);
      const apply = (id: string) => post(`${base}/api/imports/${id}/apply`, token, JSON.stringify({ skipProblemRows: false }), 'application/json');
      const unitsDry = await phase('units dry run', units, () => dryRun('units', unitsBody, '房屋.xlsx'));
      if (unitsDry.counts.create !== units || unitsDry.counts.error) problems.push(`units dry run: ${JSON.stringify(unitsDry.counts)}`);
      const unitsApplied = await phase('units apply', units, () => apply(unitsDry.id));
      if (unitsApplied.status !== 'applied') problems.push(`units apply: ${unitsApplied.status}`);
      const rosterDry = await phase('roster dry run', owners, () => dryRun('owners', rosterBody, '业主花名册.xlsx'));
      if (rosterDry.counts.create !== owners || rosterDry.counts.error) problems.push(`roster dry run: ${JSON.stringify(rosterDry.counts)}`);
      const rosterApplied = await phase('roster apply', owners, () => apply(rosterDry.id));
      if (rosterApplied.status !== 'applied' || rosterApplied.chunksDone !== rosterApplied.chunksTotal)
        problems.push(`roster apply: ${JSON.stringify(rosterApplied)}`);
      const again = await phase('roster dry run again', owners, () => dryRun('owners', rosterBody, '业主花名册.xlsx'));
      if (again.counts.skip !== owners) problems.push(`the same roster again should change nothing: ${JSON.stringify(again.counts)}`);
    } finally {
      clearInterval(sampler);
      await new Promise((r) => setTimeout(r, 1000));
      rssAfter = rssOf(pid);
      hwm = hwmOf(pid);
      await stopChild(child);
    }
    const result: ImportBenchResult = {
      db,
      owners,
      units,
      files,
      phases,
      rssMiB: { start: mib(rssStart), max: mib(rssMax), after: mib(rssAfter), hwm: mib(hwm) },
      ok: problems.length === 0,
      problems,
      at: new Date().toISOString(),
    };
    log(`  server RSS start ${result.rssMiB.start} MiB, peak ${result.rssMiB.max} MiB (VmHWM ${result.rssMiB.hwm} MiB), after ${result.rssMiB.after} MiB`);
    for (const p of problems) log(`  !! ${p}`);
    if (options.write) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      writeFileSync(join(RESULTS_DIR, `import-${db}-${owners}.json`), `${JSON.stringify(result, null, 2)}\n`);
      log(`  written bench/results/import-${db}-${owners}.json`);
    }
    return result;
  } finally {
    rmSync(unitsFile, { force: true });
    rmSync(rosterFile, { force: true });
  }
}
