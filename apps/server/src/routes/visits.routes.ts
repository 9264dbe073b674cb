import {
  AddVisitSchema,
  EditVisitSchema,
  GenerateVisitPlanSchema,
  IdParamsSchema,
  OpinionCaseSchema,
  OpinionParamsSchema,
  OwnerVisitSchema,
  RecordVisitSchema,
  RemoveVisitSchema,
  VisitDetailSchema,
  VisitPlanQuerySchema,
  VisitPlanSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as plans from '../services/visit-plans.service.ts';
import * as records from '../services/visit-records.service.ts';

/** Visits (走访, issue 14 item 2, decision 0029): the monthly plan per building, its edits, the visit record, opinions → cases. Staff only. */
export function visitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];

  r.post(
    '/api/visit-plans',
    {
      schema: {
        tags,
        summary: 'Generate (or regenerate) a project’s visit plan of a month by rule: the visits not yet made are planned again (visit.plan)',
        body: GenerateVisitPlanSchema,
        response: withErrors({ 200: VisitPlanSchema }, [403, 404]),
      },
    },
    async (req) => plans.generatePlan(deps, staffOf(req), req.body),
  );
  r.get(
    '/api/visit-plans',
    {
      schema: {
        tags,
        summary: 'A project’s visit plan of a month with each person’s quota progress per building (visit.make or visit.plan)',
        querystring: VisitPlanQuerySchema,
        response: withErrors({ 200: VisitPlanSchema }, [403, 404]),
      },
    },
    async (req) => plans.getPlan(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/visits',
    {
      schema: {
        tags,
        summary: 'Add a household to a plan: a routine visit two months after the last, or a required follow-up (visit.plan)',
        body: AddVisitSchema,
        response: withErrors({ 201: OwnerVisitSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await plans.addVisit(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/visits/:id',
    {
      schema: {
        tags,
        summary: 'A visit with its record and opinions; the private observations only with visit.private',
        params: IdParamsSchema,
        response: withErrors({ 200: VisitDetailSchema }, [403, 404]),
      },
    },
    async (req) => records.getVisit(deps, staffOf(req), req.params.id),
  );
  r.patch(
    '/api/visits/:id',
    {
      schema: {
        tags,
        summary: 'Change a visit still due: visitor, companion, day, time (visit.plan); the appointment also by its visitor or companion (visit.make)',
        params: IdParamsSchema,
        body: EditVisitSchema,
        response: withErrors({ 200: OwnerVisitSchema }, [403, 404, 409]),
      },
    },
    async (req) => plans.editVisit(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/visits/:id/remove',
    {
      schema: {
        tags,
        summary: 'Take a visit still due out of its plan (visit.plan)',
        params: IdParamsSchema,
        body: RemoveVisitSchema,
        response: withErrors({ 200: OwnerVisitSchema }, [403, 404, 409]),
      },
    },
    async (req) => plans.removeVisit(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/visits/:id/record',
    {
      schema: {
        tags,
        summary: 'Record a visit made (客户访问记录): topics of the project’s phase, private observations, opinions, the new-owner evaluation (visit.make)',
        params: IdParamsSchema,
        body: RecordVisitSchema,
        response: withErrors({ 200: VisitDetailSchema }, [403, 404, 409]),
      },
    },
    async (req) => records.recordVisit(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/visits/:id/opinions/:opinionId/case',
    {
      schema: {
        tags,
        summary: 'Turn an opinion raised at a visit into a case, in one step (visit.make and case.create); answers the visit',
        params: OpinionParamsSchema,
        body: OpinionCaseSchema,
        response: withErrors({ 200: VisitDetailSchema }, [403, 404, 409]),
      },
    },
    async (req) => records.opinionToCase(deps, staffOf(req), req.params.id, req.params.opinionId, req.body),
  );
}
