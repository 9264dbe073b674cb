import type { Database, Schema } from '@guanjia/storage';
import type { Kysely } from 'kysely';

/**
 * One transaction per write, answered after commit (SQLite: group commit of concurrent writes;
 * PostgreSQL: read committed with row locks).
 */
export function inTransaction<T>(database: Database, work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  return database.write(work);
}
