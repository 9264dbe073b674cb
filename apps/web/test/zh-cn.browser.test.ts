import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClean, offences } from './zh-cn-scan.ts';
import { ADMIN_TABS } from '../src/console/admin/tabs.ts';
import { dictionary } from '../src/shared/i18n.ts';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, runSlaTick, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';

/**
 * zh-CN complete and responsive (issue 10, item 8), in a real browser on a fresh demo company:
 *   - no English of Ant Design's own ("No data", "OK", "Cancel", "Please …") on any page, dialog or calendar;
 *   - no raw code on any page: no snake_case token, no bare English enum word (the vocabulary's lists);
 *   - the owner's verdict (不满意, 返工, the opinion) and star ratings on the case page and in the portal;
 *     the portal rates after close and answers an empty form in plain Chinese;
 *   - the console at 1366×768 (one scrollbar, the queue's last row reachable) and at 390×844 (the
 *     technician's phone: no horizontal overflow, the menu in a drawer). Screenshots in test-artifacts/zh-cn/.
 */
const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'apps/web/dist');
const artifacts = join(root, 'test-artifacts', 'zh-cn');
const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');
if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');

let browser: Browser;
let base: string;
let demo: SeededDemo;
let close: () => Promise<void>;

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
}

// --- set-up: a real server on a fresh database, the demo company --------------------------------

async function token(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}
async function ownerToken(login: string): Promise<string> {
  const res = await fetch(`${base}/api/portal/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}
/** A case's answer (creation, command, detail), unless the call says otherwise. */
type CaseAnswer = { case: { id: string; number: string } & Record<string, unknown> };
async function call<T = CaseAnswer>(auth: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${url}: ${JSON.stringify(json)}`);
  return json;
}
async function run(caseId: string, steps: [string, Record<string, unknown>][]) {
  for (const [auth, command] of steps) await call(auth, `/api/cases/${caseId}/commands`, { command });
}

async function signIn(username: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500 })).newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('me').waitFor();
  return page;
}
async function portal(login: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
  await page.goto(`${base}/portal/`);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByRole('button', { name: '新建工单' }).waitFor();
  return page;
}

/** One case of each type, and a complaint the owner was not satisfied with, and a repair closed with 4 stars. */
const cases: Record<string, { id: string; number: string }> = {};

