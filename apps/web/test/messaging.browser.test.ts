import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeChannelAdapters, createChannelAdapters, runDeliveryTick, type DeliveryWorkerOptions } from '@guanjia/server';
import { DELIVERY_CHANNEL_LABELS, DELIVERY_STATUS_LABELS, MESSAGE_KIND_LABELS } from '../src/shared/i18n-messaging';
import { call, executablePath, expectChinese, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

/**
 * Messaging in the console (issue 13) in a real browser in zh-CN on a fresh demo company, against the
 * real delivery worker (runDeliveryTick with the real channel adapters) and a local integrator that
 * checks each webhook call's signature (webhook-receiver.ts): the administrator sets the webhook channel up and presses
 * 测试发送 (the receiver gets the signed Chinese test message, the card shows 已发送); WeChat's
 * templates are set per kind in a form (推荐字段 fills the recommended keys); the template
 * editor previews the rendered Chinese text with sample values and names an unknown variable; a failed
 * message appears in 发送失败 and 重发 sends it again; a shift added in 值班表 shows in 当前值班 (and an
 * agent reads the roster without changing it); a case's 消息 panel lists its delivery and the history
 * says on which channel and with what outcome. Screenshots in test-artifacts/messaging/.
 */
let w: ConsoleWorld;
let receiver: WebhookReceiver;
const SECRET = 'webhook-browser-secret';
let worker: DeliveryWorkerOptions;
let page: Page;
const tick = () => runDeliveryTick(w.deps, worker);

type Delivery = { id: string; kind: string; channel: string; status: string; to: string | null; lastError: string | null; attempts: number };

async function openMenu(p: Page, name: string) {
  await p.getByRole('menuitem', { name, exact: true }).click();
}

/** Picks an option of an Ant Design select (the open dropdown's option with that text; typed first where the select searches: its list is virtual). */
async function pick(p: Page, testId: string, option: string, search = false) {
  await p.getByTestId(testId).click();
  if (search) await p.keyboard.type(option);
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).click();
}
const chooseProject = (p: Page, name: string) => pick(p, 'duty-project', name);

