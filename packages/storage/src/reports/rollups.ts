import { localDateOf, type CaseRecord } from '@guanjia/core';
import type { Schema } from '../schema.ts';
import type { Kysely } from 'kysely';
import type { StoredClock } from '../repositories/sla.repository.ts';
import { insertOf, runWrites, type RowWrite } from '../row-writes.ts';

/**
 * Keeping the report rollups (migration 0013, decision 0015) exact: each write that changes what a
 * report counts calls one of the two functions below in its own transaction, with the row before and
 * after; the difference of their contributions is added in one upsert per rollup table. A
 * contribution is counted on every grain (day and month) of every dimension.
 */

type Db = Kysely<Schema>;
type Counts = Record<string, number>;
interface Contribution {
  organizationId: string;
  projectId: string;
  date: string;
  /** dimension → key ('' when absent) */
  keys: Record<string, string>;
  counts: Counts;
}

/** A closed case as the outcomes report counts it, placed on its project's local date of closing. */
export function outcomeContribution(c: CaseRecord, timeZone: string): Contribution | null {
  if (c.status !== 'closed' || !c.closedAt) return null;
  return {
    organizationId: c.organizationId,
    projectId: c.projectId,
    date: localDateOf(c.closedAt, timeZone),
    keys: { department: c.departmentId ?? '', staff: c.assigneeId ?? c.firstReceiverId ?? '', type: c.type },
    counts: {
      closed: 1,
      resolved_first_time: c.satisfied === true && c.reopenCount === 0 && c.closeReason === 'resolved' ? 1 : 0,
      satisfied: c.satisfied === true ? 1 : 0,
      asked: c.satisfied === null || c.satisfied === undefined ? 0 : 1,
      rating_sum: c.rating ?? 0,
      rated: c.rating === null || c.rating === undefined ? 0 : 1,
      out_of_scope: c.closeReason === 'out_of_scope' ? 1 : 0,
      reopened: c.reopenCount > 0 ? 1 : 0,
    },
  };
}

/** A complaint as the category ranking counts it: by its project's local date of receipt. */
export function complaintContribution(c: CaseRecord, timeZone: string): Contribution | null {
  if (c.type !== 'complaint') return null;
  return {
    organizationId: c.organizationId,
    projectId: c.projectId,
    date: localDateOf(c.createdAt, timeZone),
    keys: { '': c.category ?? '' },
    counts: { count: 1 },
  };
}

/**
 * A clock as the timeliness report counts it, by its due local date: met or breached once stopped; a
 * running clock breached once the scheduler has counted its breach (it is past due: `breachCounted`).
 * Cancelled and undecided clocks count nothing, nor do running clocks past due not counted yet (the
 * scheduler's lag: the report reads those few at query time).
 */
export function clockContribution(k: StoredClock): Contribution | null {
  const breached = k.result === 'breached' || (k.result === null && k.breachCounted);
  if ((k.result !== 'met' && !breached) || !k.dueLocalDate) return null;
  return {
    organizationId: k.organizationId,
    projectId: k.projectId,
    date: k.dueLocalDate,
    keys: { staff: k.assigneeId ?? '', department: k.departmentId ?? '', type: k.caseType, clock: k.kind },
    counts: { met: k.result === 'met' ? 1 : 0, breached: breached ? 1 : 0 },
  };
}

interface DeltaRow {
  projectId: string;
  dimension: string;
  grain: 'd' | 'm';
  period: string;
  key: string;
  organizationId: string;
  counts: Counts;
}

