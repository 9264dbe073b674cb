import { ALL_VISIT_TOPICS, VISIT_METHODS, VISIT_QUOTA_ROLES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';
import { OwnerVisitSchema } from './owners.ts';

/**
 * Visits (走访, SPEC §7, decision 0029): the monthly plan per building with each person's quota, the
 * plan's edits, the visit record (客户访问记录) with its restricted private observations, and each
 * opinion raised turned into a case in one step.
 */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Reason = z.string().trim().min(1).max(200);

export const VisitPlanQuerySchema = z.object({ projectId: IdSchema, month: Month });
export const GenerateVisitPlanSchema = z.strictObject({ projectId: IdSchema, month: Month });

/** One person's quota in one building (or, in `people`, over all buildings): planned and done against the quota. */
export const VisitQuotaSchema = z.object({
  staffId: z.string().nullable().describe('Null: the front-desk share with no front-desk assistant to give it to'),
  staffName: z.string().nullable(),
  role: z.enum(VISIT_QUOTA_ROLES),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  quota: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
});
export const VisitPlanSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  month: z.string(),
  generatedAt: InstantSchema,
  updatedAt: InstantSchema,
  households: z.number().int().describe('Occupied households of the project'),
  planned: z.number().int(),
  done: z.number().int(),
  unscheduled: z.number().int().describe('Households left out: their 免打扰 spans leave no time by 21:00'),
  people: z.array(VisitQuotaSchema).describe('Per person, over all buildings'),
  lines: z.array(VisitQuotaSchema).describe('Per person and building'),
});

export const AddVisitSchema = z.strictObject({
  planId: IdSchema,
  unitId: IdSchema,
  assigneeId: IdSchema,
  companionId: IdSchema.nullish(),
  plannedOn: LocalDateSchema,
  plannedTime: TimeOfDay,
  followUp: z.boolean().default(false).describe('A required follow-up (e.g. after a complaint): the two-month spacing does not apply'),
  requestReason: Reason.nullish().describe('The owner asked for a time after 21:00 or inside their 免打扰 time'),
});

export const EditVisitSchema = z
  .strictObject({
    assigneeId: IdSchema.optional(),
    companionId: IdSchema.nullable().optional(),
    plannedOn: LocalDateSchema.optional(),
    plannedTime: TimeOfDay.optional(),
    requestReason: Reason.nullable().optional(),
    appointmentAt: InstantSchema.nullable().optional().describe('When the appointment with the owner was made (预约)'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const RemoveVisitSchema = z.strictObject({ reason: Reason.optional() });

export const VisitTopicEntrySchema = z.strictObject({
  topic: z.enum(ALL_VISIT_TOPICS as [string, ...string[]]),
  rating: z.number().int().min(1).max(5).nullish(),
  remark: z.string().trim().max(500).nullish(),
});
export const VisitOpinionInputSchema = z.strictObject({
  text: LongText,
  caseType: z.enum(['complaint', 'suggestion', 'inquiry', 'repair']).default('suggestion'),
});
export const RecordVisitSchema = z.strictObject({
  visitedAt: InstantSchema,
  method: z.enum(VISIT_METHODS).default('door'),
  companionId: IdSchema.nullish(),
  appointmentAt: InstantSchema.nullish().describe('Door to door: the appointment, made before the visit'),
  topics: z.array(VisitTopicEntrySchema).min(1).max(20),
  summary: z.string().trim().max(2000).nullish(),
  privateNotes: z.string().trim().max(2000).nullish().describe('Restricted: read back only with visit.private'),
  opinions: z.array(VisitOpinionInputSchema).max(20).default([]),
  evaluation: z
    .strictObject({ score: z.number().int().min(1).max(5), text: ShortText })
    .nullish()
    .describe('Required for a new-owner visit'),
});

export const VisitOpinionSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  text: z.string(),
  caseType: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
});
export const VisitDetailSchema = OwnerVisitSchema.extend({
  phase: z.string().describe('The project’s phase, which decides the topics'),
  topicsOfPhase: z.array(z.string()),
  topics: z.array(z.object({ topic: z.string(), rating: z.number().int().nullable(), remark: z.string().nullable() })).nullable(),
  summary: z.string().nullable(),
  privateNotes: z.string().nullable().describe('Null unless the caller holds visit.private'),
  privateRestricted: z.boolean().describe('True: the caller may not read the private observations'),
  evaluation: z.object({ score: z.number().int(), text: z.string() }).nullable(),
  opinions: z.array(VisitOpinionSchema),
});
export const VisitListSchema = z.array(OwnerVisitSchema);

export const OpinionParamsSchema = z.object({ id: IdSchema, opinionId: IdSchema });
export const OpinionCaseSchema = z.strictObject({
  title: ShortText.max(100).optional().describe('Default: the opinion’s first words'),
  category: ShortText.max(50).optional(),
});
