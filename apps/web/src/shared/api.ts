import type { Audience, ExportQuery, ExportRoute, RouteBody, RouteKey, RouteParams, RouteQuery, RouteResponse } from '@guanjia/api-contract';

/**
 * The browser's API client, typed from the contract (api-contract/src/routes.ts): each call names its
 * route (`'GET /api/cases/:id'`) and gets that route's request and response types. JSON over fetch,
 * the session token from sign-in, the user's language on every request, and the server's one error
 * shape turned into an ApiError (status, code, message, field).
 */
export interface Problem {
  status: number;
  code: string;
  message: string;
  field: string | null;
}

export class ApiError extends Error implements Problem {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'gj_token';
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value: string | null) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

let language: 'zh-CN' | 'en' = 'zh-CN';
export function setApiLanguage(lang: 'zh-CN' | 'en') {
  language = lang;
}

type Empty<T> = [T] extends [never] ? true : false;
/** What a call of route K takes: its path parameters, query and body, each only where the route has one. */
export type CallOptions<K extends RouteKey> = (Empty<keyof RouteParams<K>> extends true ? { params?: undefined } : { params: RouteParams<K> }) &
  (Empty<RouteBody<K>> extends true ? { body?: undefined } : { body: RouteBody<K> }) &
  (Empty<RouteQuery<K>> extends true ? { query?: undefined } : { query?: RouteQuery<K> }) & { headers?: Record<string, string> };
type Args<K extends RouteKey> =
  Empty<keyof RouteParams<K>> extends true
    ? Empty<RouteBody<K>> extends true
      ? [options?: CallOptions<K>]
      : [options: CallOptions<K>]
    : [options: CallOptions<K>];

/** A route's URL: `:name` replaced by its parameter, the query's defined values appended (arrays repeat the key). */
export function urlOf(path: string, params?: Record<string, string>, query?: Record<string, unknown>): string {
  const filled = path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params?.[name] ?? ''));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
  }
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** The headers every call sends: the user's language, the session's token. */
function baseHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = { 'accept-language': language, ...headers };
  if (session.token) all.authorization = `Bearer ${session.token}`;
  return all;
}

async function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const all = baseHeaders(headers);
  const init: RequestInit = { method, headers: all, credentials: 'same-origin' };
  if (body instanceof Blob) {
    init.body = body;
  } else if (body !== undefined) {
    all['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  if (res.status === 204) return undefined;
  const text = await res.text();
  const data = (text ? JSON.parse(text) : null) as Partial<Problem> | null;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? 'ERROR', data?.message ?? res.statusText, data?.field ?? null);
  return data;
}

/** A client for one audience: the console speaks as staff, the portal as an owner (each gets its own answer shapes). */
export function apiClient<A extends Audience>() {
  return <K extends RouteKey>(route: K, ...[options]: Args<K>): Promise<RouteResponse<K, A>> => {
    const [method, path] = route.split(' ') as [string, string];
    const o = (options ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };
    return send(method, urlOf(path, o.params, o.query), o.body, o.headers) as Promise<RouteResponse<K, A>>;
  };
}
/** The console's client (staff answers). */
export const api = apiClient<'staff'>();
/** The portal's client (owner answers). */
export const ownerApi = apiClient<'owner'>();

/** A case command exactly as the contract defines it (api-contract/src/cases.ts CaseCommandSchema). */
export type CaseCommand = RouteBody<'POST /api/cases/:id/commands'>['command'];
export type CommandType = CaseCommand['type'];
/** The payload of one command type. */
export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;

/** Sends a case command; `expectedVersion` guards against acting on a stale page. */
export const command = (caseId: string, cmd: CaseCommand, expectedVersion?: number, languageOverride?: { reason: string }) =>
  api('POST /api/cases/:id/commands', {
    params: { id: caseId },
    body: { command: cmd, ...(expectedVersion ? { expectedVersion } : {}), ...(languageOverride ? { languageOverride } : {}) },
  });

/** Uploads one file (its bytes as the body); the server checks type, size and content. */
export async function upload(file: File): Promise<{ id: string }> {
  return (await send('POST', urlOf('/api/attachments', undefined, { filename: file.name }), file, {
    'content-type': file.type || 'application/octet-stream',
  })) as RouteResponse<'POST /api/attachments', 'owner'>;
}

/** A random key for one form: a second save of the same form never makes a second case. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Downloads an export (issue 12, item 5: GET /api/exports/…, .xlsx or CSV): fetched with the session's
 * token, then saved under the name the server gives (Content-Disposition) through a Blob link. A
 * refusal is the server's problem answer, thrown as an ApiError.
 */
export async function downloadExport<K extends ExportRoute>(route: K, query: ExportQuery<K>): Promise<void> {
  await downloadFile(urlOf(route.slice('GET '.length), undefined, query as Record<string, unknown>));
}

/** Downloads what a GET answers (a workbook: an export, an import's template or report) under the name the server gives. */
export async function downloadFile(url: string): Promise<void> {
  const res = await fetch(url, { headers: baseHeaders(), credentials: 'same-origin' });
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as Partial<Problem> | null;
    throw new ApiError(res.status, data?.code ?? 'ERROR', data?.message ?? res.statusText, data?.field ?? null);
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download');
  const link = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = link;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(link), 1_000);
}

/** 预检: uploads a workbook to import (its bytes as the body); the answer is the dry run. */
export async function uploadImport(kind: RouteResponse<'POST /api/imports/:kind/dry-run'>['kind'], file: File) {
  return (await send('POST', urlOf('/api/imports/:kind/dry-run', { kind }, { filename: file.name }), file, {
    'content-type': file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })) as RouteResponse<'POST /api/imports/:kind/dry-run'>;
}
