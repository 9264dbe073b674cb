import { startOfLocalDate } from '@guanjia/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../schema.ts';
import type { AccusedExclusion } from '../repositories/cases.repository.ts';
import { inListBesideIndex } from '../dialect/beside-index.ts';
import { complaintCategoryRollup, outcomeRollup, timelinessRollup, type OutcomeGrouping, type OutcomeRow, type RollupFilter } from './queries.ts';

/**
 * The lists behind the reports' figures (issue 16 item 1): the clocks a timeliness figure counts and the
 * cases an outcome or complaint figure counts, one page at a time. The page is read from cases and
 * clocks with the reports' own rules, through an index in the list's own order, and stops at the page
 * (migration 0043): clocks by (organization, due local date, due instant), closed cases by
 * (organization, closing instant), complaints by (organization, receipt). The total is the figure itself,
 * read from the rollups as the report reads it (decision 0040), so neither grows with the period's size.
 * The API test holds every page's items to an independent count of the cases and clocks.
 */

type Db = Kysely<Schema>;

export interface ItemScope {
  organizationId: string;
  projects: readonly { id: string; timeZone: string }[];
  /** Local dates, [from, to). */
  from: string;
  to: string;
  excludeAccused?: AccusedExclusion;
  limit: number;
  offset: number;
}

export type ClockItemGrouping = 'staff' | 'department' | 'project' | 'type' | 'month' | 'clock';
export type CaseItemGrouping = Exclude<ClockItemGrouping, 'clock'>;
export type TimelinessItemScope = ItemScope & { groupBy?: ClockItemGrouping; key?: string; measure: 'all' | 'met' | 'breached'; now: string };
export type OutcomeItemScope = ItemScope & { groupBy?: CaseItemGrouping; key?: string; measure: OutcomeMeasure };
export type ComplaintItemScope = ItemScope & { key?: string };
export type OutcomeMeasure = 'closed' | 'resolved' | 'unresolved' | 'outOfScope' | 'reopened';

export interface ReportItemRow {
  caseId: string;
  number: string;
  title: string;
  projectId: string;
  type: string;
  status: string;
  category: string | null;
  at: string;
  clock: string | null;
  result: 'met' | 'breached' | null;
  closeReason: 'resolved' | 'out_of_scope' | null;
  reopenCount: number;
  satisfied: boolean | null;
  rating: number | null;
}

const nextMonth = (month: string) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/** A month key narrows the period to that month (inside [from, to)). */
function narrowed(s: ItemScope, groupBy: string | undefined, key: string | undefined): { from: string; to: string } {
  if (groupBy !== 'month' || !key) return { from: s.from, to: s.to };
  const from = `${key}-01` > s.from ? `${key}-01` : s.from;
  const to = nextMonth(key) < s.to ? nextMonth(key) : s.to;
  return { from, to };
}

/**
 * Equal to the key, or absent when the key is "-" (the reports' "none"). Written beside the indexes
 * (`column || ''`): a staff's or department's own index must not replace the list's ordered range.
 */
const keyIs = (column: RawBuilder<unknown>, key: string) => (key === '-' ? sql`${column} is null` : sql`(${column} || '') = ${key}`);

/** Not a case the reader is accused in (the reports leave those out: decision 0015). */
function notAccused(x: AccusedExclusion | undefined): RawBuilder<unknown> {
  if (!x) return sql`true`;
  const party = x.officeManager ? sql` and (c.accused_party is null or c.accused_party <> 'office_management')` : sql``;
  return sql`(c.accused_staff_id is null or c.accused_staff_id <> ${x.staffId})${party}`;
}

/**
 * Local dates [from, to) as instants: one range over the index (the earliest start to the latest end of
 * the projects' time zones) and, beside it, the exact range of each time zone's projects.
 */
function instantRange(column: string, s: ItemScope, from: string, to: string): RawBuilder<unknown> {
  const zones = new Map<string, string[]>();
  for (const p of s.projects) zones.set(p.timeZone, [...(zones.get(p.timeZone) ?? []), p.id]);
  const bounds = [...zones].map(([zone, ids]) => ({ ids, start: startOfLocalDate(from, zone), end: startOfLocalDate(to, zone) }));
  const start = bounds.map((b) => b.start).sort()[0]!;
  const end = bounds
    .map((b) => b.end)
    .sort()
    .at(-1)!;
  const exact = bounds.map((b) => sql`(${inListBesideIndex('c.project_id', b.ids)} and ${sql.ref(column)} >= ${b.start} and ${sql.ref(column)} < ${b.end})`);
  return sql`${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end} and (${sql.join(exact, sql` or `)})`;
}

const ITEM_COLUMNS = sql`c.id as case_id, c.number, c.title, c.project_id, c.type, c.status, c.category, c.close_reason, c.reopen_count, c.satisfied, c.rating`;

