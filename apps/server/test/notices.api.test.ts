import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelAdapters, closeChannelAdapters } from '../src/delivery/channels/index.ts';
import { planOutbox, runDeliveryTick, type DeliveryWorkerOptions } from '../src/delivery/worker.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { createTestContext, type TestContext } from './harness.ts';
import { PROVIDER_DEFAULTS, startProviderReceiver, type ProviderReceiver } from './receivers/provider-receiver.ts';
import { startSmtpReceiver, type SmtpReceiver } from './receivers/smtp-receiver.ts';

/**
 * Notices end to end (issue 13 items 5 and 7): a draft, submitted with its checks (lead time, an
 * emergency's reason and expiry, personal data), approved by someone else — which publishes it — and
 * pushed to every owner of the targeted homes on their channel (preferred, fallen back, muted,
 * throttled, unreachable: each recipient's outcome kept) through the local provider receivers, read in
 * the portal (read receipts); locked once published but for its expiry; undone within the window
 * (pushes not yet sent cancelled); corrected by a notice that supersedes it; expired by the worker's
 * sweep; the reach before sending equal to an independent count, and as a workbook; the area
 * steward's paper tasks.
 */
let t: TestContext;
let providers: ProviderReceiver;
let smtp: SmtpReceiver;
let options: DeliveryWorkerOptions;
const db = () => t.deps.database.db as any;
const HOUR = 3_600_000;
const LINA_OPENID = `oLina${'0'.repeat(21)}WX`;

/** A fresh session (the tests move the clock by hours). */
async function signIn(username: string): Promise<string> {
  const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.token;
}
async function ownerSignIn(login: string): Promise<string> {
  const res = await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  return res.body.token;
}
const at = (hoursFromNow: number) => new Date(Date.parse(t.deps.now()) + hoursFromNow * HOUR).toISOString();
const cuihu = () => t.a.projects.CUIHU!;

async function draft(token: string, body: Record<string, unknown>) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/notices',
    payload: {
      projectId: cuihu().id,
      kind: 'water_cut',
      title: '计划停水通知',
      body: '因二次供水设施检修，届时停止供水，请提前储水。咨询电话0755-86001234。',
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string; version: number };
}
const step = (token: string, id: string, action: string, payload?: unknown) =>
  t.request(token, { method: 'POST', url: `/api/notices/${id}/${action}`, ...(payload ? { payload: payload as never } : {}) });

/** Draft (agent1), submit, approve (manager1): published. */
async function publish(body: Record<string, unknown>) {
  const agent = await signIn('agent1');
  const n = await draft(agent, body);
  const submitted = await step(agent, n.id, 'submit');
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await step(await signIn('manager1'), n.id, 'approve');
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.status).toBe('published');
  return approved.body as { id: string; publishedAt: string; expiresAt: string; undoUntil: string | null };
}
const deliveriesOf = (noticeId: string) =>
  db().selectFrom('deliveries').selectAll().where('sourceType', '=', 'notice').where('sourceId', '=', noticeId).execute();
const byOwner = (rows: any[]) => Object.fromEntries(rows.map((d: any) => [d.recipientId, d]));

let newcomerId = '';

