import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@guanjia/core';
import { resetStaffPasswordFromCli, temporaryPassword } from '../src/services/cli-accounts.service.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/** `guanjia admin reset-password <username>`'s service, on the real app and database. */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const login = (username: string, password: string) => t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (token: string) => t.request(token, { method: 'GET', url: '/api/auth/me' });

describe('reset a staff password from the server command line', () => {
  it('a temporary password: lockout cleared, every session and API token of the account ended, others untouched, audited', async () => {
    const sessionA = (await login('supervisor1', DEMO_PASSWORD)).body.token as string;
    const sessionB = (await login('supervisor1', DEMO_PASSWORD)).body.token as string;
    const token = (await t.request(sessionA, { method: 'POST', url: '/api/api-tokens', payload: { name: 'wallboard' } })).body.token as string;
    const bystander = await t.login('agent1');
    for (let i = 0; i < 5; i++) await login('supervisor1', `wrong-${i}`);
    expect((await login('supervisor1', DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');

    const reset = await resetStaffPasswordFromCli(t.deps, 'supervisor1');
    expect(reset).toMatchObject({ staffId: t.a.staff.supervisor1, temporary: true, sessionsEnded: 2, tokensRevoked: 1, active: true });
    expect(reset.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    for (const old of [sessionA, sessionB, token]) expect((await me(old)).status).toBe(401);
    expect((await me(bystander)).status).toBe(200);
    expect((await login('supervisor1', DEMO_PASSWORD)).status).toBe(401);
    const fresh = await login('supervisor1', reset.password);
    expect(fresh.status).toBe(200);
    // the temporary password only lets them choose their own
    expect(fresh.body.me.setupPending).toEqual(['change_password']);
    expect((await t.request(fresh.body.token, { method: 'GET', url: '/api/cases' })).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const audit = await t.request(await t.login('admin'), {
      method: 'GET',
      url: `/api/audit-log?action=staff.password.reset&targetId=${t.a.staff.supervisor1}`,
    });
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ actorKind: 'system', actorId: null, detail: { via: 'cli', temporary: true, sessionsEnded: 2, tokensRevoked: 1 } });
  });

  it('a given password must keep the policy; refused, nothing changes', async () => {
    const session = await t.login('tech1');
    const before = await t.fingerprint();
    for (const [password, code] of [
      ['short', 'PASSWORD_TOO_SHORT'],
      ['TECH1', 'PASSWORD_TOO_SHORT'],
      ['1qaz2wsx3edc', 'PASSWORD_TOO_COMMON'],
    ] as const) {
      const error = await resetStaffPasswordFromCli(t.deps, 'tech1', password).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code, field: 'password' });
    }
    const named = await resetStaffPasswordFromCli(t.deps, 'archivist1', 'ARCHIVIST1').catch((e: unknown) => e);
    expect(named).toMatchObject({ code: 'PASSWORD_SAME_AS_USERNAME' });
    const asUsername = await resetStaffPasswordFromCli(t.deps, 'supervisor1', 'SUPERVISOR1').catch((e: unknown) => e);
    expect(asUsername).toMatchObject({ code: 'PASSWORD_SAME_AS_USERNAME', field: 'password' });
    expect(await t.fingerprint()).toBe(before);
    expect((await me(session)).status).toBe(200);
    expect((await login('tech1', DEMO_PASSWORD)).status).toBe(200);
  });

  it('--reset-two-factor also turns off two-step verification (a lost phone)', async () => {
    const token = await t.login('enghead1');
    const setup = await t.request(token, { method: 'POST', url: '/api/auth/two-factor/setup' });
    const { totpCodeAt } = await import('../src/security/totp.ts');
    expect(
      (await t.request(token, { method: 'POST', url: '/api/auth/two-factor/enable', payload: { code: await totpCodeAt(setup.body.secret, t.deps.now()) } }))
        .status,
    ).toBe(200);
    const kept = await resetStaffPasswordFromCli(t.deps, 'enghead1', 'a-phrase-from-the-cli');
    expect((await login('enghead1', 'a-phrase-from-the-cli')).body.code).toBe('TWO_FACTOR_REQUIRED');
    expect(kept.temporary).toBe(false);
    await resetStaffPasswordFromCli(t.deps, 'enghead1', 'another-cli-phrase', { resetTwoFactor: true });
    const signedIn = await login('enghead1', 'another-cli-phrase');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me.twoFactorEnabled).toBe(false);
  });

  it('an unknown username is STAFF_NOT_FOUND naming the username', async () => {
    await expect(resetStaffPasswordFromCli(t.deps, 'nobody-here')).rejects.toMatchObject({ code: 'STAFF_NOT_FOUND', field: 'username' });
  });

  it('temporary passwords are long, random, and keep the policy', () => {
    const seen = new Set(Array.from({ length: 200 }, () => temporaryPassword()));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toHaveLength(19);
  });
});
