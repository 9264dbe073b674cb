import type { Schema } from '../schema.ts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AccusedExclusion } from '../repositories/cases.repository.ts';
import { inListBesideIndex } from '../dialect/beside-index.ts';

/**
 * The reports read from the rollups (migration 0013, decision 0015): whole months from month rows,
 * the days before the first and after the last whole month from day rows, grouped in SQL. The
 * reader's own accusations are subtracted (cases found through the accused indexes) and, for
 * timeliness, running clocks past due whose breach the scheduler has not counted yet are added (their
 * own partial index, a few at most): never a scan of all cases or clocks.
 */

type Db = Kysely<Schema>;
export interface RollupFilter {
  organizationId: string;
  /** The projects read (resolved by the caller: never "all" unbounded). */
  projectIds: readonly string[];
  /** Local dates, [from, to). */
  from: string;
  to: string;
  excludeAccused?: AccusedExclusion;
}

const firstOfNextMonth = (date: string) => {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/** [from, to) as month rows for the whole months inside it and day rows for the rest. */
export function periodParts(from: string, to: string): { grain: 'd' | 'm'; from: string; to: string }[] {
  const firstWhole = from.endsWith('-01') ? from : firstOfNextMonth(from);
  const endWhole = `${to.slice(0, 7)}-01`;
  if (firstWhole >= endWhole) return [{ grain: 'd', from, to }];
  const parts: { grain: 'd' | 'm'; from: string; to: string }[] = [{ grain: 'm', from: firstWhole.slice(0, 7), to: endWhole.slice(0, 7) }];
  if (from < firstWhole) parts.push({ grain: 'd', from, to: firstWhole });
  if (endWhole < to) parts.push({ grain: 'd', from: endWhole, to });
  return parts;
}

const list = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));

/**
 * The ids of the cases the reader is accused in (the SQL twin of core's isAccused), through the partial
 * indexes. Statements start from them (CROSS JOIN keeps that order on SQLite) and reach each case and
 * its clocks by id, never a range of all cases or clocks: the clocks' date and organization are not
 * written as index terms there (SQLite without statistics would rather range over a year of clocks by
 * due date for each accused case). The organization is not an index term either (an index on it would
 * win over the accused ones): the project list, all of the reader's organization, scopes them.
 */
function accusedCaseIds(x: AccusedExclusion): RawBuilder<unknown> {
  const staff = sql`select id from cases where accused_staff_id = ${x.staffId}`;
  return x.officeManager ? sql`${staff} union select id from cases where accused_party = 'office_management'` : staff;
}

const CASE_COLUMNS = sql`id, project_id, status, type, category, closed_at, created_at, department_id, assignee_id, first_receiver_id, satisfied, reopen_count, close_reason, rating`;
/**
 * The cases the reader is accused in, as rows (what the outcomes and categories subtract): read straight
 * from the accused indexes, so that no planner starts from all cases to compute their local dates.
 */
function accusedCases(x: AccusedExclusion): RawBuilder<unknown> {
  const staff = sql`select ${CASE_COLUMNS} from cases where accused_staff_id = ${x.staffId}`;
  return x.officeManager ? sql`${staff} union select ${CASE_COLUMNS} from cases where accused_party = 'office_management'` : staff;
}

function rollupRows(table: string, dimension: string | null, key: RawBuilder<unknown>, counts: RawBuilder<unknown>, f: RollupFilter): RawBuilder<unknown>[] {
  return periodParts(f.from, f.to).map(
    (p) =>
      sql`select ${key} as key, ${counts} from ${sql.table(table)} where project_id in (${list(f.projectIds)})${
        dimension ? sql` and dimension = ${dimension}` : sql``
      } and grain = ${p.grain} and period >= ${p.from} and period < ${p.to}`,
  );
}

// --- outcomes ------------------------------------------------------------------------------------

export type OutcomeGrouping = 'month' | 'department' | 'project' | 'staff' | 'type';
export interface OutcomeRow {
  key: string;
  closed: number;
  resolvedFirstTime: number;
  satisfied: number;
  asked: number;
  ratingSum: number;
  rated: number;
  /** Closed as outside the office's remit (counted apart from 问题处理成功率). */
  outOfScope: number;
  /** Closed after being reopened at least once. */
  reopened: number;
}

const OUTCOME_KEYS: Record<OutcomeGrouping, { dimension: string; rollup: RawBuilder<unknown>; ofCase: RawBuilder<unknown> }> = {
  month: { dimension: 'type', rollup: sql`substr(period, 1, 7)`, ofCase: sql`substr(guanjia_local_date(c.closed_at, p.time_zone), 1, 7)` },
  project: { dimension: 'type', rollup: sql`project_id`, ofCase: sql`c.project_id` },
  department: { dimension: 'department', rollup: sql`case when key = '' then '-' else key end`, ofCase: sql`coalesce(c.department_id, '-')` },
  staff: { dimension: 'staff', rollup: sql`case when key = '' then '-' else key end`, ofCase: sql`coalesce(c.assignee_id, c.first_receiver_id, '-')` },
  type: { dimension: 'type', rollup: sql`key`, ofCase: sql`c.type` },
};

