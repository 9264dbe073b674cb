/**
 * The signed webhook for integrators: each message POSTed as JSON to the URL in the settings, signed
 * so the receiver can tell it came from us and was not replayed (docs/webhooks.md). Headers:
 * x-guanjia-delivery (the idempotency key, the same on every attempt: receivers de-duplicate by it),
 * x-guanjia-timestamp (unix seconds) and x-guanjia-signature: v1=<hex HMAC-SHA256(secret,
 * timestamp + '.' + raw body)>. 2xx is delivered; 400/401/403/404/410 and other 4xx and 3xx are
 * permanent (redirects are not followed); 408, 429, 5xx and network failures are retried.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ChannelError, type ChannelAdapter, type ChannelSettings, type OutgoingMessage } from '../channel.ts';
import { DEFAULT_TIMEOUT_MS, httpRequest, type ChannelAdapterOptions } from './http.ts';

export const WebhookConfigSchema = z.object({
  /** Where to POST (http or https). */
  url: z.url({ protocol: /^https?$/ }),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

export const WEBHOOK_SECRET_DESCRIPTION = 'The signing secret shared with the integrator (HMAC-SHA256 key of x-guanjia-signature).';

/** A signature older (or further ahead) than this is refused by verifyWebhookSignature. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The JSON body of one webhook call. */
export interface WebhookBody {
  /** The idempotency key (also in x-guanjia-delivery). */
  id: string;
  kind: OutgoingMessage['kind'];
  title: string;
  body: string;
  fields: Record<string, string>;
  url?: string;
  urgent: boolean;
  /** When this attempt was sent (ISO-8601 UTC). */
  sentAt: string;
}

/** The x-guanjia-signature value of a body sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export interface WebhookSignatureCheck {
  secret: string;
  /** x-guanjia-timestamp as received. */
  timestamp: string | number | null | undefined;
  /** The raw body as received (before any JSON parsing). */
  body: string;
  /** x-guanjia-signature as received; several `v1=` entries separated by commas are each tried. */
  signature: string | null | undefined;
  /** The receiver's clock, ms since the epoch (default Date.now()). */
  now?: number;
  toleranceSeconds?: number;
}

/** True when the signature is ours over this body and timestamp and the timestamp is within the tolerance of `now`. */
export function verifyWebhookSignature(check: WebhookSignatureCheck): boolean {
  const { secret, body, signature, toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS } = check;
  const timestamp = String(check.timestamp ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || !signature) return false;
  const nowSeconds = (check.now ?? Date.now()) / 1000;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'utf8');
  let matched = false;
  for (const candidate of signature.split(',')) {
    const given = Buffer.from(candidate.trim(), 'utf8');
    // timingSafeEqual needs equal lengths; a different length is not ours anyway
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

/** 400, 401, 403, 404, 410, any other 4xx but 408/429, and 3xx: the receiver's answer will not change by itself. */
function isPermanentStatus(status: number): boolean {
  if (status === 408 || status === 429) return false;
  return status >= 300 && status < 500;
}

export function createWebhookAdapter(options: ChannelAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  return {
    channel: 'webhook',
    async send(message: OutgoingMessage, settings: ChannelSettings) {
      const parsed = WebhookConfigSchema.safeParse(settings.config);
      if (!parsed.success) throw new ChannelError(`webhook: invalid settings: ${z.prettifyError(parsed.error)}`, true);
      const sentAt = now();
      const timestamp = Math.floor(sentAt / 1000);
      const payload: WebhookBody = {
        id: message.idempotencyKey,
        kind: message.kind,
        title: message.title,
        body: message.body,
        fields: message.fields,
        ...(message.url ? { url: message.url } : {}),
        urgent: message.urgent ?? false,
        sentAt: new Date(sentAt).toISOString(),
      };
      const rawBody = JSON.stringify(payload);
      const answer = await httpRequest(
        'webhook',
        parsed.data.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-guanjia-delivery': message.idempotencyKey,
            'x-guanjia-timestamp': String(timestamp),
            'x-guanjia-signature': webhookSignature(settings.secret, timestamp, rawBody),
          },
          body: rawBody,
          readBody: false,
        },
        timeoutMs,
      );
      if (answer.status >= 200 && answer.status < 300) return { providerMessageId: answer.headers.get('x-request-id') };
      throw new ChannelError(`webhook: HTTP ${answer.status}`, isPermanentStatus(answer.status));
    },
  };
}
