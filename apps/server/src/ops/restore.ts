import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql, type QueryExecutorProvider } from 'kysely';
import { appliedMigrations, migrateToLatest, migrateUpTo, MIGRATION_NAMES, rebuildCaseSearch, refreshPlannerStatistics, type Database } from '@guanjia/storage';
import { BACKUP_FORMAT, BACKUP_VERSION, isStorageKey, keyIdOf, type BackupHeader, type BackupTrailer } from './backup-format.ts';
import { readCatalog } from './catalog.ts';

const SEARCH_INDEX_MIGRATION = '0012-case-search';

export interface RestoreTarget {
  database: Database;
  attachmentsDir: string;
  secretKey: Buffer;
}

/** A restore refused before anything was written (the message says why, zh-CN and English). */
export class RestoreRefused extends Error {}

/**
 * `guanjia restore <file>`: loads a backup into an EMPTY database and attachments folder, in one
 * transaction: the schema is first brought to the backup's migration, rows are inserted table by
 * table in foreign-key order, sequences set, attachment files written and checked against their
 * SHA-256; only a complete file (its trailer's counts match) is committed. Then the schema is
 * migrated to this build's latest. Refused: a non-empty target, another database kind, a backup
 * made under another secret key (encrypted fields would be unreadable), a backup newer than this build.
 */
export async function restoreBackup(target: RestoreTarget, file: string): Promise<{ migration: string; rows: Record<string, number>; files: number }> {
  if (!existsSync(file)) throw new RestoreRefused(`找不到备份文件 (no such backup file): ${file}`);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const r = await lines.next();
    return r.done ? undefined : JSON.parse(r.value);
  };
  let header: BackupHeader;
  try {
    header = (await next()) as BackupHeader;
  } catch {
    throw new RestoreRefused(`不是管家备份文件 (not a Guanjia backup): ${file}`);
  }
  checkHeader(header, target);
  const { database } = target;
  const applied = await appliedMigrations(database);
  const emptyOf = await firstNonEmptyTable(database);
  if (emptyOf)
    throw new RestoreRefused(
      `目标数据库不是空的（表 ${emptyOf} 有数据），只能恢复到空库 (the target database is not empty: table ${emptyOf} has rows; restore only into an empty database)`,
    );
  if (hasFiles(target.attachmentsDir)) throw new RestoreRefused(`附件目录不是空的 (the attachments folder is not empty): ${target.attachmentsDir}`);
  // Bring the schema to the backup's version (a target already past it is empty: the newer columns take their defaults).
  if (!applied.includes(header.migration)) await migrateUpTo(database, header.migration);

  const written: string[] = [];
  const counted: Record<string, number> = {};
  let files = 0;
  try {
    await database.db
      .withoutPlugins()
      .transaction()
      .execute(async (db) => {
        const catalog = new Map((await readCatalog(db, database.dialect)).map((t) => [t.name, t]));
        let table: { name: string; columns: string[] } | null = null;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (table && batch.length) await insertRows(db, table.name, table.columns, batch);
          batch = [];
        };
        for (;;) {
          const item = await next();
          if (item === undefined)
            throw new RestoreRefused('备份文件不完整（缺少结尾），未恢复任何数据 (the backup is incomplete: no trailer; nothing restored)');
          if (Array.isArray(item)) {
            if (!table) throw new RestoreRefused('backup: a row before any table');
            batch.push(item);
            counted[table.name]! += 1;
            if (batch.length >= Math.max(1, Math.floor(20_000 / table.columns.length))) await flush();
            continue;
          }
          await flush();
          const line = item as Record<string, unknown>;
          if (typeof line.table === 'string') {
            const known = catalog.get(line.table);
            const columns = line.columns as string[];
            const missing = columns.filter((c) => !known?.columns.includes(c));
            if (!known || missing.length)
              throw new RestoreRefused(
                `backup: table ${line.table} ${known ? `has columns this schema lacks: ${missing.join(', ')}` : 'is unknown to this schema'}`,
              );
            table = { name: line.table, columns };
            counted[table.name] = 0;
          } else if (typeof line.sequence === 'string') {
            await sql`select setval(${line.sequence}::regclass, ${String(line.lastValue)}::bigint, ${line.isCalled === true})`.execute(db);
          } else if (typeof line.file === 'string') {
            written.push(await writeAttachment(target.attachmentsDir, line.file, String(line.data)));
            files += 1;
          } else if (line.end) {
            checkTrailer(line as unknown as BackupTrailer, counted, files);
            return;
          } else throw new RestoreRefused('backup: a line of unknown kind');
        }
      });
  } catch (error) {
    for (const path of written) await rm(path, { force: true });
    throw error;
  }
  await migrateToLatest(database);
  // the search index is derived data (not in backups): migration 0012 fills it when it runs after the
  // rows; a backup taken at 0012 or later met it already applied on the empty target, so rebuild it
  if (header.migration >= SEARCH_INDEX_MIGRATION) await rebuildCaseSearch(database.db);
  // the restored rows are new to the planner: statistics now, not at the next periodic refresh
  await refreshPlannerStatistics(database, 'full');
  return { migration: header.migration, rows: counted, files };
}

