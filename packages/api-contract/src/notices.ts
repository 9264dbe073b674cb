import { z } from 'zod';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  NOTICE_CHANNELS,
  NOTICE_KINDS,
  NOTICE_POSTING_STATUSES,
  NOTICE_POSTING_TASKS,
  NOTICE_STATUSES,
  NOTICE_TARGET_SCOPES,
} from '@guanjia/vocabulary';
import { IdSchema, InstantSchema, ShortText } from './common.ts';

/**
 * Notices (通知公告, SPEC §9, issue 13 items 5 and 7): drafts, approval by another person, the ledger
 * (信息公布台帐) with each notice's original and delivery figures, the reach before sending (and as a
 * workbook), undo within minutes, corrections that supersede; the owner's portal (notices in force,
 * read receipts, message settings) and the area steward's paper posting tasks.
 */

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const NoticeTitle = z.string().trim().min(1).max(100);
const NoticeBody = z.string().trim().min(1).max(2000);

/** What an author writes; the same fields are edited while it is a draft (a published notice: only expiresAt). */
const NoticeFields = {
  kind: z.enum(NOTICE_KINDS),
  title: NoticeTitle,
  body: NoticeBody,
  /** 紧急通知: pinned, pushed at once and through 免打扰, never muted or throttled; needs a reason and an expiry. */
  emergency: z.boolean(),
  emergencyReason: z.string().trim().max(500).nullish(),
  /** The disruption's period (停水 from … to …), when it has one: the lead time is counted to startsAt. */
  startsAt: InstantSchema.nullish(),
  endsAt: InstantSchema.nullish(),
  /** When it comes down; absent: the end of its period, else a month after publication. */
  expiresAt: InstantSchema.nullish(),
  targetScope: z.enum(NOTICE_TARGET_SCOPES).describe('project: every household; buildings / units: those in targetIds'),
  targetIds: z.array(IdSchema).max(2000),
  /** The outside channels to push it on (each owner's preferred one first, falling back among these); the portal always shows it. */
  channels: z.array(z.enum(NOTICE_CHANNELS)).max(NOTICE_CHANNELS.length),
  /** Posted on paper too: tasks for the area steward. */
  paperPosting: z.boolean(),
};

function targetsMatchScope(v: { targetScope?: string; targetIds?: string[] }, ctx: z.RefinementCtx) {
  if (v.targetScope === undefined || v.targetIds === undefined) return;
  if (v.targetScope === 'project' && v.targetIds.length)
    ctx.addIssue({ code: 'custom', path: ['targetIds'], message: 'a notice to the whole project names no targets' });
  if (v.targetScope !== 'project' && !v.targetIds.length) ctx.addIssue({ code: 'custom', path: ['targetIds'], message: `name the ${v.targetScope} it is for` });
}

export const CreateNoticeSchema = z
  .strictObject({
    projectId: IdSchema,
    ...NoticeFields,
    emergency: NoticeFields.emergency.default(false),
    targetScope: NoticeFields.targetScope.default('project'),
    targetIds: NoticeFields.targetIds.default([]),
    channels: NoticeFields.channels.default([...NOTICE_CHANNELS]),
    paperPosting: NoticeFields.paperPosting.default(false),
  })
  .superRefine(targetsMatchScope);
export type CreateNoticeInput = z.infer<typeof CreateNoticeSchema>;

export const UpdateNoticeSchema = z
  .strictObject({ ...NoticeFields, expectedVersion: z.number().int().min(1).optional() })
  .partial()
  .superRefine(targetsMatchScope);
export type UpdateNoticeInput = z.infer<typeof UpdateNoticeSchema>;

export const RejectNoticeSchema = z.strictObject({ reason: ShortText });

const PersonSchema = z.object({ id: z.string(), name: z.string() }).nullable();

/** The figures a notice reaches (before sending: now; in the ledger: at publication). */
export const NoticeReachFiguresSchema = z.object({
  at: InstantSchema,
  buildings: z.number().int(),
  units: z.number().int(),
  /** Owners (each once, however many targeted homes they hold). */
  owners: z.number().int(),
  /** Owners by what a push would do now: the channel it goes on, or why none. */
  byOutcome: z.object({
    sms: z.number().int(),
    wechat: z.number().int(),
    email: z.number().int(),
    unreachable: z.number().int(),
    muted: z.number().int(),
    throttled: z.number().int(),
  }),
});

