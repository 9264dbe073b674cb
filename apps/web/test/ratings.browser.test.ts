import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';

/**
 * The owner's rating on several scores in the portal at 390×844, zh-CN (issue 14 item 1, decision
 * 0028): 张伟 rates a closed repair on 总体评价, 到场速度 and 维修师傅, the scores show on the case, and
 * the staff's reply (given through the API) is read in the portal.
 */
const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'apps/web/dist');
const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');
if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');

let browser: Browser;
let base = '';
let demo: SeededDemo;
let close: () => Promise<void> = async () => {};
const json = { 'content-type': 'application/json' };

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...json, authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as any;
}
const login = async (path: string, body: unknown) =>
  ((await (await fetch(`${base}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) })).json()) as { token: string }).token;

describe.skipIf(!executablePath)('the rating on several scores in the portal (Chromium, 390×844)', () => {
  let caseNumber = '';
  let caseId = '';
  beforeAll(async () => {
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    const { database, drop } = await freshDatabase();
    const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-ui-'));
    const deps: AppDeps = {
      database,
      now: () => new Date().toISOString(),
      newId: createIdGenerator(),
      cipher: createFieldCipher(Buffer.alloc(32, 3)),
      attachmentsDir,
      limits: DEFAULT_LIMITS,
      webDir,
    };
    demo = await seedDemo(deps, { withCases: false });
    const app = await buildApp(deps);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    close = async () => {
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    };
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    // a repair of 张伟's, done, confirmed and closed
    const z = demo.owners.zhangwei!;
    const owner = await login('/api/portal/login', { login: z.portalLogin, password: DEMO_PASSWORD });
    const agent = await login('/api/auth/login', { username: 'agent1', password: DEMO_PASSWORD });
    const tech = await login('/api/auth/login', { username: 'tech1', password: DEMO_PASSWORD });
    const created = await call(owner, 'POST', '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      type: 'repair',
      channel: 'portal',
      description: '阳台灯不亮',
      unitId: z.unitId,
    });
    caseId = created.case.id;
    caseNumber = created.case.number;
    const cmd = (token: string, command: unknown) => call(token, 'POST', `/api/cases/${caseId}/commands`, { command });
    await cmd(agent, { type: 'dispatch', assigneeId: demo.staff.tech1, departmentId: demo.departments['ENG-CUIHU'] });
    await cmd(tech, { type: 'arrive' });
    await cmd(tech, { type: 'complete', summary: '更换灯泡' });
    await cmd(owner, { type: 'record_satisfaction', satisfied: true });
    expect((await cmd(agent, { type: 'close' })).case.status).toBe('closed');
  });
  afterAll(async () => {
    await browser?.close();
    await close();
  });

  it('张伟 rates overall 4, arrival speed 2 and the technician 5; the scores show; the office’s reply is read', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
    await page.goto(`${base}/portal/`);
    await page.locator('input[name=login]').fill(demo.owners.zhangwei!.portalLogin);
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator(`[data-case="${caseNumber}"]`).click();
    const form = page.getByTestId('rate');
    await form.getByRole('radiogroup', { name: '总体评价' }).locator('[data-star="4"]').click();
    await form.getByTestId('rate-speed').locator('[data-star="2"]').click();
    await form.getByTestId('rate-technician').locator('[data-star="5"]').click();
    await form.locator('input[name=rateComment]').fill('师傅手艺好，来得有点晚');
    await form.locator('button[type=submit]').click();
    const rating = page.getByTestId('rating');
    await expect.poll(() => rating.getByRole('img', { name: '到场速度 2/5' }).count()).toBe(1);
    expect(await rating.getByRole('img', { name: '维修师傅 5/5' }).count()).toBe(1);
    // the office answers; the owner reads it on the case
    const agent = await login('/api/auth/login', { username: 'agent1', password: DEMO_PASSWORD });
    await call(agent, 'POST', `/api/cases/${caseId}/rating/reply`, { reply: '感谢评价，已提醒维修组准时上门' });
    await page.reload();
    await page.locator(`[data-case="${caseNumber}"]`).click();
    await expect.poll(() => page.getByTestId('rating-reply').innerText()).toContain('已提醒维修组准时上门');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(root, 'test-artifacts', 'portal-rating-scores.png'), fullPage: true });
  });
});
