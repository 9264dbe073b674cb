import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>, expectedVersion?: number) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command, ...(expectedVersion ? { expectedVersion } : {}) } });

describe('case creation', () => {
  it('registers a repair with its first event and a readable number', async () => {
    const agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'repair',
        channel: 'hotline',
        description: '厨房下水道堵塞',
        ownerId: z.id,
        unitId: z.unitId,
        repairGrade: 'very_urgent',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({
      type: 'repair',
      status: 'new',
      repairGrade: 'very_urgent',
      repairScope: 'indoor',
      ownerId: z.id,
      title: '厨房下水道堵塞',
      version: 1,
    });
    expect(res.body.case.number).toMatch(/^BX-20261125-\d{6}$/);
    expect(res.body.events).toHaveLength(1);
    expect(res.body.events[0]).toMatchObject({ type: 'created', seq: 1, channel: 'hotline', direction: 'inbound', content: '厨房下水道堵塞' });
    expect(res.body.allowedCommands).toEqual(expect.arrayContaining(['dispatch', 'message', 'add_note', 'retype']));
    const events = await t.request(agent, { method: 'GET', url: `/api/cases/${res.body.case.id}/events` });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['created']);
  });

  it('an idempotency key makes a double click create one case, and replays the first answer', async () => {
    const agent = await t.login('agent1');
    const payload = { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '停车卡怎么办理？' };
    const before = await t.count('cases');
    const headers = { 'idempotency-key': 'call-20261125-0001' };
    const [first, second] = await Promise.all([
      t.request(agent, { method: 'POST', url: '/api/cases', payload, headers }),
      t.request(agent, { method: 'POST', url: '/api/cases', payload, headers }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.case.id).toBe(first.body.case.id);
    const third = await t.request(agent, { method: 'POST', url: '/api/cases', payload, headers });
    expect(third.body.case.id).toBe(first.body.case.id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    // the replay is the same answer: the case, its opening event, the commands allowed
    expect(third.body.events).toEqual(first.body.events);
    expect(third.body.allowedCommands).toEqual(first.body.allowedCommands);
    expect(third.body.case).toEqual(first.body.case);
    expect(await t.count('cases')).toBe(before + 1);
    expect(await t.count('idempotency_keys')).toBeGreaterThan(0);
  });

  it('a case’s owner must hold or occupy a unit in the case’s project', async () => {
    const liu = t.a.owners.liuyang!; // BINJIANG
    const before = await t.count('cases');
    const payload = { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '咨询', ownerId: liu.id };
    // CUIHU staff cannot see a BINJIANG owner at all
    const scoped = await t.request(await t.login('agent1'), { method: 'POST', url: '/api/cases', payload });
    expect(scoped.status).toBe(404);
    expect(scoped.body).toMatchObject({ code: 'OWNER_NOT_FOUND', field: 'ownerId' });
    // company-wide staff can, and are told the owner is not of this project
    const wide = await t.request(await t.login('admin'), { method: 'POST', url: '/api/cases', payload, headers: { 'accept-language': 'en' } });
    expect(wide.status).toBe(400);
    expect(wide.body).toMatchObject({ code: 'OWNER_NOT_IN_PROJECT', field: 'ownerId', message: 'The owner has no registered unit in this project' });
    expect(await t.count('cases')).toBe(before);
    const ok = await t.request(await t.login('admin'), { method: 'POST', url: '/api/cases', payload: { ...payload, projectId: t.a.projects.BINJIANG!.id } });
    expect(ok.status).toBe(201);
  });

  it('the same key with a different request is refused and creates nothing', async () => {
    const agent = await t.login('agent1');
    const base = { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline' };
    await t.request(agent, { method: 'POST', url: '/api/cases', payload: { ...base, description: '第一次' }, headers: { 'idempotency-key': 'k-2' } });
    const before = await t.count('cases');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...base, description: '第二次' },
      headers: { 'idempotency-key': 'k-2' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(await t.count('cases')).toBe(before);
  });

  it('many concurrent creations all get distinct numbers', async () => {
    const agent = await t.login('agent1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request(agent, {
          method: 'POST',
          url: '/api/cases',
          payload: { projectId: t.a.projects.CUIHU!.id, type: 'suggestion', channel: 'email', description: `建议 ${i}` },
        }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.case.number)).size).toBe(20);
  });
});

