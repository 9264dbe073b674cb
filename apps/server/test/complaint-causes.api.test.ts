import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Complaint causes ranked, each main cause with its corrective measure (纠正措施): issue 16 item 1,
 * decision 0039, over HTTP on a real database. A month of complaints is generated in 翠湖花园 across
 * categories (and one in 滨江壹号); the report's ranking, counts and shares are checked against a count
 * of the generated cases made here, the main causes (80 %) against a walk down that count. 李明 (office
 * manager) records measures and marks one done; the quality officer sees and writes every project's;
 * the reporters without complaint.measure, and 滨江壹号's manager, are refused and change nothing.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!.id;
const binjiang = () => t.a.projects.BINJIANG!.id;
/** 24 complaints: 9 噪音, 6 停车, 4 保洁, 2 维修, 1 绿化, 2 not categorized; in a fixed shuffled order. */
const GENERATED: (string | null)[] = (() => {
  const bag = [
    ...Array<string>(9).fill('噪音'),
    ...Array<string>(6).fill('停车'),
    ...Array<string>(4).fill('保洁'),
    ...Array<string>(2).fill('维修'),
    '绿化',
    null,
    null,
  ];
  // a deterministic shuffle (linear congruential), so categories are spread over the month
  let seed = 16;
  for (let i = bag.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [bag[i], bag[j]] = [bag[j]!, bag[i]!];
  }
  return bag;
})();
type Measure = { id: string; month: string; effective?: boolean | null };
type Cause = { category: string | null; count: number; share: number; main: boolean; rank: number; state: string | null; measures: Measure[] };
type Report = { causes: Cause[] };
const FROM = '2026-11-25';
const TO = '2026-12-25';

