import { CompiledQuery } from 'kysely';
import { isPostgres, type SqlRunner } from './dialect/detect.ts';

/**
 * A write of a unit of work given as data, so that all of them run together: on PostgreSQL as ONE
 * statement (one round trip, atomic on its own), on SQLite one cached statement each inside the
 * caller's transaction. Tables and columns use the Kysely (camelCase) names; values are already
 * encoded (codec.ts: booleans 0/1, JSON as text).
 */
export type RowWrite = RowInsert | RowsUpdate;

/** insert into <table> (...) values (...) [onConflict]: a unique violation fails the whole write. */
export interface RowInsert {
  kind: 'insert';
  table: string;
  row: Record<string, unknown>;
  /**
   * SQL after the values, e.g. `on conflict ("a", "b") do update set "n" = "t"."n" + excluded."n"`
   * (snake_case names). Rows with a suffix are never merged with others into one multi-row insert;
   * still, one write must not touch the same row twice (PostgreSQL refuses that in one statement).
   */
  onConflict?: string;
  /**
   * An upsert that adds to counters (the report rollups): rows of the same table whose `key` is equal
   * are one row, their `sums` columns added (mergeSummedRows), so that one statement writing several
   * units of work never touches that row twice.
   */
  merge?: { key: string; sums: readonly string[] };
}

/** update <table> set ... where id in (ids) [and <onlyWhereNull> is null]. */
export interface RowsUpdate {
  kind: 'update';
  table: string;
  set: Record<string, unknown>;
  ids: readonly (string | number)[];
  onlyWhereNull?: string;
}

export const insertOf = (table: string, row: Record<string, unknown>, onConflict?: string, merge?: RowInsert['merge']): RowInsert => ({
  kind: 'insert',
  table,
  row,
  ...(onConflict ? { onConflict } : {}),
  ...(merge ? { merge } : {}),
});

/**
 * Several units of work as one: upserts with the same merge key (same table) become one row, in the
 * place of the first, with their counters added; every other write is kept as it is, in order.
 */
export function mergeSummedRows(writes: readonly RowWrite[]): RowWrite[] {
  const out: RowWrite[] = [];
  const merged = new Map<string, RowInsert>();
  for (const w of writes) {
    if (w.kind !== 'insert' || !w.merge) {
      out.push(w);
      continue;
    }
    const id = `${w.table}|${w.merge.key}`;
    const first = merged.get(id);
    if (!first) {
      const copy: RowInsert = { ...w, row: { ...w.row } };
      merged.set(id, copy);
      out.push(copy);
      continue;
    }
    for (const column of w.merge.sums) first.row[column] = Number(first.row[column] ?? 0) + Number(w.row[column] ?? 0);
  }
  return out;
}

const snakeNames = new Map<string, string>();
const snake = (name: string) => {
  let out = snakeNames.get(name);
  if (out === undefined) {
    out = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeNames.set(name, out);
  }
  return out;
};
const quote = (identifier: string) => `"${identifier}"`;
const columnList = (keys: readonly string[]) => keys.map((k) => quote(snake(k))).join(', ');

/** SQL texts by the shape of the writes (tables, columns, row counts): built once, then only the values change. */
const texts = new Map<string, string>();
const MAX_TEXTS = 2_000;
function cachedText(shape: string, make: () => string): string {
  let text = texts.get(shape);
  if (text === undefined) {
    text = make();
    if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value!);
    texts.set(shape, text);
  }
  return text;
}

/** PostgreSQL's limit of parameters in one statement. */
const MAX_PARAMETERS = 65_535;

/** Consecutive inserts into the same table with the same columns become one multi-row insert. */
interface Group {
  write: RowWrite;
  rows: Record<string, unknown>[];
  keys: string[];
}

function groupsOf(writes: readonly RowWrite[]): Group[] {
  const groups: Group[] = [];
  const open = new Map<string, Group>();
  for (const w of writes) {
    if (w.kind === 'update') {
      if (w.ids.length) groups.push({ write: w, rows: [], keys: Object.keys(w.set) });
      continue;
    }
    const keys = Object.keys(w.row);
    const shape = `${w.table}|${keys.join(',')}`;
    const same = w.onConflict ? undefined : open.get(shape);
    if (same) same.rows.push(w.row);
    else {
      const g = { write: w, rows: [w.row], keys };
      groups.push(g);
      if (!w.onConflict) open.set(shape, g);
    }
  }
  return groups;
}