describe('the complaint workflow over HTTP', () => {
  it('runs from intake to close, with a rejection that goes back to the department', async () => {
    const agent = await t.login('agent1');
    const head = await t.login('enghead1');
    const manager = await t.login('manager1');
    const l = t.a.owners.lina!;
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'complaint',
        channel: 'hotline',
        description: '电梯经常停运',
        ownerId: l.id,
        unitId: l.unitId,
        apologized: false,
        readBack: false,
      },
    });
    const id = created.body.case.id;
    const eng = t.a.departments['ENG-CUIHU']!;

    const early = await cmd(agent, id, { type: 'transfer', departmentId: eng });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('COMPLAINT_NOT_ACKNOWLEDGED');

    expect(
      (await cmd(agent, id, { type: 'acknowledge', apology: true, readBack: true, content: '非常抱歉给您带来不便，我复述一下您反映的问题……' })).status,
    ).toBe(200);
    expect((await cmd(agent, id, { type: 'transfer', departmentId: eng, promisedAt: '2026-11-27T18:00:00+08:00' })).body.case.status).toBe('transferred');

    const agentCannotAccept = await cmd(agent, id, { type: 'accept', committedAt: '2026-11-26T18:00:00+08:00' });
    expect(agentCannotAccept.status).toBe(403);
    expect(agentCannotAccept.body.code).toBe('ACTION_NOT_PERMITTED');

    const tooLate = await cmd(head, id, { type: 'accept', committedAt: '2026-11-28T18:00:00+08:00' });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body).toMatchObject({ code: 'COMMITTED_TIME_AFTER_DEADLINE', field: 'committedAt' });

    const accepted = await cmd(head, id, { type: 'accept', committedAt: '2026-11-26T18:00:00+08:00' });
    expect(accepted.body.case).toMatchObject({ status: 'in_progress', committedAt: '2026-11-26T10:00:00.000Z' });
    await cmd(head, id, { type: 'record_contact', content: '已联系业主' });
    await cmd(head, id, { type: 'submit_plan', cause: '电梯主板老化', steps: '更换主板', expectedCompletionAt: '2026-11-30T18:00:00+08:00' });

    const informTooEarly = await cmd(agent, id, { type: 'inform_owner', content: '您好' });
    expect(informTooEarly.status).toBe(409);
    expect(informTooEarly.body.code).toBe('TRANSITION_NOT_ALLOWED');

    await cmd(manager, id, { type: 'approve_plan' }); // the head wrote it: the office manager approves
    await cmd(agent, id, { type: 'inform_owner', content: '您好，李女士，电梯将于11月30日前更换主板，谢谢。' });
    const rejected = await cmd(agent, id, { type: 'record_satisfaction', satisfied: false, opinion: '等太久了' });
    expect(rejected.body.case).toMatchObject({ status: 'in_progress', reopenCount: 1, satisfied: false });

    await cmd(head, id, { type: 'submit_plan', cause: '电梯主板老化', steps: '加急更换主板，明日完成', expectedCompletionAt: '2026-11-26T18:00:00+08:00' });
    await cmd(manager, id, { type: 'approve_plan' }); // the head wrote it: the office manager approves
    await cmd(agent, id, { type: 'inform_owner', content: '您好，李女士，已加急处理，明日完成，谢谢。' });
    await cmd(agent, id, { type: 'record_satisfaction', satisfied: true, rating: 4 });

    const noCause = await cmd(agent, id, { type: 'close' });
    expect(noCause.status).toBe(400);
    expect(noCause.body).toMatchObject({ code: 'CLOSE_REQUIRES_CAUSE_AND_PREVENTION', field: 'causeAnalysis' });

    const closed = await cmd(agent, id, { type: 'close', causeAnalysis: '设备老化未及时更换', preventiveMeasures: '建立电梯部件更换计划' });
    expect(closed.body.case).toMatchObject({ status: 'closed', closeReason: 'resolved', reopenCount: 1, rating: 4 });
    expect(closed.body.allowedCommands).toEqual(['message', 'add_note', 'rate', 'record_follow_up']);

    const events = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/events` });
    const types = events.body.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('created');
    expect(types.filter((x: string) => x === 'satisfaction_recorded')).toHaveLength(2);
    expect(types.filter((x: string) => x === 'plan_approved')).toHaveLength(2);
    expect(events.body.map((e: { seq: number }) => e.seq)).toEqual(events.body.map((_: unknown, i: number) => i + 1));
  });

  it('a compensation complaint goes to leadership and the accused office manager loses sight of it', async () => {
    const supervisor = await t.login('supervisor1');
    const manager = await t.login('manager1');
    const created = await t.request(supervisor, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'complaint',
        channel: 'letter',
        description: '管理处主任态度恶劣，要求赔偿',
        apologized: true,
        readBack: true,
      },
    });
    const id = created.body.case.id;
    expect((await t.request(manager, { method: 'GET', url: `/api/cases/${id}` })).status).toBe(200);

    const wrongLevel = await cmd(supervisor, id, {
      type: 'escalate',
      level: 'company',
      reason: 'against_office_manager',
      accusedStaffId: t.a.staff.manager1,
      note: '投诉管理处主任',
    });
    expect(wrongLevel.body).toMatchObject({ code: 'ESCALATION_LEVEL_INVALID', field: 'level' });

    const ok = await cmd(supervisor, id, {
      type: 'escalate',
      level: 'leadership',
      reason: 'against_office_manager',
      accusedStaffId: t.a.staff.manager1,
      note: '投诉管理处主任，上报公司领导',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.case.level).toBe('leadership');

    expect((await t.request(manager, { method: 'GET', url: `/api/cases/${id}` })).status).toBe(404);
    const list = await t.request(manager, { method: 'GET', url: '/api/cases?limit=200' });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    const leader = await t.login('leader');
    expect((await t.request(leader, { method: 'GET', url: `/api/cases/${id}` })).status).toBe(200);
  });

  it('a major complaint cannot close without a corrective-action report', async () => {
    const agent = await t.login('agent1');
    const supervisor = await t.login('supervisor1');
    const head = await t.login('enghead1');
    const manager = await t.login('manager1');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'complaint', channel: 'hotline', description: '地下车库漏水淹车', apologized: true, readBack: true },
    });
    const id = created.body.case.id;
    await cmd(supervisor, id, { type: 'mark_major', reason: '多车受损' });
    await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU']! });
    await cmd(head, id, { type: 'accept', committedAt: '2026-11-26T10:00:00+08:00' });
    await cmd(head, id, { type: 'submit_plan', cause: '排水泵故障', steps: '更换排水泵', expectedCompletionAt: '2026-11-27T10:00:00+08:00' });
    await cmd(manager, id, { type: 'approve_plan' }); // the head wrote it: the office manager approves
    await cmd(agent, id, { type: 'inform_owner', content: '您好，已更换排水泵，谢谢。' });
    await cmd(agent, id, { type: 'record_satisfaction', satisfied: true });
    const refused = await cmd(agent, id, { type: 'close', causeAnalysis: '排水泵故障', preventiveMeasures: '双泵备份' });
    expect(refused.body.code).toBe('CORRECTIVE_ACTION_REQUIRED');
    await cmd(supervisor, id, { type: 'record_corrective_action', report: '纠正措施报告：增设备用泵与水位报警' });
    expect((await cmd(agent, id, { type: 'close', causeAnalysis: '排水泵故障', preventiveMeasures: '双泵备份' })).body.case.status).toBe('closed');
  });
});

describe('repair, inquiry and suggestion over HTTP', () => {
  it('repair: dispatch → on site → done → owner rejects (rework) → done → owner signs off in the portal → close', async () => {
    const agent = await t.login('agent1');
    const tech = await t.login('tech1');
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const created = await t.request(owner, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '阳台灯不亮', unitId: z.unitId },
    });
    expect(created.status).toBe(201);
    expect(created.body.case).toMatchObject({ channel: 'portal', ownerId: z.id, repairGrade: 'normal' });
    expect(created.body.case).not.toHaveProperty('departmentId'); // the owner's schema leaves routing out
    const id = created.body.case.id;

    const otherTech = await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech2 });
    expect(otherTech.body).toMatchObject({ code: 'TECHNICIAN_NOT_IN_SCOPE', field: 'assigneeId' });

    await cmd(agent, id, { type: 'dispatch', assigneeId: t.a.staff.tech1, departmentId: t.a.departments['ENG-CUIHU'] });
    expect((await cmd(tech, id, { type: 'arrive' })).body.case.status).toBe('on_site');
    expect((await cmd(tech, id, { type: 'complete', summary: '更换灯泡' })).body.case.status).toBe('work_done');
    const rework = await cmd(owner, id, { type: 'record_satisfaction', satisfied: false, opinion: '还是不亮' });
    expect(rework.body.case).toMatchObject({ status: 'dispatched', reopenCount: 1 });
    await cmd(tech, id, { type: 'arrive' });
    await cmd(tech, id, { type: 'complete', summary: '更换开关' });
    const signed = await cmd(owner, id, { type: 'record_satisfaction', satisfied: true, rating: 5, opinion: '好了，谢谢' });
    expect(signed.body.case).toMatchObject({ status: 'resolved', rating: 5 });
    // owners never see routing: their schema has no such fields
    for (const field of ['assigneeId', 'departmentId', 'firstReceiverId', 'committedAt', 'level']) expect(signed.body.case).not.toHaveProperty(field);
    expect((await cmd(owner, id, { type: 'close' })).status).toBe(403);
    expect((await cmd(agent, id, { type: 'close' })).body.case.status).toBe('closed');

    const ownerEvents = await t.request(owner, { method: 'GET', url: `/api/cases/${id}/events` });
    const staffEvents = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/events` });
    expect(ownerEvents.body.length).toBeLessThan(staffEvents.body.length);
    // the owner's history: no internal entries, and no field changes, routing data or staff ids in those shown
    for (const e of ownerEvents.body) for (const field of ['internal', 'changes', 'data', 'actorId']) expect(e).not.toHaveProperty(field);
    expect(ownerEvents.body.map((e: { type: string }) => e.type)).not.toContain('dispatched');
  });

  it('inquiry answered directly, then satisfied and closed; re-typed inquiry becomes a complaint', async () => {
    const agent = await t.login('agent1');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'wechat_group', description: '游泳池几点开放？' },
    });
    const id = created.body.case.id;
    expect((await cmd(agent, id, { type: 'answer', content: '您好，游泳池每天9:00-21:00开放，谢谢。' })).body.case.status).toBe('owner_informed');
    expect((await cmd(agent, id, { type: 'record_satisfaction', satisfied: true })).body.case.status).toBe('resolved');
    expect((await cmd(agent, id, { type: 'close' })).body.case.status).toBe('closed');

    const other = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '为什么我家门口垃圾三天没人收？' },
    });
    const retyped = await cmd(agent, other.body.case.id, { type: 'retype', newType: 'complaint', reason: '业主认为权益受损，转为投诉' });
    expect(retyped.body.case).toMatchObject({ type: 'complaint', status: 'new' });
    expect(retyped.body.events[0]).toMatchObject({ type: 'retyped', data: expect.objectContaining({ fromType: 'inquiry', toType: 'complaint' }) });
    expect((await cmd(agent, other.body.case.id, { type: 'retype', newType: 'complaint', reason: 'x' })).body.code).toBe('TYPE_UNCHANGED');
  });

  it('suggestion: not feasible needs a reason; a stale expectedVersion is a conflict that changes nothing', async () => {
    const agent = await t.login('agent1');
    const manager = await t.login('manager1');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'suggestion', channel: 'forum', description: '建议增设快递柜' },
    });
    const id = created.body.case.id;
    await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENV-CUIHU']! });
    await cmd(manager, id, { type: 'accept', committedAt: '2026-12-01T10:00:00+08:00' });
    const noReason = await cmd(manager, id, { type: 'evaluate', feasible: false });
    expect(noReason.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
    const stale = await cmd(manager, id, { type: 'evaluate', feasible: false, reason: '场地不足' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const current = await t.request(agent, { method: 'GET', url: `/api/cases/${id}` });
    expect(current.body.case.status).toBe('in_progress');
    const ok = await cmd(manager, id, { type: 'evaluate', feasible: false, reason: '场地不足' }, current.body.case.version);
    expect(ok.body.case).toMatchObject({ status: 'evaluated', evaluation: { feasible: false, reason: '场地不足' } });
  });
});

