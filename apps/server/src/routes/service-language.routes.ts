import {
  ServiceLanguageListBodySchema,
  ServiceLanguageListSchema,
  ServiceLanguageOverridesQuerySchema,
  ServiceLanguageOverridesReportSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { getServiceLanguageList, serviceLanguageOverridesReport, setServiceLanguageList } from '../services/service-language.service.ts';

/** Service language (服务忌语): the company's barred phrases and the overrides counted per staff member. */
export function serviceLanguageRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service-language'];
  r.get(
    '/api/service-language',
    {
      schema: {
        tags,
        summary: 'The company’s barred phrases (服务忌语) every owner-facing text is checked against (staff)',
        response: withErrors({ 200: ServiceLanguageListSchema }, [403]),
      },
    },
    async (req) => getServiceLanguageList(deps, staffOf(req)),
  );
  r.put(
    '/api/service-language',
    {
      schema: {
        tags,
        summary: 'Replace the company’s barred phrases (company-wide staff or structure administrators; audited)',
        body: ServiceLanguageListBodySchema,
        response: withErrors({ 200: ServiceLanguageListSchema }, [403]),
      },
    },
    async (req) => setServiceLanguageList(deps, staffOf(req), req.body.phrases),
  );
  r.get(
    '/api/reports/service-language-overrides',
    {
      schema: {
        tags,
        summary: 'Flagged texts sent anyway (仍然发送), counted per staff member and local month, in the reader’s projects',
        querystring: ServiceLanguageOverridesQuerySchema,
        response: withErrors({ 200: ServiceLanguageOverridesReportSchema }, [403, 404]),
      },
    },
    async (req) => serviceLanguageOverridesReport(deps, staffOf(req), req.query),
  );
}
