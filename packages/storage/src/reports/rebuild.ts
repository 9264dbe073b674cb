import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../schema.ts';
import { isPostgres } from '../dialect/detect.ts';

/** Both rollup grains: a day row (YYYY-MM-DD) and a month row (YYYY-MM) for every contribution. */
const GRAINS: readonly { grain: 'd' | 'm'; period: (column: string) => RawBuilder<unknown> }[] = [
  { grain: 'd', period: (c) => sql.ref(c) },
  { grain: 'm', period: (c) => sql`substr(${sql.ref(c)}, 1, 7)` },
];

/**
 * Which clocks count as breached, in SQL (alias k): the twin of rollups.ts's clockContribution — stopped
 * breached, or running with its breach counted by the scheduler. Before migration 0016 (the rebuild of
 * migration 0013 runs at that schema) there is no such flag: stopped breached only.
 */
async function breachedClock(db: Kysely<Schema>): Promise<RawBuilder<unknown>> {
  const counted = await hasColumn(db, 'sla_clocks', 'breach_counted');
  return counted ? sql`(k.result = 'breached' or (k.result is null and k.breach_counted = 1))` : sql`k.result = 'breached'`;
}

/** Whether a table has a column yet (the rebuild runs inside older migrations too, at their schema). */
async function hasColumn(db: Kysely<Schema>, table: string, column: string): Promise<boolean> {
  const columns = isPostgres(db)
    ? sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`
    : sql<{ name: string }>`select name from pragma_table_info(${table})`;
  return (await columns.execute(db)).rows.some((r) => r.name === column);
}

/**
 * Adds the counts of the clocks `where` selects (alias k) to report_timeliness, set-based: grouped once
 * into a temporary table, then one upsert per dimension and grain that adds to the rows there.
 */
async function addClockCounts(db: Kysely<Schema>, where: (breached: RawBuilder<unknown>) => RawBuilder<unknown>): Promise<void> {
  const breached = await breachedClock(db);
  await sql`drop table if exists rollup_clocks`.execute(db);
  await sql`create temporary table rollup_clocks as
    select k.organization_id, k.project_id, k.due_local_date as d, coalesce(k.assignee_id, '') as staff,
      coalesce(k.department_id, '') as department, k.case_type as type, k.kind as clock,
      sum(case when k.result = 'met' then 1 else 0 end) as met, sum(case when ${breached} then 1 else 0 end) as breached
    from sla_clocks k
    where k.due_local_date is not null and ${where(breached)}
    group by k.organization_id, k.project_id, k.due_local_date, coalesce(k.assignee_id, ''), coalesce(k.department_id, ''), k.case_type, k.kind`.execute(db);
  for (const dimension of ['staff', 'department', 'type', 'clock'])
    for (const g of GRAINS)
      await sql`insert into report_timeliness (project_id, dimension, grain, period, key, organization_id, met, breached)
        select project_id, ${sql.lit(dimension)}, ${sql.lit(g.grain)}, ${g.period('d')}, ${sql.ref(dimension)}, organization_id, sum(met), sum(breached)
        from rollup_clocks where true group by project_id, organization_id, ${g.period('d')}, ${sql.ref(dimension)}
        on conflict (project_id, dimension, grain, period, key)
        do update set met = report_timeliness.met + excluded.met, breached = report_timeliness.breached + excluded.breached`.execute(db);
  await sql`drop table rollup_clocks`.execute(db);
}

/**
 * Counts the breach of every running clock past `now` not counted yet (the scheduler's work, all at
 * once and set-based): the flags set and the counts added to the rollups. Migration 0016's backfill.
 */
export async function countOverdueBreaches(db: Kysely<Schema>, now: string): Promise<void> {
  if (isPostgres(db) && !db.isTransaction) return db.transaction().execute((trx) => countOverdueBreaches(trx, now));
  await sql`drop table if exists newly_counted`.execute(db);
  await sql`create temporary table newly_counted as
    select id from sla_clocks where stopped_at is null and breach_counted = 0 and due_at < ${now} and result is null`.execute(db);
  await sql`update sla_clocks set breach_counted = 1 where id in (select id from newly_counted)`.execute(db);
  await addClockCounts(db, () => sql`k.id in (select id from newly_counted)`);
  await sql`drop table newly_counted`.execute(db);
}

/**
 * Recounts the report rollups from cases and clocks (all of them, or one project's), set-based: each
 * table is grouped once into a temporary table with the local dates computed (guanjia_local_date),
 * then summed per dimension and grain. The migration's backfill, a project's new time zone, a check.
 */
export async function rebuildReportRollups(db: Kysely<Schema>, options: { projectId?: string } = {}): Promise<void> {
  // one connection throughout (the temporary tables), and nobody sees the rollups half built (SQLite:
  // one connection, and the caller's write unit is a transaction already)
  if (isPostgres(db) && !db.isTransaction) return db.transaction().execute((trx) => rebuildReportRollups(trx, options));
  const only = options.projectId;
  const onlyCases = only ? sql`and c.project_id = ${only}` : sql``;
  const onlyClocks = only ? sql`and k.project_id = ${only}` : sql``;
  for (const table of ['report_outcomes', 'report_timeliness', 'report_complaint_categories'])
    await (only ? sql`delete from ${sql.table(table)} where project_id = ${only}` : sql`delete from ${sql.table(table)}`).execute(db);

  // closed cases: one row per project, local date, department, type and staff (assignee, else first receiver)
  await sql`drop table if exists rollup_closed`.execute(db);
  await sql`create temporary table rollup_closed as
    select c.organization_id, c.project_id, guanjia_local_date(c.closed_at, p.time_zone) as d,
      coalesce(c.department_id, '') as department, c.type, coalesce(c.assignee_id, c.first_receiver_id, '') as staff,
      count(*) as closed,
      sum(case when c.satisfied = 1 and c.reopen_count = 0 and c.close_reason = 'resolved' then 1 else 0 end) as resolved_first_time,
      sum(case when c.satisfied = 1 then 1 else 0 end) as satisfied,
      sum(case when c.satisfied is not null then 1 else 0 end) as asked,
      sum(coalesce(c.rating, 0)) as rating_sum,
      sum(case when c.rating is not null then 1 else 0 end) as rated,
      sum(case when c.close_reason = 'out_of_scope' then 1 else 0 end) as out_of_scope,
      sum(case when c.reopen_count > 0 then 1 else 0 end) as reopened
    from cases c join projects p on p.id = c.project_id
    where c.status = 'closed' and c.closed_at is not null ${onlyCases}
    group by c.organization_id, c.project_id, guanjia_local_date(c.closed_at, p.time_zone), coalesce(c.department_id, ''), c.type,
      coalesce(c.assignee_id, c.first_receiver_id, '')`.execute(db);
  // out-of-scope closures and reopened cases are counted apart since migration 0042
  const apart = (await hasColumn(db, 'report_outcomes', 'out_of_scope')) ? OUTCOMES_APART : [];
  const counts = ['closed', 'resolved_first_time', 'satisfied', 'asked', 'rating_sum', 'rated', ...apart];
  for (const dimension of ['department', 'staff', 'type'])
    for (const g of GRAINS)
      await sql`insert into report_outcomes (project_id, dimension, grain, period, key, organization_id, ${sql.join(counts.map((c) => sql.ref(c)))})
        select project_id, ${sql.lit(dimension)}, ${sql.lit(g.grain)}, ${g.period('d')}, ${sql.ref(dimension)}, organization_id,
          ${sql.join(counts.map((c) => sql`sum(${sql.ref(c)})`))}
        from rollup_closed group by project_id, organization_id, ${g.period('d')}, ${sql.ref(dimension)}`.execute(db);
  await sql`drop table rollup_closed`.execute(db);

  // clocks stopped met or breached, and running clocks whose breach is counted, by their due local date (stored on the clock)
  await addClockCounts(db, (breached) => sql`(k.result = 'met' or ${breached}) ${onlyClocks}`);

  // complaints by local date of receipt and category
  await sql`drop table if exists rollup_complaints`.execute(db);
  await sql`create temporary table rollup_complaints as
    select c.organization_id, c.project_id, guanjia_local_date(c.created_at, p.time_zone) as d, coalesce(c.category, '') as category, count(*) as n
    from cases c join projects p on p.id = c.project_id
    where c.type = 'complaint' ${onlyCases}
    group by c.organization_id, c.project_id, guanjia_local_date(c.created_at, p.time_zone), coalesce(c.category, '')`.execute(db);
  for (const g of GRAINS)
    await sql`insert into report_complaint_categories (project_id, grain, period, key, organization_id, count)
      select project_id, ${sql.lit(g.grain)}, ${g.period('d')}, category, organization_id, sum(n)
      from rollup_complaints group by project_id, organization_id, ${g.period('d')}, category`.execute(db);
  await sql`drop table rollup_complaints`.execute(db);
}

const OUTCOMES_APART = ['out_of_scope', 'reopened'];

/**
 * Migration 0042's backfill: the out-of-scope closures and the reopened cases among the closed ones,
 * set into the outcome rows that already count those cases (grouped once, then one upsert per dimension
 * and grain; only the cases that have either, so a few).
 */
export async function countOutcomesApart(db: Kysely<Schema>): Promise<void> {
  if (isPostgres(db) && !db.isTransaction) return db.transaction().execute((trx) => countOutcomesApart(trx));
  await sql`drop table if exists rollup_apart`.execute(db);
  await sql`create temporary table rollup_apart as
    select c.organization_id, c.project_id, guanjia_local_date(c.closed_at, p.time_zone) as d,
      coalesce(c.department_id, '') as department, c.type, coalesce(c.assignee_id, c.first_receiver_id, '') as staff,
      sum(case when c.close_reason = 'out_of_scope' then 1 else 0 end) as out_of_scope,
      sum(case when c.reopen_count > 0 then 1 else 0 end) as reopened
    from cases c join projects p on p.id = c.project_id
    where c.status = 'closed' and c.closed_at is not null and (c.close_reason = 'out_of_scope' or c.reopen_count > 0)
    group by c.organization_id, c.project_id, guanjia_local_date(c.closed_at, p.time_zone), coalesce(c.department_id, ''), c.type,
      coalesce(c.assignee_id, c.first_receiver_id, '')`.execute(db);
  for (const dimension of ['department', 'staff', 'type'])
    for (const g of GRAINS)
      await sql`insert into report_outcomes (project_id, dimension, grain, period, key, organization_id, out_of_scope, reopened)
        select project_id, ${sql.lit(dimension)}, ${sql.lit(g.grain)}, ${g.period('d')}, ${sql.ref(dimension)}, organization_id, sum(out_of_scope), sum(reopened)
        from rollup_apart where true group by project_id, organization_id, ${g.period('d')}, ${sql.ref(dimension)}
        on conflict (project_id, dimension, grain, period, key)
        do update set out_of_scope = report_outcomes.out_of_scope + excluded.out_of_scope, reopened = report_outcomes.reopened + excluded.reopened`.execute(db);
  await sql`drop table rollup_apart`.execute(db);
}

/**
 * A project's time zone changed: its clocks' due local dates are recomputed in the new zone and its
 * report rollups recounted (inside the caller's transaction, with the project row already updated).
 */
export async function relocateProjectDates(db: Kysely<Schema>, projectId: string): Promise<void> {
  await sql`update sla_clocks set due_local_date = guanjia_local_date(due_at, (select time_zone from projects where id = ${projectId}))
    where project_id = ${projectId} and due_at is not null`.execute(db);
  await rebuildReportRollups(db, { projectId });
}
