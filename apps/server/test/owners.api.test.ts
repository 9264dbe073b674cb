import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const ZHANGWEI_PHONE = '13800000001';
const ZHANGWEI_ID = '110101198001011232';
const LIUYANG_ID = '310101197704041115';

const unitOf = (project: 'CUIHU' | 'BINJIANG', building: 'B1' | 'B2', unit: string) => t.a.projects[project]!.buildings[building]!.units[unit]!;
const archive = (token: string, id: string) => t.request(token, { method: 'GET', url: `/api/owners/${id}/archive` });

describe('入住登记 (move-in registration)', () => {
  it('creates the archive: owner, contacts, unit link and a moved_in event with the new-owner visit due one month later', async () => {
    const agent = await t.login('agent1');
    const unitId = unitOf('CUIHU', 'B2', '102');
    const before = {
      owners: await t.count('owners'),
      contacts: await t.count('ownerContacts'),
      links: await t.count('ownerUnits'),
      events: await t.count('ownerEvents'),
    };
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: {
        unitId,
        moveInDate: '2026-11-20',
        owner: {
          name: '赵敏',
          gender: 'female',
          idNumber: '440305199203150027',
          grade: 'member',
          contacts: [
            { kind: 'phone', value: '13912345678', label: '手机' },
            { kind: 'email', value: 'zhaomin@example.com' },
          ],
          householdMembers: [{ name: '周芷若', relation: '女儿' }],
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '赵敏', kind: 'owner', gender: 'female', grade: 'member', version: 1, idNumber: '4403**********0027' });
    expect(res.body.units).toEqual([
      expect.objectContaining({
        unitId,
        projectId: t.a.projects.CUIHU!.id,
        unitCode: '102',
        buildingName: '2栋',
        projectName: '翠湖花园管理处',
        relation: 'owner',
        moveInDate: '2026-11-20',
      }),
    ]);
    expect(res.body.contacts).toHaveLength(2);
    expect(res.body.contacts[0]).toMatchObject({ kind: 'phone', value: '139****5678', label: '手机', isPrimary: true });
    expect(res.body.contacts[1]).toMatchObject({ kind: 'email', value: 'z***@example.com', isPrimary: false });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('440305199203150027');
    expect(text).not.toContain('zhaomin@');

    expect(await t.count('owners')).toBe(before.owners + 1);
    expect(await t.count('ownerContacts')).toBe(before.contacts + 2);
    expect(await t.count('ownerUnits')).toBe(before.links + 1);
    expect(await t.count('ownerEvents')).toBe(before.events + 1);

    const a = await archive(agent, res.body.id);
    expect(a.status).toBe(200);
    expect(a.body.archiveEvents).toHaveLength(1);
    expect(a.body.archiveEvents[0]).toMatchObject({
      type: 'moved_in',
      actorKind: 'staff',
      actorId: t.a.staff.agent1,
      data: { unitId, projectId: t.a.projects.CUIHU!.id, moveInDate: '2026-11-20', relation: 'owner', newOwnerVisitDueBy: '2026-12-20' },
    });
    expect(a.body.cases).toEqual([]);
  });

  it('the new-owner visit is due within one month even at the end of a month (Jan 31 → Feb 28, not Mar 3)', async () => {
    const agent = await t.login('agent1');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '202'), moveInDate: '2027-01-31', owner: { name: '月末业主' } },
    });
    expect(res.status).toBe(201);
    const a = await archive(agent, res.body.id);
    expect(a.body.archiveEvents[0].data).toMatchObject({ moveInDate: '2027-01-31', newOwnerVisitDueBy: '2027-02-28' });
    const leap = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B1', '202'), moveInDate: '2028-01-31', owner: { name: '闰年业主' } },
    });
    expect((await archive(agent, leap.body.id)).body.archiveEvents[0].data.newOwnerVisitDueBy).toBe('2028-02-29');
  });

  it('主业主: a unit’s first 产权人 is its primary owner; later owners and occupants are not, and the database keeps it one', async () => {
    const agent = await t.login('agent1');
    const db = t.deps.database.db;
    // a unit of the demo no one has moved into
    const tied = new Set((await db.selectFrom('ownerUnits').select('unitId').execute()).map((r) => r.unitId));
    const buildings = t.a.projects.CUIHU!.buildings;
    const unitId = [...Object.values(buildings.B1!.units), ...Object.values(buildings.B2!.units)].find((id) => !tied.has(id))!;
    expect(unitId).toBeDefined();
    const moveIn = (relation: 'owner' | 'occupant', name: string) =>
      t.request(agent, { method: 'POST', url: '/api/move-ins', payload: { unitId, moveInDate: '2026-11-20', relation, owner: { name } } });
    const primaryOf = (res: { body: { units: { unitId: string; isPrimary: boolean }[] } }) => res.body.units.find((u) => u.unitId === unitId)!.isPrimary;
    const tenant = await moveIn('occupant', '租户甲');
    const first = await moveIn('owner', '产权人甲');
    const second = await moveIn('owner', '产权人乙');
    expect([tenant, first, second].map((r) => r.status)).toEqual([201, 201, 201]);
    expect([tenant, first, second].map(primaryOf)).toEqual([false, true, false]);
    expect(primaryOf(await t.request(agent, { method: 'GET', url: `/api/owners/${first.body.id}` }))).toBe(true);
    // a second primary written straight into the table is refused by the unique index
    await expect(db.updateTable('ownerUnits').set({ isPrimary: 1 }).where('ownerId', '=', second.body.id).execute()).rejects.toThrow();
  });

  it('registers an existing owner into a second unit, without a second archive', async () => {
    const agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    const ownersBefore = await t.count('owners');
    const second = unitOf('CUIHU', 'B1', '201');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: second, moveInDate: '2026-11-01', relation: 'occupant', ownerId: z.id },
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(z.id);
    expect(res.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual([z.unitId, second].sort());
    expect(res.body.units.find((u: { unitId: string }) => u.unitId === second)).toMatchObject({
      relation: 'occupant',
      moveInDate: '2026-11-01',
      unitCode: '201',
      buildingName: '1栋',
    });
    expect(await t.count('owners')).toBe(ownersBefore);
    const events = (await archive(agent, z.id)).body.archiveEvents.filter((e: { type: string }) => e.type === 'moved_in');
    expect(events.map((e: { data: { moveInDate: string } }) => e.data.moveInDate)).toEqual(['2024-03-15', '2026-11-01']);
    expect(events[1].data).toMatchObject({ unitId: second, relation: 'occupant', newOwnerVisitDueBy: '2026-12-01' });
  });

  it('registering an owner into a unit they are already linked to is 409 DUPLICATE and records no phantom move-in', async () => {
    const agent = await t.login('agent1');
    const l = t.a.owners.lina!;
    const events = await t.count('ownerEvents');
    const links = await t.count('ownerUnits');
    const again = await t.request(agent, { method: 'POST', url: '/api/move-ins', payload: { unitId: l.unitId, moveInDate: '2026-11-25', ownerId: l.id } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DUPLICATE', field: 'unitId' });
    expect(await t.count('ownerEvents')).toBe(events);
    expect(await t.count('ownerUnits')).toBe(links);
    const owner = await t.request(agent, { method: 'GET', url: `/api/owners/${l.id}` });
    expect(owner.body.units).toEqual([expect.objectContaining({ unitId: l.unitId, moveInDate: '2024-03-15' })]);
  });

  it('refuses bad input and units or owners outside the agent’s reach, creating nothing', async () => {
    const agent = await t.login('agent1');
    const before = await t.count('owners');
    const both = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', ownerId: t.a.owners.lina!.id, owner: { name: '某人' } },
    });
    expect(both.status).toBe(400);
    expect(both.body.field).toBe('owner');
    const badDate = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-13-01', owner: { name: '某人' } },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('moveInDate');
    const badPhone = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', owner: { name: '某人', contacts: [{ kind: 'phone', value: 'call me' }] } },
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.field).toBe('owner.contacts.0.value');

    const otherProject = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('BINJIANG', 'B2', '101'), moveInDate: '2026-11-20', owner: { name: '某人' } },
    });
    expect(otherProject.status).toBe(404);
    expect(otherProject.body).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitId' });
    const otherTenant = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: t.b.projects.CUIHU!.buildings.B2!.units['101']!, moveInDate: '2026-11-20', owner: { name: '某人' } },
    });
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.body.code).toBe('UNIT_NOT_FOUND');
    const otherTenantOwner = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', ownerId: t.b.owners.zhangwei!.id },
    });
    expect(otherTenantOwner.status).toBe(404);
    expect(otherTenantOwner.body).toMatchObject({ code: 'OWNER_NOT_FOUND', field: 'ownerId' });
    // An owner this agent cannot see (BINJIANG) cannot be pulled into CUIHU by id: that would open their archive.
    const hiddenOwner = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', ownerId: t.a.owners.liuyang!.id },
    });
    expect(hiddenOwner.status).toBe(404);
    expect(hiddenOwner.body).toMatchObject({ code: 'OWNER_NOT_FOUND', field: 'ownerId' });
    expect((await t.request(agent, { method: 'GET', url: `/api/owners/${t.a.owners.liuyang!.id}` })).status).toBe(404);

    const takenLogin = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: {
        unitId: unitOf('CUIHU', 'B2', '101'),
        moveInDate: '2026-11-20',
        owner: { name: '某人', portalLogin: ZHANGWEI_PHONE, portalPassword: 'secret-123' },
      },
    });
    expect(takenLogin.status).toBe(409);
    expect(takenLogin.body).toMatchObject({ code: 'USERNAME_TAKEN', field: 'owner.portalLogin' });

    const tech = await t.login('tech1'); // no owner.write
    expect(
      (
        await t.request(tech, {
          method: 'POST',
          url: '/api/move-ins',
          payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', owner: { name: '某人' } },
        })
      ).status,
    ).toBe(403);
    const owner = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    expect(
      (
        await t.request(owner, {
          method: 'POST',
          url: '/api/move-ins',
          payload: { unitId: unitOf('CUIHU', 'B2', '101'), moveInDate: '2026-11-20', owner: { name: '某人' } },
        })
      ).status,
    ).toBe(403);
    expect(await t.count('owners')).toBe(before);
  });

  it('a new archive with a portal login can sign in to the portal', async () => {
    const agent = await t.login('agent1');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: {
        unitId: unitOf('CUIHU', 'B2', '101'),
        moveInDate: '2026-11-22',
        owner: { name: '钱多多', portalLogin: '13700001111', portalPassword: 'first-pass-1' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.portalLogin).toBe('137****1111');
    const login = await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: '13700001111', password: 'first-pass-1' } });
    expect(login.status).toBe(200);
    expect(login.body.me).toMatchObject({ kind: 'owner', id: res.body.id, name: '钱多多' });
  });
});

