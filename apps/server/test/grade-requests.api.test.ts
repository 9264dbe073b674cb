import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/** Customer-grade changes need a manager's approval (seed 004: 客户分级由领导审批). */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const grade = async (token: string, ownerId: string) => (await t.request(token, { method: 'GET', url: `/api/owners/${ownerId}` })).body.grade as string;
const ask = (token: string, ownerId: string, payload: Record<string, unknown>) =>
  t.request(token, { method: 'POST', url: `/api/owners/${ownerId}/grade-requests`, payload });
const decide = (token: string, id: string, verb: 'approve' | 'reject', payload: Record<string, unknown> = {}) =>
  t.request(token, { method: 'POST', url: `/api/grade-requests/${id}/${verb}`, payload });

describe('customer-grade changes', () => {
  it('an agent’s change is a pending request: the grade stays until the office manager approves; events and audit recorded', async () => {
    const agent = await t.login('agent1');
    const manager = await t.login('manager1');
    const w = t.a.owners.wangfang!;
    const before = await grade(agent, w.id);
    expect(before).toBe('member');

    const direct = await t.request(agent, { method: 'PATCH', url: `/api/owners/${w.id}`, payload: { grade: 'vip' } });
    expect(direct.status).toBe(400);
    expect(direct.body).toMatchObject({ code: 'GRADE_CHANGE_NEEDS_APPROVAL', field: 'grade' });

    const asked = await ask(agent, w.id, { toGrade: 'vip', reason: '连续三年预缴物业费' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ ownerId: w.id, fromGrade: 'member', toGrade: 'vip', status: 'pending', requestedBy: t.a.staff.agent1 });
    expect(await grade(agent, w.id)).toBe('member');

    const again = await ask(agent, w.id, { toGrade: 'important', reason: '再申请' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('GRADE_REQUEST_PENDING');

    const pending = await t.request(manager, { method: 'GET', url: '/api/grade-requests?status=pending' });
    expect(pending.body.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    expect((await t.request(await t.login('manager2'), { method: 'GET', url: '/api/grade-requests?status=pending' })).body).toEqual([]);

    const agentTries = await decide(agent, asked.body.id, 'approve');
    expect(agentTries.status).toBe(403);
    const otherOffice = await decide(await t.login('manager2'), asked.body.id, 'approve');
    expect(otherOffice.status).toBe(404);
    expect(otherOffice.body.code).toBe('GRADE_REQUEST_NOT_FOUND');

    const approved = await decide(manager, asked.body.id, 'approve', { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: t.a.staff.manager1, decisionNote: '同意' });
    expect(await grade(agent, w.id)).toBe('vip');
    expect((await decide(manager, asked.body.id, 'reject', { note: '改主意' })).body.code).toBe('GRADE_REQUEST_DECIDED');

    const archive = await t.request(manager, { method: 'GET', url: `/api/owners/${w.id}/archive` });
    const types = archive.body.archiveEvents.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['grade_change_requested', 'grade_change_approved']));
    const audit = await t.request(manager, { method: 'GET', url: `/api/audit-log?targetId=${w.id}` });
    expect(audit.status).toBe(200);
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['owner.grade_change_requested', 'owner.grade_change_approved']),
    );
  });

  it('no manager decides their own request; a rejection needs a note and leaves the grade', async () => {
    const manager = await t.login('manager1');
    const leader = await t.login('leader');
    const z = t.a.owners.zhangwei!;
    const before = await grade(manager, z.id);
    const asked = await ask(manager, z.id, { toGrade: 'important', reason: '业委会主任' });
    expect(asked.status).toBe(201);
    const own = await decide(manager, asked.body.id, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('GRADE_SELF_APPROVAL');
    const noNote = await decide(leader, asked.body.id, 'reject');
    expect(noNote.status).toBe(400);
    expect(noNote.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'note' });
    const rejected = await decide(leader, asked.body.id, 'reject', { note: '不符合重要客户条件' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: t.a.staff.leader });
    expect(await grade(manager, z.id)).toBe(before);
  });

  it('refuses the same grade, an empty reason and unknown ids, each naming its field; nothing changes', async () => {
    const agent = await t.login('agent1');
    const l = t.a.owners.lina!;
    const current = await grade(agent, l.id);
    const fp = await t.fingerprint();
    const same = await ask(agent, l.id, { toGrade: current, reason: '同级' });
    expect(same.body).toMatchObject({ code: 'FIELD_INVALID', field: 'toGrade' });
    const empty = await ask(agent, l.id, { toGrade: current === 'vip' ? 'normal' : 'vip', reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.field).toBe('reason');
    const unknown = await decide(await t.login('manager1'), '00000000-0000-4000-8000-000000000000', 'approve');
    expect(unknown.status).toBe(404);
    expect(await t.fingerprint()).toBe(fp);
  });
});
