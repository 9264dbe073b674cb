import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChannelAdapters, createChannelAdapters, runDeliveryTick, type DeliveryWorkerOptions } from '@guanjia/server';
import { DEMO_PASSWORD } from '@guanjia/server/seed';
import { call, executablePath, expectChinese, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';
import { daysAhead, openNoticeMenu, pick, typeDate } from './notice-browser';

/**
 * Notices in a real browser in zh-CN on a fresh demo company (issue 13 items 5 and 7): an agent drafts a
 * 停水 notice for 1栋 with a personal phone number in its text — refused, the number shown masked on
 * the text's field —, fixes it, sees the reach (and exports the list), submits it; the office manager
 * approves it (撤回 counts down); the real delivery worker plans the pushes; 张伟 in the portal finds
 * the emergency notice pinned in red above it, opens the 停水 notice; the console's notice page then
 * shows him read, and the ledger counts the read. The area steward posts the paper notice with a
 * photo and reports a patrol's damage; a new expiry keeps the ledger's original (shown beside it); 撤回
 * takes the emergency out of the portal, 更正 opens a correcting draft; the owner mutes a kind and sets 免打扰 in 消息设置; the administrator finds the
 * delivery-report addresses on the SMS and WeChat cards. Screenshots in test-artifacts/notices/.
 */
let w: ConsoleWorld;
let worker: DeliveryWorkerOptions;
let agent: Page;
let manager: Page;
const tick = () => runDeliveryTick(w.deps, worker);
const TITLE = '1栋二次供水水箱清洗停水通知';
const PHONE = '13912345678';
const HOUR = 3_600_000;
// a 1×1 PNG (the server checks the bytes)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let noticeId = '';
let emergencyId = '';

/** The form item's error under a field (Ant Design's explain line). */
const fieldError = (p: Page, testId: string) =>
  p
    .locator('.ant-form-item')
    .filter({ has: p.getByTestId(testId) })
    .locator('.ant-form-item-explain-error');

async function ownerPage(login: string): Promise<Page> {
  const page = await (await w.browser.newContext({ viewport: { width: 420, height: 860 }, locale: 'zh-CN', isMobile: true })).newPage();
  await page.goto(`${w.base}/portal/`);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  return page;
}

describe.skipIf(!executablePath)('通知公告 from draft to read receipts, 张贴任务, the portal’s notices and 消息设置 (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('notices');
    worker = { adapters: createChannelAdapters(), random: () => 0.5 };
    const admin = await token(w, 'admin');
    // SMS is the channel set up (its pushes of a common notice wait out the undo window: nothing reaches the provider here)
    const res = await fetch(`${w.base}/api/channels/sms`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        config: {
          baseUrl: 'http://127.0.0.1:9',
          accessKeyId: 'LTAI-test',
          signName: '管家物业',
          templates: { notice: 'SMS_1001', notice_emergency: 'SMS_1002' },
        },
        secret: 'sms-secret',
      }),
    });
    expect(res.status, await res.text()).toBe(200);
    agent = await signIn(w, 'agent1', { width: 1500, height: 950 });
    manager = await signIn(w, 'manager1', { width: 1500, height: 950 });
  }, 180_000);
  afterAll(async () => {
    if (worker) await closeChannelAdapters(worker.adapters);
    await w?.close();
  });

  it('an agent drafts a 停水 notice for 1栋: a phone number in the text is refused and shown masked; fixed, the reach and its list; submitted', async () => {
    await openNoticeMenu(agent, '信息公布台帐');
    await agent.getByTestId('notice-ledger').waitFor();
    await agent.getByTestId('notice-new').click();
    await agent.getByTestId('notice-editor').waitFor();
    // 停水 is the kind a new notice starts with
    expect(await agent.getByTestId('notice-kind').innerText()).toContain('停水');
    await agent.getByTestId('notice-title').fill(TITLE);
    await agent.getByTestId('notice-body').fill(`因二次供水水箱清洗，1栋将暂停供水，请提前储水。如有疑问请联系${PHONE}。`);
    await agent.getByTestId('notice-scope').getByText('指定楼栋').click();
    await pick(agent, 'notice-buildings', '1栋');
    await typeDate(agent, 'notice-starts', daysAhead(2, 9));
    await typeDate(agent, 'notice-ends', daysAhead(2, 17));
    // on the boards for a week: the steward patrols it
    await typeDate(agent, 'notice-expires', daysAhead(7, 18));
    await agent.getByTestId('notice-paper').click();

    await agent.getByTestId('notice-submit').click();
    const refusal = fieldError(agent, 'notice-body');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('个人信息');
    expect(text).toContain('139****5678');
    expect(text).not.toContain(PHONE);
    // the draft was kept: the page is now the draft's
    await agent.waitForURL(/\/notices\/[^/]+$/);
    noticeId = agent.url().split('/notices/')[1]!;
    expect(noticeId).not.toBe('new');
    await expectChinese(agent, 'personal data refused');
    await shot(w, agent, 'refused-personal-data');

    await agent.getByTestId('notice-body').fill('因二次供水水箱清洗，1栋将暂停供水，请提前储水。如有疑问请联系管理处。');
    await agent.getByTestId('notice-save').click();
    await agent.getByText('草稿已保存').waitFor();
    // the field's refusal fades out (Ant Design's motion) after the toast shows
    await expect.poll(() => refusal.count()).toBe(0);

    // the reach: 1栋's homes and owners, as the server counts them now
    const reach = await call<{ buildings: number; units: number; owners: number; byOutcome: Record<string, number> }>(
      w,
      await token(w, 'agent1'),
      `/api/notices/${noticeId}/reach`,
    );
    expect(reach).toMatchObject({ buildings: 1, units: 4, owners: 2 });
    const figures = agent.getByTestId('reach-figures');
    await expect.poll(async () => (await figures.innerText()).replace(/\s+/g, '')).toContain(`业主${reach.owners}`);
    const shown = await figures.innerText();
    for (const [words, n] of [
      ['楼栋', reach.buildings],
      ['房屋', reach.units],
      ['业主', reach.owners],
      ['短信推送', reach.byOutcome.sms],
      ['无法送达（无联系方式）', reach.byOutcome.unreachable],
      ['业主已屏蔽', reach.byOutcome.muted],
    ] as const)
      expect(shown.replace(/\s+/g, '')).toContain(`${words}${n}`);
    const download = agent.waitForEvent('download');
    await agent.getByTestId('notice-reach-export').click();
    expect((await download).suggestedFilename()).toMatch(/通知覆盖名单.*\.xlsx$/);
    await expectChinese(agent, 'reach');
    await shot(w, agent, 'draft-reach');

    await agent.getByTestId('notice-submit').click();
    await agent.getByText('已提交审批').waitFor();
    await agent.getByTestId('notice-page').waitFor();
    expect(await agent.locator('[data-notice-status]').first().innerText()).toBe('待审批');
    await agent.getByText('等待他人审批').waitFor();
    // the author has no 批准发布
    expect(await agent.getByTestId('notice-approve').count()).toBe(0);
    await expectChinese(agent, 'submitted');
  }, 120_000);

  it('the office manager approves it: published, 撤回 counts down; the worker plans a push per owner, each shown with its channel and status', async () => {
    await openNoticeMenu(manager, '信息公布台帐');
    const row = manager.locator(`[data-notice="${noticeId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('待审批');
    await row.getByTestId('ledger-title').click();
    await manager.getByTestId('notice-approve').click();
    await manager.getByText('已批准发布').waitFor();
    await expect.poll(() => manager.locator('[data-notice-status]').first().innerText()).toBe('已发布');
    const undo = manager.getByTestId('notice-undo');
    const first = await undo.innerText();
    expect(first).toMatch(/撤回（剩余 [45]:\d\d）/);
    await expect.poll(() => undo.innerText(), { timeout: 5_000 }).not.toBe(first);
    await expectChinese(manager, 'published');
    await shot(w, manager, 'published');

    await tick();
    await manager.reload();
    const recipients = manager.getByTestId('notice-recipients');
    const zhang = recipients.locator(`[data-owner="${w.demo.owners.zhangwei!.id}"]`);
    await zhang.waitFor();
    const line = await zhang.innerText();
    // the office manager may reveal owner data: the whole name
    expect(line).toContain('张伟');
    expect(line).toContain('1栋-1单元-101');
    expect(line).toContain('短信');
    expect(line).toContain('已排队');
    expect(line).toContain('未读');
    expect(await recipients.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect((await manager.getByTestId('notice-reach-sent').innerText()).replace(/\s+/g, '')).toContain('业主2');
    // the paper notice: the steward's post, patrol and take-down
    expect(await manager.getByText('1栋公告栏').count()).toBeGreaterThan(0);
    await expectChinese(manager, 'recipients');
    await shot(w, manager, 'recipients');
  }, 90_000);

  it('张伟 in the portal: an emergency notice pinned first in red, the 停水 notice unread; opening it sends the read receipt', async () => {
    // an emergency for 1栋, published by API (the console's path is the one above)
    const agentToken = await token(w, 'agent1');
    const created = await call<{ id: string }>(w, agentToken, '/api/notices', {
      projectId: w.demo.projects.CUIHU!.id,
      kind: 'elevator_stop',
      title: '1栋电梯紧急停运',
      body: '1栋2号电梯突发故障，正在抢修，请走楼梯并注意安全。',
      emergency: true,
      emergencyReason: '电梯故障抢修',
      expiresAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      targetScope: 'buildings',
      targetIds: [w.demo.projects.CUIHU!.buildings.B1!.id],
    });
    emergencyId = created.id;
    await call(w, agentToken, `/api/notices/${emergencyId}/submit`, {});
    await call(w, await token(w, 'manager1'), `/api/notices/${emergencyId}/approve`, {});
    await tick();

    const owner = await ownerPage(w.demo.owners.zhangwei!.portalLogin);
    await owner.locator('nav.nav [data-section=notices]').click();
    const cards = owner.getByTestId('portal-notices').locator('[data-notice]');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const pinned = cards.first();
    expect(await pinned.getAttribute('data-notice')).toBe(emergencyId);
    expect(await pinned.innerText()).toContain('紧急');
    expect(await pinned.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(207, 19, 34)');
    const water = owner.locator(`[data-notice="${noticeId}"]`);
    expect(await water.innerText()).toContain(TITLE);
    expect(await water.innerText()).toContain('未读');
    expect(await owner.locator('nav.nav').innerText()).toContain('通知公告（2）');
    await expectChinese(owner, 'portal notices');
    await shot(w, owner, 'portal-notices');

    await water.click();
    const opened = owner.getByTestId('portal-notice');
    await opened.waitFor();
    expect(await opened.innerText()).toContain('请提前储水');
    await owner.getByText('← 返回').click();
    await expect.poll(() => owner.locator(`[data-notice="${noticeId}"]`).innerText()).not.toContain('未读');
    expect(await owner.locator('nav.nav').innerText()).toContain('通知公告（1）');
    await expectChinese(owner, 'portal notice read');
    await owner.context().close();
  }, 90_000);

  it('the console shows him read on the notice’s page, and the ledger counts the read and pins the emergency', async () => {
    await manager.goto(`${w.base}/notices/${noticeId}`);
    const zhang = manager.getByTestId('notice-recipients').locator(`[data-owner="${w.demo.owners.zhangwei!.id}"]`);
    await zhang.getByTestId('recipient-read').waitFor();
    expect(await zhang.innerText()).toContain('已读');
    expect(await manager.getByTestId('notice-reads').innerText()).toBe('业主端已读 1');
    // only the readers
    await pick(manager, 'recipients-read', '已读');
    await expect.poll(() => manager.getByTestId('notice-recipients').locator('tbody tr.ant-table-row').count()).toBe(1);
    await expectChinese(manager, 'read receipts');
    await shot(w, manager, 'read-receipts');

    await manager.getByRole('button', { name: '返回台帐' }).click();
    const ledger = manager.getByTestId('notice-ledger');
    const row = ledger.locator(`[data-notice="${noticeId}"]`);
    await row.waitFor();
    await expect.poll(() => row.getByTestId('ledger-reads').innerText()).toBe('1');
    const text = await row.innerText();
    expect(text).toContain('已发布');
    expect(text).toContain('停水');
    expect(text).toContain('客服专员陈静 / 管理处主任李明');
    expect(text).toContain('覆盖 2 户');
    // the emergency in force is pinned on top, in red
    const first = ledger.locator('tbody tr[data-notice]').first();
    expect(await first.getAttribute('data-notice')).toBe(emergencyId);
    expect(await first.innerText()).toContain('紧急');
    const figures = await call<{ noticeId: string; reads: number }[]>(w, await token(w, 'manager1'), `/api/notices/figures?ids=${noticeId}`);
    expect(figures[0]!.reads).toBe(1);
    await expectChinese(manager, 'ledger');
    await shot(w, manager, 'ledger');
  }, 60_000);

  it('张贴任务: the area steward posts the paper notice with a photo; a patrol reports it damaged and a re-post follows', async () => {
    const steward = await signIn(w, 'steward1');
    await openNoticeMenu(steward, '张贴任务');
    const tasks = steward.getByTestId('posting-tasks');
    const post = tasks.locator('[data-task=post]').filter({ hasText: TITLE });
    await post.waitFor();
    expect(await post.innerText()).toContain('1栋公告栏');
    // posting needs a photo: 完成 waits for it
    expect(await post.getByTestId('posting-done').isDisabled()).toBe(true);
    await post.locator('input[type=file]').setInputFiles({ name: '张贴.png', mimeType: 'image/png', buffer: PNG });
    await post.getByTestId('posting-done').click();
    await steward.getByText('任务已完成').waitFor();
    await expect.poll(() => tasks.locator('[data-task=post]').filter({ hasText: TITLE }).count()).toBe(0);
    // the patrol (every 3 days while in force) and the take-down at expiry remain
    const patrol = tasks.locator('[data-task=patrol]').filter({ hasText: TITLE });
    await patrol.waitFor();
    await tasks.locator('[data-task=take_down]').filter({ hasText: TITLE }).waitFor();
    await expectChinese(steward, 'posting tasks');
    await shot(w, steward, 'posting-tasks');
    await patrol.getByTestId('posting-damaged').click();
    await patrol.locator('input[placeholder="备注"]').fill('公告被雨水打湿脱落');
    await patrol.getByTestId('posting-done').click();
    await tasks.locator('[data-task=repost]').filter({ hasText: TITLE }).waitFor();
    const detail = await call<{ postings: { task: string; status: string; photoAttachmentId: string | null; damaged: boolean; note: string | null }[] }>(
      w,
      await token(w, 'agent1'),
      `/api/notices/${noticeId}`,
    );
    expect(detail.postings.find((p) => p.task === 'post')).toMatchObject({ status: 'done', photoAttachmentId: expect.any(String) });
    expect(detail.postings.find((p) => p.task === 'patrol' && p.status === 'done')).toMatchObject({ damaged: true, note: '公告被雨水打湿脱落' });
    expect(detail.postings.filter((p) => p.task === 'repost' && p.status === 'open')).toHaveLength(1);
    await steward.context().close();
  }, 60_000);

  it('a new expiry for the published 停水 notice: saved, the take-down follows it, and the ledger’s original (as published) shows beside it', async () => {
    await manager.goto(`${w.base}/notices/${noticeId}`);
    await manager.getByTestId('notice-page').waitFor();
    await manager.getByTestId('notice-expiry').waitFor();
    // as published: no original shown (nothing differs yet)
    expect(await manager.getByTestId('notice-original').count()).toBe(0);
    const published = daysAhead(7, 18);
    const shorter = daysAhead(5, 18);
    await typeDate(manager, 'notice-expiry', shorter);
    await manager.getByTestId('notice-expiry-save').click();
    await manager.getByText('有效期已修改').waitFor();
    const original = manager.getByTestId('notice-original');
    await original.waitFor();
    expect(await original.innerText()).toContain('台帐原件（发布时）');
    // only the expiry differs: as published, and now
    const rows = original.locator('tr[data-original-field]');
    expect(await rows.count()).toBe(1);
    const row = original.locator('tr[data-original-field=expiresAt]');
    expect(await row.innerText()).toContain('有效期至');
    expect(await row.locator('[data-then]').innerText()).toBe(published.replace(/-/g, '/'));
    expect(await row.locator('[data-now]').innerText()).toBe(shorter.replace(/-/g, '/'));
    // the published text whole
    await original.getByText('发布时的全文').click();
    const text = original.getByTestId('notice-original-text');
    await text.waitFor();
    expect(await text.innerText()).toContain(TITLE);
    expect(await text.innerText()).toContain('如有疑问请联系管理处');
    await expectChinese(manager, 'original as published');
    await shot(w, manager, 'original');
    // the server: the notice's expiry moved, its original kept, the take-down due at the new expiry
    const detail = await call<{ expiresAt: string; original: { expiresAt: string }; postings: { task: string; status: string; dueAt: string }[] }>(
      w,
      await token(w, 'manager1'),
      `/api/notices/${noticeId}`,
    );
    const at = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`);
    expect(Date.parse(detail.expiresAt)).toBe(at(shorter));
    expect(Date.parse(detail.original.expiresAt)).toBe(at(published));
    const takeDown = detail.postings.find((p) => p.task === 'take_down' && p.status === 'open')!;
    expect(Date.parse(takeDown.dueAt)).toBe(at(shorter));
  }, 60_000);

  it('撤回 within the undo window takes the emergency out of the portal; 更正 opens a correcting draft of the 停水 notice', async () => {
    await agent.goto(`${w.base}/notices/${emergencyId}`);
    await agent.getByTestId('notice-undo').click();
    await agent.getByText('已撤回，尚未发出的推送已取消').waitFor();
    await expect.poll(() => agent.locator('[data-notice-status]').first().innerText()).toBe('已撤回');
    expect(await agent.getByTestId('notice-undo').count()).toBe(0);
    const owner = await ownerPage(w.demo.owners.zhangwei!.portalLogin);
    await owner.locator('nav.nav [data-section=notices]').click();
    await owner.locator(`[data-notice="${noticeId}"]`).waitFor();
    expect(await owner.locator(`[data-notice="${emergencyId}"]`).count()).toBe(0);
    await owner.context().close();

    await agent.goto(`${w.base}/notices/${noticeId}`);
    await agent.getByTestId('notice-supersede').click();
    await agent.getByText('已生成更正草稿').waitFor();
    await agent.getByTestId('notice-editor').waitFor();
    await agent.getByText('这是对一条已发布通知的更正').waitFor();
    expect(await agent.getByTestId('notice-title').inputValue()).toBe(TITLE);
    const correction = agent.url().split('/notices/')[1]!;
    expect(correction).not.toBe(noticeId);
    await expectChinese(agent, 'correction draft');
    await agent.getByRole('button', { name: '返回台帐' }).click();
    const row = agent.locator(`[data-notice="${correction}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('草稿');
  }, 60_000);

  it('消息设置 in the portal: a kind muted on SMS and 免打扰 saved', async () => {
    const login = w.demo.owners.lina!.portalLogin;
    const res = await fetch(`${w.base}/api/portal/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    const ownerToken = ((await res.json()) as { token: string }).token;
    type Settings = { preferredChannel: string | null; doNotDisturb: { from: string; to: string }[]; mutes: { kind: string; channel: string }[] };
    const before = await call<Settings>(w, ownerToken, '/api/portal/message-settings');
    const owner = await ownerPage(login);
    await owner.locator('nav.nav [data-section=settings]').click();
    const form = owner.getByTestId('message-settings');
    await form.waitFor();
    await form.locator('input[name=preferredChannel][value=sms]').check();
    await form.locator('[data-mute="pest_control:sms"]').check();
    // her quiet hours as stored, one more added
    expect(await form.getByTestId('quiet-span').count()).toBe(before.doNotDisturb.length);
    await form.getByTestId('quiet-add').click();
    expect(await form.getByTestId('quiet-span').count()).toBe(before.doNotDisturb.length + 1);
    await form.getByRole('button', { name: '保存' }).click();
    await owner.getByTestId('settings-saved').waitFor();
    await expectChinese(owner, 'message settings');
    await shot(w, owner, 'portal-settings');
    const saved = await call<Settings>(w, ownerToken, '/api/portal/message-settings');
    expect(saved).toEqual({
      preferredChannel: 'sms',
      doNotDisturb: [...before.doNotDisturb, { from: '22:00', to: '07:00' }],
      mutes: [...before.mutes, { kind: 'pest_control', channel: 'sms' }],
    });
    await owner.context().close();
  }, 60_000);

  it('消息设置 in the console: the SMS and WeChat cards give the delivery-report address (and WeChat’s 令牌) to paste at the provider', async () => {
    const admin = await signIn(w, 'admin', { width: 1600, height: 900 });
    await admin.getByRole('menuitem', { name: '消息设置', exact: true }).click();
    const channels = await call<{ channel: string; reportUrl: string | null; reportSigningToken: string | null }[]>(
      w,
      await token(w, 'admin'),
      '/api/channels',
    );
    const sms = channels.find((c) => c.channel === 'sms')!;
    const wechat = channels.find((c) => c.channel === 'wechat')!;
    const smsCard = admin.getByTestId('channel-sms');
    await smsCard.getByTestId('report-url').waitFor();
    expect(await smsCard.getByTestId('report-url').inputValue()).toBe(`${w.base}${sms.reportUrl}`);
    expect(await smsCard.innerText()).toContain('状态报告 HTTP 推送地址');
    expect(await smsCard.getByTestId('report-help').innerText()).toContain('HTTP 批量推送');
    const wechatCard = admin.getByTestId('channel-wechat');
    expect(await wechatCard.getByTestId('report-url').inputValue()).toBe(`${w.base}${wechat.reportUrl}`);
    expect(await wechatCard.getByTestId('report-token').inputValue()).toBe(wechat.reportSigningToken);
    expect(await wechatCard.getByTestId('report-help').innerText()).toContain('明文模式');
    // email has no reports
    expect(await admin.getByTestId('channel-email').getByTestId('report-url').count()).toBe(0);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await wechatCard.getByTestId('report-token-copy').click();
    await admin.getByText('已复制').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(wechat.reportSigningToken);
    await expectChinese(admin, 'report addresses');
    await shot(w, admin, 'report-addresses');
    await admin.context().close();
  }, 60_000);
});
