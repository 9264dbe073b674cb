import { ESCALATION_KIND_LABELS, ESCALATION_SEVERITY_LABELS, ESCALATION_STATUS_LABELS } from '@guanjia/vocabulary';

/** The texts of 故障转呈 (issue 16 item 3): zh-CN first, English second; the vocabulary's labels for kinds, severities and steps. */
const TEXT = {
  menu: ['故障转呈', 'Escalations'],
  title: ['故障转呈单 / 工作联系函', 'Escalation forms and liaison letters'],
  newForm: ['新建转呈', 'New form'],
  send: ['转呈', 'Send'],
  sent: ['已转呈', 'Sent'],
  cancel: ['取消', 'Cancel'],
  kind: ['类型', 'Kind'],
  severity: ['严重程度', 'Severity'],
  subject: ['标题', 'Title'],
  problem: ['问题描述', 'Problem'],
  department: ['接收部门', 'Department'],
  requestedDate: ['要求回复日期', 'Requested response date'],
  cases: ['关联工单', 'Linked cases'],
  casesHint: ['选择引起此问题的本管理处工单（可不选）', 'Cases of this office that caused it (optional)'],
  status: ['状态', 'Status'],
  allStatuses: ['全部状态', 'All statuses'],
  allKinds: ['全部类型', 'All kinds'],
  lateOnly: ['只看逾期', 'Late only'],
  late: ['逾期未复', 'Late'],
  round: ['轮次', 'Round'],
  roundN: ['第 {n} 轮', 'Round {n}'],
  sentBy: ['转呈人', 'Sent by'],
  response: ['回复意见', 'Response'],
  feedbackAt: ['反馈日期', 'Feedback date'],
  respond: ['提交回复', 'Send response'],
  responded: ['已回复', 'Response sent'],
  verifyNote: ['验证意见（未修复时必填）', 'Verification note (required if not fixed)'],
  newDate: ['新的要求回复日期', 'New requested response date'],
  fixed: ['验证通过', 'Fixed'],
  notFixed: ['未修复，退回重办', 'Not fixed: send back'],
  verified: ['已验证', 'Verified'],
  reopened: ['已退回部门', 'Sent back'],
  verification: ['验证', 'Verification'],
  pastRounds: ['往轮记录', 'Earlier rounds'],
  none: ['暂无转呈单', 'No forms'],
  project: ['管理处', 'Office'],
} as const;

export type EscalationTextKey = keyof typeof TEXT;
const pick = (lang: string) => (lang === 'en' ? 1 : 0);

export function et(key: EscalationTextKey, lang: string, vars: Record<string, string | number> = {}): string {
  return TEXT[key][pick(lang)].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

const label = (table: Readonly<Record<string, readonly [string, string]>>) => (key: string, lang: string) => table[key]?.[pick(lang)] ?? '—';
export const kindText = label(ESCALATION_KIND_LABELS);
export const severityText = label(ESCALATION_SEVERITY_LABELS);
export const statusText = label(ESCALATION_STATUS_LABELS);
