import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The fingerprint but for the import records (a dry run keeps its upload as one). */
const withoutImports = (fingerprint: string) => fingerprint.replace(/ imports:\d+/, '');
const dryRun = (token: string, kind: string, body: Buffer, headers: Record<string, string> = {}) =>
  t.request(token, { method: 'POST', url: `/api/imports/${kind}/dry-run`, payload: body, headers: { 'content-type': XLSX, ...headers } });

describe('预检: the dry run of an import (issue 12, item 2)', () => {
  it('reports what a roster would do, row by row, with every problem in Chinese, and writes nothing', async () => {
    const admin = await t.login('admin');
    const projects = (await t.request(admin, { method: 'GET', url: '/api/projects' })).body as { id: string; name: string }[];
    const cuihu = projects.find((p) => p.id === t.a.projects.CUIHU!.id)!.name;
    const before = await t.fingerprint();
    const body = await workbook([
      ['管理处', '房屋', '业主姓名', '手机', '身份证号', '入住日期'],
      [cuihu, '9栋1单元901', '不存在的房', '13700137000', '', ''],
      [cuihu, '1栋1单元101', '新住户', '137-0013-7001', '11010519491231002X', '2024/3/15'],
      [cuihu, '1栋1单元101', '错号码', '12345', '110105194912310021', '明天'],
      [cuihu, '1栋1单元101', { formula: 'A1&B1', result: 'x' }, '', '', ''],
    ]);
    const res = await dryRun(admin, 'owners', body);
    expect(res.status).toBe(200);
    expect(res.body.rows).toBe(4);
    expect(res.body.mapping.map((m: { column: string | null }) => m.column)).toEqual(['project', 'unitLabel', 'name', 'phone', 'idNumber', 'moveInDate']);
    expect(res.body.counts).toEqual({ create: 1, update: 0, skip: 0, error: 3 });
    const byRow = new Map(res.body.report.map((r: { rowNumber: number }) => [r.rowNumber, r]));
    expect(byRow.get(3)).toMatchObject({ action: 'create', problems: [] });
    expect(byRow.get(2)).toMatchObject({
      action: 'error',
      problems: [{ column: 'unitLabel', header: '房屋', code: 'unknown_building', message: '管理处“翠湖花园管理处”没有楼栋“9栋”' }],
    });
    const bad = (byRow.get(4) as { problems: { header: string; code: string; message: string }[] }).problems;
    expect(bad.map((p) => [p.header, p.code])).toEqual([
      ['手机', 'phone_invalid'],
      ['身份证号', 'id_number_checksum'],
      ['入住日期', 'not_a_date'],
    ]);
    expect(bad[0]!.message).toBe('“12345”不是大陆手机号或带区号的固定电话');
    expect(byRow.get(5)).toMatchObject({ problems: [{ header: '业主姓名', code: 'formula' }] });
    // the upload is kept as an import (checked); nothing else changes
    expect(withoutImports(await t.fingerprint())).toBe(withoutImports(before));
    expect(res.body).toMatchObject({ status: 'checked', kind: 'owners', chunksDone: 0 });
    // the same report in English when asked
    const en = await dryRun(admin, 'owners', body, { 'accept-language': 'en' });
    expect((en.body.report as { rowNumber: number; problems: { message: string }[] }[]).find((r) => r.rowNumber === 4)!.problems[0]!.message).toBe(
      '“12345” is not a mainland mobile or landline number',
    );
  });

  it('refuses what is no workbook and who may not import it — changing nothing', async () => {
    const [admin, agent, tech] = [await t.login('admin'), await t.login('agent1'), await t.login('tech1')];
    const before = await t.fingerprint();
    const csv = await dryRun(admin, 'owners', Buffer.from('房屋,业主姓名\n1栋101,王芳\n'));
    expect(csv.status).toBe(400);
    expect(csv.body).toMatchObject({ code: 'WORKBOOK_UNREADABLE', field: 'body' });
    expect(csv.body.message).toMatch(/^无法读取该文件/);
    const units = await dryRun(agent, 'units', await workbook([['管理处', '楼栋', '房号']]));
    expect(units.status).toBe(403);
    expect((await dryRun(tech, 'owners', await workbook([['管理处']]))).status).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/imports/owners/dry-run', payload: Buffer.from('x'), headers: { 'content-type': XLSX } })).statusCode,
    ).toBe(401);
    expect(await t.fingerprint()).toBe(before);
  });

  it('keeps a sheet whose headers lack required columns, unplanned, naming them; it cannot be applied until its columns are mapped', async () => {
    const admin = await t.login('admin');
    const before = await t.fingerprint();
    const missing = await dryRun(
      admin,
      'owners',
      await workbook([
        ['房屋', '手机'],
        ['1栋1单元101', '13700137000'],
      ]),
    );
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({
      status: 'checked',
      missingColumns: ['管理处', '业主姓名'],
      counts: { create: 0, update: 0, skip: 0, error: 0 },
      report: [],
    });
    expect(missing.body.columns.find((c: { key: string }) => c.key === 'name')).toEqual({ key: 'name', label: '业主姓名', required: true });
    const applied = await t.request(admin, { method: 'POST', url: `/api/imports/${missing.body.id}/apply`, payload: {} });
    expect(applied.status).toBe(400);
    expect(applied.body).toMatchObject({ code: 'IMPORT_COLUMNS_MISSING', field: 'body' });
    expect(applied.body.message).toBe('表格缺少必填列：管理处、业主姓名（第一行应为列名）');
    expect(withoutImports(await t.fingerprint())).toBe(withoutImports(before));
  });
});
