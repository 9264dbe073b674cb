import { sql, type Kysely } from 'kysely';

/**
 * Issue 11, item 2 (decision 0013): partial indexes over open cases and running clocks, where a queue
 * read more rows than it answered.
 *
 * - 未结 by type (e.g. open complaints): the open cases' index by type, so that a page reads its 50
 *   entries instead of walking every open case of the project and looking each up to test its type
 *   (a complaint is one case in seven).
 * - Each case's nearest running clock (every list's countdown): the running clocks by case, with the
 *   due instant and kind in the index, instead of every clock of the page's cases looked up in the table.
 * - 即将超时's walk of the running clocks in due order, and 待回访's follow-up clocks: their indexes
 *   also hold the project, the case and the kind, so neither reads table rows.
 *
 * Index creation only, on running clocks and open cases (under 1% of a two-year history): quick at millions of rows.
 */
const OPEN = sql`where status <> 'closed'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_open_type_idx on cases (organization_id, type, created_at, id) ${OPEN}`.execute(db);
  await sql`create index cases_open_project_type_idx on cases (organization_id, project_id, type, created_at, id) ${OPEN}`.execute(db);
  // stopped_at (null in every entry) is a column too: SQLite reads only the index when every column the
  // statement names is in it, the partial predicate's included
  await sql`create index sla_clocks_running_case_idx on sla_clocks (case_id, due_at, kind, stopped_at) where stopped_at is null`.execute(db);
  await sql`drop index sla_clocks_running_due_idx`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (organization_id, due_at, id, project_id, case_id, kind, stopped_at) where stopped_at is null`.execute(
    db,
  );
  // 待回访's follow-up clocks: as complete, or the planner would walk every running clock above instead
  await sql`drop index sla_clocks_running_kind_idx`.execute(db);
  await sql`create index sla_clocks_running_kind_idx on sla_clocks (organization_id, kind, due_at, project_id, case_id, stopped_at) where stopped_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sla_clocks_running_kind_idx`.execute(db);
  await sql`create index sla_clocks_running_kind_idx on sla_clocks (organization_id, kind, due_at) where stopped_at is null`.execute(db);
  await sql`drop index sla_clocks_running_due_idx`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (organization_id, due_at, id) where stopped_at is null`.execute(db);
  await sql`drop index sla_clocks_running_case_idx`.execute(db);
  await sql`drop index cases_open_project_type_idx`.execute(db);
  await sql`drop index cases_open_type_idx`.execute(db);
}
