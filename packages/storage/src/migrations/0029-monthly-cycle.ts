import type { Kysely } from 'kysely';

/**
 * Issue 14 item 3, the monthly communication cycle (每月客户沟通, decision 0031):
 * - `monthly_contacts`: the supervisor's contact list, one row per owner and month of a project
 *   (unique: regeneration adds, never duplicates); `case_ids` JSON (what the owner raised), `attempts`
 *   JSON (each call: reached or not, channel, the owner's words, result), `due_on` a local date.
 * - `monthly_summaries`: one per project and month (每月客户沟通总结): `figures` JSON (a snapshot of
 *   the month's data, rebuilt only on request), the text sections, status and review; `version` for
 *   edits that must not overwrite one another.
 * - `monthly_opinions`: the month's opinions of a summary, each assigned at review to a staff member
 *   with a deadline and tracked to done.
 * - `owner_meetings` (业主委员会/客户代表座谈, the quality department's half-yearly meeting) with their
 *   minutes, and `meeting_actions` tracked to done.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('monthly_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('case_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('channel', 'text')
    .addColumn('owner_words', 'text')
    .addColumn('result', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monthly_contacts_owner_uq').on('monthly_contacts').columns(['project_id', 'month', 'owner_id']).unique().execute();

  await db.schema
    .createTable('monthly_summaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('figures_at', 'text', (c) => c.notNull())
    .addColumn('overview', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('main_problems', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('improvements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monthly_summaries_month_uq').on('monthly_summaries').columns(['project_id', 'month']).unique().execute();

  await db.schema
    .createTable('monthly_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('summary_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('deadline_on', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monthly_opinions_summary_idx').on('monthly_opinions').columns(['summary_id']).execute();
  await db.schema.createIndex('monthly_opinions_project_idx').on('monthly_opinions').columns(['project_id', 'status', 'deadline_on']).execute();

  await db.schema
    .createTable('owner_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('minutes', 'text')
    .addColumn('minutes_by', 'text')
    .addColumn('minutes_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('owner_meetings_project_idx').on('owner_meetings').columns(['project_id', 'held_on']).execute();

  await db.schema
    .createTable('meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('responsible_id', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_actions_meeting_idx').on('meeting_actions').columns(['meeting_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['meeting_actions', 'owner_meetings', 'monthly_opinions', 'monthly_summaries', 'monthly_contacts'])
    await db.schema.dropTable(table).execute();
}
