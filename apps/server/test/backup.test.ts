import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdsByNumberSuffix, insertAttachment, openDatabase, type Database } from '@guanjia/storage';
import { freshDatabase } from '@guanjia/storage/testing';
import { readCatalog, readSequences } from '../src/ops/catalog.ts';
import { writeBackup } from '../src/ops/backup.ts';
import { restoreBackup, RestoreRefused } from '../src/ops/restore.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * `guanjia backup` of a busy server and `guanjia restore` into a fresh database: every row identical.
 * The backup reads through its own connection (as the command does from its own process) while the
 * app keeps taking cases over HTTP.
 */
const KEY = Buffer.alloc(32, 7); // the harness's field-encryption key
let t: TestContext;
let work: string;
let backupConnection: Database;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  work = mkdtempSync(join(tmpdir(), 'guanjia-backup-'));
  backupConnection = openDatabase({ url: t.url, poolSize: 2 });
  // attachments: bytes in the content-addressed folder and their rows
  for (let i = 0; i < 3; i++) {
    const data = randomBytes(2000 + i);
    const sha = createHash('sha256').update(data).digest('hex');
    const key = `${sha.slice(0, 2)}/${sha}`;
    mkdirSync(dirname(join(t.deps.attachmentsDir, key)), { recursive: true });
    writeFileSync(join(t.deps.attachmentsDir, key), data);
    await insertAttachment(t.deps.database.db, {
      id: t.deps.newId(),
      organizationId: t.a.organizationId,
      uploadedByKind: 'staff',
      uploadedById: t.a.staff.agent1!,
      filename: `photo-${i}.jpg`,
      contentType: 'image/jpeg',
      sizeBytes: data.length,
      sha256: sha,
      storageKey: key,
      caseId: null,
      createdAt: t.deps.now(),
    });
  }
});
afterAll(async () => {
  for (const c of cleanups) await c();
  await backupConnection?.close();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh, unmigrated database and an empty attachments folder to restore into. */
async function freshTarget() {
  const fresh = await freshDatabase({ migrate: false });
  const attachmentsDir = join(mkdtempSync(join(tmpdir(), 'guanjia-restore-')), 'attachments');
  cleanups.push(async () => {
    await fresh.drop();
    rmSync(dirname(attachmentsDir), { recursive: true, force: true });
  });
  return { database: fresh.database, attachmentsDir, secretKey: KEY };
}

/** Every row of every table of ours, keyed by primary key: the whole content of a database. */
async function contentOf(database: Database): Promise<Map<string, Map<string, string>>> {
  const db = database.db.withoutPlugins();
  const out = new Map<string, Map<string, string>>();
  for (const table of await readCatalog(db, database.dialect)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    out.set(table.name, new Map(rows.rows.map((r) => [JSON.stringify(table.primaryKey.map((c) => r[c])), JSON.stringify(table.columns.map((c) => r[c]))])));
  }
  return out;
}

let created = 0;
async function createCase(agent: string, i: number) {
  const res = await t.request(agent, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `备份期间来电 ${i}` },
  });
  if (res.status !== 201) throw new Error(`create case: ${res.status} ${JSON.stringify(res.body)}`);
  created += 1;
}

