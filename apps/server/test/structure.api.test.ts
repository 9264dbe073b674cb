import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const codes = (list: { code: string }[]) => list.map((x) => x.code);

describe('projects, buildings, units and departments', () => {
  let projectId: string;
  let buildingId: string;
  let unitId: string;

  it('admin creates a project, a building, a unit and a department, each with an audit entry', async () => {
    const admin = await t.login('admin');
    const audits = await t.count('auditLog');
    const project = await t.request(admin, {
      method: 'POST',
      url: '/api/projects',
      payload: { code: 'XINGHE', name: '星河湾管理处', address: '深圳市南山区星河路1号', occupancyDate: '2027-03-01', phase: 'early_management' },
    });
    expect(project.status).toBe(201);
    expect(project.body).toMatchObject({
      code: 'XINGHE',
      name: '星河湾管理处',
      address: '深圳市南山区星河路1号',
      occupancyDate: '2027-03-01',
      phase: 'early_management',
      timeZone: 'Asia/Shanghai',
      organizationId: t.a.organizationId,
      createdAt: '2026-11-25T02:00:00.000Z',
    });
    projectId = project.body.id;

    const building = await t.request(admin, {
      method: 'POST',
      url: `/api/projects/${projectId}/buildings`,
      payload: { code: 'T1', name: '1号塔楼', floors: 32 },
    });
    expect(building.status).toBe(201);
    expect(building.body).toMatchObject({ projectId, code: 'T1', name: '1号塔楼', floors: 32 });
    buildingId = building.body.id;

    const unit = await t.request(admin, { method: 'POST', url: `/api/buildings/${buildingId}/units`, payload: { code: '3201', floor: 32, areaSqm: 128.5 } });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({ projectId, buildingId, code: '3201', kind: 'indoor', floor: 32, areaSqm: 128.5 });
    unitId = unit.body.id;

    const department = await t.request(admin, {
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'ENG-XINGHE', name: '工程维修部', kind: 'engineering', projectId },
    });
    expect(department.status).toBe(201);
    expect(department.body).toMatchObject({ projectId, code: 'ENG-XINGHE', name: '工程维修部', kind: 'engineering', isSupervising: false, headStaffId: null });

    const company = await t.request(admin, { method: 'POST', url: '/api/departments', payload: { code: 'FINANCE', name: '财务部', kind: 'finance' } });
    expect(company.status).toBe(201);
    expect(company.body.projectId).toBeNull();

    expect(await t.count('auditLog')).toBe(audits + 5);
    const log = await t.request(admin, { method: 'GET', url: '/api/audit-log?limit=5' });
    expect(log.body.map((e: { action: string }) => e.action).sort()).toEqual([
      'building.create',
      'department.create',
      'department.create',
      'project.create',
      'unit.create',
    ]);

    expect(ids((await t.request(admin, { method: 'GET', url: '/api/projects' })).body)).toContain(projectId);
    expect((await t.request(admin, { method: 'GET', url: `/api/projects/${projectId}/buildings` })).body).toEqual([
      expect.objectContaining({ id: buildingId, code: 'T1' }),
    ]);
    expect(ids((await t.request(admin, { method: 'GET', url: `/api/units?buildingId=${buildingId}` })).body)).toEqual([unitId]);
    expect(ids((await t.request(admin, { method: 'GET', url: `/api/units?projectId=${projectId}` })).body)).toEqual([unitId]);
  });

  it('admin edits them', async () => {
    const admin = await t.login('admin');
    t.advance(5);
    const project = await t.request(admin, { method: 'PATCH', url: `/api/projects/${projectId}`, payload: { name: '星河湾花园管理处', phase: 'normal' } });
    expect(project.status).toBe(200);
    expect(project.body).toMatchObject({
      id: projectId,
      code: 'XINGHE',
      name: '星河湾花园管理处',
      phase: 'normal',
      updatedAt: '2026-11-25T02:05:00.000Z',
      createdAt: '2026-11-25T02:00:00.000Z',
    });
    const building = await t.request(admin, { method: 'PATCH', url: `/api/buildings/${buildingId}`, payload: { name: '1栋', floors: 33 } });
    expect(building.body).toMatchObject({ id: buildingId, code: 'T1', name: '1栋', floors: 33 });
    const unit = await t.request(admin, { method: 'PATCH', url: `/api/units/${unitId}`, payload: { code: '3301', floor: 33, areaSqm: null } });
    expect(unit.body).toMatchObject({ id: unitId, code: '3301', floor: 33, areaSqm: null, kind: 'indoor' });
    const deptId = (await t.request(admin, { method: 'GET', url: '/api/departments' })).body.find((d: { code: string }) => d.code === 'ENG-XINGHE').id;
    const dept = await t.request(admin, { method: 'PATCH', url: `/api/departments/${deptId}`, payload: { name: '工程部', isSupervising: true } });
    expect(dept.body).toMatchObject({ id: deptId, code: 'ENG-XINGHE', name: '工程部', isSupervising: true, projectId });
    // a department does not move between projects
    const move = await t.request(admin, { method: 'PATCH', url: `/api/departments/${deptId}`, payload: { projectId: t.a.projects.CUIHU!.id } });
    expect(move.status).toBe(400);
    expect(move.body.field).toBe('projectId');
    // a stored edit is audited with what changed
    const log = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=project.update&targetId=${projectId}` });
    expect(log.body[0].detail).toEqual({ name: '星河湾花园管理处', phase: 'normal' });
  });

  it('a PATCH leaves the fields it does not mention alone (no create defaults slip in)', async () => {
    const admin = await t.login('admin');
    const p = await t.request(admin, {
      method: 'POST',
      url: '/api/projects',
      payload: { code: 'KASHI', name: '喀什项目', phase: 'sales_support', timeZone: 'Asia/Urumqi' },
    });
    const renamed = await t.request(admin, { method: 'PATCH', url: `/api/projects/${p.body.id}`, payload: { name: '喀什花园' } });
    expect(renamed.body).toMatchObject({ name: '喀什花园', phase: 'sales_support', timeZone: 'Asia/Urumqi' });
    const log = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=project.update&targetId=${p.body.id}` });
    expect(log.body[0].detail).toEqual({ name: '喀什花园' });

    const publicArea = t.a.projects.CUIHU!.publicAreaUnitId;
    const unit = await t.request(admin, { method: 'PATCH', url: `/api/units/${publicArea}`, payload: { code: '公共区域A' } });
    expect(unit.body).toMatchObject({ code: '公共区域A', kind: 'public_area' });

    const quality = await t.request(admin, { method: 'PATCH', url: `/api/departments/${t.a.departments.QUALITY}`, payload: { name: '品质管理中心' } });
    expect(quality.body).toMatchObject({ name: '品质管理中心', isSupervising: true, projectId: null });

    const agent = await t.request(admin, { method: 'PATCH', url: `/api/staff/${t.a.staff.frontdesk1}`, payload: { phone: '0755-12345678' } });
    expect(agent.body).toMatchObject({ phone: '0755-12345678', projectIds: [t.a.projects.CUIHU!.id], companyWide: false, active: true, roles: ['front_desk'] });
    const leader = await t.request(admin, { method: 'PATCH', url: `/api/staff/${t.a.staff.leader}`, payload: { name: '周总经理' } });
    expect(leader.body).toMatchObject({ name: '周总经理', companyWide: true });
    expect((await t.request(await t.login('frontdesk1'), { method: 'GET', url: '/api/projects' })).body.map((x: { code: string }) => x.code)).toEqual([
      'CUIHU',
    ]);
  });

  it('duplicate codes are 409 CODE_TAKEN with the field, on create and on edit', async () => {
    const admin = await t.login('admin');
    const cuihu = t.a.projects.CUIHU!;
    const expectTaken = (res: { status: number; body: any }) => {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CODE_TAKEN', field: 'code', status: 409 });
    };
    const before = {
      projects: await t.count('projects'),
      buildings: await t.count('buildings'),
      units: await t.count('units'),
      departments: await t.count('departments'),
    };
    expectTaken(await t.request(admin, { method: 'POST', url: '/api/projects', payload: { code: 'CUIHU', name: '重复' } }));
    expectTaken(await t.request(admin, { method: 'PATCH', url: `/api/projects/${projectId}`, payload: { code: 'BINJIANG' } }));
    expectTaken(await t.request(admin, { method: 'POST', url: `/api/projects/${cuihu.id}/buildings`, payload: { code: 'B1', name: '重复' } }));
    expectTaken(await t.request(admin, { method: 'PATCH', url: `/api/buildings/${cuihu.buildings.B2!.id}`, payload: { code: 'B1' } }));
    expectTaken(await t.request(admin, { method: 'POST', url: `/api/buildings/${cuihu.buildings.B1!.id}/units`, payload: { code: '101', entrance: '1' } }));
    expectTaken(await t.request(admin, { method: 'PATCH', url: `/api/units/${cuihu.buildings.B1!.units['102']}`, payload: { code: '101' } }));
    expectTaken(await t.request(admin, { method: 'POST', url: '/api/departments', payload: { code: 'QUALITY', name: '重复', kind: 'quality' } }));
    expectTaken(await t.request(admin, { method: 'PATCH', url: `/api/departments/${t.a.departments['SC-CUIHU']}`, payload: { code: 'ENG-CUIHU' } }));
    expect({
      projects: await t.count('projects'),
      buildings: await t.count('buildings'),
      units: await t.count('units'),
      departments: await t.count('departments'),
    }).toEqual(before);

    // codes are unique per scope: the same building code in another project, the same unit code in another building, the same project code in another tenant
    expect((await t.request(admin, { method: 'POST', url: `/api/projects/${projectId}/buildings`, payload: { code: 'B1', name: '1栋' } })).status).toBe(201);
    expect((await t.request(admin, { method: 'POST', url: `/api/buildings/${buildingId}/units`, payload: { code: '101' } })).status).toBe(201);
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'POST', url: '/api/projects', payload: { code: 'XINGHE', name: '另一家的星河湾' } })).status).toBe(201);
    // keeping one's own code is not a conflict
    expect((await t.request(admin, { method: 'PATCH', url: `/api/projects/${projectId}`, payload: { code: 'XINGHE' } })).status).toBe(200);
  });

  it('a department head must be an active staff member of the organization working in that project', async () => {
    const admin = await t.login('admin');
    const engCuihu = t.a.departments['ENG-CUIHU']!;
    const ok = await t.request(admin, { method: 'PATCH', url: `/api/departments/${engCuihu}`, payload: { headStaffId: t.a.staff.enghead1 } });
    expect(ok.status).toBe(200);
    expect(ok.body.headStaffId).toBe(t.a.staff.enghead1);

    const otherTenant = await t.request(admin, { method: 'PATCH', url: `/api/departments/${engCuihu}`, payload: { headStaffId: t.b.staff.b_enghead1 } });
    expect(otherTenant.status).toBe(404);
    expect(otherTenant.body).toMatchObject({ code: 'STAFF_NOT_FOUND', field: 'headStaffId' });
    const unknown = await t.request(admin, {
      method: 'PATCH',
      url: `/api/departments/${engCuihu}`,
      payload: { headStaffId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(404);
    const otherProject = await t.request(admin, { method: 'PATCH', url: `/api/departments/${engCuihu}`, payload: { headStaffId: t.a.staff.enghead2 } });
    expect(otherProject.status).toBe(400);
    expect(otherProject.body).toMatchObject({ code: 'STAFF_NOT_IN_SCOPE', field: 'headStaffId' });
    const createdOtherProject = await t.request(admin, {
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'SEC-X', name: 'x', kind: 'security', projectId: t.a.projects.CUIHU!.id, headStaffId: t.a.staff.enghead2 },
    });
    expect(createdOtherProject.body).toMatchObject({ code: 'STAFF_NOT_IN_SCOPE', field: 'headStaffId' });
    const companyLevel = await t.request(admin, {
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'HQ-OPS', name: '运营管理部', kind: 'other', headStaffId: t.b.staff.b_rep },
    });
    expect(companyLevel.status).toBe(404);
    expect(companyLevel.body).toMatchObject({ code: 'STAFF_NOT_FOUND', field: 'headStaffId' });
    const companyOk = await t.request(admin, {
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'HQ-OPS', name: '运营管理部', kind: 'other', headStaffId: t.a.staff.rep },
    });
    expect(companyOk.status).toBe(201);
    expect(companyOk.body.headStaffId).toBe(t.a.staff.rep);
    const dept = (await t.request(admin, { method: 'GET', url: '/api/departments' })).body.find((d: { id: string }) => d.id === engCuihu);
    expect(dept.headStaffId).toBe(t.a.staff.enghead1);
  });

  it('validation names the field', async () => {
    const admin = await t.login('admin');
    const badCode = await t.request(admin, { method: 'POST', url: '/api/projects', payload: { code: '翠湖 2', name: 'x' } });
    expect(badCode.status).toBe(400);
    expect(badCode.body).toMatchObject({ code: 'FIELD_INVALID', field: 'code' });
    const badTz = await t.request(admin, { method: 'POST', url: '/api/projects', payload: { code: 'TZ', name: 'x', timeZone: 'Mars/Olympus' } });
    expect(badTz.body).toMatchObject({ code: 'FIELD_INVALID', field: 'timeZone' });
    const noName = await t.request(admin, { method: 'POST', url: `/api/projects/${projectId}/buildings`, payload: { code: 'T9' } });
    expect(noName.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'name' });
    const badKind = await t.request(admin, { method: 'POST', url: '/api/departments', payload: { code: 'X1', name: 'x', kind: 'canteen' } });
    expect(badKind.body).toMatchObject({ code: 'FIELD_INVALID', field: 'kind' });
    const unknownProject = await t.request(admin, {
      method: 'POST',
      url: `/api/projects/${t.b.projects.CUIHU!.id}/buildings`,
      payload: { code: 'T9', name: 'x' },
    });
    expect(unknownProject.status).toBe(404);
    expect(unknownProject.body.code).toBe('PROJECT_NOT_FOUND');
    const noScope = await t.request(admin, { method: 'GET', url: '/api/units' });
    expect(noScope.status).toBe(400);
  });

  it('only structure admins change the structure', async () => {
    const cuihu = t.a.projects.CUIHU!;
    for (const username of ['agent1', 'manager1', 'leader']) {
      const token = await t.login(username);
      expect((await t.request(token, { method: 'POST', url: '/api/projects', payload: { code: 'NOPE', name: 'x' } })).status).toBe(403);
      expect((await t.request(token, { method: 'PATCH', url: `/api/projects/${cuihu.id}`, payload: { name: 'x' } })).status).toBe(403);
      expect((await t.request(token, { method: 'POST', url: `/api/projects/${cuihu.id}/buildings`, payload: { code: 'B9', name: 'x' } })).status).toBe(403);
      expect(
        (await t.request(token, { method: 'POST', url: '/api/departments', payload: { code: 'NOPE', name: 'x', kind: 'other', projectId: cuihu.id } })).status,
      ).toBe(403);
    }
    const owner = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    expect((await t.request(owner, { method: 'GET', url: '/api/projects' })).status).toBe(403);
    expect((await t.request(owner, { method: 'GET', url: '/api/departments' })).status).toBe(403);
    expect((await t.request(null, { method: 'GET', url: '/api/projects' })).status).toBe(401);
    // another tenant's admin cannot touch ours
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'PATCH', url: `/api/projects/${cuihu.id}`, payload: { name: '被改了' } })).status).toBe(404);
    expect((await t.request(bAdmin, { method: 'PATCH', url: `/api/units/${cuihu.buildings.B1!.units['101']}`, payload: { code: 'X' } })).status).toBe(404);
    expect((await t.request(bAdmin, { method: 'PATCH', url: `/api/departments/${t.a.departments.QUALITY}`, payload: { name: 'x' } })).status).toBe(404);
  });
});

