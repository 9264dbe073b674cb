import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 (speed): the list behind a report figure pages through an index in the list's own order
 * and stops at the page, instead of reading every clock or case of the period to count and sort them
 * (its total now comes from the rollups, as the figure does: decision 0040).
 *
 * - `sla_clocks_kpi_idx (organization_id, due_local_date)` gains `due_at, id`: a month's clocks in the
 *   order of the list (due date, due instant). Every statement that used the two first columns still can.
 * - `cases_closed_idx` (migration 0042: `(project_id, closed_at)`, read only by that list) becomes
 *   `(organization_id, closed_at, id)`: the closed cases of every project of the reader in closing order,
 *   one range instead of one per project and a sort.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index sla_clocks_kpi_idx`.execute(db);
  await sql`create index sla_clocks_kpi_idx on sla_clocks (organization_id, due_local_date, due_at, id)`.execute(db);
  await sql`drop index cases_closed_idx`.execute(db);
  await sql`create index cases_closed_idx on cases (organization_id, closed_at, id) where closed_at is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cases_closed_idx`.execute(db);
  await sql`create index cases_closed_idx on cases (project_id, closed_at) where closed_at is not null`.execute(db);
  await sql`drop index sla_clocks_kpi_idx`.execute(db);
  await sql`create index sla_clocks_kpi_idx on sla_clocks (organization_id, due_local_date)`.execute(db);
}
