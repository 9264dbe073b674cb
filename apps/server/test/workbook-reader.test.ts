import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readFirstSheet, rowsByColumns, WorkbookUnreadable } from '../src/services/workbook-reader.ts';

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void, second?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('花名册'));
  if (second) second(wb.addWorksheet('其他'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('reading an uploaded workbook', () => {
  it('reads the first sheet cell by cell: text, numbers, dates, formulas and errors as they are', async () => {
    const bytes = await workbook(
      (s) => {
        s.addRow(['房屋', '业主姓名', '联系电话', '入住日期', '身份证号']);
        s.addRow(['1栋2单元101', '王芳', 13800138000, new Date(Date.UTC(2024, 2, 15)), '11010519491231002X']);
        s.addRow([]);
        s.addRow([
          '1栋2单元102',
          { richText: [{ text: '李' }, { text: '强', font: { bold: true } }] },
          { formula: 'A1&B1', result: '13900139000' },
          '2024/3/5',
          { error: '#N/A' },
        ]);
        s.getCell('D2').numFmt = 'yyyy-mm-dd';
      },
      (s) => s.addRow(['不该被读']),
    );
    const sheet = await readFirstSheet(bytes);
    expect(sheet.headers).toEqual(['房屋', '业主姓名', '联系电话', '入住日期', '身份证号']);
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(sheet.rows[0]!.values).toEqual([
      { kind: 'text', text: '1栋2单元101' },
      { kind: 'text', text: '王芳' },
      { kind: 'number', value: 13800138000 },
      { kind: 'date', date: '2024-03-15' },
      { kind: 'text', text: '11010519491231002X' },
    ]);
    expect(sheet.rows[1]!.values).toEqual([
      { kind: 'text', text: '1栋2单元102' },
      { kind: 'text', text: '李强' },
      { kind: 'formula', formula: 'A1&B1' },
      { kind: 'text', text: '2024/3/5' },
      { kind: 'error', error: '#N/A' },
    ]);
    const rows = rowsByColumns(sheet, ['unitLabel', 'name', 'phone', null, 'idNumber']);
    expect(rows[0]).toEqual({
      rowNumber: 2,
      cells: {
        unitLabel: { kind: 'text', text: '1栋2单元101' },
        name: { kind: 'text', text: '王芳' },
        phone: { kind: 'number', value: 13800138000 },
        idNumber: { kind: 'text', text: '11010519491231002X' },
      },
    });
  });

  it('refuses what is no workbook, and more rows than allowed', async () => {
    await expect(readFirstSheet(Buffer.from('房屋,业主姓名\n1栋101,王芳\n'))).rejects.toBeInstanceOf(WorkbookUnreadable);
    const many = await workbook((s) => {
      s.addRow(['房号']);
      for (let i = 0; i < 12; i++) s.addRow([String(100 + i)]);
    });
    await expect(readFirstSheet(many, 10)).rejects.toThrow(/more than 10 rows/);
    expect((await readFirstSheet(many, 12)).rows).toHaveLength(12);
  });
});

describe('reading the same workbook many times', () => {
  it('never fails on a sound file (exceljs sometimes loses entries: retried)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('导入');
    sheet.addRow(['管理处', '房屋', '业主姓名', '手机']);
    sheet.addRow(['翠湖', '1栋1单元201', '王芳', '13700137021']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const reads = await Promise.allSettled(Array.from({ length: 400 }, () => readFirstSheet(bytes)));
    expect(reads.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(reads.every((r) => r.status === 'fulfilled' && r.value.rows[0]!.values[2]!.kind === 'text')).toBe(true);
  }, 60_000);
});

describe('Chinese text in a large sheet', () => {
  it('reads every character as typed, wherever the inflated chunks split it', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `住户${i}号·翠湖花园${'栋单元'.repeat(i % 5)}`);
    const bytes = await workbook((sheet) => {
      sheet.addRow(['业主姓名']);
      for (const n of names) sheet.addRow([n]);
    });
    const read = await readFirstSheet(bytes);
    expect(read.rows.map((r) => (r.values[0]!.kind === 'text' ? r.values[0]!.text : ''))).toEqual(names);
  }, 60_000);
});
