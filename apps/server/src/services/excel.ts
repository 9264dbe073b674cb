import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: a server that never makes or reads a workbook does not carry it
 * (issue 11's lean start); the server bundle leaves it outside (scripts/build-server.mjs).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
