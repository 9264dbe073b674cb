import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 员工考核 in a real browser, in zh-CN (issue 16 item 2): 李明 (office manager of 翠湖花园) draws up 陈静's
 * sheet for this month and writes his comment; 陈静 opens 我的考核, acknowledges it (确认) and downloads it
 * as .xlsx, whose cells are read back against the server's sheet; the company admin changes a weight.
 * Screenshots in test-artifacts/appraisals/.
 */
let w: ConsoleWorld;
type Part = { measure: string; value: number | null; weight: number; points: number };
type Sheet = {
  id: string;
  status: string;
  score: number | null;
  comment: string | null;
  staffName: string;
  from: string;
  to: string;
  parts: Part[];
  figures: { clocks: { met: number; breached: number } };
};

describe.skipIf(!executablePath)('员工考核 (Chromium, zh-CN)', () => {
  let sheetId = '';

  beforeAll(async () => {
    w = await startConsole('appraisals');
  }, 120_000);
  afterAll(async () => w?.close());

  it('李明 draws up 陈静’s sheet for this month and comments it', async () => {
    const page = await signIn(w, 'manager1');
    const list = answered(page, 'GET', /^\/api\/appraisals$/);
    await openSubmenu(page, '回访走访', '员工考核');
    await page.getByTestId('appraisals-page').waitFor();
    await list;
    await expectChinese(page, 'appraisals (empty)');

    await page.getByTestId('appraisal-new').click();
    const modal = page.locator('.ant-modal');
    await modal.getByTestId('appraisal-staff').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '客服专员陈静' }).click();
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    await modal.locator('.ant-picker input').fill(month);
    await modal.locator('.ant-picker input').press('Enter');
    await expectChinese(page, 'new appraisal sheet');
    await shot(w, page, 'appraisal-new');
    const created = answered(page, 'POST', /^\/api\/appraisals$/);
    await modal.getByTestId('appraisal-draw').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const sheet = (await res.json()) as Sheet;
    sheetId = sheet.id;
    expect(sheet).toMatchObject({ staffName: '客服专员陈静', from: `${month}-01`, status: 'draft' });

    // the drawer: the server's figures, weights and score
    const drawer = page.getByTestId('appraisal-drawer');
    await expect.poll(() => drawer.getByTestId('appraisal-status').innerText()).toBe('待评语');
    expect(await drawer.getByTestId('appraisal-score').innerText()).toBe(sheet.score === null ? '无数据' : sheet.score.toFixed(2));
    const rows = drawer.getByTestId('appraisal-parts').locator('tbody tr');
    expect(await rows.count()).toBe(8);
    const first = await rows.first().innerText();
    expect(first).toContain('时限达成率');
    expect(first).toContain(`按时 ${sheet.figures.clocks.met}，超时 ${sheet.figures.clocks.breached}`);
    expect(first).toContain(String(sheet.parts[0]!.weight));
    await expectChinese(page, 'appraisal sheet');
    await shot(w, page, 'appraisal-sheet');

    await drawer.getByTestId('appraisal-comment-input').fill('时限达成良好，注意服务用语。');
    const commented = answered(page, 'POST', /\/comment$/);
    await drawer.getByTestId('appraisal-comment-save').click();
    expect((await commented).status()).toBe(200);
    await expect.poll(() => drawer.getByTestId('appraisal-status').innerText()).toBe('待确认');
    expect(await drawer.getByTestId('appraisal-acknowledge').count()).toBe(0);
    const server = await call<Sheet>(w, await token(w, 'manager1'), `/api/appraisals/${sheetId}`);
    expect(server).toMatchObject({ status: 'commented', comment: '时限达成良好，注意服务用语。' });
    await page.close();
  }, 90_000);

  it('陈静 acknowledges it in 我的考核 and downloads it as .xlsx', async () => {
    const page = await signIn(w, 'agent1');
    const list = answered(page, 'GET', /^\/api\/appraisals$/);
    await page.getByTestId('account-link').hover();
    await page.getByRole('menuitem', { name: '我的考核', exact: true }).click();
    await list;
    await page.getByTestId(`appraisal-open-${sheetId}`).click();
    const drawer = page.getByTestId('appraisal-drawer');
    await expect.poll(() => drawer.getByTestId('appraisal-comment').innerText()).toBe('时限达成良好，注意服务用语。');
    expect(await drawer.getByTestId('appraisal-comment-input').count()).toBe(0);
    await expectChinese(page, 'my appraisal');
    const acknowledged = answered(page, 'POST', /\/acknowledge$/);
    await drawer.getByTestId('appraisal-acknowledge').click();
    expect((await acknowledged).status()).toBe(200);
    await expect.poll(() => drawer.getByTestId('appraisal-status').innerText()).toBe('已确认');
    expect(await drawer.getByTestId('appraisal-acknowledged').innerText()).toMatch(/^已确认，/);
    await shot(w, page, 'appraisal-acknowledged');
    const sheet = await call<Sheet>(w, await token(w, 'agent1'), `/api/appraisals/${sheetId}`);
    expect(sheet.status).toBe('acknowledged');

    const download = page.waitForEvent('download');
    await drawer.getByTestId('appraisal-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^员工考核表-客服专员陈静-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const cells = new Map<string, unknown[]>();
    ws.eachRow((row) => cells.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect(cells.get('项目')).toEqual(['项目', '数据', '得分率', '权重', '占比', '得分']);
    expect(cells.get('员工')![1]).toContain('客服专员陈静');
    expect(cells.get('考核期间')![1]).toBe(`${sheet.from} – ${sheet.to}`);
    expect(cells.get('状态')![1]).toBe('已确认');
    expect(cells.get('时限达成率')![3]).toBe(sheet.parts.find((p) => p.measure === 'timeliness')!.weight);
    expect(cells.get('总分')![5] ?? null).toBe(sheet.score);
    expect(cells.get('主管评语')![1]).toBe('时限达成良好，注意服务用语。');
    expect(cells.get('本人确认')![1]).toBe('已确认');
    await page.close();
  }, 90_000);

  it('the company admin sets a weight; the server keeps it', async () => {
    const page = await signIn(w, 'admin');
    await openSubmenu(page, '回访走访', '员工考核');
    await page.getByRole('tab', { name: '权重设置' }).click();
    const form = page.getByTestId('appraisal-weights-form');
    await form.getByTestId('appraisal-weight-visits').fill('20');
    await expectChinese(page, 'appraisal weights');
    await shot(w, page, 'appraisal-weights');
    const saved = answered(page, 'PUT', /^\/api\/appraisal-weights$/);
    await form.getByTestId('appraisal-weights-save').click();
    expect((await saved).status()).toBe(200);
    const weights = await call<{ isDefault: boolean; weights: Record<string, number> }>(w, await token(w, 'admin'), '/api/appraisal-weights');
    expect(weights).toMatchObject({ isDefault: false, weights: { visits: 20, timeliness: 30 } });
    await page.close();
  }, 90_000);
});
