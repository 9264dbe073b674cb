import type { ConfigurableChannel, MessageKind } from '@guanjia/vocabulary';

/**
 * One outside channel behind one interface (issue 13): email over SMTP, SMS, WeChat official-account
 * template messages, WeCom (企业微信) and the signed webhook. The delivery worker renders a message,
 * picks the adapter by channel and calls `send` with the organization's settings for it; the adapter
 * speaks the provider's documented request format to the configured base URL and says how it went.
 */
export interface OutgoingMessage {
  /** The delivery's own key, the same on every attempt: passed to the provider so a repeat is dropped there. */
  idempotencyKey: string;
  kind: MessageKind;
  /** The address on this channel: an email address, a mainland mobile number, a WeChat openid, a WeCom userid; the webhook's URL comes from its settings. */
  to: string;
  /** Subject / title line (rendered from the template). */
  title: string;
  /** Plain-text body (rendered from the template). */
  body: string;
  /** The template's variables as rendered strings (providers with their own templates fill them in). */
  fields: Record<string, string>;
  /** A link the message may carry (the case or notice in the portal or console), absolute. */
  url?: string;
  /** An emergency (特急 breach, emergency notice): providers that can mark priority do. */
  urgent?: boolean;
}

export interface SendResult {
  /** The provider's id of the message (SMS BizId, WeChat msgid, SMTP Message-ID …), for delivery reports. */
  providerMessageId: string | null;
}

/**
 * A send that did not go through. `permanent`: retrying cannot help (a bad number, a blocked user, a
 * wrong template) and the delivery fails at once; otherwise it is retried with backoff. `reason` is
 * the provider's own code and message, kept on the delivery for the administrator. `unreachable`
 * (permanent only): the recipient cannot be reached on this channel at all — a WeChat user not
 * following the account or a wrong openid, a number the carrier refuses, a mailbox that does not
 * exist — so an owner's message falls back to their next channel (decision 0025).
 */
export class ChannelError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    readonly unreachable = false,
  ) {
    super(reason);
    this.name = 'ChannelError';
  }
}

/** Settings of one channel for one organization: plain `config` (may be shown) and `secret` (stored encrypted, never returned by the API). */
export interface ChannelSettings<Config = Record<string, unknown>> {
  config: Config;
  secret: string;
}

export interface ChannelAdapter {
  readonly channel: ConfigurableChannel;
  send(message: OutgoingMessage, settings: ChannelSettings): Promise<SendResult>;
  /** Releases pooled connections and cached tokens (tests, shutdown). */
  close?(): Promise<void>;
}
