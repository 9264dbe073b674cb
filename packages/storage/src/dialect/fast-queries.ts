import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './detect.ts';

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
export async function insertRow(db: Kysely<any>, table: string, row: Record<string, unknown>, suffix = ''): Promise<number> {
  const keys = Object.keys(row);
  const pg = isPostgres(db);
  const text = cached(`i|${pg ? 'p' : 's'}|${table}|${keys.join(',')}|${suffix}`, () =>
    `insert into ${quote(snake(table))} (${keys.map((k) => quote(snake(k))).join(', ')}) values (${keys.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ')})${suffix ? ` ${suffix}` : ''}`,
  );
  const result = await db.executeQuery(CompiledQuery.raw(text, keys.map((k) => row[k])));
  return Number(result.numAffectedRows ?? 0n);
}

/** select * from <table> where id = ? (optionally FOR UPDATE on PostgreSQL), keys in camelCase. */
export async function findRowById<T>(db: Kysely<any>, table: string, id: string, options: { forUpdate?: boolean } = {}): Promise<T | null> {
  const pg = isPostgres(db);
  const lock = options.forUpdate && pg;
  const text = cached(`s|${pg ? 'p' : 's'}|${table}|${lock ? 'u' : ''}`, () => `select * from ${quote(snake(table))} where "id" = ${pg ? '$1' : '?'}${lock ? ' for update' : ''}`);
  const result = await db.executeQuery(CompiledQuery.raw(text, [id]));
  const raw = result.rows[0] as Record<string, unknown> | undefined;
  if (!raw) return null;
  const row: Record<string, unknown> = {};
  for (const key in raw) row[camel(key)] = raw[key];
  return row as T;
}
