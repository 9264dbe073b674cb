import { z } from 'zod';
import {
  CASE_COMMAND_TYPES,
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  CASE_SUMMARY_FIELDS,
  type CaseSummaryField,
  CASE_TYPES,
  CHANNELS,
  PLAN_AUTHOR_RANKS,
  REPAIR_GRADES,
  REPAIR_SCOPES,
  TEXT_LIMITS,
} from '@guanjia/vocabulary';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';
import { audiences } from './responses.ts';
import { LanguageOverrideSchema } from './service-language.ts';
import { CallerInputSchema, CaseRowPeopleSchema } from './desk.ts';

const Attachments = z.array(IdSchema).max(20);
/** Whom a complaint is against: one staff member, or the office's management (every office manager of the project). */
export const ACCUSED_PARTIES = ['staff', 'office_management'] as const;
const Rating = z.number().int().min(1).max(5);
const Text = z.string().trim().min(1).max(TEXT_LIMITS.text);

export const CreateCaseSchema = z.strictObject({
  projectId: IdSchema,
  type: z.enum(CASE_TYPES),
  channel: z.enum(CHANNELS),
  category: z.string().trim().max(50).nullish(),
  title: z.string().trim().max(100).nullish(),
  description: LongText,
  ownerId: IdSchema.nullish(),
  unitId: IdSchema.nullish(),
  departmentId: IdSchema.nullish(),
  repairGrade: z.enum(REPAIR_GRADES).nullish(),
  repairScope: z.enum(REPAIR_SCOPES).nullish(),
  appointmentAt: InstantSchema.nullish(),
  ownerDeadlineAt: InstantSchema.nullish(),
  promisedAt: InstantSchema.nullish(),
  /** A complaint recorded by staff must state both (true or false): never assumed (FIELD_REQUIRED otherwise). */
  apologized: z.boolean().optional(),
  readBack: z.boolean().optional(),
  /** Complaints only: whom it is against — a staff member (accusedStaffId) or the office's management as such. */
  accusedParty: z.enum(ACCUSED_PARTIES).nullish(),
  accusedStaffId: IdSchema.nullish(),
  /** Complaints only: the owner claims compensation (经济赔偿/补偿). With an accused party it routes to leadership at once. */
  compensationClaim: z.boolean().optional(),
  attachmentIds: Attachments.optional(),
  caller: CallerInputSchema.optional(),
  /** Staff only: the outage (停水/停电…) the case is about, linked at intake. */
  outageId: IdSchema.nullish(),
});
export type CreateCaseInput = z.infer<typeof CreateCaseSchema>;

