import type { Kysely } from 'kysely';

/**
 * Issue 14 item 1 (decision 0027): ordinary callbacks are given to a person as they are made; a
 * `callback.admin` may give one to someone else, with a reason. `callback_reassignments` keeps each
 * such move (from whom, to whom, why, by whom, when), read with the callback.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('callback_reassignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('callback_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('from_id', 'text')
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_reassignments_callback_idx').on('callback_reassignments').columns(['callback_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callback_reassignments').execute();
}
