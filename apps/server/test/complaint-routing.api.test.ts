import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Complaint routing and separation of duties over HTTP (SPEC §4, seed 004): a complaint names whom it
 * is against at intake and goes to leadership at once; the accused sees it nowhere (404, never 403),
 * handles, approves and hears of none of it; escalations tell their new level; plans are approved by
 * someone else than their author.
 */
let t: TestContext;
let base: string;
beforeAll(async () => {
  t = await createTestContext();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => t?.close());

const cmd = (token: string, id: string, command: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command } });
const notices = async (username: string) =>
  (await t.request(await t.login(username), { method: 'GET', url: '/api/notifications?limit=200' })).body as {
    caseId: string | null;
    kind: string;
    data: Record<string, unknown>;
  }[];

function listen(token: string): { received: string[]; status: Promise<number>; close: () => void } {
  const received: string[] = [];
  let request: http.ClientRequest;
  const status = new Promise<number>((resolve) => {
    request = http.get(`${base}/api/live`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => received.push(chunk));
    });
    request.on('error', () => {});
  });
  return { received, status, close: () => request.destroy() };
}

const CATEGORY = '管理处领导态度';

async function complaint(token: string, extra: Record<string, unknown>) {
  const lina = t.a.owners.lina!;
  return t.request(token, {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: t.a.projects.CUIHU!.id,
      type: 'complaint',
      channel: 'hotline',
      category: CATEGORY,
      description: '投诉管理处领导推诿，要求赔偿',
      ownerId: lina.id,
      unitId: lina.unitId,
      apologized: true,
      readBack: true,
      ...extra,
    },
  });
}

