import type { ClockKind } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { caseListQueries } from './case-queues.repository.ts';
import type { CaseListFilter } from './cases.repository.ts';
import type { NearestClock } from './case-context.repository.ts';

type Db = Kysely<Schema>;

/**
 * 我的工单's ranking in ONE statement: of a technician's open repairs (the newest `filter.limit`, read
 * from the assignee's range of open cases), the `take` most urgent — a running clock's due instant
 * first, cases without one last, then the oldest — each with the running clock that falls due first.
 * Each candidate's nearest due instant is one look-up in the running clocks' own index
 * (sla_clocks_running_case_idx, case then due instant); only the `take` rows leave the database.
 * Null when the filter names no project the caller may see.
 */
export function rankedWorkOrdersQuery(db: Db, filter: CaseListFilter, take: number) {
  const ranges = caseListQueries(db, filter, ['id', 'createdAt']);
  // an assignee is one range whatever the projects (case-queues.repository.ts): none only for no project
  if (ranges.length === 0) return null;
  if (ranges.length > 1) throw new Error('rankedWorkOrdersQuery: one index range expected (an assignee)');
  const candidates = db
    .selectFrom(ranges[0]!.as('c'))
    .select((eb) => [
      'c.id',
      'c.createdAt',
      eb
        .selectFrom('slaClocks as k')
        .select('k.dueAt')
        .whereRef('k.caseId', '=', 'c.id')
        .where('k.stoppedAt', 'is', null)
        .where('k.dueAt', 'is not', null)
        .orderBy('k.dueAt')
        .limit(1)
        .as('dueAt'),
    ]);
  const ranked = db
    .selectFrom(candidates.as('r'))
    .select(['r.id', 'r.createdAt', 'r.dueAt'])
    // no running clock: last on both databases (SQLite puts nulls first in ascending order)
    .orderBy(sql`case when r.due_at is null then 1 else 0 end`)
    .orderBy('r.dueAt')
    .orderBy('r.createdAt')
    .orderBy('r.id', 'desc')
    .limit(sql.lit(Math.trunc(take)));
  return db
    .selectFrom(ranked.as('w'))
    .select((eb) => [
      'w.id',
      'w.createdAt',
      'w.dueAt',
      eb
        .selectFrom('slaClocks as k')
        .select('k.kind')
        .whereRef('k.caseId', '=', 'w.id')
        .where('k.stoppedAt', 'is', null)
        .whereRef('k.dueAt', '=', 'w.dueAt')
        .orderBy('k.kind')
        .limit(1)
        .as('kind'),
    ]);
}

export interface RankedWorkOrder {
  id: string;
  createdAt: string;
  /** The running clock that falls due first; null when none runs. */
  nearestClock: NearestClock | null;
}

/** rankedWorkOrdersQuery's rows, most urgent first. */
export async function rankWorkOrders(db: Db, filter: CaseListFilter, take: number): Promise<RankedWorkOrder[]> {
  const query = rankedWorkOrdersQuery(db, filter, take);
  if (!query) return [];
  // the outer select does not keep the inner order on every database: sort the `take` rows again
  const rows = await query.execute();
  const ranked = rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    nearestClock: r.dueAt && r.kind ? { kind: r.kind as ClockKind, dueAt: r.dueAt } : null,
  }));
  return ranked.sort(mostUrgentFirst);
}

/** The ranking's order in JavaScript: due instant (none last), then the oldest, then the greater id. */
export function mostUrgentFirst(a: RankedWorkOrder, b: RankedWorkOrder): number {
  const dueA = a.nearestClock?.dueAt ?? null;
  const dueB = b.nearestClock?.dueAt ?? null;
  if (dueA !== dueB) return dueA === null ? 1 : dueB === null ? -1 : dueA < dueB ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}
