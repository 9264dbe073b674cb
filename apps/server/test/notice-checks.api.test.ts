import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOutbox } from '../src/delivery/worker.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * A notice's audience and its checks (issue 13 item 5): a notice to some units reaches their owners
 * and no one else (the reach before sending, the figures it was sent with, the pushes, the portal); a
 * 停水, 停电 or 消杀 notice names its start (else its lead time could not be checked); and the lead time
 * is counted again from the approval — a notice fine when submitted whose start has come too close by
 * then is refused, unless it is an emergency with its reason.
 */
let t: TestContext;
const db = () => t.deps.database.db as any;
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.parse(t.deps.now()) + hoursFromNow * HOUR).toISOString();
const cuihu = () => t.a.projects.CUIHU!;

async function draft(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/notices',
    payload: { projectId: cuihu().id, kind: 'water_cut', title: '计划停水通知', body: '因二次供水设施检修，届时停止供水，请提前储水。', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const step = async (token: string, id: string, action: string, payload?: unknown) =>
  t.request(token, { method: 'POST', url: `/api/notices/${id}/${action}`, ...(payload ? { payload: payload as never } : {}) });

beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.login('admin');
  // no 免打扰 for anyone; SMS is the one channel set up (pointing nowhere: pushes are planned, not sent)
  for (const o of [t.a.owners.zhangwei!, t.a.owners.lina!, t.a.owners.wangfang!])
    expect((await t.request(admin, { method: 'PATCH', url: `/api/owners/${o.id}`, payload: { doNotDisturb: [] } })).status).toBe(200);
  const sms = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/sms',
    payload: { config: { baseUrl: 'http://127.0.0.1:9', accessKeyId: 'key', signName: '管家物业', templates: { notice: 'SMS_1' } }, secret: 'secret' },
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(200);
});
afterAll(async () => t?.close());

describe(`a notice to some units (${TEST_DB})`, () => {
  it('reaches the owners of those units only: the reach, the figures sent with, the pushes, the recipients and the portal', async () => {
    const { zhangwei, lina, wangfang } = t.a.owners;
    // 1栋101 (张伟) and 2栋201 (王芳); 李娜 in 1栋102 — same building, other unit — is not among them
    const targets = [cuihu().buildings.B1!.units['101']!, cuihu().buildings.B2!.units['201']!];
    const agent = await t.login('agent1');
    const id = await draft(agent, { targetScope: 'units', targetIds: targets, startsAt: at(30), endsAt: at(36) });
    const reach = await t.request(agent, { method: 'GET', url: `/api/notices/${id}/reach` });
    expect(reach.status, JSON.stringify(reach.body)).toBe(200);
    expect(reach.body).toMatchObject({ buildings: 2, units: 2, owners: 2 });
    expect(reach.body.byOutcome).toEqual({ sms: 2, wechat: 0, email: 0, unreachable: 0, muted: 0, throttled: 0 });
    const detail = (await t.request(agent, { method: 'GET', url: `/api/notices/${id}` })).body;
    expect(detail.area).toContain('1栋');
    expect(detail.area).toContain('2栋');

    expect((await step(agent, id, 'submit')).status).toBe(200);
    const approved = await step(await t.login('manager1'), id, 'approve');
    expect([approved.status, approved.body.status]).toEqual([200, 'published']);
    await planOutbox(t.deps);

    const pushes = await db().selectFrom('deliveries').selectAll().where('sourceType', '=', 'notice').where('sourceId', '=', id).execute();
    expect(pushes.map((d: any) => d.recipientId).sort()).toEqual([zhangwei!.id, wangfang!.id].sort());
    expect(pushes.every((d: any) => d.channel === 'sms' && d.status === 'queued')).toBe(true);
    const sent = (await t.request(agent, { method: 'GET', url: `/api/notices/${id}` })).body;
    expect(sent.reach).toMatchObject({ buildings: 2, units: 2, owners: 2, byOutcome: { sms: 2 } });
    expect(sent.deliveries).toMatchObject({ total: 2, byStatus: { queued: 2 } });
    const recipients = (await t.request(agent, { method: 'GET', url: `/api/notices/${id}/recipients` })).body.items as {
      ownerId: string;
      units: string[];
    }[];
    expect(Object.fromEntries(recipients.map((r) => [r.ownerId, r.units]))).toEqual({
      [zhangwei!.id]: ['1栋-1单元-101'],
      [wangfang!.id]: ['2栋-1单元-201'],
    });

    // the portal: in force for 张伟 and 王芳, not for 李娜 — neither listed nor readable
    for (const inside of [zhangwei!, wangfang!]) {
      const owner = await t.ownerLogin(inside.portalLogin);
      const list = await t.request(owner, { method: 'GET', url: '/api/portal/notices' });
      expect(list.body.map((n: { id: string }) => n.id)).toContain(id);
      expect((await t.request(owner, { method: 'POST', url: `/api/portal/notices/${id}/read` })).status).toBe(204);
    }
    const outsider = await t.ownerLogin(lina!.portalLogin);
    const hers = await t.request(outsider, { method: 'GET', url: '/api/portal/notices' });
    expect(hers.status).toBe(200);
    expect(hers.body.map((n: { id: string }) => n.id)).not.toContain(id);
    const read = await t.request(outsider, { method: 'POST', url: `/api/portal/notices/${id}/read` });
    expect([read.status, read.body.code]).toEqual([404, 'NOTICE_NOT_FOUND']);
    const figures = await t.request(agent, { method: 'GET', url: `/api/notices/figures?ids=${id}` });
    expect(figures.body).toEqual([{ noticeId: id, deliveries: 2, byStatus: { queued: 2 }, reads: 2 }]);
  });
});

