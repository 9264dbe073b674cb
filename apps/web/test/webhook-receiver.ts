import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, type WebhookBody } from '@guanjia/server';

/**
 * A local integrator for the console's browser tests: an HTTP server on 127.0.0.1 that takes our
 * signed webhook as docs/webhooks.md tells integrators to — the signature checked over the raw body
 * and timestamp (verifyWebhookSignature), a wrong one answered 401 and listed in `refused`, a repeat of
 * the same x-guanjia-delivery dropped — and can refuse the next calls with a status of the test's choosing.
 */
export interface WebhookReceiver {
  url: string;
  /** Accepted calls, in order. */
  received: { delivery: string; body: WebhookBody }[];
  /** Calls whose signature did not check out. */
  refused: string[];
  /** The next `count` calls are answered `status` (before any check). */
  failNext(count: number, status: number): void;
  /** Resolves with the first accepted call matching `predicate` (already here or to come); rejects after `timeoutMs`. */
  waitFor(predicate: (call: { delivery: string; body: WebhookBody }) => boolean, timeoutMs?: number): Promise<{ delivery: string; body: WebhookBody }>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  const refused: string[] = [];
  let failing: { count: number; status: number } = { count: 0, status: 500 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing.count > 0) {
        failing = { ...failing, count: failing.count - 1 };
        res.writeHead(failing.status).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const delivery = String(req.headers['x-guanjia-delivery'] ?? '');
      const signed = verifyWebhookSignature({
        secret,
        body: raw,
        timestamp: req.headers['x-guanjia-timestamp'] as string | undefined,
        signature: req.headers['x-guanjia-signature'] as string | undefined,
      });
      if (!signed) {
        refused.push(delivery);
        res.writeHead(401).end();
        return;
      }
      if (!received.some((r) => r.delivery === delivery)) received.push({ delivery, body: JSON.parse(raw) as WebhookBody });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/guanjia`,
    received,
    refused,
    failNext(count, status) {
      failing = { count, status };
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > until) throw new Error('the webhook receiver got no matching call');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
