import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * What the owner does in the portal after the work (issue 10, item 8): rating a closed case (and again,
 * the last rating counts), the refusals of a rating; and the portal's refusals in plain Chinese — a
 * field named by what the owner sees (问题描述), never by the API's key, which stays in `field`.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command }, headers });

/** A repair of the owner's, done by tech1 and confirmed by the owner; closed unless `open`. */
async function doneRepair(ownerToken: string, unitId: string, close = true): Promise<string> {
  const agent = await t.login('agent1');
  const tech = await t.login('tech1');
  const created = await t.request(ownerToken, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '卫生间水龙头滴水', unitId },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.case.id;
  await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
  await cmd(tech, id, { type: 'arrive' });
  await cmd(tech, id, { type: 'complete', summary: '更换阀芯' });
  expect((await cmd(ownerToken, id, { type: 'record_satisfaction', satisfied: true })).body.case.status).toBe('resolved');
  if (close) expect((await cmd(agent, id, { type: 'close' })).body.case.status).toBe('closed');
  return id;
}

describe('rate after close', () => {
  it('the owner rates a closed case and may rate it again: the last rating and comment count, each one in the history', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const id = await doneRepair(owner, z.unitId);
    const first = await cmd(owner, id, { type: 'rate', rating: 3, comment: '等得有点久' });
    expect(first.status).toBe(200);
    expect(first.body.case).toMatchObject({ status: 'closed', rating: 3 });
    expect(first.body.allowedCommands).toContain('rate');
    const again = await cmd(owner, id, { type: 'rate', rating: 5 });
    expect(again.status).toBe(200);
    expect(again.body.case).toMatchObject({ status: 'closed', rating: 5 });
    // staff read the same (with the comment: the last rating's, none now); the history holds both ratings, the comment as the owner's words
    const staff = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${id}` });
    expect(staff.body.case).toMatchObject({ rating: 5, ratingComment: null, status: 'closed' });
    const events = await t.request(owner, { method: 'GET', url: `/api/cases/${id}/events` });
    const rated = events.body.filter((e: { type: string }) => e.type === 'rated');
    expect(rated.map((e: { content: string | null }) => e.content)).toEqual(['等得有点久', null]);
  });

  it('refused: a rating outside 1–5 (named plainly, nothing changed), rating a case still open, another owner’s case (404)', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const id = await doneRepair(owner, z.unitId);
    await cmd(owner, id, { type: 'rate', rating: 4 });
    for (const rating of [0, 6, 2.5]) {
      const bad = await cmd(owner, id, { type: 'rate', rating });
      expect(bad.status, String(rating)).toBe(400);
      expect(bad.body).toMatchObject({ code: 'FIELD_INVALID', field: 'command.rating' });
      expect(bad.body.message).toMatch(/^“评分”的值无效/);
      expect(bad.body.message).not.toMatch(/[A-Za-z]/);
    }
    const after = await t.request(owner, { method: 'GET', url: `/api/cases/${id}` });
    expect(after.body.case.rating).toBe(4);

    const open = await doneRepair(owner, z.unitId, false); // resolved, not closed
    const early = await cmd(owner, open, { type: 'rate', rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await t.request(owner, { method: 'GET', url: `/api/cases/${open}` })).body.case.rating).toBeNull();

    const lina = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    const foreign = await cmd(lina, id, { type: 'rate', rating: 1 });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request(owner, { method: 'GET', url: `/api/cases/${id}` })).body.case.rating).toBe(4);
  });
});

describe('the portal’s refusals name fields plainly', () => {
  it('a description over 10,000 characters: “问题描述”的值无效 in zh-CN (no key), the key in `field`, English names it too; nothing saved', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const before = await t.count('cases');
    const payload = { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '漏'.repeat(10_001), unitId: z.unitId };
    const zh = await t.request(owner, { method: 'POST', url: '/api/cases', payload });
    expect(zh.status).toBe(400);
    expect(zh.body).toMatchObject({ code: 'FIELD_INVALID', field: 'description', message: '“问题描述”的值无效：长度不能超过 10000 个字符' });
    const en = await t.request(owner, { method: 'POST', url: '/api/cases', payload, headers: { 'accept-language': 'en' } });
    expect(en.body).toMatchObject({ code: 'FIELD_INVALID', field: 'description' });
    expect(en.body.message).toBe('The description (description) has an invalid value: must be at most 10000 characters');
    const empty = await t.request(owner, { method: 'POST', url: '/api/cases', payload: { ...payload, description: ' ' } });
    expect(empty.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'description', message: '请填写“问题描述”' });
    expect(await t.count('cases')).toBe(before);
  });

  it('a message too long and a missing one, in the owner’s words', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const created = await t.request(owner, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'portal', description: '停车卡怎么办理', unitId: z.unitId },
    });
    const id = created.body.case.id;
    const long = await cmd(owner, id, { type: 'message', direction: 'inbound', content: '问'.repeat(5001) });
    expect(long.body).toMatchObject({ code: 'FIELD_INVALID', field: 'command.content', message: '“内容”的值无效：长度不能超过 5000 个字符' });
    const none = await cmd(owner, id, { type: 'message', direction: 'inbound', content: '' });
    expect(none.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'command.content', message: '请填写“内容”' });
  });
});
