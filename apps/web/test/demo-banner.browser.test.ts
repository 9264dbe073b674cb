import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { initializeOrganization } from '@guanjia/server/runtime';
import { generate } from 'otplib';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';

/**
 * The banner 演示数据 in a real browser: over the console and the owner portal of the demo company,
 * and nowhere for a company made by `guanjia init` on the same server.
 */
const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'apps/web/dist');
const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');
if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');
const REAL_PASSWORD = 'Jinxiu-garden-2026';

let browser: Browser;
let base: string;
let realBase: string;
let demo: SeededDemo;
const closers: (() => Promise<void>)[] = [];

/** A server on a fresh database of its own, prepared by `setup`. */
async function startServer(setup: (deps: AppDeps) => Promise<unknown>): Promise<string> {
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
  await setup(deps);
  const app = await buildApp(deps);
  closers.push(async () => {
    await app.close();
    await drop();
    rmSync(attachmentsDir, { recursive: true, force: true });
  });
  return (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
}

/** Answers of GET /api/system/info each page has received. */
const infoAnswers = new WeakMap<Page, number>();

/** Turns on two-step verification through the API (a real company's administrator must); answers the secret. */
async function enrolTwoFactor(at: string, username: string, password: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const login = (await (await fetch(`${at}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) })).json()) as {
    token: string;
  };
  const auth = { authorization: `Bearer ${login.token}` };
  const setup = (await (await fetch(`${at}/api/auth/two-factor/setup`, { method: 'POST', headers: auth })).json()) as { secret: string };
  const enabled = await fetch(`${at}/api/auth/two-factor/enable`, {
    method: 'POST',
    headers: { ...auth, ...json },
    body: JSON.stringify({ code: await generate({ secret: setup.secret }) }),
  });
  expect(enabled.status).toBe(200);
  return setup.secret;
}

async function consoleOf(at: string, username: string, password: string, totpSecret?: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
  infoAnswers.set(page, 0);
  page.on('response', (r) => {
    if (r.url().endsWith('/api/system/info') && r.status() === 200) infoAnswers.set(page, infoAnswers.get(page)! + 1);
  });
  await page.goto(`${at}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.locator('button[type=submit]').click();
  if (totpSecret) {
    // the next time step: the enrolment used this one
    await page.getByTestId('login-code').fill(await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.locator('button[type=submit]').click();
  }
  await page.getByTestId('me').waitFor();
  return page;
}

describe.skipIf(!executablePath)('the demo-data banner in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    base = await startServer(async (deps) => {
      demo = await seedDemo(deps, { withCases: false });
    });
    // a real company, as `guanjia init` makes it (on its own database: init runs only on an empty one)
    realBase = await startServer((deps) =>
      initializeOrganization(deps, {
        organization: { code: 'JINXIU', name: '锦绣物业' },
        admin: { username: 'zhou.admin', name: '周敏', password: REAL_PASSWORD },
      }),
    );
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    for (const c of closers) await c();
  });

  it('the console of the demo company shows 演示数据, and "Demo data" in English', async () => {
    const page = await consoleOf(base, 'agent1', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('demo-banner').innerText()).toContain('演示数据');
    await page.screenshot({ path: join(root, 'test-artifacts', 'console-demo-banner.png') });
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('demo-banner').innerText()).toContain('Demo data');
  });

  it('the owner portal of the demo company shows it once signed in', async () => {
    const owner = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
    await owner.goto(`${base}/portal/`);
    await owner.locator('input[name=login]').waitFor();
    expect(await owner.getByTestId('demo-banner').count()).toBe(0); // signed out: nothing is said
    await owner.locator('input[name=login]').fill(demo.owners.zhangwei!.portalLogin);
    await owner.locator('input[name=password]').fill(DEMO_PASSWORD);
    await owner.locator('button[type=submit]').click();
    await expect.poll(() => owner.getByTestId('demo-banner').innerText()).toContain('演示数据');
  });

  it('the console of a company made by guanjia init shows no banner', async () => {
    const page = await consoleOf(realBase, 'zhou.admin', REAL_PASSWORD, await enrolTwoFactor(realBase, 'zhou.admin', REAL_PASSWORD));
    // the server has answered (demo: false); a banner would render in the same tick
    await expect.poll(() => infoAnswers.get(page)).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    await page.screenshot({ path: join(root, 'test-artifacts', 'console-no-demo-banner.png') });
  });
});
