import { createHash } from 'node:crypto';
import { drawAuditSample } from '@guanjia/core';
import { runNightCheckReminders } from '../src/services/night-check-reminders.ts';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Scored checks over HTTP on a real database (issue 15 item 1, decision 0034). 李明 (office manager of
 * 翠湖花园) makes the daily overall check with the demo's starter checklist: two items fail — litter in a
 * stairwell (minor) and a duty log not kept (minor, caused by staff); the check is refused until every
 * item is scored and both signatures are given, then each failed item opens a defect for him and the
 * check is frozen. Closed within 30 minutes, the litter leaves the daily sheet; the staff-caused one
 * stays. 钱伟 verifies a closure at his own check. A typhoon warning schedules a night check for each
 * of its nights (once a night, whichever warning), counted in the month's night checks once made. 吴敏
 * (quality) audits the office's communication: a reproducible sample of the period's cases, its
 * figures, and a report before submission. Every refusal changes nothing.
 */
let t: TestContext;
const USERS = ['agent1', 'supervisor1', 'tech1', 'enghead1', 'manager1', 'manager2', 'quality', 'admin', 'b_manager1', 'b_quality', 'b_admin'];
beforeAll(async () => {
  t = await createTestContext();
  for (const u of USERS) await t.login(u); // sign in first: a new session is no change
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!.id;
async function as(user: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, lang?: string) {
  return t.request(await t.login(user), { method, url, payload: payload as any, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
}
/** Every table's fingerprint and the checks and checklists as they are (both change in place). */
async function state() {
  const db = t.deps.database.db;
  const checks = await db.selectFrom('inspections').selectAll().orderBy('id').execute();
  const lists = await db.selectFrom('checklistTemplates').selectAll().orderBy('id').execute();
  return `${await t.fingerprint()} ${createHash('sha256')
    .update(JSON.stringify([checks, lists]))
    .digest('hex')}`;
}
/** A PNG image drawn from a seed (a photo, or a signature on the phone's screen). */
function image(seed: number): Buffer {
  const png = new PNG({ width: 48, height: 32 });
  for (let y = 0; y < 32; y++)
    for (let x = 0; x < 48; x++) {
      const i = (y * 48 + x) * 4;
      const v = Math.round(128 + 110 * Math.sin((x * ((seed % 5) + 1)) / 9 + seed) * Math.cos((y * ((seed % 3) + 1)) / 7));
      png.data[i] = v;
      png.data[i + 1] = (v * 3 + seed) % 256;
      png.data[i + 2] = 255 - v;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}
async function upload(user: string, seed: number): Promise<string> {
  const res = await t.request(await t.login(user), {
    method: 'POST',
    url: '/api/attachments?filename=image.png',
    headers: { 'content-type': 'image/png' },
    payload: image(seed),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function templateOf(kind: string, user = 'manager1'): Promise<{ id: string; items: { id: string; text: string; specialty: string; points: number }[] }> {
  const list = await as(user, 'GET', `/api/checklist-templates?kind=${kind}&active=true`);
  expect(list.status).toBe(200);
  return list.body.items[0];
}
/** Scores every item of a check not yet answered as passed, and signs it as its kind asks. */
async function completeAndSign(user: string, id: string, seed: number) {
  const check = (await as(user, 'GET', `/api/inspections/${id}`)).body;
  const answered = new Set(check.results.map((r: { itemId: string }) => r.itemId));
  const results = check.items.filter((i: { id: string }) => !answered.has(i.id)).map((i: { id: string }) => ({ itemId: i.id, outcome: 'pass' }));
  const body: Record<string, unknown> = { results, inspectorSignatureId: await upload(user, seed) };
  if (check.signaturesRequired.inspected) body.inspectedSignatureId = await upload(user, seed + 1);
  const saved = await as(user, 'PUT', `/api/inspections/${id}`, body);
  expect(saved.status).toBe(200);
  return saved.body;
}

describe(`scored checks, night checks and communication audits (${TEST_DB})`, () => {
  let daily = '';
  let litterDefect = '';
  let logDefect = '';

  it('checklists: one starter of each kind; the office keeps the daily and night ones, the quality department its own; a bad item is named', async () => {
    const all = await as('manager1', 'GET', '/api/checklist-templates');
    expect(all.body.items.map((x: { kind: string }) => x.kind).sort()).toEqual(
      ['communication_audit', 'daily_overall', 'daily_patrol', 'daily_specialty', 'monthly_management', 'night', 'quarterly_property'].sort(),
    );
    expect(all.body.items.find((x: { kind: string }) => x.kind === 'daily_overall')).toMatchObject({ name: '管理处主任日检表（全面检查）', totalPoints: 60 });
    const before = await state();
    const item = { text: '岗亭整洁', specialty: 'security', points: 10 };
    const bad = await as('manager1', 'POST', '/api/checklist-templates', { name: '秩序日检', kind: 'daily_specialty', items: [item, { ...item, points: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'CHECKLIST_ITEMS_INVALID', field: 'items.1.points' });
    expect(bad.body.message).toBe('检查表有误：第 2 项的分值须是 1–100 的整数');
    const badEn = await as('manager1', 'POST', '/api/checklist-templates', { name: '秩序日检', kind: 'daily_specialty', items: [] }, 'en');
    expect(badEn.body).toMatchObject({ code: 'CHECKLIST_ITEMS_INVALID', field: 'items', message: 'The checklist is wrong: it needs at least one item' });
    expect((await as('manager1', 'POST', '/api/checklist-templates', { name: '月检', kind: 'monthly_management', items: [item] })).status).toBe(403);
    expect((await as('quality', 'POST', '/api/checklist-templates', { name: '秩序日检', kind: 'daily_specialty', items: [item] })).status).toBe(403);
    expect((await as('agent1', 'GET', '/api/checklist-templates')).status).toBe(403);
    expect(await state()).toBe(before);

    const made = await as('manager1', 'POST', '/api/checklist-templates', {
      name: '秩序日检',
      kind: 'daily_specialty',
      items: [item, { id: 'gate', text: '出入登记', specialty: 'security', points: 5 }, { ...item, text: '消防通道畅通' }],
    });
    expect(made.status).toBe(201);
    expect(made.body.items.map((i: { id: string }) => i.id)).toEqual(['i1', 'gate', 'i2']);
    const off = await as('manager1', 'PATCH', `/api/checklist-templates/${made.body.id}`, { active: false });
    expect(off.body).toMatchObject({ active: false, totalPoints: 25 });
    expect((await as('b_manager1', 'PATCH', `/api/checklist-templates/${made.body.id}`, { active: true })).status).toBe(404);
    const audit = await as('quality', 'POST', '/api/checklist-templates', {
      name: '投诉专项检查',
      kind: 'communication_audit',
      items: [{ ...item, specialty: 'service' }],
    });
    expect(audit.status).toBe(201);
    // a check cannot begin with a checklist out of use
    const stale = await as('manager1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: made.body.id, inspectedName: '北门岗' });
    expect(stale.body).toMatchObject({ code: 'CHECKLIST_TEMPLATE_UNUSABLE', field: 'templateId' });
  });

  it('李明 begins the daily check: the wrong people, projects and tenants are refused and change nothing', async () => {
    const template = await templateOf('daily_overall');
    const before = await state();
    const body = { projectId: cuihu(), templateId: template.id, inspectedName: '秩序维护部' };
    expect((await as('agent1', 'POST', '/api/inspections', body)).status).toBe(403);
    const foreign = await as('manager2', 'POST', '/api/inspections', body);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
    const otherTenant = await as('b_manager1', 'POST', '/api/inspections', { ...body, projectId: t.b.projects.CUIHU!.id });
    expect([otherTenant.status, otherTenant.body.code, otherTenant.body.field]).toEqual([404, 'CHECKLIST_TEMPLATE_NOT_FOUND', 'templateId']);
    const nobody = await as('manager1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: template.id });
    expect(nobody.body).toMatchObject({ code: 'INSPECTION_INSPECTED_REQUIRED', field: 'inspectedName' });
    // the monthly check is the quality department's
    const monthly = await templateOf('monthly_management');
    expect((await as('manager1', 'POST', '/api/inspections', { ...body, templateId: monthly.id })).status).toBe(403);
    expect(await state()).toBe(before);

    const started = await as('manager1', 'POST', '/api/inspections', body);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      kind: 'daily_overall',
      status: 'in_progress',
      trigger: 'manual',
      inspectorId: t.a.staff.manager1,
      inspectedName: '秩序维护部',
      title: '管理处主任日检表（全面检查）（2026-11-25）',
      signaturesRequired: { inspector: true, inspected: true },
      reportRequired: false,
      results: [],
      score: { possible: 0, unanswered: 6, percent: null },
    });
    expect(started.body.items).toEqual(template.items);
    daily = started.body.id;
  });

  it('results are saved item by item; a wrong deduction or an unknown item is named by its path; only the inspector saves', async () => {
    const othersPhoto = await upload('tech1', 2);
    const before = await state();
    const save = (user: string, body: unknown, lang?: string) => as(user, 'PUT', `/api/inspections/${daily}`, body, lang);
    const tooMuch = await save('manager1', {
      results: [
        { itemId: 'i1', outcome: 'pass' },
        { itemId: 'i2', outcome: 'fail', deduction: 15, note: '有垃圾' },
      ],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body).toMatchObject({ code: 'INSPECTION_RESULT_INVALID', field: 'results.1.deduction' });
    expect(tooMuch.body.message).toBe('检查结果有误：扣分须是 1 到该项分值之间的整数');
    const unknown = await save('manager1', { results: [{ itemId: 'i99', outcome: 'pass' }] }, 'en');
    expect(unknown.body).toMatchObject({ field: 'results.0.itemId', message: 'A result is wrong: no such item on the checklist' });
    const noNote = await save('manager1', { results: [{ itemId: 'i2', outcome: 'fail', deduction: 2, note: ' ' }] });
    expect(noNote.body.field).toBe('results.0.note');
    const notMine = await save('manager1', { photoIds: [othersPhoto] });
    expect(notMine.body).toMatchObject({ code: 'INSPECTION_PHOTO_INVALID', field: 'photoIds' });
    // someone else's check is not confirmed to exist, whatever their rights
    for (const user of ['enghead1', 'admin', 'manager2', 'agent1'])
      expect((await save(user, { results: [{ itemId: 'i1', outcome: 'pass' }] })).status).toBe(404);
    expect((await as('manager2', 'GET', `/api/inspections/${daily}`)).status).toBe(404);
    expect((await as('agent1', 'GET', `/api/inspections/${daily}`)).status).toBe(403);
    expect(await state()).toBe(before);

    t.advance(5);
    const litter = await upload('manager1', 3);
    const first = await save('manager1', {
      results: [
        { itemId: 'i1', outcome: 'pass' },
        { itemId: 'i2', outcome: 'fail', deduction: 4, note: '3栋楼道有垃圾', severity: 'minor', photoIds: [litter] },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.photoIds).toEqual([litter]);
    const second = await save('manager1', {
      results: [
        { itemId: 'i2', outcome: 'fail', deduction: 3, note: '3栋楼道有垃圾', severity: 'minor', photoIds: [litter] },
        { itemId: 'i6', outcome: 'fail', deduction: 2, note: '前台值班记录未填写', severity: 'minor', causedByStaff: true },
      ],
    });
    expect(second.body.results.map((r: { itemId: string; outcome: string }) => [r.itemId, r.outcome])).toEqual([
      ['i1', 'pass'],
      ['i2', 'fail'],
      ['i6', 'fail'],
    ]);
    expect(second.body.score).toMatchObject({ possible: 30, awarded: 25, failed: 2, unanswered: 3 });
    // the photo used already cannot be used again (its hash row is the check's)
    const reused = await save('manager1', { inspectorSignatureId: litter });
    expect(reused.body).toMatchObject({ code: 'INSPECTION_PHOTO_INVALID', field: 'inspectorSignatureId' });
  });

  it('submission needs every item scored and both signatures; then the score is kept, each failed item opens a defect, and the check is frozen', async () => {
    const submit = (body: unknown = {}) => as('manager1', 'POST', `/api/inspections/${daily}/submit`, body);
    const before = await state();
    const incomplete = await submit();
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ code: 'INSPECTION_INCOMPLETE', field: 'results', message: '还有 3 项未检查，请逐项打分后再提交' });
    expect(await state()).toBe(before);
    await as('manager1', 'PUT', `/api/inspections/${daily}`, {
      results: ['i3', 'i4', 'i5'].map((itemId) => ({ itemId, outcome: 'pass' })),
    });
    const unsigned = await submit();
    expect(unsigned.body).toMatchObject({ code: 'INSPECTION_SIGNATURE_REQUIRED', field: 'inspectorSignatureId', message: '请检查人签字后再提交' });
    await as('manager1', 'PUT', `/api/inspections/${daily}`, { inspectorSignatureId: await upload('manager1', 4) });
    const half = await submit();
    expect(half.body).toMatchObject({ code: 'INSPECTION_SIGNATURE_REQUIRED', field: 'inspectedSignatureId' });
    const halfEn = await t.request(await t.login('manager1'), {
      method: 'POST',
      url: `/api/inspections/${daily}/submit`,
      headers: { 'accept-language': 'en' },
      payload: {},
    });
    expect(halfEn.body.message).toBe('The person inspected must sign before the check is submitted');
    await as('manager1', 'PUT', `/api/inspections/${daily}`, { inspectedSignatureId: await upload('manager1', 5) });

    const done = await submit();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', percent: 91.7, failed: 2, score: { possible: 60, awarded: 55, unanswered: 0 } });
    expect(done.body.score.bySpecialty).toMatchObject({
      environment: { possible: 20, awarded: 17, failed: 1 },
      service: { possible: 10, awarded: 8, failed: 1 },
    });
    expect(done.body.defects).toHaveLength(2);
    const byItem = Object.fromEntries(done.body.defects.map((d: { itemId: string; id: string }) => [d.itemId, d.id]));
    litterDefect = byItem.i2;
    logDefect = byItem.i6;
    const litter = await as('manager1', 'GET', `/api/defects/${litterDefect}`);
    expect(litter.body).toMatchObject({
      sourceType: 'inspection',
      sourceId: daily,
      itemId: 'i2',
      specialty: 'environment',
      severity: 'minor',
      causedByStaff: false,
      onDailySheet: true,
      responsibleId: t.a.staff.manager1,
      description: '公共区域清洁，无垃圾、积水、杂物堆放：3栋楼道有垃圾',
      status: 'open',
    });
    expect(litter.body.photoIds).toHaveLength(1);
    expect((await as('manager1', 'GET', `/api/defects/${logDefect}`)).body).toMatchObject({ causedByStaff: true, specialty: 'service', onDailySheet: true });

    const frozen = await state();
    const again = await as('manager1', 'PUT', `/api/inspections/${daily}`, { report: '补充' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INSPECTION_WRONG_STATE', message: '该检查当前为“已提交”，不能进行此操作' });
    expect((await submit()).status).toBe(409);
    expect(await state()).toBe(frozen);
    const listed = await as('manager1', 'GET', `/api/inspections?projectId=${cuihu()}&kind=daily_overall&month=2026-11`);
    expect(listed.body.items.map((i: { id: string; percent: number }) => [i.id, i.percent])).toEqual([[daily, 91.7]]);
    expect((await as('manager1', 'GET', `/api/inspections?projectId=${cuihu()}&month=2026-10`)).body.items).toEqual([]);
  });

  it('the daily sheet: the minor litter closed within 30 minutes leaves it; the staff-caused one stays; 钱伟 verifies a closure at his check', async () => {
    t.advance(20);
    const litter = await as('manager1', 'POST', `/api/defects/${litterDefect}/closure`, { note: '已清扫' });
    expect(litter.body).toMatchObject({ status: 'closed', onDailySheet: false });
    const log = await as('manager1', 'POST', `/api/defects/${logDefect}/closure`, { note: '已补填并提醒值班员' });
    expect(log.body).toMatchObject({ status: 'closed', onDailySheet: true });
    // the day's sheet (日检表) lists the staff-caused one and not the litter
    const sheet = await as('manager1', 'GET', `/api/defects?projectId=${cuihu()}&dailySheet=true&foundOn=2026-11-25`);
    expect(sheet.status).toBe(200);
    const onSheet = sheet.body.items.map((d: { id: string }) => d.id);
    expect(onSheet).toContain(logDefect);
    expect(onSheet).not.toContain(litterDefect);
    expect((await as('manager1', 'GET', `/api/defects?projectId=${cuihu()}&dailySheet=true&foundOn=2026-11-24`)).body.items).toEqual([]);

    const patrol = await templateOf('daily_patrol', 'enghead1');
    const started = await as('enghead1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: patrol.id, inspectedStaffId: t.a.staff.tech1 });
    expect(started.body).toMatchObject({ inspectedStaffId: t.a.staff.tech1, inspectedName: '维修员孙刚' });
    await completeAndSign('enghead1', started.body.id, 20);
    const before = await state();
    const unknown = await as('enghead1', 'POST', `/api/inspections/${started.body.id}/submit`, { verifications: [{ defectId: 'nope', passed: true }] });
    expect(unknown.body).toMatchObject({ code: 'DEFECT_VERIFICATION_UNKNOWN', field: 'verifications' });
    expect(await state()).toBe(before);
    const done = await as('enghead1', 'POST', `/api/inspections/${started.body.id}/submit`, { verifications: [{ defectId: litterDefect, passed: true }] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ percent: 100, failed: 0, defects: [] });
    expect((await as('manager1', 'GET', `/api/defects/${litterDefect}`)).body).toMatchObject({ status: 'verified', verifiedBy: t.a.staff.enghead1 });
  });

  it('a typhoon warning schedules a night check each night from today (once a night, whichever warning); the month counts them once made', async () => {
    const warning = { projectId: cuihu(), kind: 'typhoon', level: '橙色', fromDate: '2026-11-24', toDate: '2026-11-26', note: '台风“海葵”' };
    const before = await state();
    expect((await as('tech1', 'POST', '/api/weather-warnings', warning)).status).toBe(403);
    expect((await as('manager2', 'POST', '/api/weather-warnings', warning)).status).toBe(404);
    const backwards = await as('manager1', 'POST', '/api/weather-warnings', { ...warning, toDate: '2026-11-23' });
    expect(backwards.body).toMatchObject({ code: 'INSPECTION_PERIOD_INVALID', field: 'toDate', message: '日期范围有误：结束日期早于开始日期' });
    const over = await as('manager1', 'POST', '/api/weather-warnings', { ...warning, fromDate: '2026-11-10', toDate: '2026-11-20' });
    expect(over.body).toMatchObject({ code: 'INSPECTION_PERIOD_INVALID', field: 'toDate' });
    expect(await state()).toBe(before);

    const made = await as('manager1', 'POST', '/api/weather-warnings', warning);
    expect(made.status).toBe(201);
    expect(made.body.warning).toMatchObject({ kind: 'typhoon', level: '橙色', fromDate: '2026-11-24', toDate: '2026-11-26' });
    expect(made.body.scheduled.map((s: { scheduledOn: string }) => s.scheduledOn)).toEqual(['2026-11-25', '2026-11-26']);
    const told = await t.deps.database.db.selectFrom('notifications').select(['recipientId', 'data']).where('kind', '=', 'night_checks_scheduled').execute();
    expect(told.map((n) => n.recipientId)).toEqual([t.a.staff.manager1]);
    const rain = await as('supervisor1', 'POST', '/api/weather-warnings', {
      projectId: cuihu(),
      kind: 'rainstorm',
      fromDate: '2026-11-26',
      toDate: '2026-11-27',
    });
    expect(rain.body.scheduled.map((s: { scheduledOn: string }) => s.scheduledOn)).toEqual(['2026-11-27']);

    const month = await as('manager1', 'GET', `/api/night-checks?projectId=${cuihu()}&month=2026-11`);
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({
      month: '2026-11',
      required: 4,
      done: 0,
      warningNightsOwed: ['2026-11-24', '2026-11-25'],
      owed: 4,
      state: 'owed',
    });
    expect(month.body.warnings).toHaveLength(2);
    expect(month.body.checks.map((c: { scheduledOn: string; status: string }) => [c.scheduledOn, c.status])).toEqual([
      ['2026-11-25', 'scheduled'],
      ['2026-11-26', 'scheduled'],
      ['2026-11-27', 'scheduled'],
    ]);
    expect((await as('manager2', 'GET', `/api/night-checks?projectId=${cuihu()}`)).status).toBe(404);

    // 23:10 tonight: 黄丽 takes the scheduled check of the 25th; she submits it at 01:20 — it still counts for the 25th
    t.advance(23 * 60 + 10 - (10 * 60 + 25));
    t.forgetLogins();
    for (const u of USERS) await t.login(u);
    const tonight = made.body.scheduled[0].id as string;
    const tomorrow = await as('supervisor1', 'POST', `/api/inspections/${made.body.scheduled[1].id}/start`, { inspectedName: '北门岗' });
    expect(tomorrow.status).toBe(409);
    expect(tomorrow.body).toMatchObject({ code: 'INSPECTION_NOT_ITS_NIGHT', message: '这是 2026-11-26 夜间的查岗，只能在当晚（至次日 6:00）开始' });
    expect((await as('agent1', 'POST', `/api/inspections/${tonight}/start`, { inspectedName: '北门岗' })).status).toBe(403);
    // the night checklist changed since the warning was entered: the check takes it as it is when begun
    const night = await templateOf('night');
    const edited = await as('manager1', 'PATCH', `/api/checklist-templates/${night.id}`, {
      items: [...night.items, { text: '监控录像保存完整', specialty: 'security', points: 10 }],
    });
    expect(edited.body.items.map((i: { id: string }) => i.id)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    const begun = await as('supervisor1', 'POST', `/api/inspections/${tonight}/start`, { inspectedName: '北门岗' });
    expect(begun.status).toBe(200);
    expect(begun.body).toMatchObject({ status: 'in_progress', inspectorId: t.a.staff.supervisor1, trigger: 'weather', kind: 'night', templateId: night.id });
    expect(begun.body.items).toEqual(edited.body.items);
    expect((await as('manager1', 'POST', `/api/inspections/${tonight}/start`, { inspectedName: '北门岗' })).status).toBe(404);
    await completeAndSign('supervisor1', tonight, 30);
    t.advance(130);
    t.forgetLogins();
    for (const u of USERS) await t.login(u);
    expect((await as('supervisor1', 'POST', `/api/inspections/${tonight}/submit`, {})).status).toBe(200);
    const after = await as('manager1', 'GET', `/api/night-checks?projectId=${cuihu()}&month=2026-11`);
    expect(after.body).toMatchObject({ done: 1, doneNights: ['2026-11-25'], owed: 3 });
    expect(after.body.warningNightsOwed).not.toContain('2026-11-25');
  });

  it('吴敏 audits the office’s communication: a sample reproducible from its seed, the period’s figures, a report before submission', async () => {
    const agent = await t.login('agent1');
    const made: string[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: {
          projectId: cuihu(),
          type: i % 3 === 0 ? 'complaint' : 'inquiry',
          channel: 'hotline',
          description: `业主来电 ${i}`,
          ...(i % 3 === 0 ? { apologized: true, readBack: true } : {}),
        },
      });
      expect(res.status).toBe(201);
      made.push(res.body.case.id);
    }
    // 王芳 sends a flagged answer anyway (仍然发送), with her reason: the audit counts it under the service language
    const overridden = await t.request(agent, {
      method: 'POST',
      url: `/api/cases/${made[1]}/commands`,
      payload: { command: { type: 'answer', content: '这个我们也没有办法' }, languageOverride: { reason: '如实告知，已另行致歉' } },
    });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    expect(overridden.body.events?.map((e: { type: string }) => e.type)).toContain('service_language_overridden');
    const today = '2026-11-26';
    const before = await state();
    const body = { projectId: cuihu(), from: '2026-11-01', to: today, sampleSize: 4 };
    expect((await as('manager1', 'POST', '/api/communication-audits', body)).status).toBe(403);
    expect((await as('b_quality', 'POST', '/api/communication-audits', body)).status).toBe(404);
    const backwards = await as('quality', 'POST', '/api/communication-audits', { ...body, to: '2026-10-01' });
    expect(backwards.body).toMatchObject({ code: 'INSPECTION_PERIOD_INVALID', field: 'to' });
    expect((await as('quality', 'POST', '/api/communication-audits', { ...body, sampleSize: 0 })).body.field).toBe('sampleSize');
    const daily = await templateOf('daily_overall');
    const wrongList = await as('quality', 'POST', '/api/communication-audits', { ...body, templateId: daily.id });
    expect(wrongList.body).toMatchObject({ code: 'CHECKLIST_TEMPLATE_UNUSABLE', field: 'templateId' });
    expect(await state()).toBe(before);

    const audit = await as('quality', 'POST', '/api/communication-audits', body);
    expect(audit.status).toBe(201);
    expect(audit.body).toMatchObject({
      kind: 'communication_audit',
      trigger: 'audit_sample',
      status: 'in_progress',
      reportRequired: true,
      inspectorId: t.a.staff.quality,
    });
    expect(audit.body.signaturesRequired).toEqual({ inspector: true, inspected: false });
    const sample = audit.body.sample;
    expect(sample).toMatchObject({ from: '2026-11-01', to: today, requested: 4, population: 9, figures: { casesReceived: 9 } });
    expect(sample.figures.complaintClocks).toMatchObject({ met: expect.any(Number), breached: expect.any(Number) });
    expect(sample.figures.satisfaction).toEqual({ satisfied: 0, asked: 0, rate: null });
    expect(sample.cases).toHaveLength(4);
    // the draw re-derived from the stored seed and the period's cases
    const population = (await t.deps.database.db.selectFrom('cases').select('id').where('projectId', '=', cuihu()).execute()).map((c) => c.id);
    expect(sample.cases.map((c: { id: string }) => c.id).sort()).toEqual(drawAuditSample(population, 4, sample.seed));
    expect(sample.cases[0]).toMatchObject({ number: expect.stringMatching(/^(TS|ZX)-20261126-\d{6}$/), channel: 'hotline' });
    expect(sample.figures.languageOverrides).toEqual({ count: 1, staff: 1 });
    // the archive's spot check: as many owners of the project as cases, drawn with the next seed, names masked
    const owners = await t.deps.database.db
      .selectFrom('ownerUnits')
      .select('ownerId')
      .distinct()
      .where('projectId', '=', cuihu())
      .where('movedOutOn', 'is', null)
      .execute();
    const archive = sample.archive as { requested: number; population: number; owners: { id: string; name: string }[] };
    expect(archive).toMatchObject({ requested: 4, population: owners.length });
    expect(archive.owners.map((o) => o.id)).toEqual(
      drawAuditSample(
        owners.map((o) => o.ownerId),
        4,
        sample.seed + 1,
      ),
    );
    const real = await t.deps.database.db
      .selectFrom('owners')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        archive.owners.map((o) => o.id),
      )
      .execute();
    for (const o of archive.owners) {
      expect(o.name).toContain('*');
      expect(o.name).not.toBe(real.find((r) => r.id === o.id)!.name);
    }
    // readers of the project see it; the office manager of another does not
    expect((await as('manager1', 'GET', `/api/inspections/${audit.body.id}`)).body.sample.seed).toBe(sample.seed);
    expect((await as('manager2', 'GET', `/api/inspections/${audit.body.id}`)).status).toBe(404);

    const id = audit.body.id as string;
    await completeAndSign('quality', id, 40);
    const noReport = await as('quality', 'POST', `/api/inspections/${id}/submit`, {});
    expect(noReport.body).toMatchObject({ code: 'INSPECTION_REPORT_REQUIRED', field: 'report' });
    const done = await as('quality', 'POST', `/api/inspections/${id}/submit`, { report: '抽查 4 份沟通记录，记录完整；投诉均按时处理。' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', report: '抽查 4 份沟通记录，记录完整；投诉均按时处理。', percent: 100 });
  });

  it('an organization without a communication-audit checklist in use is told to make one', async () => {
    const list = (await as('b_admin', 'GET', '/api/checklist-templates?kind=communication_audit')).body.items as { id: string }[];
    for (const x of list) await as('b_admin', 'PATCH', `/api/checklist-templates/${x.id}`, { active: false });
    const before = await state();
    const none = await as('b_quality', 'POST', '/api/communication-audits', {
      projectId: t.b.projects.CUIHU!.id,
      from: '2026-11-01',
      to: '2026-11-26',
      sampleSize: 3,
    });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ code: 'CHECKLIST_TEMPLATE_NONE', field: 'templateId', message: '还没有在用的“沟通工作检查”检查表，请先建立' });
    expect(await state()).toBe(before);
  });

  /** Moves the server's clock on to a local time in Shanghai ('YYYY-MM-DD HH:MM'); the sessions of before have idled out: those used next sign in again. */
  async function advanceTo(local: string, users = ['supervisor1', 'manager1', 'quality']) {
    const minutes = (Date.parse(`${local.replace(' ', 'T')}:00+08:00`) - Date.parse(t.deps.now())) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(0);
    t.advance(minutes);
    t.forgetLogins();
    for (const u of users) await t.login(u);
  }
  const scheduledNight = async (night: string) => {
    const month = await as('manager1', 'GET', `/api/night-checks?projectId=${cuihu()}&month=${night.slice(0, 7)}`);
    return (month.body.checks as { id: string; scheduledOn: string | null; status: string }[]).find((c) => c.scheduledOn === night)!;
  };
  const remindersOf = async (user: string) =>
    (await t.deps.database.db.selectFrom('notifications').select(['data', 'recipientId']).where('kind', '=', 'night_checks_behind').execute())
      .filter((n) => n.recipientId === t.a.staff[user])
      .map((n) => (typeof n.data === 'string' ? JSON.parse(n.data) : n.data) as Record<string, unknown>)
      .filter((d) => d.projectId === cuihu());

  it('a night check is begun only at night (20:00–06:00): in the daytime, by hand or scheduled, it is refused and nothing changes', async () => {
    await advanceTo('2026-11-26 14:00');
    const night = await templateOf('night');
    const scheduled = await scheduledNight('2026-11-26');
    expect(scheduled.status).toBe('scheduled');
    const before = await state();
    const byHand = await as('supervisor1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: night.id, inspectedName: '北门岗' });
    expect(byHand.status).toBe(409);
    expect(byHand.body).toMatchObject({
      code: 'INSPECTION_NOT_NIGHT_TIME',
      field: 'templateId',
      message: '夜间查岗须在晚上 20:00 至次日 06:00 之间开始，现在是 14:00',
    });
    const english = await as('supervisor1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: night.id, inspectedName: '北门岗' }, 'en');
    expect(english.body.message).toBe('A night check is begun between 20:00 in the evening and 06:00 the next morning; it is 14:00 now');
    const early = await as('supervisor1', 'POST', `/api/inspections/${scheduled.id}/start`, { inspectedName: '北门岗' });
    expect(early.body).toMatchObject({ code: 'INSPECTION_NOT_NIGHT_TIME', field: 'id' });
    // a daily check is begun at any hour
    const daily = await templateOf('daily_overall');
    expect(await state()).toBe(before);
    const dailyCheck = await as('manager1', 'POST', '/api/inspections', { projectId: cuihu(), templateId: daily.id, inspectedName: '客服中心' });
    expect(dailyCheck.status).toBe(201);
    // at 20:05 the scheduled check of the 26th begins
    await advanceTo('2026-11-26 20:05');
    const begun = await as('supervisor1', 'POST', `/api/inspections/${scheduled.id}/start`, { inspectedName: '北门岗' });
    expect(begun.status).toBe(200);
    await completeAndSign('supervisor1', scheduled.id, 40);
    expect((await as('supervisor1', 'POST', `/api/inspections/${scheduled.id}/submit`, {})).status).toBe(200);
    const month = await as('manager1', 'GET', `/api/night-checks?projectId=${cuihu()}&month=2026-11`);
    expect(month.body).toMatchObject({ done: 2, doneNights: ['2026-11-25', '2026-11-26'], warningNightsOwed: ['2026-11-24'] });
  });

  it('the office managers are told once of a warning night left unchecked and of a month behind its pace; a second sweep tells nothing', async () => {
    // the night of the 26th: 25 nights are past, 3 checks are the pace and 2 are done; the typhoon's 24th went unchecked
    const sent = await runNightCheckReminders(t.deps, { force: true });
    expect(sent).toBeGreaterThanOrEqual(2);
    const told = await remindersOf('manager1');
    expect(told).toEqual(
      expect.arrayContaining([
        { projectId: cuihu(), kind: 'warning_night_missed', month: '2026-11', night: '2026-11-24' },
        { projectId: cuihu(), kind: 'behind', month: '2026-11', expected: 3, done: 2 },
      ]),
    );
    expect(told).toHaveLength(2);
    // the supervisor who checks is not an office manager: not told; another project's manager is not told of this one
    expect(await remindersOf('supervisor1')).toEqual([]);
    expect(await remindersOf('manager2')).toEqual([]);
    const again = await state();
    expect(await runNightCheckReminders(t.deps, { force: true })).toBe(0);
    expect(await state()).toBe(again);
    // the rainstorm's 27th: nobody checks it; from 06:00 on the 28th it is told, once
    await advanceTo('2026-11-28 05:50');
    await runNightCheckReminders(t.deps, { force: true });
    expect((await remindersOf('manager1')).filter((r) => r.night === '2026-11-27')).toEqual([]);
    await advanceTo('2026-11-28 06:10');
    await runNightCheckReminders(t.deps, { force: true });
    await runNightCheckReminders(t.deps, { force: true });
    expect((await remindersOf('manager1')).filter((r) => r.night === '2026-11-27')).toHaveLength(1);
  });

  it('the checks owed to an office: its night checks, the quality department’s management check of the month and property check of the quarter, each submitted', async () => {
    const owed = await as('manager1', 'GET', '/api/check-duties?month=2026-11');
    expect(owed.status).toBe(200);
    const row = () => (owed.body.items as { projectId: string }[]).find((i) => i.projectId === cuihu());
    expect(row()).toMatchObject({
      projectName: '翠湖花园管理处',
      night: { required: 4, done: 2, state: 'owed' },
      monthly: { period: '2026-11', done: 0, state: 'owed' },
      quarterly: { period: '2026-Q4', firstMonth: '2026-10', lastMonth: '2026-12', done: 0, state: 'owed' },
    });
    // access: a technician reads no inspections; another office's manager does not see this one; another company's never
    expect((await as('tech1', 'GET', '/api/check-duties')).status).toBe(403);
    expect((await as('manager2', 'GET', `/api/check-duties?projectId=${cuihu()}`)).status).toBe(404);
    expect((await as('manager2', 'GET', '/api/check-duties')).body.items.map((i: { projectId: string }) => i.projectId)).not.toContain(cuihu());
    expect((await as('b_quality', 'GET', '/api/check-duties')).body.items.map((i: { projectId: string }) => i.projectId)).not.toContain(cuihu());
    const bad = await as('manager1', 'GET', '/api/check-duties?month=2026-13');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('query.month');

    // 吴敏 (quality) makes both: each is scored, signed and reported before it is submitted
    for (const kind of ['monthly_management', 'quarterly_property'] as const) {
      const template = await templateOf(kind, 'quality');
      const begun = await as('quality', 'POST', '/api/inspections', { projectId: cuihu(), templateId: template.id, inspectedStaffId: t.a.staff.manager1 });
      expect(begun.status).toBe(201);
      expect(begun.body).toMatchObject({ kind, reportRequired: true, inspectorId: t.a.staff.quality });
      await completeAndSign('quality', begun.body.id, kind === 'monthly_management' ? 50 : 60);
      expect((await as('quality', 'POST', `/api/inspections/${begun.body.id}/submit`, {})).body.code).toBe('INSPECTION_REPORT_REQUIRED');
      const done = await as('quality', 'POST', `/api/inspections/${begun.body.id}/submit`, { report: `${kind}: 管理处状态良好，无不合格项。` });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'submitted', kind, percent: 100 });
    }
    const met = await as('manager1', 'GET', `/api/check-duties?month=2026-11&projectId=${cuihu()}`);
    expect(met.body.items).toHaveLength(1);
    expect(met.body.items[0]).toMatchObject({ monthly: { done: 1, state: 'met' }, quarterly: { done: 1, state: 'met' } });
    // December: its management check is owed, the quarter's property check is done; October is over without one — missed
    const december = (await as('quality', 'GET', `/api/check-duties?month=2026-12&projectId=${cuihu()}`)).body.items[0];
    expect(december).toMatchObject({ monthly: { period: '2026-12', done: 0, state: 'owed' }, quarterly: { period: '2026-Q4', done: 1, state: 'met' } });
    const october = (await as('quality', 'GET', `/api/check-duties?month=2026-10&projectId=${cuihu()}`)).body.items[0];
    expect(october).toMatchObject({ monthly: { done: 0, state: 'missed' }, quarterly: { state: 'met' }, night: { done: 0, state: 'missed' } });
  });

  it('月检通报 counts the month’s submitted checks by kind and scores them by specialty, as the checks themselves say', async () => {
    const res = await as('manager1', 'GET', `/api/inspection-bulletin?month=2026-11&projectId=${cuihu()}`);
    expect(res.status).toBe(200);
    const project = res.body.projects.find((p: { projectId: string }) => p.projectId === cuihu());
    // an independent count over the checks as stored: every kind this file submitted, each specialty's points
    const rows = await t.deps.database.db
      .selectFrom('inspections')
      .select(['kind', 'score'])
      .where('projectId', '=', cuihu())
      .where('status', '=', 'submitted')
      .execute();
    const byKind: Record<string, number> = {};
    const bySpecialty = new Map<string, { checks: number; possible: number; awarded: number }>();
    for (const r of rows) {
      byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
      const score = (typeof r.score === 'string' ? JSON.parse(r.score) : r.score) as { bySpecialty: Record<string, { possible: number; awarded: number }> };
      for (const [specialty, v] of Object.entries(score.bySpecialty)) {
        const line = bySpecialty.get(specialty) ?? { checks: 0, possible: 0, awarded: 0 };
        bySpecialty.set(specialty, { checks: line.checks + 1, possible: line.possible + v.possible, awarded: line.awarded + v.awarded });
      }
    }
    expect(Object.keys(byKind)).toEqual(expect.arrayContaining(['communication_audit', 'daily_overall', 'monthly_management', 'night', 'quarterly_property']));
    expect(project.byKind).toEqual(byKind);
    for (const [specialty, want] of bySpecialty) {
      const line = project.lines.find((l: { specialty: string }) => l.specialty === specialty);
      expect(line, specialty).toMatchObject({ ...want, percent: want.possible ? Math.round((want.awarded / want.possible) * 1000) / 10 : null });
    }
  });

  it('a defect that concerns owners opens a case of its project, linked both ways; refusals change nothing; it is opened once', async () => {
    const defects = (await as('manager1', 'GET', `/api/defects?projectId=${cuihu()}`)).body.items as {
      id: string;
      description: string;
      caseId: string | null;
    }[];
    const defect = defects.find((d) => !d.caseId)!;
    expect(defect).toBeDefined();
    for (const u of ['tech1', 'manager2', 'b_manager1']) await t.login(u); // signed in before the fingerprint
    const before = await state();
    const ask = { type: 'repair', title: '楼梯间照明维修' };
    expect((await as('tech1', 'POST', `/api/defects/${defect.id}/case`, ask)).status).toBe(403);
    expect((await as('manager2', 'POST', `/api/defects/${defect.id}/case`, ask)).status).toBe(404);
    expect((await as('b_manager1', 'POST', `/api/defects/${defect.id}/case`, ask)).status).toBe(404);
    const wrongType = await as('manager1', 'POST', `/api/defects/${defect.id}/case`, { type: 'complaint' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.field).toBe('type');
    expect(await state()).toBe(before);

    const opened = await as('manager1', 'POST', `/api/defects/${defect.id}/case`, ask);
    expect(opened.status).toBe(200);
    const caseId = opened.body.caseId as string;
    expect(caseId).toEqual(expect.any(String));
    // the case: the defect's project, a repair taken internally, its description the defect's
    const made = await as('manager1', 'GET', `/api/cases/${caseId}`);
    expect(made.status).toBe(200);
    expect(made.body.case).toMatchObject({
      id: caseId,
      projectId: cuihu(),
      type: 'repair',
      channel: 'internal',
      title: '楼梯间照明维修',
      description: defect.description,
    });
    // and back: the case's defect
    const back = await as('manager1', 'GET', `/api/defects?caseId=${caseId}`);
    expect(back.body.items.map((d: { id: string }) => d.id)).toEqual([defect.id]);
    expect((await as('manager2', 'GET', `/api/defects?caseId=${caseId}`)).body.items).toEqual([]);
    // once only
    const again = await as('manager1', 'POST', `/api/defects/${defect.id}/case`, ask);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DEFECT_NOT_OPEN');
  });
});