async function as(user: string, method: 'GET' | 'POST', url: string, payload?: unknown, lang?: string) {
  return t.request(await t.login(user), { method, url, payload: payload as any, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
}
async function state() {
  const rows = await t.deps.database.db.selectFrom('complaintMeasures').selectAll().orderBy('id').execute();
  return `${await t.fingerprint()} ${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
}
const report = (user: string, query = `?from=${FROM}&to=${TO}&projectId=${cuihu()}`) => as(user, 'GET', `/api/reports/complaint-causes${query}`);
const measure = (change: Record<string, unknown> = {}) => ({
  projectId: cuihu(),
  category: '噪音',
  month: '2026-11',
  measure: '夜间22:00后加强巡逻，装修施工时间公示并逐户告知',
  responsibleId: t.a.staff.supervisor1!,
  dueDate: '2026-12-31',
  ...change,
});

describe('complaint causes ranked with their corrective measures (投诉原因分析, 纠正措施)', () => {
  it('ranks a month of complaints as generated, marks the main causes, and tracks their measures to done', async () => {
    // a complaint every 30 hours from 25 November: the last on 24 December, all inside [FROM, TO)
    const received: { category: string | null; on: string }[] = [];
    for (const [i, category] of GENERATED.entries()) {
      if (i > 0) {
        t.advance(30 * 60);
        t.forgetLogins();
      }
      const res = await as('supervisor1', 'POST', '/api/cases', {
        projectId: cuihu(),
        type: 'complaint',
        channel: 'hotline',
        description: `投诉${i}`,
        ...(category ? { category } : {}),
        apologized: true,
        readBack: true,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      received.push({ category, on: t.deps.now() });
    }
    // one of 滨江壹号, counted only where that project is read
    const other = await as('agent2', 'POST', '/api/cases', {
      projectId: binjiang(),
      type: 'complaint',
      channel: 'hotline',
      description: '投诉',
      category: '电梯',
      apologized: true,
      readBack: true,
    });
    expect(other.status).toBe(201);

    // the count made here, from what was generated
    const tally = new Map<string | null, number>();
    for (const r of received) tally.set(r.category, (tally.get(r.category) ?? 0) + 1);
    const expected = [...tally].sort(([a, x], [b, y]) => y - x || (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
    // main causes: walk down the named causes until 80 % of the named complaints are covered
    const namedTotal = expected.filter(([c]) => c !== null).reduce((s, [, n]) => s + n, 0);
    const main = new Set<string>();
    let covered = 0;
    for (const [c, n] of expected) {
      if (c === null || covered >= 0.8 * namedTotal) continue;
      main.add(c);
      covered += n;
    }
    expect([...main]).toEqual(['噪音', '停车', '保洁']);

    const first = await report('manager1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ from: FROM, to: TO, months: ['2026-11', '2026-12'], total: GENERATED.length, mainShare: 0.8, canWrite: [cuihu()] });
    expect(first.body.causes.map((c: Cause) => [c.category, c.count, c.share, c.main])).toEqual(
      expected.map(([c, n]) => [c, n, Math.round((n / GENERATED.length) * 10_000) / 10_000, main.has(c ?? '')]),
    );
    expect(first.body.causes.map((c: Cause) => c.rank)).toEqual([1, 2, 3, 4, 4, 6]); // 维修 and the uncategorized tie at 2
    // a main cause without a measure is 未制定措施; the others have no state
    expect(first.body.causes.map((c: Cause) => c.state)).toEqual(['no_measure', 'no_measure', 'no_measure', null, null, null]);
    // the same figures as the outcomes report's categories
    const outcomes = await as('manager1', 'GET', `/api/reports/outcomes?from=${FROM}&to=${TO}&projectId=${cuihu()}`);
    expect(outcomes.body.complaintCategories.map((c: Cause) => [c.category, c.count]).sort()).toEqual(expected.map(([c, n]) => [c, n]).sort());

    // company-wide, the quality officer sees 滨江壹号's complaint too; 滨江壹号's manager sees only it
    const all = await as('quality', 'GET', `/api/reports/complaint-causes?from=${FROM}&to=${TO}`);
    expect(all.body.total).toBe(GENERATED.length + 1);
    expect(all.body.canWrite.sort()).toEqual([cuihu(), binjiang()].sort());
    const theirs = await as('manager2', 'GET', `/api/reports/complaint-causes?from=${FROM}&to=${TO}`);
    expect(theirs.body.causes.map((c: Cause) => [c.category, c.count])).toEqual([['电梯', 1]]);
    expect(theirs.body.canWrite).toEqual([binjiang()]);

    // 李明 records measures for the two first causes; the quality department one for the third
    const noise = await as('manager1', 'POST', '/api/complaint-measures', measure());
    expect(noise.status, JSON.stringify(noise.body)).toBe(201);
    expect(noise.body).toMatchObject({ status: 'planned', overdue: false, canComplete: true, responsibleName: expect.any(String), doneAt: null });
    const parking = await as(
      'manager1',
      'POST',
      '/api/complaint-measures',
      measure({ category: '停车', measure: '地库增设访客车位指引', dueDate: '2026-11-30' }),
    );
    expect(parking.status).toBe(201);
    const cleaning = await as('quality', 'POST', '/api/complaint-measures', measure({ category: '保洁', month: '2026-12', measure: '垃圾清运改为每日两次' }));
    expect(cleaning.status).toBe(201);

    // refusals change nothing: no right, another project, an unknown or out-of-scope responsible, a due date before the month
    for (const u of ['supervisor1', 'agent1', 'manager1', 'manager2', 'b_manager1']) await t.login(u);
    const before = await state();
    expect((await as('supervisor1', 'POST', '/api/complaint-measures', measure())).status).toBe(403);
    expect((await as('agent1', 'POST', `/api/complaint-measures/${noise.body.id}/done`, { resultNote: '已完成' })).body.code).toBe('FORBIDDEN');
    expect((await as('manager2', 'POST', '/api/complaint-measures', measure())).body).toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'projectId' });
    expect((await as('manager2', 'POST', `/api/complaint-measures/${noise.body.id}/done`, { resultNote: '已完成' })).status).toBe(404);
    expect((await as('b_manager1', 'POST', `/api/complaint-measures/${noise.body.id}/done`, { resultNote: '已完成' })).status).toBe(404);
    expect((await as('manager1', 'POST', '/api/complaint-measures', measure({ responsibleId: t.a.staff.agent2 }))).body).toMatchObject({
      code: 'STAFF_NOT_IN_SCOPE',
      field: 'responsibleId',
    });
    const early = await as('manager1', 'POST', '/api/complaint-measures', measure({ dueDate: '2026-10-31' }));
    expect(early.body).toMatchObject({ code: 'COMPLAINT_MEASURE_DUE_INVALID', field: 'dueDate' });
    expect(early.body.message).toContain('2026-11-01');
    const earlyEn = await as('manager1', 'POST', '/api/complaint-measures', measure({ dueDate: '2026-10-31' }), 'en');
    expect(earlyEn.body.message).toMatch(/^The due date \(2026-10-31\)/);
    expect((await as('manager1', 'POST', '/api/complaint-measures', measure({ measure: '  ' }))).body.field).toBe('measure');
    expect((await as('manager1', 'POST', `/api/complaint-measures/${noise.body.id}/done`, { resultNote: ' ' })).body.field).toBe('resultNote');
    expect(await state()).toBe(before);

    // now 24 December (the clock has moved a month): the parking measure due 30 November is overdue
    const during = await report('manager1');
    const byCause = (body: Report, category: string) => body.causes.find((c: Cause) => c.category === category);
    expect(byCause(during.body, '停车')).toMatchObject({ state: 'overdue', measures: [{ overdue: true, status: 'planned' }] });
    expect(byCause(during.body, '噪音')).toMatchObject({ state: 'in_progress' });
    expect(byCause(during.body, '保洁')).toMatchObject({ state: 'in_progress', measures: [{ month: '2026-12', overdue: false }] });

    // marked done with its result; twice is refused (and changes nothing)
    const done = await as('manager1', 'POST', `/api/complaint-measures/${parking.body.id}/done`, { resultNote: '访客车位指引已安装，本月停车投诉下降' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      overdue: false,
      doneBy: t.a.staff.manager1,
      doneAt: t.deps.now(),
      resultNote: '访客车位指引已安装，本月停车投诉下降',
      canComplete: false,
    });
    const once = await state();
    const twice = await as('manager1', 'POST', `/api/complaint-measures/${parking.body.id}/done`, { resultNote: '再次' });
    expect([twice.status, twice.body.code]).toEqual([409, 'COMPLAINT_MEASURE_DONE']);
    expect(await state()).toBe(once);
    const after = await report('manager1');
    expect(byCause(after.body, '停车')).toMatchObject({ state: 'done', measures: [{ status: 'done', doneByName: expect.any(String) }] });

    // the quality officer may complete a project's measure too; the measure of a month outside the period is not shown
    expect((await as('quality', 'POST', `/api/complaint-measures/${noise.body.id}/done`, { resultNote: '夜间投诉已减少' })).status).toBe(200);
    const november = await report('manager1', `?from=2026-11-01&to=2026-12-01&projectId=${cuihu()}`);
    expect(november.body.months).toEqual(['2026-11']);
    const novemberMeasures = november.body.causes.flatMap((c: Cause) => c.measures);
    expect(novemberMeasures.map((m: Measure) => m.id).sort()).toEqual([noise.body.id, parking.body.id].sort());
    expect(byCause(november.body, '噪音')).toMatchObject({ state: 'done' });
    // a measure of a cause without complaints in the period still shows, after the ranked causes
    const lift = await as('manager1', 'POST', '/api/complaint-measures', measure({ category: '电梯', measure: '电梯困人演练' }));
    expect(lift.status).toBe(201);
    const withLift = await report('manager1');
    expect(withLift.body.causes.at(-1)).toMatchObject({ category: '电梯', count: 0, main: false, state: 'in_progress' });

    // the same report as a file: a row per measure, a cause without one a row, in rank order
    const csv = await as('manager1', 'GET', `/api/exports/complaint-causes?format=csv&from=${FROM}&to=${TO}&projectId=${cuihu()}`);
    expect(csv.status).toBe(200);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['排名', '投诉原因', '投诉数']);
    const expectedRows = withLift.body.causes.flatMap((c: Cause) =>
      c.measures.length ? c.measures.map(() => c.category ?? '未分类') : [c.category ?? '未分类'],
    );
    expect(lines.slice(1).map((l: string) => l.split(',')[1])).toEqual(expectedRows);
    expect(lines.find((l: string) => l.includes('访客车位指引'))).toContain('已完成');

    // readers: a steward has no reports; another project asked for is not found
    expect((await report('steward1')).status).toBe(403);
    expect((await report('manager2')).status).toBe(404);
  });

  it('the quality department verifies a done measure (效果验证): the cause 措施无效 until a new measure, its month and the next counted', async () => {
    // the measure's month is the current one; its cause's complaints: 3 now, 1 early next month
    const now = () => new Date(t.deps.now());
    const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const month = local(now()).slice(0, 7);
    const next = month.endsWith('-12') ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
    const complain = async () => {
      const res = await as('supervisor1', 'POST', '/api/cases', {
        projectId: cuihu(),
        type: 'complaint',
        channel: 'hotline',
        description: '楼上漏水',
        category: '漏水',
        apologized: true,
        readBack: true,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    };
    for (let i = 0; i < 3; i++) await complain();
    const leak = await as(
      'manager1',
      'POST',
      '/api/complaint-measures',
      measure({ category: '漏水', month, measure: '排查公共管井并更换老化阀门', dueDate: `${next}-28` }),
    );
    expect(leak.status, JSON.stringify(leak.body)).toBe(201);
    expect(leak.body).toMatchObject({
      verifiedAt: null,
      effective: null,
      verification: null,
      canVerify: false,
      monthCount: 3,
      nextMonth: next,
      nextMonthCount: 0,
    });
    const url = `/api/complaint-measures/${leak.body.id}/verify`;
    const verdict = { effective: false, note: '次月同类投诉仍有发生，管井阀门更换后仍渗水' };

    // into the next month (Shanghai): one more complaint of the cause
    const firstOfNext = new Date(`${next}-01T00:30:00+08:00`);
    t.advance(Math.ceil((firstOfNext.getTime() - now().getTime()) / 60_000));
    t.forgetLogins();
    await complain();

    // not done yet: 409, in both languages; the office manager may not verify (403), a quality officer of 滨江壹号 only is not
    // shown 翠湖花园's measure (404), nor tenant b's admin; bad input names its field — nothing changes
    const admin = await t.login('admin');
    const bj = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'quality.bj', name: '滨江品质', password: DEMO_PASSWORD, roles: ['quality_officer'], projectIds: [binjiang()] },
    });
    expect(bj.status, JSON.stringify(bj.body)).toBe(201);
    for (const u of ['quality', 'manager1', 'manager2', 'quality.bj', 'b_admin']) await t.login(u);
    const before = await state();
    const early = await as('quality', 'POST', url, verdict);
    expect([early.status, early.body.code, early.body.field]).toEqual([409, 'COMPLAINT_MEASURE_NOT_DONE', 'id']);
    expect(early.body.message).toBe('该纠正措施尚未完成，完成后才能进行效果验证');
    expect((await as('quality', 'POST', url, verdict, 'en')).body.message).toMatch(/^The corrective measure is not done yet/);
    expect(await state()).toBe(before);
    expect((await as('manager1', 'POST', `/api/complaint-measures/${leak.body.id}/done`, { resultNote: '已更换 3 处阀门' })).status).toBe(200);
    const done = await state();
    for (const u of ['manager1', 'manager2']) expect((await as(u, 'POST', url, verdict)).body).toMatchObject({ code: 'FORBIDDEN' });
    for (const u of ['quality.bj', 'b_admin'])
      expect((await as(u, 'POST', url, verdict)).body).toMatchObject({ code: 'COMPLAINT_MEASURE_NOT_FOUND', field: 'id' });
    expect((await as('quality', 'POST', url, { note: '看过了' })).body).toMatchObject({ status: 400, field: 'effective' });
    expect((await as('quality', 'POST', url, { effective: 'no', note: '看过了' })).body.field).toBe('effective');
    expect((await as('quality', 'POST', url, { effective: true, note: '  ' })).body.field).toBe('note');
    expect((await as('quality', 'POST', url, { effective: true })).body.field).toBe('note');
    expect((await as('quality', 'POST', url, { ...verdict, extra: 1 })).status).toBe(400);
    expect(await state()).toBe(done);

    // the office manager sees it done, waiting for the quality department; the quality officer may verify it
    const leakOf = (body: Report) => body.causes.find((c: Cause) => c.category === '漏水') as Cause;
    const period = `?from=${month}-01&to=${next}-01&projectId=${cuihu()}`;
    expect(leakOf((await report('manager1', period)).body)).toMatchObject({
      state: 'done',
      measures: [{ canVerify: false, monthCount: 3, nextMonthCount: 1 }],
    });
    expect(leakOf((await report('quality', period)).body).measures[0]).toMatchObject({ canVerify: true });

    // verified ineffective: the cause needs a new measure
    const verified = await as('quality', 'POST', url, verdict);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({
      status: 'done',
      verifiedBy: t.a.staff.quality,
      verifiedByName: expect.any(String),
      verifiedAt: t.deps.now(),
      verification: verdict.note,
      effective: false,
      canVerify: false,
      monthCount: 3,
      nextMonth: next,
      nextMonthCount: 1,
    });
    const once = await state();
    const twice = await as('quality', 'POST', url, { effective: true, note: '再验' });
    expect([twice.status, twice.body.code]).toEqual([409, 'COMPLAINT_MEASURE_VERIFIED']);
    expect((await as('quality', 'POST', url, { effective: true, note: '再验' }, 'en')).body.message).toBe('The corrective measure has been verified already');
    expect(await state()).toBe(once);
    const ineffective = leakOf((await report('manager1', period)).body);
    expect(ineffective).toMatchObject({
      state: 'ineffective',
      measures: [{ effective: false, verification: verdict.note, verifiedByName: expect.any(String) }],
    });

    // the file shows the verification and both months' counts
    const csv = await as('manager1', 'GET', `/api/exports/complaint-causes?format=csv${period.replace('?', '&')}`);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['当月投诉数', '次月投诉数', '效果验证', '验证说明', '验证人', '验证时间']));
    const row = lines.find((l: string) => l.includes('排查公共管井'))!.split(',');
    expect(row[header.indexOf('效果验证')]).toBe('已验证·无效');
    expect(row[header.indexOf('验证说明')]).toBe(verdict.note);
    expect([row[header.indexOf('当月投诉数')], row[header.indexOf('次月投诉数')]]).toEqual(['3', '1']);

    // a new measure answers it: in progress again; done and verified effective (the admin may too), the cause is done
    const again = await as(
      'manager1',
      'POST',
      '/api/complaint-measures',
      measure({ category: '漏水', month, measure: '整体更换管井立管', dueDate: `${next}-28` }),
    );
    expect(again.status).toBe(201);
    expect(leakOf((await report('manager1', period)).body).state).toBe('in_progress');
    expect((await as('manager1', 'POST', `/api/complaint-measures/${again.body.id}/done`, { resultNote: '立管已更换' })).status).toBe(200);
    const good = await as('admin', 'POST', `/api/complaint-measures/${again.body.id}/verify`, { effective: true, note: '更换后一周无渗水' });
    expect([good.status, good.body.effective]).toEqual([200, true]);
    const after = leakOf((await report('manager1', period)).body);
    expect(after.state).toBe('done');
    expect(after.measures.map((m) => m.effective)).toEqual([false, true]);
  });
});
