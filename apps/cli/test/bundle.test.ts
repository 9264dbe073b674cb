import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_DB } from '@guanjia/storage/testing';

/**
 * The server as `npm start` and production run it: bundled into one file (scripts/build-server.mjs)
 * and run by plain Node.js, no TypeScript at run time. Built here, then `serve --demo` on a data
 * folder of its own (SQLite, or a new PostgreSQL database): the API answers, the demo staff sign in,
 * the console is served.
 */
const BUNDLE = 'apps/cli/dist/guanjia.mjs';
const ROOT = new URL('../../..', import.meta.url).pathname;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function serveDemo(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const { NODE_ENV: _n, DATABASE_URL: _d, ...parent } = process.env;
  const child = spawn(process.execPath, [BUNDLE, 'serve', '--demo'], {
    cwd: ROOT,
    env: { ...parent, ...env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => void child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, base: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`the bundled server exited with ${code}: ${err || out}`)));
  });
}

describe(`the bundled server (${TEST_DB})`, () => {
  it('builds, serves the demo company and answers as the TypeScript does', async () => {
    // as `npm run build:server` builds it (a command, not an import: scripts/ is no package)
    execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'pipe' });
    expect(existsSync(new URL(`../../../${BUNDLE}`, import.meta.url))).toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-bundle-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { GUANJIA_DATA_DIR: dataDir };
    if (TEST_DB === 'postgres') {
      const fresh = await freshDatabase({ migrate: false });
      env.DATABASE_URL = fresh.url;
      cleanups.push(fresh.drop);
    }
    const { base } = await serveDemo(env);
    // the console, found beside the bundle as beside the sources (npm test builds the UI first)
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const openapi = await fetch(`${base}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { info: { title: string } }).info.title).toContain('Guanjia');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent1', password: 'guanjia-demo' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const cases = await fetch(`${base}/api/cases?queue=open`, { headers: { authorization: `Bearer ${token}` } });
    expect(cases.status).toBe(200);
    expect(((await cases.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    // a bad query is refused with the field named, as by the TypeScript server
    const bad = await fetch(`${base}/api/cases?limit=0`, { headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toContain('limit');
    // the report pack's PDF: pdfkit (outside the bundle) and the Chinese font it embeds load from node_modules
    const manager = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager1', password: 'guanjia-demo' }),
    });
    const managerToken = ((await manager.json()) as { token: string }).token;
    const projects = (await (await fetch(`${base}/api/projects`, { headers: { authorization: `Bearer ${managerToken}` } })).json()) as { id: string }[];
    const pdf = await fetch(`${base}/api/exports/monthly-pack?projectId=${projects[0]!.id}&month=2026-11&format=pdf`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-[\s\S]*NotoSansSC/);
  }, 120_000);
});