beforeAll(async () => {
  t = await createTestContext();
  providers = await startProviderReceiver({
    settings: {
      aliyun: { ...PROVIDER_DEFAULTS.aliyun, templates: { SMS_7001: ['title'], SMS_7002: ['title'] } },
      wechat: { ...PROVIDER_DEFAULTS.wechat, templates: { 'tmpl-notice': ['thing1', 'thing2'] } },
    },
  });
  smtp = await startSmtpReceiver();
  options = { adapters: createChannelAdapters(), random: () => 0.5 };
  const admin = await signIn('admin');
  const put = (channel: string, body: unknown) => t.request(admin, { method: 'PUT', url: `/api/channels/${channel}`, payload: body as never });
  const wechatTemplate = {
    templateId: 'tmpl-notice',
    fields: [
      { key: 'thing1', from: 'title' },
      { key: 'thing2', from: 'area' },
    ],
  };
  const saved = await Promise.all([
    put('sms', {
      config: {
        baseUrl: providers.urls.aliyun,
        accessKeyId: PROVIDER_DEFAULTS.aliyun.accessKeyId,
        signName: PROVIDER_DEFAULTS.aliyun.signName,
        templates: { notice: 'SMS_7001', notice_emergency: 'SMS_7002' },
      },
      secret: PROVIDER_DEFAULTS.aliyun.secret,
    }),
    put('wechat', {
      config: {
        baseUrl: providers.urls.wechat,
        appId: PROVIDER_DEFAULTS.wechat.appId,
        templates: { notice: wechatTemplate, notice_emergency: wechatTemplate },
      },
      secret: PROVIDER_DEFAULTS.wechat.appSecret,
    }),
    put('email', { config: { host: smtp.host, port: smtp.port, from: '管家物业 <desk@guanjia.test>' } }),
  ]);
  expect(
    saved.map((s) => s.status),
    JSON.stringify(saved.map((s) => s.body)),
  ).toEqual([200, 200, 200]);
  // CUIHU's households: 张伟 prefers WeChat but has none linked (→ SMS), 李娜 has WeChat linked, 王芳 muted water cuts on SMS
  // (her only channel), and a newcomer in 2栋202 left no contact at all. No 免打扰 unless a test sets one.
  const { zhangwei, lina, wangfang } = t.a.owners as Record<string, { id: string; portalLogin: string }>;
  for (const o of [zhangwei!, lina!, wangfang!])
    expect((await t.request(admin, { method: 'PATCH', url: `/api/owners/${o.id}`, payload: { doNotDisturb: [] } })).status).toBe(200);
  await t.request(admin, { method: 'PATCH', url: `/api/owners/${zhangwei!.id}`, payload: { preferredChannel: 'wechat_group' } });
  const linked = await t.request(admin, { method: 'POST', url: `/api/owners/${lina!.id}/contacts`, payload: { kind: 'wechat', value: LINA_OPENID } });
  expect(linked.status, JSON.stringify(linked.body)).toBe(201);
  const muted = await t.request(await ownerSignIn(wangfang!.portalLogin), {
    method: 'PUT',
    url: '/api/portal/message-settings',
    payload: { preferredChannel: null, doNotDisturb: [], mutes: [{ kind: 'water_cut', channel: 'sms' }] },
  });
  expect(muted.status, JSON.stringify(muted.body)).toBe(200);
  expect(muted.body.mutes).toEqual([{ kind: 'water_cut', channel: 'sms' }]);
  const moved = await t.request(await signIn('agent1'), {
    method: 'POST',
    url: '/api/move-ins',
    payload: { unitId: cuihu().buildings.B2!.units['202'], moveInDate: '2026-11-01', owner: { name: '赵新' } },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(201);
  newcomerId = moved.body.id;
  expect(newcomerId).toBeTruthy();
});

afterAll(async () => {
  await closeChannelAdapters(options.adapters);
  await providers?.close();
  await smtp?.close();
  await t?.close();
});

describe('from draft to the owners', () => {
  let noticeId = '';

  it('the reach before sending: buildings, units, owners and owners per outcome — equal to an independent count', async () => {
    const agent = await signIn('agent1');
    const n = await draft(agent, { startsAt: at(30), endsAt: at(36) });
    noticeId = n.id;
    const reach = await t.request(agent, { method: 'GET', url: `/api/notices/${n.id}/reach` });
    expect(reach.status, JSON.stringify(reach.body)).toBe(200);
    // independently: CUIHU's homes and its current owners, straight from the tables
    const units = await db().selectFrom('units').select('id').where('projectId', '=', cuihu().id).where('kind', '!=', 'public_area').execute();
    const buildings = new Set(
      (await db().selectFrom('units').select('buildingId').where('projectId', '=', cuihu().id).execute()).map((u: any) => u.buildingId),
    );
    const owners = new Set(
      (await db().selectFrom('owner_units').select('owner_id').where('project_id', '=', cuihu().id).where('moved_out_on', 'is', null).execute()).map(
        (r: any) => r.ownerId,
      ),
    );
    expect(reach.body).toMatchObject({ buildings: buildings.size, units: units.length, owners: owners.size });
    expect(reach.body.byOutcome).toEqual({ sms: 1, wechat: 1, email: 0, unreachable: 1, muted: 1, throttled: 0 });
    const sum = Object.values(reach.body.byOutcome as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(owners.size);
  });

  it('the reach as a workbook: one row per owner, names masked, channel and outcome', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/notices/${noticeId}/reach.xlsx`,
      headers: { authorization: `Bearer ${await signIn('agent1')}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).map((r) => r.slice(1));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[1])).toEqual(expect.arrayContaining(['张*', '李*', '王*', '赵*']));
    const zhang = rows.find((r) => r[1] === '张*')!;
    expect(zhang.slice(0, 4)).toEqual(['1栋-1单元-101', '张*', '短信', '将发送']);
    expect(rows.find((r) => r[1] === '王*')![3]).toBe('业主已屏蔽');
    expect(rows.find((r) => r[1] === '赵*')![3]).toBe('无可用联系方式');
    expect(JSON.stringify(rows)).not.toMatch(/张伟|李娜|王芳/);
  });

  it('submitted and approved by another person: published, the ledger keeps its original', async () => {
    const agent = await signIn('agent1');
    const submitted = await step(agent, noticeId, 'submit');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'pending_approval', submittedBy: { name: '客服专员陈静' } });
    // the author cannot approve (no right), nor can a manager who wrote it themselves (below); the office manager can
    expect((await step(agent, noticeId, 'approve')).status).toBe(403);
    const approved = await step(await signIn('manager1'), noticeId, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', approvedBy: { name: '管理处主任李明' }, publishedAt: t.deps.now(), expiresAt: at(36) });
    expect(approved.body.undoUntil).toBe(at(5 / 60));
    const detail = await t.request(agent, { method: 'GET', url: `/api/notices/${noticeId}` });
    expect(detail.body.original).toMatchObject({ title: '计划停水通知', kind: 'water_cut', publishedAt: t.deps.now(), approvedBy: t.a.staff.manager1 });
    const ledger = await t.request(agent, { method: 'GET', url: '/api/notices?status=published' });
    expect(ledger.body.items.map((x: any) => x.id)).toContain(noticeId);
    const audit = await db().selectFrom('audit_log').select('action').where('targetId', '=', noticeId).orderBy('at').orderBy('id').execute();
    expect(audit.map((a: any) => a.action)).toEqual(['notice.created', 'notice.submitted', 'notice.published']);
  });

  it('one delivery per owner with each outcome kept: fallback to SMS, WeChat, muted, unreachable; common pushes wait out the undo window', async () => {
    await planOutbox(t.deps);
    const rows = await deliveriesOf(noticeId);
    expect(rows).toHaveLength(4);
    const { zhangwei, lina, wangfang } = t.a.owners as Record<string, { id: string }>;
    const d = byOwner(rows);
    expect(d[zhangwei!.id]).toMatchObject({ channel: 'sms', status: 'queued', kind: 'notice', urgent: 0 });
    expect(d[zhangwei!.id].reason).toContain('fallback_from_wechat');
    expect(d[lina!.id]).toMatchObject({ channel: 'wechat', status: 'queued' });
    expect(d[wangfang!.id]).toMatchObject({ channel: 'sms', status: 'muted', reason: 'muted_by_owner' });
    expect(d[newcomerId]).toMatchObject({ status: 'unreachable', reason: 'no_address' });
    for (const q of rows.filter((x: any) => x.status === 'queued')) expect(q.nextAttemptAt).toBe(at(5 / 60));
    // the ledger's reach: the figures it was sent with
    const detail = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/notices/${noticeId}` });
    expect(detail.body.reach).toMatchObject({ owners: 4, byOutcome: { sms: 1, wechat: 1, muted: 1, unreachable: 1 } });
    expect(detail.body.deliveries).toMatchObject({ total: 4, byStatus: { queued: 2, muted: 1, unreachable: 1 } });
  });

  it('after the undo window the worker sends them to the providers: the SMS in Aliyun’s format, the WeChat template message', async () => {
    expect((await runDeliveryTick(t.deps, options)).sent, 'nothing before the undo window has passed').toBe(0);
    t.advance(6);
    const tick = await runDeliveryTick(t.deps, options);
    expect(tick.sent).toBe(2);
    const rows = byOwner(await deliveriesOf(noticeId));
    const { zhangwei, lina } = t.a.owners as Record<string, { id: string; portalLogin: string }>;
    const sms = providers.of('aliyun').find((r) => r.idempotencyKey === rows[zhangwei!.id].idempotencyKey)!;
    expect(sms.to).toBe(zhangwei!.portalLogin);
    expect(sms.payload.TemplateCode).toBe('SMS_7001');
    expect(JSON.parse(sms.payload.TemplateParam!).title).toBe('计划停水通知');
    const wx = providers.of('wechat').find((r) => r.idempotencyKey === rows[lina!.id].idempotencyKey)!;
    expect(wx.to).toBe(LINA_OPENID);
    expect(wx.payload.data.thing1!.value).toBe('计划停水通知');
    expect(wx.payload.data.thing2!.value).toBe('全部楼栋');
    const detail = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/notices/${noticeId}` });
    expect(detail.body.deliveries.byStatus).toEqual({ sent: 2, muted: 1, unreachable: 1 });
    expect(detail.body.deliveries.byChannel).toEqual(
      expect.arrayContaining([
        { channel: 'sms', status: 'sent', count: 1 },
        { channel: 'wechat', status: 'sent', count: 1 },
        { channel: 'sms', status: 'muted', count: 1 },
      ]),
    );
  });

  it('the owner reads it in the portal: a read receipt, once; an owner of another project neither sees it nor can mark it', async () => {
    const zhang = await ownerSignIn(t.a.owners.zhangwei!.portalLogin);
    const list = await t.request(zhang, { method: 'GET', url: '/api/portal/notices' });
    expect(list.status).toBe(200);
    const mine = list.body.find((x: any) => x.id === noticeId);
    expect(mine).toMatchObject({ title: '计划停水通知', readAt: null, area: '全部楼栋', projectName: '翠湖花园管理处' });
    expect((await t.request(zhang, { method: 'POST', url: `/api/portal/notices/${noticeId}/read` })).status).toBe(204);
    expect((await t.request(zhang, { method: 'POST', url: `/api/portal/notices/${noticeId}/read` })).status).toBe(204);
    const again = await t.request(zhang, { method: 'GET', url: '/api/portal/notices' });
    expect(again.body.find((x: any) => x.id === noticeId).readAt).toBe(t.deps.now());
    const detail = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/notices/${noticeId}` });
    expect(detail.body.reads).toBe(1);
    const liu = await ownerSignIn(t.a.owners.liuyang!.portalLogin);
    expect((await t.request(liu, { method: 'GET', url: '/api/portal/notices' })).body.map((x: any) => x.id)).not.toContain(noticeId);
    const refused = await t.request(liu, { method: 'POST', url: `/api/portal/notices/${noticeId}/read` });
    expect([refused.status, refused.body.code]).toEqual([404, 'NOTICE_NOT_FOUND']);
    // staff have no portal
    expect((await t.request(await signIn('agent1'), { method: 'GET', url: '/api/portal/notices' })).status).toBe(403);
  });

  it('locked once published: the text cannot change, its expiry can', async () => {
    const agent = await signIn('agent1');
    const locked = await t.request(agent, { method: 'PATCH', url: `/api/notices/${noticeId}`, payload: { body: '改了正文' } });
    expect([locked.status, locked.body.code, locked.body.field]).toEqual([409, 'NOTICE_LOCKED', 'body']);
    const later = at(48);
    const moved = await t.request(agent, { method: 'PATCH', url: `/api/notices/${noticeId}`, payload: { expiresAt: later } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.expiresAt).toBe(later);
    const past = await t.request(agent, { method: 'PATCH', url: `/api/notices/${noticeId}`, payload: { expiresAt: at(-1) } });
    expect([past.status, past.body.code]).toEqual([400, 'NOTICE_EXPIRY_INVALID']);
    const detail = await t.request(agent, { method: 'GET', url: `/api/notices/${noticeId}` });
    expect(detail.body.body).toBe('因二次供水设施检修，届时停止供水，请提前储水。咨询电话0755-86001234。');
    expect(detail.body.original.expiresAt, 'the original stays as published').not.toBe(later);
  });

  it('a second common notice within the hour is throttled for who was just pushed; 免打扰 defers it for another', async () => {
    const wangfang = t.a.owners.wangfang!;
    // 10:06 in Shanghai: 王芳 is quiet until 12:00
    const quiet = await t.request(await ownerSignIn(wangfang.portalLogin), {
      method: 'PUT',
      url: '/api/portal/message-settings',
      payload: { preferredChannel: null, doNotDisturb: [{ from: '09:00', to: '12:00' }], mutes: [{ kind: 'water_cut', channel: 'sms' }] },
    });
    expect(quiet.status).toBe(200);
    const n = await publish({ kind: 'reminder', title: '停车卡年审提醒', body: '请于本月底前到管理处办理停车卡年审。' });
    await planOutbox(t.deps);
    const d = byOwner(await deliveriesOf(n.id));
    const { zhangwei, lina } = t.a.owners as Record<string, { id: string }>;
    expect(d[zhangwei!.id]).toMatchObject({ status: 'throttled', reason: 'common_notice_within_hour' });
    expect(d[lina!.id]).toMatchObject({ status: 'throttled' });
    // not muted (she muted water cuts only), but quiet: queued for 12:00 local
    expect(d[wangfang.id]).toMatchObject({ status: 'queued', channel: 'sms' });
    expect(d[wangfang.id].reason).toContain('deferred_for_quiet_hours');
    expect(d[wangfang.id].nextAttemptAt).toBe('2026-11-25T04:00:00.000Z');
  });
});

describe('the checks before publication', () => {
  it('停水 12 h ahead is refused for its lead time; as an emergency it needs a reason and an expiry; then it goes at once, through 免打扰, unmuted, unthrottled', async () => {
    const agent = await signIn('agent1');
    const n = await draft(agent, { startsAt: at(12), endsAt: at(16) });
    const early = await step(agent, n.id, 'submit');
    expect([early.status, early.body.code, early.body.field]).toEqual([400, 'NOTICE_LEAD_TIME_TOO_SHORT', 'startsAt']);
    expect(early.body.message).toContain('24');
    expect(early.body.message).toContain('停水');
    await t.request(agent, { method: 'PATCH', url: `/api/notices/${n.id}`, payload: { emergency: true } });
    const noReason = await step(agent, n.id, 'submit');
    expect([noReason.status, noReason.body.code]).toEqual([400, 'NOTICE_EMERGENCY_REASON_REQUIRED']);
    await t.request(agent, { method: 'PATCH', url: `/api/notices/${n.id}`, payload: { emergencyReason: '主供水管爆裂抢修' } });
    const noExpiry = await step(agent, n.id, 'submit');
    expect([noExpiry.status, noExpiry.body.code, noExpiry.body.field]).toEqual([400, 'NOTICE_EXPIRY_REQUIRED', 'expiresAt']);
    const fixed = await t.request(agent, { method: 'PATCH', url: `/api/notices/${n.id}`, payload: { expiresAt: at(20), expectedVersion: 3 } });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await step(agent, n.id, 'submit')).status).toBe(200);
    expect((await step(await signIn('leader'), n.id, 'approve')).status).toBe(200);
    await planOutbox(t.deps);
    const d = byOwner(await deliveriesOf(n.id));
    const { zhangwei, wangfang } = t.a.owners as Record<string, { id: string }>;
    // pushed to 张伟 a few minutes ago, muted by 王芳, and she is in 免打扰: an emergency reaches both now, marked urgent
    expect(d[zhangwei!.id]).toMatchObject({ status: 'queued', kind: 'notice_emergency', urgent: 1, nextAttemptAt: t.deps.now() });
    expect(d[wangfang!.id]).toMatchObject({ status: 'queued', channel: 'sms', nextAttemptAt: t.deps.now() });
    expect(d[wangfang!.id].reason).toContain('emergency_overrides_quiet_hours');
    await runDeliveryTick(t.deps, options);
    const sent = providers.of('aliyun').filter((r) => r.payload.TemplateCode === 'SMS_7002');
    expect(sent.map((r) => r.to).sort()).toEqual([t.a.owners.zhangwei!.portalLogin, t.a.owners.wangfang!.portalLogin].sort());
    // pinned first in the portal
    const list = await t.request(await ownerSignIn(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/portal/notices' });
    expect(list.body[0]).toMatchObject({ id: n.id, emergency: true });
  });

  it('personal data is refused, naming what was found, masked: a phone number; a name with a unit', async () => {
    const agent = await signIn('agent1');
    const phone = await draft(agent, { kind: 'reminder', title: '快递代收提醒', body: '有快递未取的业主请联系13912345678。' });
    const refused = await step(agent, phone.id, 'submit');
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([400, 'NOTICE_PERSONAL_DATA', 'body']);
    expect(refused.body.message).toContain('139****5678');
    expect(refused.body.message).not.toContain('13912345678');
    const en = await t.request(agent, { method: 'POST', url: `/api/notices/${phone.id}/submit`, headers: { 'accept-language': 'en' } });
    expect(en.body.message).toMatch(/a mobile number: 139\*\*\*\*5678/);
    const named = await draft(agent, { kind: 'cooperation', title: '请配合维修', body: '2栋201王芳家漏水影响楼下，请相关住户配合检修。' });
    const refusedName = await step(agent, named.id, 'submit');
    expect([refusedName.status, refusedName.body.code]).toEqual([400, 'NOTICE_PERSONAL_DATA']);
    expect(refusedName.body.message).toContain('2栋201王*');
    expect(refusedName.body.message).not.toContain('王芳');
    expect((await t.request(agent, { method: 'GET', url: `/api/notices/${named.id}` })).body.status).toBe('draft');
  });

  it('the approver is someone other than the author: a manager cannot approve their own; a rejection goes back to the author', async () => {
    const manager = await signIn('manager1');
    const own = await draft(manager, { kind: 'community', title: '业委会换届公告', body: '第三届业主委员会选举结果公示。' });
    expect((await step(manager, own.id, 'submit')).status).toBe(200);
    const self = await step(manager, own.id, 'approve');
    expect([self.status, self.body.code]).toEqual([403, 'NOTICE_SELF_APPROVAL']);
    const rejected = await step(await signIn('leader'), own.id, 'reject', { reason: '请附选举结果明细' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectedReason: '请附选举结果明细' });
    const notAuthor = await step(await signIn('supervisor1'), own.id, 'revise');
    expect([notAuthor.status, notAuthor.body.code]).toEqual([403, 'NOTICE_NOT_AUTHOR']);
    expect((await step(manager, own.id, 'revise')).body.status).toBe('draft');
    // a draft stays its author's
    const edit = await t.request(await signIn('agent1'), { method: 'PATCH', url: `/api/notices/${own.id}`, payload: { title: '改标题' } });
    expect([edit.status, edit.body.code]).toEqual([403, 'NOTICE_NOT_AUTHOR']);
    // someone of another project does not find it
    const other = await t.request(await signIn('manager2'), { method: 'GET', url: `/api/notices/${own.id}` });
    expect([other.status, other.body.code]).toEqual([404, 'NOTICE_NOT_FOUND']);
  });
});

describe('undo, supersede, expire', () => {
  it('undo within the window: withdrawn, the pushes not yet sent cancelled and never sent; after the window, refused', async () => {
    t.advance(61); // past the hour of the pushes above: nobody is throttled
    const n = await publish({
      kind: 'reminder',
      title: '电梯维保提醒',
      body: '明日上午电梯例行维保。',
      targetScope: 'buildings',
      targetIds: [cuihu().buildings.B1!.id],
    });
    await planOutbox(t.deps);
    const queued = (await deliveriesOf(n.id)).filter((d: any) => d.status === 'queued');
    expect(queued.length).toBe(2); // 张伟 and 李娜 in 1栋
    const undone = await step(await signIn('agent1'), n.id, 'undo');
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ status: 'withdrawn', withdrawnBy: { name: '客服专员陈静' } });
    const after = await deliveriesOf(n.id);
    expect(after.filter((d: any) => d.status === 'cancelled').map((d: any) => d.reason)).toEqual(['withdrawn', 'withdrawn']);
    t.advance(6);
    const before = providers.received.length;
    await runDeliveryTick(t.deps, options);
    expect(providers.received.length, 'nothing of the withdrawn notice was sent').toBe(before);
    expect(
      (await t.request(await ownerSignIn(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/portal/notices' })).body.map((x: any) => x.id),
    ).not.toContain(n.id);
    const late = await publish({ kind: 'reminder', title: '燃气安检提醒', body: '本周燃气公司入户安检。' });
    t.advance(6);
    const refused = await step(await signIn('agent1'), late.id, 'undo');
    expect([refused.status, refused.body.code]).toEqual([409, 'NOTICE_UNDO_WINDOW_PASSED']);
    expect(refused.body.message).toContain('5');
  });

  it('an undo before the worker planned it: nothing is ever sent', async () => {
    t.advance(61);
    const n = await publish({ kind: 'community', title: '社区义诊活动', body: '周六上午在中心花园举办义诊。' });
    expect((await step(await signIn('manager1'), n.id, 'undo')).status).toBe(200);
    await planOutbox(t.deps);
    expect(await deliveriesOf(n.id)).toEqual([]);
  });

  it('supersede: a linked draft; publishing it marks the first superseded and cancels what it had not sent', async () => {
    t.advance(61);
    const first = await publish({ kind: 'power_cut', title: '计划停电通知', body: '因线路检修计划停电。', startsAt: at(26), endsAt: at(30) });
    await planOutbox(t.deps);
    const agent = await signIn('agent1');
    const correction = await step(agent, first.id, 'supersede');
    expect(correction.status, JSON.stringify(correction.body)).toBe(201);
    expect(correction.body).toMatchObject({ status: 'draft', supersedesId: first.id, title: '计划停电通知', kind: 'power_cut' });
    await t.request(agent, {
      method: 'PATCH',
      url: `/api/notices/${correction.body.id}`,
      payload: { body: '因线路检修计划停电（时间更正）。', endsAt: at(32) },
    });
    expect((await step(agent, correction.body.id, 'submit')).status).toBe(200);
    expect((await step(await signIn('manager1'), correction.body.id, 'approve')).status).toBe(200);
    const old = await t.request(agent, { method: 'GET', url: `/api/notices/${first.id}` });
    expect(old.body).toMatchObject({ status: 'superseded', supersededById: correction.body.id });
    expect(old.body.deliveries.byStatus.queued ?? 0).toBe(0);
    expect(old.body.deliveries.byStatus.cancelled).toBe(3); // 张伟 (SMS), 李娜 (WeChat), 王芳 (SMS: she muted water cuts only)
    expect((await deliveriesOf(first.id)).filter((d: any) => d.status === 'cancelled').every((d: any) => d.reason === 'superseded')).toBe(true);
    // superseded is final
    const again = await step(agent, first.id, 'supersede');
    expect([again.status, again.body.code]).toEqual([409, 'NOTICE_TRANSITION_NOT_ALLOWED']);
    const portal = await t.request(await ownerSignIn(t.a.owners.lina!.portalLogin), { method: 'GET', url: '/api/portal/notices' });
    const ids = portal.body.map((x: any) => x.id);
    expect(ids).toContain(correction.body.id);
    expect(ids).not.toContain(first.id);
  });

  it('the expiry sweep: past its expiry a notice is expired, leaves the portal, and its open take-down falls due', async () => {
    t.advance(61);
    const n = await publish({ kind: 'reminder', title: '消防演练提醒', body: '下午三点消防演练。', expiresAt: at(2), paperPosting: true });
    await planOutbox(t.deps);
    t.advance(121);
    await runDeliveryTick(t.deps, options);
    const detail = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/notices/${n.id}` });
    expect(detail.body).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
    expect(
      await t
        .request(await ownerSignIn(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/portal/notices' })
        .then((r) => r.body.map((x: any) => x.id)),
    ).not.toContain(n.id);
    // never put up: nothing to take down, every task cancelled
    expect(detail.body.postings.map((p: any) => [p.task, p.status])).toEqual([
      ['post', 'cancelled'],
      ['take_down', 'cancelled'],
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actorKind'])
      .where('targetId', '=', n.id)
      .where('action', '=', 'notice.expired')
      .execute();
    expect(audit).toEqual([{ action: 'notice.expired', actorKind: 'system' }]);
  });
});

