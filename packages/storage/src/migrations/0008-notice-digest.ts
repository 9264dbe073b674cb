import type { Kysely } from 'kysely';

/**
 * Clock alerts waiting to be sent as one digest per recipient (SPEC §5): the scheduler queues each
 * alert for its recipient here, in the transaction that records the alert, and sends everything
 * queued for that recipient as one notification when their window closes — a restart loses none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pending_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('flush_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_notices_flush_idx').on('pending_notices').columns(['flush_at']).execute();
  await db.schema.createIndex('pending_notices_recipient_idx').on('pending_notices').columns(['recipient_id', 'flush_at']).execute();
}
