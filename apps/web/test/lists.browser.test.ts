import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page, Request } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser.ts';

/**
 * Issue 11, items 2–4 in the console (Chromium): a queue of a few hundred cases loads its first page
 * only and the next when scrolled near the end, with only the rows on screen in the page; a burst of
 * live events reloads the first page once; the dashboard's year reports do not reload on live events;
 * search results mark the query's words.
 */
let w: ConsoleWorld;
const SEEDED = 300;
type Answer = { case: { id: string; number: string } };

/** Counts the console's requests by kind (GET /api/cases first pages and next pages, reports, the badge). */
function countRequests(page: Page) {
  const seen = { firstPages: 0, nextPages: 0, reports: 0, unread: 0, caseQueries: 0 };
  page.on('request', (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/cases' && r.method() === 'GET') {
      if (url.searchParams.has('cursor')) seen.nextPages++;
      else seen.firstPages++;
    }
    if (url.pathname.startsWith('/api/reports/')) seen.reports++;
    if (url.pathname === '/api/notifications/unread-count') seen.unread++;
    // a case's own queries (not the queue counts, which refresh with the lists)
    if (/^\/api\/cases\/[^/]+/.test(url.pathname) && url.pathname !== '/api/cases/counts' && r.method() === 'GET') seen.caseQueries++;
  });
  return {
    seen,
    reset: () => {
      for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] = 0;
    },
  };
}
const holder = '[data-testid=queue-table] .ant-table-tbody-virtual-holder';
const loaded = async (page: Page) => Number((await page.getByTestId('row-count').innerText()).split(' ')[0]);
const rowsInPage = (page: Page) => page.locator('[data-testid=queue-table] [data-number]').count();
const topNumber = (page: Page) => page.locator('[data-testid=queue-table] [data-number]').first().getAttribute('data-number');
const scrollTo = (page: Page, top: number) => page.locator(holder).evaluate((el, y) => el.scrollTo({ top: y }), top);

