import { sql, type Kysely } from 'kysely';

/**
 * Overdue resolutions of internal meetings reminded (会议决议事项逾期提醒, decision 0038):
 * `internal_meeting_actions.overdue_reminded_at` — when the responsible and the organizer were told that
 * the resolution is still open past its deadline (once: a conditional update written with the
 * notifications). The scheduler's sweep reads the open resolutions not yet reminded by deadline through a
 * partial index, so it stays bounded by what is still to remind, not by every resolution ever made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('internal_meeting_actions').addColumn('overdue_reminded_at', 'text').execute();
  await sql`create index internal_meeting_actions_overdue_idx on internal_meeting_actions (deadline_on, id) where status = 'open' and overdue_reminded_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index internal_meeting_actions_overdue_idx`.execute(db);
  await db.schema.alterTable('internal_meeting_actions').dropColumn('overdue_reminded_at').execute();
}