/** Closed cases in [from, to) (each on its project's local date of closing), grouped. */
export async function outcomeRollup(db: Db, f: RollupFilter & { groupBy: OutcomeGrouping }): Promise<OutcomeRow[]> {
  if (f.projectIds.length === 0) return [];
  const { rows } = await outcomeRollupQuery(f).execute(db);
  return rows.map((r) => ({
    key: String(r.key),
    closed: Number(r.closed),
    resolvedFirstTime: Number(r.resolved),
    satisfied: Number(r.satisfied),
    asked: Number(r.asked),
    ratingSum: Number(r.ratingSum ?? r.rating_sum),
    rated: Number(r.rated),
    outOfScope: Number(r.outOfScope ?? r.out_of_scope),
    reopened: Number(r.reopened),
  }));
}

/** The statement of `outcomeRollup` (the query-plan tests explain it). */
export function outcomeRollupQuery(f: RollupFilter & { groupBy: OutcomeGrouping }) {
  const k = OUTCOME_KEYS[f.groupBy];
  const branches = rollupRows(
    'report_outcomes',
    k.dimension,
    k.rollup,
    sql`closed, resolved_first_time, satisfied, asked, rating_sum, rated, out_of_scope, reopened`,
    f,
  );
  if (f.excludeAccused) {
    const localDate = sql`guanjia_local_date(c.closed_at, p.time_zone)`;
    branches.push(sql`select ${k.ofCase} as key, -1 as closed,
        -(case when c.satisfied = 1 and c.reopen_count = 0 and c.close_reason = 'resolved' then 1 else 0 end) as resolved_first_time,
        -(case when c.satisfied = 1 then 1 else 0 end) as satisfied, -(case when c.satisfied is not null then 1 else 0 end) as asked,
        -coalesce(c.rating, 0) as rating_sum, -(case when c.rating is not null then 1 else 0 end) as rated,
        -(case when c.close_reason = 'out_of_scope' then 1 else 0 end) as out_of_scope, -(case when c.reopen_count > 0 then 1 else 0 end) as reopened
      from (${accusedCases(f.excludeAccused)}) c join projects p on p.id = c.project_id
      where c.project_id in (${list(f.projectIds)}) and c.status = 'closed' and ${localDate} >= ${f.from} and ${localDate} < ${f.to}`);
  }
  return sql<Record<string, string | number>>`select key, sum(closed) as closed, sum(resolved_first_time) as resolved, sum(satisfied) as satisfied,
      sum(asked) as asked, sum(rating_sum) as rating_sum, sum(rated) as rated, sum(out_of_scope) as out_of_scope, sum(reopened) as reopened
    from (${sql.join(branches, sql` union all `)}) t group by key having sum(closed) > 0`;
}

/** Complaints received in [from, to) (local dates of receipt), by category. */
export async function complaintCategoryRollup(db: Db, f: RollupFilter): Promise<{ category: string | null; count: number }[]> {
  if (f.projectIds.length === 0) return [];
  const { rows } = await complaintCategoryRollupQuery(f).execute(db);
  return rows.map((r) => ({ category: r.key === '' ? null : r.key, count: Number(r.n) }));
}

/** The statement of `complaintCategoryRollup`. */
export function complaintCategoryRollupQuery(f: RollupFilter) {
  const branches = rollupRows('report_complaint_categories', null, sql`key`, sql`count as n`, f);
  if (f.excludeAccused) {
    const localDate = sql`guanjia_local_date(c.created_at, p.time_zone)`;
    branches.push(sql`select coalesce(c.category, '') as key, -1 as n
      from (${accusedCases(f.excludeAccused)}) c join projects p on p.id = c.project_id
      where c.project_id in (${list(f.projectIds)})
        and c.type = 'complaint' and ${localDate} >= ${f.from} and ${localDate} < ${f.to}`);
  }
  return sql<{ key: string; n: string | number }>`select key, sum(n) as n from (${sql.join(branches, sql` union all `)}) t
    group by key having sum(n) > 0`;
}

/**
 * Complaints received by project, month (YYYY-MM, local date of receipt) and category, for some months and
 * categories: the month rows of `report_complaint_categories` (its primary key), the reader's own accusations
 * subtracted through the accused indexes — never a scan of cases. What a corrective measure's month and the
 * next one counted of its cause (decision 0039).
 */
export async function complaintCategoryMonthCounts(
  db: Db,
  f: { projectIds: readonly string[]; months: readonly string[]; categories: readonly string[]; excludeAccused?: AccusedExclusion },
): Promise<{ projectId: string; month: string; category: string; count: number }[]> {
  if (!f.projectIds.length || !f.months.length || !f.categories.length) return [];
  const { rows } = await complaintCategoryMonthCountsQuery(f).execute(db);
  return rows.map((r) => ({ projectId: String(r.projectId ?? r.project_id), month: String(r.period), category: String(r.key), count: Number(r.n) }));
}

