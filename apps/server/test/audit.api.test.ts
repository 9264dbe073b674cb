import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

type Entry = { action: string; actorId: string; targetId: string | null; projectId: string | null };
const auditOf = async (username: string, query = '') => {
  const res = await t.request(await t.login(username), { method: 'GET', url: `/api/audit-log${query}` });
  expect(res.status).toBe(200);
  return res.body as Entry[];
};

describe('the audit log is scoped like everything else', () => {
  it('a reveal in CUIHU is read by CUIHU’s office manager and the company, not by BINJIANG’s', async () => {
    const manager1 = await t.login('manager1');
    const zhang = t.a.owners.zhangwei!;
    const reveal = await t.request(manager1, {
      method: 'POST',
      url: `/api/owners/${zhang.id}/reveal`,
      payload: { field: 'idNumber', reason: '核对产权人身份' },
    });
    expect(reveal.status).toBe(200);
    const cuihu = t.a.projects.CUIHU!.id;
    const mine = (await auditOf('manager1', '?action=owner.reveal')).find((e) => e.targetId === zhang.id);
    expect(mine).toMatchObject({ actorId: t.a.staff.manager1, projectId: cuihu });
    expect((await auditOf('manager2', '?action=owner.reveal')).some((e) => e.targetId === zhang.id)).toBe(false);
    expect((await auditOf('admin', '?action=owner.reveal')).some((e) => e.targetId === zhang.id)).toBe(true);
    expect((await auditOf('archivist1', '?action=owner.reveal')).some((e) => e.targetId === zhang.id)).toBe(true);
  });

  it('project readers see their projects’ entries only; company-level entries are for company-wide readers', async () => {
    await t.login('agent1'); // a CUIHU login
    await t.login('agent2'); // a BINJIANG login
    const cuihu = t.a.projects.CUIHU!.id;
    const manager1 = await auditOf('manager1', '?action=login&limit=500');
    expect(manager1.length).toBeGreaterThan(0);
    expect(manager1.every((e) => e.projectId === cuihu)).toBe(true);
    expect(manager1.map((e) => e.actorId)).toContain(t.a.staff.agent1);
    expect(manager1.map((e) => e.actorId)).not.toContain(t.a.staff.agent2);
    expect(manager1.map((e) => e.actorId)).not.toContain(t.a.staff.admin);
    const company = await auditOf('admin', '?action=login&limit=500');
    expect(company.map((e) => e.actorId)).toEqual(expect.arrayContaining([t.a.staff.agent1, t.a.staff.agent2, t.a.staff.admin]));
    // and never another tenant's
    const other = await t.request(await t.login('b_admin'), { method: 'GET', url: '/api/audit-log?limit=500' });
    expect(other.body.some((e: Entry) => e.actorId === t.a.staff.agent1)).toBe(false);
  });

  it('roles without audit.read get 403', async () => {
    for (const username of ['agent1', 'tech1', 'steward1']) {
      const res = await t.request(await t.login(username), { method: 'GET', url: '/api/audit-log' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });
});
