import { sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Rows SQLite's ANALYZE samples per index (PRAGMA analysis_limit): enough for the planner to tell a
 * selective index (one assignee's open cases) from a broad one (an organization's cases), and cheap
 * at any table size (milliseconds per index at millions of cases).
 */
export const SQLITE_ANALYSIS_LIMIT = 1000;

/**
 * Gives the query planner statistics about the tables and indexes (decision 0013). `full` after
 * migrations and a restore: SQLite ANALYZE (sampled), PostgreSQL ANALYZE. `periodic` (a running
 * server, every few hours): SQLite PRAGMA optimize, which analyzes only what changed enough;
 * PostgreSQL's autovacuum keeps its own statistics, so nothing there.
 */
export async function refreshPlannerStatistics(database: Database, mode: 'full' | 'periodic'): Promise<void> {
  const { db } = database;
  if (database.dialect === 'postgres') {
    if (mode === 'full') await sql`analyze`.execute(db);
    return;
  }
  await sql.raw(`pragma analysis_limit = ${SQLITE_ANALYSIS_LIMIT}`).execute(db);
  await sql.raw(mode === 'full' ? 'analyze' : 'pragma optimize').execute(db);
}
