import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * 月度报告包 (issue 16 item 1): a project's month as JSON, as an .xlsx workbook read back cell by cell,
 * and as a PDF; each figure is the dashboard reports' own for that project and month; the export is
 * logged; other offices, agents and bad months are refused.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ withCases: true });
});
afterAll(async () => t?.close());

const MONTH = '2026-11';
async function download(token: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() };
}

describe(`the monthly report pack (${TEST_DB})`, () => {
  it('holds the month’s KPIs as the reports answer them, by staff, by department and over twelve months', async () => {
    const manager = await t.login('manager1');
    const projectId = t.a.projects.CUIHU!.id;
    const res = await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${projectId}&month=${MONTH}` });
    expect(res.status).toBe(200);
    const pack = res.body;
    expect([pack.month, pack.from, pack.to]).toEqual([MONTH, '2026-11-01', '2026-12-01']);
    const period = `from=2026-11-01&to=2026-12-01&projectId=${projectId}`;
    const timeliness = (await t.request(manager, { method: 'GET', url: `/api/reports/timeliness?groupBy=staff&${period}` })).body;
    const outcomes = (await t.request(manager, { method: 'GET', url: `/api/reports/outcomes?groupBy=staff&${period}` })).body;
    expect([pack.total.met, pack.total.breached, pack.total.timelinessRate]).toEqual([timeliness.total.met, timeliness.total.breached, timeliness.total.rate]);
    expect(pack.total.closed).toBe(outcomes.rows.reduce((a: number, r: { closed: number }) => a + r.closed, 0));
    expect(pack.total.closed + pack.total.met).toBeGreaterThan(0);
    // by staff: every staff row of either report, with its figures
    for (const r of timeliness.rows) {
      const row = pack.byStaff.find((s: { key: string | null }) => s.key === r.key);
      expect([row.met, row.breached, row.timelinessRate]).toEqual([r.met, r.breached, r.rate]);
    }
    for (const r of outcomes.rows) {
      const row = pack.byStaff.find((s: { key: string | null }) => s.key === (r.key === '-' ? null : r.key));
      expect([row.closed, row.outOfScope, row.reopened, row.successRate]).toEqual([r.closed, r.outOfScope, r.reopened, r.successRate]);
    }
    expect(pack.byStaff.filter((s: { key: string | null }) => s.key).every((s: { name: string; key: string }) => s.name !== s.key)).toBe(true);
    // the trend: twelve months ending with this one
    expect(pack.trend.map((r: { key: string }) => r.key)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(pack.trend.at(-1).met).toBe(pack.total.met);
    // the office manager reads inspections: the bulletin's lines are there (an empty list when none)
    expect(Array.isArray(pack.inspections)).toBe(true);
    // a month with nothing in it: zeros and no rates, not an error
    const empty = await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${projectId}&month=2020-01` });
    expect(empty.status).toBe(200);
    expect(empty.body.total).toMatchObject({ key: '2020-01', met: 0, breached: 0, closed: 0, timelinessRate: null, successRate: null });
    expect(empty.body.byStaff).toEqual([]);
  });

  it('as .xlsx: a sheet per section, numbers as numbers and rates as percentages; as a PDF; both logged', async () => {
    const manager = await t.login('manager1');
    const projectId = t.a.projects.CUIHU!.id;
    const pack = (await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${projectId}&month=${MONTH}` })).body;
    const xlsx = await download(manager, `/api/exports/monthly-pack?projectId=${projectId}&month=${MONTH}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain(`月度报告-${pack.projectName}-${MONTH}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['概览', '按员工', '按部门', '近十二个月趋势', '投诉原因与纠正措施', '检查结果']);
    const summary = book.getWorksheet('概览')!;
    expect(summary.getRow(2).values).toEqual([undefined, '管理处', pack.projectName]);
    const staff = book.getWorksheet('按员工')!;
    expect(staff.getRow(1).getCell(4).value).toBe('沟通及时率');
    pack.byStaff.forEach((r: { name: string; met: number; breached: number; timelinessRate: number | null; closed: number }, i: number) => {
      const row = staff.getRow(i + 2);
      expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(5).value], r.name).toEqual([r.name, r.met, r.breached, r.closed]);
      expect(row.getCell(4).value ?? null).toBe(r.timelinessRate);
      expect(row.getCell(4).numFmt).toBe('0.0%');
    });
    const trend = book.getWorksheet('近十二个月趋势')!;
    expect(trend.getColumn(1).values.slice(2)).toEqual(pack.trend.map((r: { key: string }) => r.key));

    const pdf = await download(manager, `/api/exports/monthly-pack?projectId=${projectId}&month=${MONTH}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.bytes.toString('latin1');
    expect(text).toMatch(/\/Type \/Page\b/);
    // the Chinese font is embedded (a subset), so the pack prints on a machine without it
    expect(text).toMatch(/\/FontFile2/);
    expect(text).toMatch(/NotoSansSC/);

    const logged = await (t.deps.database.db as any)
      .selectFrom('auditLog')
      .select(['targetId', 'detail', 'projectId'])
      .where('action', '=', 'export')
      .where('targetId', '=', 'monthly_pack')
      .execute();
    expect(logged.map((l: { detail: string | { format: string } }) => (typeof l.detail === 'string' ? JSON.parse(l.detail) : l.detail).format).sort()).toEqual([
      'pdf',
      'xlsx',
    ]);
    expect(logged.every((l: { projectId: string }) => l.projectId === projectId)).toBe(true);
  });

  it('shows each corrective measure with its state and the quality department’s verification (效果验证), in the JSON and the .xlsx', async () => {
    const manager = await t.login('manager1');
    const projectId = t.a.projects.CUIHU!.id;
    const recorded = await t.request(manager, {
      method: 'POST',
      url: '/api/complaint-measures',
      payload: { projectId, category: '电梯噪音', month: MONTH, measure: '电梯导轨每周润滑', responsibleId: t.a.staff.supervisor1!, dueDate: '2026-12-15' },
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id;
    const packOf = async () =>
      (await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${projectId}&month=${MONTH}` })).body.causes.find(
        (c: { category: string }) => c.category === '电梯噪音',
      );
    expect((await packOf()).measures).toEqual([
      { measure: '电梯导轨每周润滑', responsibleName: expect.any(String), dueDate: '2026-12-15', status: 'planned', resultNote: null, effective: null },
    ]);
    expect((await t.request(manager, { method: 'POST', url: `/api/complaint-measures/${id}/done`, payload: { resultNote: '已润滑，异响消除' } })).status).toBe(
      200,
    );
    const verified = await t.request(await t.login('quality'), {
      method: 'POST',
      url: `/api/complaint-measures/${id}/verify`,
      payload: { effective: true, note: '次月回访无异响' },
    });
    expect(verified.status).toBe(200);
    expect((await packOf()).measures[0]).toMatchObject({ status: 'done', resultNote: '已润滑，异响消除', effective: true });
    const xlsx = await download(manager, `/api/exports/monthly-pack?projectId=${projectId}&month=${MONTH}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('投诉原因与纠正措施')!;
    expect(sheet.getRow(1).getCell(11).value).toBe('效果验证');
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === '电梯噪音')!;
    expect([row.getCell(6).value, row.getCell(9).value, row.getCell(10).value, row.getCell(11).value]).toEqual([
      '电梯导轨每周润滑',
      '已完成',
      '已润滑，异响消除',
      '已验证·有效',
    ]);
  });

  it('is refused outside the reader’s projects, to those who read no reports, and for a month that is no month', async () => {
    const cuihu = t.a.projects.CUIHU!.id;
    const manager2 = await t.login('manager2');
    const other = await t.request(manager2, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${cuihu}&month=${MONTH}` });
    expect(other.status).toBe(404);
    expect((await download(manager2, `/api/exports/monthly-pack?projectId=${cuihu}&month=${MONTH}&format=pdf`)).status).toBe(404);
    const agent = await t.login('agent1');
    expect((await t.request(agent, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${cuihu}&month=${MONTH}` })).status).toBe(403);
    const manager = await t.login('manager1');
    const bad = await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?projectId=${cuihu}&month=2026-13` });
    expect(bad.body).toMatchObject({ code: 'FIELD_INVALID', field: 'query.month' });
    const none = await t.request(manager, { method: 'GET', url: `/api/reports/monthly-pack?month=${MONTH}` });
    expect(none.body).toMatchObject({ field: 'query.projectId' });
    const format = await download(manager, `/api/exports/monthly-pack?projectId=${cuihu}&month=${MONTH}&format=docx`);
    expect([format.status, format.json().field]).toEqual([400, 'query.format']);
  });
});
