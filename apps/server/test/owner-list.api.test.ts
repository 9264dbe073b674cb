import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The owner list (业主, issue 12 item 4): search by name, a whole phone or its last 4 digits (尾号),
 * a unit as written (1-2-301, 1栋2单元301, 1#2-301); filters project, building, grade, special needs,
 * current or former owners; pages; contacts masked; only the staff member's projects.
 */
let t: TestContext;
const ids = {} as Record<string, string>;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.login('admin');
  const agent = await t.login('agent1');
  const unit = async (building: 'B1' | 'B2', code: string, entrance: string | null) => {
    const res = await t.request(admin, {
      method: 'POST',
      url: `/api/buildings/${t.a.projects.CUIHU!.buildings[building]!.id}/units`,
      payload: { code, ...(entrance ? { entrance } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  ids.u1 = await unit('B1', '301', '2'); // 1栋-2单元-301
  ids.u2 = await unit('B2', '301', '2'); // 2栋-2单元-301
  const moveIn = async (unitId: string, owner: Record<string, unknown>) => {
    const res = await t.request(agent, { method: 'POST', url: '/api/move-ins', payload: { unitId, moveInDate: '2026-10-01', owner } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  ids.yang = await moveIn(ids.u1, {
    name: '杨列表',
    grade: 'vip',
    contacts: [{ kind: 'phone', value: '13712348765' }],
    specialNeeds: '轮椅出行，需无障碍通道',
  });
  // special needs typed as a spreadsheet would take a formula: the export keeps it text
  ids.zhou = await moveIn(ids.u2, { name: '周列表', contacts: [{ kind: 'phone', value: '13698768765' }], specialNeeds: '=1+1 需要助行' });
});
afterAll(async () => t?.close());

const list = async (query: string, who = 'agent1') => {
  const res = await t.request(await t.login(who), { method: 'GET', url: `/api/owners?limit=200&${query}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; name: string; contacts: { value: string }[]; units: { unitId: string }[] }[];
};
const names = async (query: string, who = 'agent1') => (await list(query, who)).map((o) => o.name).sort();

describe('search', () => {
  it('by the last 4 digits of a phone (尾号): every owner whose phone ends so, masked', async () => {
    const found = await list('q=8765');
    expect(found.map((o) => o.name).sort()).toEqual(['周列表', '杨列表']);
    expect(found.flatMap((o) => o.contacts.map((c) => c.value)).sort()).toEqual(['136****8765', '137****8765']);
    expect(JSON.stringify(found)).not.toContain('13712348765');
    // 4 digits in the middle of a number are not its last four
    expect(await names('q=1234')).toEqual([]);
  });

  it('by a whole phone, with or without +86 and dashes', async () => {
    expect(await names('q=13712348765')).toEqual(['杨列表']);
    expect(await names(`q=${encodeURIComponent('+86 137-1234-8765')}`)).toEqual(['杨列表']);
  });

  it('by the unit as written: 1-2-301, 1栋2单元301, 1#2-301 name one unit; 301 alone is a room number in any building', async () => {
    for (const q of ['1-2-301', '1栋2单元301', '1#2-301', '1栋-2单元-301']) expect(await names(`q=${encodeURIComponent(q)}`), q).toEqual(['杨列表']);
    expect(await names(`q=${encodeURIComponent('2-2-301')}`)).toEqual(['周列表']);
    expect(await names('q=301')).toEqual(['周列表', '杨列表']);
    expect(await names(`q=${encodeURIComponent('9-9-301')}`)).toEqual([]);
  });

  it('by name, a part of it', async () => {
    expect(await names(`q=${encodeURIComponent('杨列')}`)).toEqual(['杨列表']);
  });
});

describe('filters', () => {
  it('building, grade, special needs (any, none, a text), project', async () => {
    const b1 = t.a.projects.CUIHU!.buildings.B1!.id;
    const b1Names = await names(`buildingId=${b1}`);
    expect(b1Names).toContain('杨列表');
    expect(b1Names).toContain('张伟');
    expect(b1Names).not.toContain('周列表');
    expect(b1Names).not.toContain('王芳'); // 2栋
    expect(await names('grade=vip')).toEqual(['张伟', '杨列表']);
    expect(await names(`grade=vip&buildingId=${b1}&q=8765`)).toEqual(['杨列表']);
    const needs = await names('hasSpecialNeeds=true');
    expect(needs).toEqual(['周列表', '杨列表', '王芳']);
    expect(await names('hasSpecialNeeds=false')).not.toContain('杨列表');
    expect(await names(`specialNeeds=${encodeURIComponent('轮椅')}`)).toEqual(['杨列表']);
    expect(await names(`projectId=${t.a.projects.CUIHU!.id}&q=8765`)).toEqual(['周列表', '杨列表']);
    // company-wide: the other project's owners too, and only them with its filter
    expect(await names(`projectId=${t.a.projects.BINJIANG!.id}`, 'admin')).toEqual(['刘洋']);
  });

  it('pages: limit and offset walk the list in name order without repeats', async () => {
    const all = (await list('')).map((o) => o.id);
    expect(all.length).toBeGreaterThan(3);
    const pages: string[] = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/owners?limit=2&offset=${offset}` });
      pages.push(...res.body.map((o: { id: string }) => o.id));
    }
    expect(pages).toEqual(all);
  });
});

describe('scope', () => {
  it('another project’s desk sees none of these owners, whatever it searches; a building of another project is not found', async () => {
    expect(await names('q=8765', 'agent2')).toEqual([]);
    expect(await names(`q=${encodeURIComponent('1-2-301')}`, 'agent2')).toEqual([]);
    expect(await names(`projectId=${t.a.projects.CUIHU!.id}`, 'agent2')).toEqual([]);
    const res = await t.request(await t.login('agent2'), { method: 'GET', url: `/api/owners?buildingId=${t.a.projects.CUIHU!.buildings.B1!.id}` });
    expect([res.status, res.body.code, res.body.field]).toEqual([404, 'BUILDING_NOT_FOUND', 'query.buildingId']);
    expect((await t.request(await t.login('b_admin'), { method: 'GET', url: '/api/owners?q=8765' })).body).toEqual([]);
    expect((await t.request(await t.login('tech1'), { method: 'GET', url: '/api/owners' })).status).toBe(403);
  });
});

describe('the export (GET /api/exports/owners)', () => {
  const download = async (who: string, query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/exports/owners?${query}`, headers: { authorization: `Bearer ${await t.login(who)}` } });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() };
  };
  const sheetOf = async (bytes: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets[0]!;
  };
  const column = (ws: ExcelJS.Worksheet, header: string) => {
    const at = (ws.getRow(1).values as unknown[]).indexOf(header);
    expect(at, header).toBeGreaterThan(0);
    return (ws.getSheetValues().slice(2) as unknown[][]).map((r) => r[at]);
  };

  it('.xlsx: the very rows of the list with the same filters, phones masked as on screen, a date cell, formula-like text kept text', async () => {
    const res = await download('agent1', 'q=8765');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ws = await sheetOf(res.bytes);
    expect(ws.name).toBe('业主名单');
    const shown = await list('q=8765');
    expect(column(ws, '姓名')).toEqual(shown.map((o) => o.name));
    expect(column(ws, '电话')).toEqual(['136****8765', '137****8765']);
    expect(column(ws, '房屋')).toEqual(['2栋-301（主业主）', '1栋-301（主业主）']);
    expect(column(ws, '入住日期').every((d) => d instanceof Date)).toBe(true);
    expect(column(ws, '特殊需求')).toEqual(['=1+1 需要助行', '轮椅出行，需无障碍通道']);
    expect(res.bytes.toString('latin1')).not.toContain('<f>');
    // every owner of the caller's projects by default, none of another project's
    const all = await sheetOf((await download('agent1', '')).bytes);
    expect(column(all, '姓名').sort()).toEqual((await list('')).map((o) => o.name).sort());
    expect(column(all, '姓名')).not.toContain('刘洋');
  });

  it('CSV, logged in the audit log with the filters and the row count', async () => {
    const before = await t.count('audit_log');
    const res = await download('agent1', `format=csv&grade=vip&buildingId=${t.a.projects.CUIHU!.buildings.B1!.id}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv/);
    const text = res.bytes.toString('utf8');
    expect(text).toContain('杨列表');
    expect(text).toContain('137****8765');
    expect(text).not.toContain('13712348765');
    expect(await t.count('audit_log')).toBe(before + 1);
    const entry = await (t.deps.database.db as any) // eslint-disable-line @typescript-eslint/no-explicit-any
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(entry).toMatchObject({ actorId: t.a.staff.agent1, targetId: 'owners' });
    expect(JSON.parse(entry.detail)).toMatchObject({
      table: 'owners',
      format: 'csv',
      filters: { grade: 'vip', buildingId: t.a.projects.CUIHU!.buildings.B1!.id, tenure: 'current' },
      rows: 2,
      complete: true,
    });
  });

  it('refusals before the file begins: a role without owner.read, another project’s building; nothing logged', async () => {
    const before = await t.count('audit_log');
    expect((await download('tech1', '')).status).toBe(403);
    const other = await download('agent2', `buildingId=${t.a.projects.CUIHU!.buildings.B1!.id}`);
    expect([other.status, other.json().code, other.json().field]).toEqual([404, 'BUILDING_NOT_FOUND', 'query.buildingId']);
    expect((await download('agent1', 'format=pdf')).status).toBe(400);
    expect(await t.count('audit_log')).toBe(before);
  });
});
