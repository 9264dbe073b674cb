import { z } from 'zod';
import { IMPORT_KINDS } from '@guanjia/vocabulary';

/** Excel workbooks (.xlsx): the import templates, their dry-run reports and the exports (issue 12). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which import: units (楼栋房屋), owners (业主花名册), staff (员工). */
export const ImportKindParamsSchema = z.object({ kind: z.enum(IMPORT_KINDS) });

/** Which of our columns a header of the uploaded sheet was taken to be (null: not imported). */
export const ImportColumnMappingSchema = z.object({ header: z.string(), column: z.string().nullable(), label: z.string().nullable() });

export const ImportRowProblemSchema = z.object({
  /** Our column key (null: the row as a whole) and the sheet's header for it. */
  column: z.string().nullable(),
  header: z.string().nullable(),
  code: z.string(),
  /** In the caller's language (zh-CN first). */
  message: z.string(),
});

export const ImportRowReportSchema = z.object({
  rowNumber: z.number().int(),
  action: z.enum(['create', 'update', 'skip', 'error']),
  /** What an update changes. */
  changed: z.array(z.string()),
  problems: z.array(ImportRowProblemSchema),
});

/** A dry run: what an import of this workbook would do, row by row, changing nothing. */
export const ImportDryRunSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** Data rows read (blank rows left out). */
  rows: z.number().int(),
  mapping: z.array(ImportColumnMappingSchema),
  counts: z.object({ create: z.number().int(), update: z.number().int(), skip: z.number().int(), error: z.number().int() }),
  /** Every row that is not left as it is (created, updated, refused), in sheet order, at most IMPORT_REPORT_ROWS. */
  report: z.array(ImportRowReportSchema),
  reportTruncated: z.boolean(),
});
export const IMPORT_REPORT_ROWS = 2000;
