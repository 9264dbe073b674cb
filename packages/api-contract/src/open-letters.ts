import { LETTER_PROMISE_VERDICTS, OPEN_LETTER_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * The open letter (公开信, SPEC §8, issue 14 item 4) answering a closed survey: drafted from the
 * statistics, approved by the management representative (which posts it as a notice), sent to the
 * quality department with the statistics, each promise verified later.
 */
const DEADLINE_STATES = ['running', 'overdue', 'met', 'late'] as const;

export const LetterPromiseSchema = z.object({
  id: z.string(),
  text: z.string(),
  dueOn: LocalDateSchema.nullable(),
  verdict: z.enum(LETTER_PROMISE_VERDICTS).nullable().describe('The quality department’s finding; null until checked'),
  note: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: InstantSchema.nullable(),
});

export const OpenLetterSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  surveyId: z.string(),
  surveyTitle: z.string(),
  status: z.enum(OPEN_LETTER_STATUSES),
  title: z.string(),
  body: z.string(),
  promises: z.array(LetterPromiseSchema),
  promisesVerified: z.number().int(),
  draftedBy: z.string(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  submittedAt: InstantSchema.nullable(),
  returnedBy: z.string().nullable(),
  returnedAt: InstantSchema.nullable(),
  returnedReason: z.string().nullable(),
  approvedBy: z.string().nullable().describe('The management representative who approved (and so posted) it'),
  publishedAt: InstantSchema.nullable(),
  noticeId: z.string().nullable().describe('The notice it was posted as'),
  reportedBy: z.string().nullable(),
  reportedAt: InstantSchema.nullable().describe('When it went to the quality department with the statistics'),
  postBy: InstantSchema.describe('The survey’s close + 14 days: posted by then'),
  postState: z.enum(DEADLINE_STATES),
  reportBy: InstantSchema.nullable().describe('Posting + 5 days: reported to the quality department by then'),
  reportState: z.enum(DEADLINE_STATES).nullable(),
});
export const OpenLetterListSchema = z.array(OpenLetterSchema);

export const StartOpenLetterSchema = z.strictObject({ surveyId: IdSchema });
export const EditOpenLetterSchema = z.strictObject({
  title: ShortText,
  body: LongText,
  promises: z
    .array(
      z.strictObject({ id: IdSchema.optional().describe('Kept from the letter; absent: a new promise'), text: ShortText, dueOn: LocalDateSchema.nullish() }),
    )
    .max(30),
});
export const ReturnOpenLetterSchema = z.strictObject({ reason: ShortText });
export const VerifyLetterPromiseSchema = z.strictObject({ verdict: z.enum(LETTER_PROMISE_VERDICTS), note: ShortText.optional() });
export const OpenLetterQuerySchema = z.strictObject({
  projectId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const LetterPromiseParamsSchema = z.strictObject({ id: IdSchema, promiseId: IdSchema });
