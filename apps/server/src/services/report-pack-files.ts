import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type { MonthlyPack } from '@guanjia/api-contract';
import { SPECIALTY_LABELS, type Locale, type Specialty } from '@guanjia/vocabulary';
import { loadExcel } from './excel.ts';

/**
 * The monthly report pack as files (issue 16 item 1): the same sections laid out as tables, written
 * as an .xlsx workbook (one sheet per section, typed cells: counts as numbers, rates as percentages)
 * or as a printable PDF (A4 landscape, the tables with their headers repeated on each page), in the
 * reader's language. The PDF embeds the subset of Noto Sans SC (SIL OFL) its text uses.
 */

type Kind = 'text' | 'integer' | 'percent' | 'decimal';
type Cell = string | number | null;
export interface PackTable {
  title: string;
  columns: { header: string; kind: Kind; width: number }[];
  rows: Cell[][];
}

const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

/** The pack's sections as tables: the workbook's sheets and the PDF's sections, the same cells. */
export function packTables(pack: MonthlyPack, lang: Locale): PackTable[] {
  const p = (zh: string, en: string) => pick(lang, zh, en);
  const kpiColumns = (first: string): PackTable['columns'] => [
    { header: first, kind: 'text', width: 16 },
    { header: p('按时', 'Met'), kind: 'integer', width: 8 },
    { header: p('超时', 'Breached'), kind: 'integer', width: 8 },
    { header: p('沟通及时率', 'Timeliness'), kind: 'percent', width: 11 },
    { header: p('结案数', 'Closed'), kind: 'integer', width: 8 },
    { header: p('非物业范围', 'Out of scope'), kind: 'integer', width: 10 },
    { header: p('曾重开', 'Reopened'), kind: 'integer', width: 8 },
    { header: p('问题处理成功率', 'Resolution success'), kind: 'percent', width: 13 },
    { header: p('工单满意率', 'Per-case satisfaction'), kind: 'percent', width: 11 },
    { header: p('平均评分', 'Average rating'), kind: 'decimal', width: 9 },
  ];
  const kpiRow = (r: MonthlyPack['total']): Cell[] => [
    r.name,
    r.met,
    r.breached,
    r.timelinessRate,
    r.closed,
    r.outOfScope,
    r.reopened,
    r.successRate,
    r.satisfactionRate,
    r.averageRating,
  ];
  const survey = pack.survey;
  const summary: PackTable = {
    title: p('概览', 'Summary'),
    columns: [
      { header: p('指标', 'Measure'), kind: 'text', width: 26 },
      { header: p('数值', 'Value'), kind: 'text', width: 30 },
    ],
    rows: [
      [p('管理处', 'Project'), pack.projectName],
      [p('月份', 'Month'), pack.month],
      [p('沟通及时率', 'Communication timeliness'), rateText(pack.total.timelinessRate)],
      [p('按时 / 超时（时限）', 'Met / breached (clocks)'), `${pack.total.met} / ${pack.total.breached}`],
      [p('问题处理成功率', 'Resolution success'), rateText(pack.total.successRate)],
      [p('结案 / 非物业范围 / 曾重开', 'Closed / out of scope / reopened'), `${pack.total.closed} / ${pack.total.outOfScope} / ${pack.total.reopened}`],
      [p('工单满意率', 'Per-case satisfaction'), rateText(pack.total.satisfactionRate)],
      [p('业主满意度（调查）', 'Owner satisfaction (survey)'), survey ? `${rateText(survey.rate)} · ${survey.title} · ${survey.answers}` : '—'],
      [p('满意度目标', 'Satisfaction target'), survey ? rateText(survey.target) : '—'],
      [p('回访 应回访 / 已回访 / 未接通 / 不满意', 'Callbacks due / done / unreachable / not satisfied'), Object.values(pack.callbacks).join(' / ')],
      [p('走访 计划 / 完成', 'Visits planned / done'), `${pack.visits.planned} / ${pack.visits.done}`],
    ],
  };
  const statusText = (s: string) => ({ planned: p('进行中', 'In progress'), overdue: p('逾期', 'Overdue'), done: p('已完成', 'Done') })[s] ?? s;
  const verifiedText = (effective: boolean | null) =>
    effective === null ? '' : effective ? p('已验证·有效', 'Verified: effective') : p('已验证·无效', 'Verified: not effective');
  const causeRows: Cell[][] = pack.causes.flatMap((c) => {
    const head = [c.rank, c.category ?? p('未分类', 'Uncategorized'), c.count, c.share, c.main ? p('主要原因', 'Main cause') : ''];
    if (!c.measures.length) return [[...head, c.main ? p('未制定措施', 'No measure yet') : '', '', '', '', '', '']];
    return c.measures.map((m) => [...head, m.measure, m.responsibleName, m.dueDate, statusText(m.status), m.resultNote ?? '', verifiedText(m.effective)]);
  });
  const tables: PackTable[] = [
    summary,
    { title: p('按员工', 'By staff'), columns: kpiColumns(p('员工', 'Staff member')), rows: pack.byStaff.map(kpiRow) },
    { title: p('按部门', 'By department'), columns: kpiColumns(p('部门', 'Department')), rows: pack.byDepartment.map(kpiRow) },
    { title: p('近十二个月趋势', 'Twelve-month trend'), columns: kpiColumns(p('月份', 'Month')), rows: pack.trend.map(kpiRow) },
    {
      title: p('投诉原因与纠正措施', 'Complaint causes and measures'),
      columns: [
        { header: p('排名', 'Rank'), kind: 'integer', width: 6 },
        { header: p('原因', 'Cause'), kind: 'text', width: 14 },
        { header: p('件数', 'Complaints'), kind: 'integer', width: 8 },
        { header: p('占比', 'Share'), kind: 'percent', width: 8 },
        { header: p('主要原因', 'Main'), kind: 'text', width: 10 },
        { header: p('纠正措施', 'Corrective measure'), kind: 'text', width: 30 },
        { header: p('责任人', 'Responsible'), kind: 'text', width: 10 },
        { header: p('完成期限', 'Due'), kind: 'text', width: 11 },
        { header: p('状态', 'Status'), kind: 'text', width: 8 },
        { header: p('结果', 'Result'), kind: 'text', width: 20 },
        { header: p('效果验证', 'Verification'), kind: 'text', width: 12 },
      ],
      rows: causeRows,
    },
  ];
  if (pack.inspections)
    tables.push({
      title: p('检查结果', 'Inspection results'),
      columns: [
        { header: p('专业', 'Specialty'), kind: 'text', width: 12 },
        { header: p('检查次数', 'Checks'), kind: 'integer', width: 8 },
        { header: p('得分率', 'Score'), kind: 'percent', width: 8 },
        { header: p('不合格项', 'Defects'), kind: 'integer', width: 8 },
        { header: p('严重', 'Serious'), kind: 'integer', width: 8 },
        { header: p('员工造成', 'Caused by staff'), kind: 'integer', width: 9 },
        { header: p('按期关闭', 'Closed on time'), kind: 'integer', width: 9 },
        { header: p('逾期关闭', 'Closed late'), kind: 'integer', width: 9 },
        { header: p('逾期未关', 'Open, overdue'), kind: 'integer', width: 9 },
      ],
      rows: pack.inspections.map((l) => [
        SPECIALTY_LABELS[l.specialty as Specialty]?.[lang === 'en' ? 1 : 0] ?? l.specialty,
        l.checks,
        l.scorePercent === null ? null : l.scorePercent / 100,
        l.defects,
        l.serious,
        l.causedByStaff,
        l.closedOnTime,
        l.closedLate,
        l.openOverdue,
      ]),
    });
  return tables;
}

