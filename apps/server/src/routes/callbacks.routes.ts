import {
  CallbackDetailSchema,
  CallbackListSchema,
  CallbackQuerySchema,
  CallbackSettingsQuerySchema,
  CallbackSettingsSchema,
  FillMonthlyCallbacksSchema,
  FilledCallbacksSchema,
  IdParamsSchema,
  PutCallbackSettingSchema,
  ReassignCallbackSchema,
  RecordCallbackSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as callbacks from '../services/callbacks.service.ts';

/** Callbacks (回访, issue 14 item 1, decision 0027): the queue, a callback and its records, settings per repair category, the monthly list. Staff only. */
export function callbackRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['callbacks'];

  r.get(
    '/api/callbacks',
    {
      schema: {
        tags,
        summary:
          'A project’s callback queue (callback.make): due ones by default, soonest first, with at-risk and overdue marked, each with whom it is given to (mine=true: only the caller’s)',
        querystring: CallbackQuerySchema,
        response: withErrors({ 200: CallbackListSchema }, [403, 404]),
      },
    },
    async (req) => callbacks.listCallbackQueue(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/callbacks/:id',
    {
      schema: {
        tags,
        summary: 'One callback with its case and its call records (回访记录表) (callback.make)',
        params: IdParamsSchema,
        response: withErrors({ 200: CallbackDetailSchema }, [403, 404]),
      },
    },
    async (req) => callbacks.getCallback(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/callbacks/:id/records',
    {
      schema: {
        tags,
        summary:
          'Record a call (callback.make): not reached — the next attempt’s time, or unreachable after the third; reached — quality, attitude, result, the owner’s words; 不满意 opens rework or a linked complaint and alerts the service supervisors',
        params: IdParamsSchema,
        body: RecordCallbackSchema,
        response: withErrors({ 200: CallbackDetailSchema }, [403, 404, 409]),
      },
    },
    async (req) => callbacks.recordCallbackAttempt(deps, staffOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/callbacks/:id/assignee',
    {
      schema: {
        tags,
        summary:
          'Give a due callback to someone else, with the reason (callback.admin): active staff who make callbacks and see the project, not the accused; a weekly sample’s only to company staff outside the office',
        params: IdParamsSchema,
        body: ReassignCallbackSchema,
        response: withErrors({ 200: CallbackDetailSchema }, [403, 404, 409]),
      },
    },
    async (req) => callbacks.reassignCallback(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/callbacks/monthly',
    {
      schema: {
        tags,
        summary: 'Fill the quality department’s monthly callbacks of a project: its repairs and complaints closed that month (callback.admin)',
        body: FillMonthlyCallbacksSchema,
        response: withErrors({ 200: FilledCallbacksSchema }, [403, 404]),
      },
    },
    async (req) => callbacks.fillMonthlyCallbacks(deps, staffOf(req), req.body),
  );
  r.get(
    '/api/callback-settings',
    {
      schema: {
        tags,
        summary: 'Per repair category of a project: always / skip_if_rated / never (callback.admin)',
        querystring: CallbackSettingsQuerySchema,
        response: withErrors({ 200: CallbackSettingsSchema }, [403, 404]),
      },
    },
    async (req) => callbacks.getCallbackSettings(deps, staffOf(req), req.query.projectId),
  );
  r.put(
    '/api/callback-settings',
    {
      schema: {
        tags,
        summary: 'Set a repair category’s callback setting in a project (callback.admin)',
        body: PutCallbackSettingSchema,
        response: withErrors({ 200: CallbackSettingsSchema }, [403, 404]),
      },
    },
    async (req) => callbacks.putCallbackSetting(deps, staffOf(req), req.body),
  );
}