describe('finding owners; phone and ID numbers always masked', () => {
  it('by name, part of a phone number and unit code, within the agent’s projects', async () => {
    const agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    const byName = await t.request(agent, { method: 'GET', url: `/api/owners?q=${encodeURIComponent('张伟')}` });
    expect(byName.status).toBe(200);
    expect(byName.body.map((o: { id: string }) => o.id)).toEqual([z.id]);
    expect(byName.body[0]).toMatchObject({ name: '张伟', grade: 'vip', idNumber: '1101**********1232', portalLogin: '138****0001' });
    expect(byName.body[0].contacts[0]).toMatchObject({ kind: 'phone', value: '138****0001', isPrimary: true });

    const byPhonePart = await t.request(agent, { method: 'GET', url: '/api/owners?q=00000002' });
    expect(byPhonePart.body.map((o: { name: string }) => o.name)).toEqual(['李娜']);
    expect(byPhonePart.body[0].contacts[0].value).toBe('138****0002');

    const byFullPhone = await t.request(agent, { method: 'GET', url: `/api/owners?q=${ZHANGWEI_PHONE}` });
    expect(byFullPhone.body.map((o: { id: string }) => o.id)).toEqual([z.id]);

    const byUnitCode = await t.request(agent, { method: 'GET', url: '/api/owners?q=201' });
    const names = byUnitCode.body.map((o: { name: string }) => o.name);
    expect(names).toContain('王芳'); // B2-201
    expect(names).not.toContain('刘洋'); // BINJIANG
    const byUnitId = await t.request(agent, { method: 'GET', url: `/api/owners?unitId=${z.unitId}` });
    expect(byUnitId.body.map((o: { id: string }) => o.id)).toEqual([z.id]);

    // BINJIANG's owner is not found from CUIHU, even by a matching search
    expect((await t.request(agent, { method: 'GET', url: `/api/owners?q=${encodeURIComponent('刘洋')}` })).body).toEqual([]);
    expect((await t.request(agent, { method: 'GET', url: `/api/owners?projectId=${t.a.projects.BINJIANG!.id}` })).body).toEqual([]);
    const admin = await t.login('admin');
    expect((await t.request(admin, { method: 'GET', url: `/api/owners?q=${encodeURIComponent('刘洋')}` })).body.map((o: { name: string }) => o.name)).toEqual([
      '刘洋',
    ]);
    // another tenant's admin finds nothing of ours
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'GET', url: `/api/owners?q=${ZHANGWEI_PHONE}` })).body).toEqual([]);
  });

  it('no raw phone or ID number appears anywhere in lists, searches or the owner page', async () => {
    const admin = await t.login('admin');
    const agent = await t.login('agent1');
    const raws = ['13800000001', '13800000002', '13800000003', '13800000004', ZHANGWEI_ID, '110101198502023450', '110101199003037895', LIUYANG_ID];
    const responses = [
      await t.request(admin, { method: 'GET', url: '/api/owners?limit=200' }),
      await t.request(agent, { method: 'GET', url: '/api/owners?limit=200' }),
      await t.request(agent, { method: 'GET', url: '/api/owners?q=138' }),
      await t.request(admin, { method: 'GET', url: `/api/owners?q=${LIUYANG_ID.slice(0, 6)}` }),
      await t.request(agent, { method: 'GET', url: `/api/owners/${t.a.owners.zhangwei!.id}` }),
      await t.request(admin, { method: 'GET', url: `/api/owners/${t.a.owners.liuyang!.id}` }),
      await archive(agent, t.a.owners.zhangwei!.id),
    ];
    for (const r of responses) {
      expect(r.status).toBe(200);
      for (const raw of raws) expect(JSON.stringify(r.body)).not.toContain(raw);
    }
    const all = responses[0]!.body as { name: string; idNumber: string | null; contacts: { kind: string; value: string }[] }[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const o of all) {
      if (o.idNumber) expect(o.idNumber).toMatch(/^.{4}\*+.{4}$/);
      for (const c of o.contacts.filter((x) => x.kind === 'phone')) expect(c.value).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    expect(all.find((o) => o.name === '刘洋')).toMatchObject({ idNumber: '3101**********1115', contacts: [expect.objectContaining({ value: '138****0004' })] });
    // an ID-number fragment is not a search key (it is stored encrypted)
    expect(responses[3]!.body).toEqual([]);
  });

  it('the ID number is encrypted at rest', async () => {
    const row = await (t.deps.database.db as any).selectFrom('owners').selectAll().where('id', '=', t.a.owners.zhangwei!.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(ZHANGWEI_ID);
    expect(JSON.stringify(row)).not.toContain(ZHANGWEI_ID.slice(4, 14));
    expect(row.idNumberMasked).toBe('1101**********1232');
    expect(typeof row.idNumberEncrypted).toBe('string');
    expect(row.idNumberEncrypted.length).toBeGreaterThan(ZHANGWEI_ID.length);
    expect(t.deps.cipher.decrypt(row.idNumberEncrypted)).toBe(ZHANGWEI_ID);
    // the same value encrypts differently each time (no equality leak between owners)
    expect(t.deps.cipher.encrypt(ZHANGWEI_ID)).not.toBe(row.idNumberEncrypted);
  });
});

