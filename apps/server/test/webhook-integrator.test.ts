import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookAdapter, type WebhookBody } from '../src/delivery/channels/webhook.ts';
import type { OutgoingMessage } from '../src/delivery/channel.ts';

/**
 * The signed webhook checked the way docs/webhooks.md tells an integrator to — with node:crypto only,
 * not with the server's verifyWebhookSignature: the `verify` function of the page's Node.js sample is
 * read from the page itself and run as written, behind an endpoint built as the page describes (raw
 * body, 401 on a bad signature, de-duplicate by x-guanjia-delivery, 2xx first). Our adapter's requests
 * pass; a changed body, an old timestamp, another secret and a missing header do not; a second secret
 * listed beside the first (a rotation) is accepted.
 */
const SECRET = 'whsec-integrator-test-0b7e';
const TOLERANCE_SECONDS = 300;

type Verify = (rawBody: Buffer, timestamp: string | undefined, signatureHeader: string | undefined) => boolean;

/** The sample's `verify`, taken from docs/webhooks.md as published, its SECRET and TOLERANCE_SECONDS bound. */
function documentedVerify(secret: string): Verify {
  const page = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');
  const sample = /```js\n([\s\S]*?)```/.exec(page)?.[1];
  expect(sample, 'docs/webhooks.md has its Node.js sample').toBeTruthy();
  expect(sample).toContain("import { createHmac, timingSafeEqual } from 'node:crypto';");
  const source = /function verify\([\s\S]*?\n}\n/.exec(sample!)?.[0];
  expect(source, 'the sample defines verify(rawBody, timestamp, signatureHeader)').toBeTruthy();
  return new Function('createHmac', 'timingSafeEqual', 'SECRET', 'TOLERANCE_SECONDS', `${source}\nreturn verify;`)(
    createHmac,
    timingSafeEqual,
    secret,
    TOLERANCE_SECONDS,
  ) as Verify;
}

interface Received {
  status: number;
  delivery: string | undefined;
  message: WebhookBody | null;
}

let server: Server;
let url = '';
const received: Received[] = [];
const seen = new Set<string>();
const taken: WebhookBody[] = [];

beforeAll(async () => {
  const verify = documentedVerify(SECRET);
  // the page's endpoint: raw bytes, 401 when the signature does not hold, 2xx first, a repeat taken once
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const delivery = request.headers['x-guanjia-delivery'] as string | undefined;
      if (!verify(rawBody, request.headers['x-guanjia-timestamp'] as string | undefined, request.headers['x-guanjia-signature'] as string | undefined)) {
        response.writeHead(401).end();
        received.push({ status: 401, delivery, message: null });
        return;
      }
      response.writeHead(200).end();
      const message = JSON.parse(rawBody.toString('utf8')) as WebhookBody;
      received.push({ status: 200, delivery, message });
      if (delivery && seen.has(delivery)) return;
      if (delivery) seen.add(delivery);
      taken.push(message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/guanjia`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: `gj-${Math.random().toString(36).slice(2)}`,
  kind: 'case_received',
  to: '',
  title: '您的报修已受理',
  body: '【管家物业】您好，您的报修（单号BX-20261125-000001）已受理：厨房水管漏水。\n我们将尽快处理，谢谢！',
  fields: { caseNumber: 'BX-20261125-000001', summary: '厨房水管漏水' },
  url: 'https://desk.example.cn/portal/#/cases/1',
  urgent: false,
  ...over,
});

/** Sends a body with the given headers as our adapter would not (a tampered or replayed request). */
async function post(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return res.status;
}
const sign = (secret: string, timestamp: number, body: string) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

describe('an integrator checks our webhook as docs/webhooks.md says', () => {
  it('our requests pass the documented check, and a retry of one is taken once', async () => {
    const adapter = createWebhookAdapter();
    const sent = message();
    await adapter.send(sent, { config: { url }, secret: SECRET });
    await adapter.send(sent, { config: { url }, secret: SECRET }); // a retry: same delivery id
    const mine = received.filter((r) => r.delivery === sent.idempotencyKey);
    expect(mine.map((r) => r.status)).toEqual([200, 200]);
    expect(taken.filter((m) => m.id === sent.idempotencyKey)).toHaveLength(1);
    expect(taken.at(-1)).toMatchObject({ id: sent.idempotencyKey, kind: 'case_received', body: sent.body, fields: sent.fields, url: sent.url, urgent: false });
    // Chinese text and line breaks survive the raw-bytes check
    expect(taken.at(-1)!.body).toContain('\n');
  });

  it('a changed body, an old or future timestamp, another secret, a missing header: 401, and our adapter fails for good on it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: 'gj-x', kind: 'notice', title: '停水', body: '明日停水', fields: {}, urgent: false, sentAt: new Date().toISOString() });
    const good = { 'x-guanjia-delivery': 'gj-x', 'x-guanjia-timestamp': String(now), 'x-guanjia-signature': sign(SECRET, now, body) };
    expect(await post(body, good)).toBe(200);
    expect(await post(body.replace('明日停水', '明日不停水'), good), 'a changed body').toBe(401);
    expect(
      await post(body, { ...good, 'x-guanjia-timestamp': String(now - 301), 'x-guanjia-signature': sign(SECRET, now - 301, body) }),
      'replayed 301 s later',
    ).toBe(401);
    expect(
      await post(body, { ...good, 'x-guanjia-timestamp': String(now + 301), 'x-guanjia-signature': sign(SECRET, now + 301, body) }),
      'from the future',
    ).toBe(401);
    expect(await post(body, { ...good, 'x-guanjia-signature': sign('another-secret', now, body) }), 'another secret').toBe(401);
    expect(await post(body, { 'x-guanjia-delivery': 'gj-x', 'x-guanjia-timestamp': String(now) }), 'no signature').toBe(401);
    // while a secret is being replaced: several v1= values, one of them good
    expect(await post(body, { ...good, 'x-guanjia-signature': `${sign('old-secret', now, body)}, ${sign(SECRET, now, body)}` })).toBe(200);

    const adapter = createWebhookAdapter();
    const error = await adapter.send(message(), { config: { url }, secret: 'not-the-integrators-secret' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ChannelError', reason: 'webhook: HTTP 401', permanent: true });
  });

  it('the documented check follows the adapter’s clock: a request signed 10 minutes ago is refused', async () => {
    const adapter = createWebhookAdapter({ now: () => Date.now() - 600_000 });
    const error = await adapter.send(message(), { config: { url }, secret: SECRET }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'webhook: HTTP 401', permanent: true });
  });
});
