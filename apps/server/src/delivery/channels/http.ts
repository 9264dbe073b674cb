/**
 * The HTTP call every HTTP channel (SMS, WeChat, WeCom, webhook) makes: Node's global fetch with a
 * deadline (10 s unless the factory is told otherwise), redirects not followed, and the failures of
 * the network itself (no answer in time, connection refused, unknown host) turned into transient
 * ChannelErrors. What the provider answered is the adapter's to judge.
 */
import { createHash } from 'node:crypto';
import { ChannelError } from '../channel.ts';

/** Every outside call gives up after this long (transient: the worker retries later). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What each adapter factory takes (createChannelAdapters passes the same to all). */
export interface ChannelAdapterOptions {
  /** Deadline of one outside call, ms (default 10 s). */
  timeoutMs?: number;
  /** The clock (ms since the epoch): token expiry, the SMS timestamp, the webhook's sentAt and signature time. Default Date.now. */
  now?: () => number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The answer's body as text ('' when not read). */
  text: string;
}

/** One HTTP request with a deadline; `readBody: false` drops the answer's body unread (the webhook needs only the status). */
export async function httpRequest(provider: string, url: string, init: RequestInit & { readBody?: boolean }, timeoutMs: number): Promise<HttpAnswer> {
  const { readBody = true, ...requestInit } = init;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { ...requestInit, signal, redirect: 'manual' });
    let text = '';
    if (readBody) text = await response.text();
    else await response.body?.cancel();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (signal.aborted) throw new ChannelError(`${provider}: no answer within ${timeoutMs / 1000} s`, false);
    throw new ChannelError(`${provider}: ${networkFailure(error)}`, false);
  }
}

/** The answer's JSON object; a 5xx or an answer that is not a JSON object is a transient failure. */
export function jsonAnswer(provider: string, answer: HttpAnswer): Record<string, unknown> {
  if (answer.status >= 500) throw new ChannelError(`${provider}: HTTP ${answer.status}`, false);
  try {
    const parsed: unknown = JSON.parse(answer.text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: said below
  }
  throw new ChannelError(`${provider}: HTTP ${answer.status}, the answer is not a JSON object`, false);
}

/** A settings' base URL without its trailing slashes (the default when none is set). */
export function baseUrlOf(configured: string | undefined, fallback: string): string {
  return (configured ?? fallback).replace(/\/+$/, '');
}

/** A short hex digest of a settings' parts, to key pools and token caches without keeping secrets as map keys. */
export function fingerprint(...parts: (string | number | boolean | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Cut a text to at most `max` characters (code points), the last one an ellipsis when cut. */
export function cutWithEllipsis(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return characters.slice(0, max - 1).join('') + '…';
}

function networkFailure(error: unknown): string {
  // undici's fetch fails with TypeError('fetch failed') whose cause carries the socket's error code
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
