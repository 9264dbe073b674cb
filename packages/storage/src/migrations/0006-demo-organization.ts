import type { Kysely } from 'kysely';

/**
 * An organization seeded as demo data (`serve --demo`, `seed`) says so: the console and the owner
 * portal show a banner 演示数据 for it. Organizations made by `guanjia init` are not demo data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
