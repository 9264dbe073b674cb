import {
  CaseExportQuerySchema,
  ComplaintCategoriesExportQuerySchema,
  CSV_MEDIA_TYPE,
  OutcomesExportQuerySchema,
  rawResponse,
  TimelinessExportQuerySchema,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import { exportCaseLedger } from '../services/case-ledger-export.ts';
import { exportComplaintCategories, exportOutcomes, exportTimeliness } from '../services/report-exports.ts';

const FILE = [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE];

/** Exports of the console's tables as .xlsx (default) or CSV (issue 12, item 5): staff only, each logged in the audit log. */
export function exportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exports'];
  r.get(
    '/api/exports/cases',
    {
      schema: {
        tags,
        summary: '工单台账 / a queue as a file: every case GET /api/cases would list with this query (all pages), masked as the list masks it',
        querystring: CaseExportQuerySchema,
        response: withErrors({ 200: rawResponse('The cases, one row each (.xlsx or CSV)', FILE) }, [403, 404]),
      },
    },
    async (req, reply) => exportCaseLedger(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
  r.get(
    '/api/exports/timeliness',
    {
      schema: {
        tags,
        summary: 'The timeliness report (沟通及时率) as a file: GET /api/reports/timeliness’s rows and total',
        querystring: TimelinessExportQuerySchema,
        response: withErrors({ 200: rawResponse('The report’s rows (.xlsx or CSV)', FILE) }, [403, 404]),
      },
    },
    async (req, reply) => exportTimeliness(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
  r.get(
    '/api/exports/outcomes',
    {
      schema: {
        tags,
        summary: 'Resolution success, satisfaction and ratings as a file: GET /api/reports/outcomes’s rows',
        querystring: OutcomesExportQuerySchema,
        response: withErrors({ 200: rawResponse('The report’s rows (.xlsx or CSV)', FILE) }, [403, 404]),
      },
    },
    async (req, reply) => exportOutcomes(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
  r.get(
    '/api/exports/complaint-categories',
    {
      schema: {
        tags,
        summary: 'Complaints by category, the most frequent first, as a file (the outcomes report’s ranking)',
        querystring: ComplaintCategoriesExportQuerySchema,
        response: withErrors({ 200: rawResponse('The categories and their counts (.xlsx or CSV)', FILE) }, [403, 404]),
      },
    },
    async (req, reply) => exportComplaintCategories(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
}
