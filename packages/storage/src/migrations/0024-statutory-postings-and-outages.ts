import { sql, type Kysely } from 'kysely';

/**
 * Issue 13, items 6 and 7: statutory postings (法定公示) and the outage register (停水/停电/电梯停运).
 * - `statutory_schedules`: what a project must post and how often; its next due date (a local date)
 *   on its own day of the month (`due_day`), and its alerts to the office manager: `warned_at`,
 *   `overdue_notified_at` (each once per due date) and `next_alert_at`, the instant of the next one,
 *   through which the scheduler finds due schedules (partial index).
 * - `statutory_postings`: every posting made (history), the due date it covered and its notice.
 * - `statutory_objections`: an owner's objection to a posting is a case (业主异议); one row per case.
 * - `outages`: an outage's kind, area (`building_ids` JSON; empty = the whole project), period, cause
 *   and what to tell callers; `closed_at` once it is over. `case_outages`: the cases linked to one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('statutory_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('every_months', 'integer', (c) => c.notNull())
    .addColumn('warn_days', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('next_due_on', 'text', (c) => c.notNull())
    .addColumn('last_posted_on', 'text')
    .addColumn('last_notice_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('warned_at', 'text')
    .addColumn('overdue_notified_at', 'text')
    .addColumn('next_alert_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statutory_schedules_project_idx').on('statutory_schedules').columns(['project_id', 'next_due_on']).execute();
  // the scheduler's queue: schedules owing an alert, soonest first
  await sql`create index statutory_schedules_alert_idx on statutory_schedules (next_alert_at) where next_alert_at is not null`.execute(db);

  await db.schema
    .createTable('statutory_postings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('posted_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statutory_postings_schedule_idx').on('statutory_postings').columns(['schedule_id', 'posted_on']).execute();
  await db.schema.createIndex('statutory_postings_project_idx').on('statutory_postings').columns(['project_id', 'posted_on']).execute();

  await db.schema
    .createTable('statutory_objections')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('posting_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statutory_objections_posting_idx').on('statutory_objections').columns(['posting_id']).execute();

  await db.schema
    .createTable('outages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('building_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('caller_script', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  // a project's register, newest first; the open ones (the desk's look-up) through their own index
  await db.schema.createIndex('outages_project_idx').on('outages').columns(['project_id', 'starts_at']).execute();
  await sql`create index outages_open_idx on outages (project_id, starts_at) where closed_at is null`.execute(db);

  await db.schema
    .createTable('case_outages')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('outage_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_outages_pk', ['case_id', 'outage_id'])
    .execute();
  await db.schema.createIndex('case_outages_outage_idx').on('case_outages').columns(['outage_id', 'linked_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_outages', 'outages', 'statutory_objections', 'statutory_postings', 'statutory_schedules'])
    await db.schema.dropTable(table).execute();
}
