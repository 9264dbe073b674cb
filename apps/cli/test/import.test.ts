import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, openRuntime } from '@guanjia/server/runtime';
import { freshDatabase, TEST_DB } from '@guanjia/storage/testing';

/**
 * `guanjia import` (issue 12): the dry run printed, the apply with its progress, and an apply killed
 * with SIGKILL in the middle resumed by running the command again — whole chunks only, every person
 * once. One process (node --import tsx), so that the kill reaches the one doing the writes.
 */
const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function newSite(): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-import-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = { GUANJIA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (TEST_DB === 'postgres') {
    const fresh = await freshDatabase({ migrate: false });
    env.DATABASE_URL = fresh.url;
    cleanups.push(fresh.drop);
  }
  return env;
}

function guanjia(env: Record<string, string>, args: string[], onErr?: (text: string, kill: () => void) => void) {
  const { NODE_ENV: _n, DATABASE_URL: _d, ...parent } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...parent, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    onErr?.(err, () => child.kill('SIGKILL'));
  });
  return new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** A roster of `n` occupants over the demo company's units of 翠湖 (1栋 and 2栋, 1单元). */
async function roster(n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(['管理处', '房屋', '业主姓名', '手机', '与房屋关系']);
  const rooms = ['101', '102', '201', '202'];
  for (let i = 0; i < n; i++)
    sheet.addRow(['翠湖花园管理处', `${1 + (i % 2)}栋1单元${rooms[i % 4]}`, `住户${String(i).padStart(5, '0')}`, `139${String(i).padStart(8, '0')}`, '使用人']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importedOwners(env: Record<string, string>): Promise<string[]> {
  const { deps } = await openRuntime(loadConfig({ ...env }));
  try {
    const rows = await deps.database.db.selectFrom('owners').select('name').where('name', 'like', '住户%').execute();
    return rows.map((r) => r.name);
  } finally {
    await deps.database.close();
  }
}

describe(`guanjia import on ${TEST_DB}`, () => {
  it('prints the dry run and writes nothing; --apply imports with a progress bar; a killed apply resumes when run again', async () => {
    const env = await newSite();
    expect((await guanjia(env, ['seed'])).code).toBe(0);
    const file = join(env.GUANJIA_DATA_DIR!, '花名册.xlsx');
    writeFileSync(file, await roster(3000));

    const dry = await guanjia(env, ['import', 'owners', file, '--as', 'admin']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('新建 create 3000');
    expect(dry.out).toContain('未写入任何数据');
    expect(await importedOwners(env)).toHaveLength(0);

    // small chunks and a short lease: killed after some chunks, resumable a second later
    const chunked = { ...env, GUANJIA_IMPORT_CHUNK_ROWS: '10', GUANJIA_IMPORT_LEASE_SECONDS: '1' };
    const killed = await guanjia(chunked, ['import', 'owners', file, '--as', 'admin', '--apply'], (err, kill) => {
      if (/importing \[[#-]+\] [1-9]\d*\/300/.test(err)) kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    const partial = await importedOwners(env);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(3000);
    expect(partial.length % 10).toBe(0); // whole chunks only

    await new Promise((r) => setTimeout(r, 1100));
    const resumed = await guanjia(chunked, ['import', 'owners', file, '--as', 'admin', '--apply']);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain('已继续完成中断的导入');
    expect(resumed.err).toContain('300/300');
    const all = await importedOwners(env);
    // every person once, every name as typed (a Chinese character split across two inflated chunks once came out as U+FFFD)
    expect(all.sort()).toEqual(Array.from({ length: 3000 }, (_, i) => `住户${String(i).padStart(5, '0')}`));

    // and once more: nothing left to do
    const again = await guanjia(env, ['import', 'owners', file, '--as', 'admin']);
    expect(again.out).toContain('新建 create 0  更新 update 0  不变 unchanged 3000');
  }, 240_000);

  it('refuses an unknown kind, a missing file and an unknown staff member, naming them', async () => {
    const env = await newSite();
    expect((await guanjia(env, ['seed'])).code).toBe(0);
    const usage = await guanjia(env, ['import', 'cases', 'x.xlsx', '--as', 'admin']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: guanjia import');
    const missing = await guanjia(env, ['import', 'owners', join(env.GUANJIA_DATA_DIR!, 'none.xlsx'), '--as', 'admin']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('无法读取文件');
    const file = join(env.GUANJIA_DATA_DIR!, 'r.xlsx');
    writeFileSync(file, await roster(2));
    const nobody = await guanjia(env, ['import', 'owners', file, '--as', 'nobody']);
    expect(nobody.code).toBe(4);
    expect(nobody.err).toMatch(/^--as: /);
    const agent = await guanjia(env, ['import', 'units', file, '--as', 'agent1']);
    expect(agent.code).not.toBe(0);
  }, 120_000);
});
