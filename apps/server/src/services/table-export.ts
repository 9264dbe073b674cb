import { LocalClock } from '@guanjia/core';
import { zipStream } from './zip-stream.ts';

/**
 * One table as a file: .xlsx or CSV from the same column definitions (issue 12, item 5; decision 0024).
 *
 * Usage — columns and rows, nothing else:
 *
 *   const columns: ExportColumn<Owner>[] = [
 *     { header: '姓名', kind: 'text', width: 12, value: (o) => o.name },
 *     { header: '入住日期', kind: 'date', value: (o) => o.moveInDate },      // 'YYYY-MM-DD'
 *     { header: '登记时间', kind: 'datetime', value: (o) => o.createdAt },   // an ISO instant, written in the row's zone
 *     { header: '满意率', kind: 'percent', value: (o) => o.rate },           // 0..1, shown 0.0%
 *   ];
 *   const table = { title: '业主名单', columns, rows: ownersOf(...) };     // rows: an (async) iterable, read once
 *   // the route: sendTableExport(reply, deps, actor, { table, format, audit: { table: 'owners', filters } })
 *
 * The .xlsx is streamed (zip-stream.ts): a row is written and forgotten, so 100,000 rows never sit in
 * memory. It has real cells — numbers, dates and times as Excel dates in the local time the console
 * shows (Asia/Shanghai unless a row's project says otherwise), rates as percentages —, a bold frozen
 * header row with a filter, and column widths. Text is never a formula: every text cell is a string,
 * and one that starts like a formula (= + - @, tab, CR, LF, or their full-width forms) carries Excel's
 * quotePrefix style, so that even editing it leaves it text; in CSV such a field gets a leading
 * apostrophe (the OWASP advice). CSV is UTF-8 with a byte-order mark (Excel then reads Chinese).
 */

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';
export type CellValue = string | number | null | undefined;

export interface ExportColumn<R> {
  header: string;
  kind: ColumnKind;
  /** Excel's width in characters; a default by kind. */
  width?: number;
  /** text: any string; integer, decimal, percent (0..1): a number; date: 'YYYY-MM-DD'; datetime: an ISO instant. Empty: null. */
  value: (row: R) => CellValue;
}

export interface ExportTable<R> {
  /** The sheet's name (and the file's): at most 31 characters are kept. */
  title: string;
  columns: readonly ExportColumn<R>[];
  rows: AsyncIterable<R> | Iterable<R>;
  /** datetime cells: this row's time zone (its project's); default Asia/Shanghai. */
  timeZoneOf?: (row: R) => string | null | undefined;
  /** At most this many rows (default EXPORT_MAX_ROWS); a table cut there ends with `truncatedNote`, in the reader's language. */
  maxRows?: number;
  truncatedNote?: string;
}

export type ExportFormat = 'xlsx' | 'csv';

/** What a written export held (for the audit log), complete once its bytes have all been read. */
export interface ExportProgress {
  rows: number;
  truncated: boolean;
}

/** Below Excel's 1,048,576 rows a sheet: beyond this a table is cut and says so. */
export const EXPORT_MAX_ROWS = 1_000_000;
export const DEFAULT_EXPORT_ZONE = 'Asia/Shanghai';
/** Excel's limit of a cell's text. */
const CELL_TEXT_MAX = 32_767;
/** Rows are written in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/** Text Excel (or another spreadsheet) could take for a formula when it is opened or edited. */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/** The file's bytes, in order; `progress` counts the rows as they are written. */
export function encodeTable<R>(format: ExportFormat, table: ExportTable<R>, progress: ExportProgress): AsyncGenerator<Buffer> {
  return format === 'csv' ? csvBytes(table, progress) : xlsxBytes(table, progress);
}

// --- time ---------------------------------------------------------------------------------------------

const clocks = new Map<string, LocalClock>();
function clockOf(zone: string | null | undefined): LocalClock {
  const name = zone || DEFAULT_EXPORT_ZONE;
  let clock = clocks.get(name);
  if (!clock) clocks.set(name, (clock = new LocalClock(name)));
  return clock;
}
const DAY_MS = 86_400_000;
/** Days from Excel's epoch (1899-12-30) to 1970-01-01. */
const EXCEL_UNIX_DAYS = 25_569;

/** An instant's local wall time in ms since 1970 as if it were UTC (what Excel's serial days count). */
function localMs(iso: string, zone: string | null | undefined): number | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return at + clockOf(zone).offsetAt(at);
}
function dateMs(date: string): number | null {
  const at = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(at) ? null : at;
}

// --- xlsx ---------------------------------------------------------------------------------------------