function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function cellText(value: Cell, kind: Kind): string {
  if (value === null || value === '') return kind === 'text' ? '' : '—';
  if (kind === 'percent' && typeof value === 'number') return rateText(value);
  if (kind === 'decimal' && typeof value === 'number') return value.toFixed(2);
  return String(value);
}

const NUMBER_FORMATS: Record<Exclude<Kind, 'text'>, string> = { integer: '0', percent: '0.0%', decimal: '0.00' };

/** The pack as a workbook: a sheet per table, a bold frozen header, numbers and percentages as numbers. */
export async function packWorkbook(tables: readonly PackTable[]): Promise<Buffer> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  for (const t of tables) {
    const sheet = book.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = t.columns.map((c) => ({ header: c.header, width: c.width + 4 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      // text is never a formula: ExcelJS writes strings as strings
      const added = sheet.addRow(row.map((v) => (v === null ? null : v)));
      t.columns.forEach((c, i) => {
        if (c.kind !== 'text') added.getCell(i + 1).numFmt = NUMBER_FORMATS[c.kind];
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const require = createRequire(import.meta.url);
/** Noto Sans SC (SIL Open Font License), shipped as an npm package; pdfkit embeds the glyphs used. */
const FONT = () => require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
let parsedFont: Promise<Font> | undefined;
/**
 * The font read and parsed once per process (10 MB; its glyphs are parsed as first used and kept): each
 * PDF then takes only its own subset. Reading and parsing it for every pack cost 40–130 ms a PDF.
 */
const font = () =>
  (parsedFont ??= (async () => {
    const fontkit = await import('fontkit');
    return fontkit.create(readFileSync(FONT())) as Font;
  })());

/** The pack as a printable PDF: A4 landscape, a title, then each table with its header repeated on every page. */
export async function packPdf(pack: MonthlyPack, tables: readonly PackTable[], lang: Locale): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `${pack.projectName} ${pack.month}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  // pdfkit also takes a parsed fontkit font (PDFFontFactory.open), which its types do not list
  doc.font((await font()) as unknown as Uint8Array);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc.fontSize(16).text(pick(lang, `${pack.projectName} ${pack.month} 月度报告`, `${pack.projectName} — monthly report ${pack.month}`), { align: 'left' });
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(
      pick(
        lang,
        `生成于 ${pack.generatedAt}（按管理处当地日期 ${pack.from} 至 ${pack.to}，不含）`,
        `Generated ${pack.generatedAt} (local dates ${pack.from} to ${pack.to}, exclusive)`,
      ),
    )
    .fillColor('#000');
  const rowHeight = 15;
  for (const t of tables) {
    const total = t.columns.reduce((a, c) => a + c.width, 0);
    const widths = t.columns.map((c) => (c.width / total) * width);
    const header = () => {
      let x = left;
      const y = doc.y;
      doc.rect(left, y, width, rowHeight).fill('#e8eef5').fillColor('#000');
      doc.fontSize(8);
      t.columns.forEach((c, i) => {
        doc.text(c.header, x + 3, y + 3, { width: widths[i]! - 6, height: rowHeight - 3, lineBreak: false, ellipsis: true });
        x += widths[i]!;
      });
      doc.y = y + rowHeight;
    };
    if (doc.y + rowHeight * 4 > bottom()) doc.addPage();
    doc.moveDown(0.8);
    doc.x = left;
    doc.fontSize(11).text(t.title, left, doc.y);
    doc.moveDown(0.2);
    header();
    if (!t.rows.length) {
      doc
        .fontSize(8)
        .fillColor('#777')
        .text(pick(lang, '（无）', '(none)'), left + 3, doc.y + 3)
        .fillColor('#000');
      continue;
    }
    t.rows.forEach((row, r) => {
      if (doc.y + rowHeight > bottom()) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      if (r % 2 === 1) doc.rect(left, y, width, rowHeight).fill('#f7f7f7').fillColor('#000');
      let x = left;
      doc.fontSize(8);
      t.columns.forEach((c, i) => {
        doc.text(cellText(row[i] ?? null, c.kind), x + 3, y + 3, {
          width: widths[i]! - 6,
          height: rowHeight - 3,
          lineBreak: false,
          ellipsis: true,
          align: c.kind === 'text' ? 'left' : 'right',
        });
        x += widths[i]!;
      });
      doc.y = y + rowHeight;
    });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
