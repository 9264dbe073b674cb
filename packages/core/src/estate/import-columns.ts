import {
  IMPORT_KINDS,
  OWNER_GRADE_LABELS,
  OWNER_GRADES,
  RELATION_LABELS,
  ROLE_LABELS,
  STAFF_ROLES,
  UNIT_RELATIONS,
  type ImportKind,
} from '@guanjia/vocabulary';

/**
 * The columns of each import (issue 12): what our templates write as headers, what a user's own
 * spreadsheet may call them (Chinese and English), which are required, and the closed values a
 * dropdown offers. Pure data and the header guess; the reading of cells is cell-values.ts.
 */
export { IMPORT_KINDS, type ImportKind };

export interface ClosedValue {
  value: string;
  /** What the template's dropdown shows and the dry run reads (Chinese). */
  label: string;
}

export interface ImportColumn {
  key: string;
  /** The template's header (zh-CN). */
  header: string;
  required: boolean;
  /** Other headers meaning the same column (a user's own spreadsheet), compared after normalizeHeader. */
  synonyms: readonly string[];
  /** Closed values (a dropdown in the template); a cell must be one of their labels or values. */
  values?: readonly ClosedValue[];
  /** The instruction sheet's line for this column. */
  note: string;
  example: string;
}

const labelsOf = <V extends string>(values: readonly V[], labels: Record<V, [string, string]>): ClosedValue[] =>
  values.map((value) => ({ value, label: labels[value][0] }));

