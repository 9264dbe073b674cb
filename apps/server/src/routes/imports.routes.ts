import {
  IdParamsSchema,
  ImportApplyInputSchema,
  ImportDryRunSchema,
  ImportKindParamsSchema,
  ImportMappingInputSchema,
  ImportSchema,
  ImportUploadQuerySchema,
  rawResponse,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { contentDisposition } from '../services/attachment-content.ts';
import { importTemplate, TEMPLATE_TITLES } from '../services/import-template.ts';
import { importReportWorkbook } from '../services/import-report.ts';
import { applyImport, dryRunImport, getImport, listMyImports, remapImport, requireImportCapability } from '../services/imports.service.ts';
import { localeOf } from '../plugins/errors.ts';

/** Imports of the estate from workbooks (issue 12, decision 0021). */
export function importRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  const xlsx = (reply: import('fastify').FastifyReply, name: string, body: Buffer) =>
    reply.type(XLSX_CONTENT_TYPE).header('content-disposition', contentDisposition('attachment', name)).header('cache-control', 'private, no-store').send(body);
  r.get(
    '/api/imports/templates/:kind',
    {
      schema: {
        tags,
        summary: 'The .xlsx template of an import: Chinese headers, dropdowns, an instruction sheet (who may import that kind)',
        params: ImportKindParamsSchema,
        response: withErrors({ 200: rawResponse('The template workbook', [XLSX_CONTENT_TYPE]) }, [403]),
      },
    },
    async (req, reply) => {
      requireImportCapability(staffOf(req), req.params.kind);
      return xlsx(reply, `${TEMPLATE_TITLES[req.params.kind]}.xlsx`, await importTemplate(req.params.kind));
    },
  );
  r.get(
    '/api/imports',
    {
      schema: {
        tags,
        summary: 'Your recent imports (an import is its uploader’s)',
        response: withErrors({ 200: z.array(ImportSchema) }, []),
      },
    },
    async (req) => listMyImports(deps, staffOf(req)),
  );
  r.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: its status, counts and the apply’s progress',
        params: IdParamsSchema,
        response: withErrors({ 200: ImportSchema }, [404]),
      },
    },
    async (req) => getImport(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/imports/:id/report',
    {
      schema: {
        tags,
        summary: 'The dry run as a workbook: the uploaded rows with 结果 and 问题 columns and the bad cells marked (until applied: the upload is then deleted)',
        params: IdParamsSchema,
        response: withErrors({ 200: rawResponse('The report workbook', [XLSX_CONTENT_TYPE]) }, [404, 409]),
      },
    },
    async (req, reply) => {
      const report = await importReportWorkbook(deps, staffOf(req), req.params.id, localeOf(req));
      return xlsx(reply, report.filename, report.body);
    },
  );
  r.put(
    '/api/imports/:id/mapping',
    {
      schema: {
        tags,
        summary: 'Your own columns: which of ours each column of the sheet is (saved for your organization); the dry run again',
        params: IdParamsSchema,
        body: ImportMappingInputSchema,
        response: withErrors({ 200: ImportDryRunSchema }, [404, 409]),
      },
    },
    async (req) => remapImport(deps, staffOf(req), req.params.id, req.body.columns, localeOf(req)),
  );
  r.post(
    '/api/imports/:id/apply',
    {
      schema: {
        tags,
        summary:
          'Apply: exactly what the dry run said, or nothing (409 when the data changed since, or rows have problems and skipping them is not confirmed); apply again to resume a killed one',
        params: IdParamsSchema,
        body: ImportApplyInputSchema,
        response: withErrors({ 200: ImportSchema }, [404, 409]),
      },
    },
    async (req) => applyImport(deps, staffOf(req), req.params.id, req.body),
  );
  // the workbook is the raw body (its own parser and body limit, encapsulated from the JSON routes)
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.importBytes }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(
      '/api/imports/:kind/dry-run',
      {
        bodyLimit: deps.limits.importBytes,
        schema: {
          tags,
          summary: '预检: upload a workbook (.xlsx, raw body); what importing it would do, row by row, with every problem; the estate is not written',
          params: ImportKindParamsSchema,
          querystring: ImportUploadQuerySchema,
          response: withErrors({ 200: ImportDryRunSchema }, [403, 413]),
        },
      },
      async (req) =>
        dryRunImport(deps, staffOf(req), req.params.kind, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), localeOf(req), req.query.filename),
    );
  });
}
