import { APPRAISAL_MEASURE_LABELS, APPRAISAL_STATUS_LABELS } from '@guanjia/vocabulary';

/** The texts of 员工考核 (issue 16 item 2): zh-CN first, English second; the vocabulary's labels for measures and steps. */
const TEXT = {
  menu: ['员工考核', 'Appraisals'],
  mine: ['我的考核', 'My appraisals'],
  sheets: ['考核表', 'Appraisal sheets'],
  weights: ['权重设置', 'Weights'],
  newSheet: ['制作考核表', 'Draw up a sheet'],
  draw: ['制作', 'Draw up'],
  cancel: ['取消', 'Cancel'],
  staff: ['员工', 'Staff'],
  department: ['部门', 'Department'],
  month: ['考核月份', 'Month'],
  period: ['考核期间', 'Period'],
  score: ['总分', 'Score'],
  status: ['状态', 'Status'],
  allStatuses: ['全部状态', 'All statuses'],
  open: ['查看', 'Open'],
  none: ['暂无考核表', 'No appraisal sheets'],
  drawnBy: ['制表人', 'Drawn up by'],
  drawnAt: ['制表时间', 'Drawn up at'],
  item: ['项目', 'Item'],
  figures: ['数据', 'Figures'],
  value: ['得分率', 'Measure'],
  weight: ['权重', 'Weight'],
  share: ['占比', 'Share'],
  points: ['得分', 'Points'],
  noData: ['无数据，不计', 'No data, left out'],
  noScore: ['无数据', 'No data'],
  comment: ['主管评语', 'Supervisor’s comment'],
  commentedBy: ['评语人', 'Commented by'],
  writeComment: ['提交评语', 'Save comment'],
  commented: ['评语已提交', 'Comment saved'],
  acknowledge: ['确认', 'Acknowledge'],
  acknowledged: ['已确认', 'Acknowledged'],
  acknowledgedAt: ['本人确认', 'Acknowledged by the person'],
  notYet: ['未确认', 'Not yet'],
  export: ['导出 Excel', 'Export Excel'],
  drawn: ['考核表已制作', 'Sheet drawn up'],
  frozen: ['数据为制表时统计，之后不再变动', 'Figures as counted when the sheet was drawn up'],
  weightsHint: [
    '各项权重为 0–100 的整数，只看比例；某项无数据时不计，其余按比例补足。服务忌语与员工造成的不合格项达到上限时该项为 0 分。',
    'Whole numbers 0–100; only their proportions count. A measure without data is left out and the others make up the whole. Overrides and staff-caused defects reach 0 at their allowance.',
  ],
  languageAllowance: ['服务忌语上限（次）', 'Service-language allowance'],
  defectAllowance: ['员工造成不合格项上限（项）', 'Staff-caused defect allowance'],
  save: ['保存', 'Save'],
  saved: ['权重已保存', 'Weights saved'],
  isDefault: ['当前为系统默认权重', 'The defaults are in use'],
  updated: ['{who} 于 {at} 修改', 'Changed by {who} at {at}'],
} as const;

export type AppraisalTextKey = keyof typeof TEXT;
const pick = (lang: string) => (lang === 'en' ? 1 : 0);

export function at(key: AppraisalTextKey, lang: string, vars: Record<string, string | number> = {}): string {
  return TEXT[key][pick(lang)].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

const label = (table: Readonly<Record<string, readonly [string, string]>>) => (key: string, lang: string) => table[key]?.[pick(lang)] ?? '—';
export const measureText = label(APPRAISAL_MEASURE_LABELS);
export const appraisalStatusText = label(APPRAISAL_STATUS_LABELS);