function rowOf(r: Record<string, unknown>, at: unknown, clock: unknown, result: unknown): ReportItemRow {
  const v = (camel: string, snake: string) => r[camel] ?? r[snake];
  const satisfied = v('satisfied', 'satisfied');
  return {
    caseId: String(v('caseId', 'case_id')),
    number: String(r.number),
    title: String(r.title),
    projectId: String(v('projectId', 'project_id')),
    type: String(r.type),
    status: String(r.status),
    category: (r.category as string | null) ?? null,
    at: String(at),
    clock: (clock as string | null) ?? null,
    result: (result as 'met' | 'breached' | null) ?? null,
    closeReason: (v('closeReason', 'close_reason') as 'resolved' | 'out_of_scope' | null) ?? null,
    reopenCount: Number(v('reopenCount', 'reopen_count') ?? 0),
    satisfied: satisfied === null || satisfied === undefined ? null : Number(satisfied) === 1 || satisfied === true,
    rating: r.rating === null || r.rating === undefined ? null : Number(r.rating),
  };
}

/** One page of a list, in the order of the index its source ranges over. */
const page = (from: RawBuilder<unknown>, select: RawBuilder<unknown>, order: RawBuilder<unknown>, s: ItemScope) =>
  sql<Record<string, unknown>>`select ${select} ${from} order by ${order} limit ${s.limit} offset ${s.offset}`;

/** The rollups' filter of a list: the same reader, projects and period as the figure's report. */
const rollupFilter = (s: ItemScope, from: string, to: string): RollupFilter => ({
  organizationId: s.organizationId,
  projectIds: s.projects.map((p) => p.id),
  from,
  to,
  excludeAccused: s.excludeAccused,
});

/** The report row of a key ("-": the rows without one), or every row summed when no key is asked. */
function rowsOf<R extends { key: string | null }>(rows: readonly R[], key: string | undefined): R[] {
  if (key === undefined) return [...rows];
  return rows.filter((r) => (key === '-' ? r.key === null || r.key === '' || r.key === '-' : r.key === key));
}

const CLOCK_KEYS: Record<ClockItemGrouping, RawBuilder<unknown>> = {
  staff: sql`k.assignee_id`,
  department: sql`k.department_id`,
  project: sql`k.project_id`,
  type: sql`k.case_type`,
  month: sql`substr(k.due_local_date, 1, 7)`,
  clock: sql`k.kind`,
};

/**
 * The clocks a timeliness figure counts: due on a local date in [from, to), met, or breached (stopped
 * late, or running past due at `now`); cancelled and undecided ones are not counted. In due order
 * (local date, then instant) through sla_clocks_kpi_idx; the total is the timeliness report's figure.
 */
export async function timelinessItems(db: Db, s: TimelinessItemScope): Promise<{ total: number; items: ReportItemRow[] }> {
  if (s.projects.length === 0) return { total: 0, items: [] };
  const { from, to } = narrowed(s, s.groupBy, s.key);
  const [figures, { rows }] = await Promise.all([
    timelinessRollup(db, { ...rollupFilter(s, from, to), groupBy: s.groupBy ?? 'month', now: s.now }),
    timelinessItemsQuery(s).execute(db),
  ]);
  const total = rowsOf(figures, s.groupBy ? s.key : undefined).reduce(
    (n, r) => n + (s.measure === 'met' ? r.met : s.measure === 'breached' ? r.breached : r.met + r.breached),
    0,
  );
  return { total, items: rows.map((r) => rowOf(r, r.dueAt ?? r.due_at, r.kind, r.result)) };
}

/** The page statement of `timelinessItems` (the query-plan tests explain it). */
export function timelinessItemsQuery(s: TimelinessItemScope) {
  const { from, to } = narrowed(s, s.groupBy, s.key);
  const breached = sql`(k.result = 'breached' or (k.result is null and k.due_at < ${s.now}))`;
  const counted = s.measure === 'met' ? sql`k.result = 'met'` : s.measure === 'breached' ? breached : sql`(k.result = 'met' or ${breached})`;
  const key = s.groupBy && s.key !== undefined ? keyIs(CLOCK_KEYS[s.groupBy], s.key) : sql`true`;
  const source = sql`from sla_clocks k join cases c on c.id = k.case_id
    where k.organization_id = ${s.organizationId} and k.due_local_date >= ${from} and k.due_local_date < ${to}
      and ${inListBesideIndex(
        'k.project_id',
        s.projects.map((p) => p.id),
      )} and ${counted} and ${key} and ${notAccused(s.excludeAccused)}`;
  return page(
    source,
    sql`${ITEM_COLUMNS}, k.due_at, k.kind, case when k.result = 'met' then 'met' else 'breached' end as result`,
    sql`k.due_local_date, k.due_at, k.id`,
    s,
  );
}

