import type { Database, Schema } from '@guanjia/storage';
import type { Kysely } from 'kysely';

/** One transaction per write (SQLite: serialized; PostgreSQL: read committed with row locks). */
export function inTransaction<T>(database: Database, work: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work);
}