describe.skipIf(!executablePath)('case lists at size: paged, virtual, refreshed by bursts; reports not per event; search marked (Chromium)', () => {
  let sup: string;
  const create = (title: string, description = title) =>
    call<Answer>(w, sup, '/api/cases', { projectId: w.demo.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', title, description });

  beforeAll(async () => {
    w = await startConsole('lists');
    sup = await token(w, 'supervisor1');
    // a few hundred open cases in 翠湖: copies of a demo case made in SQL, older than anything created below
    const db = w.deps.database.db;
    const template = (await sql<{ id: string }>`select id from cases where project_id = ${w.demo.projects.CUIHU!.id} limit 1`.execute(db)).rows[0]!.id;
    const cols = (await sql<{ col: string }>`select name as col from pragma_table_info('cases')`.execute(db)).rows.map((r) => r.col);
    if (cols.length === 0) throw new Error('expected SQLite');
    const expr = cols.map((c) =>
      c === 'id'
        ? sql`'bulk-' || s.i`
        : c === 'number'
          ? sql`'ZX-BULK-' || printf('%04d', s.i)`
          : c === 'status'
            ? sql`'new'`
            : c === 'created_at'
              ? sql`printf('2025-06-%02dT08:%02d:00.000Z', 1 + s.i / 60, s.i % 60)`
              : sql.ref(`t.${c}`),
    );
    await sql`insert into cases (${sql.join(cols.map((c) => sql.ref(c)))}) select ${sql.join(expr)} from (with recursive s(i) as (select 1 union all select i + 1 from s where i < ${SEEDED}) select i from s) s cross join (select * from cases where id = ${template}) t`.execute(
      db,
    );
  });
  afterAll(async () => w?.close());

  it('the queue asks for its first page only, renders only the rows on screen, and loads the next page near the end', async () => {
    const page = await signIn(w, 'supervisor1');
    const requests = countRequests(page);
    await page.goto(`${w.base}/`);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(100);
    await page.waitForTimeout(1_500); // nothing more follows on its own
    expect(requests.seen).toMatchObject({ firstPages: 1, nextPages: 0 });
    // the queue's total comes from the bounded counts (GET /api/cases/counts), the seeded cases and the demo's open ones
    const countText = await page.getByTestId('row-count').locator('..').innerText();
    expect(countText).toMatch(/^共 \d+ 条 · 已加载 100 条$/);
    expect(Number(/共 (\d+)/.exec(countText)![1])).toBeGreaterThanOrEqual(SEEDED);
    await page.getByTestId('load-more').waitFor(); // 更多: the server has more
    expect(await rowsInPage(page)).toBeLessThan(60);
    await expectChinese(page, 'paged queue');

    // near the end: the next page (one request), still only a screenful of rows in the page
    await scrollTo(page, 1_000_000);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(200);
    await page.waitForTimeout(800);
    expect(requests.seen).toMatchObject({ firstPages: 1, nextPages: 1 });
    expect(await rowsInPage(page)).toBeLessThan(60);
    // 更多 loads one more page on demand
    await page.getByTestId('load-more').click();
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(300);
    expect(requests.seen.nextPages).toBe(2);
    await shot(w, page, 'queue-paged');
  }, 120_000);

  it('a burst of 20 new cases reloads the first page once (debounced); a reader further down sees 有更新 instead', async () => {
    const page = await signIn(w, 'supervisor1');
    const requests = countRequests(page);
    await page.goto(`${w.base}/`);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(100);
    await scrollTo(page, 1_000_000);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(200);
    await scrollTo(page, 0);
    await page.waitForTimeout(1_000);
    requests.reset();

    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => create(`批量咨询 ${i}`)));
    const numbers = new Set(burst.map((a) => a.case.number));
    await expect.poll(async () => numbers.has((await topNumber(page)) ?? ''), { timeout: 15_000 }).toBe(true);
    await page.waitForTimeout(2_500); // any late refresh would show by now
    // one reload of the first page for the whole burst: no next pages reloaded, no case of the burst fetched on its own
    expect(requests.seen).toMatchObject({ firstPages: 1, nextPages: 0, caseQueries: 0 });
    expect(await loaded(page)).toBe(100);

    // reading further down: the list is not moved under the reader's eyes
    await scrollTo(page, 1_000_000);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBe(200);
    await page.waitForTimeout(500);
    requests.reset();
    const late = await create('稍后到达的咨询');
    await page.getByTestId('list-updates').waitFor({ timeout: 15_000 });
    expect(requests.seen.firstPages).toBe(0);
    await page.getByTestId('list-updates').click();
    await expect.poll(() => topNumber(page), { timeout: 15_000 }).toBe(late.case.number);
    expect(requests.seen.firstPages).toBe(1);
    await page.getByTestId('list-updates').waitFor({ state: 'detached' });
  }, 120_000);

  it('the dashboard does not reload the year reports on live events; 刷新 reloads them once', async () => {
    const page = await signIn(w, 'manager1');
    const requests = countRequests(page);
    await page.goto(`${w.base}/dashboard`);
    await page.getByTestId('reports-updated-at').getByText('数据更新于').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1_000);
    expect(requests.seen.reports).toBe(3); // timeliness, outcomes and complaint causes, once each
    requests.reset();

    const target = (await create('看板期间的咨询')).case.id;
    for (let burst = 0; burst < 3; burst++) {
      await Promise.all([0, 1].map((i) => call(w, sup, `/api/cases/${target}/commands`, { command: { type: 'add_note', content: `备注 ${burst}-${i}` } })));
      await page.waitForTimeout(1_800);
    }
    await page.waitForTimeout(1_500);
    // the events arrived and were handled (the badge's count is refreshed on a change), the reports untouched
    expect(requests.seen.unread).toBeGreaterThan(0);
    expect(requests.seen.unread).toBeLessThanOrEqual(4);
    expect(requests.seen.reports).toBe(0);

    await page.getByTestId('refresh-reports').click();
    await page.getByTestId('refresh-reports').click(); // a second click right after adds nothing
    await expect.poll(() => requests.seen.reports, { timeout: 15_000 }).toBe(3);
    await page.waitForTimeout(800);
    expect(requests.seen.reports).toBe(3);
    await expectChinese(page, 'dashboard');
  }, 120_000);

  it('the dashboard reports one project over a chosen period: the figures are the server’s for that project and period', async () => {
    const page = await signIn(w, 'manager1');
    const reports = (check: (q: URLSearchParams) => boolean) =>
      page.waitForResponse((r) => {
        const url = new URL(r.url());
        return url.pathname === '/api/reports/timeliness' && check(url.searchParams);
      });
    const year = new Date().getFullYear();
    const first = reports((q) => q.get('from') === `${year}-01-01` && q.get('to') === `${year + 1}-01-01` && !q.has('projectId'));
    await page.goto(`${w.base}/dashboard`);
    expect((await first).status()).toBe(200);
    // one project
    await page.getByTestId('report-project').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasNotText: '全部' }).first();
    const projectName = await option.innerText();
    const forProject = reports((q) => q.has('projectId'));
    await option.click();
    const projectRes = await forProject;
    const projectId = new URL(projectRes.url()).searchParams.get('projectId')!;
    const projects = await call<{ id: string; name: string }[]>(w, await token(w, 'manager1'), '/api/projects');
    expect(projects.find((p) => p.id === projectId)?.name).toBe(projectName);
    const body = (await projectRes.json()) as { total: { met: number; breached: number } };
    await expect.poll(async () => page.getByTestId('timeliness-met').locator('.ant-statistic-content-value').innerText()).toBe(String(body.total.met));
    // a period: the picker's last day is inclusive, the report's `to` the day after
    const period = reports((q) => q.get('from') === `${year}-01-01` && q.get('to') === `${year}-02-01` && q.get('projectId') === projectId);
    const inputs = page.getByTestId('report-period').locator('input');
    await inputs.first().click();
    await inputs.first().fill(`${year}-01-01`);
    await inputs.first().press('Enter');
    await inputs.last().fill(`${year}-01-31`);
    await inputs.last().press('Enter');
    const periodRes = await period;
    expect(periodRes.status()).toBe(200);
    const january = (await periodRes.json()) as { total: { met: number } };
    const direct = await call<{ total: { met: number } }>(
      w,
      await token(w, 'manager1'),
      `/api/reports/timeliness?groupBy=month&from=${year}-01-01&to=${year}-02-01&projectId=${projectId}`,
    );
    expect(january.total).toEqual(direct.total);
    await expect.poll(async () => page.getByTestId('timeliness-met').locator('.ant-statistic-content-value').innerText()).toBe(String(january.total.met));
    // each report says what it counts: time limits by their due date, cases by their closing
    expect(await page.getByTestId('timeliness-counts').innerText()).toContain('按时限计');
    expect(await page.getByTestId('outcomes-counts').innerText()).toBe('按工单计：期间内办结的工单');
    await expectChinese(page, 'dashboard filtered');
  }, 120_000);

  it('each figure opens the list behind it: the drawer’s total is the figure, its rows the cases, a row opens its case', async () => {
    const page = await signIn(w, 'manager1');
    const outcomes = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports/outcomes');
    await page.goto(`${w.base}/dashboard`);
    const report = (await (await outcomes).json()) as { rows: { key: string; closed: number }[]; from: string; to: string };
    const row = report.rows.find((r) => r.closed > 0)!;
    expect(row).toBeDefined();
    // the closed count of the row, by month
    const items = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/reports/items');
    await page.getByTestId(`figure-outcomes-closed-${row.key}`).click();
    const listRes = await items;
    const q = new URL(listRes.url()).searchParams;
    expect([q.get('report'), q.get('measure'), q.get('groupBy'), q.get('key'), q.get('from'), q.get('to')]).toEqual([
      'outcomes',
      'closed',
      'month',
      row.key,
      report.from,
      report.to,
    ]);
    const list = (await listRes.json()) as { total: number; items: { caseId: string; number: string }[] };
    expect(list.total).toBe(row.closed);
    const drawer = page.getByTestId('report-items');
    await expect.poll(() => drawer.getByTestId('report-items-total').innerText()).toBe(`共 ${row.closed} 件`);
    await expect.poll(() => drawer.locator('tbody tr[data-number]').count()).toBe(Math.min(row.closed, 20));
    await expectChinese(page, 'the list behind a figure');
    // the same list straight from the API: the rows are its cases
    const direct = await call<{ items: { number: string }[] }>(
      w,
      await token(w, 'manager1'),
      `/api/reports/items?report=outcomes&measure=closed&groupBy=month&key=${row.key}&from=${report.from}&to=${report.to}&limit=20`,
    );
    expect(await drawer.locator('tbody tr[data-number]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-number')))).toEqual(
      direct.items.map((i) => i.number),
    );
    await drawer.locator('tbody tr[data-number]').first().click();
    await page.waitForURL(`**/cases/${list.items[0]!.caseId}`);
  }, 120_000);

  it('the monthly report pack of one project downloads as .xlsx (its cells the server’s figures) and as a PDF', async () => {
    const page = await signIn(w, 'manager1');
    await page.goto(`${w.base}/dashboard`);
    // all projects: the pack asks for one
    await expect.poll(() => page.getByTestId('monthly-pack-xlsx').isDisabled()).toBe(true);
    await page.getByTestId('report-project').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasNotText: '全部' }).first();
    const projectName = await option.innerText();
    await option.click();
    await expect.poll(() => page.getByTestId('monthly-pack-xlsx').isDisabled()).toBe(false);
    const month = await page.getByTestId('monthly-pack-month').locator('input').inputValue();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const projects = await call<{ id: string; name: string }[]>(w, await token(w, 'manager1'), '/api/projects');
    const project = projects.find((p) => p.name === projectName)!;
    const pack = await call<{ projectName: string; byStaff: { name: string; met: number; closed: number }[]; trend: { key: string; met: number }[] }>(
      w,
      await token(w, 'manager1'),
      `/api/reports/monthly-pack?projectId=${project.id}&month=${month}`,
    );
    const xlsxDownload = page.waitForEvent('download');
    await page.getByTestId('monthly-pack-xlsx').click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe(`月度报告-${pack.projectName}-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name).slice(0, 5)).toEqual(['概览', '按员工', '按部门', '近十二个月趋势', '投诉原因与纠正措施']);
    expect(book.getWorksheet('概览')!.getRow(2).getCell(2).value).toBe(pack.projectName);
    const staff = book.getWorksheet('按员工')!;
    expect(staff.getColumn(1).values.slice(2)).toEqual(pack.byStaff.map((r) => r.name));
    expect(staff.getColumn(2).values.slice(2)).toEqual(pack.byStaff.map((r) => r.met));
    expect(staff.getColumn(5).values.slice(2)).toEqual(pack.byStaff.map((r) => r.closed));
    const trend = book.getWorksheet('近十二个月趋势')!;
    expect(trend.getColumn(1).values.slice(2)).toEqual(pack.trend.map((r) => r.key));
    expect(trend.getColumn(2).values.slice(2)).toEqual(pack.trend.map((r) => r.met));
    const pdfDownload = page.waitForEvent('download');
    await page.getByTestId('monthly-pack-pdf').click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toBe(`月度报告-${pack.projectName}-${month}.pdf`);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await shot(w, page, 'dashboard-monthly-pack');
    await expectChinese(page, 'the monthly pack');
  }, 120_000);

  it('search results mark the query’s words in the title, or in the description’s excerpt', async () => {
    const inTitle = await create('卧室墙面霉斑', '卧室墙面霉斑，越来越大');
    const inText = await create(
      '客厅天花板有水渍',
      `${'业主来电反映，客厅天花板近一周出现一大片黄色水渍，'.repeat(2)}墙角也有霉斑，怀疑外墙渗水，请尽快上门查看。`,
    );
    await create('电梯异响', '三号电梯运行时有异响');
    const page = await signIn(w, 'supervisor1');
    await page.goto(`${w.base}/`);
    await expect.poll(() => loaded(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId('search').fill('霉斑');
    await page.getByTestId('search').press('Enter');
    const row = (n: string) => page.locator(`[data-testid=queue-table] [data-number="${n}"]`);
    await row(inTitle.case.number).locator('mark').first().waitFor({ timeout: 15_000 });
    expect(await loaded(page)).toBe(2);
    expect(await row(inTitle.case.number).locator('mark').allInnerTexts()).toEqual(['霉斑']);
    expect(await row(inText.case.number).locator('[data-result-excerpt] mark').allInnerTexts()).toEqual(['霉斑']);
    expect(await row(inText.case.number).locator('[data-result-excerpt]').innerText()).toContain('墙角也有霉斑');
    // a case number's part is marked too
    await page.getByTestId('search').fill(inTitle.case.number.slice(-6));
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => row(inTitle.case.number).locator('mark').allInnerTexts(), { timeout: 15_000 }).toEqual([inTitle.case.number.slice(-6)]);
    await expectChinese(page, 'search results');
    await shot(w, page, 'queue-search-marked');
  }, 120_000);
});
