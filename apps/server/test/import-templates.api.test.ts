import { IMPORT_COLUMNS, IMPORT_KINDS } from '@guanjia/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const get = (token: string, kind: string) =>
  t.app.inject({ method: 'GET', url: `/api/imports/templates/${kind}`, headers: { authorization: `Bearer ${token}` } });

async function workbookOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('import templates (issue 12, item 1)', () => {
  it.each(IMPORT_KINDS)('the %s template has our Chinese headers, frozen, required ones marked, and an instruction sheet', async (kind) => {
    const res = await get(await t.login('admin'), kind);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; .*\.xlsx/);
    const workbook = await workbookOf(res.rawPayload);
    const data = workbook.getWorksheet('数据')!;
    const columns = IMPORT_COLUMNS[kind];
    const headers = columns.map((_, i) => data.getRow(1).getCell(i + 1).value);
    expect(headers).toEqual(columns.map((c) => c.header));
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // required headers in red, with a note saying so
    columns.forEach((c, i) => {
      const cell = data.getRow(1).getCell(i + 1);
      expect(cell.font?.color?.argb === 'FFC00000', c.header).toBe(c.required);
      expect(JSON.stringify(cell.note), c.header).toContain(c.required ? '必填' : '选填');
    });
    const help = workbook.getWorksheet('填写说明')!;
    const listed = columns.map((_, i) => help.getRow(i + 2).getCell(1).value);
    expect(listed).toEqual(columns.map((c) => c.header));
    // the example row under its headers
    const texts = help.getSheetValues().map((row) => (Array.isArray(row) ? row.slice(1).join('|') : ''));
    expect(texts).toContain(columns.map((c) => c.header).join('|'));
  });

  it('offers dropdowns of the closed values (grades, relations, roles) and keeps phones and ID numbers as text', async () => {
    const workbook = await workbookOf((await get(await t.login('admin'), 'owners')).rawPayload);
    const data = workbook.getWorksheet('数据')!;
    const columns = IMPORT_COLUMNS.owners;
    const at = (key: string) => columns.findIndex((c) => c.key === key) + 1;
    const grade = data.getRow(500).getCell(at('grade')).dataValidation;
    expect(grade).toMatchObject({ type: 'list', formulae: ['"重要,会员,VIP,普通"'] });
    expect(data.getRow(2).getCell(at('relation')).dataValidation).toMatchObject({ type: 'list', formulae: ['"产权人,使用人"'] });
    expect(data.getColumn(at('idNumber')).numFmt).toBe('@');
    expect(data.getColumn(at('phone')).numFmt).toBe('@');
    const staff = (await workbookOf((await get(await t.login('admin'), 'staff')).rawPayload)).getWorksheet('数据')!;
    const roles = staff.getRow(2).getCell(IMPORT_COLUMNS.staff.findIndex((c) => c.key === 'roles') + 1).dataValidation;
    expect(roles.formulae?.[0]).toContain('客服专员');
  });

  it('is refused to who may not import that kind, and an unknown kind names the field', async () => {
    // an agent registers owners (move-in) but runs no structure or staff
    const agent = await t.login('agent1');
    expect((await get(agent, 'owners')).statusCode).toBe(200);
    for (const kind of ['units', 'staff']) {
      const res = await get(agent, kind);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await get(await t.login('tech1'), 'owners')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/imports/templates/owners' })).statusCode).toBe(401);
    const bad = await get(await t.login('admin'), 'cases');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'params.kind' });
    expect(bad.json().message).toMatch(/kind/);
  });
});
