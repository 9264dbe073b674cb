import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../src/security/totp.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Issue 9, accounts and sign-in: the password policy, changing and resetting passwords (and what that
 * ends), lockout per (login, source), the per-address rate limit and the per-login throttle, and
 * two-step verification. Every rule through HTTP on a real database (SQLite, or PostgreSQL with
 * GUANJIA_TEST_DB=postgres).
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const PASSWORD = 'guanjia-demo';
type Opts = { code?: string; from?: string; lang?: string };
const login = (username: string, password = PASSWORD, o: Opts = {}) =>
  t.request(null, {
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(o.code ? { code: o.code } : {}) },
    remoteAddress: o.from ?? '127.0.0.1',
    headers: o.lang ? { 'accept-language': o.lang } : {},
  });
const me = (token: string) => t.request(token, { method: 'GET', url: '/api/auth/me' });
const staffRow = async (username: string) => t.deps.database.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();

describe('password policy (at least 10 characters, not the username, not a common password)', () => {
  const create = async (password: string, lang = 'zh-CN', username = 'newagent') =>
    t.request(await t.login('admin'), {
      method: 'POST',
      url: '/api/staff',
      headers: { 'accept-language': lang },
      payload: { username, name: '新客服', password, roles: ['agent'], projectIds: [t.a.projects.CUIHU!.id], companyWide: false },
    });

  it('refuses each rule with its own code, naming the field, in zh-CN and English, and creates nothing', async () => {
    await t.login('admin');
    const before = await t.fingerprint();
    const short = await create('abc12345');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'password' });
    expect(short.body.message).toContain('10');
    const asName = await create('LongUserName1', 'zh-CN', 'longusername1');
    expect(asName.body).toMatchObject({ code: 'PASSWORD_SAME_AS_USERNAME', field: 'password' });
    const common = await create('1234567890');
    expect(common.body).toMatchObject({ code: 'PASSWORD_TOO_COMMON', field: 'password' });
    const commonEn = await create('1234567890', 'en');
    expect(commonEn.body.message).toMatch(/too common/);
    expect(common.body.message).toMatch(/常见/);
    expect(await t.fingerprint()).toBe(before);
    const ok = await create('a-long-enough-phrase');
    expect(ok.status).toBe(201);
  });

  it('applies to owner portal passwords set by staff', async () => {
    const res = await t.request(await t.login('agent1'), { method: 'PATCH', url: `/api/owners/${t.a.owners.lina!.id}`, payload: { portalPassword: 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('portalPassword');
  });
});

describe('changing one’s own password', () => {
  it('needs the current password; ends every other session and API token of the account, keeps this one', async () => {
    const here = (await login('agent2')).body.token as string;
    const elsewhere = (await login('agent2')).body.token as string;
    const apiToken = (await t.request(here, { method: 'POST', url: '/api/api-tokens', payload: { name: '集成' } })).body.token as string;
    expect((await me(apiToken)).status).toBe(200);

    const wrong = await t.request(here, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-brand-new-phrase' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', field: 'currentPassword' });
    const weak = await t.request(here, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: PASSWORD, newPassword: 'agent2' } });
    expect(weak.body).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'newPassword' });
    expect((await me(elsewhere)).status).toBe(200); // refused changes end nothing

    const changed = await t.request(here, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'a-brand-new-phrase' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ endedSessions: 1, revokedApiTokens: 1 });
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await me(apiToken)).status).toBe(401);
    expect((await login('agent2')).status).toBe(401);
    expect((await login('agent2', 'a-brand-new-phrase')).status).toBe(200);
  });

  it('through the staff route too: one’s own password needs currentPassword', async () => {
    const token = (await login('tech2')).body.token as string;
    const missing = await t.request(token, { method: 'POST', url: `/api/staff/${t.a.staff.tech2}/password`, payload: { password: 'another-long-phrase' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'FIELD_REQUIRED', field: 'currentPassword' });
    const ok = await t.request(token, {
      method: 'POST',
      url: `/api/staff/${t.a.staff.tech2}/password`,
      payload: { password: 'another-long-phrase', currentPassword: PASSWORD },
    });
    expect(ok.status).toBe(204);
  });
});

