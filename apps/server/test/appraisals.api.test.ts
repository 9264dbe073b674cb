import { createHash } from 'node:crypto';
import type { AppraisalView } from '@guanjia/api-contract';
import { localDateOf, type AppraisalMeasure } from '@guanjia/core';
import { insertCallbacks, insertDefects, insertVisits, type CallbackRow, type DefectRecord, type VisitRecord } from '@guanjia/storage';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Staff appraisal (考核) over HTTP on a real database (issue 16 item 2, decision 0037). The demo's cases
 * and clocks, service-language overrides sent through the API, and generated callbacks, visits and
 * defects of several people in and around November: 李明 (office manager of 翠湖花园) draws up 陈静's
 * November sheet, 钱伟 (engineering head) 孙刚's; each sheet's figures equal an independent count over
 * the rows as stored. The comment and the acknowledgement, the weights, the refusals (each changing
 * nothing) and the .xlsx read back.
 */
let t: TestContext;
const USERS = ['agent1', 'frontdesk1', 'tech1', 'enghead1', 'manager1', 'manager2', 'admin', 'b_manager1'];
const ZONE = 'Asia/Shanghai';
const FROM = '2026-11-01';
const TO = '2026-11-30';
const END = '2026-12-01';

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  await generate();
  t.advance(3 * 24 * 60); // 11-28: some running clocks are past due now
  t.forgetLogins();
  for (const u of USERS) await t.login(u);
});
afterAll(async () => t?.close());

