import { ProblemSchema, withErrors } from '@guanjia/api-contract';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerContract } from '../src/plugins/contract.ts';
import { registerErrorHandling } from '../src/plugins/errors.ts';
import { ContractChecker, type OpenApiDocument } from './contract-check.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The contract itself: what /api/openapi.json promises for every operation, that the check the
 * harness runs over every suite's answers catches each kind of drift, and that the serializer never
 * sends an undocumented field (production) and fails loudly on one (tests).
 */
let t: TestContext;
let doc: OpenApiDocument;
beforeAll(async () => {
  t = await createTestContext();
  doc = (await t.request(null, { method: 'GET', url: '/api/openapi.json' })).body;
});
afterAll(async () => t?.close());

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      at: `${method.toUpperCase()} ${path}`,
      path,
      method,
      responses: (op as { responses: Responses }).responses,
      op: op as Record<string, unknown>,
    })),
  );

describe('the published document', () => {
  it('documents every operation’s success, 400 and 500, and 401 unless public; errors as problem details', () => {
    const publicOps = [
      'POST /api/auth/login',
      'POST /api/portal/login',
      'GET /api/health',
      // the providers' delivery reports: the token in the path is the credential (a wrong one is 404)
      'POST /api/delivery-reports/sms/{organizationId}/{token}',
      'GET /api/delivery-reports/wechat/{organizationId}/{token}',
      'POST /api/delivery-reports/wechat/{organizationId}/{token}',
    ];
    expect(operations().length).toBeGreaterThan(50);
    for (const { at, responses, path, method } of operations()) {
      const statuses = Object.keys(responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        at,
      ).toBe(true);
      expect(statuses, at).toEqual(expect.arrayContaining(['400', '500']));
      if (!publicOps.includes(at)) expect(statuses, at).toContain('401');
      if (path.includes('{')) expect(statuses, at).toContain('404');
      if (method !== 'get') expect(statuses, at).toEqual(expect.arrayContaining(['413', '415']));
      for (const s of statuses.filter((x) => Number(x) >= 400)) {
        expect(Object.keys(responses[s]!.content ?? {}), `${at} ${s}`).toEqual(['application/problem+json']);
        expect(responses[s]!.content!['application/problem+json']!.schema, `${at} ${s}`).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    expect(doc.components?.schemas?.Problem).toMatchObject({ required: ['type', 'title', 'status', 'code', 'message', 'field'], additionalProperties: false });
  });

  it('creations answer 201 and bodiless answers 204, never 200', () => {
    const byAt = new Map(operations().map((o) => [o.at, o.responses]));
    for (const at of [
      'POST /api/cases',
      'POST /api/attachments',
      'POST /api/move-ins',
      'POST /api/projects',
      'POST /api/staff',
      'POST /api/api-tokens',
      'POST /api/owners/{id}/contacts',
    ]) {
      expect(Object.keys(byAt.get(at)!), at).toContain('201');
      expect(Object.keys(byAt.get(at)!), at).not.toContain('200');
    }
    for (const at of ['POST /api/auth/logout', 'DELETE /api/api-tokens/{id}', 'POST /api/staff/{id}/password', 'POST /api/notifications/{id}/read']) {
      expect(byAt.get(at)!['204'], at).toBeDefined();
      expect(byAt.get(at)!['204']!.content, at).toBeUndefined();
      expect(byAt.get(at)!['200'], at).toBeUndefined();
    }
  });

  it('every response object names its fields and forbids others (so an undocumented field fails the check)', () => {
    const open: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
      if (typeof node !== 'object' || node === null) return;
      const s = node as Record<string, unknown>;
      if (s.type === 'object' && s.properties && s.additionalProperties !== false) open.push(where);
      for (const [k, v] of Object.entries(s)) walk(v, `${where}.${k}`);
    };
    for (const { at, responses } of operations()) walk(responses, at);
    walk(doc.components?.schemas, 'components');
    expect(open).toEqual([]);
  });

  it('owners and staff get different case schemas, documented as either', () => {
    const schemas = doc.components!.schemas! as Record<string, { properties: Record<string, unknown> }>;
    const staff = Object.keys(schemas.StaffCase!.properties);
    const owner = Object.keys(schemas.OwnerCase!.properties);
    expect(owner.every((f) => staff.includes(f))).toBe(true);
    for (const f of ['firstReceiverId', 'departmentId', 'assigneeId', 'accusedStaffId', 'plan', 'causeAnalysis', 'level']) {
      expect(staff).toContain(f);
      expect(owner).not.toContain(f);
    }
    expect(Object.keys(schemas.OwnerCaseEvent!.properties)).not.toEqual(expect.arrayContaining(['internal']));
    const detail = doc.paths['/api/cases/{id}']!.get!.responses!['200']!.content!['application/json']!.schema as { anyOf: unknown[] };
    expect(JSON.stringify(detail.anyOf)).toContain('#/components/schemas/StaffCase');
    expect(JSON.stringify(detail.anyOf)).toContain('#/components/schemas/OwnerCase');
  });
});

describe('the check over real answers catches drift', () => {
  const problem = JSON.stringify({
    type: 'https://guanjia.dev/problems/not-found',
    title: 'NOT_FOUND',
    status: 404,
    code: 'NOT_FOUND',
    message: '未找到',
    field: null,
  });
  const health = (body: unknown, status = 200, contentType = 'application/json; charset=utf-8') => ({
    method: 'GET',
    url: '/api/health',
    status,
    contentType,
    body: JSON.stringify(body),
  });

  it('a conforming answer passes; an undocumented field, a missing or ill-typed one, a status or a content type not documented do not', () => {
    const checker = new ContractChecker(doc);
    expect(checker.check(health({ status: 'ok', database: 'sqlite' }))).toEqual([]);
    expect(checker.check(health({ status: 'ok', database: 'sqlite', version: '1' })).join()).toMatch(/additional properties \(version\)/);
    expect(checker.check(health({ status: 'ok' })).join()).toMatch(/required property 'database'/);
    expect(checker.check(health({ status: 'ok', database: 3 })).join()).toMatch(/database/);
    expect(checker.check(health({ status: 'ok', database: 'sqlite' }, 201)).join()).toMatch(/status not documented/);
    expect(checker.check(health({ status: 'ok', database: 'sqlite' }, 200, 'text/html')).join()).toMatch(/content type text\/html not documented/);
  });

  it('problems are checked against the problem schema, on operations and on unknown paths', () => {
    const checker = new ContractChecker(doc);
    const at = { method: 'GET', url: '/api/cases/x', status: 404, contentType: 'application/problem+json; charset=utf-8' };
    expect(checker.check({ ...at, body: problem })).toEqual([]);
    expect(checker.check({ ...at, body: JSON.stringify({ ...JSON.parse(problem), stack: 'at …' }) }).join()).toMatch(/additional properties \(stack\)/);
    expect(checker.check({ ...at, url: '/api/nowhere', body: JSON.stringify({ code: 'NOT_FOUND' }) }).join()).toMatch(/required property/);
    expect(checker.check({ ...at, status: 404, body: '', contentType: '' }).join()).toMatch(/content type \(none\) not documented/);
  });

  it('a 204 with a body, and an attachment of an undocumented type, are caught', () => {
    const checker = new ContractChecker(doc);
    expect(checker.check({ method: 'POST', url: '/api/auth/logout', status: 204, contentType: '', body: '' })).toEqual([]);
    expect(checker.check({ method: 'POST', url: '/api/auth/logout', status: 204, contentType: 'application/json', body: '{}' }).join()).toMatch(
      /without a body/,
    );
    expect(checker.check({ method: 'GET', url: '/api/attachments/a1', status: 200, contentType: 'image/png', body: '\u0089PNG' })).toEqual([]);
    expect(checker.check({ method: 'GET', url: '/api/attachments/a1', status: 200, contentType: 'text/html', body: '<p>' }).join()).toMatch(
      /content type text\/html/,
    );
  });
});

describe('the serializer', () => {
  /** A small app with the real contract plugin and error handling, and one route answering what the test gives it. */
  async function appAnswering(strict: boolean, value: unknown) {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    registerContract(app, { strict });
    registerErrorHandling(app);
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        '/api/thing',
        { config: { public: true }, schema: { response: withErrors({ 200: z.object({ id: z.string(), name: z.string() }) }) } },
        async () => value as never,
      );
    await app.ready();
    return app;
  }

  it('a route under /api/ without a documented success answer is refused when it is registered', async () => {
    const register = async (path: string, schema?: object) => {
      const app = Fastify();
      registerContract(app, { strict: false });
      try {
        app.get(path, { ...(schema ? { schema } : {}) }, async () => ({}));
        await app.ready();
      } finally {
        await app.close();
      }
    };
    await expect(register('/api/naked')).rejects.toThrow(/GET \/api\/naked: no success response documented/);
    await expect(register('/api/only-errors', { response: withErrors({}, [404]) })).rejects.toThrow(/no success response documented/);
    await expect(register('/api/fine', { response: { 200: z.object({ ok: z.boolean() }) } })).resolves.toBeUndefined();
  });

  it('never sends a field its schema does not document (production: dropped)', async () => {
    const app = await appAnswering(false, { id: 'c1', name: '张伟', passwordHash: 'scrypt$…', internalNote: '投诉经理' });
    const res = await app.inject({ method: 'GET', url: '/api/thing' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'c1', name: '张伟' });
    await app.close();
  });

  it('in tests, such a field is a 500 (the drift shows), and a missing or ill-typed field is a 500 everywhere, in the problem shape', async () => {
    for (const [strict, value] of [
      [true, { id: 'c1', name: '张伟', extra: 1 }],
      [false, { id: 'c1' }],
      [false, { id: 'c1', name: 7 }],
    ] as const) {
      const app = await appAnswering(strict, value);
      const res = await app.inject({ method: 'GET', url: '/api/thing' });
      expect(res.statusCode, JSON.stringify(value)).toBe(500);
      expect(ProblemSchema.strict().safeParse(res.json()).success).toBe(true);
      expect(res.json()).toMatchObject({ code: 'INTERNAL' });
      expect(res.body).not.toContain('张伟');
      await app.close();
    }
  });
});
