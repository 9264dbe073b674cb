import {
  CASE_TYPES,
  MEETING_ACTION_STATUSES,
  MEETING_KINDS,
  MONTHLY_CLOCK_STATES,
  MONTHLY_CONTACT_CHANNELS,
  MONTHLY_CONTACT_RESULTS,
  MONTHLY_CONTACT_STATUSES,
  MONTHLY_OPINION_STATUSES,
  MONTHLY_SUMMARY_STATUSES,
  TEXT_LIMITS,
} from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, ShortText } from './common.ts';

/**
 * The monthly communication cycle (每月客户沟通, SPEC §7 "Monthly", seed 004 §3): the supervisor's
 * contact list with its clocks, the monthly summary (每月客户沟通总结) built from the month's data and
 * reviewed by the office manager who assigns each opinion, and meetings with the owners' committee or
 * customer representatives (座谈) with minutes and tracked actions.
 */

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const SectionText = z.string().trim().max(TEXT_LIMITS.long);
const LongerText = z.string().trim().min(1).max(TEXT_LIMITS.long);

export const MonthlyProjectMonthSchema = z.strictObject({ projectId: IdSchema, month: MonthSchema.describe('The local month, YYYY-MM') });
export const MonthlyContactsQuerySchema = z.object({ projectId: IdSchema, month: MonthSchema });

// --- the contact list ------------------------------------------------------------------------------

const ContactAttemptSchema = z.object({
  at: InstantSchema,
  by: z.string(),
  reached: z.boolean(),
  channel: z.enum(MONTHLY_CONTACT_CHANNELS),
  ownerWords: z.string().nullable(),
  result: z.enum(MONTHLY_CONTACT_RESULTS).nullable(),
  note: z.string().nullable(),
});
export const MonthlyContactSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  month: z.string(),
  ownerId: z.string(),
  ownerName: z.string().describe('Masked (张*)'),
  cases: z.array(z.object({ id: z.string(), number: z.string(), type: z.enum(CASE_TYPES), title: z.string() })).describe('What the owner raised that month'),
  dueOn: LocalDateSchema.describe('Due by this local date (the 5th of the following month)'),
  status: z.enum(MONTHLY_CONTACT_STATUSES),
  clock: z.enum(MONTHLY_CLOCK_STATES),
  attempts: z.array(ContactAttemptSchema),
  channel: z.enum(MONTHLY_CONTACT_CHANNELS).nullable(),
  ownerWords: z.string().nullable(),
  result: z.enum(MONTHLY_CONTACT_RESULTS).nullable(),
  closedBy: z.string().nullable(),
  closedAt: InstantSchema.nullable(),
});
export const MonthlyContactListSchema = z.object({
  projectId: z.string(),
  month: z.string(),
  dueOn: LocalDateSchema,
  rows: z.array(MonthlyContactSchema),
  added: z.number().int().describe('Generation: owners added by this run (0 when nothing new)'),
  sources: z.object({ cases: z.boolean(), visitOpinions: z.boolean(), surveyComments: z.boolean() }).describe('Which sources the list is built from so far'),
});

export const ContactAttemptInputSchema = z.discriminatedUnion('reached', [
  z.strictObject({
    reached: z.literal(true),
    channel: z.enum(MONTHLY_CONTACT_CHANNELS),
    ownerWords: LongerText.describe('What the owner said'),
    result: z.enum(MONTHLY_CONTACT_RESULTS),
    note: ShortText.optional(),
  }),
  z.strictObject({ reached: z.literal(false), channel: z.enum(MONTHLY_CONTACT_CHANNELS), note: ShortText.optional() }),
]);
export const MarkUnreachableSchema = z.strictObject({ note: ShortText });

// --- the summary -----------------------------------------------------------------------------------

