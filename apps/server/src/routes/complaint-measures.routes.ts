import {
  ComplaintCausesExportQuerySchema,
  ComplaintCausesQuerySchema,
  ComplaintCausesReportSchema,
  ComplaintMeasureSchema,
  CompleteComplaintMeasureSchema,
  CreateComplaintMeasureSchema,
  CSV_MEDIA_TYPE,
  IdParamsSchema,
  rawResponse,
  VerifyComplaintMeasureSchema,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import { exportComplaintCauses } from '../services/complaint-causes-export.ts';
import * as measures from '../services/complaint-measures.service.ts';

/** Complaint causes ranked and their corrective measures (纠正措施): issue 16 item 1, decision 0039. Staff only. */
export function complaintMeasureRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  r.get(
    '/api/reports/complaint-causes',
    {
      schema: {
        tags,
        summary: 'Complaint causes ranked by count, share, the main causes (80 % Pareto) and each cause’s corrective measures (report.read)',
        querystring: ComplaintCausesQuerySchema,
        response: withErrors({ 200: ComplaintCausesReportSchema }, [403, 404]),
      },
    },
    async (req) => measures.complaintCausesReport(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/exports/complaint-causes',
    {
      schema: {
        tags,
        summary: 'The complaint causes and their corrective measures as a file (.xlsx or CSV): a row per measure, a cause without one a row',
        querystring: ComplaintCausesExportQuerySchema,
        response: withErrors({ 200: rawResponse('The causes and their measures (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportComplaintCauses(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
  r.post(
    '/api/complaint-measures',
    {
      schema: {
        tags,
        summary: 'Record a corrective measure (纠正措施) of a project’s complaint cause for a month (complaint.measure)',
        body: CreateComplaintMeasureSchema,
        response: withErrors({ 201: ComplaintMeasureSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await measures.createComplaintMeasure(deps, staffOf(req), req.body)),
  );
  r.post(
    '/api/complaint-measures/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark a corrective measure done with its result (complaint.measure, in its project)',
        params: IdParamsSchema,
        body: CompleteComplaintMeasureSchema,
        response: withErrors({ 200: ComplaintMeasureSchema }, [403, 404, 409]),
      },
    },
    async (req) => measures.completeMeasure(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/complaint-measures/:id/verify',
    {
      schema: {
        tags,
        summary:
          'The quality department’s verification (效果验证) of a done corrective measure: what was checked and whether it worked (complaint.verify, in its project)',
        params: IdParamsSchema,
        body: VerifyComplaintMeasureSchema,
        response: withErrors({ 200: ComplaintMeasureSchema }, [403, 404, 409]),
      },
    },
    async (req) => measures.verifyMeasure(deps, staffOf(req), req.params.id, req.body),
  );
}
