import { IMPORT_COLUMNS, type ImportColumn, type ImportKind } from '@guanjia/core';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.ts';

/**
 * The downloadable .xlsx templates of the imports (issue 12, item 1): a data sheet with our Chinese
 * headers (required ones in red), frozen, its text columns formatted as text (so that a phone or an
 * ID number typed in keeps every digit), and a dropdown on every column with closed values; then an
 * instruction sheet: each column, whether it is required, what it takes, and an example row.
 */
export const TEMPLATE_TITLES: Record<ImportKind, string> = {
  units: '楼栋房屋导入模板',
  owners: '业主花名册导入模板',
  staff: '员工导入模板',
};
export const DATA_SHEET = '数据';
export const INSTRUCTION_SHEET = '填写说明';
/** Rows of the data sheet that get the dropdowns and text format. */
const TEMPLATE_ROWS = 20_000;
/** Columns whose values are codes or numbers people type but which must stay text. */
const TEXT_COLUMNS = new Set(['phone', 'phone2', 'idNumber', 'room', 'entrance', 'building', 'username']);

export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[kind];
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  workbook.creator = 'Guanjia';
  workbook.title = TEMPLATE_TITLES[kind];
  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((c) => ({ header: c.header, key: c.key, width: widthOf(c), style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {} }));
  const header = data.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = [c.required ? '必填' : '选填', c.note].filter(Boolean).join('：');
    if (!c.values) return;
    const letter = data.getColumn(i + 1).letter;
    const multiple = c.key === 'roles';
    withRangeValidations(data).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.values.map((v) => v.label).join(',')}"`],
      showErrorMessage: true,
      // several roles are written 客服专员、客服主管: the list only helps, it does not refuse
      errorStyle: multiple ? 'information' : 'stop',
      errorTitle: c.header,
      error: `可选：${c.values.map((v) => v.label).join('、')}`,
    });
  });

  const help = workbook.addWorksheet(INSTRUCTION_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'note', width: 60 },
    { header: '可选值', key: 'values', width: 40 },
    { header: '示例', key: 'example', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns)
    help.addRow({
      header: c.header,
      required: c.required ? '是' : '',
      note: c.note,
      values: c.values?.map((v) => v.label).join('、') ?? '',
      example: c.example,
    });
  help.addRow({});
  help.addRow({ header: '说明' }).font = { bold: true };
  for (const line of GENERAL_NOTES[kind]) help.addRow({ header: line });
  help.addRow({});
  help.addRow({ header: '填写示例（请在“数据”表中填写）' }).font = { bold: true };
  help.addRow(columns.map((c) => c.header)).font = { bold: true };
  help.addRow(columns.map((c) => c.example));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const GENERAL_NOTES: Record<ImportKind, readonly string[]> = {
  units: [
    '每行一套房屋；楼栋不存在时随房屋一起建立。',
    '同一管理处 + 楼栋 + 单元 + 房号 视为同一套房屋：再次导入只更新有变化的楼层、面积、类型，空白单元格不改动原值。',
    '先“预检”：系统逐行列出将新建、更新、跳过的房屋和每个问题，确认后再导入。',
  ],
  owners: [
    '每行一位业主与一套房屋；一位业主有多套房屋时写多行。',
    '按身份证号、或手机号加姓名、或同一房屋上的姓名识别同一位业主：再次导入同一文件不会重复建档。',
    '身份证号加密保存，任何页面与导出只显示掩码。',
    '不导入公式：请把公式单元格复制后“粘贴为数值”。',
  ],
  staff: ['每行一位员工；登录账号相同视为同一员工。', '部门与所属管理处须已在系统中建立。'],
};

/** exceljs keeps a sheet's validations by range (`dataValidations.add('F2:F20001', …)`); its typings declare only a cell's. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}
function withRangeValidations(sheet: ExcelJS.Worksheet): RangeValidations {
  return sheet as unknown as RangeValidations;
}

function widthOf(c: ImportColumn): number {
  return Math.min(40, Math.max(10, c.header.length * 2 + 4, (c.example?.length ?? 0) + 4));
}
