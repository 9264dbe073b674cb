// A small, direct timing of the console's queue queries (issue 11, decision 0013): not the scale bench.
//   npx tsx bench/queues-small.ts --db=sqlite|postgres --cases=200000 [--root=<a checkout>]
// Seeds `cases` cases straight into the tables (packages/storage/src/testing/queue-data.ts: 4 projects,
// 1% open, 200 owners), then times each queue's repository call (median of 15, after one warm-up) as
// the server makes it for an agent of two projects. `--root` runs the storage layer of another
// checkout (e.g. the commit before the queue indexes) on the same data, for a before/after.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { seedQueueData } from '../packages/storage/src/testing/queue-data.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const dialect = flag('db', 'sqlite');
const cases = Number(flag('cases', '200000'));
const root = resolve(flag('root', new URL('..', import.meta.url).pathname));
const storage = await import(pathToFileURL(join(root, 'packages/storage/src/index.ts')).href);

let url: string;
let cleanup: () => Promise<void>;
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
if (dialect === 'postgres') {
  const name = `gj_qbench_${randomUUID().slice(0, 8)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  url = `postgres://postgres@127.0.0.1:5432/${name}`;
  cleanup = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'gj-qbench-'));
  url = join(dir, 'q.sqlite');
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const database = storage.openDatabase({ url });
try {
  await storage.migrateToLatest(database);
  const t0 = Date.now();
  const data = await seedQueueData(database, { cases, openShare: 0.01, batch: 500 });
  console.error(`seeded ${cases} cases in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  // what a running server has: statistics (this build: after its migrations and periodically)
  if (storage.refreshPlannerStatistics) await storage.refreshPlannerStatistics(database, 'full');
  const OPEN = [...OPEN_CASE_STATUSES];
  const base = { organizationId: data.organizationId, projectIds: data.projectIds.slice(0, 2), excludeAccused: { staffId: 'stf-q19', officeManager: false }, limit: 51 };
  const queues: [string, () => Promise<unknown>][] = [
    ['我的 mine', () => storage.listCases(database.db, { ...base, assigneeId: 'stf-q1', status: OPEN })],
    ['本部门 department', () => storage.listCases(database.db, { ...base, departmentId: 'dep-q2', status: OPEN })],
    ['待分派 unassigned', () => storage.listCases(database.db, { ...base, unassigned: true, status: OPEN })],
    ['未结 open', () => storage.listCases(database.db, { ...base, status: OPEN })],
    ['未结投诉 open complaints', () => storage.listCases(database.db, { ...base, status: OPEN, type: ['complaint'] })],
    ['待我审批 plans submitted', () => storage.listCases(database.db, { ...base, status: ['plan_submitted'], type: ['complaint'] })],
    ['已结 closed', () => storage.listCases(database.db, { ...base, status: ['closed'] })],
    ['全部 all', () => storage.listCases(database.db, base)],
    [
      '已结 closed, page 3 (cursor)',
      async () => {
        let before;
        for (let i = 0; i < 3; i++) {
          const rows = await storage.listCases(database.db, { ...base, status: ['closed'], before });
          const last = rows[rows.length - 1];
          before = { createdAt: last.createdAt, id: last.id };
        }
      },
    ],
    [
      '业主档案 owner archive cases',
      () =>
        storage.listCasesOfOwner
          ? storage.listCasesOfOwner(database.db, 'own-q7')
          : storage.listCases(database.db, { ...base, projectIds: null, ownerId: 'own-q7' }),
    ],
  ];
  console.log(`| queue (${dialect}, ${cases} cases, ${root.split('/').pop()}) | median ms |`);
  console.log('|---|---:|');
  for (const [name, run] of queues) {
    await run();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${times[7]!.toFixed(2)} |`);
  }
} finally {
  await database.close();
  await cleanup();
}
