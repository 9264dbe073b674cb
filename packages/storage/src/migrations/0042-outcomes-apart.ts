import { sql, type Kysely } from 'kysely';
import { countOutcomesApart } from '../reports/rebuild.ts';

/**
 * Issue 16 item 1: 问题处理成功率 counts out-of-scope closures apart (they are not problems the office
 * could solve) and shows the reopened cases among the closed ones. `report_outcomes` gets two counts
 * beside `closed`: `out_of_scope` (closed with close_reason 'out_of_scope') and `reopened` (closed with
 * reopen_count > 0), kept with every write like the others (rollups.ts) and backfilled here for the
 * cases closed so far (decision 0040).
 *
 * The list behind an outcome figure reads closed cases by project and closing instant: a partial index
 * `cases_closed_idx (project_id, closed_at) where closed_at is not null` serves it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table report_outcomes add column out_of_scope integer not null default 0`.execute(db);
  await sql`alter table report_outcomes add column reopened integer not null default 0`.execute(db);
  await countOutcomesApart(db);
  await sql`create index cases_closed_idx on cases (project_id, closed_at) where closed_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cases_closed_idx`.execute(db);
  await sql`alter table report_outcomes drop column reopened`.execute(db);
  await sql`alter table report_outcomes drop column out_of_scope`.execute(db);
}
