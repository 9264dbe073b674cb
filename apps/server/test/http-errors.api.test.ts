import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Every refusal carries the one problem shape (type, title, status, code, message, field), also
 * those Fastify or Node's HTTP parser give before any route runs: unknown routes and methods, bodies
 * too large or of the wrong type, headers too large (431), requests that are not HTTP at all.
 */
let t: TestContext;
let base: { host: string; port: number };
let agent: string;
beforeAll(async () => {
  t = await createTestContext();
  agent = await t.login('agent1');
  const url = new URL(await t.app.listen({ host: '127.0.0.1', port: 0 }));
  base = { host: url.hostname, port: Number(url.port) };
});
afterAll(async () => t?.close());

const PROBLEM_KEYS = ['code', 'field', 'message', 'status', 'title', 'type'];

function expectProblem(res: { status: number; headers: Record<string, unknown>; body: Record<string, unknown> }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(Object.keys(res.body).sort()).toEqual(PROBLEM_KEYS);
  expect(res.body).toMatchObject({ status, code, title: code, type: `https://guanjia.dev/problems/${code.toLowerCase().replaceAll('_', '-')}` });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

/** One raw exchange over a socket: what Node's parser answers to bytes no HTTP client would send. */
function raw(request: string | Buffer): Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(base.port, base.host);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = rest.join('\r\n\r\n');
      expect(Buffer.byteLength(body)).toBe(Number(headers['content-length']));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: body ? JSON.parse(body) : null });
    });
    socket.write(request);
  });
}

describe('errors before or beside the routes', () => {
  it('an unknown route is 404 NOT_FOUND, and so is a known route with a method it does not take', async () => {
    expectProblem(await t.request(agent, { method: 'GET', url: '/api/nothing-here' }), 404, 'NOT_FOUND');
    expectProblem(await t.request(agent, { method: 'DELETE', url: '/api/cases' }), 404, 'NOT_FOUND');
    expectProblem(await t.request(agent, { method: 'PUT', url: '/api/auth/me', payload: {} }), 404, 'NOT_FOUND');
  });

  it('a JSON body over the limit is 413 BODY_TOO_LARGE naming the body and the limit, in either language', async () => {
    const payload = JSON.stringify({ projectId: 'x', type: 'inquiry', channel: 'hotline', description: 'x'.repeat(DEFAULT_LIMITS.jsonBodyBytes) });
    const zh = await t.request(agent, { method: 'POST', url: '/api/cases', headers: { 'content-type': 'application/json' }, payload });
    expectProblem(zh, 413, 'BODY_TOO_LARGE');
    expect(zh.body.field).toBe('body');
    expect(zh.body.message).toContain(`${DEFAULT_LIMITS.jsonBodyBytes / 1024} KB`);
    const en = await t.request(agent, { method: 'POST', url: '/api/cases?lang=en', headers: { 'content-type': 'application/json' }, payload });
    expect(en.body.message).toBe(`The request body is too large (at most ${DEFAULT_LIMITS.jsonBodyBytes / 1024} KB)`);
  });

  it('an upload over the attachment limit is 413 too, with its own limit', async () => {
    const body = Buffer.alloc(DEFAULT_LIMITS.attachmentBytes + 1, 0x41);
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/attachments?filename=big.pdf',
      headers: { 'content-type': 'application/pdf' },
      payload: body,
    });
    expectProblem(res, 413, 'BODY_TOO_LARGE');
    expect(res.body.message).toContain(`${DEFAULT_LIMITS.attachmentBytes / 1024} KB`);
  });

  it('a body that is not JSON is 415 naming content-type; JSON that does not parse is 400', async () => {
    const form = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'type=inquiry',
    });
    expectProblem(form, 415, 'MEDIA_TYPE_UNSUPPORTED');
    expect(form.body.field).toBe('content-type');
    const gzipped = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expectProblem(gzipped, 400, 'BODY_INVALID');
  });

  it('headers over 16 KB are 431 HEADERS_TOO_LARGE in the problem shape (Node refuses them before routing)', async () => {
    const res = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nCookie: big=${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expectProblem(res, 431, 'HEADERS_TOO_LARGE');
    expect(res.body.field).toBeNull();
    expect(res.body.message).toBe("The request headers are too large (at most 16 KB); clear the browser's cookies and try again");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const zh = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: big=${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(zh.body.message).toMatch(/请求头过大/);
  });

  it('bytes that are not HTTP, or a header with U+0000, are 400 REQUEST_INVALID', async () => {
    expectProblem(await raw('HELLO\r\n\r\n'), 400, 'REQUEST_INVALID');
    const nul = await raw(Buffer.concat([Buffer.from('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Name: a'), Buffer.from([0]), Buffer.from('b\r\n\r\n')]));
    expectProblem(nul, 400, 'REQUEST_INVALID');
  });

  it('a well-formed request still works on a listening server after all that', async () => {
    const res = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
  });

  it('an Accept-Language with U+0000 is refused naming the header, before anything else', async () => {
    const res = await t.request(null, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en\u0000' },
      payload: { username: 'agent1', password: 'x' },
    });
    expectProblem(res, 400, 'CHARACTER_NOT_ALLOWED');
    expect(res.body.field).toBe('headers.accept-language');
  });
});