describe('adding a contact', () => {
  it('adds a phone; the owner event and every answer show it masked', async () => {
    const agent = await t.login('agent1');
    const w = t.a.owners.wangfang!;
    const res = await t.request(agent, {
      method: 'POST',
      url: `/api/owners/${w.id}/contacts`,
      payload: { kind: 'phone', value: '18688889999', label: '女儿手机' },
    });
    expect(res.status).toBe(201);
    expect(res.body.contacts).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'phone', value: '186****9999', label: '女儿手机', isPrimary: false })]),
    );
    const a = await archive(agent, w.id);
    expect(a.body.archiveEvents.find((e: { type: string }) => e.type === 'contact_added').data).toMatchObject({ kind: 'phone', value: '186****9999' });
    expect(JSON.stringify(res.body) + JSON.stringify(a.body)).not.toContain('18688889999');
    // findable by the new number
    expect((await t.request(agent, { method: 'GET', url: '/api/owners?q=88889999' })).body.map((o: { id: string }) => o.id)).toEqual([w.id]);
    const bad = await t.request(agent, { method: 'POST', url: `/api/owners/${w.id}/contacts`, payload: { kind: 'email', value: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('value');
    expect(
      (await t.request(await t.login('agent2'), { method: 'POST', url: `/api/owners/${w.id}/contacts`, payload: { kind: 'phone', value: '18600000000' } }))
        .status,
    ).toBe(404);
  });

  it('search wildcards are literal', async () => {
    const admin = await t.login('admin');
    expect((await t.request(admin, { method: 'GET', url: `/api/owners?q=${encodeURIComponent('%')}` })).body).toEqual([]);
    expect((await t.request(admin, { method: 'GET', url: `/api/owners?q=${encodeURIComponent('_')}` })).body).toEqual([]);
  });
});