const CountByType = z.array(z.object({ type: z.string(), count: z.number().int() }));
const rate = z.number().nullable().describe('0–1; null when nothing counted');
export const MonthlyFiguresSchema = z.object({
  from: LocalDateSchema,
  to: LocalDateSchema.describe('Exclusive'),
  casesByType: CountByType.describe('Cases received in the month'),
  complaintCategories: z.array(z.object({ category: z.string().nullable(), count: z.number().int() })).describe('Complaints by cause, most first'),
  timeliness: z.object({ met: z.number().int(), breached: z.number().int(), rate }).describe('沟通及时率'),
  resolution: z.object({
    closed: z.number().int(),
    resolvedFirstTime: z.number().int(),
    successRate: rate,
    satisfied: z.number().int(),
    asked: z.number().int(),
    outOfScope: z
      .number()
      .int()
      .optional()
      .describe('Closed as outside the office’s remit: left out of successRate (summaries drawn up before issue 16 lack it)'),
    reopened: z.number().int().optional().describe('Closed after being reopened at least once'),
  }),
  callbacks: z.object({ due: z.number().int(), done: z.number().int(), unreachable: z.number().int(), notSatisfied: z.number().int() }),
  visits: z.object({ planned: z.number().int(), done: z.number().int() }),
  openAtMonthEnd: CountByType.describe('Cases still open at the month’s end'),
  contacts: z.object({
    total: z.number().int(),
    contacted: z.number().int(),
    unreachable: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
  }),
  surveyComments: z
    .number()
    .int()
    .optional()
    .describe('Comments of survey answers registered in the month (客户意见登记; absent in summaries built before they were counted)'),
  notAvailable: z.array(z.string()).describe('Sections not computed yet (their data does not exist in this version)'),
});
export const MonthlyOpinionSchema = z.object({
  id: z.string(),
  summaryId: z.string(),
  projectId: z.string(),
  month: z.string(),
  source: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  ownerId: z.string().nullable(),
  text: z.string(),
  status: z.enum(MONTHLY_OPINION_STATUSES),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  deadlineOn: LocalDateSchema.nullable(),
  overdue: z.boolean(),
  assignedBy: z.string().nullable(),
  assignedAt: InstantSchema.nullable(),
  doneBy: z.string().nullable(),
  doneAt: InstantSchema.nullable(),
  doneNote: z.string().nullable(),
});
export const MonthlyOpinionListSchema = z.array(MonthlyOpinionSchema);
export const MonthlySummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  month: z.string(),
  status: z.enum(MONTHLY_SUMMARY_STATUSES),
  figures: MonthlyFiguresSchema,
  figuresAt: InstantSchema.describe('When the figures were built'),
  overview: z.string(),
  mainProblems: z.string(),
  improvements: z.string(),
  version: z.number().int().describe('Send it back when editing: a change made meanwhile is not overwritten'),
  submittedBy: z.string().nullable(),
  submittedAt: InstantSchema.nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: InstantSchema.nullable(),
  reviewNote: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  opinions: MonthlyOpinionListSchema,
});
export const MonthlySummaryListSchema = z.array(MonthlySummarySchema.omit({ figures: true, opinions: true }));
export const MonthlySummariesQuerySchema = z.object({ projectId: IdSchema, limit: z.coerce.number().int().min(1).max(60).default(12) });

export const EditMonthlySummarySchema = z.strictObject({
  version: z.number().int().min(1),
  overview: SectionText.optional(),
  mainProblems: SectionText.optional(),
  improvements: SectionText.optional(),
});
export const SummaryVersionSchema = z.strictObject({ version: z.number().int().min(1) });
export const ReviewMonthlySummarySchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('accept'),
    note: ShortText.optional(),
    assignments: z
      .array(z.strictObject({ opinionId: IdSchema, assigneeId: IdSchema, deadlineOn: LocalDateSchema }))
      .max(500)
      .describe('Every opinion of the summary, once'),
  }),
  z.strictObject({ decision: z.literal('return'), note: ShortText.describe('What to change') }),
]);
export const OpinionsQuerySchema = z.object({
  projectId: IdSchema,
  status: z.enum(['open', 'done']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const MonthlyDoneSchema = z.strictObject({ note: ShortText.optional() });

// --- meetings --------------------------------------------------------------------------------------

export const MeetingActionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  text: z.string(),
  responsibleId: z.string(),
  responsibleName: z.string(),
  deadlineOn: LocalDateSchema,
  status: z.enum(MEETING_ACTION_STATUSES),
  overdue: z.boolean(),
  doneBy: z.string().nullable(),
  doneAt: InstantSchema.nullable(),
  doneNote: z.string().nullable(),
  createdAt: InstantSchema,
});
export const MeetingSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(MEETING_KINDS),
  heldOn: LocalDateSchema,
  title: z.string(),
  attendees: z.array(z.string()),
  topics: z.array(z.string()),
  minutes: z.string().nullable(),
  minutesBy: z.string().nullable(),
  minutesAt: InstantSchema.nullable(),
  minutesDueOn: LocalDateSchema.describe('3 days after the meeting'),
  minutesLate: z.boolean().describe('Written after their due day, or still missing past it'),
  createdBy: z.string().nullable(),
  createdAt: InstantSchema,
  actions: z.array(MeetingActionSchema),
});
export const MeetingListSchema = z.array(MeetingSchema);
export const MeetingsQuerySchema = z.object({ projectId: IdSchema, limit: z.coerce.number().int().min(1).max(200).default(50) });
export const CreateMeetingSchema = z.strictObject({
  projectId: IdSchema,
  kind: z.enum(MEETING_KINDS),
  heldOn: LocalDateSchema,
  title: ShortText,
  attendees: z.array(ShortText).min(1).max(100),
  topics: z.array(ShortText).min(1).max(50),
});
export const MeetingMinutesSchema = z.strictObject({ minutes: LongerText });
export const CreateMeetingActionSchema = z.strictObject({ text: ShortText, responsibleId: IdSchema, deadlineOn: LocalDateSchema });
