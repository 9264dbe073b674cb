import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/** Who and where at the desk (issue 10 items 6 and 7), on both databases. */

let t: TestContext;
let repairId = '';
let secTechId = '';
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
const db = () => t.deps.database.db as any;

const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });

beforeAll(async () => {
  t = await createTestContext();
  // a technician of another department of the same project (秩序维护部)
  const made = await t.request(await t.login('admin'), {
    method: 'POST',
    url: '/api/staff',
    payload: {
      username: 'sectech1',
      name: '秩序维护员周平',
      password: 'guanjia-demo',
      roles: ['technician'],
      projectIds: [t.a.projects.CUIHU!.id],
      departmentId: t.a.departments['SEC-CUIHU'],
    },
  });
  expect(made.status).toBe(201);
  secTechId = made.body.id;
  // 王芳 (special needs on file) reports a leak
  const w = t.a.owners.wangfang!;
  const res = await t.request(await t.login('agent1'), {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      description: '卫生间漏水',
      ownerId: w.id,
      unitId: w.unitId,
      repairGrade: 'urgent',
    },
  });
  expect(res.status).toBe(201);
  repairId = res.body.case.id;
});
afterAll(async () => t?.close());

describe('dispatch as engineering works (item 7)', () => {
  it('a repair registered without a department goes to the project’s engineering department', async () => {
    const detail = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${repairId}` });
    expect(detail.body.case.departmentId).toBe(t.a.departments['ENG-CUIHU']);
  });

  it('lists only the repair department’s technicians and head as assignable, never the archivist or the administrator', async () => {
    const res = await t.request(await t.login('enghead1'), { method: 'GET', url: `/api/cases/${repairId}/assignable-staff` });
    expect(res.status).toBe(200);
    expect(res.body.departmentId).toBe(t.a.departments['ENG-CUIHU']);
    const names = res.body.items.map((s: { name: string }) => s.name).sort();
    expect(names).toEqual(['工程部经理钱伟', '维修员孙刚'].sort());
    expect(res.body.items.every((s: { departmentName: string }) => s.departmentName === '工程维修部')).toBe(true);
    for (const not of [t.a.staff.archivist1, t.a.staff.admin, t.a.staff.agent1, secTechId, t.a.staff.tech2])
      expect(res.body.items.map((s: { id: string }) => s.id)).not.toContain(not);
  });

  it('the 工程部经理 dispatches a new repair to his technician', async () => {
    const res = await cmd(await t.login('enghead1'), repairId, { type: 'dispatch', assigneeId: t.a.staff.tech1 });
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ status: 'dispatched', assigneeId: t.a.staff.tech1 });
  });

  it('refuses dispatch and reassignment to someone not assignable, naming assigneeId, and changes nothing', async () => {
    const supervisor = await t.login('supervisor1');
    const before = await t.fingerprint();
    for (const [who, code] of [
      [t.a.staff.archivist1, 'STAFF_NOT_ASSIGNABLE'],
      [t.a.staff.admin, 'STAFF_NOT_ASSIGNABLE'],
      [secTechId, 'STAFF_NOT_ASSIGNABLE'],
      [t.a.staff.tech2, 'TECHNICIAN_NOT_IN_SCOPE'],
    ] as const) {
      const res = await t.request(supervisor, {
        method: 'POST',
        url: `/api/cases/${repairId}/commands`,
        headers: { 'accept-language': 'en' },
        payload: { command: { type: 'dispatch', assigneeId: who } },
      });
      expect(res.status, who).toBe(400);
      expect(res.body).toMatchObject({ code, field: 'assigneeId' });
      const again = await cmd(supervisor, repairId, { type: 'reassign', assigneeId: who });
      expect(again.status).toBe(400);
      expect(again.body.field).toBe('assigneeId');
    }
    const zh = await cmd(supervisor, repairId, { type: 'dispatch', assigneeId: t.a.staff.archivist1 });
    expect(zh.body.message).toContain('不能指派给该员工');
    expect(await t.fingerprint()).toBe(before);
  });

  it('refuses the list to a technician, another project’s staff and an owner', async () => {
    const url = `/api/cases/${repairId}/assignable-staff`;
    expect((await t.request(await t.login('tech1'), { method: 'GET', url })).status).toBe(403);
    expect((await t.request(await t.login('sectech1'), { method: 'GET', url })).status).toBe(403);
    expect((await t.request(await t.login('enghead2'), { method: 'GET', url })).status).toBe(404);
    expect((await t.request(await t.login('agent2'), { method: 'GET', url })).status).toBe(404);
    expect((await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), { method: 'GET', url })).status).toBe(403);
  });

  it('the head finds a new repair in his department queue (本部门) before anyone dispatches it, and only there', async () => {
    const w = t.a.owners.wangfang!;
    const created = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '客厅插座没电', ownerId: w.id, unitId: w.unitId },
    });
    const id = created.body.case.id;
    const queue = async (username: string, name: string) =>
      (await t.request(await t.login(username), { method: 'GET', url: `/api/cases?queue=${name}&limit=200` })).body.items.map((c: { id: string }) => c.id);
    expect(await queue('enghead1', 'department')).toContain(id);
    expect(await queue('enghead1', 'unassigned')).toContain(id);
    // another department's head does not get it in his department queue
    expect(await queue('sectech1', 'department')).not.toContain(id);
    const dispatched = await cmd(await t.login('enghead1'), id, { type: 'dispatch', assigneeId: t.a.staff.tech1, note: '带上电笔和备用插座' });
    expect(dispatched.status).toBe(200);
    expect(await queue('enghead1', 'department')).toContain(id);
    expect(await queue('enghead1', 'unassigned')).not.toContain(id);
    // the 派工单's note is kept in the history
    const events = await t.request(await t.login('tech1'), { method: 'GET', url: `/api/cases/${id}/events` });
    expect(events.body.find((e: { type: string }) => e.type === 'dispatched')).toMatchObject({ content: '带上电笔和备用插座' });
  });

  it('the supervisor’s own list is the repair department’s; ?departmentId= lists another department’s people; a department of another project is refused', async () => {
    const supervisor = await t.login('supervisor1');
    const w = t.a.owners.wangfang!;
    const created = await t.request(supervisor, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '楼道门禁失灵', ownerId: w.id, unitId: w.unitId },
    });
    const url = `/api/cases/${created.body.case.id}/assignable-staff`;
    const own = await t.request(supervisor, { method: 'GET', url });
    expect(own.status).toBe(200);
    expect(own.body.departmentId).toBe(t.a.departments['ENG-CUIHU']);
    expect(own.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([t.a.staff.tech1]));
    expect(own.body.items.map((s: { id: string }) => s.id)).not.toContain(secTechId);
    const sec = await t.request(supervisor, { method: 'GET', url: `${url}?departmentId=${t.a.departments['SEC-CUIHU']}` });
    expect(sec.status).toBe(200);
    expect(sec.body.departmentId).toBe(t.a.departments['SEC-CUIHU']);
    expect(sec.body.items.map((s: { id: string }) => s.id)).toContain(secTechId);
    expect(sec.body.items.map((s: { id: string }) => s.id)).not.toContain(t.a.staff.tech1);
    expect(sec.body.items.every((s: { departmentId: string }) => s.departmentId === t.a.departments['SEC-CUIHU'])).toBe(true);
    // a department of another project (BINJIANG's engineering) is not one this case can go to
    const foreign = await t.request(supervisor, { method: 'GET', url: `${url}?departmentId=${t.a.departments['ENG-BINJIANG']}` });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.body.field).toBe('query.departmentId');
    // and the dispatch into that department goes to its technician
    const done = await cmd(supervisor, created.body.case.id, { type: 'dispatch', assigneeId: secTechId, departmentId: t.a.departments['SEC-CUIHU'] });
    expect(done.status).toBe(200);
    expect(done.body.case).toMatchObject({ assigneeId: secTechId, departmentId: t.a.departments['SEC-CUIHU'] });
  });

  it('a technician sees his work orders with the flat, the owner, the grade and the due time', async () => {
    const res = await t.request(await t.login('tech1'), { method: 'GET', url: '/api/work-orders' });
    expect(res.status).toBe(200);
    const mine = res.body.items.find((w: { caseId: string }) => w.caseId === repairId);
    expect(mine).toMatchObject({
      unitLabel: '2栋-1单元-201',
      ownerName: '王*',
      ownerGrade: 'member',
      repairGrade: 'urgent',
      phoneAvailable: true,
      status: 'dispatched',
      reopenCount: 0, // no 返工 flag
      satisfied: null, // no verdict yet
    });
    expect(mine.nearestClock).toMatchObject({ overdue: false });
    expect(typeof mine.nearestClock.dueAt).toBe('string');
    // other technicians do not get his work
    const other = await t.request(await t.login('sectech1'), { method: 'GET', url: '/api/work-orders' });
    expect(other.body.items.map((w: { caseId: string }) => w.caseId)).not.toContain(repairId);
    expect((await t.request(await t.login('agent1'), { method: 'GET', url: '/api/work-orders' })).status).toBe(403);
    expect((await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), { method: 'GET', url: '/api/work-orders' })).status).toBe(403);
  });

  it('a work order of a caller with no archive names the caller, and says whether they left a phone', async () => {
    const agent = await t.login('agent1');
    const repairOf = async (caller: { name: string; phone?: string }) => {
      const created = await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '楼道灯不亮', repairGrade: 'normal', caller },
      });
      expect(created.status).toBe(201);
      expect((await cmd(agent, created.body.case.id, { type: 'dispatch', assigneeId: t.a.staff.tech1 })).status).toBe(200);
      return created.body.case.id as string;
    };
    const withPhone = await repairOf({ name: '钱先生', phone: '139 0000 7788' });
    const withoutPhone = await repairOf({ name: '孙女士' });
    const items = (await t.request(await t.login('tech1'), { method: 'GET', url: '/api/work-orders' })).body.items as { caseId: string }[];
    expect(items.find((w) => w.caseId === withPhone)).toMatchObject({ ownerName: '钱**', ownerGrade: null, phoneAvailable: true });
    expect(items.find((w) => w.caseId === withoutPhone)).toMatchObject({ ownerName: '孙**', ownerGrade: null, phoneAvailable: false });
  });
});

describe('the owner’s verdict on work orders and queue rows (item 8)', () => {
  it('a repair sent back by the owner shows 返工 and 不满意 on the technician’s work order and the queue row', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    const tech = await t.login('tech1');
    const created = await t.request(owner, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'portal', description: '热水器不出热水', unitId: z.unitId },
    });
    const id = created.body.case.id;
    await cmd(await t.login('agent1'), id, { type: 'dispatch', assigneeId: t.a.staff.tech1 });
    await cmd(tech, id, { type: 'arrive' });
    await cmd(tech, id, { type: 'complete', summary: '复位温控器' });
    await cmd(owner, id, { type: 'record_satisfaction', satisfied: false, opinion: '还是不热' });
    const orders = await t.request(tech, { method: 'GET', url: '/api/work-orders' });
    expect(orders.body.items.find((w: { caseId: string }) => w.caseId === id)).toMatchObject({ status: 'dispatched', reopenCount: 1, satisfied: false });
    const rows = await t.request(await t.login('agent1'), { method: 'GET', url: '/api/cases?queue=open&limit=200' });
    expect(rows.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ reopenCount: 1, satisfied: false });
  });
});

describe('who and where at a glance (item 6)', () => {
  it('queue rows carry owner (masked per role), unit label, assignee, department and the nearest clock', async () => {
    const row = async (username: string) =>
      (await t.request(await t.login(username), { method: 'GET', url: '/api/cases?queue=open&limit=200' })).body.items.find(
        (c: { id: string }) => c.id === repairId,
      );
    const agentRow = await row('agent1');
    expect(agentRow).toMatchObject({ ownerName: '王*', unitLabel: '2栋-1单元-201', assigneeName: '维修员孙刚', departmentName: '工程维修部' });
    expect(agentRow.nearestClock).toMatchObject({ kind: expect.any(String), overdue: false });
    expect(agentRow.nextDueAt).toBe(agentRow.nearestClock.dueAt);
    expect((await row('supervisor1')).ownerName).toBe('王芳');
    // overdue shows on the at-risk queue
    t.advance(3 * 24 * 60);
    // a session of its own three days on (the cached ones would idle out)
    const later = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent1', password: 'guanjia-demo' } });
    const risk = await t.request(later.body.token, { method: 'GET', url: '/api/cases?queue=at_risk&limit=200' });
    const late = risk.body.items.find((c: { id: string }) => c.id === repairId);
    t.advance(-3 * 24 * 60);
    expect(late).toMatchObject({ unitLabel: '2栋-1单元-201', ownerName: '王*' });
    expect(late.nearestClock.overdue).toBe(true);
    // owners see none of it
    const own = await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), { method: 'GET', url: '/api/cases' });
    expect(own.body.items[0]).not.toHaveProperty('ownerName');
    expect(own.body.items[0]).not.toHaveProperty('assigneeName');
  });

  it('the case page’s context: the owner card, first receiver, assignee, department and every clock', async () => {
    const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${repairId}/context` });
    expect(res.status).toBe(200);
    expect(res.body.owner).toMatchObject({
      name: '王*',
      grade: 'member',
      specialNeeds: '家中有行动不便的老人，上门请提前电话联系',
      hasSpecialNeeds: true,
      doNotDisturb: [{ from: '12:00', to: '14:00' }],
      units: [{ label: '2栋-1单元-201' }],
    });
    expect(res.body.owner.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(res.body.owner.openCases.count).toBeGreaterThanOrEqual(1);
    expect(res.body.owner.openCases.items.map((c: { id: string }) => c.id)).toContain(repairId);
    expect(res.body.owner.recentInteractions.length).toBeGreaterThan(0);
    expect(res.body.owner.recentInteractions.length).toBeLessThanOrEqual(5);
    expect(res.body.owner.recentInteractions[0]).toMatchObject({ direction: expect.stringMatching(/inbound|outbound/) });
    expect(res.body).toMatchObject({
      unit: { label: '2栋-1单元-201' },
      firstReceiver: { id: t.a.staff.agent1, name: '客服专员陈静' },
      assignee: { id: t.a.staff.tech1, name: '维修员孙刚' },
      department: { id: t.a.departments['ENG-CUIHU'], name: '工程维修部' },
      canRevealPhone: true,
    });
    expect(res.body.clocks.length).toBeGreaterThan(0);
    expect(res.body.clocks[0]).toMatchObject({ kind: expect.any(String), running: expect.any(Boolean) });
  });

  it('special needs only as a flag, and no phone, for a technician not on the case', async () => {
    const res = await t.request(await t.login('sectech1'), { method: 'GET', url: `/api/cases/${repairId}/context` });
    expect(res.status).toBe(200);
    expect(res.body.owner).toMatchObject({ specialNeeds: null, hasSpecialNeeds: true, name: '王*' });
    expect(res.body.canRevealPhone).toBe(false);
    expect((await t.request(await t.login('agent2'), { method: 'GET', url: `/api/cases/${repairId}/context` })).status).toBe(404);
    expect((await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), { method: 'GET', url: `/api/cases/${repairId}/context` })).status).toBe(403);
  });

  it('the assigned technician reveals the owner’s number for his case (logged); others are refused', async () => {
    const reveals = async () => (await db().selectFrom('audit_log').select('id').where('action', '=', 'case.owner_phone_revealed').execute()).length;
    for (const u of ['tech1', 'sectech1', 'tech2', 'agent2', 'archivist1']) await t.login(u);
    const before = await reveals();
    const res = await t.request(await t.login('tech1'), { method: 'POST', url: `/api/cases/${repairId}/owner-phone`, payload: { reason: '上门前联系' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId: repairId, source: 'owner', phone: t.a.owners.wangfang!.portalLogin });
    const entry = await db().selectFrom('audit_log').selectAll().where('action', '=', 'case.owner_phone_revealed').orderBy('id', 'desc').executeTakeFirst();
    expect(entry).toMatchObject({ actorId: t.a.staff.tech1, targetType: 'case', targetId: repairId, projectId: t.a.projects.CUIHU!.id });
    expect(JSON.parse(entry.detail)).toMatchObject({ reason: '上门前联系', source: 'owner', ownerId: t.a.owners.wangfang!.id });
    expect(await reveals()).toBe(before + 1);
    // the owner archive stays closed to technicians
    expect((await t.request(await t.login('tech1'), { method: 'GET', url: `/api/owners/${t.a.owners.wangfang!.id}/archive` })).status).toBe(403);
    // a technician of another department, another project's desk, the archivist, an owner: refused, nothing logged
    const url = `/api/cases/${repairId}/owner-phone`;
    expect((await t.request(await t.login('sectech1'), { method: 'POST', url, payload: {} })).status).toBe(403);
    expect((await t.request(await t.login('tech2'), { method: 'POST', url, payload: {} })).status).toBe(403);
    expect((await t.request(await t.login('agent2'), { method: 'POST', url, payload: {} })).status).toBe(404);
    expect((await t.request(await t.login('archivist1'), { method: 'POST', url, payload: {} })).status).toBe(403);
    expect((await t.request(await t.ownerLogin(t.a.owners.wangfang!.portalLogin), { method: 'POST', url, payload: {} })).status).toBe(403);
    expect(await reveals()).toBe(before + 1);
  });
});

