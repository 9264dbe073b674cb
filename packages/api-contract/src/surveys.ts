import {
  SURVEY_ANSWER_CHANNELS,
  SURVEY_ANSWER_STATUSES,
  SURVEY_AREAS,
  SURVEY_KINDS,
  SURVEY_REGISTER_STATUSES,
  SURVEY_SAMPLINGS,
  SURVEY_STATUSES,
} from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Satisfaction surveys (满意度调查, SPEC §8, issue 14 item 4): the question bank, campaigns and their
 * questionnaire, the sample's households (one answer row each), answers from the portal, paper and
 * phone, daily recovery, statistics with Wilson intervals and the change from the previous campaign,
 * the register of comments and internal reviews.
 */

export const SurveyOptionSchema = z.object({ score: z.number().int().min(1).max(5), label: z.string().trim().min(1).max(40) });

export const SurveyQuestionSchema = z.object({
  id: z.string(),
  area: z.enum(SURVEY_AREAS),
  text: z.string(),
  options: z.array(SurveyOptionSchema),
  active: z.boolean(),
  createdAt: InstantSchema,
});
export const SurveyQuestionListSchema = z.array(SurveyQuestionSchema);
export const CreateSurveyQuestionSchema = z.strictObject({
  area: z.enum(SURVEY_AREAS),
  text: ShortText,
  options: z
    .array(SurveyOptionSchema)
    .length(5)
    .refine((o) => new Set(o.map((x) => x.score)).size === 5, { message: 'each score 1–5 once' })
    .optional()
    .describe('Five options with a score each (1–5, each once); absent: 非常满意 5 … 非常不满意 1'),
});

export const SurveyItemSchema = z.object({ id: z.string(), area: z.enum(SURVEY_AREAS), text: z.string(), options: z.array(SurveyOptionSchema) });

export const SurveySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  title: z.string(),
  kind: z
    .enum(SURVEY_KINDS)
    .describe('owner_satisfaction (满意度调查) or steward_rating (管家评价: each household rates its building’s steward; results per steward)'),
  status: z.enum(SURVEY_STATUSES),
  items: z.array(SurveyItemSchema).describe('The questionnaire, in order'),
  commentPrompt: z.string().nullable().describe('The free comment’s question (null: none asked)'),
  startsOn: LocalDateSchema,
  endsOn: LocalDateSchema.describe('The last day answers are taken'),
  distributeBy: LocalDateSchema.nullable().describe('Launch + 3 days: distribution (发放) is due by then'),
  sampling: z.enum(SURVEY_SAMPLINGS),
  sampleRate: z.number().describe('Share of occupied households sampled (1 for a census)'),
  seed: z.number().int().describe('The sample’s stored seed: the same households and seed draw the same sample'),
  households: z.number().int().describe('Occupied households at launch'),
  sampled: z.number().int(),
  answered: z.number().int(),
  recoveryTarget: z.number().describe('≥ 75% of the sample within 10 days'),
  phoneCap: z.number().int().describe('The most answers taken by phone'),
  launchedAt: InstantSchema.nullable(),
  closedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export const SurveyListSchema = z.array(SurveySchema);
