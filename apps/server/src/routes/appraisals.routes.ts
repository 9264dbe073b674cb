import {
  AppraisableStaffListSchema,
  AppraisalListQuerySchema,
  AppraisalListSchema,
  AppraisalSchema,
  AppraisalWeightsSchema,
  CommentAppraisalSchema,
  CreateAppraisalSchema,
  IdParamsSchema,
  rawResponse,
  SaveAppraisalWeightsSchema,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { localeOf } from '../plugins/errors.ts';
import { staffOf } from '../plugins/auth.ts';
import * as appraisals from '../services/appraisals.service.ts';
import { exportAppraisal } from '../services/appraisal-export.ts';

/** Staff appraisal (考核): issue 16 item 2, decision 0037. Staff only. */
export function appraisalRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appraisals'];

  r.get(
    '/api/appraisal-weights',
    {
      schema: {
        tags,
        summary: 'The company’s weights of the appraisal’s measures, or the defaults (appraisal.write or staff.admin)',
        response: withErrors({ 200: AppraisalWeightsSchema }, [403]),
      },
    },
    async (req) => appraisals.getWeights(deps, staffOf(req)),
  );
  r.put(
    '/api/appraisal-weights',
    {
      schema: {
        tags,
        summary: 'Set the company’s weights and allowances; sheets drawn up before keep theirs (staff.admin)',
        body: SaveAppraisalWeightsSchema,
        response: withErrors({ 200: AppraisalWeightsSchema }, [403]),
      },
    },
    async (req) => appraisals.saveWeights(deps, staffOf(req), req.body),
  );
  r.get(
    '/api/appraisal-staff',
    {
      schema: {
        tags,
        summary: 'The staff I may draw up a sheet for: active, of my projects, not myself (appraisal.write)',
        response: withErrors({ 200: AppraisableStaffListSchema }, [403]),
      },
    },
    async (req) => appraisals.appraisableStaff(deps, staffOf(req)),
  );
  r.get(
    '/api/appraisals',
    {
      schema: {
        tags,
        summary: 'My own sheets and those of the staff I oversee (appraisal.write), the latest period first',
        querystring: AppraisalListQuerySchema,
        response: withErrors({ 200: AppraisalListSchema }, [403]),
      },
    },
    async (req) => appraisals.listSheets(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/appraisals',
    {
      schema: {
        tags,
        summary: 'Draw up a sheet for someone I oversee and a period (local dates, both included): figures counted now and frozen (appraisal.write)',
        body: CreateAppraisalSchema,
        response: withErrors({ 201: AppraisalSchema }, [403, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await appraisals.createAppraisal(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/appraisals/:id',
    {
      schema: {
        tags,
        summary: 'One sheet: my own, or one of the staff I oversee (appraisal.write); else 404',
        params: IdParamsSchema,
        response: withErrors({ 200: AppraisalSchema }, [403, 404]),
      },
    },
    async (req) => appraisals.getSheet(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/appraisals/:id/comment',
    {
      schema: {
        tags,
        summary: 'The supervisor’s comment, until the person acknowledges; they are told (appraisal.write; not one’s own)',
        params: IdParamsSchema,
        body: CommentAppraisalSchema,
        response: withErrors({ 200: AppraisalSchema }, [403, 404, 409]),
      },
    },
    async (req) => appraisals.commentSheet(deps, staffOf(req), req.params.id, req.body.comment),
  );
  r.post(
    '/api/appraisals/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'The person’s acknowledgement (确认) of their commented sheet (only the person themself)',
        params: IdParamsSchema,
        response: withErrors({ 200: AppraisalSchema }, [403, 404, 409]),
      },
    },
    async (req) => appraisals.acknowledgeSheet(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/appraisals/:id/export.xlsx',
    {
      schema: {
        tags,
        summary: 'The sheet as .xlsx: the person and period, each measure with its figures, weight and points, the score, comment and acknowledgement (logged)',
        params: IdParamsSchema,
        response: withErrors({ 200: rawResponse('The appraisal sheet (.xlsx)', [XLSX_CONTENT_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportAppraisal(reply, deps, staffOf(req), req.params.id, localeOf(req)),
  );
}
