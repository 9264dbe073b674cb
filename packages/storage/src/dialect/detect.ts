import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** What the hand-written statements need of a Kysely instance, whatever its schema. */
export type SqlRunner = Pick<Kysely<unknown>, 'getExecutor' | 'executeQuery'>;

export function isPostgres(db: SqlRunner): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