describe.skipIf(!executablePath)('消息设置, 值班表 and a case’s messages (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('messaging');
    receiver = await startWebhookReceiver(SECRET);
    worker = { adapters: createChannelAdapters(), random: () => 0.5 };
    page = await signIn(w, 'admin', { width: 1600, height: 900 });
  }, 180_000);
  afterAll(async () => {
    if (worker) await closeChannelAdapters(worker.adapters);
    await receiver?.close();
    await w?.close();
  });

  it('渠道: the webhook is set up, its secret kept out of sight, and 测试发送 reaches the receiver signed, in Chinese', async () => {
    await openMenu(page, '消息设置');
    const card = page.getByTestId('channel-webhook');
    await card.waitFor();
    expect(await card.innerText()).toContain('未保存密钥');
    await card.getByTestId('webhook-url').fill(receiver.url);
    await card.getByTestId('channel-secret').fill(SECRET);
    await card.getByTestId('channel-enabled').click();
    await card.getByTestId('channel-save').click();
    await card.getByTestId('secret-stored').waitFor();
    expect(await card.innerText()).toContain('已保存密钥');
    // the secret is never sent back: the field is empty again, and the API has no trace of it
    expect(await card.getByTestId('channel-secret').inputValue()).toBe('');
    const admin = await token(w, 'admin');
    const channels = await call<{ channel: string; enabled: boolean; hasSecret: boolean; config: Record<string, unknown> }[]>(w, admin, '/api/channels');
    const webhook = channels.find((c) => c.channel === 'webhook')!;
    expect(webhook).toMatchObject({ enabled: true, hasSecret: true, config: { url: receiver.url } });
    expect(JSON.stringify(channels)).not.toContain(SECRET);
    await expectChinese(page, 'channels');
    await shot(w, page, 'channels');

    await card.getByTestId('channel-test').click();
    await page.getByText('测试消息已排队').waitFor();
    await tick();
    const received = await receiver.waitFor((r) => r.body.kind === 'channel_test');
    // the receiver checked the HMAC signature (a wrong one is refused, not received)
    expect(receiver.refused).toEqual([]);
    expect(received.body.title).toBe('渠道测试');
    expect(received.body.body).toContain('测试消息');
    expect(received.delivery).toBe(received.body.id);
    // the card follows its test to the outcome
    await card.getByTestId('channel-test-result').getByText('已发送').waitFor({ timeout: 10_000 });
    await expectChinese(page, 'channel test sent');
  }, 90_000);

  it('渠道: WeChat’s template of each kind is a form — a template id, 推荐字段 fills the recommended data keys, a key added by hand; saved as the config', async () => {
    const card = page.getByTestId('channel-wechat');
    await card.locator('input#appId').fill('wx1234567890abcdef');
    await card.getByTestId('channel-secret').fill('wechat-app-secret');
    // 已受理: the recommended keys
    await card.locator('[data-wechat-kind=case_received]').click();
    await card.getByTestId('wechat-template-id-case_received').fill('tmpl-received');
    await card.getByTestId('wechat-recommended-case_received').click();
    const received = card.locator('[data-wechat-template=case_received]');
    await expect.poll(() => received.locator('[data-wechat-field]').count()).toBe(4);
    expect(await received.locator('[data-wechat-field]').first().locator('input').first().inputValue()).toBe('character_string1');
    expect(await received.locator('[data-wechat-field]').first().innerText()).toContain('单号');
    // 通知公告: one key by hand, its variable chosen by its Chinese name
    await card.locator('[data-wechat-kind=notice]').click();
    const notice = card.locator('[data-wechat-template=notice]');
    await notice.waitFor({ state: 'visible' });
    await card.getByTestId('wechat-template-id-notice').fill('tmpl-notice');
    // the panel may still be opening: the click counts once its row is there (clicked again if it fell on the animation)
    const addField = notice.getByRole('button', { name: '添加字段' });
    const rows = notice.locator('[data-wechat-field]');
    for (let attempt = 0; attempt < 3 && (await rows.count()) === 0; attempt++) {
      await addField.click();
      await rows
        .first()
        .waitFor({ timeout: 3_000 })
        .catch(() => undefined);
    }
    expect(await rows.count()).toBe(1);
    await notice.locator('[data-wechat-field]').first().locator('input').first().fill('thing1');
    await notice.locator('[data-wechat-field]').first().locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '标题' }).first().click();
    await expectChinese(page, 'wechat templates');
    await shot(w, page, 'wechat-templates');
    await card.getByTestId('channel-save').click();
    await card.getByTestId('secret-stored').waitFor();

    const channels = await call<{ channel: string; config: Record<string, unknown> }[]>(w, await token(w, 'admin'), '/api/channels');
    const wechat = channels.find((c) => c.channel === 'wechat')!;
    // kinds left without a template id are not in the config
    expect(wechat.config).toMatchObject({ appId: 'wx1234567890abcdef' });
    expect(wechat.config.templates).toEqual({
      case_received: {
        templateId: 'tmpl-received',
        fields: [
          { key: 'character_string1', from: 'caseNumber' },
          { key: 'thing2', from: 'caseType' },
          { key: 'thing3', from: 'summary' },
          { key: 'thing4', from: 'unitLabel' },
        ],
      },
      notice: { templateId: 'tmpl-notice', fields: [{ key: 'thing1', from: 'title' }] },
    });
    // the card after a reload: the kinds set up show their template id
    await page.reload();
    const again = page.getByTestId('channel-wechat');
    await expect.poll(() => again.locator('[data-wechat-kind=case_received]').innerText()).toContain('tmpl-received');
    expect(await again.locator('[data-wechat-kind=work_done]').innerText()).toContain('未设置');
  }, 60_000);

  it('模板: the preview renders the Chinese wording with sample values, a chip inserts a variable, an unknown one is named, and the own wording is saved', async () => {
    await page.getByRole('tab', { name: '模板' }).click();
    const editor = page.getByTestId('template-editor-zh-CN');
    await editor.waitFor();
    // 已受理 is the first kind: its default wording, rendered with the samples
    await editor.getByTestId('preview-body').getByText('BX20261125-0012', { exact: false }).waitFor();
    expect(await editor.getByTestId('preview-title').innerText()).toBe('您的报修已受理');

    const body = editor.getByTestId('template-body');
    await body.fill('【翠湖物业】{{unitLabel}}的报修已受理，单号');
    await body.press('End');
    await editor.locator('[data-variable=caseNumber]').click();
    expect(await body.inputValue()).toBe('【翠湖物业】{{unitLabel}}的报修已受理，单号{{caseNumber}}');
    await editor.getByTestId('preview-body').getByText('【翠湖物业】3栋2单元1201的报修已受理，单号BX20261125-0012').waitFor();
    await expectChinese(page, 'template preview');
    await shot(w, page, 'template-preview');

    await body.fill('【翠湖物业】{{unitLabel}}的报修已受理，单号{{caseNumber}}，{{plumber}}');
    await editor.getByTestId('template-preview-error').getByText('正文中的变量 {{plumber}} 不能用于此类消息').waitFor();
    expect(await editor.getByTestId('template-save').isDisabled()).toBe(true);
    await expectChinese(page, 'template refused');

    await body.fill('【翠湖物业】{{unitLabel}}的报修已受理，单号{{caseNumber}}');
    await editor.getByTestId('preview-body').getByText('单号BX20261125-0012').waitFor();
    await editor.getByTestId('template-save').click();
    await page.getByText('模板已保存').waitFor();
    await editor.getByText('自定义').waitFor();
    const templates = await call<{ kind: string; locale: string; body: string; custom: boolean }[]>(w, await token(w, 'admin'), '/api/message-templates');
    expect(templates.find((t) => t.kind === 'case_received' && t.locale === 'zh-CN')).toMatchObject({
      custom: true,
      body: '【翠湖物业】{{unitLabel}}的报修已受理，单号{{caseNumber}}',
    });
  }, 60_000);

  it('发送失败: a message the receiver refuses lands in the dead-letter list with its reason; 重发 sends it again', async () => {
    const admin = await token(w, 'admin');
    receiver.failNext(1, 400);
    const { deliveryId } = await call<{ deliveryId: string }>(w, admin, '/api/channels/webhook/test', { to: '' });
    await tick();
    const failed = await call<{ items: Delivery[] }>(w, admin, '/api/deliveries?status=failed');
    expect(failed.items.find((d) => d.id === deliveryId)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('400') });

    await page.getByRole('tab', { name: '发送失败' }).click();
    const row = page.getByTestId('dead-letters').locator('tbody tr').filter({ hasText: '渠道测试' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Webhook');
    expect(text).toContain('HTTP 400');
    await expectChinese(page, 'dead letters');
    await shot(w, page, 'dead-letters');

    const before = receiver.received.length;
    await row.getByTestId('dead-letter-retry').click();
    await page.getByText('已重新排队').waitFor();
    await page.getByTestId('dead-letters').getByText('没有发送失败的消息').waitFor();
    await tick();
    const all = await call<{ items: Delivery[] }>(w, admin, '/api/deliveries?limit=200');
    expect(all.items.find((d) => d.id === deliveryId)?.status).toBe('sent');
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.body.kind).toBe('channel_test');
  }, 60_000);

  it('值班表: a shift added now shows in the week and in 当前值班; an agent reads the roster without changing it', async () => {
    await openMenu(page, '值班表');
    await chooseProject(page, '翠湖花园管理处');
    await page.getByTestId('on-duty-now').getByText('当前无人值班').waitFor();
    await pick(page, 'duty-staff', '客服主管黄丽', true);
    // the default period: from now, on the project's clock (the browser's zone may differ: the table reads the same)
    const startsAt = await page.locator('.ant-picker-range input').first().inputValue();
    await page.getByTestId('duty-add').click();
    await page.getByText('已添加值班').waitFor();
    const shift = page.getByTestId('duty-shifts').locator('tbody tr').filter({ hasText: '客服主管黄丽' });
    await shift.waitFor();
    expect(await shift.innerText()).toContain(startsAt.replaceAll('-', '/'));
    await page.getByTestId('on-duty-now').getByText('客服主管黄丽').waitFor();
    await expectChinese(page, 'roster');
    await shot(w, page, 'roster');

    const agent = await signIn(w, 'agent1');
    await openMenu(agent, '值班表');
    await chooseProject(agent, '翠湖花园管理处');
    await agent.getByTestId('on-duty-now').getByText('客服主管黄丽').waitFor();
    await agent.getByTestId('duty-shifts').locator('tbody tr').filter({ hasText: '客服主管黄丽' }).waitFor();
    expect(await agent.getByTestId('duty-add').count()).toBe(0);
    expect(await agent.getByTestId('duty-remove').count()).toBe(0);
    // 消息设置 is an administrator's: the agent never sees it
    expect(await agent.getByRole('menuitem', { name: '消息设置' }).count()).toBe(0);
    await expectChinese(agent, 'roster, read only');
    await agent.context().close();
  }, 60_000);

  it('a case’s 消息 panel lists its delivery; the history says on which channel and with what outcome', async () => {
    const agent = await token(w, 'agent1');
    const owner = w.demo.owners.zhangwei!;
    const created = await call<{ case: { id: string; number: string } }>(w, agent, '/api/cases', {
      projectId: w.demo.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      description: '卫生间地漏返水',
      ownerId: owner.id,
      unitId: owner.unitId,
      repairGrade: 'normal',
    });
    const id = created.case.id;
    await tick();
    const deliveries = await call<Delivery[]>(w, agent, `/api/cases/${id}/deliveries`);
    const received = deliveries.find((d) => d.kind === 'case_received');
    expect(received, JSON.stringify(deliveries)).toBeTruthy();

    await page.goto(`${w.base}/cases/${id}`);
    const panel = page.getByTestId('case-messages');
    const item = panel.locator(`[data-delivery="${received!.id}"]`);
    await item.waitFor();
    const line = await item.innerText();
    expect(line).toContain(MESSAGE_KIND_LABELS.case_received[0]);
    expect(line).toContain(DELIVERY_CHANNEL_LABELS[received!.channel as keyof typeof DELIVERY_CHANNEL_LABELS][0]);
    expect(line).toContain(DELIVERY_STATUS_LABELS[received!.status as keyof typeof DELIVERY_STATUS_LABELS][0]);
    if (received!.to) expect(line).toContain(received!.to);
    // the history's 已通知业主 line names the channel and the outcome planned
    const notified = page.locator('[data-event=owner_notified]').first();
    await notified.waitFor();
    const history = await notified.innerText();
    expect(history).toContain('已通知业主');
    expect(history).toContain(DELIVERY_CHANNEL_LABELS[received!.channel as keyof typeof DELIVERY_CHANNEL_LABELS][0]);
    expect(history).toMatch(/已排队|无法送达|已屏蔽|已限流/);
    // the saved own wording of 已受理 is what went out
    expect(history).toContain('的报修已受理，单号');
    await expectChinese(page, 'case messages');
    await shot(w, page, 'case-messages');
  }, 60_000);
});
