import { SELF_EVALUATION_ROUND_STATUSES, SELF_EVALUATION_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';
import { SurveyItemSchema } from './surveys.ts';

/**
 * Who owners rate and how staff rate themselves (issue 14 item 4, decision 0033): the area steward of
 * each building (物业管家, whom the yearly 管家评价 rates), and staff self-evaluation forms (员工自评) in
 * rounds opened by the quality department, filled in by each person and reviewed by their manager.
 */

export const BuildingStewardSchema = z.object({
  buildingId: z.string(),
  buildingName: z.string(),
  stewardId: z.string().nullable().describe('The building’s area steward (null: none named)'),
  stewardName: z.string().nullable(),
  assignedAt: InstantSchema.nullable(),
});
export const BuildingStewardsSchema = z.object({
  buildings: z.array(BuildingStewardSchema),
  stewards: z.array(z.object({ id: z.string(), name: z.string() })).describe('The project’s active area stewards, who may be named'),
});
export const AssignBuildingStewardSchema = z.strictObject({
  staffId: IdSchema.nullable().describe('An active area steward of the building’s project; null removes the steward'),
});

export const SelfEvaluationRoundSchema = z.object({
  id: z.string(),
  title: z.string(),
  period: z.string().describe('The period judged, in words (e.g. 2026年度)'),
  items: z.array(SurveyItemSchema),
  projectIds: z.array(z.string()),
  dueOn: LocalDateSchema,
  status: z.enum(SELF_EVALUATION_ROUND_STATUSES),
  forms: z.number().int(),
  pending: z.number().int(),
  submitted: z.number().int(),
  reviewed: z.number().int(),
  createdAt: InstantSchema,
  closedAt: InstantSchema.nullable(),
});
export const SelfEvaluationRoundListSchema = z.array(SelfEvaluationRoundSchema);
export const SelfEvaluationRoundListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const CreateSelfEvaluationRoundSchema = z.strictObject({
  title: ShortText,
  period: ShortText.describe('e.g. 2026年度 or 2026年下半年'),
  questionIds: z.array(IdSchema).min(1).max(40).describe('Items of the question bank (usually its 员工自评 area), in order'),
  projectIds: z.array(IdSchema).min(1).max(200).describe('Every active member of these projects gets a form'),
  dueOn: LocalDateSchema,
});

export const SelfEvaluationSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  period: z.string(),
  dueOn: LocalDateSchema,
  roundStatus: z.enum(SELF_EVALUATION_ROUND_STATUSES),
  items: z.array(SurveyItemSchema),
  staffId: z.string(),
  staffName: z.string(),
  departmentName: z.string().nullable(),
  status: z.enum(SELF_EVALUATION_STATUSES),
  scores: z.record(z.string(), z.number().int()).describe('Question id → the score the person gave themself'),
  mean: z.number().nullable(),
  summary: z.string().nullable().describe('工作总结'),
  shortcomings: z.string().nullable().describe('不足'),
  plan: z.string().nullable().describe('改进计划'),
  savedAt: InstantSchema.nullable(),
  submittedAt: InstantSchema.nullable(),
  late: z.boolean().describe('Submitted after the due date'),
  reviewedBy: z.string().nullable().describe('The reviewer’s name'),
  reviewComment: z.string().nullable(),
  reviewedAt: InstantSchema.nullable(),
});
export const SelfEvaluationListSchema = z.array(SelfEvaluationSchema);
export const SelfEvaluationRoundSheetSchema = z.object({
  round: SelfEvaluationRoundSchema,
  forms: z.array(SelfEvaluationSchema).describe('The forms of the staff the reader oversees, by name'),
});
export const SelfEvaluationFormSchema = z.strictObject({
  scores: z.record(IdSchema, z.number().int()).optional().describe('Question id → score; a save may leave items out, a submission needs all'),
  summary: LongText.nullish().describe('工作总结 (needed to submit)'),
  shortcomings: LongText.nullish(),
  plan: LongText.nullish(),
});
export const ReviewSelfEvaluationSchema = z.strictObject({ comment: LongText });

export type CreateSelfEvaluationRoundInput = z.output<typeof CreateSelfEvaluationRoundSchema>;
export type SelfEvaluationFormInput = z.output<typeof SelfEvaluationFormSchema>;
