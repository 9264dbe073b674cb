import { CASE_TYPES, CLOCK_KINDS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { LocalDateSchema } from './common.ts';

/**
 * The list behind a report's figure (issue 16 item 1): the clocks or cases a number on the dashboard
 * counts, for the same period, projects and grouping key — so a manager can open what they are told.
 */

export const REPORT_ITEM_REPORTS = ['timeliness', 'outcomes', 'complaints'] as const;
/** timeliness: met | breached | all (counted); outcomes: closed | resolved | unresolved | outOfScope | reopened; complaints: all. */
export const REPORT_ITEM_MEASURES = ['all', 'met', 'breached', 'closed', 'resolved', 'unresolved', 'outOfScope', 'reopened'] as const;

export const ReportItemsQuerySchema = z.object({
  report: z.enum(REPORT_ITEM_REPORTS),
  groupBy: z.enum(['staff', 'department', 'project', 'type', 'month', 'clock']).optional().describe('The report’s grouping; clock for timeliness only'),
  key: z
    .string()
    .max(64)
    .optional()
    .describe(
      'The row’s key as the report answered it (a staff, department or project id, a case type, a month YYYY-MM, a clock kind; "-" for none); absent: every row (the total)',
    ),
  measure: z.enum(REPORT_ITEM_MEASURES).default('all'),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  projectId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ReportItemsQuery = z.infer<typeof ReportItemsQuerySchema>;

export const ReportItemSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  title: z.string(),
  projectId: z.string(),
  type: z.enum(CASE_TYPES),
  status: z.string(),
  category: z.string().nullable(),
  /** timeliness: the clock's due instant; outcomes: the closing instant; complaints: received. */
  at: z.string(),
  clock: z.enum(CLOCK_KINDS).nullable().describe('timeliness: which time limit'),
  result: z.enum(['met', 'breached']).nullable().describe('timeliness: met, or breached (stopped late or still running past due)'),
  closeReason: z.enum(['resolved', 'out_of_scope']).nullable(),
  reopenCount: z.number().int(),
  satisfied: z.boolean().nullable(),
  rating: z.number().int().nullable(),
});

export const ReportItemsSchema = z.object({
  report: z.enum(REPORT_ITEM_REPORTS),
  from: z.string(),
  to: z.string(),
  counts: z.enum(['clocks', 'cases']),
  total: z.number().int().describe('How many the figure counts: the report’s number for this key and measure'),
  items: z.array(ReportItemSchema),
});
