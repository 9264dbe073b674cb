import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, call, executablePath, expectChinese, overflowsX, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * The wallboard (大屏, issue 16 item 4) in a real browser, in zh-CN: the administrator makes a display
 * token for 翠湖花园管理处 in 系统管理 → 大屏令牌 (the token shown once, listed without it); the board opens
 * with it in a fresh page at 1920×1080 with no sign-in, shows the counts GET /api/wallboard gives, its
 * countdowns tick every second, and it updates live (server-sent events) when a case is registered
 * through the API. A revoked token's board says so. The server's clock runs six hours ahead, so that
 * the demo's clocks are at risk or breached. Screenshots in test-artifacts/wallboard/.
 */
let w: ConsoleWorld;
const offset = 6 * 3_600_000;

type Board = {
  totals: { atRisk: number; breached: number };
  intake: { total: number; byType: Record<'inquiry' | 'complaint' | 'suggestion' | 'repair', number> };
  departments: { departmentName: string | null; atRisk: number; breached: number }[];
  onDuty: { name: string }[];
};

async function boardOf(displayToken: string): Promise<Board> {
  const res = await fetch(`${w.base}/api/wallboard`, { headers: { 'x-display-token': displayToken } });
  expect(res.status).toBe(200);
  return (await res.json()) as Board;
}

describe.skipIf(!executablePath)('the wallboard (Chromium, zh-CN)', () => {
  let displayToken = '';
  let tokenId = '';

  beforeAll(async () => {
    w = await startConsole('wallboard');
    w.deps.now = () => new Date(Date.now() + offset).toISOString();
  }, 120_000);
  afterAll(async () => w?.close());

  it('the administrator makes a display token for 翠湖花园管理处: shown once, then listed without it', async () => {
    const page = await signIn(w, 'admin', { width: 1600, height: 900 });
    await page.getByRole('menuitem', { name: '系统管理', exact: true }).click();
    await page.getByRole('tab', { name: '大屏令牌' }).click();
    await page.getByTestId('display-tokens').waitFor();
    await page.getByTestId('display-token-label').fill('翠湖客服中心大屏');
    await page.getByTestId('display-token-projects').click();
    await page.locator('.ant-select-item-option', { hasText: '翠湖花园管理处' }).click();
    await page.keyboard.press('Escape');
    const made = answered(page, 'POST', /^\/api\/display-tokens$/);
    const listed = answered(page, 'GET', /^\/api\/display-tokens$/);
    await page.getByTestId('display-token-create').click();
    const created = (await (await made).json()) as { id: string; token: string; projectIds: string[] };
    await listed;
    expect(created.projectIds).toEqual([w.demo.projects.CUIHU!.id]);
    displayToken = created.token;
    tokenId = created.id;
    expect(await page.getByTestId('display-token-secret').innerText()).toBe(displayToken);
    expect(await page.getByTestId('display-token-url').innerText()).toBe(`${w.base}/wallboard?token=${encodeURIComponent(displayToken)}`);
    const row = page.locator('.ant-table-row', { hasText: '翠湖客服中心大屏' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('有效');
    expect(await row.innerText()).toContain('翠湖花园管理处');
    await shot(w, page, 'token-made');
    // the list never shows the token again
    await page.getByRole('button', { name: 'close' }).click();
    await expect.poll(() => page.getByTestId('display-token-secret').count()).toBe(0);
    await expectChinese(page, 'admin: 大屏令牌');
    expect(await page.getByTestId('display-tokens').innerText()).not.toContain(displayToken);
  });

  it('opens at 1920×1080 without signing in, shows the API’s counts, ticks every second and updates live on a new case', async () => {
    const context = await w.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const first = answered(page, 'GET', /^\/api\/wallboard$/);
    await page.goto(`${w.base}/wallboard?token=${encodeURIComponent(displayToken)}`);
    await first;
    await page.getByTestId('wallboard-intake-total').waitFor();
    await expect.poll(() => page.getByTestId('wallboard-live').innerText()).toContain('实时');

    // the counts are the API's
    const shown = async () => ({
      atRisk: Number(await page.getByTestId('wallboard-at-risk').innerText()),
      breached: Number(await page.getByTestId('wallboard-breached').innerText()),
      total: Number(await page.getByTestId('wallboard-intake-total').innerText()),
      repair: Number(await page.getByTestId('wallboard-intake-repair').innerText()),
      complaint: Number(await page.getByTestId('wallboard-intake-complaint').innerText()),
      inquiry: Number(await page.getByTestId('wallboard-intake-inquiry').innerText()),
      departments: await page.getByTestId('wallboard-department').count(),
    });
    const fromApi = async () => {
      const b = await boardOf(displayToken);
      return {
        atRisk: b.totals.atRisk,
        breached: b.totals.breached,
        total: b.intake.total,
        repair: b.intake.byType.repair,
        complaint: b.intake.byType.complaint,
        inquiry: b.intake.byType.inquiry,
        departments: b.departments.length,
      };
    };
    const api = await fromApi();
    expect(api.atRisk + api.breached).toBeGreaterThan(0);
    expect(await shown()).toEqual(api);

    // the countdowns tick every second
    const countdown = page.getByTestId('wallboard-countdown').first();
    const before = await countdown.innerText();
    expect(before).toMatch(/^(剩余|超时) (\d+天 )?\d{2}:\d{2}:\d{2}$/);
    await expect.poll(() => countdown.innerText(), { timeout: 3000 }).not.toBe(before);
    const clock = await page.getByTestId('wallboard-clock').innerText();
    await expect.poll(() => page.getByTestId('wallboard-clock').innerText(), { timeout: 3000 }).not.toBe(clock);

    // nothing personal: the demo owners' names and phones are nowhere on the board
    const text = await page.locator('body').innerText();
    for (const owner of Object.values(w.demo.owners)) {
      expect(text).not.toContain(owner.name);
      expect(text).not.toContain(owner.portalLogin);
    }
    await expectChinese(page, 'wallboard');
    expect(await overflowsX(page)).toBe(false);
    await shot(w, page, 'board');

    // a case registered through the API shows at once (the live stream), no reload
    const reloaded = answered(page, 'GET', /^\/api\/wallboard$/);
    const agent = await token(w, 'agent1');
    const zhang = w.demo.owners.zhangwei!;
    await call(w, agent, '/api/cases', {
      projectId: w.demo.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      description: '楼道灯不亮',
      ownerId: zhang.id,
      unitId: zhang.unitId,
    });
    await reloaded;
    await expect.poll(async () => (await shown()).repair, { timeout: 10_000 }).toBe(api.repair + 1);
    await expect.poll(async () => (await shown()).total).toBe(api.total + 1);
    expect(await shown()).toEqual(await fromApi());
    await shot(w, page, 'board-after-case');
    await context.close();
  });

  it('a revoked token’s board says so', async () => {
    const admin = await token(w, 'admin');
    const res = await fetch(`${w.base}/api/display-tokens/${tokenId}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(204);
    const page = await (await w.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${w.base}/wallboard?token=${encodeURIComponent(displayToken)}`);
    await expect.poll(() => page.getByTestId('wallboard-error').innerText()).toBe('大屏令牌无效或已撤销，请联系管理员');
    await expectChinese(page, 'wallboard refused');
    await page.context().close();
  });
});
