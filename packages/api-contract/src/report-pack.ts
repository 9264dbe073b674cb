import { z } from 'zod';

/**
 * 月度报告包 (issue 16 item 1): one project's month in one document — the three KPIs, by staff and by
 * department, the year's trend, complaint causes with their corrective measures, callbacks and visits,
 * the survey's satisfaction and the month's inspection results. As JSON for the console, and as an
 * .xlsx workbook (one sheet per section) or a printable PDF, the same tables in both.
 */

export const PDF_CONTENT_TYPE = 'application/pdf';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const Rate = z.number().nullable().describe('0..1, null when nothing counted');

export const MonthlyPackQuerySchema = z.object({
  projectId: z.string().min(1).max(64),
  month: Month.describe('The month, YYYY-MM (the project’s local dates)'),
});
export const MonthlyPackExportQuerySchema = MonthlyPackQuerySchema.extend({ format: z.enum(['xlsx', 'pdf']).default('xlsx') });

const KpiRow = z.object({
  key: z.string().nullable(),
  name: z.string(),
  met: z.number().int(),
  breached: z.number().int(),
  timelinessRate: Rate.describe('沟通及时率: clocks met / clocks due (met or breached)'),
  closed: z.number().int(),
  outOfScope: z.number().int(),
  reopened: z.number().int(),
  successRate: Rate.describe('问题处理成功率: resolved first time and satisfied / (closed − out of scope)'),
  satisfactionRate: Rate.describe('Per-case satisfaction at closing'),
  averageRating: z.number().nullable(),
});

export const MonthlyPackSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  total: KpiRow,
  survey: z
    .object({
      title: z.string(),
      closedAt: z.string(),
      answers: z.number().int(),
      rate: Rate,
      low: z.number(),
      high: z.number(),
      target: z.number(),
      belowTarget: z.boolean(),
    })
    .nullable()
    .describe('业主满意度: the project’s latest survey closed by the month’s end'),
  byStaff: z.array(KpiRow),
  byDepartment: z.array(KpiRow),
  trend: z.array(KpiRow).describe('The twelve months ending with this one'),
  causes: z.array(
    z.object({
      rank: z.number().int(),
      category: z.string().nullable().describe('null: complaints with no category'),
      count: z.number().int(),
      share: z.number(),
      main: z.boolean(),
      measures: z.array(
        z.object({
          measure: z.string(),
          responsibleName: z.string(),
          dueDate: z.string(),
          status: z.string(),
          resultNote: z.string().nullable(),
          effective: z.boolean().nullable().describe('The quality department’s verification (效果验证): worked or not; null until verified'),
        }),
      ),
    }),
  ),
  callbacks: z.object({ due: z.number().int(), done: z.number().int(), unreachable: z.number().int(), notSatisfied: z.number().int() }),
  visits: z.object({ planned: z.number().int(), done: z.number().int() }),
  inspections: z
    .array(
      z.object({
        specialty: z.string(),
        checks: z.number().int(),
        scorePercent: z.number().nullable(),
        defects: z.number().int(),
        serious: z.number().int(),
        causedByStaff: z.number().int(),
        closedOnTime: z.number().int(),
        closedLate: z.number().int(),
        openOverdue: z.number().int(),
      }),
    )
    .nullable()
    .describe('The month’s 月检通报 for the project by specialty; null when the reader may not read inspections'),
});
export type MonthlyPack = z.infer<typeof MonthlyPackSchema>;
