// Where a case's bytes are: the size of every table and index of the scale bench's data set, per case.
//   npx tsx bench/scale/footprint.ts --cases=100000 [--db=sqlite|postgres] [--top=30]
// SQLite: the dbstat table (pages of each B-tree, and the payload in them); PostgreSQL: pg_relation_size
// of each table (with its TOAST) and each index. Builds (or reuses) the cached data set (dataset.ts).
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { datasetLocation, ensureDataset } from './dataset.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const db = (arg('db') ?? 'sqlite') as 'sqlite' | 'postgres';
const cases = Number(arg('cases') ?? 100000);
const top = Number(arg('top') ?? 30);

await ensureDataset(db, cases);
/** One B-tree (SQLite) or relation (PostgreSQL): its table and its bytes. */
interface Part {
  name: string;
  table: string;
  bytes: number;
}
let parts: Part[];
if (db === 'sqlite') {
  const sqlite = new SQLite(datasetLocation(db, cases), { readonly: true });
  parts = (
    sqlite
      .prepare(
        `select s.name as name, coalesce(m.tbl_name, s.name) as "table", sum(s.pgsize) as bytes
         from dbstat s left join sqlite_master m on m.name = s.name group by s.name`,
      )
      .all() as Part[]
  ).map((p) => ({ ...p, bytes: Number(p.bytes) }));
  sqlite.close();
} else {
  const client = new pg.Client({ connectionString: datasetLocation(db, cases) });
  await client.connect();
  const { rows } = await client.query<{ name: string; table: string; bytes: string }>(
    `select c.relname as name, coalesce(t.relname, c.relname) as "table",
            pg_relation_size(c.oid) + coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) as bytes
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     left join pg_index i on i.indexrelid = c.oid left join pg_class t on t.oid = i.indrelid
     where n.nspname = 'public' and c.relkind in ('r', 'i')`,
  );
  await client.end();
  parts = rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

const total = parts.reduce((s, p) => s + p.bytes, 0);
const perCase = (bytes: number) => (bytes / cases).toFixed(0).padStart(7);
console.log(`${cases.toLocaleString('en')} cases on ${db}: ${perCase(total).trim()} bytes per case in tables and indexes\n`);
console.log('by table (with its indexes):');
const byTable = new Map<string, number>();
for (const p of parts) byTable.set(p.table, (byTable.get(p.table) ?? 0) + p.bytes);
for (const [table, bytes] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${perCase(bytes)}  ${table}`);
console.log('\nby table or index:');
for (const p of [...parts].sort((a, b) => b.bytes - a.bytes).slice(0, top))
  console.log(`${perCase(p.bytes)}  ${p.name}${p.name === p.table ? '' : ` (${p.table})`}`);
process.exit(0);
