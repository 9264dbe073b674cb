import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { isPostgres } from './detect.ts';

/**
 * Runs a search's statements in one PostgreSQL process with a plan made for their own parameters
 * (SQLite: as they are). Parallel workers (Gather, two workers) made a 500-row full-text walk or an
 * owner search's scans of a few thousand rows wait for worker start-up — 200–340 ms instead of
 * 16–115 ms on a busy machine — and ten desks searching at once would start thirty processes. The
 * statements are prepared once for every query: a generic plan made for a common word (walk the
 * newest cases) would walk them all for a word that matches nothing, so each execution is planned
 * for its own word (`plan_cache_mode = force_custom_plan`, about a millisecond).
 */
export async function inOneProcess<T>(db: Kysely<Schema>, work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('max_parallel_workers_per_gather', '0', true), set_config('plan_cache_mode', 'force_custom_plan', true)`.execute(trx);
    return work(trx);
  });
}
