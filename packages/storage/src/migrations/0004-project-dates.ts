import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A project's own dates on top of its organization's published years: days the office is closed
 * (e.g. a local holiday) and days it works (a project-level 调休上班). JSON arrays of local dates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('project_calendars')
    .addColumn('holidays', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
  await db.schema
    .alterTable('project_calendars')
    .addColumn('makeup_workdays', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
}
