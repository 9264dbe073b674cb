// Where one endpoint's time goes, on a copy of the scale bench's data set: the real app in this
// process (requests through app.inject, so no network), one request at a time, and the time of each
// SQL statement summed per statement text; the process's CPU time per request is the figure a busy
// (shared) machine distorts least. For a CPU profile run it under `node --cpu-prof`:
//   npx tsx bench/scale/endpoint-profile.ts --cases=200000 --db=sqlite --only=owner [--requests=100] [--plans] [--in-place]
//   npx tsx bench/scale/endpoint-profile.ts --cases=200000 --db=postgres --only='reports: items' --requests=20 --plans
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/scale/endpoint-profile.ts --cases=200000 --only=漏水
//   npx tsx bench/profile-summary.ts /tmp/prof
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompiledQuery } from 'kysely';
import { openDatabase } from '@guanjia/storage';
import { buildApp } from '@guanjia/server';
import { scaleAppDeps } from './app-deps.ts';
import { ensureDataset, runCopy } from './dataset.ts';
import { sampleCase, scaleEndpoints, type ScaleUser } from './measure.ts';
import { reportsEndpoints } from '../reports-bench.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const db = (arg('db') ?? 'sqlite') as 'sqlite' | 'postgres';
const cases = Number(arg('cases') ?? 200000);
const requests = Number(arg('requests') ?? 100);
const only = arg('only');

const dataset = await ensureDataset(db, cases);
// --in-place: the cached set itself, when a copy does not fit on the disk (as the scale bench's flag)
const copy = await runCopy(db, cases, process.argv.includes('--in-place'));
const f = { ...dataset.fixtures, ...(await sampleCase(copy.url, dataset.fixtures.projectId)) };
const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-profile-'));
const database = openDatabase({ url: copy.url, poolSize: 10 });

// every statement of the application's connection, timed (transactions use other executors: reads do not)
const statements = new Map<string, { ms: number; count: number; query: CompiledQuery }>();
const executor = database.db.getExecutor();
const execute = executor.executeQuery.bind(executor);
Object.assign(executor, {
  executeQuery: async (query: CompiledQuery) => {
    const t0 = performance.now();
    try {
      return await execute(query);
    } finally {
      const key = query.sql.replace(/\s+/g, ' ').slice(0, 160);
      const s = statements.get(key) ?? { ms: 0, count: 0, query };
      s.ms += performance.now() - t0;
      s.count += 1;
      statements.set(key, s);
    }
  },
});

const app = await buildApp(scaleAppDeps(database, attachmentsDir, { logger: { level: 'warn' } }));
const users: Record<ScaleUser, string> = { agent: f.agent, tech: f.technician, head: f.departmentHead, manager: f.officeManager, reports: f.reportReader };
const tokens = new Map<ScaleUser, string>();
async function tokenOf(who: ScaleUser): Promise<string> {
  if (!tokens.has(who)) {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: users[who], password: f.password } });
    tokens.set(who, (r.json() as { token: string }).token);
  }
  return tokens.get(who)!;
}

try {
  // the scale bench's endpoints and the reports scenario's (bench/reports-bench.ts: labels "reports: …")
  const endpoints: [string, ScaleUser, string][] = [
    ...scaleEndpoints(f),
    ...reportsEndpoints(f).map(([label, path]): [string, ScaleUser, string] => [label, 'reports', path]),
  ];
  for (const [label, who, path] of endpoints.filter(([label]) => !only || label.includes(only))) {
    const headers = { authorization: `Bearer ${await tokenOf(who)}` };
    for (let i = 0; i < 10; i++) await app.inject({ method: 'GET', url: path, headers });
    statements.clear();
    const times: number[] = [];
    let bytes = 0;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const r = await app.inject({ method: 'GET', url: path, headers });
      times.push(performance.now() - t0);
      if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      bytes += r.rawPayload.length;
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    const sqlMs = [...statements.values()].reduce((s, x) => s + x.ms, 0) / requests;
    console.log(
      `\n${label}: p50 ${times[Math.floor(requests / 2)]!.toFixed(2)} ms, mean ${(times.reduce((s, x) => s + x, 0) / requests).toFixed(2)} ms, CPU ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms/request (the machine's load does not count), SQL ${sqlMs.toFixed(2)} ms/request, ${(bytes / requests / 1024).toFixed(1)} KiB`,
    );
    const top = [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    for (const [text, s] of top) console.log(`  ${(s.ms / requests).toFixed(2).padStart(7)} ms  ×${(s.count / requests).toFixed(1)}  ${text}`);
    // --plans: the plan of the costliest statement (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE), with its parameters
    if (process.argv.includes('--plans') && top[0]) {
      const q = top[0][1].query;
      const explain = db === 'sqlite' ? 'explain query plan ' : 'explain (analyze, buffers) ';
      const plan = await database.db.executeQuery<Record<string, unknown>>({ ...q, sql: explain + q.sql });
      console.log(`  ${q.sql}\n  ${JSON.stringify(q.parameters)}`);
      for (const row of plan.rows) console.log(`    ${String(row.detail ?? row['QUERY PLAN'])}`);
    }
  }
} finally {
  await app.close();
  await database.close();
  await copy.drop();
  rmSync(attachmentsDir, { recursive: true, force: true });
}
