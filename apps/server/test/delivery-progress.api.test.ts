import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapters, closeChannelAdapters } from '../src/delivery/channels/index.ts';
import { runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { caseCommand, hotlineRepair } from './fixtures/cases.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';

/**
 * A repair's progress messages end to end (issue 13 item 3): received, accepted with the committed time
 * (a repair's: the visit agreed with the owner, in the project's local time), technician on the way
 * (name and phone), work done (please confirm) and closed — each one delivery of its kind on the
 * owner's channel (SMS, to a local Aliyun receiver) with its rendered text, and each one an
 * `owner_notified` line in the case's history as the owner reads it in the portal.
 */
let t: TestContext;
let providers: ProviderReceiver;
let options: DeliveryWorkerOptions;
const db = () => t.deps.database.db as any;

const SMS_TEMPLATES = {
  case_received: 'SMS_9101',
  case_accepted: 'SMS_9102',
  technician_on_the_way: 'SMS_9103',
  work_done: 'SMS_9104',
  case_closed: 'SMS_9105',
};
const TECH_PHONE = '13900000001';

beforeAll(async () => {
  t = await createTestContext();
  providers = await startProviderReceiver({
    settings: {
      aliyun: { ...PROVIDER_DEFAULTS.aliyun, templates: Object.fromEntries(Object.values(SMS_TEMPLATES).map((code) => [code, ['caseNumber']])) },
    },
  });
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  const admin = await t.login('admin');
  const sms = await t.request(admin, {
    method: 'PUT',
    url: '/api/channels/sms',
    payload: {
      enabled: true,
      config: {
        baseUrl: providers.urls.aliyun,
        accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
        signName: PROVIDER_DEFAULTS.aliyun.signName,
        templates: SMS_TEMPLATES,
      },
      secret: PROVIDER_DEFAULTS.aliyun.secret,
    },
  });
  expect(sms.status, JSON.stringify(sms.body)).toBe(200);
  await db().updateTable('staff').set({ phone: TECH_PHONE }).where('id', '=', t.a.staff.tech1).execute();
});

afterAll(async () => {
  await closeChannelAdapters(options.adapters);
  await providers?.close();
  await t?.close();
});

const cmd = (username: string, id: string, command: Record<string, unknown>) => caseCommand(t, username, id, command);

describe('a repair’s progress reaches the owner, step by step', () => {
  it('received → accepted (the agreed visit, local time) → technician on the way → done, please confirm → closed', async () => {
    const owner = t.a.owners.zhangwei!;
    const c = await hotlineRepair(t, owner, '卫生间水管漏水');

    /** After a step: the worker plans and sends, and the step's one message is returned with what the provider received. */
    const step = async (kind: string) => {
      await runDeliveryTick(t.deps, options);
      const rows = (await db().selectFrom('deliveries').selectAll().where('sourceId', '=', c.id).where('kind', '=', kind).execute()) as any[];
      expect(rows, `one ${kind} delivery`).toHaveLength(1);
      const [d] = rows;
      expect(d).toMatchObject({ recipientType: 'owner', recipientId: owner.id, channel: 'sms', status: 'sent', attempts: 1 });
      const sms = providers.of('aliyun').filter((r) => r.idempotencyKey === d.idempotencyKey);
      expect(sms, `${kind}: sent once, OutId = the delivery's key`).toHaveLength(1);
      expect(sms[0]!.payload.TemplateCode).toBe(SMS_TEMPLATES[kind as keyof typeof SMS_TEMPLATES]);
      expect(sms[0]!.payload.PhoneNumbers).toBe(owner.portalLogin);
      return { d, params: JSON.parse(sms[0]!.payload.TemplateParam!) as Record<string, string> };
    };

    // 受理 (10:00 Shanghai)
    const received = await step('case_received');
    expect(received.d.body).toBe(`【管家物业】您好，您的报修（单号${c.number}）已受理：卫生间水管漏水。我们将尽快处理，谢谢！`);
    expect(received.d.title).toBe('您的报修已受理');

    // 接单 with the committed time: the visit agreed with the owner, 06:30 UTC = 14:30 in Shanghai
    await cmd('agent1', c.id, { type: 'schedule_appointment', appointmentAt: '2026-11-26T06:30:00.000Z', ownerAgreed: true });
    const accepted = await step('case_accepted');
    expect(accepted.d.body).toBe(`【管家物业】您好，您的报修（单号${c.number}）已接单，预计11月26日 14:30前处理，请留意。谢谢！`);
    expect(accepted.params.committedAt).toBe('11月26日 14:30');

    // 派工: the technician on the way, with name and phone
    await cmd('agent1', c.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    const onTheWay = await step('technician_on_the_way');
    expect(onTheWay.d.body).toBe(`【管家物业】您好，维修师傅维修员孙刚（${TECH_PHONE}）已出发前往1栋-1单元-101，请保持电话畅通。谢谢！`);
    expect(onTheWay.params).toMatchObject({ technicianName: '维修员孙刚', technicianPhone: TECH_PHONE });

    // 到场 tells the owner nothing new; 完工: please confirm
    await cmd('tech1', c.id, { type: 'arrive' });
    await runDeliveryTick(t.deps, options);
    await cmd('tech1', c.id, { type: 'complete', summary: '更换三通，试水正常' });
    const done = await step('work_done');
    expect(done.d.body).toBe(`【管家物业】您好，您的报修（单号${c.number}）已完工，请确认处理结果。如有问题请随时联系我们，谢谢！`);

    // 服务确认 then 办结
    await cmd('agent1', c.id, { type: 'record_satisfaction', satisfied: true, rating: 5 });
    await runDeliveryTick(t.deps, options);
    await cmd('agent1', c.id, { type: 'close' });
    const closed = await step('case_closed');
    expect(closed.d.body).toBe(`【管家物业】您好，您的报修（单号${c.number}）已办结，感谢您的理解与支持！`);

    // nothing else reached the owner: five messages, one per step that matters
    const all = (await db().selectFrom('deliveries').select(['kind']).where('sourceId', '=', c.id).where('recipientType', '=', 'owner').execute()) as any[];
    expect(all.map((d) => d.kind).sort()).toEqual(['case_accepted', 'case_closed', 'case_received', 'technician_on_the_way', 'work_done']);

    // the case's history as the owner reads it in the portal: one line per message, in order, with its text
    const expected = [received, accepted, onTheWay, done, closed].map((x) => x.d);
    const portal = await t.request(await t.ownerLogin(owner.portalLogin), { method: 'GET', url: `/api/cases/${c.id}/events` });
    expect(portal.status).toBe(200);
    const theirs = (portal.body as any[]).filter((e) => e.type === 'owner_notified');
    expect(theirs.map((e) => e.content)).toEqual(expected.map((d) => d.body));
    for (const line of theirs) {
      expect(line).toMatchObject({ actorKind: 'system', direction: 'outbound' });
      expect(line, 'the owner is shown no routing data (delivery ids, masked numbers)').not.toHaveProperty('data');
    }
    // staff read the same lines with the message's kind, channel and status at planning
    const staff = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${c.id}/events` });
    const ours = (staff.body as any[]).filter((e) => e.type === 'owner_notified');
    expect(ours.map((e) => e.data.messageKind)).toEqual(['case_received', 'case_accepted', 'technician_on_the_way', 'work_done', 'case_closed']);
    ours.forEach((line, i) => {
      const d = expected[i]!;
      expect(line).toMatchObject({
        internal: false,
        content: d.body,
        data: { deliveryId: d.id, deliveryChannel: 'sms', status: 'queued', to: d.addressMasked },
      });
      expect(line.data.to).toMatch(/\*/);
      expect(line.data.notBefore, 'sent at once (no 免打扰 at these hours)').toBeUndefined();
    });
  });

  it('a department’s acceptance of an inquiry tells the owner its committed time, in the project’s local time', async () => {
    const owner = t.a.owners.lina!;
    const created = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'inquiry',
        channel: 'hotline',
        description: '请问地下车库何时重新划线',
        ownerId: owner.id,
        unitId: owner.unitId,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body.case as { id: string; number: string };
    await cmd('agent1', c.id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'], promisedAt: '2026-11-27T18:00:00+08:00' });
    // 23:45 UTC on the 25th is 07:45 on the 26th in Shanghai
    await cmd('enghead1', c.id, { type: 'accept', committedAt: '2026-11-25T23:45:00.000Z' });
    await runDeliveryTick(t.deps, options);
    const [d] = (await db().selectFrom('deliveries').selectAll().where('sourceId', '=', c.id).where('kind', '=', 'case_accepted').execute()) as any[];
    expect(d).toMatchObject({ channel: 'sms', status: 'sent' });
    expect(d.body).toBe(`【管家物业】您好，您的咨询（单号${c.number}）已接单，预计11月26日 07:45前处理，请留意。谢谢！`);
    const portal = await t.request(await t.ownerLogin(owner.portalLogin), { method: 'GET', url: `/api/cases/${c.id}/events` });
    expect((portal.body as any[]).filter((e) => e.type === 'owner_notified').map((e) => e.content)).toContain(d.body);
  });
});

describe('免打扰 and the 特急 repair', () => {
  it('at 03:00 local an owner in 免打扰 hears of a 特急 repair now (the reason recorded), and of a normal one at the end of their quiet time', async () => {
    const owner = t.a.owners.zhangwei!;
    const admin = await t.login('admin');
    const quiet = await t.request(admin, { method: 'PATCH', url: `/api/owners/${owner.id}`, payload: { doNotDisturb: [{ from: '21:00', to: '08:00' }] } });
    expect(quiet.status, JSON.stringify(quiet.body)).toBe(200);
    // 19:00 UTC = 03:00 in Shanghai, the next night
    t.advance((Date.parse('2026-11-25T19:00:00.000Z') - Date.parse(t.deps.now())) / 60_000);
    t.forgetLogins();
    const repair = async (repairGrade: string, description: string) => {
      const res = await t.request(await t.login('agent1'), {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description, ownerId: owner.id, unitId: owner.unitId, repairGrade },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.case as { id: string; number: string };
    };
    const flood = await repair('very_urgent', '水管爆裂，客厅进水');
    const tap = await repair('normal', '阳台水龙头滴水');
    await runDeliveryTick(t.deps, options);
    const received = async (caseId: string) =>
      (await db().selectFrom('deliveries').selectAll().where('sourceId', '=', caseId).where('kind', '=', 'case_received').executeTakeFirst()) as any;
    const history = async (caseId: string) =>
      ((await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${caseId}/events` })).body as any[]).find(
        (e) => e.type === 'owner_notified',
      );

    // 特急: sent at once, through the quiet hours, marked urgent, and the history says why
    const urgent = await received(flood.id);
    expect(urgent).toMatchObject({ channel: 'sms', status: 'sent', reason: expect.stringContaining('emergency_overrides_quiet_hours') });
    expect(Boolean(urgent.urgent)).toBe(true);
    expect(providers.of('aliyun').some((r) => r.idempotencyKey === urgent.idempotencyKey)).toBe(true);
    expect((await history(flood.id)).data).toMatchObject({
      messageKind: 'case_received',
      status: 'queued',
      reason: expect.stringContaining('emergency_overrides_quiet_hours'),
    });
    expect((await history(flood.id)).data.notBefore).toBeUndefined();

    // 一般: waits for 08:00 local (00:00 UTC), and the history says until when
    const normal = await received(tap.id);
    expect(normal).toMatchObject({
      channel: 'sms',
      status: 'queued',
      reason: expect.stringContaining('deferred_for_quiet_hours'),
      nextAttemptAt: '2026-11-26T00:00:00.000Z',
    });
    expect(Boolean(normal.urgent)).toBe(false);
    expect(providers.of('aliyun').some((r) => r.idempotencyKey === normal.idempotencyKey)).toBe(false);
    expect((await history(tap.id)).data).toMatchObject({ reason: expect.stringContaining('deferred_for_quiet_hours'), notBefore: '2026-11-26T00:00:00.000Z' });

    // the 特急 repair's live steps go at once too (technician on the way, work done); its closing note waits
    const ofKind = async (kind: string) =>
      (await db().selectFrom('deliveries').selectAll().where('sourceId', '=', flood.id).where('kind', '=', kind).executeTakeFirst()) as any;
    await cmd('agent1', flood.id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    await runDeliveryTick(t.deps, options);
    expect(await ofKind('technician_on_the_way')).toMatchObject({ status: 'sent', reason: expect.stringContaining('emergency_overrides_quiet_hours') });
    await cmd('tech1', flood.id, { type: 'arrive' });
    await cmd('tech1', flood.id, { type: 'complete', summary: '关闭总阀，更换爆裂管段' });
    await cmd('agent1', flood.id, { type: 'record_satisfaction', satisfied: true });
    await cmd('agent1', flood.id, { type: 'close' });
    await runDeliveryTick(t.deps, options);
    expect(await ofKind('work_done')).toMatchObject({ status: 'sent', reason: expect.stringContaining('emergency_overrides_quiet_hours') });
    expect(await ofKind('case_closed')).toMatchObject({ status: 'queued', urgent: 0, reason: expect.stringContaining('deferred_for_quiet_hours') });

    // at 08:00 the waiting ones go
    t.advance(5 * 60 + 1);
    await runDeliveryTick(t.deps, options);
    expect((await received(tap.id)).status).toBe('sent');
    expect((await ofKind('case_closed')).status).toBe('sent');
    await t.request(admin, { method: 'PATCH', url: `/api/owners/${owner.id}`, payload: { doNotDisturb: [] } });
  });
});
