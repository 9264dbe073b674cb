import { localDateOf, startOfLocalDate } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import { accusedIn, notAccusedIn, type AccusedExclusion } from '../repositories/cases.repository.ts';
import type { Schema } from '../schema.ts';

/**
 * The reports as they were counted before the rollups (migration 0013): straight from cases and
 * clocks, per request. Kept as the oracle of the rollups' tests (a full recount), not for serving.
 */

type Db = Kysely<Schema>;

// --- timeliness (沟通及时率) ----------------------------------------------------------------------

type TimelinessGroup = 'staff' | 'department' | 'project' | 'type' | 'month' | 'clock';
interface TimelinessRow {
  key: string | null;
  met: number;
  breached: number;
}

/**
 * Clocks due on local dates in [from, to) — met when they stopped in time, breached once their due instant has
 * passed (stopped late or still running) — grouped. Cancelled and undecided clocks do not count.
 */
/** `from`/`to`: local dates (YYYY-MM-DD). */
export async function recountTimeliness(
  db: Db,
  f: {
    organizationId: string;
    projectIds: readonly string[] | null;
    from: string;
    to: string;
    now: string;
    groupBy: TimelinessGroup;
    /** Leave out the clocks of complaints the reader is accused in. */
    excludeAccused?: AccusedExclusion;
  },
): Promise<TimelinessRow[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  const key = {
    staff: sql<string>`assignee_id`,
    department: sql<string>`department_id`,
    project: sql<string>`project_id`,
    type: sql<string>`case_type`,
    month: sql<string>`substr(due_local_date, 1, 7)`,
    clock: sql<string>`kind`,
  }[f.groupBy];
  const breached = sql<number>`sum(case when result = 'breached' or (result is null and due_at < ${f.now}) then 1 else 0 end)`;
  const met = sql<number>`sum(case when result = 'met' then 1 else 0 end)`;
  let q = db
    .selectFrom('slaClocks')
    .select([key.as('key'), met.as('met'), breached.as('breached')])
    .where('organizationId', '=', f.organizationId)
    .where('dueLocalDate', '>=', f.from)
    .where('dueLocalDate', '<', f.to)
    .where((eb) => eb.or([eb('result', 'is', null), eb('result', '!=', 'cancelled')]));
  if (f.projectIds) q = q.where('projectId', 'in', f.projectIds as string[]);
  const accused = f.excludeAccused;
  if (accused) q = q.where('caseId', 'not in', db.selectFrom('cases').select('cases.id').where(accusedIn(accused)));
  const rows = await q.groupBy(key).orderBy(key).execute();
  return rows.map((r) => ({ key: r.key, met: Number(r.met ?? 0), breached: Number(r.breached ?? 0) })).filter((r) => r.met + r.breached > 0);
}

/**
 * The quarter hour (UTC) a case was closed in, 'YYYY-MM-DDTHH:MM' with MM 00/15/30/45: every time zone's
 * offset is a whole number of quarter hours, so each bucket falls on one local date in any zone.
 */
const CLOSED_QUARTER = sql`substr(closed_at, 1, 14) || case when substr(closed_at, 15, 2) < '15' then '00' when substr(closed_at, 15, 2) < '30' then '15' when substr(closed_at, 15, 2) < '45' then '30' else '45' end`;

/** Closed cases counted by project, department, type, staff and quarter hour of closing (placed on local dates by the caller). */
export async function caseOutcomes(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; from: string; to: string; excludeAccused?: AccusedExclusion },
) {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db
    .selectFrom('cases')
    .select([
      'projectId',
      'departmentId',
      'type',
      sql<string | null>`coalesce(assignee_id, first_receiver_id)`.as('staffId'),
      sql<string>`${CLOSED_QUARTER}`.as('quarter'),
      sql<number>`count(*)`.as('closed'),
      sql<number>`sum(case when satisfied = 1 and reopen_count = 0 and close_reason = 'resolved' then 1 else 0 end)`.as('resolvedFirstTime'),
      sql<number>`sum(case when satisfied = 1 then 1 else 0 end)`.as('satisfied'),
      sql<number>`sum(case when satisfied is not null then 1 else 0 end)`.as('asked'),
      sql<number>`sum(coalesce(rating, 0))`.as('ratingSum'),
      sql<number>`sum(case when rating is not null then 1 else 0 end)`.as('rated'),
      sql<number>`sum(case when close_reason = 'out_of_scope' then 1 else 0 end)`.as('outOfScope'),
      sql<number>`sum(case when reopen_count > 0 then 1 else 0 end)`.as('reopened'),
    ])
    .where('organizationId', '=', f.organizationId)
    .where('status', '=', 'closed')
    .where('closedAt', '>=', f.from)
    .where('closedAt', '<', f.to);
  if (f.projectIds) q = q.where('projectId', 'in', f.projectIds as string[]);
  if (f.excludeAccused) q = q.where(notAccusedIn(f.excludeAccused));
  const rows = await q.groupBy(['projectId', 'departmentId', 'type', sql`coalesce(assignee_id, first_receiver_id)`, CLOSED_QUARTER]).execute();
  return rows.map((r) => ({
    projectId: r.projectId,
    departmentId: r.departmentId,
    type: r.type,
    staffId: r.staffId,
    quarter: r.quarter,
    closed: Number(r.closed),
    resolvedFirstTime: Number(r.resolvedFirstTime),
    satisfied: Number(r.satisfied),
    asked: Number(r.asked),
    ratingSum: Number(r.ratingSum),
    rated: Number(r.rated),
    outOfScope: Number(r.outOfScope),
    reopened: Number(r.reopened),
  }));
}

