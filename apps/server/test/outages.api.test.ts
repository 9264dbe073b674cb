import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * The outage register (停水/停电/电梯停运, issue 13 item 7) over HTTP on a real database: the service
 * centre registers an outage for some buildings (or the whole project), the agent at intake sees it
 * for a caller whose unit lies inside it (and not for one outside it), cases are linked to it at
 * intake or afterwards, and a closed or ended outage is no longer shown.
 */
let t: TestContext;
const hour = 3_600_000;
const at = (hours: number) => new Date(Date.parse(t.deps.now()) + hours * hour).toISOString();

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const cuihu = () => t.a.projects.CUIHU!;
const lookUp = async (q: string) => {
  const res = await t.request(await t.login('agent1'), { method: 'GET', url: `/api/intake/callers?q=${encodeURIComponent(q)}` });
  expect(res.status).toBe(200);
  return res.body as { owners: { ownerId: string }[]; outages: { id: string; kind: string; callerScript: string; unitIds: string[] }[] };
};
const last4 = (owner: 'zhangwei' | 'wangfang') => t.a.owners[owner]!.portalLogin.slice(-4);

describe(`the outage register (${TEST_DB})`, () => {
  let waterCut = '';
  let elevator = '';

  it('the service centre registers a water cut for 1栋: its buildings by name, active now', async () => {
    const agent = await t.login('agent1');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/outages',
      payload: {
        projectId: cuihu().id,
        kind: 'water',
        buildingIds: [cuihu().buildings.B1!.id],
        startsAt: at(-1),
        endsAt: at(6),
        cause: '1栋供水主管爆裂抢修',
        callerScript: '您好，1栋因供水主管爆裂正在抢修，预计今天16:00前恢复供水，给您带来不便敬请谅解。',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'water', buildingNames: ['1栋'], active: true, closedAt: null, linkedCases: 0, createdBy: t.a.staff.agent1 });
    waterCut = res.body.id;
    const list = await t.request(agent, { method: 'GET', url: `/api/outages?projectId=${cuihu().id}` });
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([waterCut]);
  });

  it('refuses what is not the service centre’s, another project’s building, and an end before the start', async () => {
    const payload = { projectId: cuihu().id, kind: 'power', startsAt: at(1), endsAt: at(3), cause: '检修', callerScript: '计划停电检修' };
    const tech = await t.request(await t.login('tech1'), { method: 'POST', url: '/api/outages', payload });
    expect([tech.status, tech.body.code]).toEqual([403, 'FORBIDDEN']);
    const agent = await t.login('agent1');
    const elsewhere = await t.request(agent, {
      method: 'POST',
      url: '/api/outages',
      payload: { ...payload, buildingIds: [t.a.projects.BINJIANG!.buildings.B1!.id] },
    });
    expect([elsewhere.status, elsewhere.body.code, elsewhere.body.field]).toEqual([404, 'BUILDING_NOT_FOUND', 'buildingIds.0']);
    const backwards = await t.request(agent, { method: 'POST', url: '/api/outages', payload: { ...payload, endsAt: at(0.5) } });
    expect([backwards.status, backwards.body.code, backwards.body.field]).toEqual([400, 'OUTAGE_ENDS_BEFORE_START', 'endsAt']);
    const outside = await t.request(await t.login('agent2'), { method: 'POST', url: '/api/outages', payload });
    expect([outside.status, outside.body.code]).toEqual([404, 'PROJECT_NOT_FOUND']);
  });

  it('at intake, a caller in 1栋 is told of the water cut with its script; a caller in 2栋 is not', async () => {
    const zhang = await lookUp(last4('zhangwei'));
    expect(zhang.owners.map((o) => o.ownerId)).toEqual([t.a.owners.zhangwei!.id]);
    expect(zhang.outages).toEqual([
      expect.objectContaining({
        id: waterCut,
        kind: 'water',
        callerScript: expect.stringContaining('16:00前恢复供水'),
        unitIds: [t.a.owners.zhangwei!.unitId],
      }),
    ]);
    expect((await lookUp('1栋102')).outages.map((o) => o.id)).toEqual([waterCut]); // by address, no archive needed
    const wang = await lookUp(last4('wangfang'));
    expect(wang.owners.map((o) => o.ownerId)).toEqual([t.a.owners.wangfang!.id]);
    expect(wang.outages).toEqual([]);
    const agent = await t.login('agent1');
    const active = await t.request(agent, { method: 'GET', url: `/api/outages/active?unitId=${t.a.owners.wangfang!.unitId}` });
    expect([active.status, active.body]).toEqual([200, []]);
    const inside = await t.request(agent, { method: 'GET', url: `/api/outages/active?unitId=${t.a.owners.zhangwei!.unitId}` });
    expect(inside.body.map((o: { id: string }) => o.id)).toEqual([waterCut]);
  });

  it('an outage of the whole project reaches every building; one planned for tomorrow is not shown yet', async () => {
    const agent = await t.login('agent1');
    const whole = await t.request(agent, {
      method: 'POST',
      url: '/api/outages',
      payload: {
        projectId: cuihu().id,
        kind: 'elevator',
        startsAt: at(-0.5),
        cause: '电梯年检',
        callerScript: '全小区电梯年检停运，请走楼梯，老人出行可联系管家协助。',
      },
    });
    expect(whole.body).toMatchObject({ buildingIds: [], buildingNames: [], endsAt: null, active: true });
    elevator = whole.body.id;
    const planned = await t.request(agent, {
      method: 'POST',
      url: '/api/outages',
      payload: { projectId: cuihu().id, kind: 'power', startsAt: at(24), endsAt: at(28), cause: '配电房检修', callerScript: '明天计划停电' },
    });
    expect(planned.body.active).toBe(false);
    expect((await lookUp(last4('wangfang'))).outages.map((o) => o.id)).toEqual([elevator]);
    expect((await lookUp(last4('zhangwei'))).outages.map((o) => o.id).sort()).toEqual([waterCut, elevator].sort());
    // the whole register lists the planned one too
    const register = await t.request(agent, { method: 'GET', url: `/api/outages?projectId=${cuihu().id}&active=false` });
    expect(register.body).toHaveLength(3);
  });

  it('a case about the water cut is linked at intake, another afterwards (once); the case lists its outages', async () => {
    const agent = await t.login('agent1');
    const zhang = t.a.owners.zhangwei!;
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: cuihu().id,
        type: 'inquiry',
        channel: 'hotline',
        description: '家里没水了，什么时候恢复？',
        ownerId: zhang.id,
        unitId: zhang.unitId,
        outageId: waterCut,
      },
    });
    expect(created.status).toBe(201);
    const mine = await t.request(agent, { method: 'GET', url: `/api/cases/${created.body.case.id}/outages` });
    expect(mine.body).toEqual([expect.objectContaining({ outage: expect.objectContaining({ id: waterCut, kind: 'water' }), linkedBy: t.a.staff.agent1 })]);

    const later = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: cuihu().id, type: 'repair', channel: 'hotline', description: '停水后水龙头漏水', ownerId: zhang.id, unitId: zhang.unitId },
    });
    for (let i = 0; i < 2; i++) {
      const linked = await t.request(agent, { method: 'POST', url: `/api/cases/${later.body.case.id}/outage-links`, payload: { outageId: waterCut } });
      expect(linked.status).toBe(200);
      expect(linked.body.map((l: { outage: { id: string } }) => l.outage.id)).toEqual([waterCut]);
    }
    const list = await t.request(agent, { method: 'GET', url: `/api/outages?projectId=${cuihu().id}` });
    expect(list.body.find((o: { id: string }) => o.id === waterCut).linkedCases).toBe(2);
  });

  it('a link names an outage of the case’s own project; owners cannot link at intake', async () => {
    const binjiangCut = await t.request(await t.login('agent2'), {
      method: 'POST',
      url: '/api/outages',
      payload: { projectId: t.a.projects.BINJIANG!.id, kind: 'gas', startsAt: at(-1), cause: '燃气管道检修', callerScript: '燃气检修中' },
    });
    expect(binjiangCut.status).toBe(201);
    const admin = await t.login('admin');
    const c = await t.request(admin, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: cuihu().id, type: 'inquiry', channel: 'hotline', description: '咨询' },
    });
    const wrong = await t.request(admin, { method: 'POST', url: `/api/cases/${c.body.case.id}/outage-links`, payload: { outageId: binjiangCut.body.id } });
    expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([400, 'OUTAGE_NOT_IN_PROJECT', 'outageId']);
    const hidden = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/cases/${c.body.case.id}/outage-links`,
      payload: { outageId: binjiangCut.body.id },
    });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'OUTAGE_NOT_FOUND']);
    const owner = await t.request(await t.ownerLogin(t.a.owners.zhangwei!.portalLogin), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: cuihu().id, type: 'inquiry', channel: 'portal', description: '停水了', outageId: waterCut },
    });
    expect([owner.status, owner.body.code, owner.body.field]).toEqual([403, 'FORBIDDEN', 'outageId']);
  });

  it('a closed outage is no longer shown at intake, nor one past its end; closing twice is refused', async () => {
    const agent = await t.login('agent1');
    const closed = await t.request(agent, { method: 'POST', url: `/api/outages/${elevator}/close` });
    expect(closed.body).toMatchObject({ active: false, closedAt: t.deps.now(), closedBy: t.a.staff.agent1 });
    const again = await t.request(agent, { method: 'POST', url: `/api/outages/${elevator}/close` });
    expect([again.status, again.body.code]).toEqual([409, 'OUTAGE_CLOSED']);
    expect((await lookUp(last4('zhangwei'))).outages.map((o) => o.id)).toEqual([waterCut]);
    t.advance(6 * 60); // the water cut's end
    expect((await lookUp(last4('zhangwei'))).outages).toEqual([]);
    expect((await t.request(agent, { method: 'GET', url: `/api/outages?projectId=${cuihu().id}` })).body).toEqual([]);
  });
});
