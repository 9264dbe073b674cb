// The generated data set, cached: a SQLite file under .bench-data/ (copied for each run), or a
// PostgreSQL template database guanjia_scale_<N> (cloned with CREATE DATABASE … TEMPLATE for each run).
// Generation writes at BASE_MIGRATION; the cache holds the data migrated to the latest schema.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '@guanjia/storage';
import { generate, templateDatabaseName, type Fixtures } from './generate.ts';

export const DATA_DIR = join(import.meta.dirname, '..', '..', '.bench-data');
const PG_ADMIN_URL = process.env.GUANJIA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Dataset {
  db: 'sqlite' | 'postgres';
  cases: number;
  compact: boolean;
  fixtures: Fixtures;
  rows: Record<string, number>;
  generationSeconds: number;
  migrationSeconds: number;
  migrations: string[];
}
export interface RunCopy {
  url: string;
  /** Bytes on disk (SQLite file + WAL; PostgreSQL pg_database_size). */
  size(): Promise<number>;
  drop(): Promise<void>;
}

/** Where the cached data set of N cases is: its SQLite file, or its PostgreSQL template database's URL. */
export function datasetLocation(db: 'sqlite' | 'postgres', cases: number): string {
  return db === 'sqlite' ? join(DATA_DIR, `scale-sqlite-${cases}.sqlite`) : pgUrl(templateDatabaseName(cases));
}

function pgUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}
async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** The cached data set of N cases, generated (and migrated to the latest schema) when missing. */
export async function ensureDataset(
  db: 'sqlite' | 'postgres',
  cases: number,
  options: { regenerate?: boolean; compact?: boolean; log?: (s: string) => void } = {},
): Promise<Dataset> {
  const log = options.log ?? console.log;
  mkdirSync(DATA_DIR, { recursive: true });
  const meta = join(DATA_DIR, `scale-${db}-${cases}.json`);
  const file = join(DATA_DIR, `scale-sqlite-${cases}.sqlite`);
  const name = templateDatabaseName(cases);
  // a compact (smoke) data set is never mistaken for a full one of the same size
  let cached = existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as Dataset) : null;
  // a PostgreSQL template made in another worktree carries its description as the database's comment
  if (!cached && db === 'postgres')
    cached = await admin(async (c) => {
      const r = await c.query<{ d: string | null }>("select shobj_description(oid, 'pg_database') as d from pg_database where datname = $1", [name]);
      return r.rows[0]?.d ? (JSON.parse(r.rows[0].d) as Dataset) : null;
    });
  const exists = async () =>
    db === 'sqlite' ? existsSync(file) : await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!options.regenerate && cached && !!cached.compact === !!options.compact && (await exists())) {
    // a data set cached by an older build: the migrations added since then derive their data now (timed once, kept in the cache)
    const database = openDatabase({ url: db === 'sqlite' ? file : pgUrl(name) });
    const m0 = performance.now();
    const migrated = await migrateToLatest(database);
    await database.close();
    const added = (migrated.results ?? []).map((r) => r.migrationName);
    if (added.length === 0) return cached;
    const seconds = (performance.now() - m0) / 1000;
    log(`  migrations on the cached data set took ${seconds.toFixed(1)} s (${added.join(', ')})`);
    const updated: Dataset = { ...cached, migrationSeconds: seconds, migrations: added };
    writeFileSync(meta, JSON.stringify(updated, null, 2));
    if (db === 'postgres') await admin((c) => c.query(`comment on database ${name} is '${JSON.stringify(updated).replaceAll("'", "''")}'`));
    return updated;
  }
  rmSync(meta, { force: true });
  let url: string;
  if (db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    url = file;
  } else {
    await admin(async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    url = pgUrl(name);
  }
  log(`generating ${cases.toLocaleString('en')} cases on ${db} (cached for later runs; --regenerate to force)`);
  const result = await generate({ url, cases, log, compact: options.compact });
  log(`  generation took ${result.seconds.toFixed(1)} s`);
  const database = openDatabase({ url });
  const m0 = performance.now();
  const migrated = await migrateToLatest(database);
  const migrationSeconds = (performance.now() - m0) / 1000;
  await database.close();
  const migrations = (migrated.results ?? []).map((r) => r.migrationName);
  log(`  migrations after generation took ${migrationSeconds.toFixed(1)} s (${migrations.join(', ') || 'none pending'})`);
  const dataset: Dataset = {
    db,
    cases,
    compact: !!options.compact,
    fixtures: result.fixtures,
    rows: result.rows,
    generationSeconds: result.seconds,
    migrationSeconds,
    migrations,
  };
  writeFileSync(meta, JSON.stringify(dataset, null, 2));
  if (db === 'postgres') await admin((c) => c.query(`comment on database ${name} is '${JSON.stringify(dataset).replaceAll("'", "''")}'`));
  return dataset;
}

/**
 * A copy of the cached data set for one run (the run may write: sign-ins, sessions, notifications
 * read). `inPlace`: the cached set itself, when a copy does not fit on the disk (3M cases: 33 GB each);
 * the run's sign-ins stay in it (a few sessions, nothing the next run reads).
 */
export async function runCopy(db: 'sqlite' | 'postgres', cases: number, inPlace = false): Promise<RunCopy> {
  const sizeOf = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  if (inPlace && db === 'sqlite') {
    const url = join(DATA_DIR, `scale-sqlite-${cases}.sqlite`);
    return { url, size: async () => sizeOf(url) + sizeOf(`${url}-wal`), drop: async () => {} };
  }
  if (inPlace) {
    const name = templateDatabaseName(cases);
    return {
      url: pgUrl(name),
      size: () => admin(async (c) => Number((await c.query<{ n: string }>('select pg_database_size($1) as n', [name])).rows[0]!.n)),
      drop: async () => {},
    };
  }
  if (db === 'sqlite') {
    const source = join(DATA_DIR, `scale-sqlite-${cases}.sqlite`);
    const url = join(DATA_DIR, `run-sqlite-${cases}.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
    copyFileSync(source, url);
    return {
      url,
      size: async () => sizeOf(url) + sizeOf(`${url}-wal`),
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
      },
    };
  }
  const name = `${templateDatabaseName(cases)}_run`;
  await admin(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name} template ${templateDatabaseName(cases)}`);
  });
  return {
    url: pgUrl(name),
    size: () => admin(async (c) => Number((await c.query<{ n: string }>('select pg_database_size($1) as n', [name])).rows[0]!.n)),
    drop: () => admin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  };
}
