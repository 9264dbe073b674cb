import type { Kysely } from 'kysely';

/**
 * Internal meetings (内部会议, issue 16 item 3, decision 0038): `internal_meetings` — a meeting held by an
 * office (project) or a department of the company or of an office (its project then the department's),
 * its kind, date, organizer, secretary, attendees (staff ids, JSON), agenda, the minutes with who wrote
 * them and when, the time zone its dates are judged in, and when the late minutes were reminded (once:
 * a conditional update written with the notifications); `internal_meeting_actions` — its resolutions
 * (决议), each with a responsible staff member and a deadline, tracked to done with a note.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('internal_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text')
    .addColumn('organizer_id', 'text', (c) => c.notNull())
    .addColumn('secretary_id', 'text', (c) => c.notNull())
    .addColumn('attendee_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('minutes_by', 'text')
    .addColumn('minutes_at', 'text')
    .addColumn('minutes_reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('internal_meetings_org_idx').on('internal_meetings').columns(['organization_id', 'held_on']).execute();
  await db.schema.createIndex('internal_meetings_project_idx').on('internal_meetings').columns(['project_id', 'held_on']).execute();
  await db.schema.createIndex('internal_meetings_department_idx').on('internal_meetings').columns(['department_id', 'held_on']).execute();

  await db.schema
    .createTable('internal_meeting_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('responsible_id', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('internal_meeting_actions_meeting_idx').on('internal_meeting_actions').columns(['meeting_id']).execute();
  await db.schema.createIndex('internal_meeting_actions_responsible_idx').on('internal_meeting_actions').columns(['responsible_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('internal_meeting_actions').execute();
  await db.schema.dropTable('internal_meetings').execute();
}
