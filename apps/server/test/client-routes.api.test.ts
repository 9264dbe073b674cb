import { API_ROUTES, NoContentSchema, type RouteSpec } from '@guanjia/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenApiDocument } from './contract-check.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The route table the browser's typed client is built on (api-contract/src/routes.ts) names only
 * operations the server documents, with the same inputs: a body exactly where the server takes one,
 * the same query parameters, a bodiless 204 where the table says NoContent.
 */
let t: TestContext;
let doc: OpenApiDocument;
beforeAll(async () => {
  t = await createTestContext();
  doc = (await t.request(null, { method: 'GET', url: '/api/openapi.json' })).body;
});
afterAll(async () => t?.close());

type Operation = { requestBody?: unknown; parameters?: { in: string; name: string }[]; responses: Record<string, { content?: unknown }> };

describe('the web client’s route table', () => {
  it.each(Object.entries(API_ROUTES as Record<string, RouteSpec>))('%s is a documented operation with the same inputs', (key, spec) => {
    const [method, path] = key.split(' ') as [string, string];
    const op = (doc.paths[path.replace(/:(\w+)/g, '{$1}')] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
    expect(op, key).toBeDefined();
    if (method !== 'POST' || path !== '/api/attachments') expect(!!op!.requestBody, `${key} body`).toBe(!!spec.body);
    const queryNames = (op!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const expected = spec.query ? Object.keys((spec.query as z.ZodObject).shape) : [];
    expect(queryNames.sort(), `${key} query`).toEqual(expected.sort());
    const success = Object.keys(op!.responses).filter((s) => s.startsWith('2'));
    if (spec.response === NoContentSchema) expect(success, key).toEqual(['204']);
    else expect(success.every((s) => s !== '204') && success.length === 1, key).toBe(true);
  });
});
