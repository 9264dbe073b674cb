import {
  CALLBACK_FOLLOW_UPS,
  CALLBACK_MODES,
  CALLBACK_RESULTS,
  CALLBACK_SOURCES,
  CALLBACK_STATUSES,
  CALLBACK_URGENCIES,
  CALLBACK_VERDICTS,
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  TEXT_LIMITS,
} from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, ShortText } from './common.ts';

/**
 * Callbacks (回访, SPEC §7, decision 0027): the queue per project, one callback with its case and
 * records (回访记录表), recording a call, the per-category setting of a repair's primary callback, and
 * the quality department's monthly list.
 */

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const CallbackSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  caseId: z.string(),
  source: z.enum(CALLBACK_SOURCES),
  status: z.enum(CALLBACK_STATUSES),
  urgency: z.enum(CALLBACK_URGENCIES).nullable().describe('Against its due instant; null once no longer due'),
  roundId: z.string().nullable().describe('The weekly sample’s round it came from'),
  assigneeId: z
    .string()
    .nullable()
    .describe(
      'Who makes it (decision 0027: the desk, the first receiver, the quality department; a weekly sample: its round’s caller); null: the project’s queue',
    ),
  assigneeName: z.string().nullable(),
  period: z.string().nullable().describe('The month of a quality_monthly list'),
  dueAt: InstantSchema,
  attempts: z.number().int(),
  nextAttemptAt: InstantSchema.nullable().describe('After an unanswered attempt: not before this'),
  lastAttemptAt: InstantSchema.nullable(),
  outcome: z.enum(CALLBACK_VERDICTS).nullable(),
  followUp: z.enum(CALLBACK_FOLLOW_UPS).nullable(),
  followUpCaseId: z.string().nullable().describe('The complaint a 不满意 opened'),
  madeBy: z.string().nullable(),
  completedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
  case: z.object({
    number: z.string(),
    title: z.string(),
    type: z.enum(CASE_TYPES),
    status: z.enum(CASE_STATUSES),
    category: z.string().nullable(),
    reopenCount: z.number().int(),
  }),
  unitLabel: z.string().nullable(),
});
export const CallbackListSchema = z.object({ items: z.array(CallbackSchema), nextCursor: z.string().nullable() });

export const CallbackQuerySchema = z.object({
  projectId: IdSchema,
  status: z.enum(CALLBACK_STATUSES).optional().describe('Absent: due'),
  source: z.enum(CALLBACK_SOURCES).optional(),
  mine: z.enum(['true', 'false']).optional().describe('true: only the callbacks given to the caller'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const CallbackRecordSchema = z.object({
  id: z.string(),
  attempt: z.number().int(),
  reached: z.boolean(),
  quality: z.enum(CALLBACK_VERDICTS).nullable(),
  attitude: z.enum(CALLBACK_VERDICTS).nullable(),
  result: z.enum(CALLBACK_RESULTS).nullable(),
  ownerWords: z.string().nullable(),
  note: z.string().nullable(),
  channel: z.enum(CHANNELS),
  nextAttemptAt: InstantSchema.nullable(),
  madeBy: z.string(),
  madeAt: InstantSchema,
});
export const CallbackReassignmentSchema = z.object({
  fromId: z.string().nullable(),
  fromName: z.string().nullable(),
  toId: z.string(),
  toName: z.string().nullable(),
  reason: z.string(),
  byId: z.string().nullable(),
  byName: z.string().nullable(),
  at: InstantSchema,
});
export const CallbackDetailSchema = z.object({
  callback: CallbackSchema,
  records: z.array(CallbackRecordSchema),
  caseDescription: z.string(),
  reassignments: z.array(CallbackReassignmentSchema).describe('Each time callback.admin gave it to someone else, with the reason, oldest first'),
});

export const ReassignCallbackSchema = z.strictObject({
  assigneeId: IdSchema.describe('Active staff who may make callbacks and see the project (a weekly sample’s: company staff outside the office)'),
  reason: z.string().trim().min(1).max(TEXT_LIMITS.short).describe('Why it moves (kept with the callback)'),
});

export const RecordCallbackSchema = z.strictObject({
  reached: z.boolean().describe('Whether the owner was reached'),
  quality: z.enum(CALLBACK_VERDICTS).optional().describe('Required when reached: 满意 / 基本满意 / 不满意'),
  attitude: z.enum(CALLBACK_VERDICTS).optional().describe('Required when reached'),
  result: z.enum(CALLBACK_RESULTS).optional().describe('Required when reached: the problem resolved or not'),
  ownerWords: z.string().trim().min(1).max(TEXT_LIMITS.long).optional().describe('The owner’s own words'),
  note: ShortText.optional(),
  followUp: z.enum(CALLBACK_FOLLOW_UPS).optional().describe('Required when not satisfied: rework (a repair) or a complaint linked to the case'),
  channel: z.enum(CHANNELS).optional().describe('Default hotline'),
});

export const CallbackSettingSchema = z.object({
  category: z.string(),
  mode: z.enum(CALLBACK_MODES),
  updatedBy: z.string().nullable(),
  updatedAt: InstantSchema.nullable(),
});
export const CallbackSettingsSchema = z.object({
  projectId: z.string(),
  settings: z.array(CallbackSettingSchema).describe('Every repair category of the project seen so far and those set; no row: always'),
});
export const CallbackSettingsQuerySchema = z.object({ projectId: IdSchema });
export const PutCallbackSettingSchema = z.strictObject({
  projectId: IdSchema,
  category: ShortText.describe('The repair category (the case’s category text)'),
  mode: z.enum(CALLBACK_MODES),
});

export const FillMonthlyCallbacksSchema = z.strictObject({
  projectId: IdSchema,
  month: Month.describe('YYYY-MM: repairs and complaints closed that month (the project’s local time), not yet on a monthly list'),
});
export const FilledCallbacksSchema = z.object({ created: z.number().int(), month: z.string() });
