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
  /** The unit the row was read as (1栋2单元301 → 1栋-2单元-301), for the user to confirm; null when none. */
  unitLabel: z.string().nullable(),
  problems: z.array(ImportRowProblemSchema),
});

/** One of our columns of a kind, for the console's mapping of a sheet's own columns. */
export const ImportColumnSchema = z.object({ key: z.string(), label: z.string(), required: z.boolean() });

export const ImportCountsSchema = z.object({ create: z.number().int(), update: z.number().int(), skip: z.number().int(), error: z.number().int() });

/** An uploaded workbook and what became of it: checked (dry run made) → applying → applied, or failed (apply again to resume). */
export const ImportSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  filename: z.string(),
  status: z.enum(['checked', 'applying', 'applied', 'failed']),
  /** Data rows read (blank rows left out). */
  rows: z.number().int(),
  /** What the dry run found; the apply does exactly this (rows with problems left out when confirmed). */
  counts: ImportCountsSchema,
  /** The apply's progress: chunks written of all (each chunk one transaction). */
  chunksTotal: z.number().int(),
  chunksDone: z.number().int(),
  skipProblemRows: z.boolean(),
  failure: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
});

/** A dry run: what an import of this workbook would do, row by row, changing nothing of the estate. */
export const ImportDryRunSchema = ImportSchema.extend({
  mapping: z.array(ImportColumnMappingSchema),
  /**
   * Our required columns no column of the sheet was taken to be (their Chinese headers): then nothing is
   * planned yet (counts zero, no report) until the sheet's own columns are mapped (PUT …/mapping).
   */
  missingColumns: z.array(z.string()),
  /** Our columns of this kind (what a sheet's column may be mapped to). */
  columns: z.array(ImportColumnSchema),
  /** Every row that is not left as it is (created, updated, refused), in sheet order, at most IMPORT_REPORT_ROWS. */
  report: z.array(ImportRowReportSchema),
  reportTruncated: z.boolean(),
});

export const ImportUploadQuerySchema = z.strictObject({
  /** The file's name as the user chose it (shown in the import's history). */
  filename: z.string().trim().min(1).max(200).optional(),
});

/** The sheet's columns, in order: our column key for each, or null for a column not imported. */
export const ImportMappingInputSchema = z.strictObject({ columns: z.array(z.string().max(40).nullable()).max(200) });

export const ImportApplyInputSchema = z.strictObject({
  /** Confirms that rows with problems are left out (the rest is imported). */
  skipProblemRows: z.boolean().optional(),
});

export const IMPORT_REPORT_ROWS = 2000;
