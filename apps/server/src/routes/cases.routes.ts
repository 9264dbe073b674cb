import { CaseAttachmentSchema, CaseCommandRequestSchema, CaseCommandResponseSchema, CaseEventSchema, CaseQuerySchema, CaseSchema, CreateCaseSchema, IdParamsSchema } from '@guanjia/api-contract';
import { DomainError } from '@guanjia/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { createCase, executeCaseCommand, getCaseAttachments, getCaseDetail, getCaseEvents, listVisibleCases } from '../services/cases.service.ts';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(128).optional() }).passthrough();

export function caseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  r.post('/api/cases', {
    schema: { tags, summary: 'Register a case (受理). Send Idempotency-Key to make retries safe.', headers: IdempotencyHeaders, body: CreateCaseSchema, response: { 201: CaseCommandResponseSchema } },
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const result = await createCase(deps, actorOf(req), req.body, typeof key === 'string' ? key : undefined);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(result.statusCode as 201).send(result.body as never);
  });
  r.get('/api/cases', { schema: { tags, summary: 'Case lists and queues (mine, department, unassigned, open, closed)', querystring: CaseQuerySchema, response: { 200: z.object({ items: z.array(CaseSchema), nextCursor: z.string().nullable() }) } } }, async (req) =>
    listVisibleCases(deps, actorOf(req), req.query),
  );
  r.get('/api/cases/:id', { schema: { tags, summary: 'One case with the commands I may give now', params: IdParamsSchema, response: { 200: z.object({ case: CaseSchema, allowedCommands: z.array(z.string()) }) } } }, async (req) =>
    getCaseDetail(deps, actorOf(req), req.params.id),
  );
  r.get('/api/cases/:id/events', { schema: { tags, summary: 'The case history (owners do not see internal events)', params: IdParamsSchema, response: { 200: z.array(CaseEventSchema) } } }, async (req) =>
    getCaseEvents(deps, actorOf(req), req.params.id),
  );
  r.get('/api/cases/:id/attachments', { schema: { tags, summary: 'Files of the case history (name, type, size) for previews; owners only those of events they see', params: IdParamsSchema, response: { 200: z.array(CaseAttachmentSchema) } } }, async (req) =>
    getCaseAttachments(deps, actorOf(req), req.params.id),
  );
  r.post('/api/cases/:id/commands', {
    schema: { tags, summary: 'Give a workflow command; refused unless the workflow allows it now for you', params: IdParamsSchema, body: CaseCommandRequestSchema, response: { 200: CaseCommandResponseSchema } },
  }, async (req) => {
    if (!req.body.command) throw new DomainError('FIELD_REQUIRED', 'command');
    return executeCaseCommand(deps, actorOf(req), req.params.id, req.body.command, req.body.expectedVersion);
  });
}
