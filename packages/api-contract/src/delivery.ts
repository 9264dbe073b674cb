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
