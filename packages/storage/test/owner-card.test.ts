import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEventsOfCases, RECENT_INTERACTION_CASES, recentInteractionsOfOwner, type Database } from '../src/index.ts';
import { freshDatabase, TEST_DB } from '../src/testing/fresh-database.ts';
import { seedQueueData, type QueueData } from '../src/testing/queue-data.ts';

/**
 * The owner card's last exchanges (issue 11): read from the owner's RECENT_INTERACTION_CASES newest
 * cases only, so that an owner with hundreds of cases costs what one with twenty does — newest
 * first, only what was said to or by the owner, only in the viewer's projects.
 */
let database: Database;
let drop: () => Promise<void>;
let data: QueueData;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  data = await seedQueueData(database, { cases: 3000, projects: 2 });
}, 120_000);
afterAll(async () => drop?.());

async function casesOf(ownerId: string) {
  return database.db
    .selectFrom('cases')
    .select(['id', 'projectId', 'createdAt'])
    .where('ownerId', '=', ownerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

let seq = 1000;
async function say(c: { id: string; projectId: string }, at: string, content: string, extra: { internal?: boolean; direction?: string } = {}) {
  await database.db
    .insertInto('caseEvents')
    .values({
      id: `evt-card-${seq}`,
      organizationId: data.organizationId,
      projectId: c.projectId,
      caseId: c.id,
      seq: seq++,
      type: 'message',
      actorKind: 'owner',
      actorId: null,
      channel: 'hotline',
      direction: extra.direction ?? 'inbound',
      content,
      internal: extra.internal ? 1 : 0,
      attachmentIds: '[]',
      changes: '{}',
      data: '{}',
      at,
    })
    .execute();
}

describe(`the owner card's last exchanges on ${TEST_DB}`, () => {
  it('come from the newest cases only, newest first, said to or by the owner', async () => {
    // an owner with more cases than the card reads
    let owner = '';
    let cases: Awaited<ReturnType<typeof casesOf>> = [];
    for (const id of data.ownerIds) {
      cases = await casesOf(id);
      if (cases.length > RECENT_INTERACTION_CASES + 2) {
        owner = id;
        break;
      }
    }
    expect(cases.length).toBeGreaterThan(RECENT_INTERACTION_CASES + 2);
    const newest = cases.slice(0, RECENT_INTERACTION_CASES);
    const older = cases[RECENT_INTERACTION_CASES + 1]!;
    await say(newest[3]!, '2030-01-01T00:00:00.000Z', '楼上漏水，请尽快处理');
    await say(newest[0]!, '2030-01-02T00:00:00.000Z', '已安排师傅明早上门', { direction: 'outbound' });
    await say(newest[1]!, '2030-01-03T00:00:00.000Z', '内部备注：业主情绪激动', { internal: true });
    // an exchange on an older case, even a later one, is in the archive, not on the card
    await say(older, '2030-02-01T00:00:00.000Z', '旧工单上的留言');
    const scope = { organizationId: data.organizationId, projectIds: null };
    const got = await recentInteractionsOfOwner(database.db, owner, scope, 5);
    expect(got.map((i) => i.content).slice(0, 2)).toEqual(['已安排师傅明早上门', '楼上漏水，请尽快处理']);
    expect(got.map((i) => i.content)).not.toContain('旧工单上的留言');
    expect(got.map((i) => i.content)).not.toContain('内部备注：业主情绪激动');
    expect(got.every((i) => newest.some((c) => c.id === i.caseId))).toBe(true);
    // another project's viewer sees none of a project it does not cover
    const elsewhere = data.projectIds.find((p) => p !== newest[0]!.projectId && p !== newest[3]!.projectId);
    if (elsewhere) {
      const other = await recentInteractionsOfOwner(database.db, owner, { organizationId: data.organizationId, projectIds: [elsewhere] }, 5);
      expect(other.map((i) => i.content)).not.toContain('楼上漏水，请尽快处理');
    }
  });
});

describe(`the archive's events on ${TEST_DB}`, () => {
  it('are the newest n of the given cases, answered oldest first', async () => {
    let ids: string[] = [];
    for (const owner of data.ownerIds) {
      ids = (await casesOf(owner)).map((c) => c.id);
      if (ids.length > 2) break;
    }
    const cases = (await database.db.selectFrom('cases').select(['id', 'projectId']).where('id', 'in', ids).execute()).slice(0, 3);
    for (let i = 0; i < 8; i++) await say(cases[i % 3]!, `2031-01-0${i + 1}T00:00:00.000Z`, `留言 ${i}`);
    const all = await listEventsOfCases(database.db, ids, { includeInternal: true });
    expect(all.length).toBeGreaterThan(6);
    const newest = await listEventsOfCases(database.db, ids, { includeInternal: true, newest: 5 });
    expect(newest.map((e) => e.id)).toEqual(all.slice(-5).map((e) => e.id));
    const few = await listEventsOfCases(database.db, ids, { includeInternal: true, newest: all.length + 10 });
    expect(few.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });
});
