import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';
import { sql, type RawBuilder } from 'kysely';
import { generate } from 'otplib';

/** The code an authenticator app shows `offsetSeconds` from now. */
const totpCode = (secret: string, offsetSeconds: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/**
 * The UI in a real browser (Debian's chromium driven by playwright-core) against a real server on
 * a fresh database. Screenshots of the main pages go to test-artifacts/ (look at them).
 * Without Chromium the suite announces itself skipped — except under CI=true, where it must run.
 */
const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'apps/web/dist');
const artifacts = join(root, 'test-artifacts');
const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');
if (!executablePath) console.warn('SKIPPED: the browser tests (no Chromium; set GUANJIA_CHROMIUM or install chromium)');
if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');

let browser: Browser;
let base: string;
let demo: SeededDemo;
let deps: AppDeps;
let close: () => Promise<void>;
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000100000001008020000009091683600000019494441547801edc10101000000802090feaf6e48c0000000000000ff00000001ffff0300186c0a6f0000000049454e44ae426082',
  'hex',
);

async function signInConsole(username: string, context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' }));
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('me').waitFor();
  return page;
}

/** The first sheet of a downloaded .xlsx, read back as a spreadsheet program reads it. */
async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** A full-page screenshot once charts have finished animating (300 ms). */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Opens a case from the queue by its number (the queue is live: it appears without a reload). */
async function openFromQueue(page: Page, number: string) {
  await page.getByText(number, { exact: true }).click({ timeout: 15_000 });
  await page.getByTestId('clocks').waitFor();
}

async function act(page: Page, action: string, fill?: (modal: ReturnType<Page['locator']>) => Promise<void>) {
  await page.locator(`[data-action=${action}]`).click();
  const modal = page.locator('.ant-modal-content').last();
  await modal.waitFor();
  if (fill) await fill(modal);
  await page.getByTestId('command-ok').click();
  await modal.waitFor({ state: 'detached' });
}

async function pick(page: Page, modal: ReturnType<Page['locator']>, fieldLabel: string, option: string) {
  const select = modal.locator('.ant-form-item').filter({ hasText: fieldLabel }).locator('.ant-select');
  const chosen = select.locator('.ant-select-selection-item').filter({ hasText: option }).first();
  // under load a click on an option still sliding in can be lost, as a person's would: they pick it again
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await select.locator('input').fill(option); // the list is virtual: search, then pick
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    // the choice is in the field before anything is submitted
    const shown = await chosen.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return;
    if (attempt === 3) throw new Error(`${fieldLabel}: ${option} was picked three times and never shown as chosen`);
  }
}

/**
 * What the pages of the whole suite must never do: break the Content-Security-Policy (every
 * `securitypolicyviolation` event is logged as an error), throw, or log an error other than a
 * refused request (the 4xx answers the tests provoke on purpose).
 */
const brokenPages: string[] = [];
function watchForBrokenPages(b: Browser) {
  const newContext = b.newContext.bind(b);
  b.newContext = async (...args) => {
    const context = await newContext(...args);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    context.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
        brokenPages.push(`${m.location().url}: ${m.text()}`);
    });
    context.on('weberror', (e) => brokenPages.push(`uncaught: ${e.error().message}`));
    return context;
  };
}

