import {
  ChannelParamsSchema,
  ChannelSettingsListSchema,
  ChannelSettingsViewSchema,
  ChannelTestResultSchema,
  ChannelTestSchema,
  CreateDutyShiftSchema,
  DeliveriesQuerySchema,
  DeliveryPageSchema,
  DeliverySchema,
  DutyShiftListSchema,
  DutyShiftQuerySchema,
  DutyShiftSchema,
  IdParamsSchema,
  MessagePreviewSchema,
  MessageTemplateListSchema,
  MessageTemplateViewSchema,
  NoContentSchema,
  OnDutyQuerySchema,
  OnDutySchema,
  PreviewMessageTemplateSchema,
  SaveChannelSettingsSchema,
  SaveMessageTemplateSchema,
  TemplateParamsSchema,
  withErrors,
} from '@guanjia/api-contract';
import { listDeliveries } from '@guanjia/storage';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { getVisibleCase } from '../services/cases.service.ts';
import * as duty from '../services/duty-roster.service.ts';
import * as messaging from '../services/messaging.service.ts';

/** Messages that leave the system (issue 13): channels, templates, deliveries and dead letters, the on-duty roster. */
export function messagingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['messaging'];

  r.get(
    '/api/channels',
    {
      schema: {
        tags,
        summary: 'Outside channels and their settings (secrets never returned: hasSecret)',
        response: withErrors({ 200: ChannelSettingsListSchema }, [403]),
      },
    },
    async (req) => messaging.listChannels(deps, staffOf(req)),
  );
  r.put(
    '/api/channels/:channel',
    {
      schema: {
        tags,
        summary: 'Set a channel up: its settings and secret (stored encrypted; absent secret: kept)',
        params: ChannelParamsSchema,
        body: SaveChannelSettingsSchema,
        response: withErrors({ 200: ChannelSettingsViewSchema }, [403]),
      },
    },
    async (req) => messaging.saveChannel(deps, staffOf(req), req.params.channel, req.body),
  );
  r.post(
    '/api/channels/:channel/test',
    {
      schema: {
        tags,
        summary: 'Send a test message on a channel (queued; see its delivery)',
        params: ChannelParamsSchema,
        body: ChannelTestSchema,
        response: withErrors({ 202: ChannelTestResultSchema }, [403, 409]),
      },
    },
    async (req, reply) => reply.status(202).send(await messaging.sendChannelTest(deps, staffOf(req), req.params.channel, req.body.to)),
  );

  r.get(
    '/api/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries, newest first; status=failed is the dead-letter list',
        querystring: DeliveriesQuerySchema,
        response: withErrors({ 200: DeliveryPageSchema }, [403]),
      },
    },
    async (req) => messaging.listDeliveryPage(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/deliveries/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send a failed delivery again (same idempotency key)',
        params: IdParamsSchema,
        response: withErrors({ 200: DeliverySchema }, [403, 404, 409]),
      },
    },
    async (req) => messaging.retryDelivery(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/cases/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Messages about a case: to the owner (progress), the first receiver, pages',
        params: IdParamsSchema,
        response: withErrors({ 200: z.array(DeliverySchema) }, [403, 404]),
      },
    },
    async (req) => {
      const c = await getVisibleCase(deps, staffOf(req), req.params.id);
      const rows = await listDeliveries(deps.database.db, { organizationId: c.organizationId, sourceType: 'case', sourceId: c.id, limit: 500 });
      return rows.map(messaging.deliveryView);
    },
  );

  r.get(
    '/api/message-templates',
    { schema: { tags, summary: 'Message templates per kind and language (own or default)', response: withErrors({ 200: MessageTemplateListSchema }, [403]) } },
    async (req) => messaging.listTemplates(deps, staffOf(req)),
  );
  r.put(
    '/api/message-templates/:kind/:locale',
    {
      schema: {
        tags,
        summary: 'Set the organization’s wording of a message kind',
        params: TemplateParamsSchema,
        body: SaveMessageTemplateSchema,
        response: withErrors({ 200: MessageTemplateViewSchema }, [403]),
      },
    },
    async (req) => messaging.saveTemplate(deps, staffOf(req), req.params.kind, req.params.locale, req.body),
  );
  r.post(
    '/api/message-templates/:kind/:locale/preview',
    {
      schema: {
        tags,
        summary: 'A template (the draft given, else the current one) rendered with sample values',
        params: TemplateParamsSchema,
        body: PreviewMessageTemplateSchema,
        response: withErrors({ 200: MessagePreviewSchema }, [403]),
      },
    },
    async (req) => messaging.previewTemplate(deps, staffOf(req), req.params.kind, req.params.locale, req.body),
  );

  r.get(
    '/api/duty-shifts',
    {
      schema: {
        tags,
        summary: 'The on-duty roster (值班表) of a project in a period',
        querystring: DutyShiftQuerySchema,
        response: withErrors({ 200: DutyShiftListSchema }, [403, 404]),
      },
    },
    async (req) => duty.listShifts(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/duty-shifts',
    {
      schema: { tags, summary: 'Put someone on duty', body: CreateDutyShiftSchema, response: withErrors({ 201: DutyShiftSchema }, [403, 404, 409]) },
    },
    async (req, reply) => reply.status(201).send(await duty.addShift(deps, staffOf(req), req.body)),
  );
  r.delete(
    '/api/duty-shifts/:id',
    { schema: { tags, summary: 'Remove a shift', params: IdParamsSchema, response: withErrors({ 204: NoContentSchema }, [403, 404]) } },
    async (req, reply) => {
      await duty.removeShift(deps, staffOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/on-duty',
    {
      schema: {
        tags,
        summary: 'Who is on duty for a project (and department) now or at an instant',
        querystring: OnDutyQuerySchema,
        response: withErrors({ 200: OnDutySchema }, [403, 404]),
      },
    },
    async (req) => duty.whoIsOnDuty(deps, staffOf(req), req.query),
  );
}
