import { CreateStaffSchema, IdParamsSchema, NoContentSchema, SetPasswordSchema, StaffSchema, UpdateStaffSchema, withErrors } from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { staffOf, tokenOf } from '../plugins/auth.ts';
import { createStaffMember, editStaffMember, listStaffInScope, setStaffPassword } from '../services/staff.service.ts';

export function staffRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  r.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Staff of my projects',
        querystring: z.object({ projectId: z.string().max(64).optional() }),
        response: withErrors({ 200: z.array(StaffSchema) }, [403]),
      },
    },
    async (req) => listStaffInScope(deps, staffOf(req), req.query.projectId),
  );
  r.post(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Create a staff account with roles and projects',
        body: CreateStaffSchema,
        response: withErrors({ 201: StaffSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await createStaffMember(deps, staffOf(req), req.body)),
  );
  r.patch(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: 'Edit roles, projects, department, or deactivate',
        params: IdParamsSchema,
        body: UpdateStaffSchema,
        response: withErrors({ 200: StaffSchema }, [403, 409]),
      },
    },
    async (req) => editStaffMember(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/staff/:id/password',
    {
      schema: {
        tags,
        summary:
          "Reset another's password (staff admins: they must change it at next sign-in; their sessions and API tokens end), or change one's own (currentPassword required)",
        params: IdParamsSchema,
        body: SetPasswordSchema,
        response: withErrors({ 204: NoContentSchema }, [403, 404]),
      },
    },
    async (req, reply) => {
      await setStaffPassword(deps, staffOf(req), req.params.id, req.body, tokenOf(req), req.ip);
      return reply.status(204).send();
    },
  );
}