/** Every command a case accepts; `type` picks the workflow step (see docs/api.md). */
export const CaseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge'), apology: z.boolean(), readBack: z.boolean(), content: Text.optional() }),
  z.strictObject({ type: z.literal('answer'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({
    type: z.literal('transfer'),
    departmentId: IdSchema,
    promisedAt: InstantSchema.optional(),
    ownerDeadlineAt: InstantSchema.optional(),
    note: Text.optional(),
  }),
  z.strictObject({ type: z.literal('accept'), committedAt: InstantSchema, note: Text.optional() }),
  z.strictObject({ type: z.literal('record_contact'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({ type: z.literal('submit_answer'), content: Text }),
  z.strictObject({ type: z.literal('submit_plan'), cause: Text, steps: Text, expectedCompletionAt: InstantSchema }),
  z.strictObject({ type: z.literal('approve_plan'), comment: Text.optional() }),
  z.strictObject({ type: z.literal('return_plan'), reason: Text }),
  z.strictObject({ type: z.literal('evaluate'), feasible: z.boolean(), plan: Text.optional(), expectedAt: InstantSchema.optional(), reason: Text.optional() }),
  z.strictObject({ type: z.literal('inform_owner'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({
    type: z.literal('record_satisfaction'),
    satisfied: z.boolean(),
    opinion: Text.optional(),
    rating: Rating.optional(),
    signatureAttachmentId: IdSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('close'),
    causeAnalysis: Text.optional(),
    preventiveMeasures: Text.optional(),
    rating: Rating.optional(),
    ratingComment: Text.optional(),
  }),
  z.strictObject({ type: z.literal('close_out_of_scope'), reason: Text }),
  z.strictObject({ type: z.literal('dispatch'), assigneeId: IdSchema, departmentId: IdSchema.optional(), note: Text.optional() }),
  z.strictObject({ type: z.literal('schedule_appointment'), appointmentAt: InstantSchema, ownerAgreed: z.boolean() }),
  z.strictObject({ type: z.literal('arrive'), at: InstantSchema.optional(), reason: Text.optional(), attachmentIds: Attachments.optional() }),
  z.strictObject({ type: z.literal('complete'), summary: Text, at: InstantSchema.optional(), reason: Text.optional(), attachmentIds: Attachments.optional() }),
  z.strictObject({
    type: z.literal('escalate'),
    level: z.enum(['company', 'leadership']),
    reason: z.enum(['beyond_office', 'compensation', 'against_office_manager']),
    departmentId: IdSchema.optional(),
    accusedStaffId: IdSchema.optional(),
    note: Text,
  }),
  z.strictObject({ type: z.literal('mark_major'), reason: Text }),
  z.strictObject({ type: z.literal('record_corrective_action'), report: Text }),
  z.strictObject({
    type: z.literal('message'),
    content: Text,
    direction: z.enum(['inbound', 'outbound']),
    channel: z.enum(CHANNELS).optional(),
    attachmentIds: Attachments.optional(),
  }),
  z.strictObject({ type: z.literal('add_note'), content: Text, attachmentIds: Attachments.optional() }),
  z.strictObject({ type: z.literal('reassign'), assigneeId: IdSchema }),
  z.strictObject({ type: z.literal('retype'), newType: z.enum(CASE_TYPES), reason: Text }),
  z.strictObject({
    type: z.literal('set_repair_grade'),
    grade: z.enum(REPAIR_GRADES),
    appointmentAt: InstantSchema.optional(),
    /** Required with a new appointmentAt: the owner's agreement, stated (false is refused). */
    ownerAgreed: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('extend_deadline'),
    which: z.enum(['owner_deadline', 'promise']),
    newAt: InstantSchema,
    ownerAgreed: z.boolean(),
    note: Text,
  }),
  z.strictObject({ type: z.literal('rate'), rating: Rating, speed: Rating.optional(), technician: Rating.optional(), comment: Text.optional() }),
  z.strictObject({ type: z.literal('pause_clocks'), reason: Text, until: InstantSchema.optional() }),
  z.strictObject({ type: z.literal('resume_clocks'), note: Text.optional() }),
  z.strictObject({ type: z.literal('record_follow_up'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({ type: z.literal('link_owner'), ownerId: IdSchema, unitId: IdSchema.optional(), note: Text.optional() }),
]);
export type CaseCommandInput = z.infer<typeof CaseCommandSchema>;

export const CaseCommandRequestSchema = z.strictObject({
  command: CaseCommandSchema,
  /** Optimistic concurrency: refuse with VERSION_CONFLICT if the case changed since this version. */
  expectedVersion: z.number().int().min(1).optional(),
  /** Send an owner-facing text although it contains barred phrases (服务忌语): the reason is recorded. */
  languageOverride: LanguageOverrideSchema.optional(),
});

export const CaseQuerySchema = z.object({
  projectId: IdSchema.optional(),
  status: z.union([z.enum(CASE_STATUSES), z.array(z.enum(CASE_STATUSES))]).optional(),
  type: z.union([z.enum(CASE_TYPES), z.array(z.enum(CASE_TYPES))]).optional(),
  assigneeId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  /** Staff: one owner's cases, newest first (the owner archive's next pages, from its `casesNextCursor`). */
  ownerId: IdSchema.optional(),
  /**
   * at_risk: a running clock due within `withinMinutes` (default 60) or already overdue, the most urgent first;
   * follow_up (待回访): a running follow-up task (rework follow-up, quality callback), open or closed case, the most urgent first;
   * awaiting_my_approval: complaint plans the caller may approve or return (待我审批; a page may hold fewer than `limit`).
   */
  queue: z.enum(['mine', 'department', 'unassigned', 'open', 'closed', 'at_risk', 'follow_up', 'awaiting_my_approval']).optional(),
  withinMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  q: z.string().trim().max(100).optional(),
  /** 工单台账's period: cases received (受理) on these local dates, both included (the project's time zone; Asia/Shanghai without a project). */
  createdFrom: LocalDateSchema.optional(),
  createdTo: LocalDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});

/** The console's queues that GET /api/cases/counts counts. */
export const COUNTED_QUEUES = ['mine', 'department', 'unassigned', 'open', 'closed', 'at_risk', 'follow_up', 'awaiting_my_approval'] as const;
/** Counts stop here: a queue with more answers `{ count: 1000, more: true }` (the console shows 1000+). */
export const CASE_COUNT_CAP = 1000;
/** Queue totals for the console's tabs: the same scope as GET /api/cases (projectId narrows, withinMinutes sets at_risk's window). */
export const CaseCountsQuerySchema = z.object({
  projectId: IdSchema.optional(),
  withinMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
});
/** A bounded count: exact up to the cap; `more` when the queue holds more than `count`. */
export const BoundedCountSchema = z.object({ count: z.number().int().min(0).max(CASE_COUNT_CAP), more: z.boolean() });
export const CaseCountsSchema = z.object({
  cap: z.literal(CASE_COUNT_CAP),
  queues: z.object(
    Object.fromEntries(COUNTED_QUEUES.map((q) => [q, BoundedCountSchema])) as Record<(typeof COUNTED_QUEUES)[number], typeof BoundedCountSchema>,
  ),
});

// --- responses -------------------------------------------------------------------------------------

const Instant = z.string().describe('ISO-8601 UTC instant');
const NullableInstant = Instant.nullable();

/** A case as staff see it: the whole record (a projection of its events). */
export const StaffCaseSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    projectId: z.string(),
    number: z.string().describe('e.g. TS-20261125-000007'),
    type: z.enum(CASE_TYPES),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    category: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    ownerId: z.string().nullable(),
    unitId: z.string().nullable(),
    firstReceiverId: z.string().nullable().describe('首问负责人'),
    departmentId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    repairGrade: z.enum(REPAIR_GRADES).nullable(),
    repairScope: z.enum(REPAIR_SCOPES).nullable(),
    appointmentAt: NullableInstant,
    ownerDeadlineAt: NullableInstant,
    promisedAt: NullableInstant,
    committedAt: NullableInstant,
    level: z.enum(['office', 'company', 'leadership']),
    accusedParty: z.enum(ACCUSED_PARTIES).nullable().describe('whom a complaint is against: a staff member, or the office’s management'),
    accusedStaffId: z.string().nullable().describe('a complaint against this staff member: they never see the case'),
    compensationClaim: z.boolean(),
    apologized: z.boolean(),
    readBack: z.boolean(),
    major: z.boolean(),
    correctiveActionReport: z.string().nullable(),
    plan: z
      .object({
        cause: z.string(),
        steps: z.string(),
        expectedCompletionAt: Instant,
        submittedBy: z.string(),
        submittedAt: Instant,
        submittedByHead: z.boolean().describe('written by the head of the case’s department (submittedByRank department_head)'),
        submittedByRank: z
          .enum(PLAN_AUTHOR_RANKS)
          .describe(
            'the author’s rank when submitted: only a higher rank decides the plan — staff: the department head; department_head: the office manager (company level: the quality department; leadership level: leadership); office_manager: the quality department (leadership level: leadership); quality: leadership; leadership: another leader',
          ),
        approvedBy: z.string().nullable(),
        approvedAt: NullableInstant,
      })
      .nullable()
      .describe('a complaint’s handling plan (投诉处理方案)'),
    evaluation: z
      .object({ feasible: z.boolean(), plan: z.string().nullable(), expectedAt: NullableInstant, reason: z.string().nullable() })
      .nullable()
      .describe('a suggestion’s evaluation'),
    answer: z.string().nullable(),
    causeAnalysis: z.string().nullable(),
    preventiveMeasures: z.string().nullable(),
    closeReason: z.enum(['resolved', 'out_of_scope']).nullable(),
    reopenCount: z.number().int(),
    satisfied: z.boolean().nullable(),
    rating: z.number().int().nullable(),
    ratingComment: z.string().nullable(),
    specialFollowUpDueAt: NullableInstant,
    onSiteAt: NullableInstant,
    doneAt: NullableInstant,
    createdAt: Instant,
    updatedAt: Instant,
    closedAt: NullableInstant,
    version: z.number().int(),
  })
  .meta({ id: 'StaffCase' });

/** A case as its owner sees it: no internal routing (receiver, department, assignee, level), no accused staff, no plans or analyses. */
export const OwnerCaseSchema = StaffCaseSchema.pick({
  id: true,
  organizationId: true,
  projectId: true,
  number: true,
  type: true,
  status: true,
  channel: true,
  category: true,
  title: true,
  description: true,
  ownerId: true,
  unitId: true,
  repairGrade: true,
  repairScope: true,
  appointmentAt: true,
  ownerDeadlineAt: true,
  promisedAt: true,
  answer: true,
  reopenCount: true,
  satisfied: true,
  rating: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  version: true,
}).meta({ id: 'OwnerCase' });

/** One entry of a case's history as staff see it (internal notes and routing included). */
export const StaffCaseEventSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    organizationId: z.string(),
    projectId: z.string(),
    seq: z.number().int(),
    type: z.enum(CASE_EVENT_TYPES),
    actorKind: z.enum(['staff', 'owner', 'system']),
    actorId: z.string().nullable(),
    channel: z.enum(CHANNELS).nullable(),
    direction: z.enum(['inbound', 'outbound', 'internal']).nullable(),
    content: z.string().nullable(),
    internal: z.boolean(),
    attachmentIds: z.array(z.string()),
    changes: z.record(z.string(), z.unknown()).describe('the case fields this event set'),
    data: z.record(z.string(), z.unknown()),
    at: Instant,
  })
  .meta({ id: 'StaffCaseEvent' });

/** A history entry as the owner sees it (never internal ones): who acted only as a kind, no field changes or routing data. */
export const OwnerCaseEventSchema = StaffCaseEventSchema.pick({
  id: true,
  caseId: true,
  seq: true,
  type: true,
  actorKind: true,
  channel: true,
  direction: true,
  content: true,
  attachmentIds: true,
  at: true,
}).meta({ id: 'OwnerCaseEvent' });

const AllowedCommands = z.array(z.enum(CASE_COMMAND_TYPES)).describe('the commands the caller may give now');

export const CaseDetailResponses = audiences(
  z.object({ case: StaffCaseSchema, allowedCommands: AllowedCommands }),
  z.object({ case: OwnerCaseSchema, allowedCommands: AllowedCommands }),
);
/** The answer to a creation or a command: the case after it, the new events (those the caller may see), the next commands. */
export const CaseCommandResponses = audiences(
  z.object({ case: StaffCaseSchema, events: z.array(StaffCaseEventSchema), allowedCommands: AllowedCommands }),
  z.object({ case: OwnerCaseSchema, events: z.array(OwnerCaseEventSchema), allowedCommands: AllowedCommands }),
);
/**
 * Where a search (q) hit the case, for highlighting: the field, an excerpt of it, and [start, end)
 * offsets (UTF-16, as JavaScript indexes strings) of the matched words in that excerpt. `message` is
 * a reply the owner sees, `note` a staff note (never shown to owners). Null when the hit is not
 * shown (e.g. only inside a longer text's tokens); absent when the list had no q.
 */
export const SearchSnippetSchema = z.object({
  field: z.enum(['number', 'title', 'description', 'message', 'note', 'unit', 'phone']),
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
});
const SearchHit = { searchSnippet: SearchSnippetSchema.nullable().optional() };

/** A case as a staff list shows it (CASE_SUMMARY_FIELDS): the case page (GET /api/cases/:id) has the rest. */
export const StaffCaseSummarySchema = StaffCaseSchema.pick(
  Object.fromEntries(CASE_SUMMARY_FIELDS.map((f) => [f, true])) as { [F in CaseSummaryField]: true },
).meta({
  id: 'StaffCaseSummary',
});

/**
 * Case lists: staff see each case's summary with its earliest running due instant (the queue's
 * countdown) and who and where (owner, unit, assignee, department, nearest clock); owners see their
 * own cases as on their case page.
 */
export const CaseListResponses = audiences(
  z.object({
    items: z.array(StaffCaseSummarySchema.extend({ nextDueAt: NullableInstant }).extend(CaseRowPeopleSchema.shape).extend(SearchHit)),
    nextCursor: z.string().nullable(),
  }),
  z.object({ items: z.array(OwnerCaseSchema.extend(SearchHit)), nextCursor: z.string().nullable() }),
);
export const CaseEventsResponses = audiences(z.array(StaffCaseEventSchema), z.array(OwnerCaseEventSchema));

/** A file as a case's history shows it (owners: only files of events they see). */
export const CaseAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: Instant,
});
/** An upload's answer: staff also see who uploaded it, its content hash and its case. */
export const UploadedAttachmentResponses = audiences(
  CaseAttachmentSchema.extend({ uploadedByKind: z.enum(['staff', 'owner']), uploadedById: z.string(), sha256: z.string(), caseId: z.string().nullable() }),
  CaseAttachmentSchema,
);

export const ShortTextSchema = ShortText;
