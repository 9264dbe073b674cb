import {
  AddContactSchema,
  CSV_MEDIA_TYPE,
  OwnerExportQuerySchema,
  rawResponse,
  XLSX_CONTENT_TYPE,
  GradeDecisionSchema,
  GradeRequestInputSchema,
  GradeRequestQuerySchema,
  GradeRequestSchema,
  IdParamsSchema,
  MovedInSchema,
  MovedOutSchema,
  MoveInSchema,
  MoveOutSchema,
  OwnerArchiveSchema,
  OwnerQuerySchema,
  OwnerSchema,
  OwnerVisitQuerySchema,
  OwnerVisitSchema,
  RevealedSchema,
  RevealSchema,
  UpdateOwnerSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as grades from '../services/grade-requests.service.ts';
import { exportOwnerList } from '../services/owner-list-export.ts';
import * as moves from '../services/move.service.ts';
import * as owners from '../services/owners.service.ts';
import * as visits from '../services/visits.service.ts';

export function ownerRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['owners'];
  r.post(
    '/api/move-ins',
    {
      schema: {
        tags,
        summary: '入住登记: create the archive (or take an existing one), tie the unit, record the move-in date and the new-owner visit due within a month',
        body: MoveInSchema,
        response: withErrors({ 201: MovedInSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await moves.registerMoveIn(deps, staffOf(req), req.body)),
  );
  r.post(
    '/api/owners/:id/move-outs',
    {
      schema: {
        tags,
        summary: '迁出/过户: end the owner’s tie to a unit (kept as history); a transfer ends every 产权人 tie and moves the new 产权人 in, in one transaction',
        params: IdParamsSchema,
        body: MoveOutSchema,
        response: withErrors({ 201: MovedOutSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await moves.registerMoveOut(deps, staffOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/visits',
    {
      schema: {
        tags,
        summary: 'Visits due to owners in my projects (the new-owner visit of each move-in), soonest due first',
        querystring: OwnerVisitQuerySchema,
        response: withErrors({ 200: z.array(OwnerVisitSchema) }, [403]),
      },
    },
    async (req) => visits.listVisits(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/owners',
    {
      schema: {
        tags,
        summary:
          'The owner list: by name, phone (whole or last 4), unit (1-2-301); filters project, building, grade, special needs, current or former (contacts masked)',
        querystring: OwnerQuerySchema,
        response: withErrors({ 200: z.array(OwnerSchema) }, [403, 404]),
      },
    },
    async (req) => owners.findOwners(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/exports/owners',
    {
      schema: {
        tags: ['exports', ...tags],
        summary: '业主 as a file (.xlsx or CSV): every owner GET /api/owners would list with this query (all pages), masked as the list masks it; logged',
        querystring: OwnerExportQuerySchema,
        response: withErrors({ 200: rawResponse('The owners, one row each (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportOwnerList(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
  r.get(
    '/api/owners/:id',
    { schema: { tags, summary: 'One owner (contacts masked)', params: IdParamsSchema, response: withErrors({ 200: OwnerSchema }, [403]) } },
    async (req) => owners.getOwner(deps, staffOf(req), req.params.id),
  );
  r.patch(
    '/api/owners/:id',
    {
      schema: {
        tags,
        summary: 'Edit the archive (recorded as an event)',
        params: IdParamsSchema,
        body: UpdateOwnerSchema,
        response: withErrors({ 200: OwnerSchema }, [403, 409]),
      },
    },
    async (req) => owners.editOwner(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/owners/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a phone, email or WeChat id',
        params: IdParamsSchema,
        body: AddContactSchema,
        response: withErrors({ 201: OwnerSchema }, [403]),
      },
    },
    async (req, reply) => reply.status(201).send(await owners.addOwnerContact(deps, staffOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/owners/:id/reveal',
    {
      schema: {
        tags,
        summary: 'Unmask a phone or ID number (permission needed; logged with the reason)',
        params: IdParamsSchema,
        body: RevealSchema,
        response: withErrors({ 200: RevealedSchema }, [403]),
      },
    },
    async (req) => owners.revealOwnerField(deps, staffOf(req), req.params.id, req.body, req.ip),
  );
  r.get(
    '/api/owners/:id/archive',
    {
      schema: {
        tags,
        summary: "The owner's whole history: cases, messages, archive events",
        params: IdParamsSchema,
        response: withErrors({ 200: OwnerArchiveSchema }, [403]),
      },
    },
    async (req) => owners.getOwnerArchive(deps, staffOf(req), req.params.id),
  );
  // 客户分级变更: asked by the desk, decided by an office manager or leadership (seed 004)
  r.post(
    '/api/owners/:id/grade-requests',
    {
      schema: {
        tags,
        summary: 'Ask for a change of the owner’s customer grade (it changes only when a manager approves)',
        params: IdParamsSchema,
        body: GradeRequestInputSchema,
        response: withErrors({ 201: GradeRequestSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await grades.requestOwnerGrade(deps, staffOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/grade-requests',
    {
      schema: {
        tags,
        summary: 'Customer-grade change requests of the owners in my projects (status=pending: awaiting approval)',
        querystring: GradeRequestQuerySchema,
        response: withErrors({ 200: z.array(GradeRequestSchema) }, [403]),
      },
    },
    async (req) => grades.listOwnerGradeRequests(deps, staffOf(req), req.query),
  );
  const decision = (approve: boolean, summary: string) => ({
    schema: { tags, summary, params: IdParamsSchema, body: GradeDecisionSchema, response: withErrors({ 200: GradeRequestSchema }, [403, 404, 409]) },
  });
  r.post(
    '/api/grade-requests/:id/approve',
    decision(true, 'Approve a customer-grade change (office manager or leadership, not one’s own request): the grade changes'),
    async (req) => grades.decideOwnerGrade(deps, staffOf(req), req.params.id, { approve: true, note: req.body.note }),
  );
  r.post('/api/grade-requests/:id/reject', decision(false, 'Reject a customer-grade change (note required: why); the grade stays'), async (req) =>
    grades.decideOwnerGrade(deps, staffOf(req), req.params.id, { approve: false, note: req.body.note }),
  );
}
