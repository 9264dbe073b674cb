/**
 * The outside channels together: one adapter per configurable channel, the Zod schema of each
 * channel's plain settings (validate an administrator's input with it) and what each channel's
 * secret holds. The delivery worker makes the adapters once and closes them at shutdown.
 */
import type { ConfigurableChannel } from '@guanjia/vocabulary';
import type { ZodType } from 'zod';
import type { ChannelAdapter } from '../channel.ts';
import { createEmailAdapter, EMAIL_SECRET_DESCRIPTION, EmailConfigSchema } from './email.ts';
import type { ChannelAdapterOptions } from './http.ts';
import { createSmsAdapter, SMS_SECRET_DESCRIPTION, SmsConfigSchema } from './sms.ts';
import { createWebhookAdapter, WEBHOOK_SECRET_DESCRIPTION, WebhookConfigSchema } from './webhook.ts';
import { createWechatAdapter, WECHAT_SECRET_DESCRIPTION, WechatConfigSchema } from './wechat.ts';
import { createWecomAdapter, WECOM_SECRET_DESCRIPTION, WecomConfigSchema } from './wecom.ts';

export type { ChannelAdapterOptions } from './http.ts';
export { DEFAULT_TIMEOUT_MS } from './http.ts';
export { aliyunSignature } from './sms.ts';
export { fitTemplateValue } from './wechat.ts';
export { verifyWebhookSignature, webhookSignature, type WebhookBody } from './webhook.ts';

export function createChannelAdapters(options: ChannelAdapterOptions = {}): Record<ConfigurableChannel, ChannelAdapter> {
  return {
    email: createEmailAdapter(options),
    sms: createSmsAdapter(options),
    wechat: createWechatAdapter(options),
    wecom: createWecomAdapter(options),
    webhook: createWebhookAdapter(options),
  };
}

/** The schema of each channel's `config` (plain settings; the secret is apart). */
export const CHANNEL_CONFIG_SCHEMAS: Record<ConfigurableChannel, ZodType> = {
  email: EmailConfigSchema,
  sms: SmsConfigSchema,
  wechat: WechatConfigSchema,
  wecom: WecomConfigSchema,
  webhook: WebhookConfigSchema,
};

/** What each channel's `secret` holds (for the settings form and docs). */
export const CHANNEL_SECRET_DESCRIPTIONS: Record<ConfigurableChannel, string> = {
  email: EMAIL_SECRET_DESCRIPTION,
  sms: SMS_SECRET_DESCRIPTION,
  wechat: WECHAT_SECRET_DESCRIPTION,
  wecom: WECOM_SECRET_DESCRIPTION,
  webhook: WEBHOOK_SECRET_DESCRIPTION,
};

/** Close every adapter's pools and token caches. */
export async function closeChannelAdapters(adapters: Partial<Record<ConfigurableChannel, ChannelAdapter>>): Promise<void> {
  await Promise.all(Object.values(adapters).map((adapter) => adapter?.close?.()));
}
