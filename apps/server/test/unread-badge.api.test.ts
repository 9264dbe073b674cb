import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaTick } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The unread badge counts what the notification list shows (decision 0008): a notice about a case the
 * reader may no longer see — a complaint naming them as accused after it was written — is neither
 * listed nor counted, and a digest counts while at least one of its items is about a case they may see.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });
type Notice = { id: string; kind: string; caseId: string | null; data: { count?: number; items?: { caseId: string }[] } };
const unread = async (token: string) => (await t.request(token, { method: 'GET', url: '/api/notifications?unread=true&limit=200' })).body as Notice[];
const badge = async (token: string) => (await t.request(token, { method: 'GET', url: '/api/notifications/unread-count' })).body.count as number;

async function complaint(token: string, description: string) {
  const lina = t.a.owners.lina!;
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'complaint',
      channel: 'hotline',
      description,
      ownerId: lina.id,
      unitId: lina.unitId,
      apologized: true,
      readBack: true,
    },
  });
  expect(res.status).toBe(201);
  return res.body.case.id as string;
}

describe('a digest about complaints its reader is later accused in', () => {
  it('keeps counting while one of its cases is visible, and stops when none is: the badge equals the list', async () => {
    const agent = await t.login('agent1');
    const a = await complaint(agent, '投诉保洁员态度差');
    const b = await complaint(agent, '投诉保安不让进门');
    // their transfer clocks warn (8 of 10 minutes) and breach: one digest to the agent who took them
    t.advance(8.5);
    await runSlaTick(t.deps);
    t.advance(2);
    await runSlaTick(t.deps);
    const [digest, ...rest] = await unread(agent);
    expect(rest).toEqual([]);
    expect(digest).toMatchObject({ kind: 'sla_digest', caseId: null, data: { count: 4 } });
    expect(new Set(digest!.data.items!.map((i) => i.caseId))).toEqual(new Set([a, b]));
    expect(await badge(agent)).toBe(1);

    // the agent is named accused in a: the digest still shows, with b's items only, and still counts
    const supervisor = await t.login('supervisor1');
    const accuse = (id: string) =>
      cmd(supervisor, id, {
        type: 'escalate',
        level: 'leadership',
        reason: 'against_office_manager',
        accusedStaffId: t.a.staff.agent1,
        note: '业主投诉客服专员',
      });
    expect((await accuse(a)).status).toBe(200);
    const after = await unread(agent);
    expect(after).toHaveLength(1);
    expect(after[0]!.data).toMatchObject({ count: 2 });
    expect(after[0]!.data.items!.map((i) => i.caseId)).toEqual([b, b]);
    expect(await badge(agent)).toBe(1);

    // and in b: nothing of it is listed, nothing counted
    expect((await accuse(b)).status).toBe(200);
    expect(await unread(agent)).toEqual([]);
    expect(await badge(agent)).toBe(0);
    expect((await t.request(agent, { method: 'GET', url: '/api/notifications?limit=200' })).body).toEqual([]);
    // the supervisor, who sees both, still has whatever he was sent about them
    expect(await badge(supervisor)).toBe((await unread(supervisor)).length);
  });

  it('a notice about a case of a project no longer the reader’s is neither listed nor counted', async () => {
    const agent = await t.login('agent1');
    const id = await complaint(agent, '投诉电梯噪音');
    t.advance(8.5);
    await runSlaTick(t.deps);
    t.advance(2);
    await runSlaTick(t.deps);
    const listed = await unread(agent);
    expect(listed.some((n) => n.caseId === id || (n.data.items ?? []).some((i) => i.caseId === id))).toBe(true);
    expect(await badge(agent)).toBe(listed.length);
    // agent1 moves to the other office: CUIHU's notices are no longer theirs to read
    const admin = await t.login('admin');
    const moved = await t.request(admin, {
      method: 'PATCH',
      url: `/api/staff/${t.a.staff.agent1}`,
      payload: { projectIds: [t.a.projects.BINJIANG!.id] },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const fresh = (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent1', password: 'guanjia-demo' } })).body
      .token as string;
    expect(await unread(fresh)).toEqual([]);
    expect(await badge(fresh)).toBe(0);
  });
});
