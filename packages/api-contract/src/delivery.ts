import { z } from 'zod';
import { CONFIGURABLE_CHANNELS, DELIVERY_CHANNELS, DELIVERY_STATUSES, LOCALES, MESSAGE_KINDS } from '@guanjia/vocabulary';
import { IdSchema, InstantSchema, ShortText } from './common.ts';

/**
 * Messages that leave the system (issue 13): deliveries and the dead-letter list, channel settings
 * (secrets accepted, never returned), message templates with a preview, and the on-duty roster.
 */

export const DeliverySchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  channel: z.enum(DELIVERY_CHANNELS),
  recipientType: z.enum(['owner', 'staff', 'endpoint']),
  recipientId: z.string(),
  to: z.string().nullable().describe('The address, masked'),
  urgent: z.boolean(),
  title: z.string(),
  body: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  reason: z.string().nullable().describe('Why muted, throttled, unreachable, fallen back or sent through 免打扰'),
  lastError: z.string().nullable().describe("The provider's reason of the last failed attempt"),
  attempts: z.number().int(),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  nextAttemptAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
  sentAt: InstantSchema.nullable(),
  deliveredAt: InstantSchema.nullable(),
  readAt: InstantSchema.nullable(),
  failedAt: InstantSchema.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveriesQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().describe('failed: the dead-letter list'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(120).optional().describe('The `next` cursor of the previous page'),
});
export const DeliveryPageSchema = z.object({ items: z.array(DeliverySchema), next: z.string().nullable() });

export const ChannelParamsSchema = z.object({ channel: z.enum(CONFIGURABLE_CHANNELS) });

export const ChannelSettingsViewSchema = z.object({
  channel: z.enum(CONFIGURABLE_CHANNELS),
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  hasSecret: z.boolean().describe('Whether a secret is stored; the secret itself is never returned'),
  updatedAt: InstantSchema.nullable(),
  reportUrl: z
    .string()
    .nullable()
    .describe("SMS and WeChat: the path (after the server's public address) to enter at the provider for delivery reports (状态报告 / 事件推送); else null"),
  reportSigningToken: z
    .string()
    .nullable()
    .describe('WeChat: the 令牌 (Token) to enter beside that URL in the official account’s 服务器配置 (it signs every push); else null'),
});
export const ChannelSettingsListSchema = z.array(ChannelSettingsViewSchema);

export const SaveChannelSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()),
  /** Absent: keep the stored secret. */
  secret: z.string().max(4000).optional(),
});

export const ChannelTestSchema = z.strictObject({ to: z.string().trim().max(200).default('') });
export const ChannelTestResultSchema = z.object({ deliveryId: z.string() });

export const TemplateParamsSchema = z.object({ kind: z.enum(MESSAGE_KINDS), locale: z.enum(LOCALES) });
export const MessageTemplateViewSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  locale: z.enum(LOCALES),
  title: z.string(),
  body: z.string(),
  variables: z.array(z.string()),
  custom: z.boolean().describe("The organization's own wording (else the default)"),
});
export const MessageTemplateListSchema = z.array(MessageTemplateViewSchema);
export const SaveMessageTemplateSchema = z.strictObject({ title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(1000) });
export const PreviewMessageTemplateSchema = z.strictObject({
  title: z.string().max(100).optional(),
  body: z.string().max(1000).optional(),
});
export const MessagePreviewSchema = z.object({ title: z.string(), body: z.string(), variables: z.record(z.string(), z.string()) });

export const DutyShiftSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  departmentId: z.string().nullable(),
  staffId: z.string(),
  staffName: z.string(),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  note: z.string().nullable(),
});
export const DutyShiftListSchema = z.array(DutyShiftSchema);
export const CreateDutyShiftSchema = z.strictObject({
  projectId: IdSchema,
  departmentId: IdSchema.nullish(),
  staffId: IdSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  note: ShortText.nullish(),
});
export const DutyShiftQuerySchema = z.object({
  projectId: IdSchema,
  from: InstantSchema,
  to: InstantSchema,
});
export const OnDutyQuerySchema = z.object({ projectId: IdSchema, departmentId: IdSchema.optional(), at: InstantSchema.optional() });
export const OnDutySchema = z.object({ at: InstantSchema, staff: z.array(z.object({ id: z.string(), name: z.string() })) });

// --- delivery reports: what the providers push (public routes, authenticated by the token in the path) ---

export const DeliveryReportParamsSchema = z.object({
  organizationId: IdSchema,
  token: z.string().max(128).describe('The report token of the organization and channel (the settings view’s reportUrl)'),
});

/** One Alibaba Cloud SMS delivery report (SmsReport, HTTP batch push); fields the provider adds later are ignored. */
export const SmsReportSchema = z
  .object({
    phone_number: z.string().max(40).optional(),
    send_time: z.string().max(40).optional().describe('Beijing time, 2026-12-05 10:00:00'),
    report_time: z.string().max(40).describe('Beijing time, 2026-12-05 10:00:05'),
    success: z.union([z.boolean(), z.enum(['true', 'false'])]),
    err_code: z.string().max(100).optional().describe('DELIVERED, or the carrier’s code'),
    err_msg: z.string().max(500).optional(),
    sms_size: z.union([z.string().max(10), z.number()]).optional(),
    biz_id: z.string().max(100).optional().describe('The BizId SendSms answered'),
    out_id: z.string().max(200).optional().describe('The OutId sent: our delivery’s idempotency key'),
  })
  .refine((r) => !!(r.biz_id || r.out_id), { message: 'biz_id or out_id', path: ['out_id'] });
export const SmsReportBodySchema = z.array(SmsReportSchema).max(5000).describe('A JSON array: one push may carry several reports');
export type SmsReport = z.infer<typeof SmsReportSchema>;
export const SmsReportAnswerSchema = z.object({ code: z.number().int().describe('0: received'), msg: z.string() });

/** WeChat's signature of a request to the official account's server URL (sha1 of token, timestamp and nonce sorted). */
export const WechatSignedQuerySchema = z.object({
  signature: z.string().max(100),
  timestamp: z.string().max(20),
  nonce: z.string().max(100),
});
export const WechatVerifyQuerySchema = WechatSignedQuerySchema.extend({ echostr: z.string().max(500).describe('Answered as is when the signature is right') });
/** The event push's query: openid and encrypt_type may come too (accepted, not needed). */
export const WechatPushQuerySchema = WechatSignedQuerySchema.extend({
  openid: z.string().max(100).optional(),
  encrypt_type: z.string().max(20).optional(),
  msg_signature: z.string().max(100).optional(),
});
/** The push itself: the event's XML (plain-text mode, 明文模式), any content type, at most 64 KB. */
export const WechatPushBodySchema = z
  .string()
  .max(65_536)
  .describe('<xml>…<MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>…</MsgID><Status>…</Status></xml>');
