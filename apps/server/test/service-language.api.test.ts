import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/** Service language on the server (服务忌语, issue 10 item 5): refusal, override with a reason, the company's own list. */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const command = (token: string, id: string, cmd: Record<string, unknown>, extra: Record<string, unknown> = {}, lang = 'zh-CN') =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command: cmd, ...extra }, headers: { 'accept-language': lang } });

async function newCase(token: string, tenant: 'a' | 'b' = 'a', body: Record<string, unknown> = {}) {
  const org = tenant === 'a' ? t.a : t.b;
  const owner = tenant === 'a' ? t.a.owners.zhangwei! : Object.values(t.b.owners).find((o) => o.projectCode === 'CUIHU')!;
  const res = await t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: org.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '请问停车卡怎么办理？', ownerId: owner.id, ...body },
  });
  expect(res.status).toBe(201);
  return res.body.case.id as string;
}

const eventTypes = async (token: string, id: string) =>
  (await t.request(token, { method: 'GET', url: `/api/cases/${id}/events` })).body.map((e: { type: string }) => e.type);

describe('an owner-facing text with barred phrases', () => {
  it('is refused in zh-CN and English, naming the field and the phrases, and nothing is stored', async () => {
    const agent = await t.login('agent1');
    const id = await newCase(agent);
    const before = await t.count('case_events');
    const zh = await command(agent, id, { type: 'message', direction: 'outbound', content: '这个我们管不了，您找开发商去' });
    expect(zh.status).toBe(400);
    expect(zh.body).toMatchObject({ code: 'SERVICE_LANGUAGE_FLAGGED', field: 'content' });
    expect(zh.body.message).toContain('管不了、找开发商去');
    expect(zh.body.message).toContain('服务忌语');
    const en = await command(agent, id, { type: 'message', direction: 'outbound', content: '我不知道' }, {}, 'en');
    expect(en.status).toBe(400);
    expect(en.body.message).toMatch(/barred from service language: 不知道/);
    expect(await t.count('case_events')).toBe(before);
  });

  it('every owner-facing command is checked: answer, acknowledge, close_out_of_scope (record_contact and inform_owner: core’s unit tests)', async () => {
    const agent = await t.login('agent1');
    const inquiry = await newCase(agent);
    expect((await command(agent, inquiry, { type: 'answer', content: '这个不清楚' })).body).toMatchObject({
      code: 'SERVICE_LANGUAGE_FLAGGED',
      field: 'content',
    });
    expect((await command(agent, inquiry, { type: 'close_out_of_scope', reason: '没有办法处理' })).body).toMatchObject({
      code: 'SERVICE_LANGUAGE_FLAGGED',
      field: 'reason',
    });
    const complaint = await newCase(agent, 'a', { type: 'complaint', apologized: false, readBack: false });
    const ack = await command(agent, complaint, { type: 'acknowledge', apology: true, readBack: true, content: '天啊，又是这个问题' });
    expect(ack.body).toMatchObject({ code: 'SERVICE_LANGUAGE_FLAGGED', field: 'content' });
    // a clean text goes through; internal notes are not checked
    expect((await command(agent, inquiry, { type: 'add_note', content: '业主说物业管不了' })).status).toBe(200);
    expect((await command(agent, inquiry, { type: 'answer', content: '张先生您好，停车卡请到前台办理，谢谢！' })).status).toBe(200);
  });

  it('inform_owner (a suggestion’s feedback) and record_contact (a complaint’s contact) are checked too', async () => {
    const agent = await t.login('agent1');
    const head = await t.login('enghead1');
    const eng = t.a.departments['ENG-CUIHU']!;
    const committedAt = '2026-11-26T10:00:00+08:00';
    const suggestion = await newCase(agent, 'a', { type: 'suggestion', description: '建议增加充电桩' });
    for (const [token, cmd] of [
      [agent, { type: 'transfer', departmentId: eng }],
      [head, { type: 'accept', committedAt }],
      [head, { type: 'evaluate', feasible: false, reason: '电力容量不足' }],
    ] as const)
      expect((await command(token, suggestion, cmd)).status, cmd.type).toBe(200);
    const inform = await command(agent, suggestion, { type: 'inform_owner', content: '这个我们也没有办法' });
    expect(inform.body).toMatchObject({ code: 'SERVICE_LANGUAGE_FLAGGED', field: 'content' });
    const informed = await command(
      agent,
      suggestion,
      { type: 'inform_owner', content: '这个我们也没有办法' },
      { languageOverride: { reason: '如实告知电力容量限制' } },
    );
    expect(informed.body.events.map((e: { type: string }) => e.type)).toEqual(['service_language_overridden', 'owner_informed']);

    const complaint = await newCase(agent, 'a', { type: 'complaint', apologized: true, readBack: true });
    for (const [token, cmd] of [
      [agent, { type: 'transfer', departmentId: eng }],
      [head, { type: 'accept', committedAt }],
    ] as const)
      expect((await command(token, complaint, cmd)).status, cmd.type).toBe(200);
    const contact = await command(head, complaint, { type: 'record_contact', content: '已电话告知业主：急什么，明天处理' });
    expect(contact.body).toMatchObject({ code: 'SERVICE_LANGUAGE_FLAGGED', field: 'content' });
    expect((await command(head, complaint, { type: 'record_contact', content: '已电话联系业主，约定明天上午处理' })).status).toBe(200);
  });

  it('a completion summary, an extension’s note, a recorded follow-up and a department’s draft answer are checked: owners read them too', async () => {
    const agent = await t.login('agent1');
    const head = await t.login('enghead1');
    const tech = await t.login('tech1');
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const eng = t.a.departments['ENG-CUIHU']!;

    // 完工: the technician's summary is the owner's timeline entry (work_completed)
    const repair = await newCase(agent, 'a', { type: 'repair', repairGrade: 'urgent', description: '厨房水管漏水' });
    expect((await command(agent, repair, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: eng })).status).toBe(200);
    expect((await command(tech, repair, { type: 'arrive' })).status).toBe(200);
    const rude = await command(tech, repair, { type: 'complete', summary: '急什么，修好了，其他的管不了' });
    expect(rude.status).toBe(400);
    expect(rude.body).toMatchObject({ code: 'SERVICE_LANGUAGE_FLAGGED', field: 'summary' });
    expect(rude.body.message).toContain('管不了、急什么');
    expect(await eventTypes(owner, repair)).not.toContain('work_completed');
    const done = await command(tech, repair, { type: 'complete', summary: '已更换水管接头，试水正常，谢谢您的配合' });
    expect(done.status).toBe(200);

    // 延期: the note of deadline_extended is in the owner's timeline
    const inquiry = await newCase(agent);
    const extend = { type: 'extend_deadline', which: 'promise', newAt: '2026-12-20T10:00:00+08:00', ownerAgreed: true };
    expect((await command(agent, inquiry, { ...extend, note: '不清楚什么时候能好，先延期' })).body).toMatchObject({
      code: 'SERVICE_LANGUAGE_FLAGGED',
      field: 'note',
    });
    expect((await command(agent, inquiry, { ...extend, note: '已与业主商定延期至 20 日' })).status).toBe(200);

    // 回访: the recorded follow-up is in the owner's timeline (follow_up_recorded)
    expect((await command(agent, inquiry, { type: 'record_follow_up', content: '回访业主：还漏的话我们也没有办法' })).body).toMatchObject({
      code: 'SERVICE_LANGUAGE_FLAGGED',
      field: 'content',
    });
    const followUp = await command(
      agent,
      inquiry,
      { type: 'record_follow_up', content: '回访业主：还漏的话我们也没有办法' },
      { languageOverride: { reason: '转述维修班长原话，已另行道歉' } },
    );
    expect(followUp.body.events.map((e: { type: string }) => e.type)).toEqual(['service_language_overridden', 'follow_up_recorded']);
    expect((await eventTypes(owner, inquiry)).filter((e: string) => e === 'service_language_overridden')).toEqual([]);

    // 部门答复: the draft lands in the case's answer, which the owner's view carries
    const asked = await newCase(agent);
    for (const [token, cmd] of [
      [agent, { type: 'transfer', departmentId: eng }],
      [head, { type: 'accept', committedAt: '2026-11-26T10:00:00+08:00' }],
    ] as const)
      expect((await command(token, asked, cmd)).status, cmd.type).toBe(200);
    expect((await command(head, asked, { type: 'submit_answer', content: '这事找开发商去' })).body).toMatchObject({
      code: 'SERVICE_LANGUAGE_FLAGGED',
      field: 'content',
    });
    expect((await command(head, asked, { type: 'submit_answer', content: '停车卡请业主携带身份证到物业前台办理' })).status).toBe(200);
    const seen = await t.request(owner, { method: 'GET', url: `/api/cases/${asked}` });
    expect(seen.body.case.answer).toBe('停车卡请业主携带身份证到物业前台办理');
  });

  it('“send anyway” needs a reason; with one the text goes out and an internal event records phrases and reason', async () => {
    const agent = await t.login('agent1');
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const id = await newCase(agent);
    const text = '张先生您好，开发商的事我们管不了，请您谅解';
    for (const languageOverride of [{ reason: '' }, { reason: '   ' }, {}]) {
      const res = await command(agent, id, { type: 'message', direction: 'outbound', content: text }, { languageOverride });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('languageOverride.reason');
    }
    const sent = await command(
      agent,
      id,
      { type: 'message', direction: 'outbound', content: text },
      { languageOverride: { reason: '业主问的是开发商质保，确实不归物业' } },
    );
    expect(sent.status).toBe(200);
    expect(sent.body.events.map((e: { type: string }) => e.type)).toEqual(['service_language_overridden', 'message']);
    expect(sent.body.events[0]).toMatchObject({
      internal: true,
      content: '业主问的是开发商质保，确实不归物业',
      data: { command: 'message', phrases: ['管不了'], fields: ['content'], reason: '业主问的是开发商质保，确实不归物业' },
    });
    expect(await eventTypes(agent, id)).toEqual(['created', 'service_language_overridden', 'message']);
    // the owner sees the message, never the override
    expect(await eventTypes(owner, id)).toEqual(['created', 'message']);
  });

  it('an owner’s own words are never checked', async () => {
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const agent = await t.login('agent1');
    const id = await newCase(agent);
    expect((await command(owner, id, { type: 'message', direction: 'inbound', content: '急什么？你们管不了就找开发商去' })).status).toBe(200);
  });
});

