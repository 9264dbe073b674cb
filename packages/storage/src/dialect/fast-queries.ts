import { CompiledQuery } from 'kysely';
import { isPostgres, type SqlRunner } from './detect.ts';

/**
 * Hot-path statements without the query builder: the SQL text is generated once per table and
 * column set and cached, so a request pays only for the database work (the builder costs ~70 µs on a
 * 45-column insert, more than SQLite's own work). Names follow CamelCasePlugin: fooBar ⇄ foo_bar.
 */
const sqlCache = new Map<string, string>();
const camelCache = new Map<string, string>();

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => {
  let out = camelCache.get(name);
  if (out === undefined) {
    out = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    camelCache.set(name, out);
  }
  return out;
};
const quote = (identifier: string) => `"${identifier}"`;

function cached(key: string, make: () => string): string {
  let text = sqlCache.get(key);
  if (text === undefined) {
    text = make();
    sqlCache.set(key, text);
  }
  return text;
}

/** insert into <table> (...) values (...) [suffix]; returns the number of rows inserted. */
export async function insertRow(db: SqlRunner, table: string, row: Record<string, unknown>, suffix = ''): Promise<number> {
  const keys = Object.keys(row);
  const pg = isPostgres(db);
  const text = cached(
    `i|${pg ? 'p' : 's'}|${table}|${keys.join(',')}|${suffix}`,
    () =>
      `insert into ${quote(snake(table))} (${keys.map((k) => quote(snake(k))).join(', ')}) values (${keys.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ')})${suffix ? ` ${suffix}` : ''}`,
  );
  const result = await db.executeQuery(
    CompiledQuery.raw(
      text,
      keys.map((k) => row[k]),
    ),
  );
  return Number(result.numAffectedRows ?? 0n);
}

/** select * from <table> where id = ? (optionally FOR UPDATE [SKIP LOCKED] on PostgreSQL), keys in camelCase. */
export async function findRowById<T>(db: SqlRunner, table: string, id: string, options: { forUpdate?: boolean; skipLocked?: boolean } = {}): Promise<T | null> {
  const pg = isPostgres(db);
  const lock = options.forUpdate && pg ? (options.skipLocked ? ' for update skip locked' : ' for update') : '';
  const text = cached(`s|${pg ? 'p' : 's'}|${table}|${lock}`, () => `select * from ${quote(snake(table))} where "id" = ${pg ? '$1' : '?'}${lock}`);
  const result = await db.executeQuery(CompiledQuery.raw(text, [id]));
  const raw = result.rows[0] as Record<string, unknown> | undefined;
  if (!raw) return null;
  const row: Record<string, unknown> = {};
  for (const key in raw) row[camel(key)] = raw[key];
  return row as T;
}

/** select <columns> from <table> where a = ? and b = ? … limit 1, keys in camelCase. */
export async function findRowWhere<T>(db: SqlRunner, table: string, columns: readonly string[], where: Record<string, unknown>): Promise<T | null> {
  const pg = isPostgres(db);
  const keys = Object.keys(where);
  const text = cached(
    `w|${pg ? 'p' : 's'}|${table}|${columns.join(',')}|${keys.join(',')}`,
    () =>
      `select ${columns.map((c) => quote(snake(c))).join(', ')} from ${quote(snake(table))} where ${keys.map((k, i) => `${quote(snake(k))} = ${pg ? `$${i + 1}` : '?'}`).join(' and ')} limit 1`,
  );
  const result = await db.executeQuery(
    CompiledQuery.raw(
      text,
      keys.map((k) => where[k]),
    ),
  );
  const raw = result.rows[0] as Record<string, unknown> | undefined;
  if (!raw) return null;
  const row: Record<string, unknown> = {};
  for (const key in raw) row[camel(key)] = raw[key];
  return row as T;
}

/**
 * Inserts many rows of one shape with few statements: chunks of 64, 16, 4 and 1 rows (a handful of
 * distinct SQL texts, each prepared once). All rows must have the same keys as the first.
 */
