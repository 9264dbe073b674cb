import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/** Queues at a large company's size (issue 11 item 2): counts, keyset pages across projects, the owner archive in pages; on both databases. */

let t: TestContext;
const QUEUES = ['mine', 'department', 'unassigned', 'open', 'closed', 'at_risk', 'follow_up', 'awaiting_my_approval'] as const;

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  // an agent of both projects: their lists are one index range per project, merged
  const made = await t.request(await t.login('admin'), {
    method: 'POST',
    url: '/api/staff',
    payload: {
      username: 'agent12',
      name: '客服专员两地',
      password: 'guanjia-demo',
      roles: ['agent'],
      projectIds: [t.a.projects.CUIHU!.id, t.a.projects.BINJIANG!.id],
      departmentId: t.a.departments['SC-CUIHU'],
    },
  });
  expect(made.status).toBe(201);
}, 120_000);
afterAll(async () => t?.close());

async function allPages(token: string, query: string, limit: number, from: string | null = null): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = from;
  for (let page = 0; page < 500; page++) {
    const res = await t.request(token, { method: 'GET', url: `/api/cases?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}` });
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((c: { id: string }) => c.id));
    cursor = res.body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('no end of pages');
}

describe('GET /api/cases/counts', () => {
  it.each(['agent1', 'agent12', 'leader', 'tech1', 'manager1'])('%s: each count is the length of the queue it counts', async (who) => {
    const token = await t.login(who);
    const res = await t.request(token, { method: 'GET', url: '/api/cases/counts' });
    expect(res.status).toBe(200);
    expect(res.body.cap).toBe(1000);
    expect(Object.keys(res.body.queues).sort()).toEqual([...QUEUES].sort());
    expect(Object.values(res.body.queues as Record<string, { count: number }>).some((q) => q.count > 0)).toBe(true);
    for (const queue of QUEUES) {
      const list = await t.request(token, { method: 'GET', url: `/api/cases?queue=${queue}&limit=1000` });
      expect(list.status).toBe(200);
      expect([queue, res.body.queues[queue]]).toEqual([queue, { count: list.body.items.length, more: false }]);
    }
  });

  it('counts only what the caller may see: BINJIANG staff get nothing of CUIHU, nor of another company', async () => {
    const binjiang = await t.request(await t.login('agent2'), { method: 'GET', url: `/api/cases/counts?projectId=${t.a.projects.CUIHU!.id}` });
    expect(binjiang.status).toBe(200);
    for (const queue of QUEUES) expect(binjiang.body.queues[queue]).toEqual({ count: 0, more: false });
    const other = await t.request(await t.login('b_leader'), { method: 'GET', url: '/api/cases/counts' });
    for (const queue of QUEUES) expect(other.body.queues[queue]).toEqual({ count: 0, more: false });
  });
});

describe('keyset pages', () => {
  it('an agent of two projects pages through the same cases, in the same order, as one long page gives', async () => {
    const token = await t.login('agent12');
    for (const query of ['', '&queue=open', '&queue=closed', '&type=repair']) {
      const whole = await allPages(token, query, 1000);
      expect(whole.length).toBeGreaterThan(0);
      expect(await allPages(token, query, 2)).toEqual(whole);
      expect(new Set(whole).size).toBe(whole.length);
    }
  });

  it('the merged projects hold exactly the cases of both (as a company-wide leader sees them)', async () => {
    const agent = await allPages(await t.login('agent12'), '', 3);
    const leader = await allPages(await t.login('leader'), '', 1000);
    expect(agent).toEqual(leader);
  });
});

describe('the owner archive in pages', () => {
  it('shows the newest cases, then the rest through GET /api/cases?ownerId= with its cursor', async () => {
    const zhang = t.a.owners.zhangwei!;
    const agent = await t.login('agent1');
    for (let i = 0; i < 52; i++) {
      const res = await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `第${i}次咨询`, ownerId: zhang.id },
      });
      expect(res.status).toBe(201);
    }
    const keeper = await t.login('archivist1');
    const archive = await t.request(keeper, { method: 'GET', url: `/api/owners/${zhang.id}/archive` });
    expect(archive.status).toBe(200);
    expect(archive.body.cases).toHaveLength(50);
    expect(archive.body.casesNextCursor).toEqual(expect.any(String));
    const shown = new Set(archive.body.cases.map((c: { id: string }) => c.id));
    expect(archive.body.events.every((e: { caseId: string }) => shown.has(e.caseId))).toBe(true);
    const rest = await allPages(keeper, `&ownerId=${zhang.id}`, 1000, archive.body.casesNextCursor);
    const all = await allPages(keeper, `&ownerId=${zhang.id}`, 1000);
    expect([...archive.body.cases.map((c: { id: string }) => c.id), ...rest]).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(52);
  });
});