describe('intake finds a caller (item 6)', () => {
  const search = async (username: string, q: string) =>
    t.request(await t.login(username), { method: 'GET', url: `/api/intake/callers?q=${encodeURIComponent(q)}` });

  it.each(['1栋101', '1-1-101', '1栋1单元101室', '１栋１０１'])('by unit written as %s', async (q) => {
    const res = await search('agent1', q);
    expect(res.status).toBe(200);
    expect(res.body.query.kind).toEqual(['unit']);
    expect(res.body.units).toEqual([{ unitId: t.a.owners.zhangwei!.unitId, projectId: t.a.projects.CUIHU!.id, label: '1栋-1单元-101' }]);
    expect(res.body.owners).toEqual([
      expect.objectContaining({
        ownerId: t.a.owners.zhangwei!.id,
        name: '张*',
        matchedBy: 'unit',
        units: [expect.objectContaining({ label: '1栋-1单元-101' })],
      }),
    ]);
  });

  it('a unit of entrance 2 reads 1栋-2单元-301 and is found as 1-2-301, not as 1单元301', async () => {
    const admin = await t.login('admin');
    const made = await t.request(admin, {
      method: 'POST',
      url: `/api/buildings/${t.a.projects.CUIHU!.buildings.B1!.id}/units`,
      payload: { code: '301', entrance: '2' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ code: '301', entrance: '2' });
    const found = await search('agent1', '1-2-301');
    expect(found.body.units).toEqual([{ unitId: made.body.id, projectId: t.a.projects.CUIHU!.id, label: '1栋-2单元-301' }]);
    expect((await search('agent1', '1单元301')).body.units).toEqual([]);
    const edited = await t.request(admin, { method: 'PATCH', url: `/api/units/${made.body.id}`, payload: { entrance: null } });
    expect(edited.body.entrance).toBeNull();
    expect((await search('agent1', '1栋301')).body.units).toEqual([expect.objectContaining({ label: '1栋-301' })]);
  });

  it('1单元101 names the 101 of every building', async () => {
    const res = await search('agent1', '1单元101');
    expect(res.body.units.map((u: { label: string }) => u.label).sort()).toEqual(['1栋-1单元-101', '2栋-1单元-101']);
  });

  it('by phone, full or its last 4 digits, and by name', async () => {
    const z = t.a.owners.zhangwei!;
    const last4 = await search('agent1', z.portalLogin.slice(-4));
    expect(last4.body.query.kind).toEqual(['phone_last4']);
    expect(last4.body.owners.map((o: { ownerId: string }) => o.ownerId)).toContain(z.id);
    expect(last4.body.owners[0]).toMatchObject({ matchedBy: 'phone', phoneMasked: expect.stringContaining('****') });
    const full = await search('agent1', z.portalLogin.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3'));
    expect(full.body.owners.map((o: { ownerId: string }) => o.ownerId)).toEqual([z.id]);
    const byName = await search('supervisor1', '张伟');
    expect(byName.body.owners).toEqual([expect.objectContaining({ ownerId: z.id, name: '张伟', matchedBy: 'name' })]);
  });

  it('never across projects or tenants; owners are refused', async () => {
    expect((await search('agent2', '1栋101')).body.owners.map((o: { ownerId: string }) => o.ownerId)).not.toContain(t.a.owners.zhangwei!.id);
    expect((await search('agent2', '1栋101')).body.units.map((u: { projectId: string }) => u.projectId)).toEqual([t.a.projects.BINJIANG!.id]);
    expect((await search('b_agent1', '张伟')).body.owners.map((o: { ownerId: string }) => o.ownerId)).not.toContain(t.a.owners.zhangwei!.id);
    const owner = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), { method: 'GET', url: '/api/intake/callers?q=101' });
    expect(owner.status).toBe(403);
    expect((await search('tech1', '张伟')).status).toBe(403);
  });

  it('an unregistered caller is recorded with name and phone (encrypted), found by phone, revealed, and linked later', async () => {
    const agent = await t.login('agent1');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'inquiry',
        channel: 'hotline',
        description: '想咨询装修手续',
        caller: { name: '赵先生', phone: '139 1234 5678' },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.case.id;
    expect(created.body.case.ownerId).toBeNull();
    const stored = await db().selectFrom('case_callers').selectAll().where('caseId', '=', id).executeTakeFirst();
    expect(stored).toMatchObject({ name: '赵先生', phoneMasked: '139****5678', phoneLast4: '5678' });
    expect(stored.phoneEncrypted).not.toContain('13912345678');
    const context = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/context` });
    expect(context.body).toMatchObject({ owner: null, caller: { name: '赵**', phoneMasked: '139****5678' }, canRevealPhone: true });
    const row = (await t.request(agent, { method: 'GET', url: '/api/cases?queue=open&limit=200' })).body.items.find((c: { id: string }) => c.id === id);
    expect(row).toMatchObject({ ownerName: null, callerName: '赵**' });
    const found = await t.request(agent, { method: 'GET', url: '/api/intake/callers?q=5678' });
    expect(found.body.unlinkedCases).toEqual([expect.objectContaining({ caseId: id, callerName: '赵**', phoneMasked: '139****5678' })]);
    const revealed = await t.request(agent, { method: 'POST', url: `/api/cases/${id}/owner-phone`, payload: {} });
    expect(revealed.body).toMatchObject({ source: 'caller', name: '赵先生', phone: '13912345678' });

    // linking: the desk only, an owner of the case's project only
    const before = await t.fingerprint();
    const tech = await cmd(await t.login('tech1'), id, { type: 'link_owner', ownerId: t.a.owners.lina!.id });
    expect(tech.status).toBe(403);
    const elsewhere = await cmd(agent, id, { type: 'link_owner', ownerId: t.a.owners.liuyang!.id });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toMatchObject({ code: 'OWNER_NOT_FOUND', field: 'ownerId' });
    const otherTenant = await cmd(agent, id, { type: 'link_owner', ownerId: t.b.owners.lina!.id });
    expect(otherTenant.status).toBe(404);
    expect(await t.fingerprint()).toBe(before);
    const linked = await cmd(agent, id, { type: 'link_owner', ownerId: t.a.owners.lina!.id, unitId: t.a.owners.lina!.unitId, note: '来电人为李娜家属' });
    expect(linked.status).toBe(200);
    expect(linked.body.case).toMatchObject({ ownerId: t.a.owners.lina!.id, unitId: t.a.owners.lina!.unitId });
    expect(linked.body.events[0]).toMatchObject({ type: 'owner_linked', data: { previousOwnerId: null } });
    expect(linked.body.allowedCommands).not.toContain('link_owner');
    const after = await t.request(agent, { method: 'GET', url: '/api/intake/callers?q=5678' });
    expect(after.body.unlinkedCases).toEqual([]);
  });

  it('an owner opening a case cannot pass a caller', async () => {
    const z = t.a.owners.zhangwei!;
    const res = await t.request(await t.ownerLogin(z.portalLogin), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'portal', description: '咨询', caller: { name: '张伟' } },
    });
    expect(res.status).toBe(403);
    expect(res.body.field).toBe('caller');
  });
});

describe('on site (item 7)', () => {
  it('records arrival and completion with photos', async () => {
    const tech = await t.login('tech1');
    const upload = async (name: string) =>
      (await t.request(tech, { method: 'POST', url: `/api/attachments?filename=${name}`, headers: { 'content-type': 'image/png' }, payload: png })).body
        .id as string;
    const arrivalPhoto = await upload('arrival.png');
    const arrived = await cmd(tech, repairId, { type: 'arrive', attachmentIds: [arrivalPhoto] });
    expect(arrived.status).toBe(200);
    expect(arrived.body.events[0]).toMatchObject({ type: 'arrived_on_site', attachmentIds: [arrivalPhoto] });
    const donePhoto = await upload('done.png');
    const done = await cmd(tech, repairId, { type: 'complete', summary: '更换了密封圈', attachmentIds: [donePhoto] });
    expect(done.status).toBe(200);
    const files = await t.request(tech, { method: 'GET', url: `/api/cases/${repairId}/attachments` });
    expect(files.body.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining([arrivalPhoto, donePhoto]));
    // someone else's loose upload cannot be attached
    const foreign = (
      await t.request(await t.login('agent1'), {
        method: 'POST',
        url: '/api/attachments?filename=x.png',
        headers: { 'content-type': 'image/png' },
        payload: png,
      })
    ).body.id;
    const c2 = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '门锁坏了', ownerId: t.a.owners.lina!.id },
    });
    await cmd(await t.login('enghead1'), c2.body.case.id, { type: 'dispatch', assigneeId: t.a.staff.tech1 });
    const refused = await cmd(tech, c2.body.case.id, { type: 'arrive', attachmentIds: [foreign] });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND', field: 'attachmentIds' });
  });
});

describe('我的工单 stays one screen (issue 11)', () => {
  it('answers the 50 most urgent of all the technician’s open repairs, the most urgent first', async () => {
    const agent = await t.login('agent1');
    const w = t.a.owners.wangfang!;
    const created: string[] = [];
    for (let i = 0; i < 51; i++) {
      t.advance(1); // each a minute later: its clocks fall due later
      const res = await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: `水管漏水 ${i}`, ownerId: w.id, unitId: w.unitId },
      });
      created.push(res.body.case.id);
      expect((await cmd(agent, res.body.case.id, { type: 'dispatch', assigneeId: t.a.staff.tech1 })).status).toBe(200);
    }
    const res = await t.request(await t.login('tech1'), { method: 'GET', url: '/api/work-orders' });
    expect(res.status).toBe(200);
    const items: { caseId: string; nearestClock: { dueAt: string } | null }[] = res.body.items;
    expect(items).toHaveLength(50);
    // the most urgent first (every one has a running clock here)
    const due = items.map((w) => w.nearestClock?.dueAt ?? '\uffff');
    expect(due).toEqual([...due].sort());
    // the newest repair falls due last of all: left out; the oldest of these is in (the newest 200 sorted would have it the other way round at scale)
    const ids = items.map((w) => w.caseId);
    expect(ids).not.toContain(created[50]);
    expect(ids).toContain(created[0]);
  });
});
