import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tellLateEscalations } from '../src/services/escalation-lateness.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Fault escalation forms over HTTP on a real database (issue 16 item 3, decision 0035). 李明 (office
 * manager of 翠湖花园) sends a 故障转呈单 about an owner's case to the engineering department; 钱伟, its
 * head, answers; 李明 finds it not fixed and sends it back with a new date; the second answer is
 * verified. The case finds its form (GET ?caseId=) and the form its case. Nobody else sees or moves
 * it, and every refusal changes nothing. A form past its requested response date tells the office
 * managers and the department head once per round.
 */
let t: TestContext;
const USERS = ['agent1', 'tech1', 'enghead1', 'enghead2', 'manager1', 'manager2', 'quality', 'b_manager1', 'b_admin'];
beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  for (const u of USERS) await t.login(u);
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!.id;
const eng = () => t.a.departments['ENG-CUIHU']!;
async function as(user: string, method: 'GET' | 'POST', url: string, payload?: unknown, lang?: string) {
  return t.request(await t.login(user), { method, url, payload: payload as any, ...(lang ? { headers: { 'accept-language': lang } } : {}) });
}
/** Every table's fingerprint and the forms and their cases as they are (forms change in place). */
async function state() {
  const db = t.deps.database.db;
  const forms = await db.selectFrom('escalationForms').selectAll().orderBy('id').execute();
  const links = await db.selectFrom('escalationFormCases').selectAll().orderBy('formId').orderBy('caseId').execute();
  return `${await t.fingerprint()} ${createHash('sha256')
    .update(JSON.stringify([forms, links]))
    .digest('hex')}`;
}
async function caseOfCuihu(): Promise<string> {
  const rows = await t.deps.database.db.selectFrom('cases').select(['id', 'projectId']).where('id', 'in', t.a.caseIds).execute();
  return rows.find((r) => r.projectId === cuihu())!.id;
}
async function caseOfBinjiang(): Promise<string | undefined> {
  const rows = await t.deps.database.db.selectFrom('cases').select(['id', 'projectId']).where('id', 'in', t.a.caseIds).execute();
  return rows.find((r) => r.projectId !== cuihu())?.id;
}
const form = (change: Record<string, unknown> = {}) => ({
  projectId: cuihu(),
  kind: 'fault',
  severity: 'serious',
  title: '地下水泵房漏水',
  problem: '水泵房管道接口持续漏水，管理处无法处理，已影响业主用水',
  departmentId: eng(),
  requestedDate: '2026-12-10',
  caseIds: [],
  ...change,
});
async function notificationsOf(user: string, kind: string, escalationId: string) {
  const rows = await t.deps.database.db.selectFrom('notifications').selectAll().where('recipientId', '=', t.a.staff[user]!).where('kind', '=', kind).execute();
  return rows.filter((r) => JSON.parse(String(r.data)).escalationId === escalationId);
}

