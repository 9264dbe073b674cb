import {
  ApiTokenSchema,
  ChangePasswordSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  DisableTwoFactorSchema,
  IdParamsSchema,
  LoginResponseSchema,
  MeSchema,
  NoContentSchema,
  OwnerLoginSchema,
  PasswordChangedSchema,
  PortalUnitSchema,
  RecoveryCodesSchema,
  StaffLoginSchema,
  TwoFactorCodeSchema,
  TwoFactorSetupSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { myUnits } from '../services/owners.service.ts';
import { actorOf, SESSION_COOKIE, staffOf, tokenOf } from '../plugins/auth.ts';
import { changeOwnPassword } from '../services/account.service.ts';
import { createApiToken, loginOwner, loginStaff, logout, meView, listTokens, revokeToken } from '../services/auth.service.ts';
import { disableTwoFactor, enableTwoFactor, renewRecoveryCodes, startTwoFactorSetup } from '../services/two-factor.service.ts';

export function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS (directly or, with
  // GUANJIA_TRUST_PROXY, through a named proxy that says so).
  const cookie = (req: FastifyRequest, token: string, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${req.protocol === 'https' ? '; Secure' : ''}`;
  // per source address, before any password work (each login's own throttle is in the service)
  const signInLimit = { rateLimit: { max: deps.limits.signInPerIpPerMinute, timeWindow: 60_000 } };

  r.post(
    '/api/auth/login',
    {
      config: { public: true, ...signInLimit },
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-in (password, then the two-step code when the account has one); returns a session token',
        body: StaffLoginSchema,
        response: withErrors({ 200: LoginResponseSchema }, [401, 403]),
      },
    },
    async (req, reply) => {
      const result = await loginStaff(deps, req.body, req.ip);
      return reply.header('set-cookie', cookie(req, result.token, deps.limits.sessionIdleMinutes * 60)).send(result);
    },
  );
  r.post(
    '/api/portal/login',
    {
      config: { public: true, ...signInLimit },
      schema: { tags: ['auth'], summary: 'Owner portal sign-in', body: OwnerLoginSchema, response: withErrors({ 200: LoginResponseSchema }, [401, 403]) },
    },
    async (req, reply) => {
      const result = await loginOwner(deps, req.body.login, req.body.password, req.ip);
      return reply.header('set-cookie', cookie(req, result.token, deps.limits.sessionIdleMinutes * 60)).send(result);
    },
  );
  r.post(
    '/api/auth/logout',
    { config: { duringSetup: true }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: NoContentSchema } } },
    async (req, reply) => {
      // The session the request came with, header or cookie: a browser signs out with its cookie.
      const token = tokenOf(req);
      if (token) await logout(deps, token);
      return reply
        .header('set-cookie', cookie(req, '', 0))
        .status(204)
        .send();
    },
  );
  r.get(
    '/api/auth/me',
    {
      config: { duringSetup: true },
      schema: { tags: ['auth'], summary: 'Who am I: roles, projects, capabilities, pending account steps', response: { 200: MeSchema } },
    },
    async (req) => meView(actorOf(req)),
  );

  r.post(
    '/api/auth/password',
    {
      config: { duringSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (the current one is required); ends my other sessions and API tokens',
        body: ChangePasswordSchema,
        response: withErrors({ 200: PasswordChangedSchema }, [403]),
      },
    },
    async (req) => changeOwnPassword(deps, actorOf(req), tokenOf(req), req.body.currentPassword, req.body.newPassword, req.ip),
  );
  r.post(
    '/api/auth/two-factor/setup',
    {
      config: { duringSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Start two-step verification: a new secret and its QR code (confirm with /enable)',
        response: withErrors({ 200: TwoFactorSetupSchema }, [403]),
      },
    },
    async (req) => startTwoFactorSetup(deps, staffOf(req)),
  );
  r.post(
    '/api/auth/two-factor/enable',
    {
      config: { duringSetup: true },
      schema: {
        tags: ['auth'],
        summary: 'Confirm two-step verification with a first code; answers the one-time recovery codes (shown once)',
        body: TwoFactorCodeSchema,
        response: withErrors({ 200: RecoveryCodesSchema }, [403, 409]),
      },
    },
    async (req) => enableTwoFactor(deps, staffOf(req), req.body.code),
  );
  r.post(
    '/api/auth/two-factor/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes (the old ones stop working), confirmed with a current code',
        body: TwoFactorCodeSchema,
        response: withErrors({ 200: RecoveryCodesSchema }, [403, 409]),
      },
    },
    async (req) => renewRecoveryCodes(deps, staffOf(req), req.body.code),
  );
  r.post(
    '/api/auth/two-factor/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-step verification off (not for administrators of a real company)',
        body: DisableTwoFactorSchema,
        response: withErrors({ 204: NoContentSchema }, [403, 409]),
      },
    },
    async (req, reply) => {
      await disableTwoFactor(deps, staffOf(req), req.body.password);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/portal/units',
    { schema: { tags: ['auth'], summary: 'Owner portal: my units and their projects', response: withErrors({ 200: z.array(PortalUnitSchema) }, [403]) } },
    async (req) => myUnits(deps, actorOf(req)),
  );

  r.get(
    '/api/api-tokens',
    { schema: { tags: ['auth'], summary: 'API tokens (own; all for staff admins)', response: withErrors({ 200: z.array(ApiTokenSchema) }, [403]) } },
    async (req) => listTokens(deps, staffOf(req)),
  );
  r.post(
    '/api/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for an integration (shown once)',
        body: CreateApiTokenSchema,
        response: withErrors({ 201: CreatedApiTokenSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(deps, staffOf(req), req.body.name, req.body.staffId)),
  );
  r.delete(
    '/api/api-tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParamsSchema, response: withErrors({ 204: NoContentSchema }, [403]) } },
    async (req, reply) => {
      await revokeToken(deps, staffOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
