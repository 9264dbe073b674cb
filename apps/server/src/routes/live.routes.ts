import { rawResponse } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { openEventStream } from './event-stream.ts';

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
      openEventStream(req, reply, (send) => deps.live!.subscribe(actor, (e) => send(e.type, { caseId: e.caseId, projectId: e.projectId, events: e.events })));
    },
  );
}
