import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks real answers against the OpenAPI document the server publishes (/api/openapi.json): every
 * status and content type must be documented for its operation, and every JSON body must match the
 * documented schema (response objects forbid undocumented fields: additionalProperties false). The
 * test harness records every answer of the API suites and runs this when a suite closes its app.
 */

export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string;
  /** The body as text (empty when there is none). */
  body: string;
}

interface MediaObject {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
/** ajv-formats is CommonJS: its plugin is the module itself or its default, depending on the loader. */
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** OpenAPI 3.0's draft-4 style bounds (`exclusiveMinimum: true` beside `minimum`) as Ajv's draft-7 numbers; `nullable` Ajv reads itself. */
function asJsonSchema(node: unknown): AnySchema {
  if (Array.isArray(node)) return node.map(asJsonSchema) as unknown as AnySchema;
  if (typeof node !== 'object' || node === null) return node as AnySchema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, asJsonSchema(v)]));
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  return out;
}

/** OpenAPI path templates as patterns; a static segment wins over a parameter (fewer parameters first). */
function pathMatchers(doc: OpenApiDocument) {
  return Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/** The documented media entry for a served type: exact, else a range (`image/*`, `*\/*`). */
function documentedMedia(content: Record<string, MediaObject>, mediaType: string): MediaObject | undefined {
  return content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*'];
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly matchers: ReturnType<typeof pathMatchers>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    // OpenAPI 3.0 schemas: `nullable` is understood by Ajv; refs point into the document's components.
    this.ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(asJsonSchema({ components: doc.components ?? {} }), 'openapi.json');
    this.matchers = pathMatchers(doc);
  }

  private validatorFor(key: string, schema: unknown): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
      v = this.ajv.compile(asJsonSchema(rebased));
      this.validators.set(key, v);
    }
    return v;
  }

  /** Every way this answer differs from the document; empty when it conforms. */
  check(r: ObservedResponse): string[] {
    const path = r.url.split('?')[0]!;
    const method = r.method.toLowerCase();
    const at = `${r.method} ${path} → ${r.status}`;
    const match = this.matchers.find((m) => m.pattern.test(path) && this.doc.paths[m.template]![method]);
    if (!match) {
      // Not an operation (an unknown path or method): 401 to a stranger, 404 to a caller, in the problem shape.
      if (!path.startsWith('/api/') || path === '/api/openapi.json') return [];
      return [401, 404].includes(r.status)
        ? this.checkBody(`${at} (no such operation)`, 'problem', { $ref: '#/components/schemas/Problem' }, r)
        : [`${at}: no such operation, yet neither 401 nor 404`];
    }
    const operation = this.doc.paths[match.template]![method]!;
    const response = operation.responses?.[String(r.status)] ?? operation.responses?.default;
    const where = `${r.method} ${match.template} → ${r.status}`;
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`];
    if (!response.content) return r.body === '' ? [] : [`${where}: documented without a body, yet one was sent`];
    const mediaType = mediaTypeOf(r.contentType);
    const media = documentedMedia(response.content, mediaType);
    if (!media) return [`${where}: content type ${mediaType || '(none)'} not documented (documented: ${Object.keys(response.content).join(', ')})`];
    if (!mediaType.includes('json')) return [];
    return this.checkBody(where, `${match.template} ${method} ${r.status} ${mediaType}`, media.schema, r);
  }

  private checkBody(where: string, key: string, schema: unknown, r: ObservedResponse): string[] {
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return [`${where}: body is not JSON`];
    }
    const validate = this.validatorFor(key, schema);
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
  }
}

/**
 * The checks of many answers, each difference once (with how many answers showed it). A 500 is
 * documented everywhere, yet no test should meet one: it is a bug, or a response that drifted from its
 * schema (strict encoding in tests) while the test looked only at the database.
 */
export function contractViolations(doc: OpenApiDocument, observed: readonly ObservedResponse[]): string[] {
  const checker = new ContractChecker(doc);
  const counts = new Map<string, number>();
  const add = (v: string) => counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const r of observed) {
    checker.check(r).forEach(add);
    if (r.status >= 500) add(`${r.method} ${r.url.split('?')[0]} → ${r.status}: a server error in a test`);
  }
  return [...counts].map(([v, n]) => (n > 1 ? `${v} (×${n})` : v));
}
