import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * 工单搜索 (issue 11, docs/decisions/0014) over the real indexes on both databases: two-character
 * Chinese words, case numbers and their suffixes, a phone's last four digits, unit addresses in both
 * forms, highlighting, and scope (owners' own cases, no internal notes for them, other projects,
 * complaints against the reader).
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

interface Item {
  id: string;
  number: string;
  searchSnippet?: { field: string; text: string; ranges: [number, number][] } | null;
}
const search = async (token: string, q: string, extra = '') => {
  const res = await t.request(token, { method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}${extra}` });
  expect(res.status).toBe(200);
  return res.body as { items: Item[]; nextCursor: string | null };
};
const ids = async (token: string, q: string) => (await search(token, q)).items.map((i) => i.id);
const marked = (s: Item['searchSnippet']) => (s ? s.ranges.map(([a, b]) => s.text.slice(a, b)) : []);

async function create(token: string, payload: Record<string, unknown>) {
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, channel: 'hotline', type: 'inquiry', ...payload },
  });
  expect(res.status).toBe(201);
  return res.body.case as { id: string; number: string; version: number };
}
const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });

describe('full text (Chinese bigrams)', () => {
  let agent: string;
  let parrot: { id: string; number: string };
  beforeAll(async () => {
    agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    parrot = await create(agent, { type: 'repair', description: '三楼鹦鹉笼旁的水管漏水', ownerId: z.id, unitId: z.unitId, repairGrade: 'normal' });
  });

  it('a two-character word, a single character, several words (AND) and a longer phrase match; a word not in the text does not', async () => {
    expect(await ids(agent, '鹦鹉')).toEqual([parrot.id]);
    expect(await ids(agent, '鹉笼')).toEqual([parrot.id]);
    expect(await ids(agent, '鹦鹉笼')).toEqual([parrot.id]);
    expect(await ids(agent, '鹦')).toContain(parrot.id);
    expect(await ids(agent, '鹦鹉 水管')).toEqual([parrot.id]);
    expect(await ids(agent, '鹦笼')).toEqual([]);
    expect(await ids(agent, '鹦鹉 琵琶')).toEqual([]);
  });

  it('says where it matched, for highlighting', async () => {
    const [hit] = (await search(agent, '鹦鹉')).items;
    expect(hit!.searchSnippet).toMatchObject({ field: 'title' });
    expect(marked(hit!.searchSnippet)).toEqual(['鹦鹉']);
    const lists = await t.request(agent, { method: 'GET', url: '/api/cases?limit=5' });
    expect(lists.body.items[0]).not.toHaveProperty('searchSnippet');
  });

  it('replies are found by the owner and staff; internal notes by staff only; the owner finds only their own cases', async () => {
    const lina = t.a.owners.lina!;
    const c = await create(agent, { description: '咨询停车位', ownerId: lina.id, unitId: lina.unitId });
    expect((await cmd(agent, c.id, { type: 'add_note', content: '内部备注：琵琶声扰民' })).status).toBe(200);
    expect((await cmd(agent, c.id, { type: 'message', direction: 'outbound', content: '已安排师傅，琥珀色车位' })).status).toBe(200);
    const owner = await t.ownerLogin(lina.portalLogin);
    const note = (await search(agent, '琵琶')).items;
    expect(note.map((i) => i.id)).toEqual([c.id]);
    expect(note[0]!.searchSnippet?.field).toBe('note');
    expect(marked(note[0]!.searchSnippet)).toEqual(['琵琶']);
    expect(await ids(owner, '琵琶')).toEqual([]);
    const reply = (await search(owner, '琥珀')).items;
    expect(reply.map((i) => i.id)).toEqual([c.id]);
    expect(reply[0]!.searchSnippet?.field).toBe('message');
    // another owner's case: not found by lina
    expect(await ids(owner, '鹦鹉')).toEqual([]);
  });

  it('another project’s cases are not found; a complaint against the reader is not found by them', async () => {
    expect(await ids(await t.login('agent2'), '鹦鹉')).toEqual([]);
    const lina = t.a.owners.lina!;
    const complaint = await create(agent, {
      type: 'complaint',
      category: '客服主管态度',
      description: '投诉客服主管，翡翠小区',
      ownerId: lina.id,
      unitId: lina.unitId,
      accusedParty: 'staff',
      accusedStaffId: t.a.staff.supervisor1,
      apologized: true,
      readBack: true,
    });
    expect(await ids(agent, '翡翠')).toEqual([complaint.id]);
    expect(await ids(await t.login('supervisor1'), '翡翠')).toEqual([]);
    expect(await ids(await t.login('supervisor1'), complaint.number)).toEqual([]);
  });

  it('ranks by where and how often the words stand, not by age: twice before once, the case text before a reply', async () => {
    const short = await create(agent, { title: '琉璃色的水渍', description: '客厅天花板' });
    const twice = await create(agent, { title: '卧室水渍', description: '琉璃色水渍，卧室也有琉璃色水渍' });
    const once = await create(agent, { title: '阳台水渍', description: '阳台角落有琉璃色水渍，面积不大，业主希望尽快派人查看并处理' });
    const inReply = await create(agent, { title: '厨房发霉', description: '厨房墙面发霉' });
    expect((await cmd(agent, inReply.id, { type: 'message', direction: 'outbound', content: '琉璃色的痕迹是旧水渍' })).status).toBe(200);
    // newest first would be the reverse of the creation order
    const order = await ids(agent, '琉璃');
    expect(order).toHaveLength(4);
    expect(new Set(order)).toEqual(new Set([twice.id, short.id, once.id, inReply.id]));
    expect(order[0]).toBe(twice.id);
    expect(order[3]).toBe(inReply.id);
  });

  it('pages through ranked hits; a bad cursor names the field', async () => {
    for (let i = 0; i < 3; i++) await create(agent, { description: `玛瑙问题第${i}次` });
    const first = await search(agent, '玛瑙', '&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await search(agent, '玛瑙', `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
    const bad = await t.request(agent, {
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent('玛瑙')}&cursor=${Buffer.from('ranked:-1').toString('base64url')}`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('query.cursor');
  });
});

describe('look-ups from indexes', () => {
  let agent: string;
  beforeAll(async () => {
    agent = await t.login('agent1');
  });

  it('a case number: whole, date and serial, serial with zeros, serial alone', async () => {
    const c = await create(agent, { description: '编号查找' });
    const [, date, serial] = c.number.split('-') as [string, string, string];
    for (const q of [c.number, c.number.toLowerCase(), `${date}-${serial}`, serial, String(Number(serial))]) {
      const found = (await search(agent, q)).items;
      expect(
        found.map((i) => i.id),
        q,
      ).toContain(c.id);
      const hit = found.find((i) => i.id === c.id)!;
      expect(hit.searchSnippet?.field).toBe('number');
      expect(hit.searchSnippet?.text).toBe(c.number);
    }
    // the serial is matched whole: 1 more digit in front is another case
    expect(await ids(agent, `9${serial}`)).not.toContain(c.id);
  });

  it('a phone’s last four digits and the whole phone find the owner’s cases and the recorded caller’s', async () => {
    const z = t.a.owners.zhangwei!;
    const mine = await create(agent, { description: '尾号查找', ownerId: z.id, unitId: z.unitId });
    const caller = await create(agent, { description: '来电人尾号', caller: { name: '赵先生', phone: '13712345678' } });
    const last4 = z.portalLogin.slice(-4);
    const byLast4 = (await search(agent, last4)).items;
    expect(byLast4.map((i) => i.id)).toContain(mine.id);
    expect(byLast4.find((i) => i.id === mine.id)!.searchSnippet).toMatchObject({ field: 'phone', ranges: [[7, 11]] });
    expect(await ids(agent, z.portalLogin)).toContain(mine.id);
    expect(await ids(agent, '5678')).toContain(caller.id);
    expect(await ids(agent, '13712345678')).toContain(caller.id);
    expect(await ids(agent, '13712340000')).not.toContain(caller.id);
  });

  it('a unit as 1栋101 and, with an entrance, as 2-1-1811 and 2栋1811', async () => {
    const z = t.a.owners.zhangwei!;
    const c = await create(agent, { description: '按房号查找', ownerId: z.id, unitId: z.unitId });
    const byUnit = (await search(agent, '1栋101')).items;
    expect(byUnit.map((i) => i.id)).toContain(c.id);
    expect(byUnit.find((i) => i.id === c.id)!.searchSnippet).toMatchObject({ field: 'unit', text: '1栋-1单元-101' });
    const admin = await t.login('admin');
    const unit = await t.request(admin, {
      method: 'POST',
      url: `/api/buildings/${t.a.projects.CUIHU!.buildings.B2!.id}/units`,
      payload: { code: '1811', entrance: '1' },
    });
    expect(unit.status).toBe(201);
    const high = await create(agent, { description: '高层漏水', unitId: unit.body.id });
    expect(await ids(agent, '2-1-1811')).toEqual([high.id]);
    expect(await ids(agent, '2栋1811')).toEqual([high.id]);
    expect(await ids(agent, '3-1-1811')).toEqual([]);
    expect(await ids(await t.login('agent2'), '2-1-1811')).toEqual([]);
  });

  it('nothing to search for (only punctuation): an empty page', async () => {
    expect((await search(agent, '，。！')).items).toEqual([]);
  });
});