describe(`the start and the lead time of a planned disruption (${TEST_DB})`, () => {
  it('停水, 停电 or 消杀 without a start is refused on its start, emergency or not; with one it may be submitted', async () => {
    const agent = await t.login('agent1');
    for (const [kind, words, hours] of [
      ['water_cut', '停水', 24],
      ['power_cut', '停电', 24],
      ['pest_control', '消杀', 72],
    ] as const) {
      const id = await draft(agent, { kind, title: `计划${words}通知` });
      const refused = await step(agent, id, 'submit');
      expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 'NOTICE_START_REQUIRED', 'startsAt']);
      expect(refused.body.message).toContain(words);
      expect(refused.body.message).toContain(String(hours));
      const en = await t.request(agent, { method: 'POST', url: `/api/notices/${id}/submit`, headers: { 'accept-language': 'en' } });
      expect(en.body.message).toMatch(new RegExp(`^A ${kind.replace('_', ' ')} notice needs its start`));
      expect(en.body.message).not.toMatch(/[\u4e00-\u9fff]/);
      // an emergency names its start too
      const emergency = await t.request(agent, {
        method: 'PATCH',
        url: `/api/notices/${id}`,
        payload: { emergency: true, emergencyReason: '主管道爆裂抢修', expiresAt: at(24) },
      });
      expect(emergency.status, JSON.stringify(emergency.body)).toBe(200);
      expect((await step(agent, id, 'submit')).body.code).toBe('NOTICE_START_REQUIRED');
      expect((await t.request(agent, { method: 'GET', url: `/api/notices/${id}` })).body.status).toBe('draft');
    }
    // a kind without a lead time needs no start
    const reminder = await draft(agent, { kind: 'reminder', title: '停车卡年审提醒', body: '请于本月底前到管理处办理停车卡年审。' });
    expect((await step(agent, reminder, 'submit')).status).toBe(200);
    // the start given: submitted
    const planned = await draft(agent, { startsAt: at(30) });
    expect((await step(agent, planned, 'submit')).body.status).toBe('pending_approval');
  });

  it('counted again at approval: fine when submitted, its start too close when approved — refused, unless it is an emergency with its reason', async () => {
    const agent = await t.login('agent1');
    const plain = await draft(agent, { kind: 'power_cut', title: '计划停电通知', body: '因线路检修计划停电。', startsAt: at(25), endsAt: at(29) });
    const urgent = await draft(agent, {
      title: '紧急停水通知',
      startsAt: at(25),
      endsAt: at(29),
      emergency: true,
      emergencyReason: '水泵房设备故障须抢修',
      expiresAt: at(30),
    });
    for (const id of [plain, urgent]) expect((await step(agent, id, 'submit')).status).toBe(200);
    // two hours on, the approver comes to them: 23 hours before the start
    t.advance(120);
    t.forgetLogins();
    const manager = await t.login('manager1');
    const refused = await step(manager, plain, 'approve');
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 'NOTICE_LEAD_TIME_TOO_SHORT', 'startsAt']);
    expect(refused.body.message).toContain('停电');
    expect(refused.body.message).toContain('24');
    const still = (await t.request(manager, { method: 'GET', url: `/api/notices/${plain}` })).body;
    expect(still).toMatchObject({ status: 'pending_approval', publishedAt: null, original: null });
    expect(await db().selectFrom('outbox').selectAll().where('payload', 'like', `%${plain}%`).execute()).toEqual([]);
    // the emergency goes
    const published = await step(manager, urgent, 'approve');
    expect([published.status, published.body.status]).toEqual([200, 'published']);
    // the refused one goes back to its author, who may mark it an emergency (with its reason) or move it
    const rejected = await step(manager, plain, 'reject', { reason: '距开始已不足24小时：请改期或按紧急通知处理' });
    expect(rejected.body.status).toBe('rejected');
    expect((await step(await t.login('agent1'), plain, 'revise')).body.status).toBe('draft');
  });
});
