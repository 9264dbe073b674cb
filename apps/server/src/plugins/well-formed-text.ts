import { DomainError } from '@guanjia/core';
import type { FastifyInstance } from 'fastify';

/**
 * Text that no database stores faithfully: U+0000 (PostgreSQL refuses it, SQLite keeps it and C
 * libraries cut at it) and a lone UTF-16 surrogate (silently turned into U+FFFD on its way to
 * UTF-8). Refused in every string of a request — header, query, path, JSON body, object keys
 * included — with 400 CHARACTER_NOT_ALLOWED naming the field, before authentication or any SQL.
 */
const NUL = String.fromCharCode(0);
const BAD_CHARACTER = new RegExp(`${NUL}|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`);

function describe(text: string): string | null {
  const m = BAD_CHARACTER.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  return code === 0 ? 'U+0000' : `U+${code.toString(16).toUpperCase()} (unpaired surrogate)`;
}

/** A key safe to show in a field name (its bad characters written as escapes). */
const printable = (key: string) => key.replace(new RegExp(BAD_CHARACTER.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The first bad string in a parsed value, as [field, character]. Iterative, so a deeply nested
 * JSON body cannot overflow the stack. Field names follow the validation errors: `username`,
 * `roles.0`, `query.q`, `params.id`, `headers.authorization`.
 */
export function findBadText(value: unknown, prefix: string): [field: string, character: string] | null {
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const bad = describe(v);
      if (bad) return [path || 'body', bad];
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [key, child] of Object.entries(v)) {
        const field = path ? `${path}.${printable(key)}` : printable(key);
        const badKey = describe(key);
        if (badKey) return [field, badKey];
        stack.push([child, field]);
      }
    }
  }
  return null;
}

function refuse(found: [string, string] | null) {
  if (found) throw new DomainError('CHARACTER_NOT_ALLOWED', found[0], { character: found[1] });
}

/** Headers, query and path first (before the session lookup), the body once parsed (before validation). */
export function registerWellFormedText(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    refuse(findBadText(request.headers, 'headers'));
    refuse(findBadText(request.query, 'query'));
    refuse(findBadText(request.params, 'params'));
  });
  app.addHook('preValidation', async (request) => {
    refuse(findBadText(request.body, ''));
  });
}
