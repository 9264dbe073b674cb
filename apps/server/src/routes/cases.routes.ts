import {
  CaseAttachmentSchema,
  CaseCommandRequestSchema,
  CaseCommandResponses,
  CaseCountsQuerySchema,
  CaseCountsSchema,
  CaseDetailResponses,
  CaseEventsResponses,
  CaseListResponses,
  CaseQuerySchema,
  CreateCaseSchema,
  IdParamsSchema,
  withErrors,
} from '@guanjia/api-contract';
import { DomainError } from '@guanjia/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { sendFor } from '../plugins/contract.ts';
import { createCase, executeCaseCommand, getCaseAttachments, getCaseDetail, getCaseEvents, listVisibleCases } from '../services/cases.service.ts';
import { countQueues } from '../services/case-counts.service.ts';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(128).optional() }).passthrough();

/** Cases answer staff and owners with different schemas (owners see less): `sendFor` picks the caller's. */
export function caseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  r.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Register a case (受理). Send Idempotency-Key to make retries safe.',
        headers: IdempotencyHeaders,
        body: CreateCaseSchema,
        response: withErrors({ 201: CaseCommandResponses.documented }, [403, 404, 409]),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const actor = actorOf(req);
      const result = await createCase(deps, actor, req.body, typeof key === 'string' ? key : undefined);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return sendFor(reply.status(result.statusCode as 201), actor, CaseCommandResponses, result.body);
    },
  );
  r.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Case lists and queues (mine, department, unassigned, open, closed, at_risk); staff get each case’s nextDueAt',
        querystring: CaseQuerySchema,
        response: withErrors({ 200: CaseListResponses.documented }, [403]),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return sendFor(reply, actor, CaseListResponses, await listVisibleCases(deps, actor, req.query));
    },
  );
  r.get(
    '/api/cases/counts',
    {
      schema: {
        tags,
        summary: 'How many cases each queue holds for me, counted through its index up to 1000 (more: the console shows 1000+); staff only',
        querystring: CaseCountsQuerySchema,
        response: withErrors({ 200: CaseCountsSchema }, [403]),
      },
    },
    async (req) => countQueues(deps, actorOf(req), req.query),
  );
  r.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case with the commands I may give now',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseDetailResponses.documented }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return sendFor(reply, actor, CaseDetailResponses, await getCaseDetail(deps, actor, req.params.id));
    },
  );
  r.get(
    '/api/cases/:id/events',
    {
      schema: {
        tags,
        summary: 'The case history (owners do not see internal events)',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseEventsResponses.documented }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return sendFor(reply, actor, CaseEventsResponses, await getCaseEvents(deps, actor, req.params.id));
    },
  );
  r.get(
    '/api/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Files of the case history (name, type, size) for previews; owners only those of events they see',
        params: IdParamsSchema,
        response: withErrors({ 200: z.array(CaseAttachmentSchema) }),
      },
    },
    async (req) => getCaseAttachments(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/commands',
    {
      schema: {
        tags,
        summary: 'Give a workflow command; refused unless the workflow allows it now for you',
        params: IdParamsSchema,
        body: CaseCommandRequestSchema,
        response: withErrors({ 200: CaseCommandResponses.documented }, [403, 409]),
      },
    },
    async (req, reply) => {
      if (!req.body.command) throw new DomainError('FIELD_REQUIRED', 'command');
      const actor = actorOf(req);
      return sendFor(
        reply,
        actor,
        CaseCommandResponses,
        await executeCaseCommand(deps, actor, req.params.id, req.body.command, req.body.expectedVersion, req.body.languageOverride),
      );
    },
  );
}
