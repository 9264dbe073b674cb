import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@guanjia/storage';
import { freshDatabase, TEST_DB } from '@guanjia/storage/testing';

/**
 * "No acknowledged write is ever lost, including when the process is killed": a real server process
 * takes concurrent case creations, is killed with SIGKILL in the middle, and every case it answered
 * 201 for must be in the database afterwards.
 */
const root = new URL('../../..', import.meta.url).pathname;
let child: ChildProcess | null = null;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  child?.kill('SIGKILL');
  for (const c of cleanups.reverse()) await c();
});

function startServer(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', 'serve', '--demo'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc });
      }
    });
    proc.stderr!.on('data', (d) => (out += String(d)));
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe(`durability on ${TEST_DB}`, () => {
  it('every case answered 201 survives a SIGKILL of the server', async () => {
    const { url: dbUrl, database, drop } = await freshDatabase();
    await database.close();
    cleanups.push(drop);
    const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServer({ DATABASE_URL: dbUrl, GUANJIA_DATA_DIR: dataDir });
    child = server.proc;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'guanjia-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const projects = (await (await fetch(`${server.url}/api/projects`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string }[];

    const acknowledged: string[] = [];
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        try {
          const res = await fetch(`${server.url}/api/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `kill-${w}-${i}` },
            body: JSON.stringify({ projectId: projects[0]!.id, type: 'repair', channel: 'hotline', description: `断电测试 ${w}-${i}` }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { case: { id: string } }).case.id);
        } catch {
          return; // connection refused or reset once the server is gone
        }
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          server.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, w) => worker(w)));
    await new Promise((r) => (server.proc.exitCode !== null || server.proc.signalCode ? r(null) : server.proc.once('exit', r)));
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const reopened = openDatabase({ url: dbUrl });
    cleanups.push(() => reopened.close());
    const found = await reopened.db.selectFrom('cases').select('id').where('id', 'in', acknowledged).execute();
    expect(found.length).toBe(acknowledged.length);
    const events = await reopened.db.selectFrom('caseEvents').select('caseId').where('caseId', 'in', acknowledged).execute();
    expect(events.length).toBe(acknowledged.length);
    // a cold start of a real server process (tsx transpiles the whole app, the demo company is seeded)
    // takes well over the default 30 s on a busy 2-core machine; startServer itself gives up after 60 s
  }, 120_000);
});
