import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp, loadConfig } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The request log (issue 11, item 7): by default a normal request writes no line, a failed (5xx) or
 * slow one writes exactly one, naming the route pattern but not the query; GUANJIA_LOG_REQUESTS=true
 * brings back a line per request.
 */
let t: TestContext;
let agent: string;
const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

async function appWith(requestLog: { everyRequest: boolean; slowMs: number }): Promise<FastifyInstance> {
  const app = await buildApp({ ...t.deps, logger: { level: 'info', stream }, requestLog, actorCache: undefined, live: undefined });
  // two routes of the test's own: one that takes its time, one that fails
  const options = { config: { public: true }, schema: { response: { 200: z.object({ ok: z.boolean() }) } } };
  app.get('/api/test-only/slow', options, async () => {
    await new Promise((resolve) => setTimeout(resolve, 1600));
    return { ok: true };
  });
  app.get('/api/test-only/fail', options, async () => {
    throw new Error('a bug');
  });
  return app;
}

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  agent = await t.login('agent1');
});
afterAll(async () => {
  await t.close();
});

describe('request log', () => {
  it('writes nothing for a normal request, one warn line for a slow one and one error line for a failed one (default)', async () => {
    const app = await appWith({ everyRequest: false, slowMs: 1500 });
    lines.length = 0;
    const ok = await app.inject({ method: 'GET', url: '/api/cases?q=13800001234', headers: { authorization: `Bearer ${agent}` } });
    expect(ok.statusCode).toBe(200);
    const denied = await app.inject({ method: 'GET', url: '/api/cases' });
    expect(denied.statusCode).toBe(401);
    expect(lines).toEqual([]);

    const slow = await app.inject({ method: 'GET', url: '/api/test-only/slow?phone=13800001234' });
    expect(slow.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'slow request', method: 'GET', route: '/api/test-only/slow', statusCode: 200 });
    expect(lines[0]!.responseTime).toBeGreaterThanOrEqual(1500);
    expect(JSON.stringify(lines[0])).not.toContain('13800001234');

    lines.length = 0;
    const failed = await app.inject({ method: 'GET', url: '/api/test-only/fail' });
    expect(failed.statusCode).toBe(500);
    const requestLines = lines.filter((l) => l.msg === 'request failed');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ level: 50, route: '/api/test-only/fail', statusCode: 500 });
    await app.close();
  });

  it('a threshold of 0 logs no slow request', async () => {
    const app = await appWith({ everyRequest: false, slowMs: 0 });
    lines.length = 0;
    expect((await app.inject({ method: 'GET', url: '/api/test-only/slow' })).statusCode).toBe(200);
    expect(lines).toEqual([]);
    await app.close();
  });

  it('logs every request at info when asked to', async () => {
    const app = await appWith({ everyRequest: true, slowMs: 1000 });
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${agent}` } });
    expect(lines.some((l) => l.msg === 'request completed' && l.level === 30)).toBe(true);
    await app.close();
  });

  it('is configured from the environment: off with a 1,000 ms threshold by default, and a bad value names the variable', () => {
    expect(loadConfig({ GUANJIA_SECRET_KEY: '0'.repeat(64) }).requestLog).toEqual({ everyRequest: false, slowMs: 1000 });
    expect(loadConfig({ GUANJIA_SECRET_KEY: '0'.repeat(64), GUANJIA_LOG_REQUESTS: 'true', GUANJIA_SLOW_REQUEST_MS: '250' }).requestLog).toEqual({
      everyRequest: true,
      slowMs: 250,
    });
    expect(loadConfig({ GUANJIA_SECRET_KEY: '0'.repeat(64) }).sqliteMmapBytes).toBe(0);
    expect(() => loadConfig({ GUANJIA_SECRET_KEY: '0'.repeat(64), GUANJIA_SLOW_REQUEST_MS: 'slow' })).toThrow(/GUANJIA_SLOW_REQUEST_MS/);
  });
});
