import {
  CreateEscalationFormSchema,
  EscalationFormListQuerySchema,
  EscalationFormListSchema,
  EscalationFormSchema,
  IdParamsSchema,
  RespondEscalationSchema,
  VerifyEscalationSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as escalations from '../services/escalations.service.ts';

/** Fault escalation forms (故障转呈单) and work-liaison letters (工作联系函): issue 16 item 3, decision 0035. Staff only. */
export function escalationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['escalations'];

  r.get(
    '/api/escalations',
    {
      schema: {
        tags,
        summary: 'Escalation forms of my offices (escalation.write) and those sent to my department (escalation.answer)',
        querystring: EscalationFormListQuerySchema,
        response: withErrors({ 200: EscalationFormListSchema }, [403]),
      },
    },
    async (req) => escalations.listEscalationFormsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/escalations',
    {
      schema: {
        tags,
        summary: '故障转呈单 or 工作联系函 from an office to a department, with a requested response date and its cases (escalation.write)',
        body: CreateEscalationFormSchema,
        response: withErrors({ 201: EscalationFormSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await escalations.createEscalationForm(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/escalations/:id',
    { schema: { tags, summary: 'An escalation form', params: IdParamsSchema, response: withErrors({ 200: EscalationFormSchema }, [403, 404]) } },
    async (req) => escalations.getEscalationForm(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/escalations/:id/response',
    {
      schema: {
        tags,
        summary: 'The department’s response; the feedback date is now (escalation.answer, of the target department)',
        params: IdParamsSchema,
        body: RespondEscalationSchema,
        response: withErrors({ 200: EscalationFormSchema }, [403, 404, 409]),
      },
    },
    async (req) => escalations.respondEscalationForm(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/escalations/:id/verification',
    {
      schema: {
        tags,
        summary: 'The office verifies the fix, or sends it back to the department with a note and a new requested date (escalation.write)',
        params: IdParamsSchema,
        body: VerifyEscalationSchema,
        response: withErrors({ 200: EscalationFormSchema }, [403, 404, 409]),
      },
    },
    async (req) => escalations.verifyEscalationForm(deps, staffOf(req), req.params.id, req.body),
  );
}
