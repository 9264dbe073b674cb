import type { Kysely } from 'kysely';

/**
 * Issue 14, item 2: `owner_visits.reminded_at` — when the visitor and companion of a planned visit were
 * reminded on its day (once; cleared when the visit is moved to another day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('owner_visits').addColumn('reminded_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('owner_visits').dropColumn('reminded_at').execute();
}
