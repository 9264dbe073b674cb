import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCaseRows, rankWorkOrders, refreshPlannerStatistics, type CaseListFilter, type Database } from '../src/index.ts';
import { freshDatabase } from '../src/testing/fresh-database.ts';
import { seedQueueData, type QueueData } from '../src/testing/queue-data.ts';

/**
 * 我的工单's one-statement ranking (rankWorkOrders) against the way it was ranked before, in
 * JavaScript: the candidates newest first, every running clock of theirs read, each case's nearest
 * due instant, sorted by it (none last) and then the oldest, the first `take` kept.
 */
let database: Database;
let drop: () => Promise<void>;
let data: QueueData;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  data = await seedQueueData(database, { cases: 3000, openShare: 0.5 });
  const db = database.db;
  // give the technicians' cases a mix: clocks stopped (none left running), a second clock due earlier, equal due instants
  const clocks = await db
    .selectFrom('slaClocks')
    .select(['id', 'caseId', 'dueAt', 'organizationId', 'projectId', 'caseType', 'startedAt'])
    .orderBy('id')
    .execute();
  for (const [i, c] of clocks.entries()) {
    if (i % 5 === 0) await db.updateTable('slaClocks').set({ stoppedAt: c.startedAt }).where('id', '=', c.id).execute();
    else if (i % 7 === 0)
      await db
        .insertInto('slaClocks')
        .values({
          ...c,
          id: `${c.id}-b`,
          kind: 'acceptance',
          rule: 'r',
          pauses: '[]',
          dueAt: new Date(Date.parse(c.dueAt!) - 3_600_000).toISOString(),
          warned: 0,
          escalations: 0,
          updatedAt: c.startedAt,
        } as never)
        .execute();
    else if (i % 11 === 0) await db.updateTable('slaClocks').set({ dueAt: '2026-06-01T00:00:00.000Z' }).where('id', '=', c.id).execute();
  }
  await refreshPlannerStatistics(database, 'full');
}, 120_000);
afterAll(async () => drop());

async function rankedAsBefore(filter: CaseListFilter, take: number) {
  const open = await listCaseRows(database.db, filter, ['id', 'createdAt']);
  const ids = open.map((c) => c.id as string);
  const running = ids.length
    ? await database.db.selectFrom('slaClocks').select(['caseId', 'kind', 'dueAt']).where('caseId', 'in', ids).where('stoppedAt', 'is', null).execute()
    : [];
  const nearest = new Map<string, { kind: string; dueAt: string }>();
  for (const r of running) {
    const seen = nearest.get(r.caseId);
    if (r.dueAt && (!seen || r.dueAt < seen.dueAt || (r.dueAt === seen.dueAt && r.kind < seen.kind))) nearest.set(r.caseId, { kind: r.kind, dueAt: r.dueAt });
  }
  return open
    .map((c) => ({ id: c.id as string, createdAt: c.createdAt as string, nearestClock: nearest.get(c.id as string) ?? null }))
    .sort((a, b) => (a.nearestClock?.dueAt ?? '\uffff').localeCompare(b.nearestClock?.dueAt ?? '\uffff') || a.createdAt.localeCompare(b.createdAt))
    .slice(0, take);
}

describe('我的工单 ranked in one statement (issue 11)', () => {
  it('gives what ranking every candidate in JavaScript gave, for every technician, scope and size', async () => {
    let compared = 0;
    for (const assigneeId of data.staffIds) {
      for (const projectIds of [null, data.projectIds.slice(0, 1), data.projectIds.slice(1, 3), []]) {
        for (const [limit, take] of [
          [1000, 50],
          [40, 10],
          [7, 50],
        ] as const) {
          const filter: CaseListFilter = {
            organizationId: data.organizationId,
            projectIds,
            assigneeId,
            type: ['repair'],
            status: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
            limit,
          };
          const expected = await rankedAsBefore(filter, take);
          expect(await rankWorkOrders(database.db, filter, take), `${assigneeId} ${JSON.stringify(projectIds)} ${limit}/${take}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // the seed gives each technician open repairs: the comparison is not of empty lists
    expect(compared).toBeGreaterThan(1000);
  });

  it('puts a repair with no running clock after every one with a clock', async () => {
    const filter: CaseListFilter = {
      organizationId: data.organizationId,
      projectIds: null,
      assigneeId: data.staffIds[0]!,
      type: ['repair'],
      status: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
      limit: 1000,
    };
    const ranked = await rankWorkOrders(database.db, filter, 1000);
    const firstWithout = ranked.findIndex((r) => r.nearestClock === null);
    expect(firstWithout).toBeGreaterThan(0);
    expect(ranked.slice(firstWithout).every((r) => r.nearestClock === null)).toBe(true);
  });
});
