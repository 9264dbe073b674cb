import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { appliedMigrations, type Database } from '@guanjia/storage';
import { BACKUP_FORMAT, BACKUP_VERSION, isStorageKey, keyIdOf, type BackupHeader, type BackupTrailer } from './backup-format.ts';
import { readCatalog, readSequences, type TableInfo } from './catalog.ts';

export interface BackupSource {
  database: Database;
  attachmentsDir: string;
  secretKey: Buffer;
}

export interface BackupSummary {
  file: string;
  migration: string;
  rows: Record<string, number>;
  files: number;
}

/**
 * `guanjia backup <file>`: every row of every table of ours from one read snapshot of the running
 * database (SQLite: a read transaction, WAL lets the server write on; PostgreSQL: REPEATABLE READ,
 * READ ONLY), plus the attachment files those rows name. Written to `<file>.partial` and renamed
 * when complete; an existing file is never overwritten.
 */
export async function writeBackup(source: BackupSource, file: string, options: { batchRows?: number; now?: () => string } = {}): Promise<BackupSummary> {
  if (existsSync(file)) throw new Error(`${file} 已存在，不会覆盖 (exists already; choose another name)`);
  const partial = `${file}.partial`;
  const { database } = source;
  if ((await appliedMigrations(database)).length === 0)
    throw new Error('数据库还没有表结构，没有可备份的内容 (the database has no schema yet: nothing to back up)');
  const raw = database.db.withoutPlugins();
  const batchRows = options.batchRows ?? 1000;
  let summary: BackupSummary | undefined;
  const dump = async (db: QueryExecutorProvider) => {
    const migration = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      dialect: database.dialect,
      migration: migration.rows[0]?.name ?? '',
      keyId: keyIdOf(source.secretKey),
      createdAt: options.now?.() ?? new Date().toISOString(),
    };
    const tables = await readCatalog(db, database.dialect);
    const rows: Record<string, number> = {};
    const storageKeys = new Set<string>();
    let files = 0;
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        yield `${JSON.stringify({ table: table.name, columns: table.columns })}\n`;
        rows[table.name] = 0;
        for await (const batch of readTable(db, table, batchRows)) {
          let chunk = '';
          for (const row of batch) {
            chunk += `${JSON.stringify(table.columns.map((c) => plainValue(table.name, c, row[c])))}\n`;
            if (table.name === 'attachments') storageKeys.add(String(row.storage_key));
          }
          rows[table.name]! += batch.length;
          yield chunk;
        }
      }
      if (database.dialect === 'postgres')
        for (const s of await readSequences(db)) yield `${JSON.stringify({ sequence: s.name, lastValue: s.lastValue, isCalled: s.isCalled })}\n`;
      // A row is committed only after its file is in place (attachments.service), so every file is there.
      for (const key of [...storageKeys].sort()) {
        if (!isStorageKey(key)) throw new Error(`attachments: unexpected storage key ${key}`);
        const data = await readFile(join(source.attachmentsDir, key)).catch(() => {
          throw new Error(`附件文件缺失 (attachment file missing): ${join(source.attachmentsDir, key)}`);
        });
        files += 1;
        yield `${JSON.stringify({ file: key, data: data.toString('base64') })}\n`;
      }
      const trailer: BackupTrailer = { end: { rows, files } };
      yield `${JSON.stringify(trailer)}\n`;
    }
    await pipeline(lines, createGzip(), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    summary = { file, migration: header.migration, rows, files };
  };
  try {
    if (database.dialect === 'postgres') await raw.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(dump);
    else await raw.transaction().execute(dump);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return summary!;
}

/** Pages through a table in primary-key order (keyset: no offset scans on large tables). */
async function* readTable(db: QueryExecutorProvider, table: TableInfo, batchRows: number): AsyncGenerator<Record<string, unknown>[]> {
  const key = table.primaryKey.length ? table.primaryKey : table.columns;
  const keyRefs = sql.join(key.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${keyRefs}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const result: { rows: Record<string, unknown>[] } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table.name)} ${where} order by ${keyRefs} limit ${batchRows}`.execute(db);
    if (result.rows.length === 0) return;
    yield result.rows;
    if (result.rows.length < batchRows) return;
    const last: Record<string, unknown> = result.rows[result.rows.length - 1]!;
    after = key.map((c) => last[c]);
  }
}

/** Our columns hold text, numbers and null only (docs/decisions/0002); anything else is a schema change to handle here. */
function plainValue(table: string, column: string, value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return value.toString();
  throw new Error(`backup: ${table}.${column} holds a ${typeof value} value the backup format does not carry`);
}
