import { Readable } from 'node:stream';
import type { Cell, ImportRow } from '@guanjia/core';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.ts';

/**
 * Reading an uploaded workbook for an import (issue 12): the first sheet, streamed row by row (a
 * roster of 100,000 owners is never held as a whole workbook), each cell turned into core's `Cell`.
 * A formula is kept as a formula (never its cached result), an error value as an error.
 */
export interface SheetRows {
  headers: string[];
  /** Data rows (after the header row), blank rows left out; values by column position. */
  rows: { rowNumber: number; values: Cell[] }[];
}

/** Rows an import reads at most (the header excluded). */
export const MAX_IMPORT_ROWS = 200_000;

export class WorkbookUnreadable extends Error {}

/**
 * exceljs's streaming reader loses the zip's later entries now and then (about one read in 300 to one
 * in 25, by how the input is chunked) when a worksheet comes before the shared strings and the workbook
 * part — as in files exceljs itself writes — and then fails with a TypeError ("reading 'sheets'"). The
 * same bytes read again succeed, so such a failure is retried; a damaged file fails every time.
 */
const READ_ATTEMPTS = 4;

export async function readFirstSheet(bytes: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<SheetRows> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readFirstSheetOnce(bytes, maxRows);
    } catch (error) {
      if (!(error instanceof LostEntries) || attempt === READ_ATTEMPTS) throw error instanceof LostEntries ? new WorkbookUnreadable(error.message) : error;
    }
  }
}

/** The reader's internal TypeError: the zip's entries were lost on the way (see READ_ATTEMPTS). */
class LostEntries extends Error {}

async function readFirstSheetOnce(bytes: Buffer, maxRows: number): Promise<SheetRows> {
  const Excel = await loadExcel();
  // styles are read: they say which number cells are dates
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const out: SheetRows = { headers: [], rows: [] };
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values: Cell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          values[column - 1] = cellOf(cell);
        });
        for (let i = 0; i < values.length; i++) values[i] ??= { kind: 'empty' };
        if (out.headers.length === 0 && row.number >= 1) {
          out.headers = values.map((v) => (v.kind === 'text' ? v.text.trim() : v.kind === 'number' ? String(v.value) : ''));
          continue;
        }
        if (values.every((v) => v.kind === 'empty' || (v.kind === 'text' && v.text.trim() === ''))) continue;
        if (out.rows.length >= maxRows) throw new WorkbookUnreadable(`more than ${maxRows} rows`);
        out.rows.push({ rowNumber: row.number, values });
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof WorkbookUnreadable) throw error;
    if (error instanceof TypeError) throw new LostEntries(error.message);
    throw new WorkbookUnreadable(error instanceof Error ? error.message : String(error));
  }
  return out;
}

/** A spreadsheet cell as core reads it. */
export function cellOf(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') return { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  // a date cell holds the wall-clock date and time as typed, read as UTC by exceljs
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', date: v.toISOString().slice(0, 10) };
  if ('formula' in v || 'sharedFormula' in v) return { kind: 'formula', formula: String('formula' in v ? v.formula : v.sharedFormula) };
  if ('error' in v) return { kind: 'error', error: String(v.error) };
  if ('richText' in v) return { kind: 'text', text: v.richText.map((r) => r.text).join('') };
  if ('text' in v) return { kind: 'text', text: String(v.text) };
  return { kind: 'error', error: '#VALUE!' };
}

/** The rows by our column keys, given which column each header is (null: not imported). */
export function rowsByColumns(sheet: SheetRows, mapping: readonly (string | null)[]): ImportRow[] {
  return sheet.rows.map((r) => {
    const cells: Record<string, Cell> = {};
    mapping.forEach((key, i) => {
      if (key !== null) cells[key] = r.values[i] ?? { kind: 'empty' };
    });
    return { rowNumber: r.rowNumber, cells };
  });
}
