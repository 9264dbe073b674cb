import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { localDateOf } from '@guanjia/core';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect/detect.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';
import { WriteBatcher } from './write-batcher.ts';
import { sqliteStatementsOf, type RowWrite } from './row-writes.ts';
import { SerialGroup } from './serial-group.ts';
import { PLANNED_PER_EXECUTION } from './dialect/one-process.ts';
import { registerDirectSqlite } from './dialect/fast-queries.ts';
import { IntakeGroup } from './intake-group.ts';
import { NEXT_COUNTER_VALUE_SQLITE } from './repositories/cases.repository.ts';
import type { Schema } from './schema.ts';

export interface Database {
  db: Kysely<Schema>;
  /**
   * Runs one unit of work in a transaction and resolves after it is committed. On SQLite concurrent
   * units share a group commit (see write-batcher.ts); on PostgreSQL each is its own transaction.
   */
  write<T>(work: (trx: Kysely<Schema>) => Promise<T>): Promise<T>;
  /**
   * 受理's write: takes the next case serial, builds the writes from it (no I/O in `build`) and runs
   * them atomically, resolving after commit. PostgreSQL: the intakes of one turn of the event loop take
   * their serials from one `nextval` round trip (serial-group.ts) and are written by ONE statement, its
   * own transaction (intake-group.ts; alone again if it fails). SQLite: serial and writes in one
   * group-committed transaction.
   */
  writeWithCaseSerial<T>(build: (serial: number) => { writes: RowWrite[]; value: T }): Promise<T>;
  dialect: DialectName;
  /** Where it lives, without credentials: a file path or host/database. */
  location: string;
  /**
   * PostgreSQL only: a new client outside the pool, to the same database (not yet connected; the
   * caller connects and ends it). For a connection that must stay its own, such as LISTEN.
   */
  dedicatedClient?: (config?: Omit<pg.ClientConfig, 'connectionString'>) => pg.Client;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; anything else is a SQLite file path (or ':memory:'). */
  url: string;
  /** SQLite synchronous pragma: NORMAL (default; survives a killed process) or FULL (survives power loss). */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /**
   * SQLite memory-mapped I/O in bytes (default 0: off). Mapped pages of the file count as the process's
   * resident memory (256 MiB of them made the server's RSS pass 1 GB at a million cases, issue 11);
   * without it reads go through the operating system's page cache, which is not the server's.
   */
  sqliteMmapBytes?: number;
  poolSize?: number;
  /** Told when PostgreSQL drops an idle pooled connection (the pool replaces it). */
  onIdleConnectionError?: (error: Error) => void;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(options: DatabaseOptions): Database {
  if (isPostgresUrl(options.url)) {
    // no parallel workers: the application's statements are short, and starting workers cost more
    // than they saved (a search waited 200–340 ms for them; dialect/one-process.ts). No JIT either: a
    // statement that stops early at a LIMIT (a page walked in index order) can carry a large estimated
    // cost, and compiling it took 200 ms where running it took 0.3 ms (the list behind a report figure
    // at 3M cases, bench/scale/README.md "Reports")
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: '-c max_parallel_workers_per_gather=0 -c jit=off',
    });
    // An idle connection that the server drops (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (error) => options.onIdleConnectionError?.(error));
    pool.on('connect', (client) => usePreparedStatements(client));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    const u = new URL(options.url);
    const intakes = new IntakeGroup(db, new SerialGroup(db as unknown as Kysely<unknown>, 'case_serial_seq'));
    return {
      db,
      dialect: 'postgres',
      location: `${u.hostname}:${u.port || 5432}${u.pathname}`,
      dedicatedClient: (config) => new pg.Client({ ...config, connectionString: options.url }),
      write: (work) => db.transaction().execute(work),
      writeWithCaseSerial: (build) => intakes.run(build),
      close: () => db.destroy(),
    };
  }
  if (options.url !== ':memory:') mkdirSync(dirname(options.url), { recursive: true });
  const sqlite = new SQLite(options.url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 64 MiB page cache (of the process's own memory); memory-mapped reads only when configured.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma(`mmap_size = ${Math.max(0, Math.floor(options.sqliteMmapBytes ?? 0))}`);
  sqlite.pragma('temp_store = MEMORY');
  registerLocalDate(sqlite);
  const statements = new StatementCache(sqlite);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, statements) }), plugins: [new CamelCasePlugin()] });
  const batcher = new WriteBatcher(db, (statement) => sqlite.exec(statement));
  registerDirectSqlite(db, { prepare: (text) => statements.prepare(text), inTransaction: () => sqlite.inTransaction });
  return {
    db,
    dialect: 'sqlite',
    location: options.url,
    write: (work) => batcher.run(work),
    // the batch's transaction holds the one connection: the statements run on it directly (no query
    // builder, no driver queue: ~10 µs less per statement on the hottest write)
    writeWithCaseSerial: (build) =>
      batcher.run(async () => {
        const { value: serial } = statements.prepare(NEXT_COUNTER_VALUE_SQLITE).get('case-serial') as { value: number };
        const { writes, value } = build(Number(serial));
        for (const s of sqliteStatementsOf(writes)) statements.prepare(s.text).run(s.values);
        return value;
      }),
    close: () => db.destroy(),
  };
}

