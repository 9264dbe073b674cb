import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * `column in (values)` written as an expression (`(column || '') in (…)`): a filter beside the index
 * range a query is meant to read, never taken by a planner as a range of its own (an `in` list on an
 * indexed column can make SQLite or PostgreSQL read that index instead, then sort). `column` is a
 * trusted SQL identifier (e.g. `cases.project_id`), never user input.
 */
export function inListBesideIndex(column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.raw(column)} || '') in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}
