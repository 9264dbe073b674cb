import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';
import { rebuildReportRollups } from '../reports/rebuild.ts';

/**
 * Report rollups (issue 11, decision 0015): the timeliness and outcomes reports read counts kept per
 * project, local date (and local month) and grouping key, updated in the same transaction as the
 * writes that change them, instead of scanning cases and clocks per request.
 *
 * - `report_outcomes`: closed cases by closing local date, per dimension (department, staff = assignee
 *   else first receiver at close, case type): closed, resolved first time, satisfied, asked, rating sum, rated;
 * - `report_timeliness`: stopped clocks (met / breached) by due local date, per dimension (staff,
 *   department, case type, clock kind); running clocks past due are added at query time from the
 *   running-clock index;
 * - `report_complaint_categories`: complaints by local date of receipt and category.
 *
 * `grain` is 'd' (period YYYY-MM-DD) or 'm' (period YYYY-MM): a year reads twelve month rows per key.
 * An absent key (no department, no category) is ''. The accused reader's exclusion subtracts the few
 * cases they are accused in, found through the two partial indexes below.
 *
 * `guanjia_local_date(instant, zone)` is the local date of an ISO instant: a SQL function here on
 * PostgreSQL; on SQLite the same name is registered on every connection (database.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const counts = ['closed', 'resolved_first_time', 'satisfied', 'asked', 'rating_sum', 'rated'];
  let outcomes = db.schema
    .createTable('report_outcomes')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull());
  for (const name of counts) outcomes = outcomes.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await outcomes.addPrimaryKeyConstraint('report_outcomes_pk', ['project_id', 'dimension', 'grain', 'period', 'key']).execute();

  await db.schema
    .createTable('report_timeliness')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_timeliness_pk', ['project_id', 'dimension', 'grain', 'period', 'key'])
    .execute();

  await db.schema
    .createTable('report_complaint_categories')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('report_complaint_categories_pk', ['project_id', 'grain', 'period', 'key'])
    .execute();

  // the reader's own accusations, subtracted from the rollups (few rows each)
  await sql`create index if not exists cases_accused_staff_idx on cases (accused_staff_id) where accused_staff_id is not null`.execute(db);
  await sql`create index if not exists cases_accused_party_idx on cases (accused_party) where accused_party is not null`.execute(db);

  // the service-language report reads the few overrides (仍然发送) of a period, not every event
  await sql`create index if not exists case_events_language_override_idx on case_events (organization_id, at) where type = 'service_language_overridden'`.execute(
    db,
  );

  if (isPostgres(db)) {
    await sql`create or replace function guanjia_local_date(instant text, zone text) returns text language sql stable strict
      as $$ select to_char(instant::timestamptz at time zone zone, 'YYYY-MM-DD') $$`.execute(db);
  }
  await rebuildReportRollups(db);
}
