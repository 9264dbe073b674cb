import { APPRAISAL_MEASURES, APPRAISAL_STATUSES, type AppraisalMeasure } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema } from './common.ts';

/**
 * Staff appraisal (考核), issue 16 item 2, decision 0037: a sheet per person and period from the
 * system's own records, weighted by the company's weights; the supervisor's comment and the person's
 * acknowledgement (确认); exported as .xlsx.
 */
const Weight = z.number().int().min(0).max(100);
const Allowance = z.number().int().min(1).max(100);
const measureObject = <T extends z.ZodType>(t: T) => z.strictObject(Object.fromEntries(APPRAISAL_MEASURES.map((m) => [m, t])) as Record<AppraisalMeasure, T>);

export const AppraisalWeightsSchema = z.object({
  weights: measureObject(Weight).describe('Each measure’s weight; only the proportions count'),
  languageAllowance: Allowance.describe('Service-language overrides in a period at which that measure reaches 0'),
  defectAllowance: Allowance.describe('Defects caused by staff in a period at which that measure reaches 0'),
  isDefault: z.boolean().describe('The company has set none: these are the defaults'),
  updatedBy: z.string().nullable(),
  updatedAt: InstantSchema.nullable(),
});
export const SaveAppraisalWeightsSchema = z
  .strictObject({ weights: measureObject(Weight), languageAllowance: Allowance, defectAllowance: Allowance })
  .refine((w) => Object.values(w.weights).some((x) => x > 0), { path: ['weights'], message: 'at least one weight above 0' });

export const AppraisalFiguresSchema = z.object({
  clocks: z.object({ met: z.number().int(), breached: z.number().int() }),
  cases: z.object({ closed: z.number().int(), reopened: z.number().int() }),
  languageOverrides: z.number().int(),
  callbacks: z.object({ due: z.number().int(), done: z.number().int() }),
  visits: z.object({ planned: z.number().int(), done: z.number().int() }),
  defects: z.object({ attributed: z.number().int(), causedByStaff: z.number().int() }),
  caseRatings: z.object({ rated: z.number().int(), sum: z.number().int() }),
  stewardRatings: z.object({ answers: z.number().int(), satisfied: z.number().int() }),
});

export const AppraisalPartSchema = z.object({
  measure: z.enum(APPRAISAL_MEASURES),
  value: z.number().nullable().describe('The measure in 0..1 (1 the best); null without data (it drops out)'),
  weight: z.number().int(),
  share: z.number().describe('Its share of the score after measures without data dropped out'),
  points: z.number().describe('Points it adds to the score out of 100'),
});

export const AppraisalSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  departmentName: z.string().nullable(),
  from: LocalDateSchema.describe('The period’s first day'),
  to: LocalDateSchema.describe('The period’s last day (included)'),
  status: z.enum(APPRAISAL_STATUSES),
  figures: AppraisalFiguresSchema.describe('As counted when the sheet was drawn up'),
  languageAllowance: z.number().int(),
  defectAllowance: z.number().int(),
  parts: z.array(AppraisalPartSchema),
  score: z.number().nullable().describe('Out of 100; null when no weighted measure had data'),
  drawnBy: z.string(),
  drawnAt: InstantSchema,
  comment: z.string().nullable(),
  commentedBy: z.string().nullable(),
  commentedAt: InstantSchema.nullable(),
  acknowledgedAt: InstantSchema.nullable(),
  canComment: z.boolean(),
  canAcknowledge: z.boolean(),
});
export const AppraisalListSchema = z.object({ items: z.array(AppraisalSchema) });
export const AppraisalListQuerySchema = z.object({
  staffId: IdSchema.optional(),
  status: z.enum(APPRAISAL_STATUSES).optional(),
  from: LocalDateSchema.optional().describe('Sheets whose period ends on or after this date'),
  to: LocalDateSchema.optional().describe('Sheets whose period begins on or before this date'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const CreateAppraisalSchema = z.strictObject({ staffId: IdSchema, from: LocalDateSchema, to: LocalDateSchema });
export const CommentAppraisalSchema = z.strictObject({ comment: z.string().trim().min(1).max(2000) });
export const AppraisableStaffListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), departmentName: z.string().nullable() })),
});

export type AppraisalView = z.infer<typeof AppraisalSchema>;
export type AppraisalWeightsView = z.infer<typeof AppraisalWeightsSchema>;
export type SaveAppraisalWeightsInput = z.infer<typeof SaveAppraisalWeightsSchema>;
export type CreateAppraisalInput = z.infer<typeof CreateAppraisalSchema>;