describe('a complaint against the office’s management, recorded at intake', () => {
  let id = '';
  let number = '';
  let live: { manager: ReturnType<typeof listen>; agent: ReturnType<typeof listen> };
  beforeAll(async () => {
    live = { manager: listen(await t.login('manager1')), agent: listen(await t.login('agent1')) };
    expect([await live.manager.status, await live.agent.status]).toEqual([200, 200]);
    const created = await complaint(await t.login('agent1'), { accusedParty: 'office_management', compensationClaim: true });
    expect(created.status).toBe(201);
    id = created.body.case.id;
    number = created.body.case.number;
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(() => {
    live.manager.close();
    live.agent.close();
  });

  it('starts at leadership with its first event; leadership is told at once, the office manager is not', async () => {
    const agent = await t.login('agent1');
    const detail = await t.request(await t.login('leader'), { method: 'GET', url: `/api/cases/${id}` });
    expect(detail.body.case).toMatchObject({ level: 'leadership', accusedParty: 'office_management', accusedStaffId: null, compensationClaim: true });
    const events = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/events` });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(events.body[0].data).toMatchObject({ level: 'leadership', accusedParty: 'office_management', compensationClaim: true });
    const told = (await notices('leader')).filter((n) => n.caseId === id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'case_escalated', data: { level: 'leadership', caseNumber: number, atIntake: true } });
    expect((await notices('manager1')).some((n) => n.caseId === id)).toBe(false);
  });

  const reads = [
    { label: 'detail', url: () => `/api/cases/${id}` },
    { label: 'events', url: () => `/api/cases/${id}/events` },
    { label: 'attachments', url: () => `/api/cases/${id}/attachments` },
    { label: 'clocks', url: () => `/api/cases/${id}/sla` },
  ];
  it.each(reads)('the office manager gets 404 (never 403) on its $label; the agent does not', async ({ url }) => {
    const res = await t.request(await t.login('manager1'), { method: 'GET', url: url() });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CASE_NOT_FOUND');
    expect((await t.request(await t.login('agent1'), { method: 'GET', url: url() })).status).toBe(200);
  });

  it('the office manager can neither act on it nor close it as out of scope; nothing changes', async () => {
    const manager = await t.login('manager1');
    const before = await t.fingerprint();
    for (const command of [
      { type: 'close_out_of_scope', reason: '不属于服务范围' },
      { type: 'add_note', content: '我看看' },
    ]) {
      const res = await cmd(manager, id, command);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CASE_NOT_FOUND');
    }
    expect(await t.fingerprint()).toBe(before);
  });

  it('lists, queues, search and the owner archive leave it out for the office manager, not for the agent', async () => {
    const manager = await t.login('manager1');
    const agent = await t.login('agent1');
    for (const url of ['/api/cases?limit=1000', '/api/cases?queue=open&limit=1000', `/api/cases?q=${number}`, '/api/cases?type=complaint&limit=1000']) {
      expect(JSON.stringify((await t.request(manager, { method: 'GET', url })).body), url).not.toContain(id);
      expect(JSON.stringify((await t.request(agent, { method: 'GET', url })).body), url).toContain(id);
    }
    const archive = await t.request(manager, { method: 'GET', url: `/api/owners/${t.a.owners.lina!.id}/archive` });
    expect(archive.status).toBe(200);
    expect(JSON.stringify(archive.body)).not.toContain(id);
    expect(JSON.stringify((await t.request(agent, { method: 'GET', url: `/api/owners/${t.a.owners.lina!.id}/archive` })).body)).toContain(id);
  });

  it('intake’s caller search (来电查找) leaves out a complaint from an unregistered caller, by the last 4 digits or the whole number', async () => {
    const agent = await t.login('agent1');
    const fromCaller = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: t.a.projects.CUIHU!.id,
        type: 'complaint',
        channel: 'hotline',
        category: CATEGORY,
        description: '来电投诉管理处主任不作为',
        caller: { name: '钱先生', phone: '139 0000 7788' },
        accusedParty: 'office_management',
        apologized: true,
        readBack: true,
      },
    });
    expect(fromCaller.status).toBe(201);
    const { id: callerCaseId, number: callerCaseNumber } = fromCaller.body.case as { id: string; number: string };
    for (const q of ['7788', '13900007788']) {
      const url = `/api/intake/callers?q=${q}`;
      const seen = await t.request(agent, { method: 'GET', url });
      expect(
        seen.body.unlinkedCases.map((c: { caseId: string }) => c.caseId),
        q,
      ).toContain(callerCaseId);
      const hidden = await t.request(await t.login('manager1'), { method: 'GET', url });
      expect(hidden.status).toBe(200);
      expect(hidden.body.unlinkedCases, q).toEqual([]);
      expect(JSON.stringify(hidden.body), q).not.toContain(callerCaseId);
      expect(JSON.stringify(hidden.body), q).not.toContain(callerCaseNumber);
    }
  });

  it('the live stream tells the agent, not the office manager', () => {
    expect(live.agent.received.join('')).toContain(id);
    expect(live.manager.received.join('')).not.toContain(id);
  });

  it('reports: its category is counted for the agent’s supervisor and leadership, not in the office manager’s measures', async () => {
    const url = '/api/reports/outcomes?groupBy=month&from=2026-11-01&to=2026-12-01';
    const categoriesOf = async (username: string) =>
      (await t.request(await t.login(username), { method: 'GET', url })).body.complaintCategories as { category: string; count: number }[];
    expect((await categoriesOf('supervisor1')).find((c) => c.category === CATEGORY)?.count).toBeGreaterThanOrEqual(1);
    expect((await categoriesOf('leader')).find((c) => c.category === CATEGORY)?.count).toBeGreaterThanOrEqual(1);
    expect((await categoriesOf('manager1')).find((c) => c.category === CATEGORY)).toBeUndefined();
  });

  it('no office manager can be made its assignee, nor is offered as one', async () => {
    const agent = await t.login('agent1');
    const res = await cmd(agent, id, { type: 'reassign', assigneeId: t.a.staff.manager1 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId' });
    const offered = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/assignable-staff` });
    expect(offered.status).toBe(200);
    const offeredIds = offered.body.items.map((s: { id: string }) => s.id);
    expect(offeredIds).not.toContain(t.a.staff.manager1);
    expect(offeredIds).toEqual(expect.arrayContaining([t.a.staff.agent1, t.a.staff.supervisor1]));
    // with a department too: the office manager oversees every department, and is still left out
    expect((await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] })).status).toBe(200);
    const inDepartment = await t.request(agent, { method: 'GET', url: `/api/cases/${id}/assignable-staff` });
    expect(inDepartment.body.items.map((s: { id: string }) => s.id)).not.toContain(t.a.staff.manager1);
    expect(inDepartment.body.items.map((s: { id: string }) => s.id)).toContain(t.a.staff.enghead1);
  });
});

