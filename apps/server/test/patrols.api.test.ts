import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateLateDefects, escalateLateRectifications } from '../src/services/defects.service.ts';
import { sendPatrolDaySummaries } from '../src/services/patrol-day-summary.ts';
import { sweepPatrolTasks } from '../src/services/patrol-tasks.service.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Patrols and defects over HTTP on a real database (issue 15 items 2–4, decision 0034). 李明 (office
 * manager of 翠湖花园) sets up two points — 2号水泵房 with coordinates, 1栋消防通道 indoors — and a daily
 * plan walked by 孙刚 (technician). 孙刚 scans and records: a foreign, altered or re-issued code, a
 * phone 1 km away or with a vague fix, a replayed or stale ticket, a photo taken before the scan are
 * refused and change nothing; a photo repeated from an earlier check is flagged; an abnormal finding
 * opens a defect for 李明 at once; 李明 closes it and cannot verify his own closure; 孙刚 verifies it at
 * the next day's check. A rectification notice goes measures → report → a failed re-inspection → a
 * passed one, verifying its defect; late defects escalate once per level.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
async function as(user: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  return t.request(await t.login(user), { method, url, payload: payload as any });
}
const PUMP = { latitude: 22.5431, longitude: 114.0579 };
const near = { latitude: 22.54312, longitude: 114.0579, accuracyM: 8 };
const CORRIDOR = { latitude: 22.5436, longitude: 114.058 };
const atCorridor = { latitude: 22.54361, longitude: 114.058, accuracyM: 10 };
const LIFT = { latitude: 22.5433, longitude: 114.0585 };
const atLift = { latitude: 22.5433, longitude: 114.05851, accuracyM: 12 };
const far = { latitude: 22.5521, longitude: 114.0579, accuracyM: 8 };

/** A PNG photo: a smooth picture drawn from a seed (different seeds, different pictures). */
function photo(seed: number): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 64; x++) {
      const i = (y * 64 + x) * 4;
      const v = Math.round(128 + 100 * Math.sin((x * ((seed % 7) + 1)) / 13 + seed) * Math.cos((y * (((seed >> 3) % 5) + 1)) / 11));
      png.data[i] = v;
      png.data[i + 1] = 255 - v;
      png.data[i + 2] = (v * seed) % 256;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}