describe('overrides counted per staff member (for the appraisal)', () => {
  it('a report reader of the project sees the count per staff member and month; others see none of it', async () => {
    const agent = await t.login('agent1');
    const id = await newCase(agent);
    const override = { languageOverride: { reason: '引用业主原话' } };
    await command(agent, id, { type: 'message', direction: 'outbound', content: '业主原话：“急什么”' }, override);
    await command(agent, id, { type: 'message', direction: 'outbound', content: '业主原话：“不清楚”' }, override);
    const manager = await t.login('manager1');
    const report = await t.request(manager, { method: 'GET', url: '/api/reports/service-language-overrides?from=2026-11-01&to=2026-12-01' });
    expect(report.status).toBe(200);
    const row = report.body.rows.find((r: { staffId: string }) => r.staffId === t.a.staff.agent1);
    expect(row).toMatchObject({ staffName: '客服专员陈静', month: '2026-11' });
    expect(row.count).toBeGreaterThanOrEqual(2);
    // another project's manager, another month, another company: not counted
    const other = await t.request(await t.login('manager2'), { method: 'GET', url: '/api/reports/service-language-overrides' });
    expect(other.body.rows.filter((r: { staffId: string }) => r.staffId === t.a.staff.agent1)).toEqual([]);
    const later = await t.request(manager, { method: 'GET', url: '/api/reports/service-language-overrides?from=2026-12-01&to=2027-01-01' });
    expect(later.body).toMatchObject({ rows: [], total: 0 });
    const tenantB = await t.request(await t.login('b_leader'), { method: 'GET', url: '/api/reports/service-language-overrides?from=2026-11-01' });
    expect(tenantB.body.total).toBe(0);
    expect((await t.request(agent, { method: 'GET', url: '/api/reports/service-language-overrides' })).status).toBe(403);
  });
});

