import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { DomainError } from '@guanjia/core';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite names every asset after its content hash: a changed file is a new URL, so keep each for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The pages that name those assets are revalidated on every load (ETag), so a release shows at once. */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web UI: the staff console at / and the owner portal at /portal/. Paths that are
 * not files fall back to the page of their app (client-side routes); /api/ stays the API's, and an
 * unknown /assets/ file is 404 (never a page that would be cached as a script).
 */
export async function registerWebUi(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) {
    app.log.warn(`web UI not built (${webDir}); run npm run build:web`);
    return;
  }
  const cacheFor = (reply: FastifyReply, path: string) => {
    reply.header('cache-control', relative(webDir, path).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
  };
  // preCompressed: the build's .br/.gz siblings go out as they are; files without them are
  // compressed on the fly (plugins/compression.ts).
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    preCompressed: true,
    setHeaders: cacheFor,
  });
  // Client-side routes (/cases/…, /portal/…) get their app's page; unknown API paths stay 404.
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) throw new DomainError('NOT_FOUND');
    const page = request.url.startsWith('/portal') ? 'portal/index.html' : 'index.html';
    return reply.type('text/html; charset=utf-8').sendFile(page);
  });
}
