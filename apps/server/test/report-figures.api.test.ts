import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Issue 16 item 5: the reports' figures against an independent count over a generated month. Cases
 * are made and handled through the API over ten days with a seeded generator (answered and closed,
 * closed out of scope, reopened then closed, complaints left running past their clocks), then every
 * grouping of 沟通及时率 and 问题处理成功率 is recounted here from the cases and clocks tables
 * (local dates by Intl, not by the server's code) and compared; each figure's list
 * (GET /api/reports/items) has the figure as its total and the counted cases as its items.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

/** mulberry32: the same month every run. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PERIOD = { from: '2026-11-01', to: '2027-01-01' };
const query = (q: Record<string, string | undefined>) =>
  Object.entries({ ...PERIOD, ...q })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');

const localDate = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

async function generateMonth() {
  const random = generator(20261206);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const offices = [
    { agent: 'agent1', project: t.a.projects.CUIHU!.id },
    { agent: 'agent2', project: t.a.projects.BINJIANG!.id },
  ];
  for (let i = 0; i < 36; i += 1) {
    // a few hours between cases: sessions idle out, so each step signs in afresh
    t.advance(60 + Math.floor(random() * 300));
    t.forgetLogins();
    const office = pick(offices);
    const token = await t.login(office.agent);
    const scenario = pick(['resolved', 'resolved', 'out_of_scope', 'reopened', 'complaint', 'open'] as const);
    const open = async (payload: Record<string, unknown>) => {
      const res = await t.request(token, { method: 'POST', url: '/api/cases', payload: { projectId: office.project, channel: 'hotline', ...payload } });
      expect(res.status).toBe(201);
      return res.body.case.id as string;
    };
    const cmd = async (id: string, command: Record<string, unknown>) =>
      expect((await t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } })).status).toBe(200);
    if (scenario === 'complaint') {
      await open({ type: 'complaint', description: '投诉', category: pick(['噪音', '停车', '卫生']), apologized: true, readBack: true });
      continue;
    }
    const id = await open({ type: 'inquiry', description: '咨询' });
    if (scenario === 'open') continue;
    if (scenario === 'out_of_scope') {
      await cmd(id, { type: 'close_out_of_scope', reason: '属于市政管辖' });
      continue;
    }
    await cmd(id, { type: 'answer', content: '您好，已答复' });
    if (scenario === 'reopened') {
      await cmd(id, { type: 'record_satisfaction', satisfied: false });
      await cmd(id, { type: 'answer', content: '您好，再次答复' });
    }
    const rating = pick([null, 3, 4, 5]);
    await cmd(id, { type: 'record_satisfaction', satisfied: true, ...(rating ? { rating } : {}) });
    await cmd(id, { type: 'close' });
  }
}

type Row = Record<string, unknown>;
const db = () => t.deps.database.db as unknown as { selectFrom: (x: string) => { selectAll: () => { execute: () => Promise<Row[]> } } };

/** Closed cases and counted clocks of the period, recounted from the tables. */
async function recount() {
  const projects = new Map((await db().selectFrom('projects').selectAll().execute()).map((p) => [String(p.id), String(p.timeZone)]));
  const cases = await db().selectFrom('cases').selectAll().execute();
  const clocks = await db().selectFrom('slaClocks').selectAll().execute();
  const inPeriod = (d: string) => d >= PERIOD.from && d < PERIOD.to;
  const closed = cases
    .filter((c) => c.status === 'closed' && c.closedAt)
    .map((c): Row & { local: string } => ({ ...c, local: localDate(String(c.closedAt), projects.get(String(c.projectId))!) }))
    .filter((c) => inPeriod(c.local));
  const now = t.deps.now();
  const counted = clocks
    .filter((k) => k.dueAt && (k.result === 'met' || k.result === 'breached' || (k.result === null && String(k.dueAt) < now)))
    .map((k): Row & { local: string; met: boolean } => ({
      ...k,
      local: localDate(String(k.dueAt), projects.get(String(k.projectId))!),
      met: k.result === 'met',
    }))
    .filter((k) => inPeriod(k.local));
  return { closed, counted };
}

const OUTCOME_KEY: Record<string, (c: Row & { local: string }) => string> = {
  month: (c) => c.local.slice(0, 7),
  project: (c) => String(c.projectId),
  department: (c) => (c.departmentId as string | null) ?? '-',
  staff: (c) => ((c.assigneeId ?? c.firstReceiverId) as string | null) ?? '-',
  type: (c) => String(c.type),
};
const CLOCK_KEY: Record<string, (k: Row & { local: string }) => string | null> = {
  month: (k) => k.local.slice(0, 7),
  project: (k) => String(k.projectId),
  department: (k) => (k.departmentId as string | null) ?? null,
  staff: (k) => (k.assigneeId as string | null) ?? null,
  type: (k) => String(k.caseType),
  clock: (k) => String(k.kind),
};

const resolvedFirstTime = (c: Row) => Number(c.satisfied) === 1 && Number(c.reopenCount) === 0 && c.closeReason === 'resolved';

describe(`the reports against an independent count over a generated month (${TEST_DB})`, () => {
  it('every grouping of timeliness and outcomes equals a recount from the tables, and each figure’s list is what it counts', async () => {
    await generateMonth();
    const leader = await t.login('leader');
    const { closed, counted } = await recount();
    // the month really holds each kind of case the figures tell apart
    expect(closed.some((c) => c.closeReason === 'out_of_scope')).toBe(true);
    expect(closed.some((c) => Number(c.reopenCount) > 0)).toBe(true);
    expect(counted.some((k) => k.met)).toBe(true);
    expect(counted.some((k) => !k.met)).toBe(true);

    for (const groupBy of Object.keys(OUTCOME_KEY)) {
      const groups = new Map<string, (typeof closed)[number][]>();
      for (const c of closed) groups.set(OUTCOME_KEY[groupBy]!(c), [...(groups.get(OUTCOME_KEY[groupBy]!(c)) ?? []), c]);
      const want = [...groups]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, cs]) => {
          const outOfScope = cs.filter((c) => c.closeReason === 'out_of_scope').length;
          const asked = cs.filter((c) => c.satisfied !== null).length;
          const rated = cs.filter((c) => c.rating !== null);
          return {
            key,
            closed: cs.length,
            outOfScope,
            reopened: cs.filter((c) => Number(c.reopenCount) > 0).length,
            resolvedFirstTime: cs.filter(resolvedFirstTime).length,
            successRate: ratio(cs.filter(resolvedFirstTime).length, cs.length - outOfScope),
            satisfactionRate: ratio(cs.filter((c) => Number(c.satisfied) === 1).length, asked),
            averageRating: rated.length ? Math.round((rated.reduce((a, c) => a + Number(c.rating), 0) / rated.length) * 100) / 100 : null,
          };
        });
      const res = await t.request(leader, { method: 'GET', url: `/api/reports/outcomes?${query({ groupBy })}` });
      expect(res.status).toBe(200);
      expect(res.body.rows, `outcomes by ${groupBy}`).toEqual(want);
      // each row's lists: their totals are the row's figures, their items the cases counted
      for (const row of want) {
        const expected = groups.get(row.key)!;
        const lists: [string, number, (c: Row) => boolean][] = [
          ['closed', row.closed, () => true],
          ['outOfScope', row.outOfScope, (c) => c.closeReason === 'out_of_scope'],
          ['reopened', row.reopened, (c) => Number(c.reopenCount) > 0],
          ['resolved', row.resolvedFirstTime, resolvedFirstTime],
          ['unresolved', row.closed - row.outOfScope - row.resolvedFirstTime, (c) => c.closeReason !== 'out_of_scope' && !resolvedFirstTime(c)],
        ];
        for (const [measure, figure, which] of lists) {
          const items = await t.request(leader, {
            method: 'GET',
            url: `/api/reports/items?${query({ report: 'outcomes', groupBy, key: row.key, measure, limit: '200' })}`,
          });
          expect(items.status).toBe(200);
          expect(items.body.total, `${groupBy} ${row.key} ${measure}`).toBe(figure);
          expect(items.body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual(
            expected
              .filter(which)
              .map((c) => String(c.id))
              .sort(),
          );
        }
      }
    }

    for (const groupBy of Object.keys(CLOCK_KEY)) {
      const groups = new Map<string | null, { met: number; breached: number }>();
      for (const k of counted) {
        const key = CLOCK_KEY[groupBy]!(k);
        const g = groups.get(key) ?? { met: 0, breached: 0 };
        if (k.met) g.met += 1;
        else g.breached += 1;
        groups.set(key, g);
      }
      const want = [...groups]
        .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))
        .map(([key, g]) => ({ key, met: g.met, breached: g.breached, total: g.met + g.breached, rate: ratio(g.met, g.met + g.breached) }));
      const res = await t.request(leader, { method: 'GET', url: `/api/reports/timeliness?${query({ groupBy })}` });
      expect(res.status).toBe(200);
      const byKey = (a: { key: string | null }, b: { key: string | null }) => ((a.key ?? '') < (b.key ?? '') ? -1 : 1);
      expect([...res.body.rows].sort(byKey), `timeliness by ${groupBy}`).toEqual(want);
      for (const row of want) {
        for (const measure of ['met', 'breached', 'all'] as const) {
          const items = await t.request(leader, {
            method: 'GET',
            url: `/api/reports/items?${query({ report: 'timeliness', groupBy, key: row.key ?? '-', measure, limit: '200' })}`,
          });
          expect(items.body.total, `${groupBy} ${row.key} ${measure}`).toBe(measure === 'all' ? row.total : row[measure]);
          // the total is the rollups' figure; the page is read from the clocks: as many as counted
          expect(items.body.items).toHaveLength(Math.min(items.body.total, 200));
          expect(items.body.items.every((i: { result: string }) => measure === 'all' || i.result === measure)).toBe(true);
        }
      }
    }

    // complaint categories: each category's list is its count
    const outcomes = await t.request(leader, { method: 'GET', url: `/api/reports/outcomes?${query({})}` });
    for (const c of outcomes.body.complaintCategories as { category: string | null; count: number }[]) {
      const items = await t.request(leader, {
        method: 'GET',
        url: `/api/reports/items?${query({ report: 'complaints', key: c.category ?? '-', limit: '200' })}`,
      });
      expect(items.body.total).toBe(c.count);
      expect(items.body.items).toHaveLength(Math.min(c.count, 200));
      expect(items.body.items.every((i: { type: string; category: string | null }) => i.type === 'complaint' && i.category === c.category)).toBe(true);
    }
  }, 300_000);

  it('keeps to the reader’s projects, pages, and refuses what it cannot list', async () => {
    const binjiang = t.a.projects.BINJIANG!.id;
    const manager1 = await t.login('manager1');
    // manager1 runs CUIHU: BINJIANG is not theirs to open, and their total list holds only CUIHU
    expect((await t.request(manager1, { method: 'GET', url: `/api/reports/items?${query({ report: 'outcomes', projectId: binjiang })}` })).status).toBe(404);
    const mine = await t.request(manager1, { method: 'GET', url: `/api/reports/items?${query({ report: 'outcomes', limit: '200' })}` });
    expect(mine.body.items.every((i: { projectId: string }) => i.projectId === t.a.projects.CUIHU!.id)).toBe(true);
    // paging: two pages of one are the first two items
    const first = await t.request(manager1, { method: 'GET', url: `/api/reports/items?${query({ report: 'outcomes', limit: '1' })}` });
    const second = await t.request(manager1, { method: 'GET', url: `/api/reports/items?${query({ report: 'outcomes', limit: '1', offset: '1' })}` });
    expect([first.body.items[0].caseId, second.body.items[0].caseId]).toEqual(mine.body.items.slice(0, 2).map((i: { caseId: string }) => i.caseId));
    expect(first.body.total).toBe(mine.body.total);
    // a complaint against the office's management leaves manager1's figures and lists (decision 0015),
    // never the company's: the total (from the rollups) and the page (from the cases) agree for both
    const agent1 = await t.login('agent1');
    const against = await t.request(agent1, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        channel: 'hotline',
        type: 'complaint',
        description: '投诉管理处',
        category: '服务态度',
        accusedParty: 'office_management',
        apologized: true,
        readBack: true,
      },
    });
    expect(against.status).toBe(201);
    const complaintsOf = async (token: string) =>
      (await t.request(token, { method: 'GET', url: `/api/reports/items?${query({ report: 'complaints', key: '服务态度', limit: '200' })}` })).body;
    const managers = await complaintsOf(manager1);
    expect(managers).toMatchObject({ total: 0, items: [] });
    const leaders = await complaintsOf(await t.login('leader'));
    expect(leaders.total).toBe(1);
    expect(leaders.items.map((i: { caseId: string }) => i.caseId)).toEqual([against.body.case.id]);
    // agents read no reports
    expect((await t.request(agent1, { method: 'GET', url: `/api/reports/items?${query({ report: 'outcomes' })}` })).status).toBe(403);
    const wrong = await t.request(manager1, {
      method: 'GET',
      url: `/api/reports/items?${query({ report: 'timeliness', measure: 'reopened' })}`,
      headers: { 'accept-language': 'en' },
    });
    expect(wrong.body).toMatchObject({ code: 'FIELD_INVALID', field: 'query.measure' });
    expect(wrong.body.message).toContain('one of all, met, breached');
  });
});