const shapeOf = (g: Group) =>
  g.write.kind === 'update'
    ? `u|${g.write.table}|${g.keys.join(',')}|${g.write.ids.length}|${g.write.onlyWhereNull ?? ''}`
    : `i|${g.write.table}|${g.keys.join(',')}|${g.rows.length}|${g.write.onConflict ?? ''}`;

/** One group's SQL, its parameters numbered from `first` (PostgreSQL) or `?` (SQLite). */
function groupSql(g: Group, first: number, pg: boolean): string {
  let n = first - 1;
  const p = () => (pg ? `$${++n}` : '?');
  const w = g.write;
  if (w.kind === 'update') {
    const sets = g.keys.map((k) => `${quote(snake(k))} = ${p()}`).join(', ');
    const ids = w.ids.map(() => p()).join(', ');
    return `update ${quote(snake(w.table))} set ${sets} where "id" in (${ids})${w.onlyWhereNull ? ` and ${quote(snake(w.onlyWhereNull))} is null` : ''}`;
  }
  const tuples = g.rows.map(() => `(${g.keys.map(() => p()).join(', ')})`).join(', ');
  return `insert into ${quote(snake(w.table))} (${columnList(g.keys)}) values ${tuples}${w.onConflict ? ` ${w.onConflict}` : ''}`;
}

/** A group's parameters in the order of its SQL. */
function pushValues(g: Group, values: unknown[]): number {
  const w = g.write;
  if (w.kind === 'update') {
    for (const k of g.keys) values.push(w.set[k]);
    for (const id of w.ids) values.push(id);
    return g.keys.length + w.ids.length;
  }
  for (const r of g.rows) for (const k of g.keys) values.push(r[k]);
  return g.rows.length * g.keys.length;
}

/**
 * The writes as one PostgreSQL statement: every group but the last a data-modifying CTE, the last the
 * main statement. All of them run (referenced or not) against one snapshot; foreign keys are checked
 * at the end of the statement, so a case and the rows that point at it may be in the same one.
 */
export function compileWrites(writes: readonly RowWrite[]): { text: string; values: unknown[] } | null {
  const groups = groupsOf(writes);
  if (groups.length === 0) return null;
  const values: unknown[] = [];
  const starts: number[] = [];
  for (const g of groups) {
    starts.push(values.length + 1);
    pushValues(g, values);
  }
  const text = cachedText(`p;${groups.map(shapeOf).join(';')}`, () => {
    const parts = groups.map((g, i) => groupSql(g, starts[i]!, true));
    const last = parts.pop()!;
    return parts.length ? `with ${parts.map((s, i) => `w${i + 1} as (${s})`).join(', ')} ${last}` : last;
  });
  return { text, values };
}

/**
 * Runs the writes together. PostgreSQL: one statement (outside a transaction it is its own atomic
 * transaction: one round trip; too many parameters for one statement is an error, callers keep units
 * small). SQLite: in order, one cached statement per row or update, in the caller's transaction.
 */
export async function runWrites(db: SqlRunner, writes: readonly RowWrite[]): Promise<void> {
  if (isPostgres(db)) {
    const compiled = compileWrites(writes);
    if (!compiled) return;
    if (compiled.values.length > MAX_PARAMETERS) throw new Error(`one write with ${compiled.values.length} parameters (at most ${MAX_PARAMETERS})`);
    await db.executeQuery(CompiledQuery.raw(compiled.text, compiled.values));
    return;
  }
  for (const s of sqliteStatementsOf(writes)) await db.executeQuery(CompiledQuery.raw(s.text, s.values));
}

/** SQLite: the writes as statements to run in order, one per row or update (their texts cached by shape). */
export function sqliteStatementsOf(writes: readonly RowWrite[]): { text: string; values: unknown[] }[] {
  const out: { text: string; values: unknown[] }[] = [];
  for (const w of writes) {
    if (w.kind === 'update' && w.ids.length === 0) continue;
    const g: Group = { write: w, rows: w.kind === 'insert' ? [w.row] : [], keys: Object.keys(w.kind === 'insert' ? w.row : w.set) };
    const values: unknown[] = [];
    pushValues(g, values);
    out.push({ text: cachedText(`s;${shapeOf(g)}`, () => groupSql(g, 1, false)), values });
  }
  return out;
}

/**
 * Whether an error is a unique (or primary key) violation on `table` (snake_case), on either database:
 * how a write learns that a row it inserts already exists (e.g. an idempotency key used concurrently).
 */
export function isUniqueViolation(error: unknown, table: string): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; table?: unknown; message?: unknown };
  if (e.code === '23505') return e.table === table;
  return (
    (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE') && typeof e.message === 'string' && e.message.includes(` ${table}.`)
  );
}