export async function insertRows(db: SqlRunner, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]!);
  const pg = isPostgres(db);
  let at = 0;
  for (const size of [64, 16, 4, 1]) {
    while (rows.length - at >= size) {
      const text = cached(`im|${pg ? 'p' : 's'}|${table}|${keys.join(',')}|${size}`, () => {
        let n = 0;
        const tuples = Array.from({ length: size }, () => `(${keys.map(() => (pg ? `$${++n}` : '?')).join(', ')})`);
        return `insert into ${quote(snake(table))} (${keys.map((k) => quote(snake(k))).join(', ')}) values ${tuples.join(', ')}`;
      });
      const values: unknown[] = [];
      for (let i = at; i < at + size; i++) for (const k of keys) values.push(rows[i]![k]);
      await db.executeQuery(CompiledQuery.raw(text, values));
      at += size;
    }
  }
}

/**
 * Updates many rows by id in few statements: `with v(id, …) as (values …) update … from v`, chunks
 * of 64, 16, 4 and 1. `columns` maps each updated column to its SQL type (text or integer).
 */
export async function updateRowsById(
  db: SqlRunner,
  table: string,
  columns: Record<string, 'text' | 'integer'>,
  rows: readonly ({ id: string } & Record<string, unknown>)[],
): Promise<void> {
  if (rows.length === 0) return;
  const keys = Object.keys(columns);
  const pg = isPostgres(db);
  const t = quote(snake(table));
  let at = 0;
  for (const size of [64, 16, 4, 1]) {
    while (rows.length - at >= size) {
      const text = cached(`um|${pg ? 'p' : 's'}|${table}|${keys.join(',')}|${size}`, () => {
        let n = 0;
        const p = () => (pg ? `$${++n}` : '?');
        const tuples = Array.from({ length: size }, () => `(cast(${p()} as text), ${keys.map((k) => `cast(${p()} as ${columns[k]})`).join(', ')})`);
        return (
          `with v ("id", ${keys.map((k) => quote(snake(k))).join(', ')}) as (values ${tuples.join(', ')}) ` +
          `update ${t} set ${keys.map((k) => `${quote(snake(k))} = v.${quote(snake(k))}`).join(', ')} from v where ${t}."id" = v."id"`
        );
      });
      const values: unknown[] = [];
      for (let i = at; i < at + size; i++) {
        values.push(rows[i]!.id);
        for (const k of keys) values.push(rows[i]![k]);
      }
      await db.executeQuery(CompiledQuery.raw(text, values));
      at += size;
    }
  }
}

/** A SQLite connection's own statements, for reads that may skip the query builder (database.ts registers them). */
export interface DirectSqlite {
  /** The compiled statement of a text (cached). */
  prepare(text: string): { all(values: unknown[]): unknown[] };
  /** Whether a transaction holds the connection now (a group commit under way: its writes are not committed yet). */
  inTransaction(): boolean;
}
const directSqlite = new WeakMap<object, DirectSqlite>();

/** Lets selectRaw on `db` (the database's own instance, not a transaction's) run on the connection directly. */
export function registerDirectSqlite(db: SqlRunner, direct: DirectSqlite): void {
  directSqlite.set(db, direct);
}

/**
 * A hand-written select (`?` placeholders, turned into $n on PostgreSQL once per text), rows with
 * camelCase keys: for hot reads whose builder form would be compiled on every request. On SQLite,
 * when no transaction holds the connection, the statement runs on it directly (no query builder, no
 * driver queue); while one does, the read waits for it through the driver, as every read does.
 */
export async function selectRaw<T>(db: SqlRunner, text: string, values: readonly unknown[]): Promise<T[]> {
  const pg = isPostgres(db);
  const sqlText = pg
    ? cached(`r|${text}`, () => {
        let n = 0;
        return text.replace(/\?/g, () => `$${++n}`);
      })
    : text;
  const direct = pg ? undefined : directSqlite.get(db);
  const rows =
    direct && !direct.inTransaction()
      ? direct.prepare(sqlText).all(values as unknown[])
      : (await db.executeQuery(CompiledQuery.raw(sqlText, values as unknown[]))).rows;
  return (rows as Record<string, unknown>[]).map((raw) => {
    const row: Record<string, unknown> = {};
    for (const key in raw) row[camel(key)] = raw[key];
    return row as T;
  });
}