const PROJECT: ImportColumn = {
  key: 'project',
  header: '管理处',
  required: true,
  synonyms: ['项目', '项目名称', '小区', '小区名称', '楼盘', '管理处名称', 'project', 'estate'],
  note: '管理处（项目）的名称或编号，须已在系统中建立',
  example: '翠湖花园',
};
const UNIT_LABEL: ImportColumn = {
  key: 'unitLabel',
  header: '房屋',
  required: false,
  synonyms: ['房屋地址', '房产', '完整房号', '房屋编号', '房间', '门牌', 'address', 'unit label'],
  note: '整体写法，如 1栋2单元301、1-2-301、1#2-301；填了它可不填楼栋、单元、房号',
  example: '',
};
const BUILDING: ImportColumn = {
  key: 'building',
  header: '楼栋',
  required: false,
  synonyms: ['楼号', '栋', '栋号', '幢', '楼宇', '楼栋名称', 'building', 'block'],
  note: '楼栋名称或编号，如 1栋、A座',
  example: '1栋',
};
const ENTRANCE: ImportColumn = {
  key: 'entrance',
  header: '单元',
  required: false,
  synonyms: ['单元号', 'entrance'],
  note: '单元号，没有单元的楼栋留空',
  example: '2',
};
const ROOM: ImportColumn = {
  key: 'room',
  header: '房号',
  required: false,
  synonyms: ['房间号', '室', '房号名称', 'room', 'unit', 'unit no', 'room no'],
  note: '房号，如 301',
  example: '301',
};

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  units: [
    PROJECT,
    { ...BUILDING, required: true },
    ENTRANCE,
    { ...ROOM, required: true },
    { key: 'floor', header: '楼层', required: false, synonyms: ['层', '所在楼层', 'floor'], note: '整数，地下层为负数', example: '3' },
    {
      key: 'areaSqm',
      header: '建筑面积',
      required: false,
      synonyms: ['面积', '建筑面积(㎡)', '建筑面积（平方米）', 'area', 'area sqm'],
      note: '平方米，数字',
      example: '89.5',
    },
    {
      key: 'kind',
      header: '房屋类型',
      required: false,
      synonyms: ['类型', '用途', 'kind', 'type'],
      values: [
        { value: 'indoor', label: '户内' },
        { value: 'public_area', label: '公共区域' },
      ],
      note: '户内 或 公共区域，留空为户内',
      example: '户内',
    },
  ],
  owners: [
    PROJECT,
    UNIT_LABEL,
    BUILDING,
    ENTRANCE,
    ROOM,
    {
      key: 'name',
      header: '业主姓名',
      required: true,
      synonyms: ['姓名', '客户姓名', '客户名称', '住户姓名', '业主', 'name', 'owner'],
      note: '',
      example: '王芳',
    },
    {
      key: 'relation',
      header: '身份',
      required: false,
      synonyms: ['关系', '与房屋关系', '业主类型', 'relation'],
      values: labelsOf(UNIT_RELATIONS, RELATION_LABELS),
      note: '产权人 或 使用人，留空为产权人',
      example: '产权人',
    },
    {
      key: 'primary',
      header: '主业主',
      required: false,
      synonyms: ['是否主业主', '主要联系人', 'primary'],
      values: [
        { value: 'yes', label: '是' },
        { value: 'no', label: '否' },
      ],
      note: '一套房屋只能有一位主业主；留空时，该房屋第一位产权人为主业主',
      example: '是',
    },
    {
      key: 'phone',
      header: '联系电话',
      required: false,
      synonyms: ['手机', '手机号', '手机号码', '电话', '联系方式', '移动电话', 'phone', 'mobile', 'tel'],
      note: '大陆手机号或带区号的固定电话',
      example: '13800138000',
    },
    { key: 'phone2', header: '备用电话', required: false, synonyms: ['其他电话', '电话2', '联系电话2', 'phone 2'], note: '', example: '' },
    {
      key: 'idNumber',
      header: '身份证号',
      required: false,
      synonyms: ['证件号码', '证件号', '身份证', '身份证号码', 'id number', 'id'],
      note: '18 位居民身份证号码，校验码须正确；加密保存，页面只显示掩码',
      example: '11010519491231002X',
    },
    {
      key: 'gender',
      header: '性别',
      required: false,
      synonyms: ['gender', 'sex'],
      values: [
        { value: 'male', label: '男' },
        { value: 'female', label: '女' },
      ],
      note: '',
      example: '女',
    },
    { key: 'birthday', header: '出生日期', required: false, synonyms: ['生日', 'birthday', 'date of birth'], note: '日期', example: '1985-06-01' },
    {
      key: 'moveInDate',
      header: '入住日期',
      required: false,
      synonyms: ['交房日期', '收房日期', '入伙日期', 'move-in date', 'move in date'],
      note: '日期',
      example: '2024-03-15',
    },
    {
      key: 'grade',
      header: '客户等级',
      required: false,
      synonyms: ['客户分级', '分级', '等级', '业主等级', 'grade'],
      values: labelsOf(OWNER_GRADES, OWNER_GRADE_LABELS),
      note: '留空为普通',
      example: '普通',
    },
    { key: 'email', header: '电子邮箱', required: false, synonyms: ['邮箱', 'email', 'e-mail'], note: '', example: '' },
    {
      key: 'specialNeeds',
      header: '特殊需求',
      required: false,
      synonyms: ['特殊关怀', '特殊人群', 'special needs'],
      note: '如 独居老人、行动不便',
      example: '',
    },
    { key: 'notes', header: '备注', required: false, synonyms: ['说明', 'notes', 'remarks'], note: '', example: '' },
  ],
  staff: [
    { key: 'username', header: '登录账号', required: true, synonyms: ['账号', '用户名', 'username', 'login'], note: '字母、数字', example: 'zhangsan' },
    { key: 'name', header: '姓名', required: true, synonyms: ['员工姓名', 'name'], note: '', example: '张三' },
    { key: 'phone', header: '手机', required: false, synonyms: ['联系电话', '电话', '手机号', 'phone', 'mobile'], note: '', example: '13900139000' },
    { key: 'email', header: '电子邮箱', required: false, synonyms: ['邮箱', 'email'], note: '', example: '' },
    { key: 'department', header: '部门', required: false, synonyms: ['所属部门', 'department'], note: '部门名称或编号，须已建立', example: '客服中心' },
    {
      key: 'roles',
      header: '角色',
      required: true,
      synonyms: ['岗位', '职务', 'roles', 'role'],
      values: labelsOf(STAFF_ROLES, ROLE_LABELS),
      note: '一个或多个，用顿号或逗号分隔',
      example: '客服专员',
    },
    {
      key: 'projects',
      header: '所属管理处',
      required: false,
      synonyms: ['管理处', '项目', '负责项目', 'projects'],
      note: '一个或多个管理处，用顿号或逗号分隔；公司级人员留空',
      example: '翠湖花园',
    },
  ],
};

