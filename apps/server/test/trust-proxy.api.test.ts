import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '../src/index.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * X-Forwarded-For is believed only from the proxies named in GUANJIA_TRUST_PROXY: by default the
 * socket's address (app.inject: 127.0.0.1) is what the audit log records, whatever a client claims.
 */
let t: TestContext;
let behindProxy: FastifyInstance;
beforeAll(async () => {
  t = await createTestContext();
  // the same database and services, the app told that 127.0.0.1 is our reverse proxy
  behindProxy = await buildApp({ ...t.deps, trustProxy: ['127.0.0.1'], actorCache: undefined, live: undefined });
});
afterAll(async () => {
  await behindProxy?.close();
  await t?.close();
});

async function loginIp(app: FastifyInstance, username: string, headers: Record<string, string>) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD }, headers });
  expect(res.statusCode).toBe(200);
  const rows = await sql<{
    ip: string | null;
  }>`select ip from audit_log where action = 'login' and actor_id = ${t.a.staff[username]!} order by at desc limit 1`.execute(t.deps.database.db);
  return rows.rows[0]?.ip ?? null;
}

describe('the client address in the audit log', () => {
  it('by default a forged X-Forwarded-For is ignored: the socket address is written', async () => {
    expect(await loginIp(t.app, 'tech2', { 'x-forwarded-for': '6.6.6.6' })).toBe('127.0.0.1');
  });

  it('behind a named proxy its X-Forwarded-For is the client address', async () => {
    expect(await loginIp(behindProxy, 'enghead2', { 'x-forwarded-for': '6.6.6.6' })).toBe('6.6.6.6');
  });

  it('behind a named proxy a client cannot push an address through it (the last untrusted hop counts)', async () => {
    expect(await loginIp(behindProxy, 'manager2', { 'x-forwarded-for': '1.2.3.4, 6.6.6.6' })).toBe('6.6.6.6');
  });
});

describe('GUANJIA_TRUST_PROXY', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guanjia-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (value?: string) =>
    loadConfig({ GUANJIA_DATA_DIR: dataDir, GUANJIA_SECRET_KEY: 'ab'.repeat(32), ...(value === undefined ? {} : { GUANJIA_TRUST_PROXY: value }) });

  it('is off unless set', () => {
    expect(load().trustProxy).toBe(false);
    expect(load('').trustProxy).toBe(false);
    expect(load('false').trustProxy).toBe(false);
  });

  it('takes IP addresses, CIDR ranges and the named ranges, comma-separated', () => {
    expect(load('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback').trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it.each([
    ['true', /any client/],
    ['*', /any client/],
    ['2', /any client/],
    ['10.0.0.0/33', /"10\.0\.0\.0\/33" is not an IP address/],
    ['proxy.example.com', /"proxy\.example\.com" is not an IP address/],
    ['10.0.0.1;10.0.0.2', /is not an IP address/],
  ])('refuses %s with an error naming the variable', (value, reason) => {
    expect(() => load(value)).toThrow(/^Invalid environment variable GUANJIA_TRUST_PROXY: /);
    expect(() => load(value)).toThrow(reason);
  });
});
