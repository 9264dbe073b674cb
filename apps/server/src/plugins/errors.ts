import { DomainError, ERROR_KINDS, localizeError, pickLocale, type ErrorCode, type ErrorKind, type ErrorParams, type Locale } from '@guanjia/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
  headers_too_large: 431,
  request_timeout: 408,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_KIND[ERROR_KINDS[code]];
}

/** The locale of a request: ?lang=en, else Accept-Language, else zh-CN. */
export function localeOf(request: FastifyRequest): Locale {
  // from the URL itself: a route's query schema may have stripped `lang` from request.query
  const search = request.url.indexOf('?');
  const lang = search < 0 ? null : new URLSearchParams(request.url.slice(search + 1)).get('lang');
  return pickLocale(lang ?? request.headers['accept-language']);
}

/** The one error shape (RFC 9457 problem details with our code, localized message and field). */
export function problemBody(code: ErrorCode, status: number, message: string, field: string | null) {
  return { type: `https://guanjia.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`, title: code, status, code, message, field };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, field?: string | null, params: ErrorParams = {}) {
  const status = statusOf(code);
  const locale = localeOf(request);
  const message = localizeError(code, locale, { field: field ?? '', ...params });
  // a 429 says when to come back (the rate limiter may have set it already)
  if (code === 'RATE_LIMITED' && typeof params.seconds === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(params.seconds));
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(code, status, message, field ?? null));
}

const REASONS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    invalid_type: '应为{expected}',
    too_small: '不能小于 {minimum}',
    too_small_string: '长度不能少于 {minimum} 个字符',
    too_small_array: '至少需要 {minimum} 项',
    too_big: '不能大于 {maximum}',
    too_big_string: '长度不能超过 {maximum} 个字符',
    too_big_array: '最多 {maximum} 项',
    invalid_value: '可选值为 {values}',
    invalid_format: '格式不正确（{format}）',
    unrecognized_keys: '不允许的字段',
    invalid_union: '不是有效的选项',
    custom: '{message}',
  },
  en: {
    invalid_type: 'expected {expected}',
    too_small: 'must be at least {minimum}',
    too_small_string: 'must be at least {minimum} characters',
    too_small_array: 'needs at least {minimum} items',
    too_big: 'must be at most {maximum}',
    too_big_string: 'must be at most {maximum} characters',
    too_big_array: 'at most {maximum} items',
    invalid_value: 'must be one of {values}',
    invalid_format: 'invalid format ({format})',
    unrecognized_keys: 'field not allowed',
    invalid_union: 'not a valid option',
    custom: '{message}',
  },
};

/** Zod's type and format words, said in Chinese (应为整数, 格式不正确（日期时间）): a zh-CN message shows no code. */
const ZH_WORDS: Record<string, string> = {
  int: '整数',
  number: '数字',
  string: '文本',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  datetime: '日期时间',
  date: '日期',
  time: '时间',
  email: '邮箱',
  uuid: '编号',
  regex: '规定',
};

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns the first Zod issue into our problem: which field, why, in the user's language. */
function validationProblem(issue: ValidationIssue, locale: Locale, prefix: string): { code: ErrorCode; field: string; params: ErrorParams } {
  let path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const p = issue.params;
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(p.keys)) path = [path, String(p.keys[0])].filter(Boolean).join('.');
  const field = [prefix === 'body' ? '' : prefix, path].filter(Boolean).join('.') || prefix;
  if (issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '')) return { code: 'FIELD_REQUIRED', field, params: {} };
  // an empty or blank text (texts are trimmed) is as good as none: "必填", not "at least 1 character"
  if (issue.keyword === 'too_small' && p.origin === 'string' && Number(p.minimum) === 1) return { code: 'FIELD_REQUIRED', field, params: {} };
  const origin = typeof p.origin === 'string' && ['string', 'array'].includes(p.origin) ? `_${p.origin}` : '';
  const templates = REASONS[locale];
  const template = templates[`${issue.keyword}${origin}`] ?? templates[issue.keyword] ?? '{message}';
  const values = Array.isArray(p.values) ? p.values.join(', ') : '';
  const word = (v: unknown) => (locale === 'zh-CN' ? (ZH_WORDS[String(v)] ?? String(v)) : String(v));
  const reason = template.replace(/\{(\w+)\}/g, (_, k: string) =>
    k === 'values' ? values : k === 'message' ? (issue.message ?? '') : k === 'expected' || k === 'format' ? word(p[k] ?? '') : String(p[k] ?? ''),
  );
  return { code: 'FIELD_INVALID', field, params: { reason } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'NOT_FOUND'));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return sendProblem(request, reply, error.code, error.field, error.params);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const locale = localeOf(request);
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const p = validationProblem(error.validation[0] as unknown as ValidationIssue, locale, context === 'querystring' ? 'query' : context);
      return sendProblem(request, reply, p.code, p.field, p.params);
    }
    // Races that slip past the checks in front of a write end at the database's constraints.
    const dbCode = String((error as { code?: unknown }).code ?? '');
    if (dbCode === 'SQLITE_CONSTRAINT_UNIQUE' || dbCode === 'SQLITE_CONSTRAINT_PRIMARYKEY' || dbCode === '23505')
      return sendProblem(request, reply, 'DUPLICATE');
    if (dbCode === 'SQLITE_CONSTRAINT_FOREIGNKEY' || dbCode === '23503') return sendProblem(request, reply, 'REFERENCE_INVALID');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendProblem(request, reply, 'BODY_TOO_LARGE', 'body', { maxKb: Math.floor((request.routeOptions.bodyLimit ?? 0) / 1024) });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendProblem(request, reply, 'MEDIA_TYPE_UNSUPPORTED', 'content-type', {
        type: String(request.headers['content-type'] ?? '(none)'),
        allowed: 'application/json',
      });
    if (error.code?.startsWith('FST_ERR_CTP') || (error.statusCode === 400 && error instanceof SyntaxError)) return sendProblem(request, reply, 'BODY_INVALID');
    if (error.statusCode === 429) return sendProblem(request, reply, 'RATE_LIMITED', null, { seconds: Number(reply.getHeader('retry-after')) || 60 });
    if (error.statusCode === 415)
      return sendProblem(request, reply, 'MEDIA_TYPE_UNSUPPORTED', 'content-type', {
        type: String(request.headers['content-type'] ?? '(none)'),
        allowed: 'application/json',
      });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendProblem(request, reply, 'VALIDATION_FAILED', null, { reason: error.message });
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'INTERNAL');
  });
}