describe('lists are scoped', () => {
  it('agent2 sees only BINJIANG; company-wide staff see every project of their own tenant', async () => {
    const agent2 = await t.login('agent2');
    const projects = await t.request(agent2, { method: 'GET', url: '/api/projects' });
    expect(projects.status).toBe(200);
    expect(codes(projects.body)).toEqual(['BINJIANG']);
    const cuihu = t.a.projects.CUIHU!;
    const buildings = await t.request(agent2, { method: 'GET', url: `/api/projects/${cuihu.id}/buildings` });
    expect(buildings.status).toBe(404);
    expect(buildings.body.code).toBe('PROJECT_NOT_FOUND');
    expect((await t.request(agent2, { method: 'GET', url: `/api/units?projectId=${cuihu.id}` })).status).toBe(404);
    expect((await t.request(agent2, { method: 'GET', url: `/api/units?buildingId=${cuihu.buildings.B1!.id}` })).status).toBe(404);
    const own = await t.request(agent2, { method: 'GET', url: `/api/units?projectId=${t.a.projects.BINJIANG!.id}` });
    expect(own.body).toHaveLength(9); // 2 buildings × 4 units + 公共区域
    expect(own.body.every((u: { projectId: string }) => u.projectId === t.a.projects.BINJIANG!.id)).toBe(true);

    const quality = await t.login('quality');
    const all = codes((await t.request(quality, { method: 'GET', url: '/api/projects' })).body);
    expect(all).toEqual(expect.arrayContaining(['CUIHU', 'BINJIANG', 'XINGHE']));
    expect(all.filter((c) => c === 'XINGHE')).toHaveLength(1); // not tenant b's XINGHE
    const bAgent = await t.login('b_agent1');
    const bProjects = (await t.request(bAgent, { method: 'GET', url: '/api/projects' })).body;
    expect(codes(bProjects)).toEqual(['CUIHU']);
    expect(bProjects[0].id).toBe(t.b.projects.CUIHU!.id);
  });

  it('departments: the company-level QUALITY plus those of my projects only', async () => {
    const agent2 = await t.login('agent2');
    const list = await t.request(agent2, { method: 'GET', url: '/api/departments' });
    expect(list.status).toBe(200);
    const got = codes(list.body);
    expect(got).toEqual(expect.arrayContaining(['QUALITY', 'SC-BINJIANG', 'ENG-BINJIANG', 'SEC-BINJIANG', 'ENV-BINJIANG']));
    expect(got.some((c) => c.endsWith('-CUIHU'))).toBe(false);
    expect(got).not.toContain('ENG-XINGHE');
    expect(list.body.find((d: { code: string }) => d.code === 'QUALITY')).toMatchObject({ projectId: null, kind: 'quality', isSupervising: true });
    const admin = await t.login('admin');
    const everything = codes((await t.request(admin, { method: 'GET', url: '/api/departments' })).body);
    expect(everything).toEqual(expect.arrayContaining(['QUALITY', 'SC-CUIHU', 'SC-BINJIANG', 'ENG-XINGHE', 'FINANCE']));
    const bAdmin = await t.login('b_admin');
    const theirs = (await t.request(bAdmin, { method: 'GET', url: '/api/departments' })).body;
    expect(ids(theirs)).not.toContain(t.a.departments.QUALITY);
    expect(codes(theirs)).not.toContain('FINANCE');
  });
});