/** The rows to add: every contribution after, minus every one before, merged by rollup key (zeros dropped). */
export function rollupDelta(before: readonly (Contribution | null)[], after: readonly (Contribution | null)[]): DeltaRow[] {
  const rows = new Map<string, DeltaRow>();
  const add = (c: Contribution | null, sign: number) => {
    if (!c) return;
    for (const [dimension, key] of Object.entries(c.keys))
      for (const [grain, period] of [
        ['d', c.date],
        ['m', c.date.slice(0, 7)],
      ] as const) {
        const id = `${c.projectId}\u0000${dimension}\u0000${grain}\u0000${period}\u0000${key}`;
        const row = rows.get(id) ?? { projectId: c.projectId, dimension, grain, period, key, organizationId: c.organizationId, counts: {} };
        for (const [name, n] of Object.entries(c.counts)) row.counts[name] = (row.counts[name] ?? 0) + sign * n;
        rows.set(id, row);
      }
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...rows.values()].filter((r) => Object.values(r.counts).some((n) => n !== 0));
}

const OUTCOME_COUNTS = ['closed', 'resolved_first_time', 'satisfied', 'asked', 'rating_sum', 'rated', 'out_of_scope', 'reopened'];

/**
 * A case written (created: `before` null; or changed by a command): its closing outcome and its place
 * in the complaint categories move in the rollups. `timeZone`: its project's.
 */
export async function rollUpCaseChange(db: Db, before: CaseRecord | null, after: CaseRecord, timeZone: string): Promise<void> {
  await runWrites(db, caseRollupWrites(before, after, timeZone));
}

/** Clocks written (inserted: `before` null; or updated): their met / breached counts move in the rollups. */
export async function rollUpClockChanges(db: Db, changes: readonly { before: StoredClock | null; after: StoredClock }[]): Promise<void> {
  await runWrites(db, clockRollupWrites(changes));
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The same upserts as row writes (row-writes.ts), to join a unit of work that runs as one statement (case intake). */
function upsertWrites(table: string, countNames: readonly string[], rows: readonly DeltaRow[], withDimension: boolean): RowWrite[] {
  const keyColumns = withDimension ? ['project_id', 'dimension', 'grain', 'period', 'key'] : ['project_id', 'grain', 'period', 'key'];
  const onConflict = `on conflict (${keyColumns.map((c) => `"${c}"`).join(', ')}) do update set ${countNames
    .map((n) => `"${n}" = "${table}"."${n}" + excluded."${n}"`)
    .join(', ')}`;
  return rows.map((r) =>
    insertOf(
      camel(table),
      {
        projectId: r.projectId,
        ...(withDimension ? { dimension: r.dimension } : {}),
        grain: r.grain,
        period: r.period,
        key: r.key,
        organizationId: r.organizationId,
        ...Object.fromEntries(countNames.map((n) => [camel(n), r.counts[n] ?? 0])),
      },
      onConflict,
      { key: `${r.projectId}|${withDimension ? r.dimension : ''}|${r.grain}|${r.period}|${r.key}`, sums: countNames.map(camel) },
    ),
  );
}

/** What `rollUpCaseChange` writes, as row writes: for a unit of work given as data (case intake, decision 0016). */
export function caseRollupWrites(before: CaseRecord | null, after: CaseRecord, timeZone: string): RowWrite[] {
  return [
    ...upsertWrites(
      'report_outcomes',
      OUTCOME_COUNTS,
      rollupDelta([before && outcomeContribution(before, timeZone)], [outcomeContribution(after, timeZone)]),
      true,
    ),
    ...upsertWrites(
      'report_complaint_categories',
      ['count'],
      rollupDelta([before && complaintContribution(before, timeZone)], [complaintContribution(after, timeZone)]),
      false,
    ),
  ];
}

/** What `rollUpClockChanges` writes, as row writes (case intake: new clocks, which count once they are met or breached, or counted past due). */
export function clockRollupWrites(changes: readonly { before: StoredClock | null; after: StoredClock }[]): RowWrite[] {
  return upsertWrites(
    'report_timeliness',
    ['met', 'breached'],
    rollupDelta(
      changes.map((c) => c.before && clockContribution(c.before)),
      changes.map((c) => clockContribution(c.after)),
    ),
    true,
  );
}
