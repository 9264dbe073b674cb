import {
  AssignRoundCallerSchema,
  CallbackRoundAuditSchema,
  CallbackRoundExportQuerySchema,
  CallbackRoundListSchema,
  CallbackRoundQuerySchema,
  CallbackRoundSchema,
  CallbackRoundSummarySchema,
  CreateCallbackRoundSchema,
  CSV_MEDIA_TYPE,
  IdParamsSchema,
  rawResponse,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import { exportRoundSummary } from '../services/callback-round-export.ts';
import * as rounds from '../services/callback-rounds.service.ts';

/** The weekly sample's rounds (抽样回访) and their summary report (回访总结报告), issue 14 item 1, decision 0028. */
export function callbackRoundRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['callback-rounds'];

  r.post(
    '/api/callback-rounds',
    {
      schema: {
        tags,
        summary: '生成本周抽样 (callback.admin): 20% of the project’s work orders completed in a week that has ended (default: last week), from a stored seed',
        body: CreateCallbackRoundSchema,
        response: withErrors({ 201: CallbackRoundSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await rounds.createCallbackRound(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/callback-rounds',
    {
      schema: {
        tags,
        summary: 'The rounds of the projects in scope, the latest week first (callback.admin or report.read)',
        querystring: CallbackRoundQuerySchema,
        response: withErrors({ 200: CallbackRoundListSchema }, [403, 404]),
      },
    },
    async (req) => rounds.listRounds(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/callback-rounds/:id',
    {
      schema: { tags, summary: 'One round with its progress', params: IdParamsSchema, response: withErrors({ 200: CallbackRoundSchema }, [403, 404]) },
    },
    async (req) => rounds.getRound(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/callback-rounds/:id/caller',
    {
      schema: {
        tags,
        summary: 'Give the round (its callbacks still due) to a caller: company staff outside the office only (callback.admin)',
        params: IdParamsSchema,
        body: AssignRoundCallerSchema,
        response: withErrors({ 200: CallbackRoundSchema }, [403, 404]),
      },
    },
    async (req) => rounds.assignRoundCaller(deps, staffOf(req), req.params.id, req.body.callerId),
  );
  r.get(
    '/api/callback-rounds/:id/audit',
    {
      schema: {
        tags,
        summary: 'The sample drawn again from the stored seed and population, and the week’s population read again now',
        params: IdParamsSchema,
        response: withErrors({ 200: CallbackRoundAuditSchema }, [403, 404]),
      },
    },
    async (req) => rounds.auditRound(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/callback-rounds/:id/summary',
    {
      schema: {
        tags,
        summary: '回访总结报告: reached, unreachable, satisfied rates of quality, attitude and result, the not-satisfied and the follow-ups they opened',
        params: IdParamsSchema,
        response: withErrors({ 200: CallbackRoundSummarySchema }, [403, 404]),
      },
    },
    async (req) => rounds.roundSummary(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/callback-rounds/:id/summary/export',
    {
      schema: {
        tags,
        summary: '回访总结报告 as .xlsx (default) or CSV: the figures, then one row per sampled work order (logged in the audit log)',
        params: IdParamsSchema,
        querystring: CallbackRoundExportQuerySchema,
        response: withErrors({ 200: rawResponse('The report (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportRoundSummary(reply, deps, staffOf(req), req.params.id, req.query.format, localeOf(req)),
  );
}
