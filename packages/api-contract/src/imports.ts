import { z } from 'zod';
import { IMPORT_KINDS } from '@guanjia/vocabulary';

/** Excel workbooks (.xlsx): the import templates, their dry-run reports and the exports (issue 12). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which import: units (楼栋房屋), owners (业主花名册), staff (员工). */
export const ImportKindParamsSchema = z.object({ kind: z.enum(IMPORT_KINDS) });