export const NoticeSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  emergency: z.boolean(),
  emergencyReason: z.string().nullable(),
  startsAt: InstantSchema.nullable(),
  endsAt: InstantSchema.nullable(),
  expiresAt: InstantSchema.nullable(),
  targetScope: z.enum(NOTICE_TARGET_SCOPES),
  targetIds: z.array(z.string()),
  /** The targets in words: 全部 / 1栋、2栋 / 1栋101、1栋102. */
  area: z.string(),
  channels: z.array(z.enum(NOTICE_CHANNELS)),
  paperPosting: z.boolean(),
  status: z.enum(NOTICE_STATUSES),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  createdBy: PersonSchema,
  createdAt: InstantSchema,
  submittedBy: PersonSchema,
  submittedAt: InstantSchema.nullable(),
  approvedBy: PersonSchema,
  approvedAt: InstantSchema.nullable(),
  rejectedBy: PersonSchema,
  rejectedAt: InstantSchema.nullable(),
  rejectedReason: z.string().nullable(),
  publishedAt: InstantSchema.nullable(),
  /** Until when the notice can be undone (withdrawn); null once past, or when it is not published. */
  undoUntil: InstantSchema.nullable(),
  withdrawnAt: InstantSchema.nullable(),
  withdrawnBy: PersonSchema,
  expiredAt: InstantSchema.nullable(),
  /** The figures it was sent with (null until the delivery worker has planned it). */
  reach: NoticeReachFiguresSchema.nullable(),
  updatedAt: InstantSchema,
  version: z.number().int(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const NoticePostingSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeTitle: z.string(),
  emergency: z.boolean(),
  projectId: z.string(),
  buildingId: z.string().nullable(),
  /** Where to post it: a building's board, or the project's (管理处公告栏). */
  board: z.string(),
  task: z.enum(NOTICE_POSTING_TASKS),
  assigneeId: z.string().nullable(),
  dueAt: InstantSchema,
  overdue: z.boolean(),
  status: z.enum(NOTICE_POSTING_STATUSES),
  doneAt: InstantSchema.nullable(),
  photoAttachmentId: z.string().nullable(),
  note: z.string().nullable(),
  damaged: z.boolean(),
});
export const NoticePostingListSchema = z.array(NoticePostingSchema);

/** One notice in the ledger with its original, its delivery figures, its read receipts and its paper tasks. */
export const NoticeDetailSchema = NoticeSchema.extend({
  /** The notice exactly as published (null before). */
  original: z.record(z.string(), z.unknown()).nullable(),
  deliveries: z.object({
    total: z.number().int(),
    byStatus: z.partialRecord(z.enum(DELIVERY_STATUSES), z.number().int()),
    byChannel: z.array(z.object({ channel: z.enum(DELIVERY_CHANNELS), status: z.enum(DELIVERY_STATUSES), count: z.number().int() })),
  }),
  /** Owners who opened it in the portal. */
  reads: z.number().int(),
  postings: NoticePostingListSchema,
});

export const NoticeListQuerySchema = z.object({
  status: z.enum(NOTICE_STATUSES).optional(),
  projectId: IdSchema.optional(),
  kind: z.enum(NOTICE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(200).optional().describe('The `next` cursor of the previous page'),
});
export const NoticePageSchema = z.object({ items: z.array(NoticeSchema), next: z.string().nullable() });

export const NoticeReachSchema = NoticeReachFiguresSchema;

// --- the owner's portal -----------------------------------------------------------------------------

export const PortalNoticeSchema = z.object({
  id: z.string(),
  projectName: z.string(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  /** Emergencies come first, pinned. */
  emergency: z.boolean(),
  startsAt: InstantSchema.nullable(),
  endsAt: InstantSchema.nullable(),
  expiresAt: InstantSchema.nullable(),
  publishedAt: InstantSchema,
  area: z.string(),
  readAt: InstantSchema.nullable(),
});
export const PortalNoticeListSchema = z.array(PortalNoticeSchema);

/** What an owner chooses of the messages they get: the channel first tried, 免打扰 times, and common notices muted per kind and channel. */
export const MessageSettingsSchema = z.object({
  preferredChannel: z.enum(NOTICE_CHANNELS).nullable(),
  doNotDisturb: z.array(z.object({ from: HHMM, to: HHMM })),
  /** Kinds of common notice muted on a channel (emergencies always come). */
  mutes: z.array(z.object({ kind: z.enum(NOTICE_KINDS), channel: z.enum(NOTICE_CHANNELS) })),
});
export const SaveMessageSettingsSchema = z.strictObject({
  preferredChannel: z.enum(NOTICE_CHANNELS).nullable(),
  doNotDisturb: z
    .array(z.strictObject({ from: HHMM, to: HHMM }))
    .max(10)
    .refine((spans) => spans.every((s) => s.from !== s.to), 'a span must not start and end at the same time'),
  mutes: z.array(z.strictObject({ kind: z.enum(NOTICE_KINDS), channel: z.enum(NOTICE_CHANNELS) })).max(NOTICE_KINDS.length * NOTICE_CHANNELS.length),
});

// --- the area steward's paper tasks -------------------------------------------------------------------

export const PostingDoneSchema = z.strictObject({
  /** A photo of the notice on the board (uploaded first: POST /api/attachments); posting and re-posting need one. */
  photoAttachmentId: IdSchema.nullish(),
  note: z.string().trim().max(500).nullish(),
  /** A patrol found the notice damaged or gone: a task to post it again follows. */
  damaged: z.boolean().default(false),
});
