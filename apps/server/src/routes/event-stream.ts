import type { FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from '../plugins/security-headers.ts';

/**
 * A server-sent event stream on a hijacked reply (the live channel, the wallboard): its own head with
 * the security headers, a retry hint, a heartbeat every 25 s, and the subscription ended when the
 * client goes. `subscribe` gets a sender and answers its unsubscribe.
 */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, subscribe: (send: (event: string, data: unknown) => void) => () => void): void {
  reply.hijack();
  const out = reply.raw;
  // a hijacked reply writes its own head: the security headers go with it
  out.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  out.write('retry: 3000\n: connected\n\n');
  const unsubscribe = subscribe((event, data) => out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  const heartbeat = setInterval(() => out.write(': ping\n\n'), 25_000);
  req.raw.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