describe('fault escalation forms (故障转呈单)', () => {
  let sent: { id: string };

  it('refuses who may not send it, a department of another office, a past date, a case of another office — changing nothing', async () => {
    const before = await state();
    expect((await as('agent1', 'POST', '/api/escalations', form())).body.code).toBe('FORBIDDEN');
    expect((await as('enghead1', 'POST', '/api/escalations', form())).status).toBe(403);
    expect((await as('manager2', 'POST', '/api/escalations', form())).status).toBe(404);
    expect((await as('b_manager1', 'POST', '/api/escalations', form())).status).toBe(404);
    const other = await as('manager1', 'POST', '/api/escalations', form({ departmentId: t.a.departments['ENG-BINJIANG'] }));
    expect([other.status, other.body.code, other.body.field]).toEqual([400, 'ESCALATION_DEPARTMENT_INVALID', 'departmentId']);
    const past = await as('manager1', 'POST', '/api/escalations', form({ requestedDate: '2026-11-24' }), 'en');
    expect([past.status, past.body.code, past.body.field]).toEqual([400, 'ESCALATION_DATE_PAST', 'requestedDate']);
    expect(past.body.message).toContain('2026-11-24');
    const binjiangCase = await caseOfBinjiang();
    if (binjiangCase) {
      const wrongCase = await as('manager1', 'POST', '/api/escalations', form({ caseIds: [binjiangCase] }));
      expect([wrongCase.status, wrongCase.body.code, wrongCase.body.field]).toEqual([400, 'ESCALATION_CASES_INVALID', 'caseIds']);
    }
    expect(await state()).toBe(before);
  });

  it('the office sends it with its case; the department head sees it and is told; nobody else sees it', async () => {
    const caseId = await caseOfCuihu();
    const res = await as('manager1', 'POST', '/api/escalations', form({ caseIds: [caseId, caseId] }));
    expect(res.status).toBe(201);
    sent = res.body;
    expect(res.body).toMatchObject({
      status: 'sent',
      round: 1,
      caseIds: [caseId],
      late: false,
      canVerify: false,
      canRespond: false,
      requestedDate: '2026-12-10',
    });
    // due at the end of the requested date in Asia/Shanghai
    expect(res.body.dueAt).toBe('2026-12-10T16:00:00.000Z');
    expect(await notificationsOf('enghead1', 'escalation_sent', sent.id)).toHaveLength(1);
    // both ways: the form lists its case, the case finds its form
    const byCase = await as('manager1', 'GET', `/api/escalations?caseId=${caseId}`);
    expect(byCase.body.items.map((f: { id: string }) => f.id)).toEqual([sent.id]);
    const head = await as('enghead1', 'GET', `/api/escalations/${sent.id}`);
    expect([head.status, head.body.canRespond]).toEqual([200, true]);
    expect((await as('enghead1', 'GET', `/api/escalations?departmentId=${eng()}&status=sent`)).body.items.map((f: { id: string }) => f.id)).toEqual([sent.id]);
    for (const user of ['enghead2', 'quality', 'manager2', 'b_admin']) {
      expect((await as(user, 'GET', `/api/escalations/${sent.id}`)).status, user).toBe(404);
      const list = await as(user, 'GET', '/api/escalations');
      expect(
        list.body.items.map((f: { id: string }) => f.id),
        user,
      ).not.toContain(sent.id);
    }
    expect((await as('tech1', 'GET', '/api/escalations')).status).toBe(403);
  });

  it('only the department answers, the office verifies; a refused step changes nothing', async () => {
    const before = await state();
    expect((await as('manager1', 'POST', `/api/escalations/${sent.id}/response`, { response: '已修好' })).status).toBe(404);
    expect((await as('enghead2', 'POST', `/api/escalations/${sent.id}/response`, { response: '已修好' })).status).toBe(404);
    const blank = await as('enghead1', 'POST', `/api/escalations/${sent.id}/response`, { response: '  ' });
    expect([blank.status, blank.body.code, blank.body.field]).toEqual([400, 'ESCALATION_TEXT_REQUIRED', 'response']);
    const early = await as('manager1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: true });
    expect([early.status, early.body.code]).toEqual([409, 'ESCALATION_WRONG_STEP']);
    expect((await as('enghead1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: true })).status).toBe(403);
    expect(await state()).toBe(before);

    t.advance(60);
    const answered = await as('enghead1', 'POST', `/api/escalations/${sent.id}/response`, { response: '已更换接口密封圈' });
    expect(answered.body).toMatchObject({ status: 'responded', response: '已更换接口密封圈', respondedBy: t.a.staff.enghead1, feedbackAt: t.deps.now() });
    expect(await notificationsOf('manager1', 'escalation_responded', sent.id)).toHaveLength(1);
    const again = await as('enghead1', 'POST', `/api/escalations/${sent.id}/response`, { response: '再答一次' });
    expect([again.status, again.body.code]).toEqual([409, 'ESCALATION_WRONG_STEP']);

    const noNote = await as('manager1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: false, requestedDate: '2026-12-15' });
    expect([noNote.status, noNote.body.code, noNote.body.field]).toEqual([400, 'ESCALATION_TEXT_REQUIRED', 'note']);
    const noDate = await as('manager1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: false, note: '仍在渗水' });
    expect([noDate.status, noDate.body.code, noDate.body.field]).toEqual([400, 'ESCALATION_DATE_REQUIRED', 'requestedDate']);
    const back = await as('manager1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: false, note: '仍在渗水', requestedDate: '2026-12-15' });
    expect(back.body).toMatchObject({ status: 'reopened', round: 2, requestedDate: '2026-12-15', verificationNote: '仍在渗水', canRespond: false });
    expect(back.body.pastRounds).toEqual([
      expect.objectContaining({ round: 1, response: '已更换接口密封圈', note: '仍在渗水', verifiedBy: t.a.staff.manager1 }),
    ]);
    expect(await notificationsOf('enghead1', 'escalation_reopened', sent.id)).toHaveLength(1);

    await as('enghead1', 'POST', `/api/escalations/${sent.id}/response`, { response: '已更换整段管道' });
    const verified = await as('manager1', 'POST', `/api/escalations/${sent.id}/verification`, { fixed: true, note: '复查无渗漏' });
    expect(verified.body).toMatchObject({ status: 'verified', verifiedBy: t.a.staff.manager1, response: '已更换整段管道', round: 2, canVerify: false });
    expect((await as('manager1', 'GET', '/api/escalations?status=verified')).body.items.map((f: { id: string }) => f.id)).toEqual([sent.id]);
  });

  it('a form past its requested date is late; the office managers and the department head are told once per round', async () => {
    const today = await as(
      'manager1',
      'POST',
      '/api/escalations',
      form({ kind: 'liaison', severity: 'general', title: '消防联动调试', requestedDate: '2026-11-25' }),
    );
    expect(today.status).toBe(201);
    const id = today.body.id as string;
    expect(await tellLateEscalations(t.deps)).toBe(0);
    t.advance(24 * 60);
    t.forgetLogins(); // a day later: sign in again
    const late = await as('manager1', 'GET', `/api/escalations/${id}`);
    expect([late.status, late.body.late], JSON.stringify(late.body)).toEqual([200, true]);
    expect((await as('manager1', 'GET', '/api/escalations?late=true')).body.items.map((f: { id: string }) => f.id)).toEqual([id]);
    expect((await as('manager1', 'GET', '/api/escalations?late=false')).body.items.map((f: { id: string }) => f.id)).not.toContain(id);
    expect(await tellLateEscalations(t.deps)).toBe(1);
    expect(await tellLateEscalations(t.deps)).toBe(0);
    t.advance(60);
    expect(await tellLateEscalations(t.deps)).toBe(0);
    expect(await notificationsOf('manager1', 'escalation_late', id)).toHaveLength(1);
    expect(await notificationsOf('enghead1', 'escalation_late', id)).toHaveLength(1);
    expect(await notificationsOf('manager2', 'escalation_late', id)).toHaveLength(0);

    // answered late, sent back with tomorrow's date, late again: told again, once
    await as('enghead1', 'POST', `/api/escalations/${id}/response`, { response: '已安排调试' });
    const tomorrow = '2026-11-27'; // it is 26 November in Shanghai now
    expect(t.deps.now().slice(0, 10)).toBe('2026-11-26');
    const back = await as('manager1', 'POST', `/api/escalations/${id}/verification`, { fixed: false, note: '联动未恢复', requestedDate: tomorrow });
    expect(back.body).toMatchObject({ status: 'reopened', late: false });
    t.advance(3 * 24 * 60);
    t.forgetLogins();
    expect(await tellLateEscalations(t.deps)).toBe(1);
    expect(await tellLateEscalations(t.deps)).toBe(0);
    expect(await notificationsOf('manager1', 'escalation_late', id)).toHaveLength(2);
  });
});