describe('the company’s own phrase list', () => {
  it('starts as the default (seed 004 with the bare phrases), readable by staff, not by owners', async () => {
    const res = await t.request(await t.login('agent1'), { method: 'GET', url: '/api/service-language' });
    expect(res.status).toBe(200);
    expect(res.body.isDefault).toBe(true);
    expect(res.body.phrases).toEqual(
      expect.arrayContaining(['我晕', '天啊', '怎么这样', '真是的', '不知道', '没有办法', '不清楚', '管不了', '找开发商去', '急什么']),
    );
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    expect((await t.request(owner, { method: 'GET', url: '/api/service-language' })).status).toBe(403);
  });

  it('only a company-wide administrator edits it; the edit is audited; other companies keep theirs', async () => {
    const nonAdmins = ['agent1', 'manager1', 'supervisor1', 'leader'];
    const tokens = await Promise.all(nonAdmins.map((who) => t.login(who)));
    const fingerprint = await t.fingerprint();
    for (const [i, token] of tokens.entries()) {
      const who = nonAdmins[i];
      const res = await t.request(token, { method: 'PUT', url: '/api/service-language', payload: { phrases: ['稍等'] } });
      expect(res.status, who).toBe(403);
    }
    expect(await t.fingerprint()).toBe(fingerprint);

    const admin = await t.login('admin');
    const audits = await t.count('audit_log');
    const saved = await t.request(admin, { method: 'PUT', url: '/api/service-language', payload: { phrases: ['  稍等 ', '稍等', '没空'] } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ phrases: ['稍等', '没空'], isDefault: false, updatedBy: t.a.staff.admin });
    expect(await t.count('audit_log')).toBe(audits + 1);
    const audit = await t.deps.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'service_language.update').executeTakeFirst();
    expect(audit).toMatchObject({ actorId: t.a.staff.admin, targetType: 'organization', targetId: t.a.organizationId });

    // company A now checks its own list: 稍等 is barred, 不知道 no longer
    const agent = await t.login('agent1');
    const id = await newCase(agent);
    expect((await command(agent, id, { type: 'message', direction: 'outbound', content: '王女士您好，请稍等' })).body.code).toBe('SERVICE_LANGUAGE_FLAGGED');
    expect((await command(agent, id, { type: 'message', direction: 'outbound', content: '我也不知道' })).status).toBe(200);

    // company B still has the default list
    const bAgent = await t.login('b_agent1');
    const bCase = await newCase(bAgent, 'b');
    expect((await command(bAgent, bCase, { type: 'message', direction: 'outbound', content: '王女士您好，请稍等' })).status).toBe(200);
    expect((await command(bAgent, bCase, { type: 'message', direction: 'outbound', content: '我也不知道' })).body.code).toBe('SERVICE_LANGUAGE_FLAGGED');
    const bList = await t.request(bAgent, { method: 'GET', url: '/api/service-language' });
    expect(bList.body.isDefault).toBe(true);

    // back to the default for the other tests of this file
    await t.request(admin, { method: 'PUT', url: '/api/service-language', payload: { phrases: saved.body.defaultPhrases } });
  });
});
