import type { Kysely } from 'kysely';

/**
 * Service language (issue 10, item 5): each organization's own list of barred phrases (服务忌语). No
 * row means the default list (seed 004); a saved list, even an empty one, replaces it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_language_phrases')
    .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('phrases', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
