// A small, direct timing of the console's queue queries (issue 11, decision 0013): not the scale bench.
//   npx tsx bench/queues-small.ts --db=sqlite|postgres --cases=200000 [--before=<a checkout>]
// Seeds `cases` cases straight into the tables (packages/storage/src/testing/queue-data.ts: 4 projects,
// 1% open, 200 owners), then times each queue's repository call (median of 15, after one warm-up) as
// the server makes it for an agent of two projects. `--before` runs the storage layer of another
// checkout (e.g. the commit before the queue indexes) on the same data, alternately, for a before/after.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { seedQueueData } from '@guanjia/storage/testing/queue-data';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const dialect = flag('db', 'sqlite');
const cases = Number(flag('cases', '200000'));
const here = resolve(new URL('..', import.meta.url).pathname);
// --before=<checkout>: the same data in a second database migrated and queried by that checkout's
// storage layer; each query then runs alternately on both, so that a busy machine slows both alike
const beforeRoot = args.find((a) => a.startsWith('--before='))?.split('=')[1];
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';

async function place(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const name = `gj_qbench_${randomUUID().slice(0, 8)}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    return {
      url: `postgres://postgres@127.0.0.1:5432/${name}`,
      cleanup: async () => {
        const d = new pg.Client({ connectionString: admin });
        await d.connect();
        await d.query(`drop database if exists ${name} with (force)`);
        await d.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gj-qbench-'));
  return { url: join(dir, 'q.sqlite'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** What this script needs of a checkout's storage layer (an older one has no planner statistics nor owner lists by filter). */
interface Storage {
  openDatabase(options: { url: string }): Db;
  migrateToLatest(database: Db): Promise<unknown>;
  refreshPlannerStatistics?: (database: Db, mode: 'full') => Promise<void>;
  listCases(db: unknown, filter: Record<string, unknown>): Promise<{ createdAt: string; id: string }[]>;
  listCasesOfOwner?: (db: unknown, ownerId: string) => Promise<unknown[]>;
}
type Db = Parameters<typeof seedQueueData>[0];
interface Side {
  label: string;
  storage: Storage;
  database: Db;
  cleanup: () => Promise<void>;
}

async function open(label: string, root: string): Promise<Side> {
  const storage = (await import(pathToFileURL(join(root, 'packages/storage/src/index.ts')).href)) as Storage;
  const { url, cleanup } = await place();
  const database = storage.openDatabase({ url });
  await storage.migrateToLatest(database);
  const t0 = Date.now();
  await seedQueueData(database, { cases, openShare: 0.01, batch: 500 });
  console.error(`${label}: seeded ${cases} cases in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // what a running server has: statistics (this build: after its migrations and periodically)
  if (storage.refreshPlannerStatistics) await storage.refreshPlannerStatistics(database, 'full');
  return { label, storage, database, cleanup };
}

function queuesOf({ storage, database }: Side): [string, () => Promise<unknown>][] {
  const OPEN = [...OPEN_CASE_STATUSES];
  const base = { organizationId: 'org-q', projectIds: ['prj-q0', 'prj-q1'], excludeAccused: { staffId: 'stf-q19', officeManager: false }, limit: 51 };
  return [
    ['我的 mine', () => storage.listCases(database.db, { ...base, assigneeId: 'stf-q1', status: OPEN })],
    ['本部门 department', () => storage.listCases(database.db, { ...base, departmentId: 'dep-q2', status: OPEN })],
    ['待分派 unassigned', () => storage.listCases(database.db, { ...base, unassigned: true, status: OPEN })],
    ['未结 open', () => storage.listCases(database.db, { ...base, status: OPEN })],
    ['未结投诉 open complaints', () => storage.listCases(database.db, { ...base, status: OPEN, type: ['complaint'] })],
    ['待我审批 plans submitted', () => storage.listCases(database.db, { ...base, status: ['plan_submitted'], type: ['complaint'] })],
    ['已结 closed', () => storage.listCases(database.db, { ...base, status: ['closed'] })],
    ['全部 all', () => storage.listCases(database.db, base)],
    [
      '已结 closed, 3 pages (cursor)',
      async () => {
        let before: { createdAt: string; id: string } | undefined;
        for (let i = 0; i < 3; i++) {
          const rows = await storage.listCases(database.db, { ...base, status: ['closed'], before });
          const last = rows[rows.length - 1]!;
          before = { createdAt: last.createdAt, id: last.id };
        }
      },
    ],
    [
      '业主档案 owner archive cases',
      () =>
        storage.listCasesOfOwner
          ? storage.listCasesOfOwner(database.db, 'own-q7')
          : storage.listCases(database.db, { ...base, projectIds: null, ownerId: 'own-q7', limit: 51 }),
    ],
  ];
}

const sides = [...(beforeRoot ? [await open('before', resolve(beforeRoot))] : []), await open('after', here)];
try {
  const lists = sides.map(queuesOf);
  console.log(`| queue (${dialect}, ${cases} cases; ms, median / fastest of 15) | ${sides.map((s) => s.label).join(' | ')} |`);
  console.log(`|---|${sides.map(() => '---:').join('|')}|`);
  for (let q = 0; q < lists[0]!.length; q++) {
    const times: number[][] = sides.map(() => []);
    for (const list of lists) await list[q]![1]();
    for (let i = 0; i < 15; i++)
      for (const [s, list] of lists.entries()) {
        const t = performance.now();
        await list[q]![1]();
        times[s]!.push(performance.now() - t);
      }
    const cells = times.map((ts) => {
      ts.sort((a, b) => a - b);
      return `${ts[7]!.toFixed(2)} / ${ts[0]!.toFixed(2)}`;
    });
    console.log(`| ${lists[0]![q]![0]} | ${cells.join(' | ')} |`);
  }
} finally {
  for (const s of sides) {
    await s.database.close();
    await s.cleanup();
  }
}
