import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/delivery/worker.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * A notice's recipients and the ledger's figures (issue 13 items 5 and 7) over HTTP on a real database:
 * after the delivery worker planned a published notice, each owner of the targeted homes is listed
 * once with the homes it covers, the channel and outcome of the push (muted, unreachable …) and — once
 * they opened it in the portal — the read receipt; names are masked for whoever may not reveal owner
 * data; the list pages and filters; the ledger's figures count the pushes per status and the reads;
 * staff outside the project, and staff without either notice right, are refused.
 */
let t: TestContext;
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.parse(t.deps.now()) + hours * HOUR).toISOString();
const cuihu = () => t.a.projects.CUIHU!;

type Recipient = {
  deliveryId: string;
  ownerId: string;
  ownerName: string;
  units: string[];
  channel: string;
  status: string;
  reason: string | null;
  portalReadAt: string | null;
};

let noticeId = '';
let wideId = '';

async function publish(body: Record<string, unknown>): Promise<string> {
  const agent = await t.login('agent1');
  const draft = await t.request(agent, {
    method: 'POST',
    url: '/api/notices',
    payload: { projectId: cuihu().id, kind: 'water_cut', title: '1栋计划停水', body: '二次供水设施清洗，届时停止供水，请提前储水。', ...body },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await t.request(agent, { method: 'POST', url: `/api/notices/${draft.body.id}/submit` });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await t.request(await t.login('manager1'), { method: 'POST', url: `/api/notices/${draft.body.id}/approve` });
  expect(approved.body.status).toBe('published');
  return draft.body.id;
}

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.login('admin');
  // 王芳 muted water cuts on SMS (her only channel); no 免打扰 for anyone; SMS is the one channel set up
  for (const o of [t.a.owners.zhangwei!, t.a.owners.lina!, t.a.owners.wangfang!])
    expect((await t.request(admin, { method: 'PATCH', url: `/api/owners/${o.id}`, payload: { doNotDisturb: [] } })).status).toBe(200);
  const sms = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/sms',
    payload: { config: { baseUrl: 'http://127.0.0.1:9', accessKeyId: 'key', signName: '管家物业', templates: { notice: 'SMS_1' } }, secret: 'secret' },
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(200);
  const muted = await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), {
    method: 'PUT',
    url: '/api/portal/message-settings',
    payload: { preferredChannel: null, doNotDisturb: [], mutes: [{ kind: 'water_cut', channel: 'sms' }] },
  });
  expect(muted.status).toBe(200);
  noticeId = await publish({ targetScope: 'buildings', targetIds: [cuihu().buildings.B1!.id], startsAt: at(30), endsAt: at(36) });
  wideId = await publish({ title: '全小区计划停水', startsAt: at(40), endsAt: at(44) });
  await planOutbox(t.deps);
});
afterAll(async () => t?.close());

describe(`a notice's recipients and the ledger's figures (${TEST_DB})`, () => {
  it('each owner of the targeted building once: the homes it covers, channel and status; names masked for an agent, whole for the office manager', async () => {
    const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/notices/${noticeId}/recipients` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as Recipient[];
    const { zhangwei, lina, wangfang } = t.a.owners;
    // 1栋 only: 张伟 (101) and 李娜 (102); 王芳 lives in 2栋
    expect(items.map((r) => r.ownerId).sort()).toEqual([zhangwei!.id, lina!.id].sort());
    const zhang = items.find((r) => r.ownerId === zhangwei!.id)!;
    expect(zhang).toMatchObject({ ownerName: '张*', units: ['1栋-1单元-101'], channel: 'sms', status: 'queued', portalReadAt: null });
    expect(res.body.next).toBeNull();
    const manager = await t.request(await t.login('manager1'), { method: 'GET', url: `/api/notices/${noticeId}/recipients` });
    expect((manager.body.items as Recipient[]).find((r) => r.ownerId === zhangwei!.id)!.ownerName).toBe('张伟');
    const wide = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/notices/${wideId}/recipients?status=muted` });
    expect((wide.body.items as Recipient[]).map((r) => [r.ownerId, r.reason, r.units])).toEqual([[wangfang!.id, 'muted_by_owner', ['2栋-1单元-201']]]);
  });

  it('the read receipt: an owner who opened it in the portal shows when; the read filter splits readers from the rest', async () => {
    const zhang = t.a.owners.zhangwei!;
    expect((await t.request(await t.ownerLogin(zhang.portalLogin), { method: 'POST', url: `/api/portal/notices/${noticeId}/read` })).status).toBe(204);
    const agent = await t.login('agent1');
    const all = (await t.request(agent, { method: 'GET', url: `/api/notices/${noticeId}/recipients` })).body.items as Recipient[];
    expect(all.find((r) => r.ownerId === zhang.id)!.portalReadAt).toBe(t.deps.now());
    const read = (await t.request(agent, { method: 'GET', url: `/api/notices/${noticeId}/recipients?read=true` })).body.items as Recipient[];
    expect(read.map((r) => r.ownerId)).toEqual([zhang.id]);
    const unread = (await t.request(agent, { method: 'GET', url: `/api/notices/${noticeId}/recipients?read=false` })).body.items as Recipient[];
    expect(unread.map((r) => r.ownerId)).toEqual([t.a.owners.lina!.id]);
  });

  it('pages with the next cursor: every recipient once', async () => {
    const agent = await t.login('agent1');
    const seen: string[] = [];
    let before: string | null = '';
    for (let i = 0; i < 10 && before !== null; i++) {
      const res = await t.request(agent, { method: 'GET', url: `/api/notices/${wideId}/recipients?limit=1${before ? `&before=${before}` : ''}` });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...(res.body.items as Recipient[]).map((r) => r.ownerId));
      before = res.body.next;
    }
    const expected = (await t.request(agent, { method: 'GET', url: `/api/notices/${wideId}/recipients?limit=200` })).body.items.map(
      (r: Recipient) => r.ownerId,
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('the ledger’s figures: pushes per status and reads, per notice in the order asked', async () => {
    const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/notices/figures?ids=${wideId}&ids=${noticeId}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.map((f: { noticeId: string }) => f.noticeId)).toEqual([wideId, noticeId]);
    expect(res.body[1]).toEqual({ noticeId, deliveries: 2, byStatus: { queued: 2 }, reads: 1 });
    expect(res.body[0].byStatus.muted).toBe(1);
    const one = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/notices/figures?ids=${noticeId}` });
    expect(one.body.map((f: { noticeId: string }) => f.noticeId)).toEqual([noticeId]);
  });

  it('refused outside the project (404 for the list, left out of the figures) and without a notice right (403)', async () => {
    const other = await t.request(await t.login('manager2'), { method: 'GET', url: `/api/notices/${noticeId}/recipients` });
    expect([other.status, other.body.code]).toEqual([404, 'NOTICE_NOT_FOUND']);
    const figures = await t.request(await t.login('manager2'), { method: 'GET', url: `/api/notices/figures?ids=${noticeId}` });
    expect([figures.status, figures.body]).toEqual([200, []]);
    const tenantB = await t.request(await t.login('b_admin'), { method: 'GET', url: `/api/notices/${noticeId}/recipients` });
    expect(tenantB.status).toBe(404);
    const tech = await t.request(await t.login('tech1'), { method: 'GET', url: `/api/notices/${noticeId}/recipients` });
    expect([tech.status, tech.body.code]).toEqual([403, 'FORBIDDEN']);
    const owner = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: `/api/notices/figures?ids=${noticeId}` });
    expect(owner.status).toBe(403);
  });
});
