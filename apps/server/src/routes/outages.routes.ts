import {
  ActiveOutagesQuerySchema,
  CaseOutageListSchema,
  CreateOutageSchema,
  IdParamsSchema,
  LinkOutageSchema,
  OutageListSchema,
  OutageQuerySchema,
  OutageSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as outages from '../services/outages.service.ts';

/** The outage register (停水/停电/电梯停运 …, issue 13 item 7): registered and closed by the service centre, shown at intake, linked to cases. Staff only. */
export function outageRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outages'];

  r.post(
    '/api/outages',
    {
      schema: {
        tags,
        summary: 'Register an outage: what, where (buildings; none = the whole project), when, why and what to tell callers (case.intake)',
        body: CreateOutageSchema,
        response: withErrors({ 201: OutageSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await outages.createOutage(deps, staffOf(req), req.body)),
  );
  r.post(
    '/api/outages/:id/close',
    {
      schema: {
        tags,
        summary: 'Close an outage that is over: no longer shown at intake (case.intake)',
        params: IdParamsSchema,
        response: withErrors({ 200: OutageSchema }, [403, 404, 409]),
      },
    },
    async (req) => outages.closeOutage(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/outages',
    {
      schema: {
        tags,
        summary: 'A project’s outages: those in effect now (default), or the whole register (active=false)',
        querystring: OutageQuerySchema,
        response: withErrors({ 200: OutageListSchema }, [403, 404]),
      },
    },
    async (req) => outages.listOutages(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/outages/active',
    {
      schema: {
        tags,
        summary: 'The outages in effect now that cover a unit (its building or its whole project), with what to tell the caller',
        querystring: ActiveOutagesQuerySchema,
        response: withErrors({ 200: OutageListSchema }, [403, 404]),
      },
    },
    async (req) => outages.activeOutagesForUnit(deps, staffOf(req), req.query.unitId),
  );
  r.post(
    '/api/cases/:id/outage-links',
    {
      schema: {
        tags,
        summary: 'Link a case to an outage of its project (a link made before is kept); answers the case’s outages',
        params: IdParamsSchema,
        body: LinkOutageSchema,
        response: withErrors({ 200: CaseOutageListSchema }, [403, 404]),
      },
    },
    async (req) => outages.linkCaseToOutage(deps, staffOf(req), req.params.id, req.body.outageId),
  );
  r.get(
    '/api/cases/:id/outages',
    {
      schema: {
        tags,
        summary: 'The outages a case is linked to',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseOutageListSchema }, [403, 404]),
      },
    },
    async (req) => outages.listCaseOutages(deps, staffOf(req), req.params.id),
  );
}