/** A header as compared: NFKC, lower case, no spaces, no marks such as *, (必填), ：. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*:：_\-./#]/g, '');
}

/**
 * Which of our columns each header of a user's spreadsheet is (by index; null: not ours). An exact
 * match of our header or a synonym wins; then a header that contains one of two characters or more
 * (客户姓名及称谓 → name), the longest first. Each column is given to one header only, the leftmost.
 */
export function guessColumnMapping(kind: ImportKind, headers: readonly string[], saved: Readonly<Record<string, string>> = {}): (string | null)[] {
  const columns = IMPORT_COLUMNS[kind];
  const names = columns.flatMap((c) => [c.header, ...c.synonyms].map((n) => ({ key: c.key, name: normalizeHeader(n) })));
  const taken = new Set<string>();
  const out: (string | null)[] = headers.map(() => null);
  const normalized = headers.map(normalizeHeader);
  // the organization's saved mapping first (its own column names, mapped once in the console)
  normalized.forEach((h, i) => {
    const key = saved[h];
    if (key === undefined || taken.has(key)) return;
    taken.add(key);
    if (key !== '') out[i] = key;
  });
  // a header saved as "not imported" ('') stays unmapped
  const ignored = new Set(normalized.filter((h) => saved[h] === ''));
  // exact names first, for every header, then containment: an exact 电话 is not taken by 联系电话2
  for (const exact of [true, false]) {
    normalized.forEach((h, i) => {
      if (out[i] !== null || h === '' || ignored.has(h)) return;
      const candidates = names
        .filter((n) => !taken.has(n.key) && (exact ? h === n.name : n.name.length >= 2 && h.includes(n.name)))
        .sort((a, b) => b.name.length - a.name.length);
      const chosen = candidates[0];
      if (chosen) {
        out[i] = chosen.key;
        taken.add(chosen.key);
      }
    });
  }
  return out;
}

/**
 * A mapping chosen in the console, checked: every key one of the kind's columns, none twice. Returns
 * the problems (the sheet's column index and why); empty when it can be used.
 */
export function mappingProblems(kind: ImportKind, mapping: readonly (string | null)[]): { index: number; reason: 'unknown_column' | 'duplicate_column' }[] {
  const keys = new Set(IMPORT_COLUMNS[kind].map((c) => c.key));
  const seen = new Set<string>();
  const problems: { index: number; reason: 'unknown_column' | 'duplicate_column' }[] = [];
  mapping.forEach((key, index) => {
    if (key === null) return;
    if (!keys.has(key)) problems.push({ index, reason: 'unknown_column' });
    else if (seen.has(key)) problems.push({ index, reason: 'duplicate_column' });
    seen.add(key);
  });
  return problems;
}

/** What the organization saves of a mapping chosen in the console: each named header → our key ('' for not imported). */
export function savedMappingOf(headers: readonly string[], mapping: readonly (string | null)[]): Record<string, string> {
  const saved: Record<string, string> = {};
  headers.forEach((header, i) => {
    const h = normalizeHeader(header);
    if (h !== '') saved[h] = mapping[i] ?? '';
  });
  return saved;
}

/** Which required columns a mapping leaves without a header. For owners and units, a unit label may stand for building and room. */
export function missingRequiredColumns(kind: ImportKind, mapping: readonly (string | null)[]): string[] {
  const mapped = new Set(mapping.filter((k): k is string => k !== null));
  const missing = IMPORT_COLUMNS[kind].filter((c) => c.required && !mapped.has(c.key)).map((c) => c.key);
  if (kind === 'owners' && !mapped.has('unitLabel') && !(mapped.has('building') && mapped.has('room'))) missing.push('unitLabel');
  return missing;
}

/** A closed value as a cell writes it: its Chinese label or its value (any case); undefined when neither. */
export function closedValueOf(column: ImportColumn, text: string): string | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  return column.values?.find((v) => v.label.toLowerCase() === t || v.value === t)?.value;
}