describe('editing the archive', () => {
  it('PATCH records an archive_updated event, bumps the version, and a stale expectedVersion is 409 that changes nothing', async () => {
    const agent = await t.login('agent1');
    const w = t.a.owners.wangfang!;
    const current = await t.request(agent, { method: 'GET', url: `/api/owners/${w.id}` });
    const v = current.body.version;
    const res = await t.request(agent, {
      method: 'PATCH',
      url: `/api/owners/${w.id}`,
      // the grade it already has may be sent along; a new grade needs a manager's approval (grade-requests.api.test.ts)
      payload: { notes: '每周三上午在家', grade: current.body.grade, preferredChannel: 'wechat_group', expectedVersion: v },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      notes: '每周三上午在家',
      grade: current.body.grade,
      preferredChannel: 'wechat_group',
      version: v + 1,
      updatedAt: '2026-11-25T02:00:00.000Z',
    });
    const events = (await archive(agent, w.id)).body.archiveEvents;
    const updated = events.filter((e: { type: string }) => e.type === 'archive_updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorKind: 'staff',
      actorId: t.a.staff.agent1,
      data: { changes: { notes: '每周三上午在家', preferredChannel: 'wechat_group' } },
    });
    expect(updated[0].data.changes).not.toHaveProperty('expectedVersion');

    const eventsBefore = await t.count('ownerEvents');
    const stale = await t.request(agent, { method: 'PATCH', url: `/api/owners/${w.id}`, payload: { notes: '覆盖', expectedVersion: v } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', field: 'expectedVersion' });
    const after = await t.request(agent, { method: 'GET', url: `/api/owners/${w.id}` });
    expect(after.body).toMatchObject({ notes: '每周三上午在家', version: v + 1 });
    expect(await t.count('ownerEvents')).toBe(eventsBefore);

    // without expectedVersion the edit just applies
    const next = await t.request(agent, { method: 'PATCH', url: `/api/owners/${w.id}`, payload: { specialNeeds: null } });
    expect(next.body).toMatchObject({ specialNeeds: null, version: v + 2 });
  });

  it('two concurrent edits with the same expectedVersion: one wins, the other is a conflict', async () => {
    const agent = await t.login('agent1');
    const l = t.a.owners.lina!;
    const v = (await t.request(agent, { method: 'GET', url: `/api/owners/${l.id}` })).body.version;
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((n) => t.request(agent, { method: 'PATCH', url: `/api/owners/${l.id}`, payload: { notes: n, expectedVersion: v } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const final = await t.request(agent, { method: 'GET', url: `/api/owners/${l.id}` });
    expect(final.body.version).toBe(v + 1);
    expect(final.body.notes).toBe(results.find((r) => r.status === 200)!.body.notes);
  });

  it('a changed ID number or portal login is logged masked, never in clear', async () => {
    const agent = await t.login('agent1');
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId: unitOf('CUIHU', 'B1', '202'), moveInDate: '2026-10-01', relation: 'occupant', owner: { name: '孙悟空' } },
    });
    const id = res.body.id;
    const patched = await t.request(agent, {
      method: 'PATCH',
      url: `/api/owners/${id}`,
      payload: { idNumber: '510104199912120011', portalLogin: '13655556666', portalPassword: 'portal-pass-9' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ idNumber: '5101**********0011', portalLogin: '136****6666' });
    const a = await archive(agent, id);
    const text = JSON.stringify(a.body);
    expect(text).not.toContain('510104199912120011');
    expect(text).not.toContain('13655556666');
    expect(text).not.toContain('portal-pass-9');
    const changes = a.body.archiveEvents.find((e: { type: string }) => e.type === 'archive_updated').data.changes;
    expect(changes).toMatchObject({ idNumber: '5101**********0011', portalLogin: '136****6666', portalPassword: '(changed)' });
    // and the new portal login works
    expect((await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: '13655556666', password: 'portal-pass-9' } })).status).toBe(
      200,
    );
  });

  it('edits are refused for roles without owner.write, other projects and bad fields', async () => {
    const z = t.a.owners.zhangwei!;
    const head = await t.login('enghead1'); // owner.read only
    expect((await t.request(head, { method: 'GET', url: `/api/owners/${z.id}` })).status).toBe(200);
    expect((await t.request(head, { method: 'PATCH', url: `/api/owners/${z.id}`, payload: { notes: 'x' } })).status).toBe(403);
    const agent2 = await t.login('agent2');
    const other = await t.request(agent2, { method: 'PATCH', url: `/api/owners/${z.id}`, payload: { notes: 'x' } });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('OWNER_NOT_FOUND');
    const agent = await t.login('agent1');
    const unknown = await t.request(agent, { method: 'PATCH', url: `/api/owners/${z.id}`, payload: { nickname: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('nickname');
    const takenLogin = await t.request(agent, { method: 'PATCH', url: `/api/owners/${t.a.owners.wangfang!.id}`, payload: { portalLogin: ZHANGWEI_PHONE } });
    expect(takenLogin.status).toBe(409);
    expect(takenLogin.body).toMatchObject({ code: 'USERNAME_TAKEN', field: 'portalLogin' });
  });
});

describe('revealing a masked value', () => {
  it('supervisor, office manager and archivist get the clear value; each reveal is audited with its reason', async () => {
    const z = t.a.owners.zhangwei!;
    const admin = await t.login('admin');
    for (const username of ['supervisor1', 'manager1', 'archivist1']) {
      const token = await t.login(username);
      const reason = `${username} 核实业主身份办理产权变更`;
      const res = await t.request(token, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'idNumber', reason } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ field: 'idNumber', contactId: null, value: ZHANGWEI_ID });
      const log = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=owner.reveal&targetId=${z.id}` });
      expect(log.status).toBe(200);
      expect(log.body[0]).toMatchObject({
        action: 'owner.reveal',
        actorKind: 'staff',
        actorId: t.a.staff[username],
        targetType: 'owner',
        targetId: z.id,
        detail: { field: 'idNumber', reason },
        at: '2026-11-25T02:00:00.000Z',
      });
      // the audit entry records who and why, not the value itself
      expect(JSON.stringify(log.body)).not.toContain(ZHANGWEI_ID);
    }
    const manager = await t.login('manager1');
    const seen = await t.request(manager, { method: 'GET', url: `/api/audit-log?action=owner.reveal&targetId=${z.id}` });
    expect(seen.body.map((e: { actorId: string }) => e.actorId)).toEqual([t.a.staff.archivist1, t.a.staff.manager1, t.a.staff.supervisor1]);
  });

  it('a phone contact can be revealed by its id', async () => {
    const z = t.a.owners.zhangwei!;
    const supervisor = await t.login('supervisor1');
    const owner = await t.request(supervisor, { method: 'GET', url: `/api/owners/${z.id}` });
    const contact = owner.body.contacts.find((c: { kind: string }) => c.kind === 'phone');
    const res = await t.request(supervisor, {
      method: 'POST',
      url: `/api/owners/${z.id}/reveal`,
      payload: { field: 'contact', contactId: contact.id, reason: '回访需拨打电话' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ field: 'contact', contactId: contact.id, value: ZHANGWEI_PHONE });
    const noId = await t.request(supervisor, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'contact', reason: '回访需拨打电话' } });
    expect(noId.status).toBe(400);
    expect(noId.body.field).toBe('contactId');
    const otherOwnersContact = (await t.request(supervisor, { method: 'GET', url: `/api/owners/${t.a.owners.lina!.id}` })).body.contacts[0].id;
    const wrong = await t.request(supervisor, {
      method: 'POST',
      url: `/api/owners/${z.id}/reveal`,
      payload: { field: 'contact', contactId: otherOwnersContact, reason: '回访需拨打电话' },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('CONTACT_NOT_FOUND');
  });

  it('agent1 (no owner.reveal) gets 403 and no audit entry is written; nor for other projects or a missing reason', async () => {
    const z = t.a.owners.zhangwei!;
    const audits = await t.count('auditLog');
    const agent = await t.login('agent1');
    const denied = await t.request(agent, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'idNumber', reason: '我想看看' } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    expect(JSON.stringify(denied.body)).not.toContain(ZHANGWEI_ID);
    const head = await t.login('enghead1');
    expect((await t.request(head, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'idNumber', reason: '我想看看' } })).status).toBe(403);
    const supervisor = await t.login('supervisor1');
    const otherProject = await t.request(supervisor, {
      method: 'POST',
      url: `/api/owners/${t.a.owners.liuyang!.id}/reveal`,
      payload: { field: 'idNumber', reason: '核实身份' },
    });
    expect(otherProject.status).toBe(404);
    const noReason = await t.request(supervisor, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'idNumber', reason: ' ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'POST', url: `/api/owners/${z.id}/reveal`, payload: { field: 'idNumber', reason: '核实身份' } })).status).toBe(
      404,
    );
    expect(await t.count('auditLog')).toBe(audits);
    const admin = await t.login('admin');
    const log = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=owner.reveal&limit=500` });
    expect(log.body.some((e: { actorId: string }) => e.actorId === t.a.staff.agent1)).toBe(false);
    expect((await t.request(agent, { method: 'GET', url: '/api/audit-log' })).status).toBe(403);
  });
});

