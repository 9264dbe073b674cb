import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { DomainError } from '@guanjia/core';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web UI: the staff console at / and the owner portal at /portal/. Paths that are
 * not files fall back to the page of their app (client-side routes); /api/ stays the API's.
 */
export async function registerWebUi(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) {
    app.log.warn(`web UI not built (${webDir}); run npm run build:web`);
    return;
  }
  // Asset names carry their content hash; the pages themselves are revalidated (ETag).
  await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false });
  // Client-side routes (/cases/…, /portal/…) get their app's page; unknown API paths stay 404.
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) throw new DomainError('NOT_FOUND');
    const page = request.url.startsWith('/portal') ? 'portal/index.html' : 'index.html';
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(page);
  });
}
