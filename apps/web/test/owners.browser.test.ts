import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * Move-in and move-out at the desk (issue 12, item 4) in a real browser in zh-CN on a fresh demo
 * company: 入住登记 on the screen (the new-owner visit shown), the owner found in 业主 by the last 4
 * digits of the phone, moved out from the archive — the unit kept as 曾住房屋, gone from the list of
 * current owners, found among those moved out. Screenshots in test-artifacts/owners/.
 */
let w: ConsoleWorld;

/** Picks an option of the antd Select inside the form item labelled `field`. */
async function pick(page: Page, scope: string, field: string, option: string) {
  await page.locator(`${scope} .ant-form-item`).filter({ hasText: field }).locator('.ant-select').first().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!executablePath)('move-in, owner list, move-out (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('owners');
  }, 180_000);
  afterAll(async () => w?.close());

  it('入住登记 on the screen, found in 业主 by 尾号, moved out from the archive', async () => {
    const page = await signIn(w, 'agent1');
    await page.getByRole('menuitem', { name: '入住登记' }).click();
    await page.getByTestId('move-in').waitFor();
    await pick(page, '[data-testid=move-in]', '楼栋', '2栋');
    await pick(page, '[data-testid=move-in]', '房屋', '102');
    await page.getByTestId('move-in-name').fill('浏览器业主');
    await page.getByTestId('move-in-phone').fill('13966661234');
    await page.getByTestId('move-in-id').fill('440305199203150027');
    await expectChinese(page, 'move-in form');
    await shot(w, page, 'move-in');
    await page.getByTestId('move-in-submit').click();
    await page.getByTestId('move-in-done').waitFor();
    const due = await page.getByTestId('visit-due').innerText();
    expect(due).toMatch(/新业主回访.*\d{4}-\d{2}-\d{2} 前完成/);
    expect(due).toContain('2栋-1单元-102');
    await expectChinese(page, 'move-in done');
    await shot(w, page, 'move-in-done');

    // 业主: the last 4 digits of the phone find them, masked
    await page.getByRole('menuitem', { name: '业主' }).click();
    await page.getByPlaceholder('姓名、手机号（或尾号后4位）、房号（如 1-2-301）').fill('1234');
    await page.getByPlaceholder('姓名、手机号（或尾号后4位）、房号（如 1-2-301）').press('Enter');
    const row = page.locator('[data-testid=owner-rows] tbody tr').filter({ hasText: '浏览器业主' });
    await row.waitFor();
    expect(await row.innerText()).toContain('139****1234');
    expect(await row.innerText()).toContain('主业主');
    expect(await page.locator('[data-testid=owner-rows]').innerText()).not.toContain('13966661234');
    await expectChinese(page, 'owner list');
    await shot(w, page, 'owner-list');
    // 导出 Excel: the rows of the list, masked as on screen
    const download = page.waitForEvent('download');
    await page.getByTestId('owners-export-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('业主名单.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = sheet.getRow(1).values as unknown[];
    const rows = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) => [r[headers.indexOf('姓名')], r[headers.indexOf('电话')]]);
    expect(rows).toEqual([['浏览器业主', '139****1234']]);

    // the archive: 迁出
    await row.click();
    await page.getByTestId('archive-units').waitFor();
    await page.getByTestId('archive-history').getByText('入住').first().waitFor();
    await page.getByTestId('owner-visits').getByText('待回访').waitFor();
    // 编辑档案: the changed fields become one event of the archive's history
    await page.getByTestId('edit-archive').click();
    await page.getByTestId('edit-needs').fill('听力不好，请发短信');
    await page.getByTestId('edit-notes').fill('周末在家');
    await expectChinese(page, 'archive edit');
    await shot(w, page, 'archive-edit');
    await page.getByTestId('owner-edit').locator('.ant-modal-footer button.ant-btn-primary').click();
    await page.getByTestId('archive-history').getByText('档案修改 · 特殊需求、备注').waitFor();
    expect(await page.locator('.ant-descriptions').first().innerText()).toContain('听力不好，请发短信');
    await page.getByTestId('move-out').click();
    const dialog = page.getByTestId('move-out-dialog');
    await dialog.getByTestId('move-out-note').fill('房屋出租，业主搬离');
    await expectChinese(page, 'move-out dialog');
    await shot(w, page, 'move-out');
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await page.getByTestId('former-units').getByText('2栋 102').waitFor();
    expect(await page.getByTestId('archive-units').innerText()).not.toContain('102');
    expect(await page.getByTestId('former-units').innerText()).toMatch(/入住 · \d{4}-\d{2}-\d{2} 迁出/);
    await page.getByTestId('archive-history').getByText('房屋出租，业主搬离').waitFor();
    await page.getByTestId('owner-visits').getByText('已取消').waitFor();
    await expectChinese(page, 'archive after move-out');
    await shot(w, page, 'archive-moved-out');

    // the list: no longer a current owner; among those moved out
    await page.getByRole('menuitem', { name: '业主' }).click();
    await page.getByPlaceholder('姓名、手机号（或尾号后4位）、房号（如 1-2-301）').fill('1234');
    await page.getByPlaceholder('姓名、手机号（或尾号后4位）、房号（如 1-2-301）').press('Enter');
    await page.locator('[data-testid=owner-rows]').getByText('没有符合条件的业主').waitFor();
    await page.getByTestId('owner-tenure').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已迁出' }).click();
    await page.locator('[data-testid=owner-rows] tbody tr').filter({ hasText: '浏览器业主' }).waitFor();

    // and the server agrees: the tie ended, kept as history
    const auth = await token(w, 'agent1');
    const [owner] = await call<{ id: string; units: unknown[]; formerUnits: { unitCode: string; movedOutOn: string }[] }[]>(
      w,
      auth,
      `/api/owners?tenure=former&q=1234`,
    );
    expect(owner!.units).toEqual([]);
    expect(owner!.formerUnits.map((u) => u.unitCode)).toEqual(['102']);
    await page.close();
  }, 120_000);
});
