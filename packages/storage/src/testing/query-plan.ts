import { CompiledQuery, sql, type Compilable } from 'kysely';
import type { Database } from '../database.ts';

/**
 * What the database's planner would do with a statement, reduced to what the query-plan tests check
 * (decision 0013): which indexes it reads, which tables it scans whole, whether it sorts.
 */
export interface QueryPlan {
  /** Index names read (SQLite USING [COVERING] INDEX, PostgreSQL Index / Index Only / Bitmap Index Scan). */
  indexes: string[];
  /** Tables read whole: SQLite SCAN (also a whole index), PostgreSQL Seq Scan or an index scan with no condition. */
  scannedTables: string[];
  /** SQLite USE TEMP B-TREE (for ORDER BY, GROUP BY, DISTINCT); PostgreSQL Sort / Incremental Sort nodes. */
  sorts: string[];
  /** The plan as the database wrote it, for failure messages. */
  text: string;
}

/**
 * EXPLAIN of a compiled statement with its parameters, on the database's own planner: SQLite EXPLAIN
 * QUERY PLAN; PostgreSQL EXPLAIN (FORMAT JSON), in a transaction where sequential scans and sorts
 * are made expensive (`enable_seqscan = off`, `enable_sort = off`): on a few thousand rows PostgreSQL
 * rightly prefers to read a small range and sort it, which it would not do on millions; so made, it
 * still scans and sorts when no index gives the rows in order, which is what the tests catch.
 * `sortsExpected`: a statement that groups or sorts by design (DISTINCT, GROUP BY) keeps sorts cheap.
 * PostgreSQL plans the statement as a prepared statement's generic plan (what our pool runs after a
 * few executions), unless `customPlan` (planned for the values given).
 */
export async function explainQuery(
  database: Database,
  query: Compilable | CompiledQuery,
  options: { sortsExpected?: boolean; customPlan?: boolean } = {},
): Promise<QueryPlan> {
  const compiled = 'compile' in query ? query.compile() : query;
  if (database.dialect === 'postgres') {
    return database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      if (!options.sortsExpected) await sql`set local enable_sort = off`.execute(trx);
      // the generic plan, as a prepared statement runs after its first executions (our pool prepares every statement)
      await sql.raw(`set local plan_cache_mode = ${options.customPlan ? 'force_custom_plan' : 'force_generic_plan'}`).execute(trx);
      await trx.executeQuery(CompiledQuery.raw(`prepare gj_explained as ${compiled.sql}`));
      // EXECUTE takes its arguments as literals (a bound parameter is not accepted there)
      const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
      const args = compiled.parameters.map(literal).join(', ');
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(
        CompiledQuery.raw(`explain (format json) execute gj_explained${args ? `(${args})` : ''}`),
      );
      await trx.executeQuery(CompiledQuery.raw('deallocate gj_explained'));
      const root = (rows[0]!['QUERY PLAN'] as { Plan: PgNode }[])[0]!.Plan;
      const plan: QueryPlan = { indexes: [], scannedTables: [], sorts: [], text: JSON.stringify(root, null, 1) };
      walkPg(root, plan);
      return plan;
    });
  }
  const { rows } = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
  const plan: QueryPlan = { indexes: [], scannedTables: [], sorts: [], text: rows.map((r) => r.detail).join('\n') };
  for (const { detail } of rows) {
    const index = /USING (?:COVERING )?INDEX (\S+)/.exec(detail);
    if (index) plan.indexes.push(index[1]!);
    const scan = /^SCAN (\S+)/.exec(detail);
    if (scan) plan.scannedTables.push(scan[1]!);
    if (/TEMP B-TREE/.test(detail)) plan.sorts.push(detail);
  }
  return plan;
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PgNode[];
}

function walkPg(node: PgNode, plan: QueryPlan): void {
  const type = node['Node Type'];
  if (node['Index Name']) plan.indexes.push(node['Index Name']);
  if (type === 'Seq Scan' && node['Relation Name']) plan.scannedTables.push(node['Relation Name']);
  // an index read from end to end (no condition on it) is a scan of the table in another order
  if ((type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond'] && node['Relation Name']) plan.scannedTables.push(node['Relation Name']);
  if (type === 'Sort' || type === 'Incremental Sort') plan.sorts.push(type);
  for (const child of node.Plans ?? []) walkPg(child, plan);
}
