import { ImportKindParamsSchema, rawResponse, withErrors, XLSX_CONTENT_TYPE } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { contentDisposition } from '../services/attachment-content.ts';
import { importTemplate, TEMPLATE_TITLES } from '../services/import-template.ts';
import { requireImportCapability } from '../services/imports.service.ts';

/** Imports of the estate from workbooks (issue 12). */
export function importRoutes(app: FastifyInstance, _deps: AppDeps) {
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
}
