import { PassThrough } from 'node:stream';
import { describeRowProblem, type Cell, type Locale, type PlannedAction, type RowProblem } from '@guanjia/core';
import type { AppDeps } from '../context.ts';
import type { StaffActor } from '@guanjia/core';
import { loadExcel } from './excel.ts';
import { planOfImport } from './imports.service.ts';

const ACTION_LABELS: Record<PlannedAction, [string, string]> = {
  create: ['新建', 'create'],
  update: ['更新', 'update'],
  skip: ['不变', 'unchanged'],
  error: ['有问题', 'problem'],
};

/** How a cell of the upload is shown in the report: as the user typed it, never as a live formula. */
function shown(cell: Cell | undefined): string | number | Date | null {
  if (!cell) return null;
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'text':
      return cell.text;
    case 'number':
      return cell.value;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'date':
      return new Date(`${cell.date}T00:00:00Z`);
    case 'formula':
      return `=${cell.formula}`;
    case 'error':
      return cell.error;
  }
}

/**
 * The dry run as a workbook (预检结果): every row of the upload with 结果 (what the import does with
 * it) and 问题 (every problem, in the reader's language) before the data, and each cell with a
 * problem filled red with its message as a note. Planned again from the stored upload, so it is what
 * an apply would do now. Text is written as text (a formula the user typed shows as its text).
 */
export async function importReportWorkbook(deps: AppDeps, actor: StaffActor, id: string, locale: Locale): Promise<{ filename: string; body: Buffer }> {
  const { record, plan } = await planOfImport(deps, actor, id);
  const en = locale === 'en';
  const Excel = await loadExcel();
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(en ? 'Dry run' : '预检结果', { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  const headers = plan.sheet.headers;
  sheet.columns = [
    { header: en ? 'Row' : '行号', width: 7 },
    { header: en ? 'Result' : '结果', width: 9 },
    { header: en ? 'Problems' : '问题', width: 48 },
    ...headers.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 4)) })),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const byRow = new Map((plan.planned.plan.rows as { rowNumber: number; action: PlannedAction; problems: RowProblem[] }[]).map((r) => [r.rowNumber, r]));
  const columnOf = new Map(plan.mapping.flatMap((key, i) => (key ? [[key, i] as const] : [])));
  for (const data of plan.sheet.rows) {
    const planned = byRow.get(data.rowNumber);
    const problems = planned?.problems ?? [];
    const row = sheet.addRow([
      data.rowNumber,
      planned ? ACTION_LABELS[planned.action][en ? 1 : 0] : '',
      problems.map((p) => describeRowProblem(p, locale)).join('；'),
      ...headers.map((_, i) => shown(data.values[i])),
    ]);
    if (problems.length) {
      row.getCell(2).font = { color: { argb: 'FFC00000' }, bold: true };
      for (const p of problems) {
        const at = p.column === null ? undefined : columnOf.get(p.column);
        if (at === undefined) continue;
        const cell = row.getCell(4 + at);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
        cell.note = describeRowProblem(p, locale);
      }
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  const base = record.filename.replace(/\.xlsx$/i, '');
  return { filename: `${base}-${en ? 'dry-run' : '预检结果'}.xlsx`, body: Buffer.concat(parts) };
}
