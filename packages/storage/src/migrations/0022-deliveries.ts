import { sql, type Kysely } from 'kysely';

/**
 * Issue 13 (decision 0025): messages that leave the system.
 * - `deliveries`: one row per message × recipient × channel (unique), with its idempotency key (passed to
 *   the provider), status, attempts, the next attempt's instant, a lease while a worker sends it, the
 *   provider's id and reason. The worker finds due rows through the two partial indexes.
 * - `channel_settings`: an organization's settings per outside channel; the secret is encrypted.
 * - `message_templates`: an organization's own wording of a message kind (the defaults live in core).
 * - `duty_shifts`: the on-duty roster (值班表) per project and department.
 * - `owners.message_mutes`: what the owner muted (a notice kind on a channel); `staff.wecom_user_id` and
 *   `staff.alert_channel`: where a page reaches a staff member.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('recipient_type', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address_encrypted', 'text')
    .addColumn('address_masked', 'text')
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('reason', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('read_at', 'text')
    .addColumn('failed_at', 'text')
    .execute();
  // exactly one delivery per message × recipient × channel
  await db.schema
    .createIndex('deliveries_message_idx')
    .on('deliveries')
    .columns(['message_key', 'recipient_type', 'recipient_id', 'channel'])
    .unique()
    .execute();
  // the worker's two queues: due to be tried, and claimed by a worker that may have died
  await sql`create index deliveries_due_idx on deliveries (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`create index deliveries_lease_idx on deliveries (lease_until) where status = 'sending'`.execute(db);
  // the dead-letter list, a case's or notice's messages, a recipient's recent pushes, delivery reports
  await sql`create index deliveries_failed_idx on deliveries (organization_id, failed_at) where status = 'failed'`.execute(db);
  await db.schema.createIndex('deliveries_source_idx').on('deliveries').columns(['source_type', 'source_id']).execute();
  await db.schema.createIndex('deliveries_recipient_idx').on('deliveries').columns(['recipient_id', 'kind', 'sent_at']).execute();
  await db.schema.createIndex('deliveries_provider_idx').on('deliveries').columns(['channel', 'provider_message_id']).execute();
  await db.schema.createIndex('deliveries_org_created_idx').on('deliveries').columns(['organization_id', 'created_at']).execute();

  await db.schema
    .createTable('channel_settings')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_settings_pk', ['organization_id', 'channel'])
    .execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['organization_id', 'kind', 'locale'])
    .execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_shifts_project_idx').on('duty_shifts').columns(['project_id', 'ends_at']).execute();
  await db.schema.createIndex('duty_shifts_staff_idx').on('duty_shifts').columns(['staff_id', 'starts_at']).execute();

  await db.schema
    .alterTable('owners')
    .addColumn('message_mutes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('staff').addColumn('wecom_user_id', 'text').execute();
  await db.schema.alterTable('staff').addColumn('alert_channel', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deliveries', 'channel_settings', 'message_templates', 'duty_shifts']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('owners').dropColumn('message_mutes').execute();
  await db.schema.alterTable('staff').dropColumn('wecom_user_id').execute();
  await db.schema.alterTable('staff').dropColumn('alert_channel').execute();
}
