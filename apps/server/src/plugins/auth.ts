import { DomainError, type Actor, type StaffActor } from '@guanjia/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../context.ts';
import { resolveActor } from '../services/actors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (login, health, docs). Everything else is denied by default. */
    public?: boolean;
    /** Routes a session with pending account steps may use (me, logout, change password, enrol two-step verification). */
    duringSetup?: boolean;
  }
}

export const SESSION_COOKIE = 'gj_session';

/** The session or API token of a request: the bearer header, else the gj_session cookie. */
export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookie = request.headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // not percent-encoding we wrote: no session of ours
    }
  }
  return null;
}

export function registerAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = tokenOf(request);
    if (token) request.actor = await resolveActor(deps, token);
    // Everything under /api/ needs a caller unless marked public; outside /api/ are only the web UI's
    // static files and the API docs.
    if (!request.actor && !request.routeOptions.config?.public && (request.url.startsWith('/api/') || request.url === '/api'))
      throw new DomainError('UNAUTHENTICATED');
    // A password reset by an administrator, or an administrator without two-step verification: only
    // the routes that complete those steps answer until they are done.
    const pending = request.actor?.kind === 'staff' ? request.actor.setupPending : undefined;
    if (pending?.length && !request.routeOptions.config?.duringSetup && !request.routeOptions.config?.public) {
      throw new DomainError(pending.includes('change_password') ? 'PASSWORD_CHANGE_REQUIRED' : 'TWO_FACTOR_SETUP_REQUIRED');
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED');
  return request.actor;
}

export function staffOf(request: FastifyRequest): StaffActor {
  const actor = actorOf(request);
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  return actor;
}