describe.skipIf(!executablePath)('zh-CN complete and responsive (Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const { database, drop } = await freshDatabase();
    const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-zh-'));
    const deps: AppDeps = {
      database,
      now: () => new Date().toISOString(),
      newId: createIdGenerator(),
      cipher: createFieldCipher(Buffer.alloc(32, 5)),
      attachmentsDir,
      limits: DEFAULT_LIMITS,
      webDir,
    };
    demo = await seedDemo(deps, { withCases: true });
    const app = await buildApp(deps);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    close = async () => {
      await browser.close();
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    };

    const sup = await token('supervisor1');
    const head = await token('enghead1');
    const tech = await token('tech1');
    const manager = await token('manager1'); // the head's own plan is approved by the office manager
    const project = demo.projects.CUIHU!.id;
    const lina = demo.owners.lina!;
    const zhang = demo.owners.zhangwei!;
    const create = async (key: string, body: Record<string, unknown>) => {
      const r = await call(sup, '/api/cases', { projectId: project, channel: 'hotline', ownerId: lina.id, unitId: lina.unitId, ...body });
      cases[key] = { id: r.case.id, number: r.case.number };
      return r.case.id;
    };
    await create('inquiry', { type: 'inquiry', description: '物业费缴纳方式咨询' });
    await create('suggestion', { type: 'suggestion', description: '建议小区增加充电桩' });
    await create('repair', { type: 'repair', repairGrade: 'urgent', description: '卫生间漏水' });
    // a complaint the owner was not satisfied with: it goes back (返工), with the owner's opinion
    const complaint = await create('complaint', { type: 'complaint', description: '电梯维修一直拖延', apologized: true, readBack: true });
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await run(complaint, [
      [sup, { type: 'transfer', departmentId: demo.departments['ENG-CUIHU'] }],
      [head, { type: 'accept', committedAt: soon }],
      [head, { type: 'record_contact', content: '已电话联系' }],
      [head, { type: 'submit_plan', cause: '配件延误', steps: '加急采购', expectedCompletionAt: soon }],
      [manager, { type: 'approve_plan' }],
      [sup, { type: 'inform_owner', content: '已告知业主处理方案' }],
    ]);
    await call(await ownerToken(lina.portalLogin), `/api/cases/${complaint}/commands`, {
      command: { type: 'record_satisfaction', satisfied: false, opinion: '方案太慢，不满意' },
    });
    // a repair done, confirmed with 4 stars and closed: the owner may rate it again afterwards
    const r = await call(sup, '/api/cases', {
      projectId: project,
      channel: 'hotline',
      ownerId: zhang.id,
      unitId: zhang.unitId,
      type: 'repair',
      repairGrade: 'normal',
      description: '门锁损坏',
    });
    cases.closedRepair = { id: r.case.id, number: r.case.number };
    await run(r.case.id, [
      [sup, { type: 'dispatch', assigneeId: demo.staff.tech1, departmentId: demo.departments['ENG-CUIHU'] }],
      [tech, { type: 'arrive' }],
      [tech, { type: 'complete', summary: '更换锁芯' }],
    ]);
    await call(await ownerToken(zhang.portalLogin), `/api/cases/${r.case.id}/commands`, {
      command: { type: 'record_satisfaction', satisfied: true, rating: 4 },
    });
    await run(r.case.id, [[sup, { type: 'close' }]]);
    // a repair of 李娜's done and waiting for her 确认结果 in the portal
    const done = await create('workDone', { type: 'repair', repairGrade: 'normal', description: '阳台灯不亮' });
    await run(done, [
      [sup, { type: 'dispatch', assigneeId: demo.staff.tech1, departmentId: demo.departments['ENG-CUIHU'] }],
      [tech, { type: 'arrive' }],
      [tech, { type: 'complete', summary: '更换灯泡' }],
    ]);
    // three days on: every open clock warned and escalated (timeline entries and notifications to show)
    await runSlaTick({ ...deps, now: () => new Date(Date.now() + 3 * 86_400_000).toISOString() });
    // the notices wait out their digest window (2 minutes), then leave as one per person
    await runSlaTick({ ...deps, now: () => new Date(Date.now() + 3 * 86_400_000 + 3 * 60_000).toISOString() });
  }, 180_000);
  afterAll(async () => close?.());

  it('the sign-in page and the account setup speak Chinese, their required fields included', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').waitFor();
    await page.locator('button[type=submit]').click();
    await page.getByText('请填写用户名').waitFor();
    await expectClean(page, 'sign-in');
    // an administrator reset 档案管理员's password: he must change it before anything else (AccountSetup)
    const res = await fetch(`${base}/api/staff/${demo.staff.archivist1}/password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'Reset-Mima-2026' }),
    });
    expect(res.status).toBe(204);
    await page.getByLabel('用户名').fill('archivist1');
    await page.getByLabel('密码').fill('Reset-Mima-2026');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('account-setup').waitFor();
    await page.getByTestId('change-password').locator('button[type=submit]').click();
    await page.waitForTimeout(300);
    await expectClean(page, 'account setup');
    await shot(page, 'console-account-setup');
  }, 60_000);

  it('every console page speaks Chinese: no Ant Design English, no raw code, in dialogs, empty tables and the calendar too', async () => {
    const agent = await signIn('supervisor1');
    await expectClean(agent, 'queue');
    // an empty queue: the table's empty text
    await agent.getByTestId('queues').getByText('已结案').click();
    await agent.locator('input[data-testid=search], [data-testid=search] input').first().fill('不存在的工单内容');
    await agent.locator('input[data-testid=search], [data-testid=search] input').first().press('Enter');
    await expect.poll(() => agent.locator('.ant-table-placeholder').innerText()).toContain('暂无数据');
    await expectClean(agent, 'empty queue');
    for (const [key, c] of Object.entries(cases)) {
      await agent.goto(`${base}/cases/${c.id}`);
      await agent.getByTestId('clocks').waitFor();
      await expectClean(agent, `case page (${key})`);
    }
    // every command's dialog, on the cases of each type that offer it: its buttons, the required-field
    // messages, each of its option lists opened (the dispatch list of assignees too). A command's form is
    // the same on every case (command-fields.ts), so each is opened once, where it is first offered.
    let dialogs = 0;
    const opened = new Set<string>();
    for (const key of ['inquiry', 'suggestion', 'repair', 'complaint', 'workDone'] as const) {
      await agent.goto(`${base}/cases/${cases[key]!.id}`);
      await agent.getByTestId('clocks').waitFor();
      const actions = await agent.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')!));
      expect(actions.length, key).toBeGreaterThan(0);
      for (const action of actions.filter((a) => !opened.has(a))) {
        opened.add(action);
        await agent.locator(`[data-action="${action}"]`).click();
        const modal = agent.locator('.ant-modal-content');
        await modal.waitFor();
        // 确定 on an empty form shows the required-field messages (a form without required fields would be sent: not pressed)
        if (await modal.locator('.ant-form-item-required').count()) await agent.getByTestId('command-ok').click();
        await agent.waitForTimeout(200);
        if (dialogs++ === 0) {
          expect(await modal.innerText()).toMatch(/确\s*定/);
          expect(await modal.innerText()).toMatch(/取\s*消/);
        }
        // a required field's message names it: 请填写/请选择 and its label, never the bare label
        for (const error of await modal.locator('.ant-form-item-explain-error').allInnerTexts()) expect(error, `${key} ${action}`).toMatch(/^请(填写|选择)/);
        for (const select of await modal.locator('.ant-select').all()) {
          await select.click();
          const dropdown = agent.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
          await dropdown.waitFor();
          // the assignees come from the server: wait for them (or the empty text)
          await expect.poll(() => dropdown.locator('.ant-select-item-option, .ant-empty, .ant-select-item-empty').count()).toBeGreaterThan(0);
          expect(await offences(agent), `${key} ${action}: option list`).toEqual([]);
          if (action === 'dispatch') await shot(agent, 'console-dispatch-open');
          await agent.keyboard.press('Escape');
        }
        expect(await offences(agent), `${key} ${action}`).toEqual([]);
        await agent.locator('.ant-modal-close').click();
        await modal.waitFor({ state: 'detached' });
      }
    }
    expect(dialogs).toBeGreaterThan(10);
    expect([...opened]).toEqual(expect.arrayContaining(['dispatch', 'transfer', 'answer', 'escalate', 'retype', 'set_repair_grade', 'record_satisfaction']));
    await agent.goto(`${base}/intake`);
    await agent.getByTestId('save').click(); // the form's own "required" messages
    await agent.waitForTimeout(300);
    await expectClean(agent, 'intake');
    await agent.goto(`${base}/owners/${demo.owners.lina!.id}`);
    await agent.getByText('张').or(agent.getByText('李')).first().waitFor();
    await expectClean(agent, 'owner archive', [demo.owners.lina!.portalLogin]);
    await agent.getByTestId('me').click();
    await agent.getByTestId('notifications').waitFor();
    await expectClean(agent, 'notifications');
    await agent.keyboard.press('Escape');
    await agent.goto(`${base}/account`);
    await agent.getByTestId('change-password').waitFor();
    await expectClean(agent, 'account');
    await shot(agent, 'console-account');

    const manager = await signIn('manager1');
    // the badge counts what the server counts; the drawer names each kind in Chinese
    const unread = (await call<{ count: number }>(await token('manager1'), '/api/notifications/unread-count')).count;
    expect(unread).toBeGreaterThan(0);
    await expect.poll(() => manager.getByTestId('unread-badge').locator('.ant-badge-count').getAttribute('title')).toBe(String(unread));
    await manager.getByTestId('me').click();
    await manager.locator('[data-notification]').first().waitFor();
    await expectClean(manager, 'notifications (manager)');
    await shot(manager, 'console-notifications');
    await manager.keyboard.press('Escape');
    await manager.goto(`${base}/dashboard`);
    await manager.getByTestId('timeliness-met').waitFor();
    await expectClean(manager, 'dashboard');

    const admin = await signIn('admin');
    await admin.goto(`${base}/admin`);
    await admin.locator('.ant-picker-calendar').waitFor();
    await expectClean(admin, 'admin: calendar');
    // the calendar's month picker opened
    await admin.locator('.ant-picker-calendar-header .ant-select').last().click();
    await admin.waitForTimeout(300);
    await expectClean(admin, 'admin: calendar month list');
    await admin.keyboard.press('Escape');
    // every tab of administration, as Admin.tsx lists them (a tab not found fails); the staff tab shows
    // sign-in names as they are (data, not codes): agent1, tech1, admin, …
    const usernames = [/(?<![A-Za-z])[a-z]+\d+(?![A-Za-z])/g, /(?<![A-Za-z])(?:admin|leader|quality|rep)(?![A-Za-z])/g];
    const zh = dictionary('zh-CN');
    for (const tab of ADMIN_TABS.slice(1)) {
      const target = admin.getByRole('tab', { name: zh[tab.label] });
      expect(await target.count(), `admin tab ${zh[tab.label]}`).toBe(1);
      await target.click();
      await admin.waitForTimeout(500);
      await expectClean(admin, `admin: ${zh[tab.label]}`, usernames);
    }
    await shot(admin, 'console-admin');
  }, 240_000);

  it('every portal page speaks Chinese; an empty request is answered 请填写问题描述 before anything is sent', async () => {
    const login = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
    await login.goto(`${base}/portal/`);
    await login.locator('input[name=login]').fill(demo.owners.lina!.portalLogin);
    await login.locator('input[name=password]').fill('wrong-password');
    await login.locator('button[type=submit]').click();
    await login.waitForTimeout(500);
    await expectClean(login, 'portal sign-in (refused)', [demo.owners.lina!.portalLogin]);
    const owner = await portal(demo.owners.lina!.portalLogin);
    await expectClean(owner, 'portal list');
    // 确认结果 of a finished repair: no stars chosen for the owner (a fact is stated, never assumed)
    await owner.locator(`[data-case="${cases.workDone!.number}"]`).click();
    await owner.getByTestId('confirm').waitFor();
    expect(await owner.locator('select[name=rating]').inputValue()).toBe('0');
    await expectClean(owner, 'portal confirm');
    await shot(owner, 'portal-confirm');
    await owner.getByRole('button', { name: /返回/ }).click();
    await owner.locator(`[data-case="${cases.complaint!.number}"]`).click();
    await owner.getByTestId('status').waitFor();
    await expectClean(owner, 'portal case');
    // the verdict and the rework are shown to the owner too
    expect(await owner.getByTestId('verdict').innerText()).toContain('不满意');
    await owner.getByRole('button', { name: /返回/ }).click();
    await owner.getByRole('button', { name: '新建工单' }).click();
    let posted = 0;
    owner.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/cases')) posted++;
    });
    await owner.locator('button[type=submit]').click();
    await owner.getByText('请填写问题描述').waitFor();
    expect(posted).toBe(0);
    await expectClean(owner, 'portal new request');
    await shot(owner, 'portal-new-empty');
    // the description cannot be longer than the server takes
    expect(await owner.locator('textarea[name=description]').getAttribute('maxlength')).toBe('10000');
    // 修改密码, sent empty
    await owner.getByRole('button', { name: /返回/ }).click();
    await owner.getByRole('button', { name: '修改密码' }).click();
    await owner.locator('input[name=currentPassword]').waitFor();
    await owner.locator('button[type=submit]').click();
    await owner.waitForTimeout(300);
    await expectClean(owner, 'portal password');
  }, 60_000);

  it('the case page shows the owner’s verdict: 不满意, the rework count and the opinion; stars read-only; the queue row flags it', async () => {
    const page = await signIn('supervisor1');
    // the queue's row: 不满意 and 返工 × 1 beside the title
    await page.getByTestId('queues').getByText('全部未结').click();
    const search = page.locator('input[data-testid=search], [data-testid=search] input').first();
    await search.fill(cases.complaint!.number);
    await search.press('Enter');
    const row = page.locator(`[data-number="${cases.complaint!.number}"]`);
    await row.waitFor();
    expect(await row.locator('[data-flag=dissatisfied]').innerText()).toBe('不满意');
    expect(await row.locator('[data-flag=rework]').innerText()).toBe('返工 × 1');
    // a case the owner was satisfied with carries no flag
    await search.fill(cases.inquiry!.number);
    await search.press('Enter');
    await page.locator(`[data-number="${cases.inquiry!.number}"]`).waitFor();
    expect(await page.locator('[data-flag]').count()).toBe(0);
    await page.goto(`${base}/cases/${cases.complaint!.id}`);
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict-tag').innerText()).toBe('不满意');
    expect(await page.getByTestId('rework').innerText()).toContain('返工 × 1');
    expect(await page.getByTestId('verdict-opinion').innerText()).toContain('方案太慢，不满意');
    await shot(page, 'console-case-not-satisfied');
    await page.goto(`${base}/cases/${cases.closedRepair!.id}`);
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict-tag').innerText()).toBe('满意');
    // antd Rate, read-only: four full stars
    expect(await page.getByTestId('rating').locator('.ant-rate-star-full').count()).toBe(4);
    expect(await page.getByTestId('rating').getAttribute('class')).toContain('ant-rate-disabled');
  }, 60_000);

  it('the portal rates a closed case: stars shown, then changed to 5 by the owner', async () => {
    const owner = await portal(demo.owners.zhangwei!.portalLogin);
    await owner.locator(`[data-case="${cases.closedRepair!.number}"]`).click();
    await owner.getByTestId('rating').waitFor();
    expect(await owner.getByTestId('rating').innerText()).toContain('★★★★');
    await owner.getByTestId('rate').waitFor();
    await owner.getByTestId('rate').locator('button[type=submit]').click();
    await owner.getByText('请选择星级').waitFor(); // checked before sending
    // the overall score (总体评价); arrival speed and the technician are optional (issue 14)
    await owner.getByTestId('rate').getByRole('radiogroup', { name: '总体评价' }).locator('[data-star="5"]').click();
    await owner.locator('input[name=rateComment]').fill('师傅很专业');
    await owner.getByTestId('rate').locator('button[type=submit]').click();
    await expect.poll(async () => (await owner.getByTestId('rating').innerText()).replace(/\s/g, '')).toContain('★★★★★');
    await expectClean(owner, 'portal rated');
    await shot(owner, 'portal-rated');
    const staff = await call(await token('supervisor1'), `/api/cases/${cases.closedRepair!.id}`);
    expect(staff.case).toMatchObject({ status: 'closed', rating: 5, ratingComment: '师傅很专业' });
  }, 60_000);

  it('one live stream per tab, whatever listens; the badge asks for a count, never the list; a change reaches the open case', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    const seen: string[] = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname + new URL(r.url()).search));
    await page.goto(`${base}/`);
    await page.getByLabel('用户名').fill('supervisor1');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('me').waitFor();
    // the queue, then a case page (the shell, the queue and the case page all listen), client-side
    await page.getByText(cases.inquiry!.number, { exact: true }).click();
    await page.getByTestId('clocks').waitFor();
    await page.waitForTimeout(500);
    expect(seen.filter((u) => u === '/api/live')).toHaveLength(1);
    expect(seen.filter((u) => u.startsWith('/api/notifications/unread-count')).length).toBeGreaterThan(0);
    expect(seen.filter((u) => u.startsWith('/api/notifications?'))).toEqual([]);
    // a change made elsewhere shows on the open case without a reload, through that one stream
    await call(await token('supervisor1'), `/api/cases/${cases.inquiry!.id}/commands`, { command: { type: 'add_note', content: '实时到达的备注' } });
    await page.getByText('实时到达的备注').waitFor({ timeout: 10_000 });
    expect(seen.filter((u) => u === '/api/live')).toHaveLength(1);
  }, 60_000);

  it('at 1366×768 the queue has one scrollbar and its last row can be reached; no horizontal overflow', async () => {
    // enough rows to overflow the table
    const sup = await token('supervisor1');
    for (let i = 0; i < 30; i++)
      await call(sup, '/api/cases', { projectId: demo.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `队列布局检查 ${i}` });
    const page = await signIn('supervisor1', { width: 1366, height: 768 });
    await expect.poll(async () => Number((await page.getByTestId('row-count').innerText()).split(' ')[0])).toBeGreaterThan(30);
    await page.waitForTimeout(500);
    const layout = await page.evaluate(() => ({
      pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
      overflowX: document.documentElement.scrollWidth > window.innerWidth,
    }));
    expect(layout).toEqual({ pageScrolls: false, overflowX: false });
    // scroll the table to its end until it stays there (the queue is paged: a page may follow; the
    // virtual list learns its rows' real heights as they render, slower on a busy machine):
    // the queue's last row is then wholly inside the table's scroll area, and that area inside the window
    for (let i = 0; i < 10; i++) {
      const atEnd = await page.evaluate(() => {
        const body = document.querySelector('.ant-table-tbody-virtual-holder') ?? document.querySelector('.ant-table-body');
        body?.scrollBy(0, 1_000_000);
        return !!body && body.scrollHeight - body.scrollTop - body.clientHeight < 1;
      });
      await page.waitForTimeout(400);
      if (i >= 1 && atEnd && (await page.getByTestId('load-more').count()) === 0) break;
    }
    const expectedLast = await page.evaluate(() => document.querySelectorAll('[data-number]').length);
    expect(expectedLast).toBeGreaterThan(0);
    const last = await page.evaluate(() => {
      const holder = (document.querySelector('.ant-table-tbody-virtual-holder') ?? document.querySelector('.ant-table-body'))!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('[data-number]')];
      const box = rows.at(-1)!.getBoundingClientRect();
      return { rowTop: box.top, rowBottom: Math.round(box.bottom), holderBottom: Math.round(holder.bottom), window: window.innerHeight };
    });
    expect(last.rowBottom).toBeLessThanOrEqual(last.holderBottom + 1);
    expect(last.holderBottom).toBeLessThanOrEqual(last.window);
    await shot(page, 'console-queue-1366x768');
    // the case page at the same size: nothing sideways, the page's own scrollbar only
    await page.goto(`${base}/cases/${cases.complaint!.id}`);
    await page.getByTestId('clocks').waitFor();
    await page.getByTestId('verdict').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    const actions = await page.locator('[data-action]').first().boundingBox();
    expect(actions === null || actions.x + actions.width <= 1366).toBe(true);
    await expectClean(page, 'case page at 1366×768');
    await shot(page, 'console-case-1366x768');
  }, 120_000);

  it('at 390×844 (the technician’s phone) the header fits, the menu opens in a drawer, and the work order is readable', async () => {
    const page = await signIn('tech1', { width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(await overflow()).toBe(false);
    const header = await page.locator('.ant-layout-header').boundingBox();
    expect(header!.width).toBeLessThanOrEqual(390);
    expect(header!.height).toBeLessThanOrEqual(80);
    // a technician starts on 我的工单 (desk.browser.test.ts); the queue is one menu entry away, at /queue
    await page.getByTestId('work-orders').waitFor();
    await expectClean(page, 'phone: work orders');
    await page.goto(`${base}/queue`);
    await page.getByTestId('queues').waitFor();
    await shot(page, 'console-phone-queue');
    // every queue can be reached on the phone (the strip scrolls sideways, the page does not)
    await page.getByTestId('queues').getByText('已结案').click();
    await expect.poll(() => page.locator('.ant-segmented-item-selected').innerText()).toBe('已结案');
    expect(await overflow()).toBe(false);
    await page.getByTestId('menu-button').click();
    await page.getByTestId('menu-drawer').getByText('工单队列').waitFor();
    expect(await page.getByTestId('menu-drawer').getByText('账号安全').isVisible()).toBe(true);
    await shot(page, 'console-phone-menu');
    await page.getByTestId('menu-drawer').getByText('工单队列').click();
    await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });
    await page.goto(`${base}/cases/${cases.closedRepair!.id}`);
    await page.getByTestId('clocks').waitFor();
    expect(await overflow()).toBe(false);
    await expectClean(page, 'phone: case page');
    await shot(page, 'console-phone-case');
  }, 60_000);
});
