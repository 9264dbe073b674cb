/**
 * Email (电子邮件) over SMTP with nodemailer. The title is the subject, the body the plain text (with
 * the link, when the message carries one, also in a minimal HTML part). The Message-ID is derived from
 * the delivery's idempotency key, so a repeated attempt carries the same id (mail systems and clients
 * that de-duplicate by Message-ID drop the copy), and X-Guanjia-Delivery carries the key itself.
 * One pooled transport per distinct settings; `close()` ends them.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { z } from 'zod';
import { ChannelError, type ChannelAdapter, type ChannelSettings, type OutgoingMessage } from '../channel.ts';
import { DEFAULT_TIMEOUT_MS, fingerprint, type ChannelAdapterOptions } from './http.ts';

/** A bare address: something@domain (no spaces, no angle brackets or list separators). */
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** `noreply@x.cn` or `管家物业 <noreply@x.cn>`. */
function isSender(value: string): boolean {
  const named = /^(.*)<([^<>]+)>$/.exec(value.trim());
  return named ? ADDRESS.test(named[2].trim()) : ADDRESS.test(value.trim());
}

export const EmailConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  /** TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** The SMTP login; absent: no authentication. */
  user: z.string().min(1).optional(),
  /** The sender, an address with an optional display name: "管家物业 <noreply@x.cn>". */
  from: z.string().min(1).refine(isSender, 'an email address, optionally with a display name: 管家物业 <noreply@example.cn>'),
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  requireTls: z.boolean().optional(),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;

export const EMAIL_SECRET_DESCRIPTION = 'The SMTP password of the user in the settings (empty when the server needs no login).';

/** The Message-ID of a delivery: the key with the characters a Message-ID may not hold replaced by '_'. */
export function emailMessageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/g, '_')}@guanjia>`;
}

export function createEmailAdapter(options: ChannelAdapterOptions = {}): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transports = new Map<string, Transporter<SMTPPool.SentMessageInfo>>();

  function transportFor(config: EmailConfig, secret: string): Transporter<SMTPPool.SentMessageInfo> {
    const key = fingerprint(config.host, config.port, config.secure, config.user, config.requireTls, secret);
    let transport = transports.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({
        pool: true,
        host: config.host,
        port: config.port,
        secure: config.secure,
        requireTLS: config.requireTls ?? false,
        auth: config.user ? { user: config.user, pass: secret } : undefined,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      });
      transports.set(key, transport);
    }
    return transport;
  }

  return {
    channel: 'email',
    async send(message: OutgoingMessage, settings: ChannelSettings) {
      const parsed = EmailConfigSchema.safeParse(settings.config);
      if (!parsed.success) throw new ChannelError(`email: invalid settings: ${z.prettifyError(parsed.error)}`, true);
      if (!ADDRESS.test(message.to)) throw new ChannelError(`email: "${message.to}" is not an email address`, true, true);
      const messageId = emailMessageId(message.idempotencyKey);
      const withLink = message.url && !message.body.includes(message.url) ? `${message.body}\n\n${message.url}` : message.body;
      try {
        await transportFor(parsed.data, settings.secret).sendMail({
          from: parsed.data.from,
          to: message.to,
          subject: message.title,
          text: withLink,
          html: message.url ? htmlVersion(message.title, message.body, message.url) : undefined,
          messageId,
          headers: { 'X-Guanjia-Delivery': message.idempotencyKey },
          priority: message.urgent ? 'high' : 'normal',
        });
      } catch (error) {
        throw smtpFailure(error);
      }
      return { providerMessageId: messageId };
    },
    async close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}

/**
 * A 5xx answer (and a message with no recipient left) is permanent; 4xx, refused connections and
 * timeouts are transient. The address cannot be reached at all (`unreachable`: the owner's next
 * channel is tried) when the recipient was refused at RCPT TO, the answer is 551 (not local) or 553
 * (mailbox name not allowed), or its enhanced status is an addressing one (5.1.x, RFC 3463: no such
 * mailbox, bad domain …) — not a 550 for the message itself (5.7.1 refused as spam).
 */
function smtpFailure(error: unknown): ChannelError {
  const failure = (error ?? {}) as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof failure.responseCode === 'number') {
    const said = (failure.response ?? failure.message ?? '').trim();
    const unreachable = failure.code === 'EENVELOPE' || [551, 553].includes(failure.responseCode) || /\b5\.1\.\d{1,3}\b/.test(said);
    return new ChannelError(`SMTP ${failure.responseCode}: ${said}`, failure.responseCode >= 500, failure.responseCode >= 500 && unreachable);
  }
  if (failure.code === 'EENVELOPE') return new ChannelError(`SMTP: ${failure.message ?? 'no recipient'}`, true, true);
  return new ChannelError(`SMTP ${failure.code ?? 'error'}: ${failure.message ?? String(error)}`, false);
}

function htmlVersion(title: string, body: string, url: string): string {
  const paragraphs = body
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  paragraphs.push(`<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${paragraphs.join('')}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