const CASE_KEYS: Record<CaseItemGrouping, RawBuilder<unknown>> = {
  staff: sql`coalesce(c.assignee_id, c.first_receiver_id)`,
  department: sql`c.department_id`,
  project: sql`c.project_id`,
  type: sql`c.type`,
  month: sql`null`, // narrowed to the month's dates instead
};

const RESOLVED = sql`(c.satisfied = 1 and c.reopen_count = 0 and c.close_reason = 'resolved')`;
const OUTCOME_MEASURES: Record<OutcomeMeasure, RawBuilder<unknown>> = {
  closed: sql`true`,
  resolved: RESOLVED,
  unresolved: sql`(c.close_reason is null or c.close_reason <> 'out_of_scope') and not ${RESOLVED}`,
  outOfScope: sql`c.close_reason = 'out_of_scope'`,
  reopened: sql`c.reopen_count > 0`,
};

/** An outcome report row's count of a measure (unresolved: closed, neither out of scope nor resolved first time). */
const OUTCOME_FIGURES: Record<OutcomeMeasure, (r: OutcomeRow) => number> = {
  closed: (r) => r.closed,
  resolved: (r) => r.resolvedFirstTime,
  unresolved: (r) => r.closed - r.outOfScope - r.resolvedFirstTime,
  outOfScope: (r) => r.outOfScope,
  reopened: (r) => r.reopened,
};

/**
 * The cases an outcome figure counts: closed on a local date in [from, to) of their project, by measure.
 * In closing order through cases_closed_idx; the total is the outcome report's figure.
 */
export async function outcomeItems(db: Db, s: OutcomeItemScope): Promise<{ total: number; items: ReportItemRow[] }> {
  if (s.projects.length === 0) return { total: 0, items: [] };
  const { from, to } = narrowed(s, s.groupBy, s.key);
  const keyed = s.groupBy && s.groupBy !== 'month' && s.key !== undefined;
  const [figures, { rows }] = await Promise.all([
    outcomeRollup(db, { ...rollupFilter(s, from, to), groupBy: keyed ? (s.groupBy as OutcomeGrouping) : 'month' }),
    outcomeItemsQuery(s).execute(db),
  ]);
  const total = rowsOf(figures, keyed ? s.key : undefined).reduce((n, r) => n + OUTCOME_FIGURES[s.measure](r), 0);
  return { total, items: rows.map((r) => rowOf(r, r.closedAt ?? r.closed_at, null, null)) };
}

/** The page statement of `outcomeItems`. */
export function outcomeItemsQuery(s: OutcomeItemScope) {
  const { from, to } = narrowed(s, s.groupBy, s.key);
  const key = s.groupBy && s.groupBy !== 'month' && s.key !== undefined ? keyIs(CASE_KEYS[s.groupBy], s.key) : sql`true`;
  const source = sql`from cases c
    where c.organization_id = ${s.organizationId} and c.closed_at is not null and ${instantRange('c.closed_at', s, from, to)}
      and c.status = 'closed' and ${OUTCOME_MEASURES[s.measure]} and ${key} and ${notAccused(s.excludeAccused)}`;
  return page(source, sql`${ITEM_COLUMNS}, c.closed_at`, sql`c.closed_at, c.id`, s);
}

/**
 * The complaints a category's figure counts: received on a local date in [from, to); key: the category
 * ("-": none). In receipt order through cases_org_created_idx; the total is the categories' figure.
 */
export async function complaintItems(db: Db, s: ComplaintItemScope): Promise<{ total: number; items: ReportItemRow[] }> {
  if (s.projects.length === 0) return { total: 0, items: [] };
  const [figures, { rows }] = await Promise.all([complaintCategoryRollup(db, rollupFilter(s, s.from, s.to)), complaintItemsQuery(s).execute(db)]);
  const total = rowsOf(
    figures.map((f) => ({ key: f.category, count: f.count })),
    s.key,
  ).reduce((n, r) => n + r.count, 0);
  return { total, items: rows.map((r) => rowOf(r, r.createdAt ?? r.created_at, null, null)) };
}

/** The page statement of `complaintItems`. */
export function complaintItemsQuery(s: ComplaintItemScope) {
  const key = s.key === undefined ? sql`true` : keyIs(sql`c.category`, s.key);
  const source = sql`from cases c
    where c.organization_id = ${s.organizationId} and ${instantRange('c.created_at', s, s.from, s.to)}
      and c.type = 'complaint' and ${key} and ${notAccused(s.excludeAccused)}`;
  return page(source, sql`${ITEM_COLUMNS}, c.created_at`, sql`c.created_at, c.id`, s);
}