export const SurveyListQuerySchema = z.object({ projectId: IdSchema.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

const QuestionIds = z.array(IdSchema).min(1).max(40).describe('Items of the question bank, in the questionnaire’s order');
const SampleRate = z.number().min(0.01).max(1).describe('At least the default: 30%, or 15% in an estate occupied more than five years');
export const CreateSurveySchema = z.strictObject({
  projectId: IdSchema,
  title: ShortText,
  kind: z.enum(SURVEY_KINDS).default('owner_satisfaction').describe('steward_rating: once a year per project'),
  questionIds: QuestionIds,
  commentPrompt: z.string().trim().min(1).max(200).nullish(),
  startsOn: LocalDateSchema.optional().describe('Absent: the 1st of the next June or November (a steward rating: December 1st)'),
  endsOn: LocalDateSchema.optional().describe('Absent: 10 days from the start'),
  sampling: z.enum(SURVEY_SAMPLINGS).optional().describe('Absent: stratified (a steward rating: census)'),
  sampleRate: SampleRate.optional(),
});
export const UpdateSurveySchema = z.strictObject({
  title: ShortText.optional(),
  questionIds: QuestionIds.optional(),
  commentPrompt: z.string().trim().min(1).max(200).nullish(),
  startsOn: LocalDateSchema.optional(),
  endsOn: LocalDateSchema.optional(),
  sampling: z.enum(SURVEY_SAMPLINGS).optional(),
  sampleRate: SampleRate.optional(),
});

export const SurveyHouseholdSchema = z.object({
  answerId: z.string(),
  code: z.string().describe('Printed on the paper questionnaire'),
  unitId: z.string(),
  unitLabel: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  status: z.enum(SURVEY_ANSWER_STATUSES),
  channel: z.enum(SURVEY_ANSWER_CHANNELS).nullable(),
  answeredAt: InstantSchema.nullable(),
  comment: z.string().nullable(),
});
export const SurveyHouseholdPageSchema = z.object({ total: z.number().int(), items: z.array(SurveyHouseholdSchema) });
export const SurveyHouseholdsQuerySchema = z.object({
  status: z.enum(SURVEY_ANSWER_STATUSES).optional().describe('pending: who has not answered (to chase)'),
  buildingId: IdSchema.optional().describe('One building’s households only'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

const Scores = z.record(IdSchema, z.number().int()).describe('Question id → the score chosen');
const Comment = z.string().trim().max(2000).nullish();
export const EnterSurveyAnswerSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(16)
    .transform((c) => c.toUpperCase())
    .describe('The questionnaire’s code (paper) or the household’s (phone)'),
  channel: z.enum(['paper', 'phone']),
  scores: Scores,
  comment: Comment,
});
export const PortalSurveyAnswerSchema = z.strictObject({ unitId: IdSchema, scores: Scores, comment: Comment });
export const SurveyAnswerReceiptSchema = z.object({
  answerId: z.string(),
  surveyId: z.string(),
  channel: z.enum(SURVEY_ANSWER_CHANNELS),
  answeredAt: InstantSchema,
});

export const RateFigureSchema = z.object({
  answers: z.number().int(),
  satisfied: z.number().int().describe('Answers scoring 4 or 5'),
  rate: z.number().nullable(),
  low: z.number().describe('95% Wilson interval'),
  high: z.number(),
});
export const SurveyRecoverySchema = z.object({
  sampled: z.number().int(),
  answered: z.number().int(),
  rate: z.number(),
  target: z.number(),
  dueOn: LocalDateSchema.describe('The 10th day'),
  days: z.array(z.object({ date: LocalDateSchema, answered: z.number().int(), rate: z.number() })).describe('Answers in by the end of each day, cumulative'),
  byBuilding: z.array(z.object({ buildingId: z.string(), buildingName: z.string(), sampled: z.number().int(), answered: z.number().int(), rate: z.number() })),
  byChannel: z.object({ portal: z.number().int(), paper: z.number().int(), phone: z.number().int() }),
});
export const SurveyStatisticsSchema = z.object({
  surveyId: z.string(),
  households: z.number().int().describe('Households that answered'),
  project: RateFigureSchema,
  byQuestion: z.array(
    RateFigureSchema.extend({
      questionId: z.string(),
      area: z.enum(SURVEY_AREAS),
      text: z.string(),
      scores: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
    }),
  ),
  byBuilding: z.array(RateFigureSchema.extend({ buildingId: z.string(), buildingName: z.string() })),
  previous: z.object({ surveyId: z.string(), title: z.string(), startsOn: LocalDateSchema, project: RateFigureSchema }).nullable(),
  change: z.object({ difference: z.number(), z: z.number(), pValue: z.number(), significant: z.boolean() }).nullable().describe('Two-proportion z-test at 5%'),
  target: z.number(),
  belowTarget: z.boolean(),
  comments: z.number().int(),
  stewards: z
    .array(
      RateFigureSchema.extend({
        stewardId: z.string(),
        stewardName: z.string(),
        sampled: z.number().int().describe('Households that rate this steward'),
        households: z.number().int().describe('Of them, answered'),
        mean: z.number().nullable().describe('Mean score (1–5) over all answers'),
        byQuestion: z.array(RateFigureSchema.extend({ questionId: z.string(), mean: z.number().nullable() })),
      }),
    )
    .nullable()
    .describe('A steward rating (管家评价): the figures per steward; null for other surveys'),
});

export const SurveyRegisterEntrySchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  text: z.string(),
  status: z.enum(SURVEY_REGISTER_STATUSES),
  note: z.string().nullable(),
  createdAt: InstantSchema,
  handledBy: z.string().nullable(),
  handledAt: InstantSchema.nullable(),
});
export const SurveyRegisterListSchema = z.array(SurveyRegisterEntrySchema);
export const SurveyRegisterQuerySchema = z.object({ status: z.enum(SURVEY_REGISTER_STATUSES).optional() });
export const HandleSurveyRegisterEntrySchema = z.strictObject({ note: z.string().trim().min(1).max(2000).describe('What was done about it') });

export const SurveyReviewSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  surveyTitle: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  rate: z.number(),
  target: z.number(),
  status: z.enum(['open', 'done']),
  createdAt: InstantSchema,
  findings: z.string().nullable().describe('What the review found and the measures decided'),
  doneBy: z.string().nullable().describe('Who closed it (name)'),
  doneAt: InstantSchema.nullable(),
});
export const SurveyReviewListSchema = z.array(SurveyReviewSchema);
export const FinishSurveyReviewSchema = z.strictObject({ findings: LongText.describe('What the review found and the measures decided') });

export const SurveyTargetSchema = z.object({ projectId: z.string(), target: z.number() });
export const SetSurveyTargetSchema = z.strictObject({ target: z.number().min(0.01).max(1).describe('Satisfaction target of the project (default 0.7)') });

export const PaperQuestionnairesSchema = z.object({
  survey: SurveySchema,
  households: z.array(z.object({ code: z.string(), unitLabel: z.string(), buildingName: z.string(), status: z.enum(SURVEY_ANSWER_STATUSES) })),
});

export const PortalSurveySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(SURVEY_KINDS),
  stewardName: z.string().nullable().describe('A steward rating: the steward this household rates'),
  projectName: z.string(),
  endsOn: LocalDateSchema,
  items: z.array(SurveyItemSchema),
  commentPrompt: z.string().nullable(),
  unitId: z.string(),
  unitLabel: z.string(),
  status: z.enum(SURVEY_ANSWER_STATUSES),
  answeredAt: InstantSchema.nullable(),
});
export const PortalSurveyListSchema = z.array(PortalSurveySchema);

export type CreateSurveyInput = z.output<typeof CreateSurveySchema>;
export type UpdateSurveyInput = z.output<typeof UpdateSurveySchema>;
export const SurveyExportQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