describe('the owner archive', () => {
  it('returns the owner’s cases and their events, messages included', async () => {
    const agent = await t.login('agent1');
    const z = t.a.owners.zhangwei!;
    const created = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '客厅空调漏水', ownerId: z.id, unitId: z.unitId },
    });
    expect(created.status).toBe(201);
    const caseId = created.body.case.id;
    const msg = await t.request(agent, {
      method: 'POST',
      url: `/api/cases/${caseId}/commands`,
      payload: { command: { type: 'message', direction: 'inbound', content: '业主来电催促：漏水越来越严重' } },
    });
    expect(msg.status).toBe(200);
    const note = await t.request(agent, {
      method: 'POST',
      url: `/api/cases/${caseId}/commands`,
      payload: { command: { type: 'add_note', content: '内部备注：优先安排' } },
    });
    expect(note.status).toBe(200);
    // a case of another owner is not part of this archive
    const others = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '别人的问题', ownerId: t.a.owners.lina!.id },
    });

    const res = await archive(agent, z.id);
    expect(res.status).toBe(200);
    expect(res.body.owner).toMatchObject({ id: z.id, name: '张伟', idNumber: '1101**********1232' });
    const caseIds = res.body.cases.map((c: { id: string }) => c.id);
    expect(caseIds).toContain(caseId);
    expect(caseIds).not.toContain(others.body.case.id);
    expect(res.body.cases.every((c: { ownerId: string }) => c.ownerId === z.id)).toBe(true);
    const events = res.body.events.filter((e: { caseId: string }) => e.caseId === caseId);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'message', 'note']);
    expect(events.find((e: { type: string }) => e.type === 'note')).toMatchObject({ internal: true, content: '内部备注：优先安排' });
    const messages = res.body.messages.filter((e: { caseId: string }) => e.caseId === caseId);
    expect(messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'message', direction: 'inbound', content: '业主来电催促：漏水越来越严重' })]),
    );
    expect(messages.map((e: { type: string }) => e.type)).not.toContain('note');
    expect(res.body.archiveEvents.map((e: { type: string }) => e.type)).toContain('moved_in');
  });

  it('staff of BINJIANG cannot see CUIHU owners (404), nor can another tenant or an owner', async () => {
    const z = t.a.owners.zhangwei!;
    const agent2 = await t.login('agent2');
    for (const url of [`/api/owners/${z.id}`, `/api/owners/${z.id}/archive`]) {
      const res = await t.request(agent2, { method: 'GET', url });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('OWNER_NOT_FOUND');
    }
    expect((await t.request(agent2, { method: 'GET', url: '/api/owners?limit=200' })).body.map((o: { id: string }) => o.id)).toEqual([t.a.owners.liuyang!.id]);
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'GET', url: `/api/owners/${z.id}/archive` })).status).toBe(404);
    const owner = await t.ownerLogin(z.portalLogin);
    expect((await t.request(owner, { method: 'GET', url: `/api/owners/${z.id}` })).status).toBe(403);
    expect((await t.request(owner, { method: 'GET', url: '/api/owners' })).status).toBe(403);
    expect((await t.request(null, { method: 'GET', url: `/api/owners/${z.id}` })).status).toBe(401);
    const tech = await t.login('tech1'); // no owner.read
    expect((await t.request(tech, { method: 'GET', url: `/api/owners/${z.id}/archive` })).status).toBe(403);
  });
});
