import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { isPostgres } from './detect.ts';

/**
 * A statement planned for its own parameters on PostgreSQL: sent as an unnamed statement (the
 * connection prepares every other text once, database.ts), which PostgreSQL plans at each execution
 * with the values given. A search's statement needs that: a generic plan made for a common word
 * (walk the newest cases) would walk them all for a word that matches nothing. Planning costs about a
 * millisecond. Parallel workers are off for every statement of the application (the pool's
 * connection option, database.ts): a 500-row full-text walk or an owner search's scans of a few
 * thousand rows waited for worker start-up with them — 200–340 ms instead of 16–115 ms on a busy
 * machine — and ten desks searching at once would start thirty processes.
 */
export const PLANNED_PER_EXECUTION = '/* planned for its own parameters */ ';

export async function executePlannedPerExecution<R>(db: Kysely<Schema>, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const text = isPostgres(db) ? PLANNED_PER_EXECUTION + compiled.sql : compiled.sql;
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...compiled.parameters]))).rows;
}
