import { ESCALATION_KINDS, ESCALATION_SEVERITIES, ESCALATION_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Fault escalation forms (故障转呈单) and work-liaison letters (工作联系函), issue 16 item 3, decision 0035:
 * an office sends a problem to a department with a requested response date; the department answers;
 * the office verifies the fix, or sends it back with a new date. Linked to the cases that caused it.
 */
const Bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const EscalationPastRoundSchema = z.object({
  round: z.number().int(),
  response: z.string().nullable(),
  respondedBy: z.string().nullable(),
  feedbackAt: InstantSchema.nullable(),
  verifiedBy: z.string(),
  verifiedAt: InstantSchema,
  note: z.string(),
});

export const EscalationFormSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(ESCALATION_KINDS),
  severity: z.enum(ESCALATION_SEVERITIES),
  title: z.string(),
  problem: z.string(),
  departmentId: z.string(),
  requestedDate: LocalDateSchema.describe('The requested response date (要求回复日期), in the project’s time zone'),
  dueAt: InstantSchema.describe('The end of the requested response date: a response after it is late'),
  round: z.number().int(),
  status: z.enum(ESCALATION_STATUSES),
  sentBy: z.string(),
  sentAt: InstantSchema,
  response: z.string().nullable(),
  respondedBy: z.string().nullable(),
  feedbackAt: InstantSchema.nullable().describe('The feedback date (反馈日期): when the department answered'),
  verifiedBy: z.string().nullable(),
  verifiedAt: InstantSchema.nullable(),
  verificationNote: z.string().nullable(),
  pastRounds: z.array(EscalationPastRoundSchema),
  caseIds: z.array(z.string()),
  late: z.boolean().describe('Awaiting the department’s response past its due instant'),
  canRespond: z.boolean(),
  canVerify: z.boolean(),
});
export const EscalationFormListSchema = z.object({ items: z.array(EscalationFormSchema) });
export const EscalationFormListQuerySchema = z.object({
  status: z.enum(ESCALATION_STATUSES).optional(),
  kind: z.enum(ESCALATION_KINDS).optional(),
  projectId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  caseId: IdSchema.optional().describe('The forms a case caused (the case’s way to them)'),
  late: Bool,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const CreateEscalationFormSchema = z.strictObject({
  projectId: IdSchema,
  kind: z.enum(ESCALATION_KINDS),
  severity: z.enum(ESCALATION_SEVERITIES),
  title: ShortText,
  problem: LongText,
  departmentId: IdSchema,
  requestedDate: LocalDateSchema,
  caseIds: z.array(IdSchema).max(50).default([]),
});
export const RespondEscalationSchema = z.strictObject({ response: z.string().max(4000) });
export const VerifyEscalationSchema = z.strictObject({
  fixed: z.boolean(),
  note: z.string().max(2000).nullable().optional(),
  requestedDate: LocalDateSchema.nullable().optional().describe('Not fixed: the new requested response date'),
});

export type EscalationForm = z.infer<typeof EscalationFormSchema>;
export type CreateEscalationFormInput = z.infer<typeof CreateEscalationFormSchema>;