describe('staff accounts', () => {
  it('admin creates an account that can log in with exactly the roles and projects given', async () => {
    const admin = await t.login('admin');
    const cuihu = t.a.projects.CUIHU!.id;
    const binjiang = t.a.projects.BINJIANG!.id;
    const res = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'agent3',
        name: '客服专员吴倩',
        password: 'start-pass-1',
        phone: '13511112222',
        email: 'wuqian@example.com',
        roles: ['agent', 'front_desk'],
        departmentId: t.a.departments['SC-CUIHU'],
        projectIds: [cuihu, binjiang],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'agent3',
      name: '客服专员吴倩',
      roles: ['agent', 'front_desk'],
      companyWide: false,
      active: true,
      departmentId: t.a.departments['SC-CUIHU'],
    });
    expect([...res.body.projectIds].sort()).toEqual([cuihu, binjiang].sort());
    expect(JSON.stringify(res.body)).not.toContain('start-pass-1');
    expect(res.body).not.toHaveProperty('passwordHash');

    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent3', password: 'start-pass-1' } });
    expect(login.status).toBe(200);
    expect(login.body.me).toMatchObject({
      kind: 'staff',
      id: res.body.id,
      name: '客服专员吴倩',
      roles: ['agent', 'front_desk'],
      companyWide: false,
      departmentId: t.a.departments['SC-CUIHU'],
    });
    expect([...login.body.me.projectIds].sort()).toEqual([cuihu, binjiang].sort());
    expect(login.body.me.capabilities).toContain('case.create');
    expect(login.body.me.capabilities).not.toContain('owner.reveal');
    expect(login.body.me.capabilities).not.toContain('staff.admin');
    const token = login.body.token;
    expect(codes((await t.request(token, { method: 'GET', url: '/api/projects' })).body).sort()).toEqual(['BINJIANG', 'CUIHU']);
    expect(
      (await t.request(token, { method: 'POST', url: '/api/staff', payload: { username: 'x123', name: 'x', password: 'whatever-1', roles: ['agent'] } }))
        .status,
    ).toBe(403);

    const listed = (await t.request(admin, { method: 'GET', url: `/api/staff?projectId=${binjiang}` })).body;
    expect(ids(listed)).toContain(res.body.id);
    const audit = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=staff.create&targetId=${res.body.id}` });
    expect(audit.body[0]).toMatchObject({ actorId: t.a.staff.admin, detail: { roles: ['agent', 'front_desk'], companyWide: false } });
  });

  it('refuses a taken username, an unknown project and bad input', async () => {
    const admin = await t.login('admin');
    const base = { name: '新人', password: 'start-pass-1', roles: ['agent'], projectIds: [t.a.projects.CUIHU!.id] };
    const before = await t.count('staff');
    const taken = await t.request(admin, { method: 'POST', url: '/api/staff', payload: { ...base, username: 'agent1' } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
    // usernames are global: tenant b's are taken too
    expect((await t.request(admin, { method: 'POST', url: '/api/staff', payload: { ...base, username: 'b_agent1' } })).status).toBe(409);
    const otherTenantProject = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { ...base, username: 'newbie', projectIds: [t.b.projects.CUIHU!.id] },
    });
    expect(otherTenantProject.status).toBe(404);
    expect(otherTenantProject.body).toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'projectIds.0' });
    const badRole = await t.request(admin, { method: 'POST', url: '/api/staff', payload: { ...base, username: 'newbie', roles: ['boss'] } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.field).toBe('roles.0');
    const shortPassword = await t.request(admin, { method: 'POST', url: '/api/staff', payload: { ...base, username: 'newbie', password: 'short' } });
    expect(shortPassword.body.field).toBe('password');
    const noRoles = await t.request(admin, { method: 'POST', url: '/api/staff', payload: { ...base, username: 'newbie', roles: [] } });
    expect(noRoles.body.field).toBe('roles');
    expect(await t.count('staff')).toBe(before);
  });

  it('deactivating an account ends its sessions and its API tokens, and login fails', async () => {
    const admin = await t.login('admin');
    const created = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'temp.agent', name: '临时客服', password: 'temp-pass-1', roles: ['agent'], projectIds: [t.a.projects.CUIHU!.id] },
    });
    const id = created.body.id;
    const login = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'temp.agent', password: 'temp-pass-1' } });
    const token = login.body.token;
    expect((await t.request(token, { method: 'GET', url: '/api/cases' })).status).toBe(200);
    const apiToken = (await t.request(token, { method: 'POST', url: '/api/api-tokens', payload: { name: '临时集成' } })).body.token;
    expect((await t.request(apiToken, { method: 'GET', url: '/api/cases' })).status).toBe(200);

    const off = await t.request(admin, { method: 'PATCH', url: `/api/staff/${id}`, payload: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    for (const tk of [token, apiToken]) {
      const res = await t.request(tk, { method: 'GET', url: '/api/auth/me' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    const again = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'temp.agent', password: 'temp-pass-1' } });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('LOGIN_FAILED');
    // and the account can no longer be given work
    const c = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'suggestion', channel: 'hotline', description: '建议' },
    });
    const reassign = await t.request(await t.login('agent1'), {
      method: 'POST',
      url: `/api/cases/${c.body.case.id}/commands`,
      payload: { command: { type: 'reassign', assigneeId: id } },
    });
    expect(reassign.body.code).toBe('STAFF_NOT_IN_SCOPE');

    // reactivated, the same password works again
    expect((await t.request(admin, { method: 'PATCH', url: `/api/staff/${id}`, payload: { active: true } })).body.active).toBe(true);
    expect((await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'temp.agent', password: 'temp-pass-1' } })).status).toBe(200);
  });

  it('an administrator cannot deactivate themselves or drop their own staff administration (409 SELF_LOCKOUT, nothing changes)', async () => {
    const admin = await t.login('admin');
    const me = t.a.staff.admin!;
    const before = await t.fingerprint();
    const off = await t.request(admin, { method: 'PATCH', url: `/api/staff/${me}`, payload: { active: false } });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ code: 'SELF_LOCKOUT', field: 'active' });
    expect(off.body.message).toMatch(/[\u4e00-\u9fff]/);
    const demoted = await t.request(admin, { method: 'PATCH', url: `/api/staff/${me}`, payload: { roles: ['agent'] }, headers: { 'accept-language': 'en' } });
    expect(demoted.status).toBe(409);
    expect(demoted.body).toMatchObject({ code: 'SELF_LOCKOUT', field: 'roles' });
    expect(demoted.body.message).toContain('another administrator');
    expect(await t.fingerprint()).toBe(before);
    // editing one's own name is fine, and so is keeping the admin role among others
    expect((await t.request(admin, { method: 'PATCH', url: `/api/staff/${me}`, payload: { roles: ['admin', 'quality_officer'] } })).status).toBe(200);
    expect((await t.request(admin, { method: 'PATCH', url: `/api/staff/${me}`, payload: { roles: ['admin'] } })).status).toBe(200);
  });

  it('role changes take effect on the next request', async () => {
    const admin = await t.login('admin');
    const created = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'promoted', name: '待提拔', password: 'promo-pass-1', roles: ['agent'], projectIds: [t.a.projects.CUIHU!.id] },
    });
    const token = (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'promoted', password: 'promo-pass-1' } })).body.token;
    const z = t.a.owners.zhangwei!.id;
    const reveal = () => t.request(token, { method: 'POST', url: `/api/owners/${z}/reveal`, payload: { field: 'idNumber', reason: '核实身份' } });
    expect((await reveal()).status).toBe(403);
    const patched = await t.request(admin, { method: 'PATCH', url: `/api/staff/${created.body.id}`, payload: { roles: ['service_supervisor'] } });
    expect(patched.body.roles).toEqual(['service_supervisor']);
    expect((await reveal()).status).toBe(200);
    await t.request(admin, { method: 'PATCH', url: `/api/staff/${created.body.id}`, payload: { projectIds: [t.a.projects.BINJIANG!.id] } });
    expect(codes((await t.request(token, { method: 'GET', url: '/api/projects' })).body)).toEqual(['BINJIANG']);
    expect((await reveal()).status).toBe(404);
  });

  it('a project admin (not company-wide) cannot grant company-wide access or projects outside their own', async () => {
    const admin = await t.login('admin');
    const cuihu = t.a.projects.CUIHU!.id;
    const binjiang = t.a.projects.BINJIANG!.id;
    const created = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'cuihu.admin', name: '翠湖系统管理员', password: 'cuihu-admin-1', roles: ['admin'], projectIds: [cuihu] },
    });
    expect(created.status).toBe(201);
    expect(created.body.companyWide).toBe(false);
    const local = (await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'cuihu.admin', password: 'cuihu-admin-1' } })).body
      .token;
    const before = await t.count('staff');

    const wide = await t.request(local, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'wide.one', name: '越权', password: 'wide-pass-1', roles: ['agent'], companyWide: true },
    });
    expect(wide.status).toBe(403);
    expect(wide.body).toMatchObject({ code: 'FORBIDDEN', field: 'companyWide' });
    const otherProject = await t.request(local, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'bj.one', name: '越权', password: 'wide-pass-1', roles: ['agent'], projectIds: [binjiang] },
    });
    expect(otherProject.status).toBe(404);
    expect(otherProject.body).toMatchObject({ code: 'PROJECT_NOT_FOUND', field: 'projectIds.0' });
    expect(await t.count('staff')).toBe(before);

    // nor by editing: not for others, not for themselves
    const self = await t.request(local, { method: 'PATCH', url: `/api/staff/${created.body.id}`, payload: { companyWide: true } });
    expect(self.status).toBe(403);
    expect(self.body.field).toBe('companyWide');
    const agent1 = await t.request(local, { method: 'PATCH', url: `/api/staff/${t.a.staff.agent1}`, payload: { companyWide: true } });
    expect(agent1.status).toBe(403);
    expect((await t.request(local, { method: 'PATCH', url: `/api/staff/${created.body.id}`, payload: { projectIds: [cuihu, binjiang] } })).status).toBe(404);
    // staff outside their scope (BINJIANG, company-wide) are not found
    expect((await t.request(local, { method: 'PATCH', url: `/api/staff/${t.a.staff.agent2}`, payload: { active: false } })).status).toBe(404);
    expect((await t.request(local, { method: 'PATCH', url: `/api/staff/${t.a.staff.admin}`, payload: { active: false } })).status).toBe(404);
    expect(ids((await t.request(local, { method: 'GET', url: '/api/staff' })).body)).not.toContain(t.a.staff.agent2);
    // nor create projects or company-level departments
    expect((await t.request(local, { method: 'POST', url: '/api/projects', payload: { code: 'MINE', name: 'x' } })).status).toBe(403);
    expect((await t.request(local, { method: 'POST', url: '/api/departments', payload: { code: 'HQ-X', name: 'x', kind: 'other' } })).status).toBe(403);
    expect((await t.request(local, { method: 'PATCH', url: `/api/departments/${t.a.departments.QUALITY}`, payload: { name: 'x' } })).status).toBe(403);
    expect((await t.request(local, { method: 'POST', url: `/api/projects/${binjiang}/buildings`, payload: { code: 'B9', name: 'x' } })).status).toBe(404);

    // within their project they do administer
    const ok = await t.request(local, {
      method: 'POST',
      url: '/api/staff',
      payload: {
        username: 'cuihu.tech3',
        name: '维修员周杰',
        password: 'tech3-pass-1',
        roles: ['technician'],
        projectIds: [cuihu],
        departmentId: t.a.departments['ENG-CUIHU'],
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ roles: ['technician'], projectIds: [cuihu], companyWide: false });
    expect((await t.request(local, { method: 'POST', url: `/api/projects/${cuihu}/buildings`, payload: { code: 'B3', name: '3栋' } })).status).toBe(201);
    // they staff only their projects' departments: not BINJIANG's, not the company's quality department
    const beforeDept = await t.count('staff');
    for (const departmentId of [t.a.departments['ENG-BINJIANG'], t.a.departments.QUALITY]) {
      const res = await t.request(local, {
        method: 'POST',
        url: '/api/staff',
        payload: { username: `dept.${departmentId!.slice(0, 6)}`, name: '越权', password: 'dept-pass-1', roles: ['agent'], projectIds: [cuihu], departmentId },
      });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND', field: 'departmentId' });
      expect((await t.request(local, { method: 'PATCH', url: `/api/staff/${ok.body.id}`, payload: { departmentId } })).body.code).toBe('DEPARTMENT_NOT_FOUND');
    }
    expect(await t.count('staff')).toBe(beforeDept);
    // an account that also works in BINJIANG is visible to them but not theirs to change
    const shared = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'shared.rep', name: '两处兼职', password: 'shared-pass-1', roles: ['agent'], projectIds: [cuihu, binjiang] },
    });
    expect(shared.status).toBe(201);
    const edit = await t.request(local, { method: 'PATCH', url: `/api/staff/${shared.body.id}`, payload: { roles: ['office_manager'] } });
    expect(edit.status).toBe(403);
    expect((await t.request(local, { method: 'POST', url: `/api/staff/${shared.body.id}/password`, payload: { password: 'taken-over-1' } })).status).toBe(403);
    expect((await t.request(local, { method: 'POST', url: '/api/api-tokens', payload: { name: '代发', staffId: shared.body.id } })).status).toBe(403);
    expect(
      (await t.request(admin, { method: 'GET', url: `/api/staff?projectId=${binjiang}` })).body.find((x: { id: string }) => x.id === shared.body.id).roles,
    ).toEqual(['agent']);
    // and the company admin can still grant company-wide access
    const wideOk = await t.request(admin, {
      method: 'POST',
      url: '/api/staff',
      payload: { username: 'quality2', name: '品质专员', password: 'quality-pass-1', roles: ['quality_officer'], companyWide: true },
    });
    expect(wideOk.status).toBe(201);
    expect(wideOk.body.companyWide).toBe(true);
  });

  it('only admins administer staff; another tenant’s staff are not found', async () => {
    const manager = await t.login('manager1');
    expect(
      (await t.request(manager, { method: 'POST', url: '/api/staff', payload: { username: 'mgr.hire', name: 'x', password: 'mgr-pass-12', roles: ['agent'] } }))
        .status,
    ).toBe(403);
    expect((await t.request(manager, { method: 'PATCH', url: `/api/staff/${t.a.staff.agent1}`, payload: { active: false } })).status).toBe(403);
    const bAdmin = await t.login('b_admin');
    const res = await t.request(bAdmin, { method: 'PATCH', url: `/api/staff/${t.a.staff.agent1}`, payload: { active: false } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('STAFF_NOT_FOUND');
    expect(ids((await t.request(bAdmin, { method: 'GET', url: '/api/staff' })).body)).not.toContain(t.a.staff.agent1);
    expect((await t.request(await t.login('agent1'), { method: 'GET', url: '/api/auth/me' })).status).toBe(200);
  });
});
