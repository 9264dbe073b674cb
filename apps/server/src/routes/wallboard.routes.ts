import {
  CreateDisplayTokenSchema,
  CreatedDisplayTokenSchema,
  DisplayTokenListSchema,
  IdParamsSchema,
  NoContentSchema,
  rawResponse,
  WallboardQuerySchema,
  WallboardSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { createDisplayToken, listDisplayTokensOf, requireDisplayToken, revokeDisplayTokenOf } from '../services/display-tokens.service.ts';
import { wallboardOf } from '../services/wallboard.service.ts';
import { openEventStream } from './event-stream.ts';

/** The display token of a wallboard request: the x-display-token header, else ?token= (an EventSource sends no headers). */
function displayTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-display-token'];
  if (typeof header === 'string' && header) return header;
  return (req.query as { token?: string } | undefined)?.token;
}

/**
 * The wallboard (大屏, issue 16 item 4, decision 0036): display tokens (staff.admin), and the board they
 * open. The board and its live stream are public routes as far as sessions go: the display token is
 * their only credential, and a missing, unknown or revoked one is 401.
 */
export function wallboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wallboard'];
  r.get(
    '/api/display-tokens',
    {
      schema: {
        tags,
        summary: 'Display tokens of wallboards (staff.admin); never the token itself',
        response: withErrors({ 200: DisplayTokenListSchema }, [403]),
      },
    },
    async (req) => listDisplayTokensOf(deps, staffOf(req)),
  );
  r.post(
    '/api/display-tokens',
    {
      schema: {
        tags,
        summary: 'Create a display token for a wallboard of some projects (shown once)',
        body: CreateDisplayTokenSchema,
        response: withErrors({ 201: CreatedDisplayTokenSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await createDisplayToken(deps, staffOf(req), req.body)),
  );
  r.delete(
    '/api/display-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a display token (its board is refused from then on)',
        params: IdParamsSchema,
        response: withErrors({ 204: NoContentSchema }, [403]),
      },
    },
    async (req, reply) => {
      await revokeDisplayTokenOf(deps, staffOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/wallboard',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The wallboard of a display token (header x-display-token or ?token=): clocks at risk and breached, today’s intake, on duty, notices',
        querystring: WallboardQuerySchema,
        response: withErrors({ 200: WallboardSchema }, [401]),
      },
    },
    async (req) => wallboardOf(deps, await requireDisplayToken(deps, displayTokenOf(req))),
  );
  r.get(
    '/api/wallboard/live',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Server-sent events for a wallboard (?token=): `changed` when a case of its projects is created or changes, or a clock alerts',
        querystring: WallboardQuerySchema,
        response: withErrors({ 200: rawResponse('An event stream; each `changed` event’s data is { projectId }', ['text/event-stream']) }, [401]),
      },
    },
    async (req, reply) => {
      const token = await requireDisplayToken(deps, displayTokenOf(req));
      openEventStream(req, reply, (send) =>
        deps.live!.subscribeProjects(token.organizationId, token.projectIds, (e) => send('changed', { projectId: e.projectId })),
      );
    },
  );
}
