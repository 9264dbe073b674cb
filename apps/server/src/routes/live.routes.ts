import { rawResponse } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { SECURITY_HEADERS } from '../plugins/security-headers.ts';
import { actorOf } from '../plugins/auth.ts';

/**
 * GET /api/live: server-sent events of committed changes this caller may see (cases created or
 * changed, SLA warnings and escalations). The browser's EventSource sends the session cookie.
 */
export function liveRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(
    '/api/live',
    {
      schema: {
        tags: ['live'],
        summary: 'Server-sent events: case.created, case.changed, sla.alert (only what you may see)',
        response: { 200: rawResponse('An event stream; each event’s data is { caseId, projectId, events }', ['text/event-stream']) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      reply.hijack();
      const out = reply.raw;
      // a hijacked reply writes its own head: the security headers go with it
      out.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write('retry: 3000\n: connected\n\n');
      const unsubscribe = deps.live!.subscribe(actor, (e) => {
        out.write(`event: ${e.type}\ndata: ${JSON.stringify({ caseId: e.caseId, projectId: e.projectId, events: e.events })}\n\n`);
      });
      const heartbeat = setInterval(() => out.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
