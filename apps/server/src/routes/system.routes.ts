import { AuditEntrySchema, AuditQuerySchema, HealthSchema, withErrors } from '@guanjia/api-contract';
import { requireCapability, visibleProjectIds } from '@guanjia/core';
import { SystemInfoSchema } from '@guanjia/api-contract';
import { findOrganization, listAudit } from '@guanjia/storage';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';

export function systemRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Liveness and database reachability', response: { 200: HealthSchema } } },
    async () => {
      await deps.database.db.selectFrom('organizations').select('id').limit(1).execute();
      return { status: 'ok' as const, database: deps.database.dialect };
    },
  );
  r.get(
    '/api/system/info',
    {
      config: { duringSetup: true },
      schema: {
        tags: ['system'],
        summary: 'The signed-in user’s organization, and whether it is demo data (the UI shows a banner 演示数据)',
        response: { 200: SystemInfoSchema },
      },
    },
    async (req) => {
      const org = (await findOrganization(deps.database.db, actorOf(req).organizationId))!;
      return { organization: { code: org.code, name: org.name }, demo: org.isDemo === 1 };
    },
  );
  r.get(
    '/api/audit-log',
    {
      schema: {
        tags: ['system'],
        summary: 'Audit log: logins, reveals, permission changes (a project-scoped reader sees only their projects’ entries)',
        querystring: AuditQuerySchema,
        response: withErrors({ 200: z.array(AuditEntrySchema) }, [403]),
      },
    },
    async (req) => {
      const actor = staffOf(req);
      requireCapability(actor, 'audit.read');
      const scope = visibleProjectIds(actor);
      return listAudit(deps.database.db, { organizationId: actor.organizationId, projectIds: scope === 'all' ? null : scope, ...req.query });
    },
  );
}