async function upload(user: string, body: Buffer): Promise<string> {
  const res = await t.request(await t.login(user), {
    method: 'POST',
    url: '/api/attachments?filename=photo.png',
    headers: { 'content-type': 'image/png' },
    payload: body,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe(`patrols: points, codes, plans, scans and checks (${TEST_DB})`, () => {
  let pump = '';
  let corridor = '';
  let pumpCode = '';
  let todayTask = '';
  let defectId = '';

  it('李明 sets up two points and a daily plan; tasks are made through tomorrow; the wrong people and projects change nothing', async () => {
    for (const u of ['agent1', 'manager1', 'manager2', 'tech1']) await t.login(u);
    const before = await t.fingerprint();
    expect(
      (await as('agent1', 'POST', '/api/inspection-points', { projectId: cuihu().id, name: '2号水泵房', kind: 'equipment', specialty: 'engineering', ...PUMP }))
        .status,
    ).toBe(403);
    const foreign = await as('manager2', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '2号水泵房',
      kind: 'equipment',
      specialty: 'engineering',
      ...PUMP,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'projectId' });
    const half = await as('manager1', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '2号水泵房',
      kind: 'equipment',
      specialty: 'engineering',
      latitude: 22.5,
    });
    expect(half.status).toBe(400);
    expect(half.body.field).toBe('longitude');
    expect(await t.fingerprint()).toBe(before);

    const a = await as('manager1', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '2号水泵房',
      kind: 'equipment',
      specialty: 'engineering',
      place: '2栋地下室',
      ...PUMP,
      radiusM: 40,
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ codeGeneration: 1, codeValidUntil: '2027-02-23', codeState: 'valid', radiusM: 40 });
    pump = a.body.id;
    const b = await as('manager1', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '1栋消防通道',
      kind: 'area',
      specialty: 'security',
      ...CORRIDOR,
    });
    corridor = b.body.id;
    const code = await as('manager1', 'GET', `/api/inspection-points/${pump}/code`);
    expect(code.status).toBe(200);
    pumpCode = code.body.code;
    expect(pumpCode).toMatch(new RegExp(`^GJP1\\.${pump}\\.1\\.20270223\\.[A-Za-z0-9_-]{22}$`));
    expect((await as('tech1', 'GET', `/api/inspection-points/${pump}/code`)).status).toBe(403);

    const plan = {
      projectId: cuihu().id,
      name: '工程日常巡检',
      kind: 'patrol',
      specialty: 'engineering',
      repeat: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      rounds: ['10:30'],
      route: [
        { pointId: pump, offsetMinutes: 0, windowMinutes: 30 },
        { pointId: corridor, offsetMinutes: 30, windowMinutes: 30 },
      ],
      inspectors: [t.a.staff.tech1],
      leadMinutes: 60,
      lateMinutes: 10,
      makeupHours: 0,
    };
    const badInspector = await as('manager1', 'POST', '/api/patrol-plans', { ...plan, inspectors: [t.a.staff.agent1] });
    expect(badInspector.status).toBe(400);
    expect(badInspector.body).toMatchObject({ code: 'PATROL_INSPECTOR_INVALID', field: 'inspectors' });
    const twice = await as('manager1', 'POST', '/api/patrol-plans', { ...plan, route: [plan.route[0], plan.route[0]] });
    expect(twice.body).toMatchObject({ code: 'PATROL_ROUTE_INVALID', field: 'route' });
    const made = await as('manager1', 'POST', '/api/patrol-plans', plan);
    expect(made.status).toBe(201);
    expect(made.body.generatedThrough).toBe('2026-11-26');

    // 10:00 local: today's 10:30 round was made an hour ahead; tomorrow's is not yet to be seen
    const mine = await as('tech1', 'GET', '/api/patrol-tasks?mine=true');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { date: string; round: string; points: number }) => [x.date, x.round, x.points])).toEqual([['2026-11-25', '10:30', 2]]);
    todayTask = mine.body.items[0].id;
    const all = await as('manager1', 'GET', `/api/patrol-tasks?projectId=${cuihu().id}`);
    expect(all.body.items).toHaveLength(1);
    expect((await as('manager2', 'GET', `/api/patrol-tasks/${todayTask}`)).status).toBe(404);
  });

  it('孙刚 scans 2号水泵房 on site: foreign, altered and far-away scans are refused with the field and reason', async () => {
    t.advance(30); // 10:30
    // the pump's window opened: 孙刚 is reminded once; the corridor's has not opened yet
    expect((await sweepPatrolTasks(t.deps)).reminded).toBe(1);
    expect((await sweepPatrolTasks(t.deps)).reminded).toBe(0);
    const due = await t.deps.database.db.selectFrom('notifications').select(['recipientId', 'data']).where('kind', '=', 'patrol_point_due').execute();
    expect(due.map((n) => [n.recipientId, JSON.parse(String(n.data)).pointName])).toEqual([[t.a.staff.tech1, '2号水泵房']]);
    const bCode = await (async () => {
      const p = await as('b_manager1', 'POST', '/api/inspection-points', {
        projectId: t.b.projects.CUIHU!.id,
        name: '泵房',
        kind: 'equipment',
        specialty: 'engineering',
        ...PUMP,
      });
      return (await as('b_manager1', 'GET', `/api/inspection-points/${p.body.id}/code`)).body.code as string;
    })();
    const scan = (code: string, position: unknown, user = 'tech1') => as(user, 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code, position });
    const foreign = await scan(bCode, near);
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: 'PATROL_CODE_INVALID', field: 'code' });
    const altered = await scan(pumpCode.replace('.1.', '.2.'), near);
    expect(altered.body.code).toBe('PATROL_CODE_INVALID');
    const away = await scan(pumpCode, far);
    expect(away.status).toBe(400);
    expect(away.body).toMatchObject({ code: 'PATROL_TOO_FAR', field: 'position' });
    expect(away.body.message).toMatch(/当前位置距巡检点 1\d{3} 米，超出允许的 48 米/);
    expect((await scan(pumpCode, null)).body.code).toBe('PATROL_POSITION_REQUIRED');
    expect((await scan(pumpCode, { ...near, accuracyM: 500 })).body.code).toBe('PATROL_POSITION_INACCURATE');
    const english = await t.request(await t.login('tech1'), {
      method: 'POST',
      url: `/api/patrol-tasks/${todayTask}/scan`,
      headers: { 'accept-language': 'en' },
      payload: { code: pumpCode, position: far },
    });
    expect(english.body.message).toMatch(/^You are 1\d{3} m from the point; at most 48 m is allowed$/);
    const notMine = await scan(pumpCode, near, 'steward1');
    // someone else's task is not confirmed to exist, whatever their rights
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('PATROL_TASK_NOT_FOUND');
    expect((await scan(pumpCode, near, 'agent1')).status).toBe(404);
  });

  it('the check is recorded once with its ticket; a replay, a photo taken before the scan, a stale ticket and a re-issued code are refused', async () => {
    const early = await upload('tech1', photo(3)); // before the scan: not taken at the point
    t.advance(1);
    const scanned = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code: pumpCode, position: near });
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ point: { id: pump, name: '2号水泵房' }, grade: 'on_time', makeup: false, distanceM: 2 });
    const ticket = scanned.body.ticket as string;
    const before = await t.fingerprint();
    const stale = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, { ticket, result: 'normal', photoIds: [early] });
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({ code: 'PATROL_PHOTO_INVALID', field: 'photoIds' });
    const none = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, { ticket, result: 'normal', photoIds: [] });
    expect(none.body).toMatchObject({ code: 'PATROL_PHOTO_REQUIRED', field: 'photoIds' });
    expect(await t.fingerprint()).toBe(before);

    const fresh = await upload('tech1', photo(5));
    const ok = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, { ticket, result: 'normal', photoIds: [fresh], position: near });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ grade: 'on_time', defectId: null, photoFlags: [] });
    const replay = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, {
      ticket,
      result: 'normal',
      photoIds: [await upload('tech1', photo(6))],
    });
    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ code: 'PATROL_TICKET_USED', field: 'ticket' });

    // re-issuing the code: the old print is refused from now on
    const renewed = await as('manager1', 'POST', `/api/inspection-points/${pump}/code`);
    expect(renewed.body.point.codeGeneration).toBe(2);
    expect(renewed.body.code).not.toBe(pumpCode);
    const old = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code: pumpCode, position: near });
    expect(old.body).toMatchObject({ code: 'PATROL_CODE_SUPERSEDED', field: 'code' });
    pumpCode = renewed.body.code;
    const again = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code: pumpCode, position: near });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PATROL_POINT_CHECKED');
  });

  it('an abnormal finding at 1栋消防通道 opens a defect at once for 李明; a photo repeating an earlier one is flagged; the task is done', async () => {
    t.advance(30); // 11:01: the corridor's window
    const code = (await as('manager1', 'GET', `/api/inspection-points/${corridor}/code`)).body.code as string;
    const scanned = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code, position: atCorridor });
    expect(scanned.status).toBe(200);
    const expired = await (async () => {
      t.advance(16);
      const r = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, {
        ticket: scanned.body.ticket,
        result: 'normal',
        photoIds: [await upload('tech1', photo(9))],
      });
      return r;
    })();
    expect(expired.body).toMatchObject({ code: 'PATROL_TICKET_EXPIRED', field: 'ticket' });
    const second = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/scan`, { code, position: atCorridor });
    expect(second.body.grade).toBe('on_time');
    const copy = await upload('tech1', photo(5)); // the very picture of the pump's check, uploaded again
    const missingNote = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, {
      ticket: second.body.ticket,
      result: 'abnormal',
      photoIds: [copy],
    });
    expect(missingNote.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'note' });
    const rec = await as('tech1', 'POST', `/api/patrol-tasks/${todayTask}/checks`, {
      ticket: second.body.ticket,
      result: 'abnormal',
      note: '消防通道堆放杂物',
      photoIds: [copy],
      severity: 'general',
    });
    expect(rec.status).toBe(201);
    expect(rec.body.photoFlags).toEqual([expect.objectContaining({ attachmentId: copy, kind: 'same_file', distance: 0 })]);
    defectId = rec.body.defectId;
    expect(defectId).toBeTruthy();
    const task = await as('manager1', 'GET', `/api/patrol-tasks/${todayTask}`);
    expect(task.body.status).toBe('done');
    expect(task.body.checks.map((c: { pointName: string; grade: string; result: string }) => [c.pointName, c.grade, c.result])).toEqual([
      ['2号水泵房', 'on_time', 'normal'],
      ['1栋消防通道', 'on_time', 'abnormal'],
    ]);
    // the check's photo: the inspection readers of the project see it, nobody else
    const read = (user: string) =>
      t.login(user).then((tok) => t.app.inject({ method: 'GET', url: `/api/attachments/${copy}`, headers: { authorization: `Bearer ${tok}` } }));
    expect((await read('manager1')).statusCode).toBe(200);
    expect((await read('quality')).statusCode).toBe(200);
    expect((await read('manager2')).statusCode).toBe(404);
    expect((await read('agent1')).statusCode).toBe(404);
    const d = await as('manager1', 'GET', `/api/defects/${defectId}`);
    expect(d.body).toMatchObject({
      sourceType: 'patrol',
      pointId: corridor,
      specialty: 'security',
      severity: 'general',
      responsibleId: t.a.staff.manager1,
      status: 'open',
      clock: 'on_time',
      description: '1栋消防通道：消防通道堆放杂物',
      deadline: '2026-11-28T03:17:00.000Z',
    });
    expect((await as('manager2', 'GET', `/api/defects/${defectId}`)).status).toBe(404);
  });

  it('李明 records the closure; he cannot verify his own; 孙刚 verifies it at the next day’s check of the point', async () => {
    const empty = await as('manager1', 'POST', `/api/defects/${defectId}/closure`, { note: '  ' });
    expect(empty.body).toMatchObject({ code: 'DEFECT_NOTE_REQUIRED', field: 'note' });
    expect((await as('tech1', 'POST', `/api/defects/${defectId}/closure`, { note: '已清理' })).status).toBe(403);
    const otherPhoto = await upload('tech1', photo(21));
    const notHis = await as('manager1', 'POST', `/api/defects/${defectId}/closure`, { note: '杂物已清走，通知业主不得堆放', photoIds: [otherPhoto] });
    expect(notHis.body).toMatchObject({ code: 'PATROL_PHOTO_INVALID', field: 'photoIds' });
    const closed = await as('manager1', 'POST', `/api/defects/${defectId}/closure`, {
      note: '杂物已清走，通知业主不得堆放',
      photoIds: [await upload('manager1', photo(22))],
    });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: t.a.staff.manager1, clock: 'closed_on_time', onDailySheet: true });
    const own = await as('manager1', 'POST', `/api/defects/${defectId}/verification`, { passed: true });
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('DEFECT_OWN_CLOSURE');

    t.advance(23 * 60 + 43); // tomorrow 11:00 local, the corridor's window
    t.forgetLogins();
    const mine = await as('tech1', 'GET', '/api/patrol-tasks?mine=true&date=2026-11-26');
    const tomorrow = mine.body.items[0].id as string;
    const code = (await as('manager1', 'GET', `/api/inspection-points/${corridor}/code`)).body.code as string;
    const scanned = await as('tech1', 'POST', `/api/patrol-tasks/${tomorrow}/scan`, { code, position: atCorridor });
    expect(scanned.body.awaitingVerification).toEqual([expect.objectContaining({ id: defectId, closureNote: '杂物已清走，通知业主不得堆放' })]);
    const wrong = await as('tech1', 'POST', `/api/patrol-tasks/${tomorrow}/checks`, {
      ticket: scanned.body.ticket,
      result: 'normal',
      photoIds: [await upload('tech1', photo(11))],
      verifications: [{ defectId: 'nope', passed: true }],
    });
    expect(wrong.body).toMatchObject({ code: 'DEFECT_VERIFICATION_UNKNOWN', field: 'verifications' });
    const rec = await as('tech1', 'POST', `/api/patrol-tasks/${tomorrow}/checks`, {
      ticket: scanned.body.ticket,
      result: 'normal',
      photoIds: [await upload('tech1', photo(12))],
      verifications: [{ defectId, passed: true }],
    });
    expect(rec.status).toBe(201);
    const d = await as('manager1', 'GET', `/api/defects/${defectId}`);
    expect(d.body).toMatchObject({ status: 'verified', verifiedBy: t.a.staff.tech1 });

    // the pump was never checked tomorrow: once the round's late time passes, the task ends incomplete
    t.advance(60);
    await sweepPatrolTasks(t.deps);
    const ended = await as('manager1', 'GET', `/api/patrol-tasks/${tomorrow}`);
    expect(ended.body.status).toBe('incomplete');
    expect(ended.body.checks.map((c: { grade: string }) => c.grade)).toEqual(['missed', 'on_time']);
    const late = await as('tech1', 'POST', `/api/patrol-tasks/${tomorrow}/scan`, { code: pumpCode, position: near });
    expect(late.body.code).toBe('PATROL_TASK_CLOSED');
  });

  it('a rectification notice: measures, report, a failed re-inspection with a new deadline, then a pass verifying its defect', async () => {
    const made = await as('enghead1', 'POST', '/api/defects', {
      projectId: cuihu().id,
      specialty: 'engineering',
      severity: 'minor',
      causedByStaff: true,
      description: '水泵房值班记录未填写',
      responsibleId: t.a.staff.tech1,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ responsibleId: t.a.staff.tech1, onDailySheet: true, status: 'open' });
    const d2 = made.body.id as string;
    const deadline = new Date(Date.parse(t.deps.now()) + 2 * 86_400_000).toISOString();
    const bad = await as('quality', 'POST', '/api/rectifications', {
      projectId: cuihu().id,
      title: '值班记录整改',
      requirement: '补齐记录并培训',
      defectIds: [defectId],
      responsibleId: t.a.staff.tech1,
      deadline,
    });
    expect(bad.body).toMatchObject({ code: 'RECTIFICATION_DEFECTS_INVALID', field: 'defectIds' });
    const issued = await as('quality', 'POST', '/api/rectifications', {
      projectId: cuihu().id,
      title: '值班记录整改',
      requirement: '补齐记录并培训',
      defectIds: [d2],
      responsibleId: t.a.staff.tech1,
      deadline,
    });
    expect(issued.status).toBe(201);
    const rid = issued.body.id as string;
    const step = (user: string, body: unknown) => as(user, 'POST', `/api/rectifications/${rid}/steps`, body);
    expect((await step('tech1', { kind: 'report', report: '已补齐' })).body).toMatchObject({ code: 'RECTIFICATION_WRONG_STEP' });
    expect((await step('manager1', { kind: 'measures', measures: '培训' })).body).toMatchObject({ code: 'RECTIFICATION_NOT_RESPONSIBLE' });
    expect((await step('tech1', { kind: 'measures', measures: '每班交接时检查记录' })).body.status).toBe('measures');
    expect((await step('tech1', { kind: 'report', report: '已补齐本周记录' })).body.status).toBe('reported');
    expect((await step('tech1', { kind: 'reinspect', passed: true })).status).toBe(403);
    const noDeadline = await step('quality', { kind: 'reinspect', passed: false, note: '仍缺夜班记录' });
    expect(noDeadline.body).toMatchObject({ code: 'RECTIFICATION_DEADLINE_REQUIRED', field: 'deadline' });
    const failed = await step('quality', { kind: 'reinspect', passed: false, note: '仍缺夜班记录', deadline });
    expect(failed.body).toMatchObject({ status: 'issued', round: 2 });
    await step('tech1', { kind: 'measures', measures: '夜班补录' });
    await step('tech1', { kind: 'report', report: '夜班记录已补' });
    const passed = await step('quality', { kind: 'reinspect', passed: true });
    expect(passed.body.status).toBe('passed');
    expect((await as('quality', 'GET', `/api/defects/${d2}`)).body).toMatchObject({ status: 'verified', verifiedBy: t.a.staff.quality, rectificationId: rid });
  });

  it('a late defect escalates once to the office manager, then once to the quality department', async () => {
    const made = await as('manager1', 'POST', '/api/defects', {
      projectId: cuihu().id,
      specialty: 'environment',
      severity: 'minor',
      causedByStaff: false,
      description: '2栋门口垃圾未清',
    });
    const id = made.body.id as string;
    const count = (kind: string) =>
      t
        .count('notifications')
        .then(async () =>
          (await t.deps.database.db.selectFrom('notifications').select('recipientId').where('kind', '=', kind).execute()).map((n) => n.recipientId),
        );
    t.advance(25 * 60);
    t.forgetLogins();
    expect(await escalateLateDefects(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await escalateLateDefects(t.deps)).toBe(0);
    expect((await as('manager1', 'GET', `/api/defects/${id}`)).body).toMatchObject({ clock: 'overdue', escalationLevel: 1 });
    expect(await count('defect_escalated')).toContain(t.a.staff.manager1);
    t.advance(13 * 60);
    t.forgetLogins();
    await escalateLateDefects(t.deps);
    expect((await as('manager1', 'GET', `/api/defects/${id}`)).body.escalationLevel).toBe(2);
    expect(await count('defect_escalated')).toContain(t.a.staff.quality);
  });

  it('the month’s bulletin (月检通报): defects by specialty and where they stand, patrol punctuality; as a workbook; readers of the project only', async () => {
    const b = await as('quality', 'GET', `/api/inspection-bulletin?month=2026-11&projectId=${cuihu().id}`);
    expect(b.status).toBe(200);
    expect(b.body.projects).toHaveLength(1);
    const p = b.body.projects[0];
    expect(p.projectName).toBe('翠湖花园管理处');
    expect(p.patrol).toEqual({ checks: 4, early: 0, onTime: 3, late: 0, missed: 1, punctuality: 0.75 });
    const line = (s: string) => p.lines.find((l: { specialty: string }) => l.specialty === s);
    expect(line('security')).toMatchObject({ defects: 1, closedOnTime: 1, verified: 1, open: 0 });
    expect(line('engineering')).toMatchObject({ defects: 1, causedByStaff: 1, verified: 1, open: 0 });
    expect(line('environment')).toMatchObject({ defects: 1, open: 1, overdue: 1 });
    expect((await as('quality', 'GET', '/api/inspection-bulletin?month=2026-10')).body.projects.every((x: { lines: unknown[] }) => x.lines.length === 0)).toBe(
      true,
    );
    expect((await as('manager2', 'GET', `/api/inspection-bulletin?month=2026-11&projectId=${cuihu().id}`)).status).toBe(404);
    expect((await as('agent1', 'GET', '/api/inspection-bulletin?month=2026-11')).status).toBe(403);
    const file = await t.request(await t.login('quality'), { method: 'GET', url: `/api/inspection-bulletin/export?month=2026-11&projectId=${cuihu().id}` });
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('spreadsheetml');
    const csv = await t.request(await t.login('quality'), {
      method: 'GET',
      url: `/api/inspection-bulletin/export?month=2026-11&projectId=${cuihu().id}&format=csv`,
    });
    // a row per specialty: the environment's one defect, open and overdue
    expect(String(csv.body)).toContain('翠湖花园管理处,环境,0,,1,0,0,0,0,1,1,0');
  });

  it('each day over, 李明 gets one summary of its patrols (tasks by end, points checked, late, missed, abnormal findings), never twice', async () => {
    expect(await sendPatrolDaySummaries(t.deps)).toBe(2);
    expect(await sendPatrolDaySummaries(t.deps)).toBe(0);
    const rows = await t.deps.database.db.selectFrom('notifications').select(['recipientId', 'data']).where('kind', '=', 'patrol_day_summary').execute();
    const days = rows.map((r) => ({ to: r.recipientId, ...JSON.parse(String(r.data)) })).sort((a, b) => (a.date < b.date ? -1 : 1));
    expect(days).toEqual([
      expect.objectContaining({ to: t.a.staff.manager1, date: '2026-11-25', tasks: 1, done: 1, incomplete: 0, points: 2, checked: 2, missed: 0, abnormal: 1 }),
      expect.objectContaining({ to: t.a.staff.manager1, date: '2026-11-26', tasks: 1, done: 0, incomplete: 1, points: 2, checked: 1, missed: 1, abnormal: 0 }),
    ]);
  });

  it('a rectification notice not reported by its deadline escalates once to its issuer and the office manager, then once to the quality department; a missing note is named as the console names it', async () => {
    t.forgetLogins();
    const d = await as('manager1', 'POST', '/api/defects', {
      projectId: cuihu().id,
      specialty: 'security',
      severity: 'general',
      causedByStaff: false,
      description: '岗亭夜间无人',
      responsibleId: t.a.staff.steward1,
    });
    const deadline = new Date(Date.parse(t.deps.now()) + 2 * 3_600_000).toISOString();
    const r = await as('quality', 'POST', '/api/rectifications', {
      projectId: cuihu().id,
      title: '岗亭值守整改',
      requirement: '排班补位',
      defectIds: [d.body.id],
      responsibleId: t.a.staff.steward1,
      deadline,
    });
    expect(r.status).toBe(201);
    const told = async () =>
      (await t.deps.database.db.selectFrom('notifications').select(['recipientId', 'data']).where('kind', '=', 'rectification_escalated').execute()).filter(
        (n) => JSON.parse(String(n.data)).rectificationId === r.body.id,
      );
    expect(await escalateLateRectifications(t.deps)).toBe(0);
    t.advance(3 * 60);
    expect(await escalateLateRectifications(t.deps)).toBe(1);
    expect(await escalateLateRectifications(t.deps)).toBe(0);
    expect((await told()).map((n) => n.recipientId).sort()).toEqual([t.a.staff.manager1, t.a.staff.quality].sort());
    t.advance(60);
    t.forgetLogins();
    expect(await escalateLateRectifications(t.deps)).toBe(1);
    const got = await as('quality', 'GET', `/api/rectifications/${r.body.id}`);
    expect(got.body).toMatchObject({ escalationLevel: 2, late: true });
    // reported, it stops escalating; a failed re-inspection without a note is refused by the note's name
    await as('steward1', 'POST', `/api/rectifications/${r.body.id}/steps`, { kind: 'measures', measures: '夜班增加一人' });
    await as('steward1', 'POST', `/api/rectifications/${r.body.id}/steps`, { kind: 'report', report: '已排班' });
    const noNote = await as('quality', 'POST', `/api/rectifications/${r.body.id}/steps`, { kind: 'reinspect', passed: false });
    expect(noNote.body).toMatchObject({ code: 'RECTIFICATION_TEXT_REQUIRED', field: 'note', message: '请填写“复查意见”' });
  });
});

describe(`plans and the duty roster, transfer, make-up checks and maintenance acceptance (${TEST_DB})`, () => {
  const minutesUntil = (iso: string) => Math.round((Date.parse(iso) - Date.parse(t.deps.now())) / 60_000);
  const localDate = (offsetDays: number) => new Date(Date.parse(t.deps.now()) + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

  it('on a day the roster is kept, an inspector without a shift is skipped; the task moves with a reason; a make-up check is late; 钱伟 accepts the maintenance', async () => {
    t.forgetLogins();
    const d1 = localDate(1);
    const point = await as('manager1', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '1号电梯机房',
      kind: 'equipment',
      specialty: 'engineering',
      ...LIFT,
    });
    const shift = await as('manager1', 'POST', '/api/duty-shifts', {
      projectId: cuihu().id,
      staffId: t.a.staff.steward1,
      startsAt: `${d1}T08:00:00+08:00`,
      endsAt: `${d1}T20:00:00+08:00`,
    });
    expect(shift.status).toBe(201);
    // the day after, only 陈静 (who does not patrol) is on the roster: neither inspector is on duty
    const d2 = localDate(2);
    const other = await as('manager1', 'POST', '/api/duty-shifts', {
      projectId: cuihu().id,
      staffId: t.a.staff.agent1,
      startsAt: `${d2}T08:00:00+08:00`,
      endsAt: `${d2}T20:00:00+08:00`,
    });
    expect(other.status).toBe(201);
    const plan = await as('manager1', 'POST', '/api/patrol-plans', {
      projectId: cuihu().id,
      name: '电梯月度保养',
      kind: 'maintenance',
      specialty: 'engineering',
      repeat: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      rounds: ['09:00'],
      route: [{ pointId: point.body.id, offsetMinutes: 0, windowMinutes: 60 }],
      inspectors: [t.a.staff.tech1, t.a.staff.steward1],
      leadMinutes: 48 * 60,
      lateMinutes: 0,
      makeupHours: 4,
      acceptorId: t.a.staff.enghead1,
    });
    expect(plan.status).toBe(201);
    const tasks = (await as('manager1', 'GET', `/api/patrol-tasks?projectId=${cuihu().id}&date=${d1}`)).body.items.filter(
      (x: { planId: string }) => x.planId === plan.body.id,
    );
    expect(tasks.map((x: { assigneeId: string }) => x.assigneeId)).toEqual([t.a.staff.steward1]);
    const taskId = tasks[0].id as string;
    // (made already, not to be seen before its lead time)
    const day2 = await t.deps.database.db.selectFrom('patrolTasks').select('assigneeId').where('planId', '=', plan.body.id).where('date', '=', d2).execute();
    expect(day2.map((x) => x.assigneeId)).toEqual([null]);
    const unassigned = await t.deps.database.db.selectFrom('notifications').select(['recipientId', 'data']).where('kind', '=', 'patrol_unassigned').execute();
    expect(unassigned.map((n) => [n.recipientId, JSON.parse(String(n.data)).rounds])).toEqual([[t.a.staff.manager1, [`${d2} 09:00`]]]);

    const noReason = await as('steward1', 'POST', `/api/patrol-tasks/${taskId}/transfer`, { toStaffId: t.a.staff.tech1, reason: ' ' });
    expect(noReason.status).toBe(400);
    const toAgent = await as('steward1', 'POST', `/api/patrol-tasks/${taskId}/transfer`, { toStaffId: t.a.staff.agent1, reason: '临时请假' });
    expect(toAgent.body).toMatchObject({ code: 'PATROL_TRANSFER_INVALID', field: 'toStaffId' });
    const moved = await as('steward1', 'POST', `/api/patrol-tasks/${taskId}/transfer`, { toStaffId: t.a.staff.tech1, reason: '临时请假' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ assigneeId: t.a.staff.tech1, transferredFrom: t.a.staff.steward1, transferReason: '临时请假' });
    const told = await t.deps.database.db.selectFrom('notifications').select('recipientId').where('kind', '=', 'patrol_transferred').execute();
    expect(told.map((n) => n.recipientId)).toContain(t.a.staff.tech1);

    // 11:00 on that day: the 09:00–10:00 window has passed; the plan allows make-up checks for 4 hours
    t.advance(minutesUntil(`${d1}T11:00:00+08:00`));
    t.forgetLogins();
    const code = (await as('manager1', 'GET', `/api/inspection-points/${point.body.id}/code`)).body.code as string;
    const scanned = await as('tech1', 'POST', `/api/patrol-tasks/${taskId}/scan`, { code, position: atLift });
    expect(scanned.body).toMatchObject({ grade: 'late', makeup: true });
    const rec = await as('tech1', 'POST', `/api/patrol-tasks/${taskId}/checks`, {
      ticket: scanned.body.ticket,
      result: 'normal',
      photoIds: [await upload('tech1', photo(31))],
    });
    expect(rec.body).toMatchObject({ grade: 'late' });
    const done = await as('manager1', 'GET', `/api/patrol-tasks/${taskId}`);
    expect(done.body).toMatchObject({ status: 'done', acceptance: null });
    expect(done.body.checks[0]).toMatchObject({ grade: 'late', makeup: true });

    expect((await as('tech1', 'POST', `/api/patrol-tasks/${taskId}/acceptance`, { accepted: true })).status).toBe(403);
    const noNote = await as('enghead1', 'POST', `/api/patrol-tasks/${taskId}/acceptance`, { accepted: false });
    expect(noNote.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'note' });
    const accepted = await as('enghead1', 'POST', `/api/patrol-tasks/${taskId}/acceptance`, { accepted: true, note: '运行正常' });
    expect(accepted.body).toMatchObject({ acceptance: 'accepted', acceptedBy: t.a.staff.enghead1, acceptanceNote: '运行正常' });
    const again = await as('enghead1', 'POST', `/api/patrol-tasks/${taskId}/acceptance`, { accepted: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PATROL_ACCEPTANCE_NOT_ALLOWED');
  });

  it('a defect of a project with no office manager yet falls to a quality officer; a lead of two days makes the tasks two days further ahead', async () => {
    const project = await as('admin', 'POST', '/api/projects', { code: `NEW${Date.now() % 100000}`, name: '新接管项目' });
    expect(project.status).toBe(201);
    const d = await as('quality', 'POST', '/api/defects', {
      projectId: project.body.id,
      specialty: 'environment',
      severity: 'minor',
      causedByStaff: false,
      description: '垃圾房未清理',
    });
    expect(d.status).toBe(201);
    expect(d.body.responsibleId).toBe(t.a.staff.quality);
    const point = await as('manager1', 'POST', '/api/inspection-points', {
      projectId: cuihu().id,
      name: '屋面水箱',
      kind: 'equipment',
      specialty: 'engineering',
      ...LIFT,
    });
    const plan = await as('manager1', 'POST', '/api/patrol-plans', {
      projectId: cuihu().id,
      name: '水箱周检',
      kind: 'patrol',
      specialty: 'engineering',
      repeat: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      rounds: ['09:00'],
      route: [{ pointId: point.body.id, offsetMinutes: 0, windowMinutes: 60 }],
      inspectors: [t.a.staff.tech1],
      leadMinutes: 2 * 24 * 60,
      lateMinutes: 0,
      makeupHours: 0,
    });
    expect(plan.status).toBe(201);
    expect(plan.body.generatedThrough).toBe(localDate(3));
  });
});
