import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * What every answer carries (security headers), how it travels (compression) and how long a browser
 * keeps it (the web UI's caching), on a real app over a tiny built web folder.
 */
let t: TestContext;
let web: FastifyInstance;
let webDir: string;
let agent: string;

// A "built" UI as Vite lays it out: pages naming hashed assets; one asset with its .br made by the build.
const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, label: `第${i}行` })))};\n`;
const style = `.queue{display:flex}\n${Array.from({ length: 100 }, (_, i) => `.c${i}{margin:${i}px}`).join('\n')}\n`;
const page = (title: string) =>
  `<!doctype html><html><head><title>${title}</title><script type="module" crossorigin src="/assets/console-abc123.js"></script></head><body><div id="root"></div></body></html>`;

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  agent = await t.login('agent1');
  webDir = mkdtempSync(join(tmpdir(), 'guanjia-web-'));
  mkdirSync(join(webDir, 'assets'));
  mkdirSync(join(webDir, 'portal'));
  writeFileSync(join(webDir, 'index.html'), page('管家 · 客服工作台'));
  writeFileSync(join(webDir, 'portal', 'index.html'), page('管家 · 业主服务'));
  writeFileSync(join(webDir, 'assets', 'console-abc123.js'), script);
  writeFileSync(join(webDir, 'assets', 'console-abc123.js.br'), brotliCompressSync(script));
  writeFileSync(join(webDir, 'assets', 'portal-def456.css'), style);
  web = await buildApp({ ...t.deps, webDir, actorCache: undefined, live: undefined });
});
afterAll(async () => {
  await web?.close();
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (app: FastifyInstance, url: string, headers: InjectOptions['headers'] = {}) => app.inject({ method: 'GET', url, headers });

describe('security headers on every answer', () => {
  const answers: [string, () => Promise<{ statusCode: number; headers: Record<string, unknown> }>, number][] = [
    ['JSON', () => get(web, '/api/cases?limit=5', { authorization: `Bearer ${agent}` }), 200],
    ['health (public)', () => get(web, '/api/health'), 200],
    ['401 (no credentials)', () => get(web, '/api/cases'), 401],
    ['404 (unknown API route)', () => get(web, '/api/no-such-route', { authorization: `Bearer ${agent}` }), 404],
    ['400 (bad input)', () => web.inject({ method: 'POST', url: '/api/auth/login', payload: {} }), 400],
    ['the console page', () => get(web, '/'), 200],
    ['a console route', () => get(web, '/cases/123'), 200],
    ['a hashed asset', () => get(web, '/assets/console-abc123.js'), 200],
    ['the API docs', () => get(web, '/docs/'), 200],
    ['the OpenAPI document', () => get(web, '/api/openapi.json'), 200],
  ];
  it.each(answers)('%s', async (_what, call, status) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['script-src-attr']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('the API docs load no inline script (Swagger UI runs under the same policy)', async () => {
    const html = (await get(web, '/docs/')).body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('compression', () => {
  const list = (encoding?: string) =>
    get(web, '/api/cases?limit=50', { authorization: `Bearer ${agent}`, ...(encoding ? { 'accept-encoding': encoding } : {}) });

  it('JSON goes out brotli or gzip when accepted, as is otherwise, and says it varies', async () => {
    const plain = await list();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await list('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gzip = await list('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
  });

  it('small answers and photos stay as they are', async () => {
    expect((await get(web, '/api/health', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
    const big = Buffer.concat([png, Buffer.alloc(4096)]);
    const up = await web.inject({
      method: 'POST',
      url: '/api/attachments?filename=a.png',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'image/png' },
      payload: big,
    });
    expect(up.statusCode).toBe(201);
    const photo = await get(web, `/api/attachments/${up.json().id}`, { authorization: `Bearer ${agent}`, 'accept-encoding': 'gzip, br' });
    expect(photo.headers['content-encoding']).toBeUndefined();
    expect(photo.rawPayload.equals(big)).toBe(true);
  });

  it('the live stream is never compressed: each event leaves at once', async () => {
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 }); // closed with the harness
    const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
      const req = http.get(`${base}/api/live`, { headers: { authorization: `Bearer ${agent}`, 'accept-encoding': 'gzip, br' } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ headers: res.headers, chunk: chunk.toString('utf8') });
          req.destroy();
        });
      });
      req.on('error', reject);
    });
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.chunk).toContain('retry: 3000');
  });
});

describe('caching of the web UI', () => {
  it.each(['/', '/index.html', '/portal/', '/portal/index.html', '/cases/123', '/portal/cases/9'])(
    '%s is revalidated on every load (no-cache)',
    async (url) => {
      const res = await get(web, url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain(url.startsWith('/portal') ? '业主服务' : '客服工作台');
    },
  );

  it('a hashed asset is immutable for a year; the build’s .br goes out as it is, gzip is made on the fly', async () => {
    const br = await get(web, '/assets/console-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.rawPayload.equals(brotliCompressSync(script))).toBe(true);
    const gzip = await get(web, '/assets/console-abc123.js', { 'accept-encoding': 'gzip' });
    expect([gzip.headers['content-encoding'], gzip.headers['cache-control']]).toEqual(['gzip', 'public, max-age=31536000, immutable']);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);
    const plain = await get(web, '/assets/console-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    const css = await get(web, '/assets/portal-def456.css', { 'accept-encoding': 'br' });
    expect([css.headers['content-encoding'], css.headers['cache-control']]).toEqual(['br', 'public, max-age=31536000, immutable']);
    expect(brotliDecompressSync(css.rawPayload).toString()).toBe(style);
  });

  it('an asset that does not exist is a 404 problem, never a page cached as a script', async () => {
    const res = await get(web, '/assets/console-zzz999.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
