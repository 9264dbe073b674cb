import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const PASSWORD = 'guanjia-demo';
const login = (username: string, password = PASSWORD) => t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (token: string) => t.request(token, { method: 'GET', url: '/api/auth/me' });
const withCookie = (cookie: string, opts: { method: 'GET' | 'POST'; url: string }) => t.request(null, { ...opts, headers: { cookie } });

describe('staff login', () => {
  it('returns a session token and who I am, and sets the gj_session cookie', async () => {
    const res = await login('agent1');
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^gjs_/);
    expect(res.body.expiresAt).toBe('2026-11-25T10:00:00.000Z'); // 8 h idle timeout
    expect(res.body.me).toMatchObject({
      kind: 'staff',
      id: t.a.staff.agent1,
      organizationId: t.a.organizationId,
      name: '客服专员陈静',
      roles: ['agent'],
      companyWide: false,
      departmentId: t.a.departments['SC-CUIHU'],
      projectIds: [t.a.projects.CUIHU!.id],
    });
    expect(res.body.me.capabilities).toEqual([...res.body.me.capabilities].sort());
    expect(res.body.me.capabilities).toEqual(expect.arrayContaining(['case.create', 'owner.read']));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`gj_session=${res.body.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const who = await me(res.body.token);
    expect(who.status).toBe(200);
    expect(who.body).toEqual(res.body.me);
    const audit = await t.request(await t.login('admin'), { method: 'GET', url: `/api/audit-log?action=login&limit=500` });
    expect(audit.body.some((e: { actorId: string }) => e.actorId === t.a.staff.agent1)).toBe(true);
  });

  it('wrong password and unknown user are the same 401 LOGIN_FAILED', async () => {
    const wrong = await login('agent2', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'LOGIN_FAILED', status: 401 });
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).not.toHaveProperty('token');
    const unknown = await login('nobody-here', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('LOGIN_FAILED');
    expect(unknown.body.message).toBe(wrong.body.message);
    const en = await t.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent2', password: 'nope' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.message).not.toBe(wrong.body.message);
    // usernames of the other tenant do not cross over with our passwords
    expect((await login('b_agent1')).status).toBe(200);
    const missing = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent2' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'password' });
  });

  it('five wrong passwords lock the account for 15 minutes, even for the right password; then it works again', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await login('steward1', `wrong-${i}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('LOGIN_FAILED');
    }
    const locked = await login('steward1');
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body).not.toHaveProperty('token');
    expect((await login('steward1', 'wrong-again')).body.code).toBe('ACCOUNT_LOCKED');
    // other accounts are not affected
    expect((await login('frontdesk1')).status).toBe(200);
    t.advance(14);
    expect((await login('steward1')).body.code).toBe('ACCOUNT_LOCKED');
    t.advance(2);
    const ok = await login('steward1');
    expect(ok.status).toBe(200);
    expect(ok.body.me.id).toBe(t.a.staff.steward1);
    const admin = await t.login('admin');
    const audit = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=login.locked` });
    expect(audit.body.map((e: { actorId: string }) => e.actorId)).toContain(t.a.staff.steward1);
  });

  it('a successful login resets the failure count', async () => {
    for (let i = 0; i < 4; i++) expect((await login('enghead2', 'wrong')).status).toBe(401);
    expect((await login('enghead2')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('enghead2', 'wrong')).status).toBe(401);
    expect((await login('enghead2')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session: the token is refused afterwards', async () => {
    const token = (await login('agent1')).body.token;
    expect((await me(token)).status).toBe(200);
    const out = await t.request(token, { method: 'POST', url: '/api/auth/logout' });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/gj_session=;.*Max-Age=0/);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await t.request(token, { method: 'GET', url: '/api/cases' })).status).toBe(401);
    // other sessions of the same account live on
    expect((await me(await t.login('agent1'))).status).toBe(200);
  });

  it('the gj_session cookie works like the bearer header, and logging out with it ends the session', async () => {
    const res = await login('supervisor1');
    const cookie = `theme=dark; gj_session=${res.body.token}`;
    const who = await withCookie(cookie, { method: 'GET', url: '/api/auth/me' });
    expect(who.status).toBe(200);
    expect(who.body.id).toBe(t.a.staff.supervisor1);
    expect((await withCookie(cookie, { method: 'GET', url: '/api/cases' })).status).toBe(200);
    expect((await withCookie('gj_session=gjs_forged', { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
    const out = await withCookie(cookie, { method: 'POST', url: '/api/auth/logout' });
    expect(out.status).toBe(204);
    expect((await withCookie(cookie, { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
    expect((await me(res.body.token)).status).toBe(401);
  });

  it('no token, a malformed header or a forged token is 401', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Basic YWdlbnQxOmRlbW8xMjM0' },
      { authorization: 'Bearer gjs_not-a-real-token' },
      { authorization: 'Bearer gjt_not-a-real-token' },
    ]) {
      const res = await t.request(null, { method: 'GET', url: '/api/cases', headers });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.request(null, { method: 'GET', url: '/api/health' })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('create (shown once, gjt_…), use as Bearer, list without the secret, revoke → 401', async () => {
    const agent = await t.login('agent1');
    const created = await t.request(agent, { method: 'POST', url: '/api/api-tokens', payload: { name: '呼叫中心集成' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '呼叫中心集成', staffId: t.a.staff.agent1, revokedAt: null, lastUsedAt: null });
    expect(created.body.token).toMatch(/^gjt_.{20,}/);
    expect(created.body).not.toHaveProperty('tokenHash');
    const secret = created.body.token;

    const cases = await t.request(secret, { method: 'GET', url: '/api/cases' });
    expect(cases.status).toBe(200);
    expect(cases.body).toHaveProperty('items');
    expect((await me(secret)).body).toMatchObject({ kind: 'staff', id: t.a.staff.agent1 });
    const made = await t.request(secret, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'email', description: '集成创建的工单' },
    });
    expect(made.status).toBe(201);
    expect(made.body.case.firstReceiverId).toBe(t.a.staff.agent1);

    const list = await t.request(agent, { method: 'GET', url: '/api/api-tokens' });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, name: '呼叫中心集成', staffId: t.a.staff.agent1, revokedAt: null })]);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(4, 20));
    expect(list.body[0]).not.toHaveProperty('token');
    expect(list.body[0]).not.toHaveProperty('tokenHash');
    // stored hashed, not in clear
    const rows = await (t.deps.database.db as any).selectFrom('apiTokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);

    const revoked = await t.request(agent, { method: 'DELETE', url: `/api/api-tokens/${created.body.id}` });
    expect(revoked.status).toBe(204);
    const after = await t.request(secret, { method: 'GET', url: '/api/cases' });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await t.request(agent, { method: 'GET', url: '/api/api-tokens' })).body[0].revokedAt).toBe('2026-11-25T02:16:00.000Z');
  });

  it('only staff admins make or revoke tokens for others; an API token cannot be logged out of', async () => {
    const agent = await t.login('agent1');
    const agent2 = await t.login('agent2');
    const admin = await t.login('admin');
    const forOther = await t.request(agent, { method: 'POST', url: '/api/api-tokens', payload: { name: '越权', staffId: t.a.staff.agent2 } });
    expect(forOther.status).toBe(403);
    const byAdmin = await t.request(admin, { method: 'POST', url: '/api/api-tokens', payload: { name: '报表同步', staffId: t.a.staff.agent2 } });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.staffId).toBe(t.a.staff.agent2);
    expect((await me(byAdmin.body.token)).body.id).toBe(t.a.staff.agent2);
    // agent1 neither sees nor revokes agent2's token
    expect((await t.request(agent, { method: 'GET', url: '/api/api-tokens' })).body.map((x: { id: string }) => x.id)).not.toContain(byAdmin.body.id);
    const steal = await t.request(agent, { method: 'DELETE', url: `/api/api-tokens/${byAdmin.body.id}` });
    expect(steal.status).toBe(404);
    expect((await me(byAdmin.body.token)).status).toBe(200);
    // the owner of the token sees it; the admin sees all
    expect((await t.request(agent2, { method: 'GET', url: '/api/api-tokens' })).body.map((x: { id: string }) => x.id)).toContain(byAdmin.body.id);
    expect((await t.request(admin, { method: 'GET', url: '/api/api-tokens' })).body.map((x: { id: string }) => x.id)).toContain(byAdmin.body.id);
    // another tenant's admin cannot see or revoke it, nor mint one for our staff
    const bAdmin = await t.login('b_admin');
    expect((await t.request(bAdmin, { method: 'GET', url: '/api/api-tokens' })).body.map((x: { id: string }) => x.id)).not.toContain(byAdmin.body.id);
    expect((await t.request(bAdmin, { method: 'DELETE', url: `/api/api-tokens/${byAdmin.body.id}` })).status).toBe(404);
    expect((await t.request(bAdmin, { method: 'POST', url: '/api/api-tokens', payload: { name: 'x', staffId: t.a.staff.agent2 } })).status).toBe(404);
    // the admin revokes it
    expect((await t.request(admin, { method: 'DELETE', url: `/api/api-tokens/${byAdmin.body.id}` })).status).toBe(204);
    expect((await me(byAdmin.body.token)).status).toBe(401);
  });
});

describe('owners in the portal', () => {
  it('an owner logs in to the portal; /api/auth/me says kind owner', async () => {
    const z = t.a.owners.zhangwei!;
    const res = await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: z.portalLogin, password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^gjs_/);
    expect(res.body.me).toEqual({
      kind: 'owner',
      id: z.id,
      organizationId: t.a.organizationId,
      name: '张伟',
      roles: [],
      departmentId: null,
      projectIds: [],
      companyWide: false,
      capabilities: [],
      setupPending: [],
      twoFactorEnabled: false,
    });
    const who = await me(res.body.token);
    expect(who.status).toBe(200);
    expect(who.body.kind).toBe('owner');
    expect(who.body.id).toBe(z.id);
    const wrong = await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: z.portalLogin, password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('LOGIN_FAILED');
    // staff usernames are not portal logins, and portal logins are not staff usernames
    expect((await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: 'agent1', password: PASSWORD } })).status).toBe(401);
    expect((await login(z.portalLogin)).status).toBe(401);
  });

  it('an owner token cannot call staff endpoints (403)', async () => {
    const owner = await t.ownerLogin(t.a.owners.lina!.portalLogin);
    const calls: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: unknown }[] = [
      { method: 'GET', url: '/api/owners' },
      { method: 'GET', url: `/api/owners/${t.a.owners.lina!.id}` },
      { method: 'POST', url: '/api/move-ins', payload: { unitId: t.a.owners.lina!.unitId, moveInDate: '2026-11-25', owner: { name: '冒名' } } },
      { method: 'GET', url: '/api/projects' },
      { method: 'GET', url: '/api/departments' },
      { method: 'GET', url: '/api/staff' },
      { method: 'PATCH', url: `/api/staff/${t.a.staff.agent1}`, payload: { active: false } },
      { method: 'GET', url: '/api/api-tokens' },
      { method: 'POST', url: '/api/api-tokens', payload: { name: '业主的令牌' } },
      { method: 'GET', url: '/api/audit-log' },
    ];
    for (const call of calls) {
      const res = await t.request(owner, call as never);
      expect(res.status, `${call.method} ${call.url}`).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // what owners may do still works
    expect((await t.request(owner, { method: 'GET', url: '/api/cases' })).status).toBe(200);
    expect((await me(await t.login('agent1'))).status).toBe(200);
    // and the owner can log out
    expect((await t.request(owner, { method: 'POST', url: '/api/auth/logout' })).status).toBe(204);
    expect((await me(owner)).status).toBe(401);
  });
});

describe('the API describes itself', () => {
  it('GET /api/openapi.json needs no login and lists the case and move-in endpoints', async () => {
    const res = await t.request(null, { method: 'GET', url: '/api/openapi.json' });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toContain('Guanjia');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}/commands', '/api/move-ins', '/api/owners/{id}/reveal', '/api/auth/login', '/api/attachments']),
    );
    expect(res.body.paths['/api/move-ins'].post.requestBody).toBeTruthy();
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('GET /docs/ serves the HTML explorer without login', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/docs' });
    for (let hops = 0; hops < 3 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      const location = String(res.headers.location);
      res = await t.app.inject({ method: 'GET', url: location.startsWith('/') ? location : `/docs/${location.replace(/^\.\//, '')}` });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/<html/i);
    const direct = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(direct.statusCode).toBe(200);
    expect(direct.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('session idle timeout', () => {
  it('a session unused for longer than the idle timeout is refused; use keeps it alive', async () => {
    const idle = (await login('archivist1')).body.token;
    const busy = (await login('manager1')).body.token;
    for (let i = 0; i < 3; i++) {
      t.advance(4 * 60);
      t.deps.actorCache?.clear(); // hours pass: the few-seconds actor cache has long expired
      expect((await me(busy)).status).toBe(200);
    }
    const res = await me(idle);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('owner portal lockout', () => {
  it('five wrong portal passwords lock the owner out for 15 minutes; the attempts are audited', async () => {
    const w = t.a.owners.wangfang!;
    const portal = (password: string) => t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: w.portalLogin, password } });
    for (let i = 0; i < 5; i++) expect((await portal(`wrong-${i}`)).body.code).toBe('LOGIN_FAILED');
    const locked = await portal(PASSWORD);
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message).toContain('15');
    t.advance(16);
    const ok = await portal(PASSWORD);
    expect(ok.status).toBe(200);
    // the count starts again from zero after a successful login
    for (let i = 0; i < 4; i++) await portal(`wrong-${i}`);
    expect((await portal(PASSWORD)).status).toBe(200);
    const admin = (await login('admin')).body.token; // a new session: earlier tests moved the clock past cached ones
    const audit = await t.request(admin, { method: 'GET', url: '/api/audit-log?action=login.locked' });
    expect(audit.status).toBe(200);
    expect(audit.body.some((e: { actorKind: string; actorId: string }) => e.actorKind === 'owner' && e.actorId === w.id)).toBe(true);
  });
});

describe('the portal knows the owner’s units', () => {
  it('GET /api/portal/units lists the owner’s own units with their projects; staff get 403, nobody 401', async () => {
    const z = t.a.owners.zhangwei!;
    const owner = (await t.request(null, { method: 'POST', url: '/api/portal/login', payload: { login: z.portalLogin, password: PASSWORD } })).body.token;
    const res = await t.request(owner, { method: 'GET', url: '/api/portal/units' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        unitId: z.unitId,
        projectId: t.a.projects.CUIHU!.id,
        projectName: expect.any(String),
        unitCode: '101',
        relation: 'owner',
        timeZone: 'Asia/Shanghai',
      }),
    ]);
    expect((await t.request((await login('agent1')).body.token, { method: 'GET', url: '/api/portal/units' })).status).toBe(403);
    expect((await t.request(null, { method: 'GET', url: '/api/portal/units' })).status).toBe(401);
  });
});