async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, lang?: string) {
  return t.request(await t.login(user), { method, url, payload: payload as never, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
}
async function state() {
  const db = t.deps.database.db;
  const rows = await Promise.all([db.selectFrom('appraisals').selectAll().orderBy('id').execute(), db.selectFrom('appraisalWeights').selectAll().execute()]);
  return `${await t.fingerprint()} ${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Overrides through the API; callbacks, visits and defects of four people from 10-20 to 12-10 straight into their tables. */
async function generate() {
  const agent = await t.login('agent1');
  const cuihu = t.a.projects.CUIHU!.id;
  const owner = t.a.owners.zhangwei!;
  for (let i = 0; i < 2; i++) {
    const c = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: cuihu, type: 'inquiry', channel: 'hotline', description: '请问停车卡怎么办理？', ownerId: owner.id },
    });
    for (const content of ['业主原话：“急什么”', '业主原话：“不清楚”'])
      expect(
        (
          await t.request(agent, {
            method: 'POST',
            url: `/api/cases/${c.body.case.id}/commands`,
            payload: { command: { type: 'message', direction: 'outbound', content }, languageOverride: { reason: '引用业主原话' } },
          })
        ).status,
      ).toBe(200);
  }
  await stewardRating();
  const random = rng(16_2);
  const people = ['agent1', 'tech1', 'frontdesk1', 'steward1'].map((u) => t.a.staff[u]!);
  const day = () => new Date(Date.parse('2026-10-20T00:00:00Z') + Math.floor(random() * 51) * 86_400_000).toISOString().slice(0, 10);
  const instant = () => new Date(Date.parse('2026-10-20T00:00:00Z') + Math.floor(random() * 51 * 24 * 60) * 60_000).toISOString();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const caseId = t.a.caseIds[0]!;
  const callbacks: CallbackRow[] = [];
  const visits: VisitRecord[] = [];
  const defects: DefectRecord[] = [];
  for (let i = 0; i < 60; i++) {
    const status = pick(['due', 'done', 'done', 'unreachable', 'cancelled'] as const);
    const dueAt = instant();
    callbacks.push({
      id: `gen-callback-${i}`,
      organizationId: t.a.organizationId,
      projectId: cuihu,
      caseId: `${caseId}`,
      caseType: 'repair',
      unitId: null,
      ownerId: null,
      source: 'weekly_sample',
      status,
      roundId: null,
      assigneeId: random() < 0.2 ? null : pick(people),
      period: null,
      dueAt,
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: null,
      outcome: status === 'done' ? 'satisfied' : null,
      followUp: null,
      followUpCaseId: null,
      madeBy: status === 'done' || status === 'unreachable' ? pick(people) : null,
      completedAt: status === 'done' || status === 'unreachable' ? instant() : null,
      createdBy: null,
      createdAt: dueAt,
      updatedAt: dueAt,
    });
    const vStatus = pick(['due', 'done', 'done', 'cancelled'] as const);
    visits.push({
      id: `gen-visit-${i}`,
      organizationId: t.a.organizationId,
      projectId: cuihu,
      ownerId: owner.id,
      unitId: owner.unitId,
      kind: 'routine',
      status: vStatus,
      dueOn: day(),
      createdBy: null,
      createdAt: '2026-10-01T00:00:00.000Z',
      closedAt: vStatus === 'due' ? null : '2026-11-20T00:00:00.000Z',
      closedBy: null,
      closedReason: null,
      planId: null,
      buildingId: null,
      assigneeId: pick(people),
      companionId: random() < 0.3 ? pick(people) : null,
      quotaRole: null,
      reason: null,
      plannedOn: null,
      plannedTime: null,
      requestReason: null,
      appointmentAt: null,
      method: null,
      visitedAt: null,
      topics: null,
      summary: null,
      privateNotes: null,
      evaluationScore: null,
      evaluationText: null,
    });
    const foundAt = instant();
    defects.push({
      id: `gen-defect-${i}`,
      organizationId: t.a.organizationId,
      projectId: cuihu,
      sourceType: 'manual',
      sourceId: null,
      itemId: null,
      pointId: null,
      specialty: 'engineering',
      severity: 'minor',
      causedByStaff: random() < 0.5,
      onDailySheet: false,
      description: `不合格项 ${i}`,
      photoIds: [],
      responsibleId: random() < 0.15 ? null : pick(people),
      foundBy: null,
      foundAt,
      periodStart: foundAt.slice(0, 10),
      deadline: '2026-12-31T00:00:00.000Z',
      status: 'open',
      closureNote: null,
      closurePhotoIds: [],
      closedAt: null,
      closedBy: null,
      verifiedAt: null,
      verifiedBy: null,
      verifiedIn: null,
      reopenCount: 0,
      escalationLevel: 0,
      escalatedAt: null,
      caseId: null,
      rectificationId: null,
    });
  }
  const db = t.deps.database.db;
  // at most one open callback per case and source: each generated one on a case of its own
  for (const [i, c] of callbacks.entries()) c.caseId = t.a.caseIds[i % t.a.caseIds.length]!;
  await insertCallbacks(
    db,
    callbacks.filter((c) => c.status !== 'due'),
  );
  await insertCallbacks(
    db,
    callbacks.filter((c) => c.status === 'due'),
  );
  await insertVisits(db, visits);
  await insertDefects(db, defects);
}

/** 赵磊 is the steward of both buildings of 翠湖花园; a steward rating ending in November: 张伟 in the portal, 李娜 and 王芳 on paper. */
async function stewardRating() {
  const cuihu = t.a.projects.CUIHU!;
  const manager = await t.login('manager1');
  const quality = await t.login('quality');
  for (const b of Object.values(cuihu.buildings))
    expect((await t.request(manager, { method: 'PUT', url: `/api/buildings/${b.id}/steward`, payload: { staffId: t.a.staff.steward1 } })).status).toBe(200);
  const question = async (text: string) =>
    (await t.request(quality, { method: 'POST', url: '/api/survey-questions', payload: { area: 'steward', text } })).body.id as string;
  const [attitude, speed] = [await question('您对管家的服务态度是否满意？'), await question('您对管家处理问题的及时性是否满意？')];
  const survey = await t.request(quality, {
    method: 'POST',
    url: '/api/surveys',
    payload: {
      projectId: cuihu.id,
      kind: 'steward_rating',
      title: '2026年度管家评价',
      questionIds: [attitude, speed],
      startsOn: '2026-11-25',
      endsOn: '2026-11-28',
    },
  });
  expect(survey.status, JSON.stringify(survey.body)).toBe(201);
  const id = survey.body.id as string;
  expect((await t.request(quality, { method: 'POST', url: `/api/surveys/${id}/launch` })).status).toBe(200);
  const portal = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), {
    method: 'POST',
    url: `/api/portal/surveys/${id}/answers`,
    payload: { unitId: t.a.owners.zhangwei!.unitId, scores: { [attitude]: 5, [speed]: 3 } },
  });
  expect(portal.status, JSON.stringify(portal.body)).toBe(201);
  const agent = await t.login('agent1');
  const households = (await t.request(agent, { method: 'GET', url: `/api/surveys/${id}/households?status=pending` })).body.items as {
    code: string;
    unitId: string;
  }[];
  for (const [key, a, b] of [
    ['lina', 2, 4],
    ['wangfang', 4, 5],
  ] as const) {
    const code = households.find((h) => h.unitId === t.a.owners[key]!.unitId)!.code;
    const res = await t.request(agent, {
      method: 'POST',
      url: `/api/surveys/${id}/answers`,
      payload: { code, channel: 'paper', scores: { [attitude]: a, [speed]: b } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

/** The person's figures counted straight from the rows, independently of the reports' rollups. */
async function independentCount(staffId: string, now: string) {
  const db = t.deps.database.db;
  const local = (at: string) => localDateOf(at, ZONE);
  const inside = (d: string | null) => d !== null && d >= FROM && d < END;
  const clocks = await db.selectFrom('slaClocks').selectAll().where('organizationId', '=', t.a.organizationId).where('assigneeId', '=', staffId).execute();
  const counted = clocks.filter((k) => inside(k.dueLocalDate) && k.result !== 'cancelled');
  const cases = (await db.selectFrom('cases').selectAll().where('organizationId', '=', t.a.organizationId).execute()).filter(
    (c) => (c.assigneeId ?? c.firstReceiverId) === staffId && c.status === 'closed' && c.closedAt && inside(local(c.closedAt)),
  );
  const events = await db.selectFrom('caseEvents').selectAll().where('type', '=', 'service_language_overridden').where('actorId', '=', staffId).execute();
  const callbacks = await db.selectFrom('callbacks').selectAll().where('organizationId', '=', t.a.organizationId).execute();
  const visits = await db.selectFrom('ownerVisits').selectAll().where('assigneeId', '=', staffId).where('status', '!=', 'cancelled').execute();
  const defects = (await db.selectFrom('defects').selectAll().where('responsibleId', '=', staffId).execute()).filter((d) => inside(local(d.foundAt)));
  const rated = cases.filter((c) => c.rating !== null);
  const stewardSurveys = (await db.selectFrom('surveys').selectAll().where('kind', '=', 'steward_rating').execute()).filter(
    (v) => v.status !== 'draft' && inside(v.endsOn),
  );
  const stewardScores = stewardSurveys.length
    ? await db
        .selectFrom('surveyScores as s')
        .innerJoin('surveyAnswers as a', 'a.id', 's.answerId')
        .select(['s.score as score'])
        .where('a.stewardId', '=', staffId)
        .where(
          's.surveyId',
          'in',
          stewardSurveys.map((v) => v.id),
        )
        .execute()
    : [];
  return {
    clocks: {
      met: counted.filter((k) => k.result === 'met').length,
      breached: counted.filter((k) => k.result === 'breached' || (k.result === null && k.dueAt !== null && k.dueAt < now)).length,
    },
    cases: { closed: cases.length, reopened: cases.filter((c) => Number(c.reopenCount) > 0).length },
    languageOverrides: events.filter((e) => inside(local(e.at))).length,
    callbacks: {
      due: callbacks.filter((c) => c.assigneeId === staffId && inside(local(c.dueAt))).length,
      done: callbacks.filter((c) => c.madeBy === staffId && c.status === 'done' && c.completedAt && inside(local(c.completedAt))).length,
    },
    visits: { planned: visits.filter((v) => inside(v.dueOn)).length, done: visits.filter((v) => inside(v.dueOn) && v.status === 'done').length },
    defects: { attributed: defects.length, causedByStaff: defects.filter((d) => Boolean(Number(d.causedByStaff))).length },
    caseRatings: { rated: rated.length, sum: rated.reduce((s, c) => s + Number(c.rating), 0) },
    stewardRatings: { answers: stewardScores.length, satisfied: stewardScores.filter((x) => Number(x.score) >= 4).length },
  };
}

const DEFAULTS: Record<AppraisalMeasure, number> = {
  timeliness: 30,
  reopen: 15,
  language: 10,
  callbacks: 10,
  visits: 10,
  defects: 10,
  caseRating: 10,
  stewardRating: 5,
};

describe('staff appraisal (考核)', () => {
  let sheet: AppraisalView;

  it('the defaults until the company sets its own; only the company admin sets them, a weighting of nothing is refused', async () => {
    const before = await state();
    const read = await as('manager1', 'GET', '/api/appraisal-weights');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ isDefault: true, weights: DEFAULTS, languageAllowance: 3, defectAllowance: 3 });
    expect((await as('agent1', 'GET', '/api/appraisal-weights')).status).toBe(403);
    const body = { weights: DEFAULTS, languageAllowance: 3, defectAllowance: 3 };
    expect((await as('manager1', 'PUT', '/api/appraisal-weights', body)).body.code).toBe('FORBIDDEN');
    const zero = await as('admin', 'PUT', '/api/appraisal-weights', { ...body, weights: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, 0])) });
    expect([zero.status, zero.body.field]).toEqual([400, 'weights']);
    const unknownMeasure = await as('admin', 'PUT', '/api/appraisal-weights', { ...body, weights: { ...DEFAULTS, smiles: 5 } });
    expect(unknownMeasure.status).toBe(400);
    expect(await state()).toBe(before);
  });

  it('refuses who may not draw up a sheet, someone not overseen, oneself, a backwards period, changing nothing', async () => {
    const before = await state();
    const body = { staffId: t.a.staff.agent1, from: FROM, to: TO };
    expect((await as('agent1', 'POST', '/api/appraisals', body)).body.code).toBe('FORBIDDEN');
    expect((await as('frontdesk1', 'POST', '/api/appraisals', body)).status).toBe(403);
    for (const [who, staffId] of [
      ['manager2', t.a.staff.agent1],
      ['b_manager1', t.a.staff.agent1],
      ['manager1', t.a.staff.manager1],
      ['manager1', 'staff-of-nowhere'],
    ] as const) {
      const r = await as(who, 'POST', '/api/appraisals', { ...body, staffId });
      expect([who, r.status, r.body.code, r.body.field]).toEqual([who, 400, 'APPRAISAL_NOT_OVERSEEN', 'staffId']);
    }
    const backwards = await as('manager1', 'POST', '/api/appraisals', { ...body, from: TO, to: FROM }, 'en');
    expect([backwards.status, backwards.body.code, backwards.body.field]).toEqual([400, 'FIELD_INVALID', 'to']);
    expect(backwards.body.message).toContain('must not be before');
    expect(backwards.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await as('manager1', 'POST', '/api/appraisals', { ...body, from: '2026-12-01', to: '2026-12-31' })).body.field).toBe('from');
    expect((await as('manager1', 'POST', '/api/appraisals', { ...body, to: 'November' })).body.field).toBe('to');
    expect(await state()).toBe(before);
  });

  it('陈静’s November sheet: the figures equal an independent count, the score the weighted measures', async () => {
    const res = await as('manager1', 'POST', '/api/appraisals', { staffId: t.a.staff.agent1, from: FROM, to: TO });
    expect(res.status).toBe(201);
    sheet = res.body;
    expect(sheet).toMatchObject({
      staffName: '客服专员陈静',
      from: FROM,
      to: TO,
      status: 'draft',
      drawnBy: '管理处主任李明',
      canComment: true,
      canAcknowledge: false,
    });
    const expected = await independentCount(t.a.staff.agent1!, t.deps.now());
    expect(sheet.figures).toEqual(expected);
    // the generated records reach the sheet: something of each kind to measure
    expect(expected.languageOverrides).toBeGreaterThanOrEqual(4);
    expect(expected.callbacks.due + expected.visits.planned + expected.defects.attributed).toBeGreaterThan(0);
    expect(expected.clocks.met + expected.clocks.breached).toBeGreaterThan(0);
    // the score: the measures with data, their weights scaled to the whole
    const parts = sheet.parts as { measure: AppraisalMeasure; value: number | null; weight: number; share: number; points: number }[];
    const counted = parts.filter((p) => p.value !== null);
    const total = counted.reduce((s, p) => s + DEFAULTS[p.measure], 0);
    const score = counted.reduce((s, p) => s + (DEFAULTS[p.measure] / total) * p.value! * 100, 0);
    expect(sheet.score).toBeCloseTo(score, 1);
    expect(parts.find((p) => p.measure === 'language')!.value).toBeCloseTo(Math.max(0, 1 - expected.languageOverrides / 3), 6);
    expect(parts.find((p) => p.measure === 'stewardRating')).toMatchObject({ value: null, share: 0, points: 0 });
    const again = await as('manager1', 'POST', '/api/appraisals', { staffId: t.a.staff.agent1, from: FROM, to: TO });
    expect([again.status, again.body.code]).toEqual([409, 'APPRAISAL_EXISTS']);
  });

  it('孙刚’s sheet by the engineering head equals its own count too', async () => {
    const res = await as('enghead1', 'POST', '/api/appraisals', { staffId: t.a.staff.tech1, from: FROM, to: TO });
    expect(res.status).toBe(201);
    expect(res.body.figures).toEqual(await independentCount(t.a.staff.tech1!, t.deps.now()));
  });

  it('赵磊’s sheet reads the steward rating ending in November: 6 answers about him, 4 of them satisfied', async () => {
    const res = await as('manager1', 'POST', '/api/appraisals', { staffId: t.a.staff.steward1, from: FROM, to: TO });
    expect(res.status).toBe(201);
    const expected = await independentCount(t.a.staff.steward1!, t.deps.now());
    expect(res.body.figures).toEqual(expected);
    expect(expected.stewardRatings).toEqual({ answers: 6, satisfied: 4 });
    expect(res.body.parts.find((p: { measure: string }) => p.measure === 'stewardRating').value).toBeCloseTo(4 / 6, 9);
    // October's sheet does not read it
    const october = await as('manager1', 'POST', '/api/appraisals', { staffId: t.a.staff.steward1, from: '2026-10-01', to: '2026-10-31' });
    expect(october.body.figures.stewardRatings).toEqual({ answers: 0, satisfied: 0 });
  });

  it('who sees a sheet: the person and the supervisors of their projects; to anyone else it does not exist', async () => {
    expect((await as('agent1', 'GET', `/api/appraisals/${sheet.id}`)).body).toMatchObject({ id: sheet.id, canComment: false, canAcknowledge: false });
    expect((await as('enghead1', 'GET', `/api/appraisals/${sheet.id}`)).status).toBe(200);
    for (const who of ['frontdesk1', 'tech1', 'manager2', 'b_manager1']) {
      const r = await as(who, 'GET', `/api/appraisals/${sheet.id}`);
      expect([who, r.status, r.body.code]).toEqual([who, 404, 'APPRAISAL_NOT_FOUND']);
    }
    const mine = await as('agent1', 'GET', '/api/appraisals');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([sheet.id]);
    const managers = await as('manager1', 'GET', `/api/appraisals?status=draft&staffId=${t.a.staff.tech1}`);
    expect(managers.body.items.map((a: { staffName: string }) => a.staffName)).toEqual(['维修员孙刚']);
    expect((await as('manager2', 'GET', '/api/appraisals')).body.items).toEqual([]);
    expect((await as('manager1', 'GET', '/api/appraisals?status=closed')).body.field).toBe('query.status');
    const staff = await as('manager1', 'GET', '/api/appraisal-staff');
    expect(staff.body.items.map((s: { id: string }) => s.id)).toContain(t.a.staff.agent1);
    expect(staff.body.items.map((s: { id: string }) => s.id)).not.toContain(t.a.staff.manager1);
    expect(staff.body.items.map((s: { id: string }) => s.id)).not.toContain(t.a.staff.agent2);
  });

  it('the supervisor’s comment, then the person’s acknowledgement; refusals on the way change nothing', async () => {
    const before = await state();
    const early = await as('agent1', 'POST', `/api/appraisals/${sheet.id}/acknowledge`);
    expect([early.status, early.body.code]).toEqual([409, 'APPRAISAL_WRONG_STEP']);
    expect(early.body.message).toContain('待评语');
    expect((await as('agent1', 'POST', `/api/appraisals/${sheet.id}/comment`, { comment: '很好' })).status).toBe(403);
    expect((await as('manager2', 'POST', `/api/appraisals/${sheet.id}/comment`, { comment: '很好' })).status).toBe(404);
    expect((await as('manager1', 'POST', `/api/appraisals/${sheet.id}/comment`, { comment: '   ' })).body.field).toBe('comment');
    expect((await as('manager1', 'POST', `/api/appraisals/${sheet.id}/acknowledge`)).status).toBe(404);
    expect(await state()).toBe(before);

    const commented = await as('manager1', 'POST', `/api/appraisals/${sheet.id}/comment`, { comment: '时限达成良好，注意服务用语。' });
    expect(commented.status).toBe(200);
    expect(commented.body).toMatchObject({ status: 'commented', comment: '时限达成良好，注意服务用语。', commentedBy: '管理处主任李明' });
    const told = await t.deps.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('recipientId', '=', t.a.staff.agent1!)
      .where('kind', '=', 'appraisal_commented')
      .execute();
    expect(told.map((n) => JSON.parse(String(n.data)).appraisalId)).toEqual([sheet.id]);
    expect((await as('agent1', 'GET', `/api/appraisals/${sheet.id}`)).body.canAcknowledge).toBe(true);
    const ack = await as('agent1', 'POST', `/api/appraisals/${sheet.id}/acknowledge`);
    expect(ack.body).toMatchObject({ status: 'acknowledged', canAcknowledge: false, canComment: false });
    expect(ack.body.acknowledgedAt).toBe(t.deps.now());
    const late = await as('manager1', 'POST', `/api/appraisals/${sheet.id}/comment`, { comment: '补充' }, 'en');
    expect([late.status, late.body.code]).toEqual([409, 'APPRAISAL_WRONG_STEP']);
    expect(late.body.message).toContain('Acknowledged');
  });

  it('new weights weigh new sheets; drawn-up sheets keep theirs', async () => {
    const weights = { ...DEFAULTS, timeliness: 0, reopen: 0, language: 0, callbacks: 0, visits: 100, defects: 0, caseRating: 0, stewardRating: 0 };
    const saved = await as('admin', 'PUT', '/api/appraisal-weights', { weights, languageAllowance: 5, defectAllowance: 2 });
    expect(saved.body).toMatchObject({ isDefault: false, weights, languageAllowance: 5, updatedBy: '系统管理员' });
    const fresh = await as('manager1', 'POST', '/api/appraisals', { staffId: t.a.staff.frontdesk1, from: FROM, to: TO });
    const v = fresh.body.figures.visits;
    expect(fresh.body.score).toBe(v.planned ? Math.round((v.done / v.planned) * 10_000) / 100 : null);
    expect(fresh.body.languageAllowance).toBe(5);
    const old = await as('manager1', 'GET', `/api/appraisals/${sheet.id}`);
    expect(old.body.score).toBe(sheet.score);
    expect(old.body.parts.find((p: { measure: string }) => p.measure === 'timeliness').weight).toBe(30);
  });

  it('the sheet as .xlsx: the person, the period, each measure with its weight and points, the score, comment and acknowledgement', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/appraisals/${sheet.id}/export.xlsx`,
      headers: { authorization: `Bearer ${await t.login('agent1')}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const rows = new Map<string, ExcelJS.CellValue[]>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as ExcelJS.CellValue[]).slice(1)));
    expect(rows.get('项目')).toEqual(['项目', '数据', '得分率', '权重', '占比', '得分']);
    expect(rows.get('员工')![1]).toContain('客服专员陈静');
    expect(rows.get('考核期间')![1]).toBe(`${FROM} – ${TO}`);
    expect(rows.get('状态')![1]).toBe('已确认');
    const timeliness = rows.get('时限达成率')!;
    expect(timeliness[1]).toBe(`按时 ${sheet.figures.clocks.met}，超时 ${sheet.figures.clocks.breached}`);
    expect(timeliness[3]).toBe(30);
    const language = rows.get('服务忌语仍然发送')!;
    expect(language[2]).toBeCloseTo(sheet.parts.find((p) => p.measure === 'language')!.value!, 6);
    expect(rows.get('总分')![5]).toBe(sheet.score);
    expect(rows.get('主管评语')![1]).toBe('时限达成良好，注意服务用语。');
    expect(rows.get('本人确认')![1]).toBe('已确认');
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/appraisals/${sheet.id}/export.xlsx`,
      headers: { authorization: `Bearer ${await t.login('manager2')}` },
    });
    expect(other.statusCode).toBe(404);
  });
});
