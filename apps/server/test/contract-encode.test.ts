import { API_ROUTES, CaseCommandResponses } from '@guanjia/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodesAsParses } from '../src/plugins/contract.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The serializer parses instead of encoding where the two give the same JSON (decision 0016: zod's
 * encode costs several times more on a case answer). Any codec, pipe, transform, default or catch
 * anywhere in a schema keeps zod's encode.
 */
describe('which schemas encode as they parse', () => {
  const plain = z.object({ a: z.string().min(1), b: z.array(z.object({ n: z.number().int().nullable() })), c: z.enum(['x', 'y']).optional() });

  it('plain objects, arrays, unions, records, wrappers and lazy references do', () => {
    expect(encodesAsParses(plain)).toBe(true);
    expect(encodesAsParses(z.union([plain, z.literal('none')]))).toBe(true);
    expect(encodesAsParses(z.record(z.string(), z.tuple([z.boolean(), z.null()])))).toBe(true);
    const tree: z.ZodType = z.object({ name: z.string(), children: z.array(z.lazy(() => tree)) });
    expect(encodesAsParses(tree)).toBe(true);
  });

  it('a default, prefault, catch, transform, pipe or codec at any depth does not', () => {
    const inner = [
      z.string().default('x'),
      z.string().prefault('x'),
      z.string().catch('x'),
      z.string().transform((s) => s.length),
      z.string().pipe(z.string()),
      z.codec(z.string(), z.number(), { decode: Number, encode: String }),
    ];
    for (const s of inner) {
      expect(encodesAsParses(s)).toBe(false);
      expect(encodesAsParses(z.object({ deep: z.array(z.object({ x: s.optional() })) }))).toBe(false);
    }
  });

  it('every response schema of the API is plain today (a new default or codec would only take the slower path)', () => {
    const schemas = Object.values(API_ROUTES).flatMap((spec) => {
      const r = (spec as { response?: unknown }).response;
      if (!r) return [];
      return r instanceof z.ZodType ? [r] : Object.values(r as Record<string, z.ZodType>).filter((s) => s instanceof z.ZodType);
    });
    expect(schemas.length).toBeGreaterThan(50);
    for (const s of schemas) expect(encodesAsParses(s)).toBe(true);
  });
});

describe('a case answer, parsed and encoded', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t?.close());

  it('gives the same JSON both ways, for staff and owners', async () => {
    const agent = await t.login('agent1');
    const z1 = t.a.owners.zhangwei!;
    const res = await t.request(agent, {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.CUIHU!.id, type: 'repair', channel: 'hotline', description: '编码一致', ownerId: z1.id, unitId: z1.unitId },
    });
    expect(res.status).toBe(201);
    for (const schema of [CaseCommandResponses.staff, CaseCommandResponses.owner]) {
      const parsed = schema.safeParse(res.body);
      const encoded = schema.safeEncode(res.body);
      expect(parsed.success).toBe(true);
      expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(encoded.data));
    }
  });
});
