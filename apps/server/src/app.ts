import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyRateLimit from '@fastify/rate-limit';
import { DomainError } from '@guanjia/core';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './context.ts';
import { registerAuth } from './plugins/auth.ts';
import { ActorCache } from './services/actor-cache.ts';
import { TtlCache } from './services/ttl-cache.ts';
import { LiveBus } from './services/live.ts';
import { postgresLiveTransport } from './services/live-postgres.ts';
import { FailureWindow } from './security/failure-window.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { wallboardRoutes } from './routes/wallboard.routes.ts';
import { messagingRoutes } from './routes/messaging.routes.ts';
import { noticeRoutes } from './routes/notices.routes.ts';
import { noticeRecipientRoutes } from './routes/notice-recipients.routes.ts';
import { statutoryRoutes } from './routes/statutory.routes.ts';
import { outageRoutes } from './routes/outages.routes.ts';
import { monthlyRoutes } from './routes/monthly.routes.ts';
import { surveyRoutes } from './routes/surveys.routes.ts';
import { openLetterRoutes } from './routes/open-letters.routes.ts';
import { staffEvaluationRoutes } from './routes/staff-evaluations.routes.ts';
import { patrolRoutes } from './routes/patrols.routes.ts';
import { defectRoutes } from './routes/defects.routes.ts';
import { escalationRoutes } from './routes/escalations.routes.ts';
import { appraisalRoutes } from './routes/appraisals.routes.ts';
import { internalMeetingRoutes } from './routes/internal-meetings.routes.ts';
import { complaintMeasureRoutes } from './routes/complaint-measures.routes.ts';
import { checkRoutes } from './routes/checks.routes.ts';
import { callbackRoutes } from './routes/callbacks.routes.ts';
import { ratingRoutes } from './routes/ratings.routes.ts';
import { callbackRoundRoutes } from './routes/callback-rounds.routes.ts';
import { visitRoutes } from './routes/visits.routes.ts';
import { deliveryReportRoutes } from './routes/delivery-reports.routes.ts';
import { registerWebUi } from './plugins/web-ui.ts';
import { serviceLanguageRoutes } from './routes/service-language.routes.ts';
import { slaRoutes } from './routes/sla.routes.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { clientErrorHandler } from './plugins/client-errors.ts';
import { registerCompression } from './plugins/compression.ts';
import { registerRequestLog } from './plugins/request-log.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerWellFormedText } from './plugins/well-formed-text.ts';
import { contractTransformObject, registerContract } from './plugins/contract.ts';
import { attachmentRoutes } from './routes/attachments.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { caseRoutes } from './routes/cases.routes.ts';
import { deskRoutes } from './routes/desk.routes.ts';
import { ownerRoutes } from './routes/owners.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';
import { structureRoutes } from './routes/structure.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { exportRoutes } from './routes/exports.routes.ts';
import { systemRoutes } from './routes/system.routes.ts';

/**
 * Builds the HTTP app around its dependencies; never listens (the CLI's serve does, tests inject).
 * Requests: Zod validation → authentication (deny by default) → service (access policy, core decide,
 * one transaction) → JSON encoded through the route's response schema (plugins/contract.ts).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  deps.actorCache ??= new ActorCache();
  deps.projectCache ??= new TtlCache();
  deps.slaCache ??= new TtlCache();
  deps.unitLabelCache ??= new TtlCache();
  deps.ownerNameCache ??= new TtlCache();
  deps.staffNameCache ??= new TtlCache();
  deps.departmentNameCache ??= new TtlCache();
  deps.loginFailureWindow ??= new FailureWindow(deps.limits.signInFailuresPerLogin, deps.limits.signInFailureWindowMinutes * 60_000);
  const app = Fastify({
    logger: deps.logger ?? false,
    // one line per request only when asked for (GUANJIA_LOG_REQUESTS); failed and slow ones always (request-log.ts)
    logController: new LogController({ disableRequestLogging: !deps.requestLog?.everyRequest }),
    bodyLimit: deps.limits.jsonBodyBytes,
    // X-Forwarded-For only from the proxies named in GUANJIA_TRUST_PROXY (default: none)
    trustProxy: deps.trustProxy ?? false,
    clientErrorHandler,
    ajv: { customOptions: { coerceTypes: false } },
    forceCloseConnections: true, // live streams stay open: close them on shutdown
  });
  if (!deps.live) {
    // on PostgreSQL every server process hears every change (LISTEN/NOTIFY); the app that made the bus closes it
    const live = new LiveBus(postgresLiveTransport(deps.database, { onError: (message, error) => app.log.warn({ err: error }, message) }));
    deps.live = live;
    app.addHook('onClose', () => live.close());
  }
  await deps.live.start();
  // The API speaks JSON (attachments take raw bytes on their own route): any other body is 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  registerContract(app, { strict: deps.strictResponses ?? false });
  registerErrorHandling(app);
  registerRequestLog(app, deps.requestLog);
  // Before every route and before authentication: headers on every answer, refusals included.
  registerSecurityHeaders(app);
  await registerCompression(app);
  registerWellFormedText(app);
  // Sign-in routes name their own limit (per source address); nothing else is limited here.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new DomainError('RATE_LIMITED', undefined, { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  registerAuth(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Guanjia (管家) API',
        version: '0.1.0',
        description:
          'The service desk of a property-management company: structure, owner archive, cases and their workflows. Errors are RFC 9457 problem details with `code`, a localized `message` (zh-CN by default; `Accept-Language: en` or `?lang=en` for English) and `field`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: contractTransformObject,
  });
  // Before the UI registers its routes: an onRoute hook only sees routes added after it.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), public: true };
  });
  // ~130 operations: tag headers only (expanded on demand) and a filter box, not every operation at once
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'none', filter: true, defaultModelsExpandDepth: 0 } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, deps);
  authRoutes(app, deps);
  structureRoutes(app, deps);
  importRoutes(app, deps);
  exportRoutes(app, deps);
  staffRoutes(app, deps);
  ownerRoutes(app, deps);
  caseRoutes(app, deps);
  deskRoutes(app, deps);
  attachmentRoutes(app, deps);
  slaRoutes(app, deps);
  serviceLanguageRoutes(app, deps);
  liveRoutes(app, deps);
  wallboardRoutes(app, deps);
  messagingRoutes(app, deps);
  noticeRoutes(app, deps);
  noticeRecipientRoutes(app, deps);
  statutoryRoutes(app, deps);
  outageRoutes(app, deps);
  monthlyRoutes(app, deps);
  surveyRoutes(app, deps);
  openLetterRoutes(app, deps);
  staffEvaluationRoutes(app, deps);
  patrolRoutes(app, deps);
  defectRoutes(app, deps);
  escalationRoutes(app, deps);
  appraisalRoutes(app, deps);
  internalMeetingRoutes(app, deps);
  complaintMeasureRoutes(app, deps);
  checkRoutes(app, deps);
  callbackRoutes(app, deps);
  ratingRoutes(app, deps);
  callbackRoundRoutes(app, deps);
  visitRoutes(app, deps);
  deliveryReportRoutes(app, deps);
  if (deps.webDir) await registerWebUi(app, deps.webDir);
  return app;
}
