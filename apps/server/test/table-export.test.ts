import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  encodeTable,
  looksLikeFormula,
  NOT_XML,
  type ExportColumn,
  type ExportFormat,
  type ExportProgress,
  type ExportTable,
} from '../src/services/table-export.ts';

/** The table writer alone (decision 0024): its files read back by exceljs, its rules as properties. */

async function bytesOf<R>(format: ExportFormat, table: ExportTable<R>): Promise<{ bytes: Buffer; progress: ExportProgress }> {
  const progress: ExportProgress = { rows: 0, truncated: false };
  const chunks: Buffer[] = [];
  for await (const chunk of encodeTable(format, table, progress)) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), progress };
}
async function sheetOf(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}
/** RFC 4180 fields of one CSV line (quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [[]];
  let field = '';
  let quoted = false;
  const endField = () => {
    records.at(-1)!.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push([]);
      i++;
    } else field += c;
  }
  return records.filter((r) => r.length > 0);
}

/** What XML keeps of a text: no control characters it forbids, no lone surrogates, CR LF as LF. */
const xmlKept = (s: string) => s.replace(NOT_XML, '').replace(/\r\n?/g, '\n');

const text: ExportColumn<string> = { header: '文本', kind: 'text', value: (s) => s };

describe('the table writer', () => {
  it('keeps any text as text, formula-like or not, in .xlsx and CSV (property)', async () => {
    // formula starts, Chinese, quotes, line breaks, controls and surrogate halves mixed in
    const piece = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '＝', 'SUM(A1)', '张伟', '"', ',', "'", ' ', '\u0007', '\uD83D', '😀', '&<>');
    const texts = fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
      ),
      { minLength: 1, maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(texts, async (values) => {
        const rows = values.filter((v) => v !== '');
        const ws = await sheetOf((await bytesOf('xlsx', { title: 't', columns: [text], rows })).bytes);
        rows.forEach((value, i) => {
          const cell = ws.getRow(i + 2).getCell(1);
          const kept = xmlKept(value);
          if (kept === '') return;
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          expect(cell.value).toBe(kept);
        });
        const csv = (await bytesOf('csv', { title: 't', columns: [text], rows })).bytes.toString('utf8');
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const records = csvRecords(csv.slice(1));
        // UTF-8 has no lone surrogates: they arrive as U+FFFD
        const utf8 = (v: string) => Buffer.from(v, 'utf8').toString('utf8');
        expect(records.slice(1).map((r) => r[0])).toEqual(rows.map((v) => utf8(looksLikeFormula(v) ? `'${v}` : v)));
      }),
      { numRuns: 60 },
    );
  });

  it('marks exactly the texts a spreadsheet could take for a formula', () => {
    for (const s of ['=1+1', '+86 139', '-2', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1', '＋1', '－1', '＠x'])
      expect(looksLikeFormula(s), JSON.stringify(s)).toBe(true);
    for (const s of ['1+1', ' =1', '张伟', 'a=b', '', '2026-11-25']) expect(looksLikeFormula(s), JSON.stringify(s)).toBe(false);
    fc.assert(fc.property(fc.string(), (s) => csvField(s).replace(/^"|"$/g, '').startsWith("'") === looksLikeFormula(s) || s.startsWith("'")));
  });

  it('writes each kind as its cell: numbers, percentages, dates, and times in the row’s zone (DST included)', async () => {
    type Row = { n: number; r: number | null; d: string; at: string; zone: string; x: string | number };
    const columns: ExportColumn<Row>[] = [
      { header: 'n', kind: 'integer', value: (r) => r.n },
      { header: 'r', kind: 'percent', value: (r) => r.r },
      { header: 'd', kind: 'date', value: (r) => r.d },
      { header: 'at', kind: 'datetime', value: (r) => r.at },
      { header: 'x', kind: 'decimal', value: (r) => r.x },
    ];
    const rows: Row[] = [
      { n: 3, r: 0.125, d: '2026-11-25', at: '2026-11-25T02:30:00.000Z', zone: 'Asia/Shanghai', x: 4.5 },
      { n: -1, r: null, d: '2026-07-01', at: '2026-07-01T16:00:00.000Z', zone: 'America/New_York', x: 'n/a' },
    ];
    const { bytes } = await bytesOf('xlsx', { title: '类型', columns, rows, timeZoneOf: (r) => r.zone });
    const ws = await sheetOf(bytes);
    const row = (i: number) => ws.getRow(i + 2);
    expect([row(0).getCell(1).value, row(0).getCell(2).value, row(0).getCell(5).value]).toEqual([3, 0.125, 4.5]);
    expect(row(0).getCell(2).numFmt).toBe('0.0%');
    expect(row(0).getCell(1).numFmt).toBe('0');
    expect(row(0).getCell(3).value).toEqual(new Date('2026-11-25T00:00:00.000Z'));
    expect(row(0).getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(row(0).getCell(4).value).toEqual(new Date('2026-11-25T10:30:00.000Z')); // 10:30 in Shanghai
    expect(row(1).getCell(4).value).toEqual(new Date('2026-07-01T12:00:00.000Z')); // noon in New York's summer
    expect(row(1).getCell(2).value).toBeNull();
    expect(row(1).getCell(5).value).toBe('n/a'); // not a number: kept as the text it is
    const csv = csvRecords((await bytesOf('csv', { title: '类型', columns, rows, timeZoneOf: (r) => r.zone })).bytes.toString('utf8').slice(1));
    expect(csv.slice(1)).toEqual([
      ['3', '12.5%', '2026-11-25', '2026-11-25 10:30', '4.5'],
      ['-1', '', '2026-07-01', '2026-07-01 12:00', 'n/a'], // a number, not text: nothing to make inert
    ]);
  });

  it('cuts a table at its row limit and says so; many columns get their letters (… Z, AA …)', async () => {
    const columns = Array.from({ length: 30 }, (_, i): ExportColumn<number> => ({ header: `c${i}`, kind: 'integer', width: 5 + i, value: (r) => r * 100 + i }));
    const { bytes, progress } = await bytesOf('xlsx', {
      title: 'a/b:c*d?e[f]g 这是一个非常非常非常非常长的工作表名称',
      columns,
      rows: [1, 2, 3, 4, 5],
      maxRows: 3,
      truncatedNote: '仅导出前 3 行',
    });
    expect(progress).toEqual({ rows: 3, truncated: true });
    const ws = await sheetOf(bytes);
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
    expect(ws.getRow(4).getCell(30).value).toBe(329);
    expect(ws.getCell('AD1').value).toBe('c29');
    expect(ws.getColumn(30).width).toBe(34);
    expect(ws.getRow(5).getCell(1).value).toBe('仅导出前 3 行');
    expect(ws.rowCount).toBe(5);
    const csv = await bytesOf('csv', { title: 't', columns: [text], rows: ['a', 'b'], maxRows: 2 });
    expect(csv.progress).toEqual({ rows: 2, truncated: false });
  });

  it('streams: a large table is read as it is written, never held whole', async () => {
    let produced = 0;
    let maxAhead = 0;
    let consumedRows = 0;
    async function* rows() {
      for (let i = 0; i < 50_000; i++) {
        produced += 1;
        maxAhead = Math.max(maxAhead, produced - consumedRows);
        yield `第 ${i} 行 ${'内容'.repeat(10)}`;
      }
    }
    const progress: ExportProgress = { rows: 0, truncated: false };
    let bytes = 0;
    for await (const chunk of encodeTable('xlsx', { title: 't', columns: [text], rows: rows() }, progress)) {
      bytes += chunk.length;
      consumedRows = progress.rows;
    }
    expect(progress.rows).toBe(50_000);
    expect(bytes).toBeGreaterThan(10_000);
    // rows wait for the bytes before them to be taken: at most a few chunks' worth ahead
    expect(maxAhead).toBeLessThan(10_000);
  });
});
