import { CASE_STATUSES, CHANNELS, STATUTORY_STATUSES, STATUTORY_SUBJECTS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { CallerInputSchema } from './desk.ts';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Statutory postings (法定公示; 民法典 第943条): a project's schedule of what it must post and how
 * often, each schedule's status (ok, due soon, overdue), the postings made, and owners' objections to
 * a posting (业主异议), each of which becomes a case with a 3-day reply clock.
 */

export const StatutoryScheduleSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  subject: z.enum(STATUTORY_SUBJECTS),
  title: z.string(),
  everyMonths: z.number().int().describe('Posted every this many months'),
  warnDays: z.number().int().describe('The office manager is warned this many days before the due date'),
  nextDueOn: LocalDateSchema.describe('The next posting is due on this local date (the project’s time zone)'),
  lastPostedOn: LocalDateSchema.nullable(),
  lastNoticeId: z.string().nullable().describe('The notice (通知公告) of the last posting'),
  active: z.boolean(),
  status: z.enum(STATUTORY_STATUSES).describe('ok; due_soon from warnDays before the due date; overdue from the day after it'),
  warnedAt: InstantSchema.nullable(),
  overdueNotifiedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export const StatutoryScheduleListSchema = z.array(StatutoryScheduleSchema);

const EveryMonths = z.number().int().min(1).max(24);
const WarnDays = z.number().int().min(0).max(90);

export const CreateStatutoryScheduleSchema = z.strictObject({
  subject: z.enum(STATUTORY_SUBJECTS),
  title: ShortText,
  everyMonths: EveryMonths,
  warnDays: WarnDays.default(7),
  nextDueOn: LocalDateSchema,
});
export const UpdateStatutoryScheduleSchema = z.strictObject({
  title: ShortText.optional(),
  everyMonths: EveryMonths.optional(),
  warnDays: WarnDays.optional(),
  nextDueOn: LocalDateSchema.optional().describe('A new due date starts a new period: its warning and overdue notice are owed again'),
  active: z.boolean().optional().describe('false: deactivated (no more alerts, no postings)'),
});

export const RecordStatutoryPostingSchema = z.strictObject({
  postedOn: LocalDateSchema.describe('The local date it was posted (not later than today)'),
  noticeId: IdSchema.nullish().describe('The notice (通知公告) that posted it'),
  note: ShortText.nullish(),
});

export const StatutoryPostingSchema = z.object({
  id: z.string(),
  scheduleId: z.string(),
  projectId: z.string(),
  postedOn: LocalDateSchema,
  dueOn: LocalDateSchema.describe('The due date this posting covered'),
  noticeId: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: InstantSchema,
  objectionCaseIds: z.array(z.string()).describe('The cases owners’ objections to it became'),
});
export const StatutoryPostingListSchema = z.array(StatutoryPostingSchema);
export const RecordedStatutoryPostingSchema = z.object({ posting: StatutoryPostingSchema, schedule: StatutoryScheduleSchema });

/** Staff recording an owner's objection (a call, a letter, at the counter): it becomes an inquiry case. */
export const StaffObjectionSchema = z.strictObject({
  content: LongText.describe('The objection, as the owner put it'),
  channel: z.enum(CHANNELS).default('counter'),
  ownerId: IdSchema.nullish(),
  unitId: IdSchema.nullish(),
  caller: CallerInputSchema.optional(),
});
/** An owner objecting in the portal. */
export const OwnerObjectionSchema = z.strictObject({ content: LongText.describe('The objection') });

/** A posting as the owner portal lists it (with its subject, so the owner knows what they object to). */
export const PortalStatutoryPostingSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  scheduleId: z.string(),
  subject: z.enum(STATUTORY_SUBJECTS),
  title: z.string(),
  postedOn: LocalDateSchema,
  noticeId: z.string().nullable(),
  inForce: z.boolean().describe('The latest posting of its schedule (an earlier one has been replaced by it)'),
  myObjections: z
    .array(z.object({ caseId: z.string(), caseNumber: z.string(), caseStatus: z.enum(CASE_STATUSES) }))
    .describe('The owner’s own objections to it: the cases they became'),
});
export const PortalStatutoryPostingListSchema = z.array(PortalStatutoryPostingSchema);
