import { problemResponse, type Audiences, type ErrorStatus } from '@guanjia/api-contract';
import type { Actor } from '@guanjia/core';
import type { FastifyInstance, FastifyReply, FastifySerializerCompiler, RouteOptions } from 'fastify';
import { jsonSchemaTransformObject, ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The API contract, enforced: every JSON answer is encoded through the Zod schema its route documents
 * (a field the schema does not name is never sent; a missing or ill-typed one is a 500), and every
 * operation documents the error statuses it can answer. See docs/api.md ("How the contract is enforced").
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** strict: a handler value carrying a field its schema does not name is a 500 (tests), not silently dropped. */
    contract: { strict: boolean };
  }
}

/** Paths of every field present in `sent` (the handler's value) but absent from `kept` (what the schema let through). */
export function droppedFields(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => droppedFields(item, kept[i], `${path}[${i}]`));
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) => {
    const at = path ? `${path}.${key}` : key;
    if (sent[key] === undefined) return [];
    return key in kept ? droppedFields(sent[key], kept[key], at) : [at];
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Schema kinds whose encoding (zod's backward direction) gives what parsing gives: no codec, pipe, transform, default or catch. */
const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'enum',
  'literal',
  'any',
  'unknown',
  'never',
  'nan',
  'template_literal',
]);
const sameBothWaysMemo = new WeakMap<z.ZodType, boolean>();

/**
 * Whether encoding through `schema` gives exactly what parsing gives: true when it is built only of
 * objects, arrays, tuples, records, unions, intersections, optional/nullable/readonly wrappers, lazy
 * references and plain leaves. Zod's encode runs every checked schema twice (a canary pass, then the
 * checks) and skips its compiled object parser: several times slower on a case answer, for the same JSON.
 */
export function encodesAsParses(schema: z.ZodType, seen = new Set<unknown>()): boolean {
  const memo = sameBothWaysMemo.get(schema);
  if (memo !== undefined) return memo;
  if (seen.has(schema)) return true; // a cycle (z.lazy): decided by the rest of the walk
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const all = (list: unknown[]) => list.every((s) => s === undefined || s === null || encodesAsParses(s as z.ZodType, seen));
  let same: boolean;
  switch (def.type) {
    case 'object':
      same = all([...Object.values(def.shape as Record<string, unknown>), def.catchall]);
      break;
    case 'array':
      same = all([def.element]);
      break;
    case 'tuple':
      same = all([...(def.items as unknown[]), def.rest]);
      break;
    case 'union':
      same = all(def.options as unknown[]);
      break;
    case 'intersection':
      same = all([def.left, def.right]);
      break;
    case 'record':
      same = all([def.keyType, def.valueType]);
      break;
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
      same = all([def.innerType]);
      break;
    case 'lazy':
      same = all([(def.getter as () => unknown)()]);
      break;
    default:
      same = LEAVES.has(def.type);
  }
  seen.delete(schema);
  // remembered for whole walks only: inside a cycle a part's answer assumed the cycle's own
  if (seen.size === 0) sameBothWaysMemo.set(schema, same);
  return same;
}

/** The schema's encoding: parsing where that is the same (encodesAsParses), else zod's encode. */
function encodeThrough(schema: z.ZodType, data: unknown) {
  return encodesAsParses(schema) ? schema.safeParse(data) : schema.safeEncode(data);
}

/**
 * Encodes a value through its schema to JSON. `strictAgainst` (tests): the schema that must name every
 * field of the value (for an owner's answer, the staff schema: owners' schemas leave fields out on purpose).
 */
export function encodeJson(schema: z.ZodType, data: unknown, method: string, url: string, strictAgainst?: z.ZodType): string {
  if (strictAgainst) {
    const full = encodeThrough(strictAgainst, data);
    if (full.success) {
      const dropped = droppedFields(data, full.data);
      if (dropped.length) {
        const message = `response of ${method} ${url} carries fields its schema does not document: ${dropped.slice(0, 10).join(', ')}`;
        console.error(message);
        throw new Error(message);
      }
    }
  }
  const result = encodeThrough(schema, data);
  if (!result.success) {
    if (strictAgainst) console.error(`response of ${method} ${url} does not match its schema: ${JSON.stringify(result.error.issues.slice(0, 5))}`);
    throw new ResponseSerializationError(method, url, { cause: result.error });
  }
  return JSON.stringify(result.data);
}

