import {
  CALLBACK_FOLLOW_UP_LABELS,
  CALLBACK_MODE_LABELS,
  CALLBACK_RESULT_LABELS,
  CALLBACK_SOURCE_LABELS,
  CALLBACK_STATUS_LABELS,
  CALLBACK_VERDICT_LABELS,
  type Locale,
} from '@guanjia/vocabulary';

/** The texts of the 回访 page (issue 14 item 1): zh-CN first, English second. Words of the vocabulary come from its label tables. */
const TEXT = {
  callbacks: ['回访', 'Callbacks'],
  queue: ['回访队列', 'Callback queue'],
  project: ['项目', 'Project'],
  status: ['状态', 'Status'],
  source: ['来源', 'Source'],
  allSources: ['全部来源', 'All sources'],
  caseNo: ['工单号', 'Case'],
  title: ['标题', 'Title'],
  unit: ['房屋', 'Unit'],
  dueAt: ['回访时限', 'Due'],
  atRisk: ['即将超时', 'At risk'],
  overdue: ['已超时', 'Overdue'],
  attempts: ['已拨打', 'Attempts'],
  nextAttempt: ['下次可拨打', 'Next try from'],
  outcome: ['结果', 'Outcome'],
  open: ['回访', 'Call'],
  nothing: ['没有待回访的', 'Nothing to call'],
  record: ['回访记录表', 'Callback record'],
  caseSummary: ['工单概要', 'The case'],
  description: ['工单内容', 'Description'],
  reached: ['是否接通', 'Reached'],
  yes: ['已接通', 'Reached'],
  no: ['未接通', 'Not reached'],
  quality: ['维修质量', 'Quality'],
  attitude: ['服务态度', 'Attitude'],
  result: ['处理结果', 'Result'],
  ownerWords: ['业主原话', 'The owner’s words'],
  note: ['备注', 'Note'],
  followUp: ['不满意的跟进', 'Follow-up of 不满意'],
  save: ['保存回访记录', 'Save the record'],
  saved: ['回访记录已保存', 'Record saved'],
  retryAt: ['未接通：下次可在 {time} 之后再拨打', 'Not reached: try again from {time}'],
  unreachable: ['已三次未接通，标记为无法联系', 'Not reached three times: unreachable'],
  notSatisfiedHint: [
    '不满意不会结案：请选择返工或转投诉，客服主管会收到提醒',
    'Not satisfied never closes: choose rework or a complaint; the service supervisor is alerted',
  ],
  attempt: ['第 {n} 次', 'Attempt {n}'],
  history: ['拨打记录', 'Calls'],
  openCase: ['查看工单', 'Open the case'],
  followUpCase: ['已转投诉', 'Complaint opened'],
  settings: ['回访设置（按报修类别）', 'Callback settings (per repair category)'],
  category: ['报修类别', 'Repair category'],
  mode: ['回访方式', 'Setting'],
  addCategory: ['添加类别', 'Add a category'],
  settingSaved: ['设置已保存', 'Setting saved'],
  monthly: ['品质部月度回访', 'Quality monthly callbacks'],
  month: ['月份', 'Month'],
  fill: ['生成该月回访名单', 'Fill the month’s list'],
  filled: ['已生成 {n} 条回访', '{n} callbacks added'],
  assignee: ['回访人', 'Caller'],
  unassigned: ['未分派', 'Unassigned'],
  mine: ['只看我的', 'Mine only'],
  reassign: ['改派', 'Reassign'],
  reassignTo: ['改派给', 'Give to'],
  reassignReason: ['改派原因', 'Reason'],
  reassigned: ['已改派', 'Reassigned'],
  reassignments: ['改派记录', 'Reassignments'],
  moved: ['{by} 于 {at} 从 {from} 改派给 {to}：{reason}', '{by} moved it from {from} to {to} at {at}: {reason}'],
} as const satisfies Record<string, readonly [string, string]>;

export type CallbackTextKey = keyof typeof TEXT;

export function ct(key: CallbackTextKey, lang: Locale, vars: Record<string, string | number> = {}): string {
  const text: string = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const label = {
  source: (k: keyof typeof CALLBACK_SOURCE_LABELS, lang: Locale) => CALLBACK_SOURCE_LABELS[k][lang],
  status: (k: keyof typeof CALLBACK_STATUS_LABELS, lang: Locale) => CALLBACK_STATUS_LABELS[k][lang],
  verdict: (k: keyof typeof CALLBACK_VERDICT_LABELS, lang: Locale) => CALLBACK_VERDICT_LABELS[k][lang],
  result: (k: keyof typeof CALLBACK_RESULT_LABELS, lang: Locale) => CALLBACK_RESULT_LABELS[k][lang],
  followUp: (k: keyof typeof CALLBACK_FOLLOW_UP_LABELS, lang: Locale) => CALLBACK_FOLLOW_UP_LABELS[k][lang],
  mode: (k: keyof typeof CALLBACK_MODE_LABELS, lang: Locale) => CALLBACK_MODE_LABELS[k][lang],
};