describe(`backup and restore (${TEST_DB})`, () => {
  it('a backup taken while cases pour in restores to one consistent snapshot: each row identical to the server’s', async () => {
    const agent = await t.login('agent1');
    for (let i = 0; i < 5; i++) await createCase(agent, i);
    let stop = false;
    let during = 0;
    let backingUp = false;
    const writers = Array.from({ length: 3 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        await createCase(agent, 1000 * w + i);
        if (backingUp) during += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const file = join(work, 'busy.jsonl.gz');
    backingUp = true;
    const summary = await writeBackup({ database: backupConnection, attachmentsDir: t.deps.attachmentsDir, secretKey: KEY }, file, { batchRows: 7 });
    backingUp = false;
    for (let i = 0; i < 5 && during === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    stop = true;
    await Promise.all(writers);
    expect(during).toBeGreaterThan(0); // the server took cases while the backup read
    expect(summary.files).toBe(3);

    const target = await freshTarget();
    const restored = await restoreBackup(target, file);
    expect(restored.rows).toEqual(summary.rows);
    const source = await contentOf(t.deps.database);
    const copy = await contentOf(target.database);
    expect([...copy.keys()].sort()).toEqual([...source.keys()].sort());
    const restoredCases = copy.get('cases')!.size;
    expect(restoredCases).toBeLessThan(source.get('cases')!.size); // the snapshot precedes the last writes…
    expect(restoredCases).toBeGreaterThanOrEqual(5); // …and follows the first ones
    for (const [table, rows] of copy) {
      for (const [key, row] of rows) {
        if (table === 'counters') continue; // counted on after the snapshot; checked below
        expect(source.get(table)!.get(key), `${table} ${key}`).toBe(row);
      }
    }
    // one snapshot: every case restored has all its events and clocks, no case half there
    const caseIdsOf = (rows: Map<string, string>, column: number) => [...rows.values()].map((r) => JSON.parse(r)[column] as string);
    const catalog = new Map((await readCatalog(t.deps.database.db.withoutPlugins(), t.deps.database.dialect)).map((c) => [c.name, c]));
    const restoredCaseIds = new Set([...copy.get('cases')!.keys()].map((k) => JSON.parse(k)[0] as string));
    for (const child of ['case_events', 'sla_clocks']) {
      const column = catalog.get(child)!.columns.indexOf('case_id');
      const inSource = caseIdsOf(source.get(child)!, column).filter((id) => restoredCaseIds.has(id)).length;
      const inCopy = caseIdsOf(copy.get(child)!, column).length;
      expect(inCopy, child).toBe(inSource);
    }
    for (const [key, row] of copy.get('counters')!) expect(JSON.parse(row)[1]).toBeLessThanOrEqual(JSON.parse(source.get('counters')!.get(key)!)[1]);
    for (const row of copy.get('attachments')!.values()) {
      const storageKey = JSON.parse(row)[catalog.get('attachments')!.columns.indexOf('storage_key')] as string;
      expect(readFileSync(join(target.attachmentsDir, storageKey)).equals(readFileSync(join(t.deps.attachmentsDir, storageKey)))).toBe(true);
    }
  });

  it('a backup of the server at rest restores to exactly the same rows, files and sequences', async () => {
    const file = join(work, 'quiet.jsonl.gz');
    await writeBackup({ database: backupConnection, attachmentsDir: t.deps.attachmentsDir, secretKey: KEY }, file);
    const target = await freshTarget();
    await restoreBackup(target, file);
    const source = await contentOf(t.deps.database);
    const copy = await contentOf(target.database);
    expect(copy.get('cases')!.size).toBeGreaterThanOrEqual(created);
    for (const [table, rows] of source) expect(copy.get(table), table).toEqual(rows);
    if (TEST_DB === 'postgres') {
      expect(await readSequences(target.database.db.withoutPlugins())).toEqual(await readSequences(t.deps.database.db.withoutPlugins()));
    }
    // the search index is not in the backup: it is rebuilt, one row per case, and answers
    expect(copy.has('case_search')).toBe(false);
    const indexed = await sql<{ n: number | string }>`select count(*) as n from case_search`.execute(target.database.db);
    expect(Number(indexed.rows[0]!.n)).toBe(copy.get('cases')!.size);
    const one = await sql<{ id: string; organization_id: string; number: string }>`select id, organization_id, number from cases limit 1`.execute(
      target.database.db.withoutPlugins(),
    );
    const c = one.rows[0]!;
    expect((await caseIdsByNumberSuffix(target.database.db, c.organization_id, c.number, 5)).map((r) => r.caseId)).toEqual([c.id]);
  });

  it('refuses: a non-empty target, an existing backup file, another secret key, an incomplete file; nothing is written', async () => {
    const file = join(work, 'refusals.jsonl.gz');
    await writeBackup({ database: backupConnection, attachmentsDir: t.deps.attachmentsDir, secretKey: KEY }, file);
    await expect(writeBackup({ database: backupConnection, attachmentsDir: t.deps.attachmentsDir, secretKey: KEY }, file)).rejects.toThrow(/exists already/);

    await expect(restoreBackup({ database: t.deps.database, attachmentsDir: t.deps.attachmentsDir, secretKey: KEY }, file)).rejects.toThrow(/not empty/);

    const other = await freshTarget();
    await expect(restoreBackup({ ...other, secretKey: Buffer.alloc(32, 8) }, file)).rejects.toBeInstanceOf(RestoreRefused);
    await expect(restoreBackup({ ...other, secretKey: Buffer.alloc(32, 8) }, file)).rejects.toThrow(/another secret key/);

    // cut off before the trailer: refused, the target stays empty and no attachment file is left
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const truncated = join(work, 'truncated.jsonl.gz');
    writeFileSync(truncated, gzipSync(`${lines.slice(0, -1).join('\n')}\n`));
    await expect(restoreBackup(other, truncated)).rejects.toThrow(/incomplete/);
    const left = await contentOf(other.database);
    for (const [table, rows] of left) expect(rows.size, table).toBe(0);
    expect(
      existsSync(other.attachmentsDir)
        ? (await import('node:fs')).readdirSync(other.attachmentsDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
        : [],
    ).toEqual([]);
    // the same file, complete, restores into that target afterwards
    await expect(restoreBackup(other, file)).resolves.toMatchObject({ files: 3 });
  });
});