function zodSchemaOf(maybe: unknown): z.ZodType {
  if (maybe instanceof z.ZodType) return maybe;
  if (maybe && typeof maybe === 'object' && 'properties' in maybe && maybe.properties instanceof z.ZodType) return maybe.properties;
  throw new Error(`response schemas are Zod schemas (got ${JSON.stringify(maybe)})`);
}

/** The serializer of every route's response schema (fastify-type-provider-zod's, plus the strict check). */
export function contractSerializerCompiler(strict: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const zod = zodSchemaOf(schema);
    return (data) => encodeJson(zod, data, method, url, strict ? zod : undefined);
  };
}

/**
 * Sends an answer whose shape depends on who asks: owners get their own, narrower schema (not a
 * filter in the service). The route documents `audiences.documented` (either shape).
 */
export function sendFor<S extends z.ZodType, O extends z.ZodType>(reply: FastifyReply, actor: Actor, audiences: Audiences<S, O>, body: z.output<S>) {
  const schema = actor.kind === 'owner' ? audiences.owner : audiences.staff;
  const { method, url } = reply.request;
  const json = encodeJson(schema, body, method, reply.request.routeOptions.url ?? url, reply.server.contract.strict ? audiences.staff : undefined);
  return reply.type('application/json; charset=utf-8').send(json as never);
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses every route of a kind shares, added to its documented responses: 400 (input:
 * body, query, path, headers), 401 unless public, 403 unless public or reachable during account setup
 * (a reset password or an administrator without two-step verification stops every other route with
 * 403), 404 when the path names an id, 413 and 415 when it takes a body, 429 when rate-limited, 500.
 * A route documents its own 403/404/409 with `withErrors`.
 */
export function documentCommonErrors(route: RouteOptions): void {
  if (!route.url.startsWith('/api/') || (route.schema as { hide?: boolean } | undefined)?.hide) return;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
  const response = (route.schema?.response ?? {}) as Record<string, unknown>;
  if (!route.schema || !Object.keys(response).some((status) => status.startsWith('2')))
    throw new Error(`${methods.join(',')} ${route.url}: no success response documented`);
  const statuses: ErrorStatus[] = [400, 500];
  if (!route.config?.public) statuses.push(401);
  if (!route.config?.public && !(route.config as { duringSetup?: boolean } | undefined)?.duringSetup) statuses.push(403);
  if (route.url.includes('/:')) statuses.push(404);
  if (methods.some((m) => BODY_METHODS.has(m))) statuses.push(413, 415);
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) statuses.push(429); // @fastify/rate-limit's route option
  for (const status of statuses) response[status] ??= problemResponse(status);
  route.schema.response = response;
}

/** OpenAPI 3.0.3: a nullable enum must list null among its values (Zod's 3.0 output leaves it out). */
function nullableEnumsListNull(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(nullableEnumsListNull);
  if (!isPlainObject(node)) return;
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  Object.values(node).forEach(nullableEnumsListNull);
}

/**
 * The finished OpenAPI document: the named schemas (Problem, StaffCase, OwnerCase, …) as components
 * (the type provider emits an input and an output variant of each; only those referred to are kept),
 * and nullable enums that list null.
 */
export const contractTransformObject: typeof jsonSchemaTransformObject = (document) => {
  const openapi = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  nullableEnumsListNull(openapi);
  const schemas = openapi.components?.schemas;
  if (!schemas) return openapi as ReturnType<typeof jsonSchemaTransformObject>;
  const text = JSON.stringify({ ...openapi, components: { ...openapi.components, schemas: {} } });
  const referenced = new Set<string>();
  const visit = (name: string) => {
    if (referenced.has(name) || !schemas[name]) return;
    referenced.add(name);
    for (const m of JSON.stringify(schemas[name]).matchAll(/#\/components\/schemas\/([\w.-]+)/g)) visit(m[1]!);
  };
  for (const m of text.matchAll(/#\/components\/schemas\/([\w.-]+)/g)) visit(m[1]!);
  openapi.components!.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => referenced.has(name)));
  return openapi as ReturnType<typeof jsonSchemaTransformObject>;
};

/** Installs the contract on an app: the serializer, the common error statuses. Call before any route. */
export function registerContract(app: FastifyInstance, options: { strict: boolean }): void {
  app.decorate('contract', { strict: options.strict });
  app.setSerializerCompiler(contractSerializerCompiler(options.strict));
  app.addHook('onRoute', documentCommonErrors);
}
