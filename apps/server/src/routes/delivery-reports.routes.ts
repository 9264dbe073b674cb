import {
  DeliveryReportParamsSchema,
  rawResponse,
  SmsReportAnswerSchema,
  SmsReportBodySchema,
  WechatPushBodySchema,
  WechatPushQuerySchema,
  WechatVerifyQuerySchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import * as reports from '../services/delivery-reports.service.ts';

/** A push of reports may be large (Alibaba merges reports into one array); WeChat's events are small. */
const SMS_REPORT_BODY_BYTES = 2 * 1024 * 1024;
const WECHAT_PUSH_BODY_BYTES = 64 * 1024;

/**
 * Delivery reports from the providers (issue 13): public routes, no session — the path carries the
 * organization and its report token (channel settings: reportUrl), and a wrong one is 404. The answers
 * are the ones each provider expects (docs/api.md, "Delivery reports").
 */
export function deliveryReportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['delivery-reports'];

  r.post(
    '/api/delivery-reports/sms/:organizationId/:token',
    {
      config: { public: true },
      bodyLimit: SMS_REPORT_BODY_BYTES,
      schema: {
        tags,
        summary: 'Alibaba Cloud SMS delivery reports (SmsReport, HTTP batch push): delivered, or failed with the carrier’s reason',
        security: [],
        params: DeliveryReportParamsSchema,
        body: SmsReportBodySchema,
        response: withErrors({ 200: SmsReportAnswerSchema }),
      },
    },
    async (req) => reports.receiveSmsReports(deps, req.params, req.body),
  );

  // WeChat posts XML (text/xml): its own parser, the body as text, encapsulated from the JSON routes
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WECHAT_PUSH_BODY_BYTES }, (_req, body, done) => done(null, body));
    const w = scoped.withTypeProvider<ZodTypeProvider>();
    w.get(
      '/api/delivery-reports/wechat/:organizationId/:token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'WeChat’s check of the official account’s server URL: echostr, when the signature is right',
          security: [],
          params: DeliveryReportParamsSchema,
          querystring: WechatVerifyQuerySchema,
          response: withErrors({ 200: rawResponse('echostr, as sent', ['text/plain']) }),
        },
      },
      async (req, reply) => reply.type('text/plain; charset=utf-8').send(reports.verifyWechatServer(deps, req.params, req.query)),
    );
    w.post(
      '/api/delivery-reports/wechat/:organizationId/:token',
      {
        config: { public: true },
        bodyLimit: WECHAT_PUSH_BODY_BYTES,
        schema: {
          tags,
          summary: 'WeChat pushes (plain-text mode, signed): a template message’s outcome (TEMPLATESENDJOBFINISH) → delivered or failed; others acknowledged',
          security: [],
          consumes: ['text/xml'],
          params: DeliveryReportParamsSchema,
          querystring: WechatPushQuerySchema,
          body: WechatPushBodySchema,
          response: withErrors({ 200: rawResponse('success', ['text/plain']) }),
        },
      },
      async (req, reply) => reply.type('text/plain; charset=utf-8').send(await reports.receiveWechatPush(deps, req.params, req.query, req.body)),
    );
  });
}
