import { z } from 'zod';
import { CaseQuerySchema } from './cases.ts';
import { BulletinExportQuerySchema } from './inspections.ts';
import { OwnerQuerySchema } from './owners.ts';
import { ComplaintCausesExportQuerySchema } from './complaint-measures.ts';
import { OutcomesQuerySchema, TimelinessQuerySchema } from './sla.ts';
import { MonthlyPackExportQuerySchema } from './report-pack.ts';

/**
 * Exports of the console's tables (issue 12, item 5): each as an .xlsx workbook (typed cells, frozen
 * header, column widths, owner-typed text made inert) or, with `format=csv`, as CSV (UTF-8 with a
 * byte-order mark). The answer is the file itself; every export is written to the audit log.
 */

/** CSV as sent (UTF-8, with a byte-order mark) and as documented (the media type alone). */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_MEDIA_TYPE = 'text/csv';
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const Format = { format: z.enum(EXPORT_FORMATS).default('xlsx') };

/** 工单台账 and the queues: the case list's own query (queue, filters, period), every page of it. */
export const CaseExportQuerySchema = CaseQuerySchema.omit({ limit: true, cursor: true }).extend(Format);
/** The dashboard's tables: the reports' own queries. */
export const TimelinessExportQuerySchema = TimelinessQuerySchema.extend(Format);
export const OutcomesExportQuerySchema = OutcomesQuerySchema.extend(Format);
/** 业主: the owner list's own query (search, filters, current or moved out), every page of it. */
export const OwnerExportQuerySchema = OwnerQuerySchema.omit({ limit: true, offset: true }).extend(Format);
export const ComplaintCategoriesExportQuerySchema = OutcomesQuerySchema.omit({ groupBy: true }).extend(Format);

/** The export routes and their queries (the console's download helper takes its types from here). */
export const EXPORT_ROUTES = {
  'GET /api/exports/cases': CaseExportQuerySchema,
  'GET /api/exports/timeliness': TimelinessExportQuerySchema,
  'GET /api/exports/outcomes': OutcomesExportQuerySchema,
  'GET /api/exports/monthly-pack': MonthlyPackExportQuerySchema,
  'GET /api/exports/complaint-categories': ComplaintCategoriesExportQuerySchema,
  // complaint causes and their corrective measures (issue 16 item 1)
  'GET /api/exports/complaint-causes': ComplaintCausesExportQuerySchema,
  'GET /api/exports/owners': OwnerExportQuerySchema,
  // 月检通报 (issue 15 item 3)
  'GET /api/inspection-bulletin/export': BulletinExportQuerySchema,
} as const;
export type ExportRoute = keyof typeof EXPORT_ROUTES;
export type ExportQuery<K extends ExportRoute> = z.input<(typeof EXPORT_ROUTES)[K]>;
