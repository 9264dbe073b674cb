import type { Kysely } from 'kysely';

/**
 * Issue 15 item 1: `inspection_reminders` — each reminder of checks owed (a warning night not checked,
 * a month's night checks behind their pace) sent once per project and subject: the row is written in
 * the same transaction as its notifications, its key refusing a second.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspection_reminders')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_reminders_pk', ['project_id', 'subject'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inspection_reminders').execute();
}
