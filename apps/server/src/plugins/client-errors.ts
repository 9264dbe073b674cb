import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { localizeError, pickLocale, type ErrorCode, type ErrorParams } from '@guanjia/core';
import type { FastifyInstance } from 'fastify';
import { problemBody, statusOf } from './errors.ts';
import { RAW_SECURITY_HEADERS } from './security-headers.ts';

/** Which problem a request Node's HTTP parser refused before any route saw it. */
function codeOf(error: { code?: string }): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'REQUEST_INVALID';
}

/** The language asked for in what was read of the refused request (`?lang=en`, Accept-Language). */
function localeOfRaw(raw: unknown) {
  const head = Buffer.isBuffer(raw) ? raw.subarray(0, 16 * 1024).toString('latin1') : '';
  const lang = /^[A-Z]+ [^ ]*[?&]lang=([A-Za-z-]+)/.exec(head)?.[1] ?? /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(head)?.[1];
  return pickLocale(lang);
}

/**
 * Fastify's `clientErrorHandler`: a request too malformed for routing (headers over 16 KB → 431,
 * bad HTTP → 400, too slow → 408) still gets the one problem+json shape, then the connection closes.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = codeOf(error);
  const status = statusOf(code);
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    // maxHeaderSize: Node's limit of all headers together (--max-http-header-size, 16 KB)
    const params: ErrorParams = code === 'HEADERS_TOO_LARGE' ? { maxKb: Math.floor(maxHeaderSize / 1024) } : {};
    const body = JSON.stringify(problemBody(code, status, localizeError(code, localeOfRaw(error.rawPacket), params), null));
    const headers = {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
      ...RAW_SECURITY_HEADERS,
    };
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`, () => socket.destroy());
    return;
  }
  socket.destroy(error);
}