describe('the area steward’s paper tasks', () => {
  it('post (with a photo) per building board, patrol every 3 days (damage → re-post), take down at expiry; a task is only its assignee’s', async () => {
    t.advance(61);
    const n = await publish({
      kind: 'pest_control',
      title: '小区消杀通知',
      body: '本周六对地下车库及绿化带进行消杀，请关好门窗。',
      startsAt: at(80),
      endsAt: at(84),
      expiresAt: at(24 * 10),
      targetScope: 'buildings',
      targetIds: [cuihu().buildings.B1!.id, cuihu().buildings.B2!.id],
      paperPosting: true,
    });
    const steward = await signIn('steward1');
    const mine = await t.request(steward, { method: 'GET', url: '/api/notice-postings' });
    expect(mine.status).toBe(200);
    const tasks = mine.body.filter((p: any) => p.noticeId === n.id);
    expect(tasks.map((p: any) => `${p.board}:${p.task}`).sort()).toEqual(
      ['1栋公告栏:patrol', '1栋公告栏:post', '1栋公告栏:take_down', '2栋公告栏:patrol', '2栋公告栏:post', '2栋公告栏:take_down'].sort(),
    );
    const post = tasks.find((p: any) => p.task === 'post' && p.board === '1栋公告栏');
    expect(post.dueAt).toBe(at(2));
    expect(tasks.find((p: any) => p.task === 'take_down').dueAt).toBe(n.expiresAt);
    // someone else's task is not theirs to close
    const other = await t.request(await signIn('agent1'), { method: 'POST', url: `/api/notice-postings/${post.id}/done`, payload: {} });
    expect([other.status, other.body.code]).toEqual([404, 'NOTICE_POSTING_NOT_FOUND']);
    const noPhoto = await t.request(steward, { method: 'POST', url: `/api/notice-postings/${post.id}/done`, payload: { note: '已张贴' } });
    expect([noPhoto.status, noPhoto.body.code, noPhoto.body.field]).toEqual([400, 'NOTICE_POSTING_PHOTO_REQUIRED', 'photoAttachmentId']);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    const photo = await t.request(steward, {
      method: 'POST',
      url: '/api/attachments?filename=board.png',
      headers: { 'content-type': 'image/png' },
      payload: png,
    });
    expect(photo.status).toBe(201);
    const done = await t.request(steward, {
      method: 'POST',
      url: `/api/notice-postings/${post.id}/done`,
      payload: { photoAttachmentId: photo.body.id, note: '已张贴' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', photoAttachmentId: photo.body.id });
    const twice = await t.request(steward, { method: 'POST', url: `/api/notice-postings/${post.id}/done`, payload: { photoAttachmentId: photo.body.id } });
    expect([twice.status, twice.body.code]).toEqual([409, 'NOTICE_POSTING_DONE']);
    // three days on, the patrol finds it torn: a re-post, and the next patrol three days later
    t.advance(3 * 24 * 60);
    const steward2 = await signIn('steward1');
    const patrol = (await t.request(steward2, { method: 'GET', url: '/api/notice-postings' })).body.find(
      (p: any) => p.noticeId === n.id && p.task === 'patrol' && p.board === '1栋公告栏',
    );
    expect(patrol.overdue).toBe(true);
    const patrolled = await t.request(steward2, {
      method: 'POST',
      url: `/api/notice-postings/${patrol.id}/done`,
      payload: { damaged: true, note: '被撕毁一角' },
    });
    expect(patrolled.status, JSON.stringify(patrolled.body)).toBe(200);
    const next = (await t.request(steward2, { method: 'GET', url: '/api/notice-postings' })).body.filter(
      (p: any) => p.noticeId === n.id && p.board === '1栋公告栏',
    );
    expect(next.map((p: any) => p.task).sort()).toEqual(['patrol', 'repost', 'take_down']);
    expect(next.find((p: any) => p.task === 'repost').dueAt).toBe(at(2));
    expect(next.find((p: any) => p.task === 'patrol').dueAt).toBe(at(72));
  });
});

describe('the owner’s message settings', () => {
  it('read back as saved (SMS kept as the archive’s 客服热线 preference); a span that is no time of day, or empty, refused and nothing changed', async () => {
    const zhang = t.a.owners.zhangwei!;
    const owner = await ownerSignIn(zhang.portalLogin);
    const saved = await t.request(owner, {
      method: 'PUT',
      url: '/api/portal/message-settings',
      payload: { preferredChannel: 'sms', doNotDisturb: [{ from: '22:30', to: '07:00' }], mutes: [{ kind: 'community', channel: 'wechat' }] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual({ preferredChannel: 'sms', doNotDisturb: [{ from: '22:30', to: '07:00' }], mutes: [{ kind: 'community', channel: 'wechat' }] });
    expect((await t.request(owner, { method: 'GET', url: '/api/portal/message-settings' })).body).toEqual(saved.body);
    const archive = await t.request(await signIn('agent1'), { method: 'GET', url: `/api/owners/${zhang.id}` });
    expect(archive.body).toMatchObject({ preferredChannel: 'hotline', doNotDisturb: [{ from: '22:30', to: '07:00' }] });
    const before = await t.fingerprint();
    for (const bad of [
      { preferredChannel: null, doNotDisturb: [{ from: '25:00', to: '07:00' }], mutes: [] },
      { preferredChannel: null, doNotDisturb: [{ from: '08:00', to: '08:00' }], mutes: [] },
      { preferredChannel: 'fax', doNotDisturb: [], mutes: [] },
      { preferredChannel: null, doNotDisturb: [], mutes: [{ kind: 'notice', channel: 'sms' }] },
    ]) {
      const refused = await t.request(owner, { method: 'PUT', url: '/api/portal/message-settings', payload: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await t.fingerprint()).toBe(before);
  });
});
