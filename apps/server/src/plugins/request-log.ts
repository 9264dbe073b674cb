import type { FastifyInstance } from 'fastify';
import type { RequestLogConfig } from '../config.ts';

/** Default: no line for a normal request; one for a failed (5xx) or slow (≥ 1 s) one. */
export const DEFAULT_REQUEST_LOG: RequestLogConfig = { everyRequest: false, slowMs: 1000 };

/**
 * The request log at a large company's size (issue 11): a line per request at info level is 150 MB in a
 * bench run, so by default only what someone must look at is written — a failed request (5xx, error
 * level) and a slow one (warn, GUANJIA_SLOW_REQUEST_MS). The line names the route pattern, not the
 * URL: queries carry search text and phone digits. With GUANJIA_LOG_REQUESTS=true Fastify's own
 * per-request lines come back (and these are not repeated).
 */
export function registerRequestLog(app: FastifyInstance, config: RequestLogConfig = DEFAULT_REQUEST_LOG): void {
  if (config.everyRequest) return;
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    const line = { method: request.method, route: request.routeOptions.url ?? 'unknown', statusCode: reply.statusCode, responseTime: ms };
    if (reply.statusCode >= 500) request.log.error(line, 'request failed');
    else if (config.slowMs > 0 && ms >= config.slowMs) request.log.warn(line, 'slow request');
  });
}
