import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response. The console and the portal are Vite builds: their
 * scripts are files of our own origin, never inline ('unsafe-inline' only for styles: Ant Design
 * writes its CSS-in-JS into <style> elements). Nothing may frame us; forms post only to us.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  // no upgrade-insecure-requests: a desk on a plain-HTTP intranet address must keep working
};

/**
 * Security headers on every response, the API's and the web UI's alike — the set helmet sends, fixed
 * once at start and set by one hook (helmet's per-request middleware cost ~3 % of case intake):
 * the CSP above, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy:
 * same-origin`, HSTS (which browsers heed only over HTTPS), cross-origin isolation of our resources
 * and the legacy switches (`X-XSS-Protection: 0`, …). A route may replace one (an attachment sends
 * its own sandbox CSP). Registered before any route.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': `max-age=${180 * 24 * 3600}`,
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}

/** The same essentials for answers written straight to the socket (errors before routing). */
export const RAW_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};