describe('an administrator’s reset', () => {
  it('ends the account’s sessions and tokens at once and forces a change at next sign-in', async () => {
    const victim = (await login('frontdesk1')).body.token as string;
    const apiToken = (await t.request(victim, { method: 'POST', url: '/api/api-tokens', payload: { name: 'x' } })).body.token as string;
    expect((await me(victim)).status).toBe(200); // cached actor
    const reset = await t.request(await t.login('admin'), {
      method: 'POST',
      url: `/api/staff/${t.a.staff.frontdesk1}/password`,
      payload: { password: 'temporary-secret-1' },
    });
    expect(reset.status).toBe(204);
    expect((await me(victim)).status).toBe(401);
    expect((await me(apiToken)).status).toBe(401);

    const fresh = await login('frontdesk1', 'temporary-secret-1');
    expect(fresh.status).toBe(200);
    expect(fresh.body.me.setupPending).toEqual(['change_password']);
    const token = fresh.body.token as string;
    const blocked = await t.request(token, { method: 'GET', url: '/api/cases' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await me(token)).body.setupPending).toEqual(['change_password']);
    const changed = await t.request(token, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'temporary-secret-1', newPassword: 'my-own-new-phrase' },
    });
    expect(changed.status).toBe(200);
    expect((await me(token)).body.setupPending).toEqual([]);
    expect((await t.request(token, { method: 'GET', url: '/api/cases' })).status).toBe(200);
  });

  it('deactivating an account ends its sessions at once', async () => {
    const token = (await login('archivist1')).body.token as string;
    expect((await me(token)).status).toBe(200);
    const off = await t.request(await t.login('admin'), { method: 'PATCH', url: `/api/staff/${t.a.staff.archivist1}`, payload: { active: false } });
    expect(off.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    expect(await t.count('sessions')).toBeGreaterThan(0);
    const left = await t.deps.database.db.selectFrom('sessions').select('tokenHash').where('actorId', '=', t.a.staff.archivist1).execute();
    expect(left).toEqual([]);
  });
});

