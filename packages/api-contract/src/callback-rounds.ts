import {
  CALLBACK_FOLLOW_UPS,
  CALLBACK_RESULTS,
  CALLBACK_STATUSES,
  CALLBACK_VERDICTS,
  CASE_STATUSES,
  CASE_TYPES,
  QUALITY_MARK_REASONS,
} from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Issue 14 item 1 (decision 0028): the weekly sample's rounds (抽样回访) and their summary report
 * (回访总结报告), the owner's rating on several scores with the staff's reply, and the supervisors'
 * own quality marks (质量评定), kept apart from the owner's feedback.
 */

// --- the owner's rating and the reply -------------------------------------------------------------

export const CaseRatingSchema = z.object({
  caseId: z.string(),
  overall: z.number().int().describe('1–5, the case’s rating'),
  speed: z.number().int().nullable().describe('1–5, arrival speed; null: not given (or a rating from before the scores)'),
  technician: z.number().int().nullable().describe('1–5, the technician’s work; null: not given'),
  comment: z.string().nullable(),
  ratedAt: InstantSchema.nullable().describe('Null for a rating made before the scores were kept'),
  reply: z.string().nullable().describe('The staff’s answer, shown to the owner in the portal'),
  repliedAt: InstantSchema.nullable(),
  legacy: z.boolean().describe('A rating from before the scores: overall only'),
});
export const CaseRatingAnswerSchema = z.object({ rating: CaseRatingSchema.nullable().describe('Null: not rated yet') });
export const RatingReplySchema = z.strictObject({ reply: LongText.describe('The answer to the owner’s rating (owner-facing)') });

// --- quality marks ---------------------------------------------------------------------------------

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const QualityMarkSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  projectId: z.string(),
  reasons: z.array(z.enum(QUALITY_MARK_REASONS)),
  note: z.string().nullable(),
  month: z.string().describe('YYYY-MM, the project’s local month it counts in'),
  markedBy: z.string(),
  markedByName: z.string().nullable(),
  markedAt: InstantSchema,
});
export const QualityMarkListSchema = z.array(QualityMarkSchema);
export const CreateQualityMarkSchema = z.strictObject({
  reasons: z.array(z.enum(QUALITY_MARK_REASONS)).min(1).max(QUALITY_MARK_REASONS.length),
  note: ShortText.optional().describe('Required with the reason other'),
});
export const QualityMarkChartQuerySchema = z.object({
  projectId: IdSchema.optional().describe('Absent: every project in scope'),
  from: Month.describe('First month, YYYY-MM'),
  to: Month.describe('Last month, YYYY-MM (at most 24 months after from)'),
});
export const QualityMarkChartSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(z.object({ projectId: z.string(), projectName: z.string(), month: z.string(), reason: z.enum(QUALITY_MARK_REASONS), count: z.number().int() })),
});

// --- rounds ----------------------------------------------------------------------------------------

export const CallbackRoundSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  weekStart: LocalDateSchema.describe('The Monday of the week sampled (the project’s local date)'),
  weekEnd: LocalDateSchema.describe('Its Sunday'),
  seed: z.number().int().describe('The stored seed of the draw'),
  percent: z.number().int().describe('The share drawn'),
  populationSize: z.number().int().describe('Work orders completed in the week'),
  populationDigest: z.string().describe('SHA-256 of the sorted population ids joined by newlines'),
  sampledIds: z.array(z.string()),
  callerId: z.string().nullable().describe('Who calls the sample: company staff outside the office'),
  callerName: z.string().nullable(),
  createdBy: z.string().nullable().describe('Null: drawn by the Monday scheduler'),
  createdAt: InstantSchema,
  progress: z.object(Object.fromEntries(CALLBACK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof CALLBACK_STATUSES)[number], z.ZodNumber>),
});
export const CallbackRoundListSchema = z.array(CallbackRoundSchema);
export const CreateCallbackRoundSchema = z.strictObject({
  projectId: IdSchema,
  weekStart: LocalDateSchema.optional().describe('A Monday of a week that has ended; absent: last week'),
  callerId: IdSchema.optional().describe('Company staff outside the office who will call the sample'),
});
export const CallbackRoundQuerySchema = z.object({
  projectId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AssignRoundCallerSchema = z.strictObject({ callerId: IdSchema });

export const CallbackRoundAuditSchema = z.object({
  roundId: z.string(),
  seed: z.number().int(),
  percent: z.number().int(),
  storedDigest: z.string(),
  recomputedDigest: z.string().describe('Of the stored population ids'),
  digestMatches: z.boolean(),
  storedSample: z.array(z.string()),
  resampled: z.array(z.string()).describe('sampleWorkOrders(stored population, percent, stored seed)'),
  sampleMatches: z.boolean(),
  livePopulationSize: z.number().int().describe('The week’s completed work orders read again now'),
  livePopulationMatches: z.boolean().describe('False when a work order of the week was reworked since (its completion moved)'),
});

const Verdicts = z.object({
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  notSatisfied: z.number().int(),
  satisfiedRate: z.number().nullable().describe('(满意 + 基本满意) / answers; null without answers'),
});
export const CallbackRoundSummarySchema = z.object({
  round: CallbackRoundSchema,
  figures: z.object({
    sampled: z.number().int(),
    reached: z.number().int(),
    unreachable: z.number().int(),
    pending: z.number().int().describe('Still due (or cancelled)'),
    reachedRate: z.number().nullable().describe('reached / (reached + unreachable)'),
    quality: Verdicts,
    attitude: Verdicts,
    result: z.object({ resolved: z.number().int(), unresolved: z.number().int(), resolvedRate: z.number().nullable() }),
  }),
  notSatisfied: z.array(
    z.object({
      callbackId: z.string(),
      caseId: z.string(),
      caseNumber: z.string(),
      caseTitle: z.string(),
      quality: z.enum(CALLBACK_VERDICTS).nullable(),
      attitude: z.enum(CALLBACK_VERDICTS).nullable(),
      result: z.enum(CALLBACK_RESULTS).nullable(),
      ownerWords: z.string().nullable(),
      followUp: z.enum(CALLBACK_FOLLOW_UPS).nullable(),
      followUpCaseId: z.string().nullable(),
    }),
  ),
  followUps: z.array(
    z.object({
      callbackId: z.string(),
      fromCaseId: z.string(),
      fromCaseNumber: z.string(),
      kind: z.enum(CALLBACK_FOLLOW_UPS),
      caseId: z.string(),
      caseNumber: z.string(),
      caseType: z.enum(CASE_TYPES),
      status: z.enum(CASE_STATUSES),
    }),
  ),
});

export const CallbackRoundExportQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