/**
 * `guanjia_local_date(instant, zone)`: the local date (YYYY-MM-DD) of an ISO instant in an IANA time
 * zone, as core computes it; PostgreSQL has the same function from migration 0013 (report rollups).
 */
export function registerLocalDate(sqlite: SQLite.Database): void {
  sqlite.function('guanjia_local_date', { deterministic: true }, (instant: unknown, zone: unknown) =>
    typeof instant === 'string' && typeof zone === 'string' ? localDateOf(instant, zone) : null,
  );
}

/**
 * PostgreSQL parses and plans an unnamed statement on every execution. Our statements are a small,
 * fixed set of texts, so each connection prepares each text once (a named statement) and then only
 * binds and executes it: less work for the server on every query.
 */
const statementNames = new Map<string, string>();
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || typeof callback === 'function' || text.startsWith(PLANNED_PER_EXECUTION))
      return query(text, values, callback);
    let name = statementNames.get(text);
    if (name === undefined) {
      if (statementNames.size >= 2_000) return query(text, values); // a flood of distinct texts is not worth preparing
      name = `gj_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    return query({ name, text, values });
  };
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query anew. Caching the
 * compiled statements by SQL text removes that cost from every request (the SQL texts are few).
 */
class StatementCache {
  private readonly cache = new Map<string, SQLite.Statement>();
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly max = 500,
  ) {}

  prepare(source: string): SQLite.Statement {
    let stmt = this.cache.get(source);
    if (!stmt) {
      stmt = this.sqlite.prepare(source);
      if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(source, stmt);
    }
    return stmt;
  }
}

function withStatementCache(sqlite: SQLite.Database, statements: StatementCache): SQLite.Database {
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (source: string) => statements.prepare(source);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function migratorOf(database: Database): Migrator {
  return new Migrator({ db: database.db.withoutPlugins(), provider: { getMigrations: async () => MIGRATIONS } });
}

/** The names of the migrations this build knows, oldest first. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

/** Names of the migrations already applied to the database, oldest first (none on a new one). */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const all = await migratorOf(database).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/** Brings the schema up to `name` (inclusive), e.g. to the version of a backup before restoring it. */
export async function migrateUpTo(database: Database, name: string): Promise<void> {
  const result = await migratorOf(database).migrateTo(name);
  if (result.error) throw result.error;
}

/** Brings the schema up to the latest migration; the same history serves both databases. */
export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const result = await migratorOf(database).migrateToLatest();
  if (result.error) throw result.error;
  // new indexes (and new tables) are used well only once the planner has statistics about them
  if (result.results?.length) await refreshPlannerStatistics(database, 'full');
  return result;
}
