import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema } from './common.ts';

/**
 * A notice's recipients (通知公告, issue 13 items 5 and 7), for the console's notice page and ledger:
 * each owner a published notice was pushed to — their homes, the channel, what became of the push and
 * why, and when they read it in the portal (the read receipt) —, and the ledger's figures of a page of
 * notices at once (deliveries per status, read receipts).
 */

export const NoticeRecipientsQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().describe('Only pushes in this status'),
  read: z.enum(['true', 'false']).optional().describe('true: only owners who read it in the portal; false: only those who have not'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
});

export const NoticeRecipientSchema = z.object({
  deliveryId: z.string(),
  ownerId: z.string(),
  /** Masked (张*) unless the reader may reveal owner data. */
  ownerName: z.string(),
  /** The owner's homes the notice covers, in words (1栋-1单元-101). */
  units: z.array(z.string()),
  channel: z.enum(DELIVERY_CHANNELS),
  to: z.string().nullable().describe('The address, masked'),
  status: z.enum(DELIVERY_STATUSES),
  reason: z.string().nullable().describe('Why muted, throttled, unreachable, fallen back or sent through 免打扰 (codes joined by ",")'),
  lastError: z.string().nullable(),
  sentAt: InstantSchema.nullable(),
  deliveredAt: InstantSchema.nullable(),
  /** Read as the channel reported it (a provider's read receipt). */
  channelReadAt: InstantSchema.nullable(),
  /** Opened in the owner portal (the notice's read receipt). */
  portalReadAt: InstantSchema.nullable(),
});
export const NoticeRecipientPageSchema = z.object({ items: z.array(NoticeRecipientSchema), next: z.string().nullable() });

export const NoticeFiguresQuerySchema = z.object({
  ids: z.union([IdSchema, z.array(IdSchema).max(200)]).describe('The notices (repeat the parameter); those outside the caller’s projects are left out'),
});

/** One notice's figures in the ledger: its pushes per status and how many owners read it. */
export const NoticeFiguresSchema = z.object({
  noticeId: z.string(),
  deliveries: z.number().int(),
  byStatus: z.partialRecord(z.enum(DELIVERY_STATUSES), z.number().int()),
  reads: z.number().int(),
});
export const NoticeFiguresListSchema = z.array(NoticeFiguresSchema);
