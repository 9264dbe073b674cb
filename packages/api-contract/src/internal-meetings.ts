import { INTERNAL_MEETING_KINDS, MEETING_ACTION_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Internal meetings (内部会议, issue 16 item 3, decision 0038, seed 000 §七 会议制度): a meeting held by an
 * office or a department, its attendees (staff), minutes due within 3 days of the meeting (late ones
 * flagged, the secretary and organizer reminded once), and each resolution (决议) an action with a
 * responsible staff member and a deadline, tracked to done with a note.
 */
const Bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const Person = z.object({ id: z.string(), name: z.string() });

export const InternalMeetingActionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  text: z.string(),
  responsibleId: z.string(),
  responsibleName: z.string(),
  deadlineOn: LocalDateSchema,
  status: z.enum(MEETING_ACTION_STATUSES),
  overdue: z.boolean().describe('Open past its deadline (the meeting’s local date)'),
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAt: InstantSchema.nullable(),
  doneNote: z.string().nullable(),
  createdAt: InstantSchema,
  canComplete: z.boolean().describe('Its responsible staff member, or whoever holds the meeting'),
});
export const InternalMeetingSchema = z.object({
  id: z.string(),
  kind: z.enum(INTERNAL_MEETING_KINDS),
  projectId: z.string().nullable().describe('The office holding it, or the office of the department holding it'),
  departmentId: z.string().nullable().describe('The department holding it (null: the office’s own meeting)'),
  holderName: z.string().describe('The office’s or the department’s name'),
  heldOn: LocalDateSchema,
  title: z.string(),
  agenda: z.string().nullable(),
  organizer: Person,
  secretary: Person.describe('Who writes the minutes (reminded once when they are late)'),
  attendees: z.array(Person),
  minutes: z.string().nullable(),
  minutesBy: Person.nullable(),
  minutesAt: InstantSchema.nullable(),
  minutesDueOn: LocalDateSchema.describe('3 days after the meeting'),
  minutesLate: z.boolean().describe('Written after their due day, or still missing past it'),
  minutesRemindedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
  canHold: z.boolean().describe('May write the minutes and add resolutions'),
  actions: z.array(InternalMeetingActionSchema),
});
export const InternalMeetingListSchema = z.object({ items: z.array(InternalMeetingSchema) });
export const InternalMeetingListQuerySchema = z.object({
  kind: z.enum(INTERNAL_MEETING_KINDS).optional(),
  projectId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  minutesLate: Bool.describe('Only those whose minutes are late (true) or not (false)'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const CreateInternalMeetingSchema = z.strictObject({
  kind: z.enum(INTERNAL_MEETING_KINDS),
  projectId: IdSchema.optional().describe('An office’s meeting: the office'),
  departmentId: IdSchema.optional().describe('A department’s meeting: the department (exactly one of the two)'),
  heldOn: LocalDateSchema,
  title: ShortText,
  agenda: LongText.optional(),
  secretaryId: IdSchema.optional().describe('Who writes the minutes; the organizer (you) by default'),
  attendeeIds: z.array(IdSchema).min(1).max(200),
});
export const InternalMeetingMinutesSchema = z.strictObject({ minutes: LongText });
export const CreateInternalMeetingActionSchema = z.strictObject({ text: ShortText, responsibleId: IdSchema, deadlineOn: LocalDateSchema });
export const CompleteInternalMeetingActionSchema = z.strictObject({ note: ShortText.describe('What was done (the tracked result)') });

export const MyMeetingActionSchema = InternalMeetingActionSchema.extend({
  meeting: z.object({ id: z.string(), kind: z.enum(INTERNAL_MEETING_KINDS), title: z.string(), heldOn: LocalDateSchema, holderName: z.string() }),
});
export const MyMeetingActionListSchema = z.object({ items: z.array(MyMeetingActionSchema) });
export const MyMeetingActionsQuerySchema = z.object({
  status: z.enum(MEETING_ACTION_STATUSES).optional().describe('open (default: all)'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export type InternalMeeting = z.infer<typeof InternalMeetingSchema>;
export type InternalMeetingAction = z.infer<typeof InternalMeetingActionSchema>;
export type MyMeetingAction = z.infer<typeof MyMeetingActionSchema>;
