/**
 * The browser's API client: JSON over fetch, the session token from sign-in, the user's language on
 * every request, and the server's one error shape turned into an ApiError (code, message, field).
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

export async function api<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { 'accept-language': language, ...headers }, credentials: 'same-origin' };
  if (session.token) (init.headers as Record<string, string>).authorization = `Bearer ${session.token}`;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    init.body = body;
  } else if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data?.code ?? 'ERROR', data?.message ?? res.statusText, data?.field ?? null);
  return data as T;
}

export const get = <T = unknown>(url: string) => api<T>('GET', url);
export const post = <T = unknown>(url: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', url, body, headers);
export const patch = <T = unknown>(url: string, body?: unknown) => api<T>('PATCH', url, body);
export const put = <T = unknown>(url: string, body?: unknown) => api<T>('PUT', url, body);

/** Sends a case command; `expectedVersion` guards against acting on a stale page. */
export const command = (caseId: string, cmd: Record<string, unknown>, expectedVersion?: number) =>
  post(`/api/cases/${caseId}/commands`, { command: cmd, ...(expectedVersion ? { expectedVersion } : {}) });

export async function upload(file: File): Promise<{ id: string }> {
  return api('POST', `/api/attachments?filename=${encodeURIComponent(file.name)}`, file, { 'content-type': file.type || 'application/octet-stream' });
}

/** A random key for one form: a second save of the same form never makes a second case. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
