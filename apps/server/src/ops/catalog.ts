import { sql, type QueryExecutorProvider } from 'kysely';
import type { DialectName } from '@guanjia/storage';

/** One of our tables as the database describes it (the migrator's own tables are left out). */
export interface TableInfo {
  name: string;
  columns: string[];
  /** Primary-key columns in key order (every table of ours has one). */
  primaryKey: string[];
  /** Tables this one references by a foreign key. */
  references: string[];
}

/**
 * Our tables in an order where each comes after every table it references (a restore inserts in
 * this order), read from the database's own catalog so that tables added by later migrations are
 * included without a list to keep up to date.
 */
export async function readCatalog(db: QueryExecutorProvider, dialect: DialectName): Promise<TableInfo[]> {
  const tables = dialect === 'postgres' ? await postgresTables(db) : await sqliteTables(db);
  return dependencyOrder(tables.filter((t) => !isDerivedTable(t.name)));
}

/**
 * Derived data, not backed up and rebuilt after a restore: the search index (case_search and, on
 * SQLite, its FTS5 table case_search_fts with the shadow tables FTS5 keeps), see decision 0014.
 */
export function isDerivedTable(name: string): boolean {
  return name === 'case_search' || name.startsWith('case_search_fts');
}

async function sqliteTables(db: QueryExecutorProvider): Promise<TableInfo[]> {
  const names = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite^_%' escape '^' and name not like 'kysely^_%' escape '^' order by name`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const { name } of names.rows) {
    const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      columns: columns.rows.map((c) => c.name),
      primaryKey: columns.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: [...new Set(fks.rows.map((f) => f.table))],
    });
  }
  return out;
}

async function postgresTables(db: QueryExecutorProvider): Promise<TableInfo[]> {
  const names = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely^_%' escape '^' order by table_name`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const { name } of names.rows) {
    const relation = sql`(quote_ident(current_schema()) || '.' || quote_ident(${name}))::regclass`;
    const columns = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(
      db,
    );
    const pk = await sql<{
      name: string;
    }>`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = ${relation} and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`.execute(
      db,
    );
    const fks = await sql<{
      name: string;
    }>`select c.relname as name from pg_constraint k join pg_class c on c.oid = k.confrelid where k.contype = 'f' and k.conrelid = ${relation}`.execute(db);
    out.push({ name, columns: columns.rows.map((c) => c.name), primaryKey: pk.rows.map((c) => c.name), references: [...new Set(fks.rows.map((f) => f.name))] });
  }
  return out;
}

/** Sequences of the current schema (PostgreSQL): case serials and the serial ids. */
export async function readSequences(db: QueryExecutorProvider): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const names = await sql<{
    name: string;
  }>`select sequence_name as name from information_schema.sequences where sequence_schema = current_schema() order by sequence_name`.execute(db);
  const out = [];
  for (const { name } of names.rows) {
    const r = await sql<{ last_value: string; is_called: boolean }>`select last_value, is_called from ${sql.table(name)}`.execute(db);
    out.push({ name, lastValue: String(r.rows[0]!.last_value), isCalled: r.rows[0]!.is_called });
  }
  return out;
}

function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return; // a cycle (none today) falls back to name order
    path.add(t.name);
    for (const ref of t.references) if (ref !== t.name && byName.has(ref)) visit(byName.get(ref)!, path);
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