function checkHeader(header: BackupHeader, target: RestoreTarget): void {
  if (!header || header.format !== BACKUP_FORMAT) throw new RestoreRefused('不是管家备份文件 (not a Guanjia backup)');
  if (header.version !== BACKUP_VERSION)
    throw new RestoreRefused(`备份格式版本 ${header.version} 不受支持 (backup format version ${header.version} is not supported by this build)`);
  if (header.dialect !== target.database.dialect)
    throw new RestoreRefused(
      `这是 ${header.dialect} 的备份，不能恢复到 ${target.database.dialect} (a ${header.dialect} backup restores into ${header.dialect} only)`,
    );
  if (!MIGRATION_NAMES.includes(header.migration))
    throw new RestoreRefused(
      `备份来自更新的版本（迁移 ${header.migration}），请先升级程序 (the backup comes from a newer version, migration ${header.migration}: upgrade first)`,
    );
  if (header.keyId !== keyIdOf(target.secretKey)) {
    throw new RestoreRefused(
      '备份使用的加密密钥与当前不同：请把原来的 GUANJIA_SECRET_KEY 或 data/secret.key 放回再恢复 (the backup was made under another secret key: set the original GUANJIA_SECRET_KEY or put the original secret.key into the data folder, else encrypted ID numbers are unreadable)',
    );
  }
}

function checkTrailer(trailer: BackupTrailer, counted: Record<string, number>, files: number): void {
  const expected = trailer.end.rows;
  for (const name of new Set([...Object.keys(expected), ...Object.keys(counted)])) {
    if ((expected[name] ?? -1) !== (counted[name] ?? -1))
      throw new RestoreRefused(
        `备份文件损坏：表 ${name} 应有 ${expected[name]} 行，读到 ${counted[name]} 行 (the backup is damaged: table ${name} should have ${expected[name]} rows, found ${counted[name]})`,
      );
  }
  if (trailer.end.files !== files)
    throw new RestoreRefused(`备份文件损坏：附件数不符 (the backup is damaged: ${trailer.end.files} files expected, ${files} found)`);
}

async function insertRows(db: QueryExecutorProvider, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}`.execute(db);
}

async function writeAttachment(dir: string, key: string, base64: string): Promise<string> {
  if (!isStorageKey(key)) throw new RestoreRefused(`backup: unexpected attachment name ${key}`);
  const data = Buffer.from(base64, 'base64');
  if (createHash('sha256').update(data).digest('hex') !== key.slice(3))
    throw new RestoreRefused(`备份文件损坏：附件 ${key} 内容不符 (the backup is damaged: attachment ${key} does not match its checksum)`);
  const path = join(dir, key);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, data);
  await rename(`${path}.tmp`, path);
  return path;
}

async function firstNonEmptyTable(database: Database): Promise<string | null> {
  const db = database.db.withoutPlugins();
  for (const t of await readCatalog(db, database.dialect)) {
    const r = await sql`select 1 as one from ${sql.table(t.name)} limit 1`.execute(db);
    if (r.rows.length) return t.name;
  }
  return null;
}

function hasFiles(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
}