/** Cell styles (cellXfs of STYLES_XML, by index). */
const STYLE = { plain: 0, header: 1, inertText: 2, datetime: 3, date: 4, percent: 5, integer: 6, decimal: 7 } as const;
const NUMBER_STYLE: Record<Exclude<ColumnKind, 'text'>, number> = {
  integer: STYLE.integer,
  decimal: STYLE.decimal,
  percent: STYLE.percent,
  date: STYLE.date,
  datetime: STYLE.datetime,
};
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 16, integer: 10, decimal: 10, percent: 10, date: 12, datetime: 17 };

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES_XML =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';
const ROOT_RELS_XML =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';
const WORKBOOK_RELS_XML =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  '</Relationships>';
const FONT = '<sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/>';
/** The cellXfs are in the order of STYLE. */
const STYLES_XML =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>' +
  `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>` +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="8">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function workbookXml(sheetName: string): string {
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>` +
    `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`
  );
}

/** A sheet's name: no []:*?/\ and at most 31 characters (Excel's rules). */
export function sheetNameOf(title: string): string {
  return (
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}

/** Column letters: A … Z, AA … */
function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Characters XML 1.0 does not allow, and lone surrogates: dropped from a cell's text. */
// eslint-disable-next-line no-control-regex -- exactly the control characters XML forbids
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(XML_SPECIAL, (c) => XML_ENTITY[c]!);
}

function textCell(ref: string, text: string, style: number = STYLE.plain): string {
  const t = text.length > CELL_TEXT_MAX ? text.slice(0, CELL_TEXT_MAX) : text;
  const s = style !== STYLE.plain ? style : looksLikeFormula(t) ? STYLE.inertText : STYLE.plain;
  const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${escapeXml(t)}</t></is></c>`;
}

function xlsxCell<R>(column: ExportColumn<R>, ref: string, value: CellValue, zone: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (column.kind === 'text') return textCell(ref, String(value));
  let serial: number | null;
  if (column.kind === 'datetime') {
    const ms = typeof value === 'string' ? localMs(value, zone) : null;
    serial = ms === null ? null : ms / DAY_MS + EXCEL_UNIX_DAYS;
  } else if (column.kind === 'date') {
    const ms = typeof value === 'string' ? dateMs(value) : null;
    serial = ms === null ? null : ms / DAY_MS + EXCEL_UNIX_DAYS;
  } else serial = typeof value === 'number' && Number.isFinite(value) ? value : null;
  // a value that is not what its column says is written as the text it is, never dropped
  if (serial === null) return textCell(ref, String(value));
  return `<c r="${ref}" s="${NUMBER_STYLE[column.kind]}"><v>${serial}</v></c>`;
}

async function* sheetXml<R>(table: ExportTable<R>, progress: ExportProgress): AsyncGenerator<Buffer> {
  const { columns } = table;
  const letters = columns.map((_, i) => columnLetter(i));
  const widths = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? DEFAULT_WIDTH[c.kind]}" customWidth="1"/>`).join('');
  let out =
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths}</cols><sheetData>` +
    `<row r="1">${columns.map((c, i) => textCell(`${letters[i]}1`, c.header, STYLE.header)).join('')}</row>`;
  let rowNumber = 1;
  for await (const row of table.rows) {
    if (progress.rows >= (table.maxRows ?? EXPORT_MAX_ROWS)) {
      progress.truncated = true;
      break;
    }
    rowNumber += 1;
    progress.rows += 1;
    const zone = table.timeZoneOf?.(row);
    out += `<row r="${rowNumber}">`;
    for (let i = 0; i < columns.length; i++) out += xlsxCell(columns[i]!, `${letters[i]}${rowNumber}`, columns[i]!.value(row), zone);
    out += '</row>';
    if (out.length >= CHUNK_CHARS) {
      yield Buffer.from(out, 'utf8');
      out = '';
    }
  }
  if (progress.truncated && table.truncatedNote) {
    rowNumber += 1;
    out += `<row r="${rowNumber}">${textCell(`A${rowNumber}`, table.truncatedNote)}</row>`;
  }
  out += `</sheetData><autoFilter ref="A1:${letters[letters.length - 1]}${Math.max(rowNumber, 1)}"/></worksheet>`;
  yield Buffer.from(out, 'utf8');
}

function xlsxBytes<R>(table: ExportTable<R>, progress: ExportProgress): AsyncGenerator<Buffer> {
  return zipStream([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES_XML) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS_XML) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbookXml(sheetNameOf(table.title))) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS_XML) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES_XML) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml(table, progress) },
  ]);
}

// --- csv ----------------------------------------------------------------------------------------------

/** A CSV field: a formula-like text gets a leading apostrophe; quoted when it holds a comma, quote or line break (or that apostrophe). */
export function csvField(text: string): string {
  const inert = looksLikeFormula(text) ? `'${text}` : text;
  return /[",\r\n']/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

function csvValue<R>(column: ExportColumn<R>, value: CellValue, zone: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') {
    if (column.kind === 'percent') return `${(value * 100).toFixed(1)}%`;
    return String(value);
  }
  if (column.kind === 'datetime') {
    const ms = localMs(value, zone);
    if (ms !== null) return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }
  return csvField(value);
}

async function* csvBytes<R>(table: ExportTable<R>, progress: ExportProgress): AsyncGenerator<Buffer> {
  const { columns } = table;
  let out = '\uFEFF' + columns.map((c) => csvField(c.header)).join(',') + '\r\n';
  for await (const row of table.rows) {
    if (progress.rows >= (table.maxRows ?? EXPORT_MAX_ROWS)) {
      progress.truncated = true;
      break;
    }
    progress.rows += 1;
    const zone = table.timeZoneOf?.(row);
    out += columns.map((c) => csvValue(c, c.value(row), zone)).join(',') + '\r\n';
    if (out.length >= CHUNK_CHARS) {
      yield Buffer.from(out, 'utf8');
      out = '';
    }
  }
  if (progress.truncated && table.truncatedNote) out += csvField(table.truncatedNote) + '\r\n';
  yield Buffer.from(out, 'utf8');
}
