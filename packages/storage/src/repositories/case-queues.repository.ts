import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { containsText } from '../dialect/text-search.ts';
import { inListBesideIndex } from '../dialect/beside-index.ts';
import type { Schema } from '../schema.ts';
import { notAccusedIn, type CaseListFilter } from './cases.repository.ts';

/**
 * The console's queues and filters as index ranges (issue 11, decision 0013). Each list is one
 * ordered range of an index whose equality columns come first and whose last columns are the keyset
 * order (created_at desc, id desc): a page reads `limit` index entries, never the whole queue, and
 * never sorts. Which index serves which shape (migration 0011):
 *
 * - an assignee (我的), no assignee (待分派), a department (本部门), an owner: that column's index;
 * - otherwise one project: the project's index; several projects (at most PER_PROJECT_RANGES_MAX):
 *   one range per project, merged here (an `in` list with ORDER BY would make SQLite sort); more
 *   projects, or none named: the organization's index, the project list a filter beside it;
 * - open statuses only: the same indexes restricted to open cases (partial, `status <> 'closed'`,
 *   written literally so that both databases match the index predicate); one type of open case
 *   (open complaints): the open cases' type indexes (migration 0017).
 *
 * The accused exclusion, type, status subsets and text are filters on the range.
 */

type Db = Kysely<Schema>;
type CaseQuery = SelectQueryBuilder<Schema, 'cases', object>;

/** Several projects are read as one index range each up to this many; beyond, the organization's range filtered. */
export const PER_PROJECT_RANGES_MAX = 8;

/** Where the project scope goes: none (company-wide), an index equality, or a filter beside another index. */
type ProjectPart = { kind: 'all' } | { kind: 'one'; projectId: string } | { kind: 'filter'; projectIds: readonly string[] };

function projectParts(f: CaseListFilter): ProjectPart[] {
  if (!f.projectIds) return [{ kind: 'all' }];
  const ids = [...new Set(f.projectIds)];
  if (ids.length === 0) return [];
  // another equality column (assignee, department, owner) is the narrower range: the projects only filter it
  const narrowed = !!(f.assigneeId || f.unassigned || f.departmentId || f.ownerId);
  if (narrowed || ids.length > PER_PROJECT_RANGES_MAX) return [{ kind: 'filter', projectIds: ids }];
  return ids.map((projectId) => ({ kind: 'one', projectId }));
}

/** The rows of one index range: every condition of the filter except the cursor, order and limit. */
function rangeOf(db: Db, f: CaseListFilter, part: ProjectPart): CaseQuery {
  let q: CaseQuery = db.selectFrom('cases').where('organizationId', '=', f.organizationId);
  if (part.kind === 'one') q = q.where('projectId', '=', part.projectId);
  // an expression, not the bare column: no database takes this list as an index range (and then sorts)
  if (part.kind === 'filter') q = q.where(inListBesideIndex('project_id', part.projectIds));
  if (f.ownerId) q = q.where('ownerId', '=', f.ownerId);
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId);
  if (f.unassigned) q = q.where('assigneeId', 'is', null);
  if (f.departmentId) q = q.where('departmentId', '=', f.departmentId);
  // the keyset's own column: a range of the same index (工单台账's period)
  if (f.createdFrom) q = q.where('createdAt', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('createdAt', '<', f.createdBefore);
  const statuses = f.status?.length ? [...new Set(f.status)] : null;
  if (statuses) {
    const openOnly = !statuses.includes('closed');
    // literal, never a parameter: the partial indexes' predicate, which the planner must see implied
    if (openOnly) q = q.where(sql<boolean>`status <> 'closed'`);
    if (!(openOnly && statuses.length === OPEN_CASE_STATUSES.length)) q = q.where('status', 'in', statuses);
  }
  const types = f.type?.length ? [...new Set(f.type)] : null;
  // one type with no narrower column: an equality the open cases' type indexes range over (open
  // complaints). Several types, or one beside an assignee, a department or an owner: a filter beside
  // that column's range. An equality there let SQLite at 3,000,000 cases read the organization's
  // open repairs for one technician's 我的工单 (10.6 of its 14 ms), and an `in` list could make a
  // planner read each type's range and sort them.
  const narrowed = !!(f.assigneeId || f.unassigned || f.departmentId || f.ownerId);
  if (types?.length === 1 && !narrowed) q = q.where('type', '=', types[0]!);
  else if (types) q = q.where(inListBesideIndex('type', types));
  if (f.excludeAccused) q = q.where(notAccusedIn(f.excludeAccused));
  if (f.text) q = q.where((eb) => eb.or([containsText(eb, 'title', f.text!), containsText(eb, 'description', f.text!), containsText(eb, 'number', f.text!)]));
  return q;
}

