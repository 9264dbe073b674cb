import { z } from 'zod';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, REPAIR_GRADES, REPAIR_SCOPES } from '@guanjia/vocabulary';
import { IdSchema, InstantSchema, LongText, ShortText } from './common.ts';

const Attachments = z.array(IdSchema).max(20);
const Rating = z.number().int().min(1).max(5);
const Text = z.string().trim().min(1).max(5000);

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
  apologized: z.boolean().optional(),
  readBack: z.boolean().optional(),
  attachmentIds: Attachments.optional(),
});
export type CreateCaseInput = z.infer<typeof CreateCaseSchema>;

/** Every command a case accepts; `type` picks the workflow step (see docs/api.md). */
export const CaseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('acknowledge'), apology: z.boolean(), readBack: z.boolean(), content: Text.optional() }),
  z.strictObject({ type: z.literal('answer'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({ type: z.literal('transfer'), departmentId: IdSchema, promisedAt: InstantSchema.optional(), ownerDeadlineAt: InstantSchema.optional(), note: Text.optional() }),
  z.strictObject({ type: z.literal('accept'), committedAt: InstantSchema, note: Text.optional() }),
  z.strictObject({ type: z.literal('record_contact'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({ type: z.literal('submit_answer'), content: Text }),
  z.strictObject({ type: z.literal('submit_plan'), cause: Text, steps: Text, expectedCompletionAt: InstantSchema }),
  z.strictObject({ type: z.literal('approve_plan'), comment: Text.optional() }),
  z.strictObject({ type: z.literal('return_plan'), reason: Text }),
  z.strictObject({ type: z.literal('evaluate'), feasible: z.boolean(), plan: Text.optional(), expectedAt: InstantSchema.optional(), reason: Text.optional() }),
  z.strictObject({ type: z.literal('inform_owner'), content: Text, channel: z.enum(CHANNELS).optional() }),
  z.strictObject({ type: z.literal('record_satisfaction'), satisfied: z.boolean(), opinion: Text.optional(), rating: Rating.optional(), signatureAttachmentId: IdSchema.optional() }),
  z.strictObject({ type: z.literal('close'), causeAnalysis: Text.optional(), preventiveMeasures: Text.optional(), rating: Rating.optional(), ratingComment: Text.optional() }),
  z.strictObject({ type: z.literal('close_out_of_scope'), reason: Text }),
  z.strictObject({ type: z.literal('dispatch'), assigneeId: IdSchema, departmentId: IdSchema.optional(), note: Text.optional() }),
  z.strictObject({ type: z.literal('schedule_appointment'), appointmentAt: InstantSchema, ownerAgreed: z.boolean() }),
  z.strictObject({ type: z.literal('arrive'), at: InstantSchema.optional() }),
  z.strictObject({ type: z.literal('complete'), summary: Text, at: InstantSchema.optional(), attachmentIds: Attachments.optional() }),
  z.strictObject({ type: z.literal('escalate'), level: z.enum(['company', 'leadership']), reason: z.enum(['beyond_office', 'compensation', 'against_office_manager']), departmentId: IdSchema.optional(), accusedStaffId: IdSchema.optional(), note: Text }),
  z.strictObject({ type: z.literal('mark_major'), reason: Text }),
  z.strictObject({ type: z.literal('record_corrective_action'), report: Text }),
  z.strictObject({ type: z.literal('message'), content: Text, direction: z.enum(['inbound', 'outbound']), channel: z.enum(CHANNELS).optional(), attachmentIds: Attachments.optional() }),
  z.strictObject({ type: z.literal('add_note'), content: Text, attachmentIds: Attachments.optional() }),
  z.strictObject({ type: z.literal('reassign'), assigneeId: IdSchema }),
  z.strictObject({ type: z.literal('retype'), newType: z.enum(CASE_TYPES), reason: Text }),
  z.strictObject({ type: z.literal('set_repair_grade'), grade: z.enum(REPAIR_GRADES), appointmentAt: InstantSchema.optional() }),
  z.strictObject({ type: z.literal('extend_deadline'), which: z.enum(['owner_deadline', 'promise']), newAt: InstantSchema, ownerAgreed: z.boolean(), note: Text }),
  z.strictObject({ type: z.literal('rate'), rating: Rating, comment: Text.optional() }),
  z.strictObject({ type: z.literal('pause_clocks'), reason: Text, until: InstantSchema.optional() }),
  z.strictObject({ type: z.literal('resume_clocks'), note: Text.optional() }),
]);
export type CaseCommandInput = z.infer<typeof CaseCommandSchema>;

export const CaseCommandRequestSchema = z.strictObject({
  command: CaseCommandSchema,
  /** Optimistic concurrency: refuse with VERSION_CONFLICT if the case changed since this version. */
  expectedVersion: z.number().int().min(1).optional(),
});

export const CaseQuerySchema = z.object({
  projectId: IdSchema.optional(),
  status: z.union([z.enum(CASE_STATUSES), z.array(z.enum(CASE_STATUSES))]).optional(),
  type: z.union([z.enum(CASE_TYPES), z.array(z.enum(CASE_TYPES))]).optional(),
  assigneeId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  /** at_risk: a running clock due within `withinMinutes` (default 60) or already overdue, the most urgent first. */
  queue: z.enum(['mine', 'department', 'unassigned', 'open', 'closed', 'at_risk']).optional(),
  withinMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});

export const CaseSchema = z.object({
  id: z.string(), organizationId: z.string(), projectId: z.string(), number: z.string(), type: z.enum(CASE_TYPES), status: z.enum(CASE_STATUSES),
  channel: z.string(), category: z.string().nullable(), title: z.string(), description: z.string(), ownerId: z.string().nullable(),
  unitId: z.string().nullable(), firstReceiverId: z.string().nullable(), departmentId: z.string().nullable(), assigneeId: z.string().nullable(),
  repairGrade: z.string().nullable(), repairScope: z.string().nullable(), appointmentAt: z.string().nullable(), ownerDeadlineAt: z.string().nullable(),
  promisedAt: z.string().nullable(), committedAt: z.string().nullable(), level: z.string(), reopenCount: z.number(), satisfied: z.boolean().nullable(),
  rating: z.number().nullable(), createdAt: z.string(), updatedAt: z.string(), closedAt: z.string().nullable(), version: z.number(),
});

export const CaseAttachmentSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), createdAt: z.string() });
export const CaseEventSchema = z.object({
  id: z.string(), seq: z.number(), type: z.string(), actorKind: z.string(), actorId: z.string().nullable(), channel: z.string().nullable(),
  direction: z.string().nullable(), content: z.string().nullable(), internal: z.boolean(), attachmentIds: z.array(z.string()),
  changes: z.record(z.string(), z.unknown()), data: z.record(z.string(), z.unknown()), at: z.string(),
});

export const CaseCommandResponseSchema = z.object({ case: CaseSchema, events: z.array(CaseEventSchema), allowedCommands: z.array(z.string()) });
export const ShortTextSchema = ShortText;