describe('lists and queues', () => {
  it('staff lists stay inside their projects; owners see only their own cases', async () => {
    const agent2 = await t.login('agent2');
    const own = await t.request(agent2, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.BINJIANG!.id, type: 'inquiry', channel: 'hotline', description: '滨江的问题' },
    });
    const list = await t.request(agent2, { method: 'GET', url: '/api/cases?limit=200' });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((c: { projectId: string }) => c.projectId === t.a.projects.BINJIANG!.id)).toBe(true);
    expect((await t.request(agent2, { method: 'GET', url: `/api/cases?projectId=${t.a.projects.CUIHU!.id}` })).body.items).toEqual([]);
    const owner = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    const mine = await t.request(owner, { method: 'GET', url: '/api/cases?limit=200' });
    expect(mine.body.items.every((c: { ownerId: string }) => c.ownerId === t.a.owners.lina!.id)).toBe(true);
    expect(mine.body.items.map((c: { id: string }) => c.id)).not.toContain(own.body.case.id);
  });

  it('pages with a cursor and finds Chinese text', async () => {
    const agent = await t.login('agent1');
    for (let i = 0; i < 3; i++)
      await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `独特关键词甲乙丙 ${i}` },
      });
    const first = await t.request(agent, { method: 'GET', url: '/api/cases?q=甲乙丙&limit=2' });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await t.request(agent, { method: 'GET', url: `/api/cases?q=甲乙丙&limit=2&cursor=${first.body.nextCursor}` });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(3);
  });
});