/** The statements a list runs (one per index range), for the query-plan tests and listCases; `columns`: only these (camelCase), else all. */
export function caseListQueries(db: Db, f: CaseListFilter, columns?: readonly string[]) {
  return projectParts(f).map((part) => {
    let q = rangeOf(db, f, part);
    // keyset: a row value compares as one index position on both databases (an OR would not)
    if (f.before) q = q.where(sql<boolean>`(created_at, id) < (${f.before.createdAt}, ${f.before.id})`);
    // the limit written into the text: PostgreSQL's generic plan of a prepared statement then knows it
    // reads a page, not a guessed share of the range (which could make it sort the range instead)
    return (columns ? q.select(columns as never) : q.selectAll())
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(sql.lit(Math.trunc(f.limit)));
  });
}

/** The lists' order in JavaScript (merging several ranges): created_at, then id, both descending. */
export function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1;
}

/** Newest first, `limit` at most, after the cursor; several ranges merged in the same order. */
export async function listCaseRows(db: Db, f: CaseListFilter, columns?: readonly string[]): Promise<Record<string, unknown>[]> {
  const pages = await Promise.all(caseListQueries(db, f, columns).map((q) => q.execute()));
  if (pages.length === 1) return pages[0]!;
  const rows = pages.flat() as unknown as { createdAt: string; id: string }[];
  rows.sort(newestFirst);
  return rows.slice(0, f.limit) as unknown as Record<string, unknown>[];
}

/** The statements a bounded count runs: at most `cap + 1` index entries each. */
export function caseCountQueries(db: Db, f: Omit<CaseListFilter, 'limit' | 'before'>, cap: number) {
  return projectParts({ ...f, limit: 0 }).map((part) =>
    db
      .selectFrom(
        rangeOf(db, { ...f, limit: 0 }, part)
          .select(sql<number>`1`.as('one'))
          // the list's own order: the same index as the list reads, whichever the planner would find equal
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(sql.lit(Math.trunc(cap) + 1))
          .as('bounded'),
      )
      .select(sql<number>`count(*)`.as('n')),
  );
}

/**
 * How many cases a queue holds, counting no further than `cap` through its index: `more` when there
 * are more (the console shows 1000+). Never a count of everything.
 */
export async function countCasesBounded(db: Db, f: Omit<CaseListFilter, 'limit' | 'before'>, cap: number): Promise<{ count: number; more: boolean }> {
  const counted = await Promise.all(caseCountQueries(db, f, cap).map((q) => q.executeTakeFirst()));
  const total = counted.reduce((sum, r) => sum + Number(r?.n ?? 0), 0);
  return total > cap ? { count: cap, more: true } : { count: total, more: false };
}

/**
 * How many cases have a running clock due by `until` (即将超时 / 待回访), counted no further than `cap`:
 * the running clocks' partial index by due instant, each case checked for the accused exclusion.
 */
export function caseDueCountQuery(
  db: Db,
  f: Pick<CaseListFilter, 'organizationId' | 'projectIds' | 'excludeAccused'> & { until: string; kinds?: readonly string[] },
  cap: number,
) {
  let due = db
    .selectFrom('slaClocks')
    .select('slaClocks.caseId')
    .where('slaClocks.organizationId', '=', f.organizationId)
    .where('slaClocks.stoppedAt', 'is', null)
    .where('slaClocks.dueAt', '<=', f.until);
  if (f.projectIds) due = due.where('slaClocks.projectId', 'in', f.projectIds as string[]);
  if (f.kinds) due = due.where('slaClocks.kind', 'in', f.kinds as string[]);
  // the cases of those clocks by their key (each once), minus those the caller is accused in
  let cases = db
    .selectFrom('cases')
    .select(sql<number>`1`.as('one'))
    .where('cases.id', 'in', due);
  if (f.excludeAccused) cases = cases.where(notAccusedIn(f.excludeAccused));
  return db.selectFrom(cases.limit(sql.lit(Math.trunc(cap) + 1)).as('due')).select(sql<number>`count(*)`.as('n'));
}

export async function countCasesDueBy(
  db: Db,
  f: Pick<CaseListFilter, 'organizationId' | 'projectIds' | 'excludeAccused'> & { until: string; kinds?: readonly string[] },
  cap: number,
): Promise<{ count: number; more: boolean }> {
  if ((f.projectIds && f.projectIds.length === 0) || (f.kinds && f.kinds.length === 0)) return { count: 0, more: false };
  const n = Number((await caseDueCountQuery(db, f, cap).executeTakeFirst())?.n ?? 0);
  return n > cap ? { count: cap, more: true } : { count: n, more: false };
}
