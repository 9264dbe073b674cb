import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { PNG } from 'pngjs';
import { expectClean } from './zh-cn-scan.ts';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';

/**
 * What the console's browser tests share: a real server on a fresh demo company serving the built
 * web app, Chromium, sign-in in zh-CN, API calls as a staff member, and the zh-CN scan (Ant Design's
 * English, snake_case codes, bare enum words).
 */
const root = new URL('../../../', import.meta.url).pathname;
export const webDir = join(root, 'apps/web/dist');
export const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');

export interface ConsoleWorld {
  base: string;
  demo: SeededDemo;
  deps: AppDeps;
  browser: Browser;
  artifacts: string;
  close: () => Promise<void>;
}

/** Starts the server on a fresh database with the demo company (and its cases), and Chromium. */
export async function startConsole(artifactDir: string): Promise<ConsoleWorld> {
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');
  const artifacts = join(root, 'test-artifacts', artifactDir);
  mkdirSync(artifacts, { recursive: true });
  const { database, drop } = await freshDatabase();
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-web-'));
  const deps: AppDeps = {
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 5)),
    attachmentsDir,
    limits: DEFAULT_LIMITS,
    webDir,
  };
  const demo = await seedDemo(deps, { withCases: true });
  const app = await buildApp(deps);
  const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  return {
    base,
    demo,
    deps,
    browser,
    artifacts,
    close: async () => {
      await browser.close();
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** A staff member's API token. */
export async function token(w: ConsoleWorld, username: string): Promise<string> {
  const res = await fetch(`${w.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A JSON call (POST when a body is given); throws on a refusal. */
export async function call<T>(w: ConsoleWorld, auth: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${w.base}${url}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${url}: ${JSON.stringify(json)}`);
  return json;
}

/** A JSON call with any method (a Buffer body goes as a PNG upload); throws on a refusal. */
export async function send<T>(w: ConsoleWorld, auth: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${w.base}${url}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, ...(body instanceof Buffer ? { 'content-type': 'image/png' } : { 'content-type': 'application/json' }) },
    body: body instanceof Buffer ? new Uint8Array(body) : body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json)}`);
  return json;
}

/** Hotline complaints of the given categories (one each, repeats allowed) in a project, as `auth` files them. */
export async function fileComplaints(w: ConsoleWorld, auth: string, projectId: string, categories: readonly string[]): Promise<void> {
  for (const category of categories)
    await send(w, auth, 'POST', '/api/cases', {
      projectId,
      type: 'complaint',
      channel: 'hotline',
      description: `投诉：${category}`,
      category,
      apologized: true,
      readBack: true,
    });
}

/** A PNG photo: a smooth picture drawn from a seed (different seeds, different pictures: the server hashes them). */
export function photo(seed: number): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 64; x++) {
      const i = (y * 64 + x) * 4;
      const v = Math.round(128 + 100 * Math.sin((x * ((seed % 7) + 1)) / 13 + seed) * Math.cos((y * (((seed >> 3) % 5) + 1)) / 11));
      png.data[i] = v;
      png.data[i + 1] = 255 - v;
      png.data[i + 2] = (v * seed) % 256;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

/** A signature drawn on the phone: a PNG from a seed (the server hashes images: each seed its own). */
export function signature(seed: number): Buffer {
  const png = new PNG({ width: 48, height: 32 });
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 48; x++) {
      const i = (y * 48 + x) * 4;
      const v = Math.round(128 + 110 * Math.sin((x * ((seed % 5) + 1)) / 9 + seed) * Math.cos((y * ((seed % 3) + 1)) / 7));
      png.data.set([v, (v * 3 + seed) % 256, 255 - v, 255], i);
    }
  return PNG.sync.write(png);
}

/** The server's answer to the page's next request of this method and path (await it after the click). */
export const answered = (page: Page, method: string, path: RegExp) =>
  page.waitForResponse((r: Response) => r.request().method() === method && path.test(new URL(r.url()).pathname));

/** Signs a staff member in to the console in zh-CN at the given window size. */
export async function signIn(w: ConsoleWorld, username: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await (await w.browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500 })).newPage();
  await page.goto(`${w.base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('me').waitFor();
  return page;
}

export async function shot(w: ConsoleWorld, page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(w.artifacts, `${name}.png`), fullPage: false });
}

/** Whether the page scrolls sideways (it never may). */
export const overflowsX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The page shows no Ant Design English, no snake_case code, no bare enum word (the shared zh-CN scan). */
export const expectChinese = (page: Page, where: string) => expectClean(page, where);

/** Opens an entry of a grouped menu (通知公告, 回访走访): the group opens on hover, then the entry is clicked. */
export async function openSubmenu(page: Page, group: string, entry: string) {
  await page.getByRole('menuitem', { name: group, exact: true }).hover();
  await page.getByRole('menuitem', { name: entry, exact: true }).click();
}
