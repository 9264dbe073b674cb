import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdueActionsUnremindedQuery, refreshPlannerStatistics, type Database } from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { explainQuery } from '../src/testing/query-plan.ts';

/**
 * The overdue resolutions' sweep (会议决议事项逾期提醒, migration 0044, decision 0038) stays bounded by what
 * is left to remind: on a few thousand resolutions, most of them done or reminded already, its exact
 * statement reads the partial index of the open, unreminded ones in deadline order — never the table
 * whole, never a sort.
 */
let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  const rows = Array.from({ length: 4000 }, (_, i) => {
    // 1 in 40 open and not reminded; 1 in 40 open and reminded; the rest done
    const kind = i % 40 === 0 ? 'due' : i % 40 === 1 ? 'reminded' : 'done';
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      id: `act-${String(i).padStart(5, '0')}`,
      organizationId: `org-${i % 3}`,
      meetingId: `mtg-${Math.floor(i / 4)}`,
      text: `决议 ${i}`,
      responsibleId: `stf-${i % 50}`,
      deadlineOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
      status: kind === 'done' ? 'done' : 'open',
      doneBy: kind === 'done' ? `stf-${i % 50}` : null,
      doneAt: kind === 'done' ? '2026-06-01T00:00:00.000Z' : null,
      doneNote: kind === 'done' ? '已完成' : null,
      createdBy: 'stf-0',
      createdAt: '2026-01-01T00:00:00.000Z',
      overdueRemindedAt: kind === 'reminded' ? '2026-06-01T00:00:00.000Z' : null,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await database.db
      .insertInto('internalMeetingActions')
      .values(rows.slice(i, i + 200))
      .execute();
  await refreshPlannerStatistics(database, 'full');
}, 120_000);
afterAll(async () => drop?.());

describe('the overdue resolutions sweep', () => {
  it('reads the partial index of the open, unreminded ones in deadline order', async () => {
    const plan = await explainQuery(database, overdueActionsUnremindedQuery(database.db, '2026-07-01', 200));
    const where = `${TEST_DB} plan:\n${plan.text}`;
    expect(plan.indexes, where).toContain('internal_meeting_actions_overdue_idx');
    expect(plan.scannedTables, where).not.toContain('internal_meeting_actions');
    expect(plan.sorts, where).toEqual([]);
  });

  it('returns exactly the open, unreminded ones due before the day, earliest first', async () => {
    const got = await overdueActionsUnremindedQuery(database.db, '2026-03-01', 1000).execute();
    expect(got.length).toBeGreaterThan(0);
    for (const a of got) expect([a.status, a.overdueRemindedAt, a.deadlineOn < '2026-03-01']).toEqual(['open', null, true]);
    const keys = got.map((a) => `${a.deadlineOn} ${a.id}`);
    expect(keys).toEqual([...keys].sort());
    const all = await database.db.selectFrom('internalMeetingActions').selectAll().execute();
    const expected = all.filter((a) => a.status === 'open' && a.overdueRemindedAt === null && a.deadlineOn < '2026-03-01').length;
    expect(got.length).toBe(expected);
  });
});
