import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Facts are stated, never assumed (issue 10 item 3): apology and read-back at complaint intake and on
 * acknowledge, the owner's agreement (appointment, deadline), the owner's satisfaction. A missing answer
 * is a 400 naming the field, in zh-CN and English, and nothing is stored.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const createCase = (token: string, body: Record<string, unknown>, lang = 'zh-CN') =>
  t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, channel: 'hotline', description: '楼上装修噪音', ownerId: t.a.owners.zhangwei!.id, ...body },
    headers: { 'accept-language': lang },
  });
const command = (token: string, id: string, cmd: Record<string, unknown>, lang = 'zh-CN') =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command: cmd }, headers: { 'accept-language': lang } });

describe('complaint intake', () => {
  it('staff must state apology and read-back: missing → 400 naming the field, no case stored', async () => {
    const agent = await t.login('agent1');
    const before = await t.count('cases');
    const none = await createCase(agent, { type: 'complaint' });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'apologized' });
    expect(none.body.message).toContain('已致歉');
    const noReadBack = await createCase(agent, { type: 'complaint', apologized: true }, 'en');
    expect(noReadBack.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'readBack', message: 'Please fill in the read-back (readBack)' });
    expect(await t.count('cases')).toBe(before);
  });

  it('what staff state is what is stored: false stays false, and the complaint cannot be transferred until both are true', async () => {
    const agent = await t.login('agent1');
    const created = await createCase(agent, { type: 'complaint', apologized: true, readBack: false });
    expect(created.status).toBe(201);
    expect(created.body.case).toMatchObject({ apologized: true, readBack: false });
    const id = created.body.case.id;
    const eng = t.a.departments['ENG-CUIHU']!;
    expect((await command(agent, id, { type: 'transfer', departmentId: eng })).body.code).toBe('COMPLAINT_NOT_ACKNOWLEDGED');
    const ack = await command(agent, id, { type: 'acknowledge', apology: true, readBack: true });
    expect(ack.body.case).toMatchObject({ apologized: true, readBack: true });
    expect((await command(agent, id, { type: 'transfer', departmentId: eng })).status).toBe(200);
  });

  it('an owner filing on the portal states nothing and nothing is assumed', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const res = await t.request(owner, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'complaint', channel: 'portal', description: '电梯经常坏' },
    });
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({ type: 'complaint' });
    const staffView = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${res.body.case.id}` });
    expect(staffView.body.case).toMatchObject({ apologized: false, readBack: false });
  });
});

describe('commands need each fact stated', () => {
  it('acknowledge without apology or read-back, appointment (also with the grade) or deadline change without agreement, satisfaction without an answer: 400 naming the field', async () => {
    const agent = await t.login('agent1');
    const complaint = (await createCase(agent, { type: 'complaint', apologized: false, readBack: false })).body.case.id;
    const repair = (await createCase(agent, { type: 'repair', description: '水管漏水' })).body.case.id;
    const inquiry = (await createCase(agent, { type: 'inquiry', description: '停车卡怎么办？' })).body.case.id;
    await command(agent, inquiry, { type: 'answer', content: '张先生您好，请到前台办理，谢谢' });
    const before = await t.count('case_events');
    const cases: [string, Record<string, unknown>, string][] = [
      [complaint, { type: 'acknowledge', readBack: true }, 'command.apology'],
      [complaint, { type: 'acknowledge', apology: true }, 'command.readBack'],
      [repair, { type: 'schedule_appointment', appointmentAt: '2026-11-26T02:00:00Z' }, 'command.ownerAgreed'],
      [repair, { type: 'extend_deadline', which: 'promise', newAt: '2026-11-27T02:00:00Z', note: '业主出差' }, 'command.ownerAgreed'],
      [inquiry, { type: 'record_satisfaction', rating: 5 }, 'command.satisfied'],
      // a new appointment time set with the grade: the owner's agreement is stated too (core names the field)
      [repair, { type: 'set_repair_grade', grade: 'appointment', appointmentAt: '2026-11-26T02:00:00Z' }, 'ownerAgreed'],
    ];
    for (const [id, cmd, field] of cases) {
      const zh = await command(agent, id, cmd);
      expect(zh.status, field).toBe(400);
      expect(zh.body.field).toBe(field);
      expect(zh.body.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await command(agent, id, cmd, 'en');
      expect(en.body.field).toBe(field);
      expect(en.body.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await t.count('case_events')).toBe(before);
  });

  it('an agreement stated as “no” is refused; a dissatisfaction stated as “no” sends the case back', async () => {
    const agent = await t.login('agent1');
    const repair = (await createCase(agent, { type: 'repair', description: '灯不亮' })).body.case.id;
    const refused = await command(agent, repair, { type: 'schedule_appointment', appointmentAt: '2026-11-26T02:00:00Z', ownerAgreed: false });
    expect(refused.body).toMatchObject({ code: 'OWNER_AGREEMENT_REQUIRED', field: 'ownerAgreed' });
    const agreed = await command(agent, repair, { type: 'schedule_appointment', appointmentAt: '2026-11-26T02:00:00Z', ownerAgreed: true });
    expect(agreed.status).toBe(200);
    const inquiry = (await createCase(agent, { type: 'inquiry', description: '物业费标准？' })).body.case.id;
    await command(agent, inquiry, { type: 'answer', content: '张先生您好，物业费标准见公告栏，谢谢' });
    const unhappy = await command(agent, inquiry, { type: 'record_satisfaction', satisfied: false, opinion: '没说清楚' });
    expect(unhappy.body.case).toMatchObject({ satisfied: false, reopenCount: 1 });
  });
});