/** The statement of `complaintCategoryMonthCounts`. */
export function complaintCategoryMonthCountsQuery(f: {
  projectIds: readonly string[];
  months: readonly string[];
  categories: readonly string[];
  excludeAccused?: AccusedExclusion;
}) {
  const branches: RawBuilder<unknown>[] = [
    sql`select project_id, period, key, count as n from report_complaint_categories
      where project_id in (${list(f.projectIds)}) and grain = 'm' and period in (${list(f.months)}) and key in (${list(f.categories)})`,
  ];
  if (f.excludeAccused) {
    const month = sql`substr(guanjia_local_date(c.created_at, p.time_zone), 1, 7)`;
    branches.push(sql`select c.project_id, ${month} as period, c.category as key, -1 as n
      from (${accusedCases(f.excludeAccused)}) c join projects p on p.id = c.project_id
      where c.project_id in (${list(f.projectIds)}) and c.type = 'complaint'
        and c.category in (${list(f.categories)}) and ${month} in (${list(f.months)})`);
  }
  return sql<{ project_id?: string; projectId?: string; period: string; key: string; n: string | number }>`select project_id, period, key, sum(n) as n
    from (${sql.join(branches, sql` union all `)}) t group by project_id, period, key having sum(n) > 0`;
}

// --- timeliness ----------------------------------------------------------------------------------

export type TimelinessGrouping = 'staff' | 'department' | 'project' | 'type' | 'month' | 'clock';

const TIMELINESS_KEYS: Record<TimelinessGrouping, { dimension: string; rollup: RawBuilder<unknown>; ofClock: RawBuilder<unknown> }> = {
  staff: { dimension: 'staff', rollup: sql`nullif(key, '')`, ofClock: sql`assignee_id` },
  department: { dimension: 'department', rollup: sql`nullif(key, '')`, ofClock: sql`department_id` },
  project: { dimension: 'type', rollup: sql`project_id`, ofClock: sql`project_id` },
  type: { dimension: 'type', rollup: sql`key`, ofClock: sql`case_type` },
  month: { dimension: 'type', rollup: sql`substr(period, 1, 7)`, ofClock: sql`substr(due_local_date, 1, 7)` },
  clock: { dimension: 'clock', rollup: sql`key`, ofClock: sql`kind` },
};

/**
 * Clocks due on local dates in [from, to): met when stopped in time, breached once their due instant
 * has passed (stopped late, or still running past it at `now`), grouped; cancelled and undecided
 * clocks do not count. A running clock past due is in the rollups once the scheduler has counted its
 * breach, and read here until then.
 */
export async function timelinessRollup(
  db: Db,
  f: RollupFilter & { groupBy: TimelinessGrouping; now: string },
): Promise<{ key: string | null; met: number; breached: number }[]> {
  if (f.projectIds.length === 0) return [];
  const { rows } = await timelinessRollupQuery(f).execute(db);
  return rows.map((r) => ({ key: r.key, met: Number(r.met), breached: Number(r.breached) }));
}

/** The statement of `timelinessRollup`. */
export function timelinessRollupQuery(f: RollupFilter & { groupBy: TimelinessGrouping; now: string }) {
  const k = TIMELINESS_KEYS[f.groupBy];
  const branches = rollupRows('report_timeliness', k.dimension, k.rollup, sql`met, breached`, f);
  // running clocks past due whose breach the scheduler has not counted yet (migration 0016): breached
  // already. Read through their own partial index (sla_clocks_breach_uncounted_idx: past due, only the
  // scheduler's lag), never the running clocks' indexes (every running clock past due: cases left open
  // for years) nor all clocks by due date (a year of them): the organization, date and project tests are
  // written so that no index serves them.
  branches.push(sql`select ${k.ofClock} as key, 0 as met, count(*) as breached from sla_clocks
    where stopped_at is null and breach_counted = 0 and due_at < ${f.now} and result is null
      and ${inListBesideIndex('organization_id', [f.organizationId])}
      and coalesce(due_local_date, '') >= ${f.from} and coalesce(due_local_date, '') < ${f.to} and ${inListBesideIndex('project_id', f.projectIds)}
    group by ${k.ofClock}`);
  if (f.excludeAccused)
    branches.push(sql`select ${k.ofClock} as key, -(case when result = 'met' then 1 else 0 end) as met,
        -(case when result = 'breached' or (result is null and due_at < ${f.now}) then 1 else 0 end) as breached
      from (${accusedCaseIds(f.excludeAccused)}) a cross join sla_clocks k where k.case_id = a.id
        and coalesce(due_local_date, '') >= ${f.from} and coalesce(due_local_date, '') < ${f.to} and project_id in (${list(f.projectIds)})
        and (result is null or result != 'cancelled')`);
  return sql<{ key: string | null; met: string | number; breached: string | number }>`select key, sum(met) as met, sum(breached) as breached
    from (${sql.join(branches, sql` union all `)}) t group by key having sum(met) + sum(breached) > 0 order by key`;
}
