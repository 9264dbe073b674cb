import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './context.ts';
import { registerAuth } from './plugins/auth.ts';
import { ActorCache } from './services/actor-cache.ts';
import { TtlCache } from './services/ttl-cache.ts';
import { LiveBus } from './services/live.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { registerWebUi } from './plugins/web-ui.ts';
import { slaRoutes } from './routes/sla.routes.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { contractTransformObject, registerContract } from './plugins/contract.ts';
import { attachmentRoutes } from './routes/attachments.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { caseRoutes } from './routes/cases.routes.ts';
import { ownerRoutes } from './routes/owners.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';
import { structureRoutes } from './routes/structure.routes.ts';
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
  deps.live ??= new LiveBus();
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.limits.jsonBodyBytes,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: false } },
    forceCloseConnections: true, // live streams stay open: close them on shutdown
  });
  // The API speaks JSON (attachments take raw bytes on their own route): any other body is 415.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  registerContract(app, { strict: deps.strictResponses ?? false });
  registerErrorHandling(app);
  registerAuth(app, deps);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Guanjia (管家) API', version: '0.1.0', description: 'The service desk of a property-management company: structure, owner archive, cases and their workflows. Errors are RFC 9457 problem details with `code`, a localized `message` (zh-CN by default; `Accept-Language: en` or `?lang=en` for English) and `field`.' },
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
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, deps);
  authRoutes(app, deps);
  structureRoutes(app, deps);
  staffRoutes(app, deps);
  ownerRoutes(app, deps);
  caseRoutes(app, deps);
  attachmentRoutes(app, deps);
  slaRoutes(app, deps);
  liveRoutes(app, deps);
  if (deps.webDir) await registerWebUi(app, deps.webDir);
  return app;
}
