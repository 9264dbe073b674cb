import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

/** The live stream over real HTTP: each caller hears only of the cases they may see. */
let t: TestContext;
let base: string;
beforeAll(async () => {
  t = await createTestContext();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => t?.close());

function listen(token: string | null): { received: string[]; status: Promise<number>; close: () => void } {
  const received: string[] = [];
  let request: http.ClientRequest;
  const status = new Promise<number>((resolve) => {
    request = http.get(`${base}/api/live`, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      resolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => received.push(chunk));
    });
    request.on('error', () => {});
  });
  return { received, status, close: () => request.destroy() };
}

describe('GET /api/live', () => {
  it('tells CUIHU staff and the case’s owner of a CUIHU case, not BINJIANG staff, another owner or another tenant', async () => {
    const z = t.a.owners.zhangwei!;
    const listeners = {
      agent1: listen(await t.login('agent1')),
      agent2: listen(await t.login('agent2')),
      zhang: listen(await t.ownerLogin(z.portalLogin)),
      lina: listen(await t.ownerLogin(t.a.owners.lina!.portalLogin)),
      other: listen(await t.login('b_admin')),
    };
    for (const l of Object.values(listeners)) expect(await l.status).toBe(200);
    const created = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '漏水', ownerId: z.id, unitId: z.unitId },
    });
    const id = created.body.case.id as string;
    await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      payload: { command: { type: 'add_note', content: '内部备注' } },
    });
    await new Promise((r) => setTimeout(r, 300));
    const heard = (name: keyof typeof listeners) => listeners[name].received.join('');
    expect(heard('agent1')).toContain(`event: case.created\ndata: {"caseId":"${id}"`);
    expect(heard('agent1')).toContain('event: case.changed');
    expect(heard('zhang')).toContain(id);
    for (const name of ['agent2', 'lina', 'other'] as const) expect(heard(name)).not.toContain(id);
    for (const l of Object.values(listeners)) l.close();
  });

  it('an owner hears only of what they may see: an internal note is not news to them, a reply is', async () => {
    const z = t.a.owners.zhangwei!;
    const agent = await t.login('agent1');
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '停车费怎么交', ownerId: z.id, unitId: z.unitId },
    });
    const id = created.body.case.id as string;
    const owner = listen(await t.ownerLogin(z.portalLogin));
    const staff = listen(agent);
    expect(await owner.status).toBe(200);
    expect(await staff.status).toBe(200);
    await t.request(agent, { method: 'POST', url: `/api/cases/${id}/commands`, payload: { command: { type: 'add_note', content: '业主情绪激动' } } });
    await new Promise((r) => setTimeout(r, 300));
    expect(staff.received.join('')).toContain('"events":["note"]');
    expect(owner.received.join('')).not.toContain(id);
    await t.request(agent, {
      method: 'POST',
      url: `/api/cases/${id}/commands`,
      payload: { command: { type: 'message', direction: 'outbound', content: '您好，可在物业前台缴纳' } },
    });
    await new Promise((r) => setTimeout(r, 300));
    const heard = owner.received.join('');
    expect(heard).toContain(id);
    expect(heard).not.toContain('note');
    owner.close();
    staff.close();
  });

  it('needs a caller', async () => {
    const anonymous = listen(null);
    expect(await anonymous.status).toBe(401);
    anonymous.close();
  });
});
