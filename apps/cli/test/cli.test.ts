import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig, openRuntime } from '@guanjia/server/runtime';
import { freshDatabase, TEST_DB } from '@guanjia/storage/testing';

/**
 * The `guanjia` command itself, run as operators run it (a child process through tsx, no terminal on
 * stdin), against a data folder of its own and SQLite or, with GUANJIA_TEST_DB=postgres, a new
 * PostgreSQL database.
 */
const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const TSX = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
const PASSWORD = 'Binjiang-river-2026';

interface Site {
  dataDir: string;
  env: Record<string, string>;
}
const cleanups: (() => Promise<void>)[] = [];

async function newSite(): Promise<Site> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-cli-'));
  const env: Record<string, string> = { GUANJIA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (TEST_DB === 'postgres') {
    const fresh = await freshDatabase({ migrate: false });
    env.DATABASE_URL = fresh.url;
    cleanups.push(fresh.drop);
  }
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  return { dataDir, env };
}

function guanjia(site: Site, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const { NODE_ENV: _n, GUANJIA_ADMIN_PASSWORD: _p, DATABASE_URL: _d, ...parent } = process.env;
    const child = spawn(TSX, [MAIN, ...args], { env: { ...parent, ...site.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Signs in through the real app on the site's database: the status of POST /api/auth/login. */
async function signIn(site: Site, username: string, password: string): Promise<number> {
  const { deps } = await openRuntime(loadConfig({ ...site.env }));
  const app = await buildApp(deps);
  try {
    return (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;
  } finally {
    await app.close();
    await deps.database.close();
  }
}

const initFlags = ['init', '--org-code', 'ACME', '--org-name', '安居物业', '--admin-username', 'boss', '--admin-name', '王经理'];

let site: Site;
beforeAll(async () => {
  site = await newSite();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// Each run starts a TypeScript process (a few seconds on a busy machine): generous time per test.
describe(`guanjia init, admin reset-password, backup and restore (${TEST_DB})`, { timeout: 180_000 }, () => {
  it('init without a terminal names the missing flags; a weak password names the rule; nothing is created', async () => {
    const missing = await guanjia(site, ['init', '--org-code', 'ACME']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--org-name --admin-username --admin-name --admin-password');
    expect(missing.err).toContain('GUANJIA_ADMIN_PASSWORD');
    const weak = await guanjia(site, [...initFlags, '--admin-password', 'qq123456789']);
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('--admin-password: 密码过于常见');
    expect(weak.err).toContain('The password is too common');
    expect(await signIn(site, 'boss', 'qq123456789')).toBe(401);
  });

  it('init creates the organization and administrator (password from GUANJIA_ADMIN_PASSWORD) once; a second run is refused', async () => {
    const first = await guanjia(site, initFlags, { GUANJIA_ADMIN_PASSWORD: PASSWORD });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('安居物业 (ACME)');
    expect(await signIn(site, 'boss', PASSWORD)).toBe(200);
    const again = await guanjia(site, [...initFlags.slice(0, 2), 'OTHER', ...initFlags.slice(3)], { GUANJIA_ADMIN_PASSWORD: PASSWORD });
    expect(again.code).toBe(3);
    expect(again.err).toContain('an organization exists');
  });

  it('serve --demo and seed refuse under NODE_ENV=production', async () => {
    for (const args of [['serve', '--demo'], ['seed']]) {
      const res = await guanjia(site, args, { NODE_ENV: 'production' });
      expect(res.code).toBe(3);
      expect(res.err).toContain('demo data is refused under NODE_ENV=production');
    }
  });

  it('admin reset-password prints a temporary password that signs in; the old one no longer does', async () => {
    const reset = await guanjia(site, ['admin', 'reset-password', 'boss']);
    expect(reset.code).toBe(0);
    const temporary = /Temporary password for boss: (\S+)/.exec(reset.out)?.[1];
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await signIn(site, 'boss', PASSWORD)).toBe(401);
    expect(await signIn(site, 'boss', temporary!)).toBe(200);
    const given = await guanjia(site, ['admin', 'reset-password', 'boss', '--password', PASSWORD]);
    expect(given.code).toBe(0);
    expect(await signIn(site, 'boss', PASSWORD)).toBe(200);
    const weak = await guanjia(site, ['admin', 'reset-password', 'boss', '--password', 'boss']);
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('--password: 密码太短');
    const unknown = await guanjia(site, ['admin', 'reset-password', 'nobody']);
    expect(unknown.code).toBe(4);
    expect(unknown.err).toContain('username: 找不到该员工');
  });

  it('backup then restore into an empty site (same secret key): the administrator signs in there; a second restore is refused', async () => {
    const file = join(site.dataDir, 'nightly.jsonl.gz');
    const backup = await guanjia(site, ['backup', file]);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('Backup written');
    const copy = await newSite();
    const withoutKey = await guanjia(copy, ['restore', file]);
    expect(withoutKey.code).toBe(3);
    expect(withoutKey.err).toContain('another secret key');
    copyFileSync(join(site.dataDir, 'secret.key'), join(copy.dataDir, 'secret.key'));
    const restored = await guanjia(copy, ['restore', file]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('Restored');
    expect(await signIn(copy, 'boss', PASSWORD)).toBe(200);
    const twice = await guanjia(copy, ['restore', file]);
    expect(twice.code).toBe(3);
    expect(twice.err).toContain('not empty');
  });
});
