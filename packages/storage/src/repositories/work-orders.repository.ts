import { CASE_SUMMARY_FIELDS, type CaseRecord, type CaseSummary, type ClockKind } from '@guanjia/core';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';
import { caseListQueries } from './case-queues.repository.ts';
import { caseSummaryOfRow, type CaseListFilter } from './cases.repository.ts';
import type { NearestClock } from './case-context.repository.ts';

type Db = Kysely<Schema>;

/**
 * 我的工单's ranking in ONE statement: of a technician's open repairs (the newest `filter.limit`, read
 * from the assignee's range of open cases), the `take` most urgent — a running clock's due instant
 * first, cases without one last, then the oldest — each with the running clock that falls due first.
 * Each candidate's nearest due instant is one look-up in the running clocks' own index
 * (sla_clocks_running_case_idx, case then due instant); only the `take` rows leave the database,
 * each with its summary (CASE_SUMMARY_FIELDS) and what a work order says of its people without
 * their details — the owner's grade and whether a phone is on file, the caller's name and whether
 * they left a phone (no contact rows, nothing encrypted read) — all by key. One round trip for the
 * whole list. Null when the filter names no project the caller may see.
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
    .innerJoin('cases', 'cases.id', 'w.id')
    .leftJoin('owners', 'owners.id', 'cases.ownerId')
    .leftJoin('caseCallers', 'caseCallers.caseId', 'cases.id')
    .select((eb) => [
      ...CASE_SUMMARY_FIELDS.map((f) => `cases.${f}` as const),
      'cases.accusedStaffId',
      'owners.grade as ownerGrade',
      eb
        .exists(
          eb
            .selectFrom('ownerContacts')
            .select('ownerContacts.ownerId')
            .whereRef('ownerContacts.ownerId', '=', 'cases.ownerId')
            .where('ownerContacts.kind', '=', 'phone'),
        )
        .as('ownerHasPhone'),
      'caseCallers.name as callerName',
      eb('caseCallers.phoneEncrypted', 'is not', null).as('callerHasPhone'),
      'w.dueAt as nearestDueAt',
      eb
        .selectFrom('slaClocks as k')
        .select('k.kind')
        .whereRef('k.caseId', '=', 'w.id')
        .where('k.stoppedAt', 'is', null)
        .whereRef('k.dueAt', '=', 'w.dueAt')
        .orderBy('k.kind')
        .limit(1)
        .as('nearestKind'),
    ]);
}

export interface RankedWorkOrder {
  summary: CaseSummary & Pick<CaseRecord, 'accusedStaffId'>;
  /** The running clock that falls due first; null when none runs. */
  nearestClock: NearestClock | null;
  /** The owner's grade (null: no owner on the case). */
  ownerGrade: string | null;
  /** A phone of the owner's, or of the caller's, is on file (who may see it is the case page's business). */
  phoneAvailable: boolean;
  /** The caller's name as intake heard it (null: none given). */
  callerName: string | null;
}

/** The columns the ranking selects after the summary's, last first. */
const WORK_ORDER_EXTRAS = ['nearestKind', 'nearestDueAt', 'callerHasPhone', 'callerName', 'ownerHasPhone', 'ownerGrade'] as const;

type RankedRow = Record<string, unknown> & {
  ownerGrade: string | null;
  ownerHasPhone: unknown;
  callerName: string | null;
  callerHasPhone: unknown;
  nearestDueAt: string | null;
  nearestKind: string | null;
};

/** rankedWorkOrdersQuery's rows, most urgent first. */
export async function rankWorkOrders(db: Db, filter: CaseListFilter, take: number): Promise<RankedWorkOrder[]> {
  const query = rankedWorkOrdersQuery(db, filter, take);
  if (!query) return [];
  // PostgreSQL answers a boolean, SQLite 0 or 1: Number() of either is 1 for yes (as codec.ts reads booleans)
  const yes = (v: unknown) => Number(v) === 1;
  const rows = (await query.execute()) as unknown as RankedRow[];
  const ranked = rows.map((row) => {
    const { ownerGrade, ownerHasPhone, callerName, callerHasPhone, nearestDueAt, nearestKind } = row;
    // the row becomes the summary in place: a copy without these (a rest spread of ~35 fields) cost
    // ~9 µs a row, 0.4 ms a list. Deleted last-selected first, V8 keeps the object's fast shape.
    for (const key of WORK_ORDER_EXTRAS) delete row[key];
    const c = caseSummaryOfRow(row);
    return {
      summary: c,
      nearestClock: nearestDueAt && nearestKind ? { kind: nearestKind as ClockKind, dueAt: nearestDueAt } : null,
      ownerGrade: c.ownerId ? ownerGrade : null,
      phoneAvailable: (!!c.ownerId && yes(ownerHasPhone)) || yes(callerHasPhone),
      callerName,
    };
  });
  // a join does not keep the inner order on every database: sort the `take` rows again
  return ranked.sort(mostUrgentFirst);
}

/** The ranking's order in JavaScript: due instant (none last), then the oldest, then the greater id. */
export function mostUrgentFirst(a: RankedWorkOrder, b: RankedWorkOrder): number {
  const dueA = a.nearestClock?.dueAt ?? null;
  const dueB = b.nearestClock?.dueAt ?? null;
  if (dueA !== dueB) return dueA === null ? 1 : dueB === null ? -1 : dueA < dueB ? -1 : 1;
  const [x, y] = [a.summary, b.summary];
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? -1 : 1;
  return x.id === y.id ? 0 : x.id < y.id ? 1 : -1;
}
