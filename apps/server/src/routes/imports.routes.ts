import { ImportDryRunSchema, ImportKindParamsSchema, rawResponse, withErrors, XLSX_CONTENT_TYPE } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { contentDisposition } from '../services/attachment-content.ts';
import { importTemplate, TEMPLATE_TITLES } from '../services/import-template.ts';
import { dryRunImport, requireImportCapability } from '../services/imports.service.ts';
import { localeOf } from '../plugins/errors.ts';

/** Imports of the estate from workbooks (issue 12). */
export function importRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
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
      const body = await importTemplate(req.params.kind);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', contentDisposition('attachment', `${TEMPLATE_TITLES[req.params.kind]}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(body);
    },
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
          summary: '预检: what importing this workbook (.xlsx, raw body) would do, row by row, with every problem; writes nothing',
          params: ImportKindParamsSchema,
          response: withErrors({ 200: ImportDryRunSchema }, [403, 413]),
        },
      },
      async (req) => dryRunImport(deps, staffOf(req), req.params.kind, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), localeOf(req)),
    );
  });
}