describe.skipIf(!executablePath)('the console and the portal in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const { database, drop } = await freshDatabase();
    const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-ui-'));
    deps = {
      database,
      now: () => new Date().toISOString(),
      newId: createIdGenerator(),
      cipher: createFieldCipher(Buffer.alloc(32, 3)),
      attachmentsDir,
      limits: DEFAULT_LIMITS,
      webDir,
    };
    demo = await seedDemo(deps, { withCases: true });
    const app = await buildApp(deps);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    watchForBrokenPages(browser);
    close = async () => {
      await browser.close();
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    };
  }, 120_000);
  afterAll(async () => close?.());

  it('a repair from the portal with a photo: live in the queue → dispatched → on site → done → confirmed and rated → the dashboard moves', async () => {
    const manager = await signInConsole('manager1');
    await manager.goto(`${base}/dashboard`);
    const metBefore = Number(await manager.getByTestId('timeliness-met').locator('.ant-statistic-content-value').innerText());
    const agent = await signInConsole('agent1');
    await shot(agent, 'console-queue');

    // the owner, on a phone
    const owner = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
    await owner.goto(`${base}/portal/`);
    await owner.locator('input[name=login]').fill(demo.owners.zhangwei!.portalLogin);
    await owner.locator('input[name=password]').fill(DEMO_PASSWORD);
    await owner.locator('button[type=submit]').click();
    await owner.getByRole('button', { name: '新建工单' }).click();
    await owner.locator('select[name=type]').selectOption('repair');
    await owner.locator('textarea[name=description]').fill('厨房水龙头一直滴水，请尽快维修');
    const photo = join(artifacts, 'leak.png');
    writeFileSync(photo, png);
    await owner.locator('input[name=photos]').setInputFiles(photo);
    await owner.locator('button[type=submit]').click();
    await owner.getByTestId('status').waitFor();
    const number = (await owner.getByTestId('status').innerText()).split(' · ')[0]!.trim();
    expect(number).toMatch(/^BX-\d{8}-\d{6}$/);
    await expect.poll(() => owner.locator('img.thumb').count()).toBe(1);
    await shot(owner, 'portal-case');

    // the agent's queue shows it without a reload
    await agent.getByText(number, { exact: true }).waitFor({ timeout: 15_000 });
    await openFromQueue(agent, number);
    await expect.poll(() => agent.locator('.ant-image img').count()).toBe(1);
    await act(agent, 'dispatch', async (modal) => {
      // the department first: the assignee list is that department's assignable staff (issue 10)
      await pick(agent, modal, '部门', '工程维修部');
      await pick(agent, modal, '处理人', '维修员孙刚');
    });
    await expect.poll(() => agent.getByTestId('case-status').innerText()).toBe('已派工');
    await shot(agent, 'console-case');

    // the technician
    const tech = await signInConsole('tech1');
    await openFromQueue(tech, number);
    await act(tech, 'arrive');
    await expect.poll(() => tech.getByTestId('case-status').innerText()).toBe('已到场');
    await act(tech, 'complete', async (modal) => {
      await modal.locator('textarea').fill('更换水龙头阀芯，已试水不漏');
    });
    await expect.poll(() => tech.getByTestId('case-status').innerText()).toBe('已完工待确认');

    // the owner confirms and rates (the portal follows the case live)
    await owner.getByTestId('confirm').waitFor({ timeout: 15_000 });
    await owner.locator('select[name=rating]').selectOption('5');
    await owner.getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => owner.getByTestId('status').innerText()).toContain('业主满意');

    // the dashboard's numbers moved (the on-site clock was met)
    await manager.reload();
    await expect
      .poll(async () => Number(await manager.getByTestId('timeliness-met').locator('.ant-statistic-content-value').innerText()), { timeout: 15_000 })
      .toBeGreaterThan(metBefore);
    await shot(manager, 'console-dashboard');
    await owner.getByRole('button', { name: /返回/ }).click();
    await shot(owner, 'portal-list');
  }, 120_000);

  it('a complaint the owner is not satisfied with goes back to the department', async () => {
    const api = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const call = async (token: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return res.json() as Promise<any>;
    };
    const sup = await api('supervisor1');
    const head = await api('enghead1');
    const manager = await api('manager1'); // the head's own plan is approved by the office manager (separation of duties)
    const created = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      type: 'complaint',
      channel: 'hotline',
      description: '电梯维修一直拖延',
      ownerId: demo.owners.lina!.id,
      unitId: demo.owners.lina!.unitId,
      apologized: true,
      readBack: true,
    });
    const id = created.case.id;
    for (const [token, command] of [
      [sup, { type: 'transfer', departmentId: demo.departments['ENG-CUIHU'] }],
      [head, { type: 'accept', committedAt: new Date(Date.now() + 86_400_000).toISOString() }],
      [head, { type: 'record_contact', content: '已电话联系' }],
      [head, { type: 'submit_plan', cause: '配件延误', steps: '加急采购', expectedCompletionAt: new Date(Date.now() + 86_400_000).toISOString() }],
      [manager, { type: 'approve_plan' }],
      [sup, { type: 'inform_owner', content: '已告知业主处理方案' }],
    ] as const) {
      const r = await call(token, `/api/cases/${id}/commands`, { command });
      expect(r.case, JSON.stringify(r)).toBeTruthy();
    }
    const owner = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
    await owner.goto(`${base}/portal/`);
    await owner.locator('input[name=login]').fill(demo.owners.lina!.portalLogin);
    await owner.locator('input[name=password]').fill(DEMO_PASSWORD);
    await owner.locator('button[type=submit]').click();
    await owner.locator(`[data-case="${created.case.number}"]`).click();
    await owner.locator('input[name=opinion]').fill('方案太慢，不满意');
    await owner.getByRole('button', { name: '不满意' }).click();
    await expect.poll(() => owner.getByTestId('status').innerText()).toContain('处理中');
    const after = await call(head, `/api/cases/${id}`);
    expect(after.case).toMatchObject({ status: 'in_progress', departmentId: demo.departments['ENG-CUIHU'], reopenCount: 1 });
    // owners never see internal notes: the plan's routing is not in their timeline
    expect(await owner.locator('.timeline').innerText()).not.toContain('配件延误');
  }, 60_000);

  it('intake by keyboard alone: find the owner by phone, describe, Ctrl+Enter twice — one case; the reply guard warns', async () => {
    const count = async () => Number((await sql<{ n: number }>`select count(*) as n from cases`.execute(deps.database.db)).rows[0]!.n);
    const agent = await signInConsole('agent1');
    await agent.goto(`${base}/intake`);
    const search = agent.locator('.ant-form-item').filter({ hasText: '业主' }).first().locator('input');
    await search.fill('13800000002');
    await agent.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '李*' }).click(); // an agent sees owners' names masked (issue 10)
    await agent.getByTestId('description').fill('阳台下水口返味，请派人查看');
    const before = await count();
    await agent.getByTestId('description').focus();
    await agent.keyboard.press('Control+Enter');
    await agent.keyboard.press('Control+Enter'); // a second save of the same form, before the first has answered
    await agent.getByTestId('clocks').waitFor();
    await expect.poll(count).toBe(before + 1);
    await agent.waitForTimeout(500);
    expect(await count()).toBe(before + 1);
    // the reply composer warns before a careless message goes out
    await agent.getByTestId('composer').fill('你等着吧');
    await agent.getByTestId('language-guard').waitFor();
    expect(await agent.getByTestId('language-guard').innerText()).toContain('请用“您”而不是“你”');
    await shot(agent, 'console-case-guard');
    // the owner's archive: an agent sees the number masked and may not reveal it; a supervisor may, and it is logged
    await agent.getByTestId('owner-link').click();
    await agent.locator('[data-contact=phone]').waitFor();
    expect(await agent.locator('[data-contact=phone]').innerText()).not.toContain('13800000002');
    expect(await agent.locator('[data-contact=phone] button').count()).toBe(0);
    const sup = await signInConsole('supervisor1');
    await sup.goto(`${base}/owners/${demo.owners.lina!.id}`);
    await sup.locator('[data-contact=phone] button').click();
    await sup.getByTestId('reveal-reason').fill('回访核对号码');
    await sup.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => sup.locator('[data-contact=phone]').innerText()).toContain('13800000002');
    await shot(sup, 'console-owner-archive');
    const audit = await sql<{ n: number }>`select count(*) as n from audit_log where action = 'owner.reveal'`.execute(deps.database.db);
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('facts are chosen, never pre-ticked; a reply with barred phrases is not sent by Ctrl+Enter, only with 仍然发送 and a reason, and the override shows', async () => {
    const countOf = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(deps.database.db)).rows[0]!.n);
    const agent = await signInConsole('agent1');
    // intake of a complaint asks 已致歉 / 已复述确认 as yes/no with nothing chosen; saving without them is refused in the form
    await agent.goto(`${base}/intake`);
    await agent.locator('label').filter({ hasText: '投诉' }).first().click();
    await agent.locator('[data-field=apologized]').waitFor();
    expect(await agent.locator('[data-field=apologized] input:checked, [data-field=readBack] input:checked').count()).toBe(0);
    await agent.getByTestId('description').fill('楼上深夜噪音，多次反映无果');
    const cases = await countOf(sql<{ n: number }>`select count(*) as n from cases`);
    await agent.getByTestId('save').click();
    await agent.locator('.ant-form-item').filter({ hasText: '已致歉' }).locator('.ant-form-item-explain-error').waitFor();
    expect(await countOf(sql<{ n: number }>`select count(*) as n from cases`)).toBe(cases);
    await agent.locator('[data-field=apologized] label').filter({ hasText: '是' }).click();
    await agent.locator('[data-field=readBack] label').filter({ hasText: '否' }).click();
    // whom it is against and whether it claims compensation: stated too (issue 10, item 1)
    expect(await agent.locator('[data-field=accused] input:checked, [data-field=compensationClaim] input:checked').count()).toBe(0);
    await agent.locator('[data-field=accused] label').filter({ hasText: '无' }).click();
    await agent.locator('[data-field=compensationClaim] label').filter({ hasText: '否' }).click();
    await agent.getByTestId('save').click();
    await agent.getByTestId('clocks').waitFor();
    const complaintId = agent.url().split('/cases/')[1]!;
    const stored = await sql<{ apologized: unknown; read_back: unknown }>`select apologized, read_back from cases where id = ${complaintId}`.execute(
      deps.database.db,
    );
    expect([Boolean(stored.rows[0]!.apologized), Boolean(stored.rows[0]!.read_back)]).toEqual([true, false]);

    // acknowledge: yes/no with nothing chosen; an owner-facing text with barred phrases keeps OK disabled
    await agent.locator('[data-action=acknowledge]').click();
    const modal = agent.locator('.ant-modal-content').last();
    await modal.waitFor();
    expect(await modal.locator('input[type=radio]:checked').count()).toBe(0);
    await modal.locator('textarea').fill('急什么，明天再说');
    await modal.getByTestId('language-verdict').waitFor();
    expect(await modal.getByTestId('language-verdict').innerText()).toContain('急什么');
    expect(await agent.getByTestId('command-ok').isDisabled()).toBe(true);
    await modal.locator('textarea').fill('王女士您好，非常抱歉给您带来不便，我们马上处理');
    await modal.getByTestId('language-verdict').waitFor({ state: 'detached' });
    await agent.getByTestId('command-ok').click();
    await modal.locator('.ant-form-item-explain-error').first().waitFor(); // 已致歉 / 已复述确认 not chosen yet
    await modal.locator('[data-field=apology] label').filter({ hasText: '是' }).click();
    await modal.locator('[data-field=readBack] label').filter({ hasText: '是' }).click();
    await agent.getByTestId('command-ok').click();
    await modal.waitFor({ state: 'detached' });
    await agent.locator('[data-event=acknowledged]').waitFor();

    // the reply box: Ctrl+Enter on a flagged reply sends nothing, nor does 仍然发送 without a reason
    const messages = () => countOf(sql<{ n: number }>`select count(*) as n from case_events where case_id = ${complaintId} and type = 'message'`);
    const composer = agent.getByTestId('composer');
    await composer.fill('这个我们管不了，您找开发商去');
    await agent.getByTestId('language-verdict').waitFor();
    expect(await agent.getByTestId('language-verdict').innerText()).toContain('管不了、找开发商去');
    await composer.focus();
    await agent.keyboard.press('Control+Enter');
    expect(await agent.getByTestId('composer-send').isDisabled()).toBe(true);
    await agent.getByTestId('language-override').click();
    await composer.focus();
    await agent.keyboard.press('Control+Enter');
    await agent.waitForTimeout(800);
    expect(await messages()).toBe(0);
    expect(await agent.getByTestId('composer-send').isDisabled()).toBe(true);
    await shot(agent, 'console-case-language-verdict');
    // with a reason it goes out, and the timeline shows the override with its phrases and reason
    await agent.getByTestId('language-override-reason').fill('业主问的是开发商质保，如实告知');
    await composer.focus();
    await agent.keyboard.press('Control+Enter');
    await agent.locator('[data-event=service_language_overridden]').waitFor();
    expect(await agent.locator('[data-event=service_language_overridden]').innerText()).toContain('业主问的是开发商质保，如实告知');
    expect(await agent.getByTestId('override-phrases').innerText()).toContain('管不了');
    await expect.poll(messages).toBe(1);

    // an administrator edits the company's list in its own tab: the new phrase is barred at once
    const admin = await signInConsole('admin');
    await admin.goto(`${base}/admin`);
    await admin.getByRole('tab', { name: '服务忌语' }).click();
    await expect.poll(() => admin.getByTestId('phrase-list').inputValue()).toContain('找开发商去');
    expect(await admin.getByTestId('phrase-list-source').innerText()).toContain('默认');
    await admin.getByTestId('phrase-list').fill(`${await admin.getByTestId('phrase-list').inputValue()}\n回头再说`);
    await admin.getByTestId('phrase-list-save').click();
    await expect.poll(() => admin.getByTestId('phrase-list-source').innerText()).toContain('本公司自定义');
    await shot(admin, 'console-admin-service-language');
    // the agent's page still has the old list: the server refuses, the page fetches the list again and shows the verdict
    await agent.getByTestId('composer').fill('王女士您好，回头再说');
    await agent.getByTestId('composer-send').click();
    await agent.getByTestId('composer-error').waitFor();
    expect(await agent.getByTestId('composer-error').innerText()).toContain('回头再说');
    await agent.getByTestId('language-verdict').waitFor();
    expect(await agent.getByTestId('language-verdict').innerText()).toContain('回头再说');
    expect(await messages()).toBe(1);
    await admin.getByRole('button', { name: '恢复默认' }).click();
    await expect.poll(() => admin.getByTestId('phrase-list').inputValue()).not.toContain('回头再说');
  }, 90_000);

  it('bad input is shown next to the field, in the user’s language, from the server’s answer', async () => {
    const admin = await signInConsole('admin');
    await admin.goto(`${base}/admin`);
    await admin.locator('.ant-picker-calendar').waitFor();
    await expect.poll(() => admin.locator('[data-day="2026-02-14"]').count()).toBeGreaterThanOrEqual(0);
    await shot(admin, 'console-admin-calendar');
    await admin.getByLabel('年份').fill('2031');
    await admin.getByLabel('放假日期（每行一个）').fill('2031-10-01');
    await admin.getByLabel('调休上班日期').fill('2031-10-01');
    await admin.locator('form button[type=submit]').last().click();
    const explain = admin.locator('.ant-form-item').filter({ hasText: '调休上班日期' }).locator('.ant-form-item-explain-error');
    await explain.waitFor();
    expect(await explain.innerText()).toContain('不能既是节假日又是调休上班日');
    const years = await sql<{ n: number }>`select count(*) as n from calendar_years`.execute(deps.database.db);
    expect(Number(years.rows[0]!.n)).toBe(0);
    // a building code already taken: refused next to the code field; a new one appears in the list
    await admin.getByRole('tab', { name: '项目结构' }).click();
    const building = admin.locator('.ant-card-small').filter({ hasText: '新建楼栋' });
    await building.getByLabel('代码').fill('B1');
    await building.getByLabel('名称').fill('重复的楼');
    await building.locator('button[type=submit]').click();
    await building.locator('.ant-form-item-explain-error').waitFor();
    expect(await building.locator('.ant-form-item-explain-error').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await building.getByLabel('代码').fill('B9');
    await building.getByLabel('名称').fill('九栋');
    await building.locator('button[type=submit]').click();
    await admin.getByRole('cell', { name: '九栋' }).waitFor();
    await shot(admin, 'console-admin-structure');
    // an SLA rule with a target of 0 minutes is refused, naming the row and field; 30 minutes is taken
    await admin.getByRole('tab', { name: '时限规则' }).click();
    await admin.getByRole('button', { name: '+' }).click();
    const amount = admin.getByTestId('sla-rules').locator('.ant-input-number input').first();
    await amount.fill('0');
    await admin.getByTestId('save-rules').click();
    await expect.poll(() => admin.getByTestId('rules-message').innerText()).toContain('rules.0.target.amount');
    expect(await admin.getByTestId('rules-message').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await amount.fill('30');
    await admin.getByTestId('save-rules').click();
    await expect.poll(() => admin.getByTestId('rules-message').innerText()).toContain('✓');
    const stored = await sql<{ rule: string }>`select rule from sla_rules`.execute(deps.database.db);
    expect(stored.rows.map((r) => JSON.parse(r.rule).target)).toEqual([{ unit: 'minutes', amount: 30, basis: 'calendar' }]);
    await shot(admin, 'console-admin-sla');
  }, 60_000);

  it('administration edits what was created: a building, a unit (bad input next to the field), a department head, a staff member deactivated; escalation delays saved', async () => {
    const admin = await signInConsole('admin');
    await admin.goto(`${base}/admin`);
    await admin.locator('.ant-select').first().click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园管理处' }).click();
    // the project's own day off: a date both off and worked is refused next to its field; then it shows in the month
    const day = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const dates = admin.getByTestId('project-dates');
    await dates.getByLabel('本项目放假日期').fill(day);
    await dates.getByLabel('本项目上班日期').fill(day);
    await dates.locator('button[type=submit]').click();
    const conflict = dates.locator('.ant-form-item').filter({ hasText: '本项目上班日期' }).locator('.ant-form-item-explain-error');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(day);
    await dates.getByLabel('本项目上班日期').fill('');
    await dates.locator('button[type=submit]').click();
    await admin.locator(`[data-day="${day}"]`).filter({ hasText: '本项目休' }).waitFor();
    const own = await sql<{ holidays: string }>`select holidays from project_calendars where project_id = ${demo.projects.CUIHU!.id}`.execute(deps.database.db);
    expect(JSON.parse(own.rows[0]!.holidays)).toEqual([day]);
    await admin.getByRole('tab', { name: '项目结构' }).click();
    const buildings = admin.getByTestId('buildings');
    // rename building B2 in its dialog
    await admin.getByTestId('edit-building-B2').click();
    let dialog = admin.locator('.ant-modal-content').last();
    await dialog.getByLabel('名称').fill('二号楼');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await buildings.getByRole('cell', { name: '二号楼' }).waitFor();
    const renamed = await sql<{ name: string }>`select name from buildings where code = 'B2' and project_id = ${demo.projects.CUIHU!.id}`.execute(
      deps.database.db,
    );
    expect(renamed.rows[0]!.name).toBe('二号楼');
    // open B1's units; a floor of 999 is refused next to the floor field and changes nothing; 12 is taken
    await buildings.locator('tr', { hasText: '1栋' }).locator('.ant-table-row-expand-icon').click();
    await admin.getByTestId('edit-unit-101').first().click();
    dialog = admin.locator('.ant-modal-content').last();
    await dialog.getByLabel('楼层').fill('999');
    await dialog.locator('button[type=submit]').click();
    const floorError = dialog.locator('.ant-form-item').filter({ hasText: '楼层' }).locator('.ant-form-item-explain-error');
    await floorError.waitFor();
    expect(await floorError.innerText()).toMatch(/[\u4e00-\u9fff]/);
    const unitFloor = async () =>
      (
        await sql<{
          floor: number | null;
        }>`select u.floor from units u join buildings b on b.id = u.building_id where b.code = 'B1' and u.code = '101' and u.project_id = ${demo.projects.CUIHU!.id}`.execute(
          deps.database.db,
        )
      ).rows[0]!.floor;
    const floorBefore = await unitFloor();
    expect(floorBefore).not.toBe(999);
    await dialog.getByLabel('楼层').fill('12');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(unitFloor).toBe(12);
    // the engineering department's head is 维修员孙刚 from now on
    await admin.getByTestId('edit-department-ENG-CUIHU').click();
    dialog = admin.locator('.ant-modal-content').last();
    await pick(admin, dialog, '负责人', '维修员孙刚');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await admin.getByTestId('departments').getByRole('cell', { name: '维修员孙刚' }).waitFor();
    await shot(admin, 'console-admin-structure-edit');
    // deactivate the front-desk assistant: they can no longer sign in
    await admin.getByRole('tab', { name: '员工' }).click();
    expect(await admin.getByTestId('active-admin').isDisabled()).toBe(true); // not one's own account
    await admin.getByTestId('active-frontdesk1').click();
    await expect
      .poll(async () =>
        Number((await sql<{ active: number }>`select active from staff where username = 'frontdesk1'`.execute(deps.database.db)).rows[0]!.active),
      )
      .toBe(0);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'frontdesk1', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(401);
    await shot(admin, 'console-admin-staff');
    // escalation delays typed as text are stored as minutes
    await admin.getByRole('tab', { name: '时限规则' }).click();
    await admin.getByRole('button', { name: '+' }).click();
    await admin.getByTestId('sla-rules').locator('input[placeholder="0, 60, 240"]').last().fill('0, 30, 90');
    await admin.getByTestId('save-rules').click();
    await expect.poll(() => admin.getByTestId('rules-message').innerText()).toContain('✓');
    const rules = await sql<{ rule: string }>`select rule from sla_rules order by position`.execute(deps.database.db);
    expect(JSON.parse(rules.rows.at(-1)!.rule).escalationDelays).toEqual([0, 30, 90]);
    // a same-day rule with its late-intake hours and 不预警: saved as set, and saved again unchanged after a reload
    const lastRule = async () =>
      JSON.parse(
        (
          await sql<{ rule: string }>`select rule from sla_rules where project_id = ${demo.projects.CUIHU!.id} order by position`.execute(deps.database.db)
        ).rows.at(-1)!.rule,
      ) as unknown;
    await admin.getByRole('button', { name: '+' }).click();
    const row = admin.getByTestId('sla-rules').locator('.ant-table-tbody tr.ant-table-row').last();
    const choose = async (nth: number, option: string) => {
      await row.locator('.ant-select').nth(nth).click();
      await admin.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
      await row.locator('.ant-select').nth(nth).locator('.ant-select-selection-item').filter({ hasText: option }).waitFor();
      // the list closes (animated) before the next select opens: a click meanwhile can land on the closing list
      await expect.poll(() => admin.locator('.ant-select-dropdown:visible').count()).toBe(0);
    };
    await choose(0, '维修到场');
    await choose(4, '当天下班前');
    const lateIntake = row.locator('input[data-testid=late-intake-hours], [data-testid=late-intake-hours] input').first();
    await lateIntake.fill('3');
    await row.locator('.ant-checkbox-input').click();
    await admin.getByTestId('save-rules').click();
    const expected = { clock: 'repair_on_site', target: { unit: 'same_day', basis: 'working', lateIntakeHours: 3 }, warnAt: null };
    await expect.poll(lastRule).toEqual(expected);
    await shot(admin, 'console-admin-sla-late-intake');
    await admin.reload();
    await admin.locator('.ant-select').first().click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园管理处' }).click();
    await admin.getByRole('tab', { name: '时限规则' }).click();
    await expect.poll(async () => Number(await lateIntake.inputValue())).toBe(3);
    expect(await row.locator('.ant-checkbox-input').isChecked()).toBe(true);
    await admin.getByTestId('save-rules').click();
    await expect.poll(() => admin.getByTestId('rules-message').innerText()).toContain('✓');
    expect(await lastRule()).toEqual(expected);
  }, 90_000);

  it('the dashboard breaks down by staff member and case type, and each table exports as CSV and .xlsx', async () => {
    const manager = await signInConsole('manager1');
    await manager.goto(`${base}/dashboard`);
    await manager.getByText('按员工').click();
    const outcomes = manager.getByTestId('outcomes');
    await outcomes.locator('tbody tr').first().waitFor();
    const download = manager.waitForEvent('download');
    await manager.getByTestId('export-outcomes-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^处理成功率与满意率-staff-\d{4}-01-01~\d{4}-01-01\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true); // Excel reads it as UTF-8
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('结案数');
    // the rows are named staff members, as in the table beside the chart
    const tableNames = await outcomes.locator('tbody tr td:first-child').allInnerTexts();
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(tableNames);
    expect(tableNames.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    // the same table as .xlsx: rates are percentages, read back as numbers
    const xlsxDownload = manager.waitForEvent('download');
    await manager.getByTestId('export-outcomes-xlsx').click();
    const sheet = await sheetOf(readFileSync((await (await xlsxDownload).path())!));
    expect(sheet.getRow(1).getCell(3).value).toBe('问题处理成功率');
    expect(sheet.getColumn(1).values.slice(2)).toEqual(tableNames);
    const rates = sheet.getColumn(3).values.slice(2) as unknown[];
    expect(rates.every((v) => v === undefined || (typeof v === 'number' && v >= 0 && v <= 1))).toBe(true);
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('0.0%');
    await manager.getByText('按报事类型').click();
    await expect
      .poll(async () => (await outcomes.locator('tbody tr td:first-child').allInnerTexts()).every((n) => ['咨询', '投诉', '建议', '报修'].includes(n)))
      .toBe(true);
    await shot(manager, 'console-dashboard-by-type');
  }, 60_000);

  it('工单台账: a period and a project, exported as .xlsx whose cells read back typed, masked and inert', async () => {
    const login = (await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent1', password: DEMO_PASSWORD }),
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    const hostile = '=HYPERLINK("http://evil.example","点我")';
    const created = (await (
      await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          projectId: demo.projects.CUIHU!.id,
          type: 'inquiry',
          channel: 'hotline',
          title: hostile,
          description: '+1 询问停车',
          ownerId: demo.owners.zhangwei!.id,
        }),
      })
    ).json()) as { case: { number: string; createdAt: string } };
    // the desk's browser keeps China's time: the default period (this month, up to today) is Shanghai's
    const page = await signInConsole(
      'agent1',
      await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    );
    await page.goto(`${base}/ledger`);
    await page.getByTestId('ledger-project').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园管理处' }).click();
    await page.getByTestId('ledger-table').getByText(created.case.number, { exact: true }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-ledger-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^工单台账-\d{4}-\d{2}-\d{2}~\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = await sheetOf(readFileSync((await file.path())!));
    const headers = sheet.getRow(1).values as unknown[];
    const at = (h: string) => headers.indexOf(h);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // the rows the list has for the same period and project, in its order
    const [from, to] = file.suggestedFilename().slice('工单台账-'.length, -'.xlsx'.length).split('~');
    const listed = (await (
      await fetch(`${base}/api/cases?limit=1000&projectId=${demo.projects.CUIHU!.id}&createdFrom=${from}&createdTo=${to}`, { headers: auth })
    ).json()) as { items: { number: string }[] };
    const numbers = (sheet.getColumn(at('工单号')).values as unknown[]).slice(2);
    expect(numbers).toEqual(listed.items.map((c) => c.number));
    const row = sheet.getRow(2 + numbers.indexOf(created.case.number));
    expect(row.getCell(at('标题')).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(at('标题')).value).toBe(hostile);
    expect(row.getCell(at('内容')).value).toBe('+1 询问停车');
    expect(row.getCell(at('业主/来电人')).value).toBe('张*'); // an agent sees owners' names masked
    const received = row.getCell(at('受理时间'));
    expect(received.type).toBe(ExcelJS.ValueType.Date);
    expect((received.value as Date).toISOString().slice(0, 16)).toBe(new Date(Date.parse(created.case.createdAt) + 8 * 3_600_000).toISOString().slice(0, 16));
    await shot(page, 'console-ledger');
  }, 60_000);

  it('the reply composer sends a PDF with the message; the timeline shows it by name and downloads it', async () => {
    const login = (await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent1', password: DEMO_PASSWORD }),
      })
    ).json()) as { token: string };
    const created = (await (
      await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ projectId: demo.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '询问装修手续' }),
      })
    ).json()) as { case: { id: string } };
    const page = await signInConsole('agent1');
    await page.goto(`${base}/cases/${created.case.id}`);
    await page.getByTestId('composer').fill('您好，装修申请表请见附件，谢谢。');
    await page
      .getByTestId('composer-files')
      .setInputFiles({ name: '装修申请表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await page.getByRole('button', { name: /发\s*送/ }).click();
    const file = page.locator('[data-attachment-pdf="装修申请表.pdf"]');
    await file.waitFor({ timeout: 15_000 });
    const stored = await sql<{
      owner: string;
      type: string;
    }>`select case_id as owner, content_type as type from attachments where filename = '装修申请表.pdf'`.execute(deps.database.db);
    expect(stored.rows).toEqual([{ owner: created.case.id, type: 'application/pdf' }]);
    // a PDF is never opened as a page of ours: it downloads, under its Chinese name
    const download = page.waitForEvent('download');
    await file.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('装修申请表.pdf');
    expect(readFileSync((await saved.path())!, 'latin1')).toBe('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await shot(page, 'console-case-pdf');
  }, 60_000);

  it('a burst of 20 new cases refreshes the open queue a few times, not once per case, and it ends complete', async () => {
    const page = await signInConsole('agent1');
    await page.goto(`${base}/`);
    const count = async () => Number((await page.getByTestId('row-count').innerText()).split(' ')[0]);
    await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1_500); // the first load settles
    const before = await count();
    let reloads = 0;
    page.on('request', (r) => {
      if (/\/api\/cases\?/.test(r.url()) && !r.url().includes('cursor=')) reloads++;
    });
    const login = (await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor1', password: DEMO_PASSWORD }),
      })
    ).json()) as { token: string };
    const create = (i: number) =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ projectId: demo.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `批量咨询 ${i}` }),
      });
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => create(i).then((r) => r.status)));
    expect(statuses.every((s) => s === 201)).toBe(true);
    await expect.poll(count, { timeout: 20_000 }).toBe(before + 20);
    expect(reloads).toBeGreaterThanOrEqual(1);
    expect(reloads).toBeLessThanOrEqual(6);
  }, 60_000);

  it('staff of another project cannot open a case by its URL', async () => {
    const page = await signInConsole('agent2');
    await page.goto(`${base}/cases/${demo.caseIds[0]}`);
    await page.getByTestId('case-error').waitFor();
    expect(await page.getByTestId('case-error').innerText()).toContain('未找到该工单');
  }, 30_000);

  it('a queue of 10,000 cases opens on its first page, renders only the rows on screen and scrolls without freezing; the portal’s initial JavaScript stays small', async () => {
    // 10,000 open cases: copies of a demo case made in SQL
    const db = deps.database.db;
    const template = demo.caseIds[0]!;
    const cols = (await sql<{ col: string }>`select name as col from pragma_table_info('cases')`.execute(db)).rows.map((r) => r.col);
    if (cols.length === 0) throw new Error('expected SQLite');
    const expr = cols.map((c) => (c === 'id' ? sql`'perf-' || s.i` : c === 'number' ? sql`'PF-' || s.i` : c === 'status' ? sql`'new'` : sql.ref(`t.${c}`)));
    await sql`insert into cases (${sql.join(cols.map((c) => sql.ref(c)))}) select ${sql.join(expr)} from (with recursive s(i) as (select 1 union all select i + 1 from s where i < 10000) select i from s) s cross join (select * from cases where id = ${template}) t`.execute(
      db,
    );
    const page = await signInConsole('admin');
    let listRequests = 0;
    page.on('request', (r) => void (/\/api\/cases\?/.test(r.url()) && listRequests++));
    const started = Date.now();
    await page.goto(`${base}/`);
    // the first page only (issue 11: the console fetches what is on screen, never the whole queue)
    await expect.poll(async () => Number((await page.getByTestId('row-count').innerText()).split(' ')[0]), { timeout: 60_000, interval: 100 }).toBe(100);
    const loaded = Date.now() - started;
    await page.waitForTimeout(1_000);
    expect(listRequests).toBe(1);
    expect(await page.locator('[data-number]').count()).toBeLessThan(60);
    // interactive: the main thread answers within a frame or two while the table scrolls
    const probe = await page.evaluate(async () => {
      const body = document.querySelector('.ant-table-tbody-virtual-holder') ?? document.querySelector('.ant-table-body');
      const t0 = performance.now();
      body?.scrollBy(0, 200_000);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    const firstClick = Date.now();
    await page.getByText('PF-', { exact: false }).first().click();
    await page.getByTestId('clocks').waitFor();
    const clickToCase = Date.now() - firstClick;
    // the portal's initial JavaScript (entry and the chunks its page loads), gzip
    const initialJs = (page: string) => [...readFileSync(join(webDir, page), 'utf8').matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const gzipOf = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(webDir, f))).length, 0);
    const scripts = initialJs('portal/index.html');
    const portalGzip = gzipOf(scripts);
    const consoleGzip = gzipOf(initialJs('index.html'));
    const allJs = readdirSync(join(webDir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const figures = {
      queueRows: 10_000,
      queueFirstPageMs: loaded,
      scrollTwoFramesMs: Math.round(probe),
      clickToCaseMs: clickToCase,
      portalInitialJsGzipKB: Math.round(portalGzip / 1024),
      consoleInitialJsGzipKB: Math.round(consoleGzip / 1024),
      allJsGzipKB: Math.round(gzipOf(allJs) / 1024),
    };
    writeFileSync(join(artifacts, 'ui-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log('UI figures', figures);
    expect(scripts.length).toBeGreaterThan(0);
    expect(portalGzip).toBeLessThan(250 * 1024);
    expect(probe).toBeLessThan(1000);
    await shot(page, 'console-queue-10000');
  }, 120_000);
  it('an owner changes the portal password: the current one is required, the policy is told in Chinese, then only the new one signs in', async () => {
    const owner = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
    const phone = demo.owners.wangfang!.portalLogin;
    await owner.goto(`${base}/portal/`);
    await owner.locator('input[name=login]').fill(phone);
    await owner.locator('input[name=password]').fill(DEMO_PASSWORD);
    await owner.locator('button[type=submit]').click();
    await owner.getByTestId('portal-account').click();
    await owner.locator('input[name=currentPassword]').fill('not-my-password');
    await owner.locator('input[name=newPassword]').fill('wang-fang-2026-home');
    await owner.locator('input[name=confirm]').fill('wang-fang-2026-home');
    await owner.locator('button[type=submit]').click();
    await owner.getByText('当前密码不正确').waitFor();
    await owner.locator('input[name=currentPassword]').fill(DEMO_PASSWORD);
    await owner.locator('input[name=newPassword]').fill('1234567890');
    await owner.locator('input[name=confirm]').fill('1234567890');
    await owner.locator('button[type=submit]').click();
    await owner.getByText('密码过于常见').waitFor();
    await owner.locator('input[name=newPassword]').fill('wang-fang-2026-home');
    await owner.locator('input[name=confirm]').fill('wang-fang-2026-home');
    await owner.locator('button[type=submit]').click();
    await owner.getByTestId('password-changed').waitFor();
    await shot(owner, 'portal-password-changed');
    const signIn = async (password: string) =>
      (await (
        await fetch(`${base}/api/portal/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: phone, password }),
        })
      ).json()) as { code?: string; token?: string };
    expect((await signIn(DEMO_PASSWORD)).code).toBe('LOGIN_FAILED');
    expect((await signIn('wang-fang-2026-home')).token).toMatch(/^gjs_/);
  }, 60_000);

  it('two-step verification: an agent enrols with the QR code; sign-in then asks for a code; an administrator of a real company must enrol first', async () => {
    const page = await signInConsole('enghead1');
    await page.getByTestId('account-link').click();
    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').waitFor();
    expect(await page.getByTestId('two-factor-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.getByTestId('two-factor-secret').innerText()).trim();
    await page.getByLabel('验证码').fill(await totpCode(secret, 0));
    await page
      .getByRole('button', { name: '确 认' })
      .or(page.getByRole('button', { name: '确认' }))
      .click();
    await page.getByTestId('recovery-codes').waitFor();
    await shot(page, 'console-two-factor-recovery-codes');
    const codes = (await page.getByTestId('recovery-codes').locator('pre').innerText()).trim().split('\n');
    expect(codes).toHaveLength(10);
    await page
      .getByRole('button', { name: '继 续' })
      .or(page.getByRole('button', { name: '继续' }))
      .click();
    await expect.poll(() => page.getByTestId('two-factor-state').innerText()).toBe('已开启');

    // signing in again: the password, then the code (the next time step: a code is accepted once)
    const again = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    await again.goto(`${base}/`);
    await again.getByLabel('用户名').fill('enghead1');
    await again.getByLabel('密码').fill(DEMO_PASSWORD);
    await again.locator('button[type=submit]').click();
    await again.getByTestId('login-code').waitFor();
    await again.getByTestId('login-code').fill('000000');
    await again.locator('button[type=submit]').click();
    await again.getByText('验证码不正确或已使用过').waitFor();
    await again.getByTestId('login-code').fill(await totpCode(secret, 30));
    await again.locator('button[type=submit]').click();
    await again.getByTestId('me').waitFor();

    // outside the demo an administrator must enrol before anything else
    await deps.database.db.updateTable('organizations').set({ isDemo: 0 }).where('id', '=', demo.organizationId).execute();
    const admin = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
    await admin.goto(`${base}/`);
    await admin.getByLabel('用户名').fill('admin');
    await admin.getByLabel('密码').fill(DEMO_PASSWORD);
    await admin.locator('button[type=submit]').click();
    await admin.getByTestId('account-setup').waitFor();
    await admin.getByText('管理员账号必须开启两步验证后才能使用系统。').waitFor();
    await shot(admin, 'console-two-factor-required');
    await admin.getByTestId('two-factor-start').click();
    const adminSecret = (await admin.getByTestId('two-factor-secret').innerText()).trim();
    await admin.getByLabel('验证码').fill(await totpCode(adminSecret, 0));
    await admin
      .getByRole('button', { name: '确 认' })
      .or(admin.getByRole('button', { name: '确认' }))
      .click();
    await admin.getByTestId('recovery-codes').waitFor();
    await admin
      .getByRole('button', { name: '继 续' })
      .or(admin.getByRole('button', { name: '继续' }))
      .click();
    await admin.getByTestId('me').waitFor();
    await deps.database.db.updateTable('organizations').set({ isDemo: 1 }).where('id', '=', demo.organizationId).execute();
  }, 90_000);

  it('the API docs render under the same policy', async () => {
    const page = await (await browser.newContext()).newPage();
    const res = await page.goto(`${base}/docs/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self';");
    await page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
    // every area's header (operations are expanded on demand: ~130 of them at once stalled the page)
    await expect.poll(() => page.locator('.swagger-ui .opblock-tag').count(), { timeout: 30_000 }).toBeGreaterThan(12);
    await page.locator('.swagger-ui .opblock-tag', { hasText: 'cases' }).first().click();
    await expect.poll(() => page.locator('.swagger-ui .opblock').count(), { timeout: 30_000 }).toBeGreaterThan(10);
  }, 60_000);

  it('no page broke the Content-Security-Policy, threw, or logged an error', async () => {
    expect(brokenPages).toEqual([]);
    // the built pages name their scripts; not one inline script or handler attribute
    for (const file of ['index.html', 'portal/index.html']) {
      const html = readFileSync(join(webDir, file), 'utf8');
      expect(
        [...html.matchAll(/<script\b([^>]*)>/g)].every((m) => /\bsrc=/.test(m[1]!)),
        file,
      ).toBe(true);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
    }
    // the watch itself works: an inline script is refused, and reported
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/portal/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.append(s);
    });
    await expect.poll(() => brokenPages.some((m) => m.includes('CSP violation: script-src-elem blocked inline'))).toBe(true);
    expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  }, 30_000);
});