describe('a complaint against the office’s management in a department', () => {
  it('the office manager is never offered for it, nor accepted as its assignee, by the department head either', async () => {
    const created = await complaint(await t.login('agent1'), { accusedParty: 'office_management', category: '管理处主任推诿' });
    const id = created.body.case.id as string;
    const agent = await t.login('agent1');
    expect((await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] })).status).toBe(200);
    const head = await t.login('enghead1');
    const offered = await t.request(head, { method: 'GET', url: `/api/cases/${id}/assignable-staff` });
    expect(offered.status).toBe(200);
    expect(offered.body.items.map((s: { id: string }) => s.id)).not.toContain(t.a.staff.manager1);
    const before = await t.fingerprint();
    const refused = await cmd(head, id, { type: 'reassign', assigneeId: t.a.staff.manager1 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId' });
    expect(await t.fingerprint()).toBe(before);
  });
});

describe('a complaint against a named staff member', () => {
  let id = '';
  beforeAll(async () => {
    const created = await complaint(await t.login('agent1'), { accusedStaffId: t.a.staff.supervisor1, category: '客服主管态度' });
    expect(created.status).toBe(201);
    id = created.body.case.id;
  });

  it('starts at leadership; the named supervisor gets 404, the office manager (not accused) sees it', async () => {
    expect((await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${id}` })).body.case).toMatchObject({
      level: 'leadership',
      accusedParty: 'staff',
      accusedStaffId: t.a.staff.supervisor1,
      compensationClaim: false,
    });
    expect((await t.request(await t.login('supervisor1'), { method: 'GET', url: `/api/cases/${id}` })).status).toBe(404);
    expect((await t.request(await t.login('manager1'), { method: 'GET', url: `/api/cases/${id}` })).status).toBe(200);
  });

  it('the accused is never assignee (reassign refused naming assigneeId, nothing changes) and drops out of the at-risk queue', async () => {
    const agent = await t.login('agent1');
    const before = await t.fingerprint();
    const refused = await cmd(agent, id, { type: 'reassign', assigneeId: t.a.staff.supervisor1 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId' });
    expect(await t.fingerprint()).toBe(before);
    expect((await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] })).status).toBe(200);
    const atRisk = `/api/cases?queue=at_risk&withinMinutes=${7 * 24 * 60}&limit=1000`;
    expect(JSON.stringify((await t.request(agent, { method: 'GET', url: atRisk })).body)).toContain(id);
    expect(JSON.stringify((await t.request(await t.login('supervisor1'), { method: 'GET', url: atRisk })).body)).not.toContain(id);
  });

  it('intake refuses an accused from another project, an accused on a non-complaint, and a half answer — each naming its field, nothing created', async () => {
    const agent = await t.login('agent1');
    const before = await t.count('cases');
    const other = await complaint(agent, { accusedStaffId: t.a.staff.manager2 });
    expect(other.body).toMatchObject({ code: 'STAFF_NOT_IN_SCOPE', field: 'accusedStaffId' });
    const inquiry = await complaint(agent, { type: 'inquiry', accusedStaffId: t.a.staff.supervisor1 });
    expect(inquiry.body).toMatchObject({ code: 'ACCUSED_ONLY_FOR_COMPLAINTS', field: 'accusedStaffId' });
    const half = await complaint(agent, { accusedParty: 'staff' });
    expect(half.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'accusedStaffId' });
    for (const r of [other, inquiry, half]) expect(r.status).toBe(400);
    expect(await t.count('cases')).toBe(before);
  });
});

describe('escalation by an agent', () => {
  it('to the company: goes to the quality department, its people are told; then to leadership, leadership is told', async () => {
    const agent = await t.login('agent1');
    const created = await complaint(agent, { category: '保洁' });
    const id = created.body.case.id as string;
    expect(created.body.case.level).toBe('office');
    const up = await cmd(agent, id, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '超出管理处处理能力' });
    expect(up.status).toBe(200);
    expect(up.body.case).toMatchObject({ level: 'company', departmentId: t.a.departments.QUALITY, status: 'transferred' });
    expect((await notices('quality')).filter((n) => n.caseId === id).map((n) => n.data)).toEqual([
      expect.objectContaining({ level: 'company', reason: 'beyond_office', atIntake: false }),
    ]);
    expect((await notices('leader')).some((n) => n.caseId === id)).toBe(false);

    const top = await cmd(agent, id, {
      type: 'escalate',
      level: 'leadership',
      reason: 'against_office_manager',
      accusedStaffId: t.a.staff.manager1,
      note: '业主投诉管理处主任',
    });
    expect(top.status).toBe(200);
    expect((await notices('leader')).filter((n) => n.caseId === id).map((n) => n.data)).toEqual([
      expect.objectContaining({ level: 'leadership', reason: 'against_office_manager' }),
    ]);
    expect((await notices('manager1')).some((n) => n.caseId === id)).toBe(false);
    expect((await t.request(await t.login('manager1'), { method: 'GET', url: `/api/cases/${id}` })).status).toBe(404);
  });
});

describe('escalating a complaint the desk has not yet apologised for or read back', () => {
  it('to the company: still goes to the quality department at once, says what is owed, and the quality department records it', async () => {
    const agent = await t.login('agent1');
    const created = await complaint(agent, { category: '物业费争议', apologized: false, readBack: false });
    const id = created.body.case.id as string;
    // the desk's own transfer still waits for them
    expect((await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] })).body.code).toBe('COMPLAINT_NOT_ACKNOWLEDGED');
    const up = await cmd(agent, id, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '业主情绪激动，未及致歉即挂断' });
    expect(up.status).toBe(200);
    expect(up.body.case).toMatchObject({ level: 'company', departmentId: t.a.departments.QUALITY, status: 'transferred', apologized: false, readBack: false });
    expect(up.body.events.at(-1)).toMatchObject({ type: 'escalated', data: { reason: 'beyond_office', owed: ['apology', 'read_back'] } });
    expect((await notices('quality')).filter((n) => n.caseId === id).map((n) => n.data)).toEqual([
      expect.objectContaining({ level: 'company', owed: ['apology', 'read_back'] }),
    ]);
    // the quality department's clocks run (contact the owner within 2 h, a plan within 3 working days)
    const clocks = (await t.request(agent, { method: 'GET', url: `/api/cases/${id}/sla` })).body.clocks as { kind: string; running: boolean }[];
    expect(clocks.filter((k) => k.running).map((k) => k.kind)).toEqual(expect.arrayContaining(['department_contact', 'complaint_plan']));
    const quality = await t.login('quality');
    const detail = await t.request(quality, { method: 'GET', url: `/api/cases/${id}` });
    expect(detail.body.allowedCommands).toContain('acknowledge');
    const acknowledged = await cmd(quality, id, { type: 'acknowledge', apology: true, readBack: true });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.case).toMatchObject({ apologized: true, readBack: true, status: 'transferred', departmentId: t.a.departments.QUALITY });
  });

  it('an acknowledged one says nothing is owed', async () => {
    const agent = await t.login('agent1');
    const id = (await complaint(agent, { category: '绿化' })).body.case.id as string;
    const up = await cmd(agent, id, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '请品质部处理' });
    expect(up.body.events.at(-1).data).not.toHaveProperty('owed');
  });
});

describe('separation of duties: complaint plans', () => {
  async function planned(author: 'enghead1' | 'tech1') {
    const agent = await t.login('agent1');
    const created = await complaint(agent, { category: '维修质量' });
    const id = created.body.case.id as string;
    await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] });
    const token = await t.login(author);
    expect((await cmd(token, id, { type: 'accept', committedAt: '2026-11-27T10:00:00+08:00' })).status).toBe(200);
    const submitted = await cmd(token, id, {
      type: 'submit_plan',
      cause: '水泵老化',
      steps: '更换水泵并试运行',
      expectedCompletionAt: '2026-11-27T10:00:00+08:00',
    });
    expect(submitted.status).toBe(200);
    return id;
  }

  it('the head cannot approve his own plan; the office manager can, and sees its cause, steps and expected completion', async () => {
    const id = await planned('enghead1');
    const head = await t.login('enghead1');
    const manager = await t.login('manager1');
    const before = await t.fingerprint();
    const own = await cmd(head, id, { type: 'approve_plan' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('PLAN_SELF_APPROVAL');
    expect((await cmd(head, id, { type: 'return_plan', reason: '再想想' })).body.code).toBe('PLAN_SELF_APPROVAL');
    expect(await t.fingerprint()).toBe(before);

    const detail = await t.request(manager, { method: 'GET', url: `/api/cases/${id}` });
    expect(detail.body.case.plan).toMatchObject({
      cause: '水泵老化',
      steps: '更换水泵并试运行',
      expectedCompletionAt: '2026-11-27T02:00:00.000Z',
      submittedBy: t.a.staff.enghead1,
      submittedByHead: true,
      approvedBy: null,
    });
    expect(detail.body.allowedCommands).toEqual(expect.arrayContaining(['approve_plan', 'return_plan']));
    const queue = await t.request(manager, { method: 'GET', url: '/api/cases?queue=awaiting_my_approval&limit=1000' });
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const headQueue = await t.request(head, { method: 'GET', url: '/api/cases?queue=awaiting_my_approval&limit=1000' });
    expect(headQueue.body.items.map((c: { id: string }) => c.id)).not.toContain(id);

    const approved = await cmd(manager, id, { type: 'approve_plan', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.case.plan).toMatchObject({ approvedBy: t.a.staff.manager1 });
  });

  it('a technician’s plan is approved by his head; a return needs a non-empty reason', async () => {
    const id = await planned('tech1');
    const head = await t.login('enghead1');
    const blank = await cmd(head, id, { type: 'return_plan', reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.field).toBe('command.reason');
    const returned = await cmd(head, id, { type: 'return_plan', reason: '步骤不具体' });
    expect(returned.body.case.status).toBe('in_progress');
    const tech = await t.login('tech1');
    await cmd(tech, id, { type: 'submit_plan', cause: '水泵老化', steps: '关阀、更换水泵、试运行 2 小时', expectedCompletionAt: '2026-11-27T10:00:00+08:00' });
    expect((await cmd(tech, id, { type: 'approve_plan' })).status).toBe(403);
    const ok = await cmd(head, id, { type: 'approve_plan' });
    expect(ok.status).toBe(200);
    expect(ok.body.case.plan).toMatchObject({ submittedBy: t.a.staff.tech1, submittedByHead: false, approvedBy: t.a.staff.enghead1 });
  });

  it('the office manager’s plan goes to the quality department, never to a department head (nor to himself)', async () => {
    const agent = await t.login('agent1');
    const id = (await complaint(agent, { category: '公共设施' })).body.case.id as string;
    await cmd(agent, id, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] });
    const manager = await t.login('manager1');
    expect((await cmd(manager, id, { type: 'accept', committedAt: '2026-11-27T10:00:00+08:00' })).status).toBe(200);
    const submitted = await cmd(manager, id, {
      type: 'submit_plan',
      cause: '单元门禁损坏',
      steps: '更换门禁主板并复查',
      expectedCompletionAt: '2026-11-27T10:00:00+08:00',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.case.plan).toMatchObject({ submittedBy: t.a.staff.manager1, submittedByHead: false, submittedByRank: 'office_manager' });

    const head = await t.login('enghead1');
    const before = await t.fingerprint();
    for (const command of [{ type: 'approve_plan' }, { type: 'return_plan', reason: '再想想' }]) {
      const refused = await cmd(head, id, command);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PLAN_APPROVER_INVALID');
    }
    expect((await cmd(manager, id, { type: 'approve_plan' })).body.code).toBe('PLAN_SELF_APPROVAL');
    expect(await t.fingerprint()).toBe(before);
    const headView = await t.request(head, { method: 'GET', url: `/api/cases/${id}` });
    expect(headView.body.allowedCommands).not.toContain('approve_plan');
    const queueOf = async (token: string) =>
      (await t.request(token, { method: 'GET', url: '/api/cases?queue=awaiting_my_approval&limit=1000' })).body.items.map((c: { id: string }) => c.id);
    expect(await queueOf(head)).not.toContain(id);
    expect(await queueOf(manager)).not.toContain(id);

    const quality = await t.login('quality');
    expect(await queueOf(quality)).toContain(id);
    const approved = await cmd(quality, id, { type: 'approve_plan', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.case.plan).toMatchObject({ approvedBy: t.a.staff.quality });
  });

  it('owners cannot ask for the approval queue', async () => {
    const owner = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    const res = await t.request(owner, { method: 'GET', url: '/api/cases?queue=awaiting_my_approval' });
    expect(res.status).toBe(403);
  });
});

describe('notices and measures the accused never gets', () => {
  it('a notice written before someone became accused is no longer shown to them', async () => {
    const agent = await t.login('agent1');
    const created = await complaint(agent, { category: '品质巡查' });
    const id = created.body.case.id as string;
    await cmd(agent, id, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '请品质部处理' });
    expect((await notices('quality')).some((n) => n.caseId === id)).toBe(true);
    // the badge counts what the list shows
    const quality = await t.login('quality');
    const unread = async () => (await t.request(quality, { method: 'GET', url: '/api/notifications?unread=true&limit=200' })).body.length as number;
    const badge = async () => (await t.request(quality, { method: 'GET', url: '/api/notifications/unread-count' })).body.count as number;
    const unreadBefore = await unread();
    expect(await badge()).toBe(unreadBefore);
    const accused = await cmd(agent, id, {
      type: 'escalate',
      level: 'leadership',
      reason: 'against_office_manager',
      accusedStaffId: t.a.staff.quality,
      note: '业主投诉品质专员',
    });
    expect(accused.status).toBe(200);
    expect((await notices('quality')).some((n) => n.caseId === id)).toBe(false);
    expect(await unread()).toBe(unreadBefore - 1);
    expect(await badge()).toBe(unreadBefore - 1);
    expect((await t.request(await t.login('quality'), { method: 'GET', url: `/api/cases/${id}` })).status).toBe(404);
  });

  it('timeliness leaves out the clocks of complaints against the reader', async () => {
    t.advance(6 * 60); // the complaints' transfer and contact clocks (10 min, 2 h) are overdue now, so counted (sessions last 8 idle hours)
    const url = `/api/reports/timeliness?groupBy=type&from=2026-11-01&to=2026-12-01&projectId=${t.a.projects.CUIHU!.id}`;
    const complaintsOf = async (username: string) =>
      ((await t.request(await t.login(username), { method: 'GET', url })).body.rows as { key: string; total: number }[]).find((r) => r.key === 'complaint')
        ?.total ?? 0;
    const all = await complaintsOf('rep');
    const manager = await complaintsOf('manager1');
    expect(all).toBeGreaterThan(0);
    expect(manager).toBeLessThan(all);
  });
});

describe('the accused cannot record the complaint against them', () => {
  it('an office manager taking a complaint against the management is refused (a colleague records it); nothing is stored', async () => {
    const manager = await t.login('manager1');
    const before = (await t.request(await t.login('supervisor1'), { method: 'GET', url: `/api/cases?queue=open&limit=200` })).body.items.length as number;
    const refused = await complaint(manager, { accusedParty: 'office_management' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'accusedParty' });
    const supervisor = await t.login('supervisor1');
    const againstSelf = await complaint(supervisor, { accusedStaffId: t.a.staff.supervisor1 });
    expect(againstSelf.body).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'accusedStaffId' });
    expect((await t.request(supervisor, { method: 'GET', url: `/api/cases?queue=open&limit=200` })).body.items.length).toBe(before);
  });
});

describe('the quality department’s callback after closing (回访)', () => {
  /** Sets the shared clock to a Beijing local time (sessions last 8 idle hours: sign in afresh after). */
  const setTime = (local: string) => t.advance((Date.parse(`${local}+08:00`) - Date.parse(t.deps.now())) / 60_000);
  const fresh = async (username: string) =>
    (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: 'guanjia-demo' } })).body.token as string;
  const ok = async (token: string, id: string, command: Record<string, unknown>) => {
    const res = await cmd(token, id, command);
    if (res.status !== 200) throw new Error(`${String(command.type)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  type Clock = { id: string; kind: string; running: boolean; dueAt: string | null; result: string | null; startedAt: string; target: unknown };
  const clocksOf = async (token: string, id: string) => (await t.request(token, { method: 'GET', url: `/api/cases/${id}/sla` })).body.clocks as Clock[];
  const followUps = async (token: string) =>
    ((await t.request(token, { method: 'GET', url: '/api/cases?queue=follow_up&limit=200' })).body.items as { id: string }[]).map((c) => c.id);

  /** A complaint handled by the quality department from transfer to close, closed at Thursday 10:00. */
  async function closedByQuality(extra: Record<string, unknown>, escalate: boolean) {
    setTime('2026-11-26T09:00');
    const agent = await fresh('agent1');
    const quality = await fresh('quality');
    const leader = await fresh('leader');
    const created = await complaint(agent, extra);
    expect(created.status).toBe(201);
    const id = created.body.case.id as string;
    if (escalate) await ok(agent, id, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '请品质部处理' });
    else await ok(agent, id, { type: 'transfer', departmentId: t.a.departments.QUALITY });
    await ok(quality, id, { type: 'accept', committedAt: '2026-11-27T18:00:00+08:00' });
    await ok(quality, id, { type: 'record_contact', content: '您好，已与您联系，我们会尽快处理，谢谢。' });
    await ok(quality, id, { type: 'submit_plan', cause: '管理流程缺失', steps: '约谈相关人员并整改流程', expectedCompletionAt: '2026-11-27T18:00:00+08:00' });
    await ok(leader, id, { type: 'approve_plan' }); // the quality department's own plan: leadership decides it
    await ok(agent, id, { type: 'inform_owner', content: '您好，李女士，处理方案已确定，谢谢。' });
    await ok(agent, id, { type: 'record_satisfaction', satisfied: true });
    setTime('2026-11-26T10:00');
    const closed = await ok(await fresh('agent1'), id, { type: 'close', causeAnalysis: '管理流程缺失', preventiveMeasures: '每月抽查投诉处理流程' });
    expect(closed.body.case.status).toBe('closed');
    return id;
  }

  it('a company-level complaint closed: the callback runs 3 working days, is in the quality department’s 待回访, and recording it meets it', async () => {
    const id = await closedByQuality({ category: '客服响应慢' }, true);
    const quality = await fresh('quality');
    const running = (await clocksOf(quality, id)).filter((k) => k.running);
    expect(running.map((k) => k.kind)).toEqual(['quality_callback']);
    // closed Thursday 10:00: Friday, Monday, Tuesday (the demo calendar's working days) — due Tuesday 10:00
    expect(running[0]).toMatchObject({ startedAt: '2026-11-26T02:00:00.000Z', dueAt: '2026-12-01T02:00:00.000Z', result: null });
    expect(await followUps(quality)).toContain(id);
    // the callback queue (回访, decision 0027) holds it, due with the clock
    const callbacks = await t.request(quality, { method: 'GET', url: `/api/callbacks?projectId=${t.a.projects.CUIHU!.id}&source=company_complaint` });
    expect(callbacks.body.items.find((c: { caseId: string }) => c.caseId === id)).toMatchObject({ status: 'due', dueAt: '2026-12-01T02:00:00.000Z' });
    // another office's staff neither see it nor its task
    for (const other of ['agent2', 'manager2']) {
      const token = await fresh(other);
      expect(await followUps(token)).not.toContain(id);
      expect((await t.request(token, { method: 'GET', url: `/api/cases/${id}` })).status).toBe(404);
    }
    const done = await ok(quality, id, { type: 'record_follow_up', content: '品质部电话回访：业主对处理结果满意', channel: 'hotline' });
    expect(done.body.events.map((e: { type: string }) => e.type)).toEqual(['follow_up_recorded']);
    expect((await clocksOf(quality, id)).find((k) => k.kind === 'quality_callback')).toMatchObject({ running: false, result: 'met' });
    expect(await followUps(quality)).not.toContain(id);
  });

  it('a complaint against a staff member (leadership level) gets the callback too; the accused sees neither it nor the task', async () => {
    const id = await closedByQuality({ category: '客服主管态度', accusedStaffId: t.a.staff.supervisor1 }, false);
    const quality = await fresh('quality');
    expect((await clocksOf(quality, id)).filter((k) => k.running).map((k) => k.kind)).toEqual(['quality_callback']);
    expect(await followUps(quality)).toContain(id);
    const accused = await fresh('supervisor1');
    expect(await followUps(accused)).not.toContain(id);
    expect((await t.request(accused, { method: 'GET', url: `/api/cases/${id}/sla` })).status).toBe(404);
    const callbacks = await t.request(accused, { method: 'GET', url: `/api/callbacks?projectId=${t.a.projects.CUIHU!.id}&source=company_complaint` });
    expect(callbacks.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
    expect(
      (await t.request(quality, { method: 'GET', url: `/api/callbacks?projectId=${t.a.projects.CUIHU!.id}&source=company_complaint` })).body.items.map(
        (c: { caseId: string }) => c.caseId,
      ),
    ).toContain(id);
    const refused = await cmd(accused, id, { type: 'record_follow_up', content: '回访' });
    expect(refused.status).toBe(404);
    expect(await followUps(await fresh('agent1'))).toContain(id); // the desk that took it still sees it
  });
});
