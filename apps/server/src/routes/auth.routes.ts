import {
  ApiTokenSchema, CreateApiTokenSchema, CreatedApiTokenSchema, IdParamsSchema, LoginResponseSchema, MeSchema, NoContentSchema, OwnerLoginSchema, PortalUnitSchema, StaffLoginSchema, withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { myUnits } from '../services/owners.service.ts';
import { actorOf, SESSION_COOKIE, staffOf, tokenOf } from '../plugins/auth.ts';
import { createApiToken, loginOwner, loginStaff, logout, meView, listTokens, revokeToken } from '../services/auth.service.ts';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = (token: string) => `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${deps.limits.sessionIdleMinutes * 60}`;

  r.post('/api/auth/login', { config: { public: true }, schema: { tags: ['auth'], summary: 'Staff sign-in (password); returns a session token', body: StaffLoginSchema, response: withErrors({ 200: LoginResponseSchema }, [401, 403]) } }, async (req, reply) => {
    const result = await loginStaff(deps, req.body.username, req.body.password, req.ip);
    return reply.header('set-cookie', cookie(result.token)).send(result);
  });
  r.post('/api/portal/login', { config: { public: true }, schema: { tags: ['auth'], summary: 'Owner portal sign-in', body: OwnerLoginSchema, response: withErrors({ 200: LoginResponseSchema }, [401, 403]) } }, async (req, reply) => {
    const result = await loginOwner(deps, req.body.login, req.body.password, req.ip);
    return reply.header('set-cookie', cookie(result.token)).send(result);
  });
  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 204: NoContentSchema } } }, async (req, reply) => {
    // The session the request came with, header or cookie: a browser signs out with its cookie.
    const token = tokenOf(req);
    if (token) await logout(deps, token);
    return reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0`).status(204).send();
  });
  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I: roles, projects, capabilities', response: { 200: MeSchema } } }, async (req) => meView(actorOf(req)));

  r.get('/api/portal/units', { schema: { tags: ['auth'], summary: 'Owner portal: my units and their projects', response: withErrors({ 200: z.array(PortalUnitSchema) }, [403]) } }, async (req) => myUnits(deps, actorOf(req)));

  r.get('/api/api-tokens', { schema: { tags: ['auth'], summary: 'API tokens (own; all for staff admins)', response: withErrors({ 200: z.array(ApiTokenSchema) }, [403]) } }, async (req) => listTokens(deps, staffOf(req)));
  r.post('/api/api-tokens', { schema: { tags: ['auth'], summary: 'Create an API token for an integration (shown once)', body: CreateApiTokenSchema, response: withErrors({ 201: CreatedApiTokenSchema }, [403, 404]) } }, async (req, reply) =>
    reply.status(201).send(await createApiToken(deps, staffOf(req), req.body.name, req.body.staffId)),
  );
  r.delete('/api/api-tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParamsSchema, response: withErrors({ 204: NoContentSchema }, [403]) } }, async (req, reply) => {
    await revokeToken(deps, staffOf(req), req.params.id);
    return reply.status(204).send();
  });
}