/** Complaints by category in a period, most frequent first (complaint causes ranked). */
export async function complaintCategories(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; from: string; to: string; excludeAccused?: AccusedExclusion },
) {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db
    .selectFrom('cases')
    .select(['category', sql<number>`count(*)`.as('count')])
    .where('organizationId', '=', f.organizationId)
    .where('type', '=', 'complaint')
    .where('createdAt', '>=', f.from)
    .where('createdAt', '<', f.to);
  if (f.projectIds) q = q.where('projectId', 'in', f.projectIds as string[]);
  if (f.excludeAccused) q = q.where(notAccusedIn(f.excludeAccused));
  const rows = await q
    .groupBy('category')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('category')
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.count) }));
}

/** The outcomes report as it was computed before the rollups: closings placed on local dates in JavaScript. */
export async function recountOutcomes(
  db: Db,
  f: {
    organizationId: string;
    projects: readonly { id: string; timeZone: string }[];
    from: string;
    to: string;
    groupBy: 'month' | 'department' | 'project' | 'staff' | 'type';
    excludeAccused?: AccusedExclusion;
  },
) {
  const wideFrom = new Date(Date.parse(`${f.from}T00:00:00Z`) - 86_400_000).toISOString();
  const wideTo = new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString();
  const raw = await caseOutcomes(db, {
    organizationId: f.organizationId,
    projectIds: f.projects.map((p) => p.id),
    from: wideFrom,
    to: wideTo,
    excludeAccused: f.excludeAccused,
  });
  const zone = new Map(f.projects.map((p) => [p.id, p.timeZone]));
  type Counts = {
    closed: number;
    resolvedFirstTime: number;
    satisfied: number;
    asked: number;
    ratingSum: number;
    rated: number;
    outOfScope: number;
    reopened: number;
  };
  const groups = new Map<string, Counts>();
  for (const r of raw) {
    const localDate = localDateOf(`${r.quarter}:00.000Z`, zone.get(r.projectId)!);
    if (localDate < f.from || localDate >= f.to) continue;
    const key = { month: localDate.slice(0, 7), project: r.projectId, department: r.departmentId ?? '-', staff: r.staffId ?? '-', type: r.type }[f.groupBy];
    const g = groups.get(key) ?? { closed: 0, resolvedFirstTime: 0, satisfied: 0, asked: 0, ratingSum: 0, rated: 0, outOfScope: 0, reopened: 0 };
    for (const k of Object.keys(g) as (keyof typeof g)[]) g[k] += r[k];
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => ({ key, ...g })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Complaint categories as they were counted before the rollups: each zone's projects over its UTC span. */
export async function recountComplaintCategories(
  db: Db,
  f: { organizationId: string; projects: readonly { id: string; timeZone: string }[]; from: string; to: string; excludeAccused?: AccusedExclusion },
) {
  const counts = new Map<string, number>();
  for (const p of f.projects)
    for (const r of await complaintCategories(db, {
      organizationId: f.organizationId,
      projectIds: [p.id],
      from: startOfLocalDate(f.from, p.timeZone),
      to: startOfLocalDate(f.to, p.timeZone),
      excludeAccused: f.excludeAccused,
    }))
      counts.set(r.category ?? '', (counts.get(r.category ?? '') ?? 0) + r.count);
  return [...counts]
    .map(([category, count]) => ({ category: category === '' ? null : category, count }))
    .sort((a, b) => b.count - a.count || ((a.category ?? '') < (b.category ?? '') ? -1 : 1));
}
