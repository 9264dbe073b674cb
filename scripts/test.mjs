#!/usr/bin/env node
// The one test command (README and .ci/run): typecheck, lint and format check, every test on SQLite,
// the storage and API suites again on PostgreSQL, a short bench smoke run, then one closing line "tests: N passed, N failed".
// The browser tests (apps/web/test) need Chromium (/usr/bin/chromium or GUANJIA_CHROMIUM); without it
// they announce themselves skipped, except under CI=true where they must run.
// PostgreSQL: GUANJIA_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres). Without a
// reachable server the PostgreSQL run is announced as skipped, except under CI=true where it must run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, '.vitest-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const ci = process.env.CI === 'true';
const pgUrl = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const extraArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedRuns = 0;
/** Steps that failed (a typecheck, a build, a test run): named in the closing line, so it never reads as all clear. */
const failedSteps = [];
/** The tests that failed, by file and name: repeated at the end, where a CI log's tail shows them. */
const failedTests = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    failedRuns++;
    failedSteps.push(label);
  }
  return result.status === 0;
}

function vitest(label, name, paths, env) {
  const out = join(resultsDir, `${name}.json`);
  run(label, 'npx', ['vitest', 'run', ...paths, ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    // A file that failed to load or set up (an error in beforeAll, an import that throws) leaves its
    // tests unrun: they count as failed, never as skipped.
    let unrun = 0;
    for (const file of r.testResults ?? []) {
      if (file.status !== 'failed') continue;
      const where = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
      const names = (file.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => a.fullName);
      for (const name of names.length ? names : [file.message?.split('\n')[0] ?? 'the file failed to load']) failedTests.push(`${name}  (${where}; ${label})`);
      const notRun = (file.assertionResults ?? []).filter((a) => a.status !== 'passed' && a.status !== 'failed').length;
      unrun += notRun || ((file.assertionResults ?? []).some((a) => a.status === 'failed') ? 0 : 1);
    }
    totals.failed += unrun;
    totals.skipped += Math.max(0, r.numPendingTests + r.numTodoTests - unrun);
  } catch {
    totals.failed += 1; // the run died before writing results
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

if (extraArgs.length === 0) {
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '-p', 'tsconfig.json']);
  run('typecheck the web UI', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json']);
  // the dependency rule of docs/architecture.md and the type-aware rules (npm run lint), then the format
  run('lint (eslint)', 'npx', ['eslint', '.']);
  run('format check (prettier --check; npm run format fixes it)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
}
// the browser tests serve the built UI
run('build the web UI (vite)', 'npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
vitest('all tests on SQLite (the browser tests included)', 'sqlite', [], { GUANJIA_TEST_DB: 'sqlite' });
if (await postgresReachable()) {
  // the tests of several server processes on PostgreSQL make their own databases there whatever GUANJIA_TEST_DB
  // says, and already ran in the run above: not twice
  const ownDatabases = ['apps/server/test/live-processes.test.ts', 'apps/server/test/live-postgres.test.ts', 'apps/server/test/delivery-processes.test.ts'];
  vitest(
    'storage, API and CLI tests on PostgreSQL',
    'postgres',
    ['packages/storage', 'apps/server', 'apps/cli', ...ownDatabases.flatMap((f) => ['--exclude', f])],
    {
      GUANJIA_TEST_DB: 'postgres',
      GUANJIA_TEST_PG_URL: pgUrl,
    },
  );
} else if (ci) {
  console.error(`PostgreSQL is not reachable at ${pgUrl.replace(/\/\/[^@]*@/, '//')}; under CI=true the PostgreSQL run is required.`);
  failedRuns++;
  totals.failed++;
} else {
  console.log(`\nSKIPPED: the PostgreSQL run (no server at ${pgUrl.replace(/\/\/[^@]*@/, '//')}); set GUANJIA_TEST_PG_URL to run it.`);
}

// Benchmarks are not timed tests: here they only run briefly, to prove they still work end to end
// (every acknowledged case is in the database with its event and key).
if (extraArgs.length === 0) {
  const dbs = (await postgresReachable()) ? 'both' : 'sqlite';
  run(`bench smoke (npm run bench -- --smoke --db=${dbs})`, 'npx', ['tsx', 'bench/run.ts', '--smoke', `--db=${dbs}`]);
}

if (failedTests.length) console.log(`\nfailed tests:\n${failedTests.map((t) => `  ✗ ${t}`).join('\n')}`);
console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}${failedSteps.length ? `; failed steps: ${failedSteps.join('; ')}` : ''}`,
);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);
