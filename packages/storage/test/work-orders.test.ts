import { OPEN_CASE_STATUSES } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseSummaries, listCaseRows, rankWorkOrders, refreshPlannerStatistics, type CaseListFilter, type Database } from '../src/index.ts';
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
          const ranked = (await rankWorkOrders(database.db, filter, take)).map((r) => ({
            id: r.summary.id,
            createdAt: r.summary.createdAt,
            nearestClock: r.nearestClock,
          }));
          expect(ranked, `${assigneeId} ${JSON.stringify(projectIds)} ${limit}/${take}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // the seed gives each technician open repairs: the comparison is not of empty lists
    expect(compared).toBeGreaterThan(1000);
  });

  it('sends each ranked repair whole as a queue row (its summary)', async () => {
    const filter: CaseListFilter = {
      organizationId: data.organizationId,
      projectIds: null,
      assigneeId: data.staffIds[1]!,
      type: ['repair'],
      status: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
      limit: 1000,
    };
    const ranked = await rankWorkOrders(database.db, filter, 50);
    expect(ranked.length).toBeGreaterThan(0);
    const byKey = new Map(
      (
        await findCaseSummaries(
          database.db,
          ranked.map((r) => r.summary.id),
        )
      ).map((c) => [c.id, c]),
    );
    for (const r of ranked) expect(r.summary).toEqual(byKey.get(r.summary.id));
  });

  it("says each owner's grade and whether a phone is on file, the caller's name and phone, as separate reads say", async () => {
    const db = database.db;
    const filter: CaseListFilter = {
      organizationId: data.organizationId,
      projectIds: null,
      assigneeId: data.staffIds[2]!,
      type: ['repair'],
      status: OPEN_CASE_STATUSES.filter((s) => s !== 'resolved'),
      limit: 1000,
    };
    const before = await rankWorkOrders(db, filter, 50);
    const [withOwner, without] = [before.find((r) => r.summary.ownerId), before.find((r) => !r.summary.ownerId) ?? before.at(-1)!];
    // a phone for one owner, a caller with a phone on a case without an owner, a caller without one on another case
    await db
      .insertInto('ownerContacts')
      .values({
        id: 'oc-wo-1',
        organizationId: data.organizationId,
        ownerId: withOwner!.summary.ownerId!,
        kind: 'phone',
        value: 'x',
        label: null,
        isPrimary: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await db.updateTable('cases').set({ ownerId: null }).where('id', '=', without.summary.id).execute();
    const caller = (caseId: string, phone: boolean) => ({
      caseId,
      organizationId: data.organizationId,
      projectId: 'prj-q0',
      name: `来电人${caseId}`,
      phoneEncrypted: phone ? 'enc' : null,
      phoneMasked: phone ? '138****0000' : null,
      phoneLast4: phone ? '0000' : null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await db
      .insertInto('caseCallers')
      .values([caller(without.summary.id, true), caller(withOwner!.summary.id, false)])
      .execute();
    const ranked = await rankWorkOrders(db, filter, 50);
    const owners = new Map((await db.selectFrom('owners').select(['id', 'grade']).execute()).map((o) => [o.id, o.grade]));
    const phones = new Set((await db.selectFrom('ownerContacts').select('ownerId').where('kind', '=', 'phone').execute()).map((c) => c.ownerId));
    const callers = new Map((await db.selectFrom('caseCallers').selectAll().execute()).map((c) => [c.caseId, c]));
    for (const r of ranked) {
      const { id, ownerId } = r.summary;
      expect(r.ownerGrade).toBe(ownerId ? owners.get(ownerId) : null);
      expect(r.callerName).toBe(callers.get(id)?.name ?? null);
      expect(r.phoneAvailable).toBe((!!ownerId && phones.has(ownerId)) || !!callers.get(id)?.phoneEncrypted);
    }
    expect(ranked.find((r) => r.summary.id === without.summary.id)).toMatchObject({
      ownerGrade: null,
      phoneAvailable: true,
      callerName: `来电人${without.summary.id}`,
    });
    expect(ranked.find((r) => r.summary.id === withOwner!.summary.id)).toMatchObject({ phoneAvailable: true, callerName: `来电人${withOwner!.summary.id}` });
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