describe('lockout per (login, source): a stranger cannot lock a real agent out', () => {
  it('five failures lock that source only; the agent signs in from their own address', async () => {
    for (let i = 0; i < 5; i++) expect((await login('agent1', `wrong-${i}`, { from: '10.9.9.9' })).body.code).toBe('LOGIN_FAILED');
    const locked = await login('agent1', PASSWORD, { from: '10.9.9.9' });
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect((await login('agent1', PASSWORD, { from: '127.0.0.1' })).status).toBe(200);
    t.advance(16);
    expect((await login('agent1', PASSWORD, { from: '10.9.9.9' })).status).toBe(200);
  });

  it('known and unknown logins answer alike: the same failures, the same lock, the same bodies', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      known.push((await login('steward1', `nope-${i}`, { from: '10.1.1.1' })).body);
      unknown.push((await login('no-such-user', `nope-${i}`, { from: '10.1.1.1' })).body);
    }
    expect(unknown).toEqual(known);
    expect((known[5] as { code: string }).code).toBe('ACCOUNT_LOCKED');
  });

  it('known and unknown logins take about the same time (the password hash runs for both)', async () => {
    const time = async (username: string) => {
      const start = process.hrtime.bigint();
      await login(username, 'wrong-password', { from: `10.2.0.${Math.floor(Math.random() * 200)}` });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time('manager1'));
      unknown.push(await time(`ghost-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [k, u] = [median(known), median(unknown)];
    // scrypt dominates both (tens of ms); the known path adds one audit row
    expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.5);
  });
});

describe('rate limits', () => {
  it('per address: past the limit, 429 with the error shape and Retry-After', async () => {
    const limited = await createTestContext({ limits: { signInPerIpPerMinute: 3 } });
    try {
      const attempt = () =>
        limited.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent1', password: 'x' }, remoteAddress: '10.3.3.3' });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
      const res = await attempt();
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not held back
      expect(
        (
          await limited.request(null, {
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'agent1', password: PASSWORD },
            remoteAddress: '10.4.4.4',
          })
        ).status,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  }, 90_000); // each makes a fresh database of its own inside the test: as long as a hook may take, and more under load

  it('per login: failures spread over many addresses slow down new addresses, never a familiar one', async () => {
    const limited = await createTestContext({ limits: { signInFailuresPerLogin: 3 } });
    try {
      const attempt = (password: string, from: string) =>
        limited.request(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'agent1', password }, remoteAddress: from });
      expect((await attempt(PASSWORD, '10.5.0.1')).status).toBe(200); // the agent's own desk
      for (let i = 0; i < 3; i++) expect((await attempt('guess', `10.6.0.${i}`)).status).toBe(401);
      const held = await attempt('guess', '10.6.0.99');
      expect(held.status).toBe(429);
      expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(PASSWORD, '10.5.0.1')).status).toBe(200);
    } finally {
      await limited.close();
    }
  }, 90_000);
});

describe('two-step verification (TOTP, RFC 6238)', () => {
  it('enrol with a QR code, then sign-in asks for a code; a code works once; recovery codes work once', async () => {
    const token = (await login('enghead2')).body.token as string;
    const early = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/enable', payload: { code: '123456' } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TWO_FACTOR_NOT_STARTED');
    const setup = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/setup' });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    const secret = setup.body.secret as string;
    const wrong = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/enable', payload: { code: '000000' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'TWO_FACTOR_CODE_WRONG', field: 'code' });
    const enabled = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/enable', payload: { code: await totpCodeAt(secret, t.deps.now()) } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    const row = await staffRow('enghead2');
    expect(row?.totpSecret).toMatch(/^v1:/); // encrypted at rest with the field key
    expect(row?.totpSecret).not.toContain(secret);
    expect(row?.recoveryCodes).not.toContain(enabled.body.recoveryCodes[0]);

    t.advance(1);
    const noCode = await login('enghead2');
    expect(noCode.status).toBe(401);
    expect(noCode.body).toMatchObject({ code: 'TWO_FACTOR_REQUIRED', field: 'code' });
    expect(noCode.body).not.toHaveProperty('token');
    const code = await totpCodeAt(secret, t.deps.now());
    const ok = await login('enghead2', PASSWORD, { code });
    expect(ok.status).toBe(200);
    expect(ok.body.me.twoFactorEnabled).toBe(true);
    const replay = await login('enghead2', PASSWORD, { code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('TWO_FACTOR_INVALID');
    const recovery = enabled.body.recoveryCodes[3] as string;
    expect((await login('enghead2', PASSWORD, { code: recovery.toUpperCase() })).status).toBe(200);
    expect((await login('enghead2', PASSWORD, { code: recovery })).body.code).toBe('TWO_FACTOR_INVALID');
    // a wrong code with the wrong password says nothing about the code
    expect((await login('enghead2', 'wrong-password', { code: '123456' })).body.code).toBe('LOGIN_FAILED');

    // optional for an agent: it can be turned off with the password
    const offWrong = await t.request(ok.body.token, { method: 'POST', url: '/api/auth/two-factor/disable', payload: { password: 'nope-nope-nope' } });
    expect(offWrong.body).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', field: 'password' });
    expect((await t.request(ok.body.token, { method: 'POST', url: '/api/auth/two-factor/disable', payload: { password: PASSWORD } })).status).toBe(204);
    expect((await login('enghead2')).status).toBe(200);
  });

  it('is required for administrators outside the demo: until enrolled, only the enrolment answers', async () => {
    const org = t.b.organizationId;
    await t.deps.database.db.updateTable('organizations').set({ isDemo: 0 }).where('id', '=', org).execute();
    t.deps.actorCache?.clear();
    const signedIn = await login('b_admin');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me.setupPending).toEqual(['enrol_two_factor']);
    const token = signedIn.body.token as string;
    const blocked = await t.request(token, { method: 'GET', url: '/api/staff' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    const setup = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/setup' });
    const enabled = await t.request(token, {
      method: 'POST',
      url: '/api/auth/two-factor/enable',
      payload: { code: await totpCodeAt(setup.body.secret, t.deps.now()) },
    });
    expect(enabled.status).toBe(200);
    expect((await t.request(token, { method: 'GET', url: '/api/staff' })).status).toBe(200);
    const off = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/disable', payload: { password: PASSWORD } });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('TWO_FACTOR_MANDATORY');
    // other staff of that company stay free to choose
    expect((await login('b_agent1')).body.me.setupPending).toEqual([]);
  });
});
