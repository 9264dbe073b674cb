import { COMPLAINT_CAUSE_STATES, COMPLAINT_MEASURE_STATUSES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema } from './common.ts';

/**
 * Complaint causes ranked, each main cause with its corrective measures (纠正措施): issue 16 item 1,
 * decision 0039. A cause is the complaints' category; a measure belongs to a project, a cause and a month.
 */
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const Share = z.number().min(0).max(1).describe('A share of all complaints of the period, 0–1 (4 decimals)');

export const ComplaintCausesQuerySchema = z.object({
  from: LocalDateSchema.optional().describe('First local date (default: the first of this month)'),
  to: LocalDateSchema.optional().describe('Day after the last (default: a month after from)'),
  projectId: z.string().max(64).optional(),
});

/** The report as a file (.xlsx, or CSV with format=csv): a row per measure. */
export const ComplaintCausesExportQuerySchema = ComplaintCausesQuerySchema.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const ComplaintMeasureSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  category: z.string(),
  month: Month,
  measure: z.string(),
  responsibleId: z.string(),
  responsibleName: z.string(),
  dueDate: LocalDateSchema.describe('完成期限, in the project’s time zone'),
  status: z.enum(COMPLAINT_MEASURE_STATUSES),
  overdue: z.boolean().describe('Still planned after its due date (the project’s today)'),
  createdBy: z.string(),
  createdAt: InstantSchema,
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAt: InstantSchema.nullable(),
  resultNote: z.string().nullable().describe('What the measure achieved (效果), written when it is marked done'),
  canComplete: z.boolean(),
  verifiedBy: z.string().nullable().describe('Who verified it (效果验证, the quality department); null until verified'),
  verifiedByName: z.string().nullable(),
  verifiedAt: InstantSchema.nullable(),
  verification: z.string().nullable().describe('What the verification checked'),
  effective: z.boolean().nullable().describe('Whether the measure worked; null until verified'),
  canVerify: z.boolean().describe('Done, not verified yet, and the reader may verify it (complaint.verify)'),
  monthCount: z.number().int().describe('Complaints of its cause in its project in its month (local date of receipt; the reader’s own accusations aside)'),
  nextMonth: Month,
  nextMonthCount: z.number().int().describe('The same count for the month after: so far, while that month runs'),
});

export const ComplaintCauseSchema = z.object({
  category: z.string().nullable().describe('null: complaints not categorized (never a main cause)'),
  rank: z.number().int().describe('1-based; equal counts share a rank'),
  count: z.number().int(),
  share: Share,
  cumulativeShare: Share,
  main: z.boolean().describe('A main cause: the named causes counting more cover less than 80 % of the named complaints'),
  state: z
    .enum(COMPLAINT_CAUSE_STATES)
    .nullable()
    .describe(
      'no_measure (未制定措施), in_progress, overdue, ineffective (措施无效: a measure verified ineffective, no later measure of its project), done; null: not a main cause and no measure',
    ),
  measures: z.array(ComplaintMeasureSchema),
});

export const ComplaintCausesReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(Month).describe('The months whose measures are shown: those the period touches'),
  total: z.number().int().describe('Complaints received in [from, to), by local date of receipt'),
  mainShare: z.number().describe('The Pareto share the main causes cover together (0.8)'),
  causes: z.array(ComplaintCauseSchema).describe('Ranked by count; causes with measures but no complaint in the period last (count 0)'),
  canWrite: z.array(z.string()).describe('The projects of the report whose measures the reader may record and mark done'),
});

export const CreateComplaintMeasureSchema = z.strictObject({
  projectId: IdSchema,
  category: z.string().trim().min(1).max(50),
  month: Month,
  measure: z.string().trim().min(1).max(2000),
  responsibleId: IdSchema,
  dueDate: LocalDateSchema,
});

export const CompleteComplaintMeasureSchema = z.strictObject({
  resultNote: z.string().trim().min(1).max(2000),
});

/** The quality department's verification (效果验证) of a done measure. */
export const VerifyComplaintMeasureSchema = z.strictObject({
  effective: z.boolean().describe('true: the measure worked (有效); false: it did not (无效), the cause needs a new measure'),
  note: z.string().trim().min(1).max(2000).describe('What was checked (验证说明)'),
});

export type ComplaintMeasure = z.infer<typeof ComplaintMeasureSchema>;
export type ComplaintCausesReport = z.infer<typeof ComplaintCausesReportSchema>;
