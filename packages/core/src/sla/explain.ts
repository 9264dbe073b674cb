import type { Locale } from '../i18n/messages.ts';
import type { ClockBasis, ClockKind } from './policies.ts';

/** Names of the clocks, as staff read them. */
export const CLOCK_LABELS: Record<ClockKind, Record<Locale, string>> = {
  first_reply: { 'zh-CN': '初次答复', en: 'First reply' },
  department_answer: { 'zh-CN': '部门答复', en: 'Department answer' },
  reply_to_owner: { 'zh-CN': '回复业主', en: 'Reply to the owner' },
  complaint_transfer: { 'zh-CN': '投诉转部门', en: 'Complaint transferred' },
  department_contact: { 'zh-CN': '部门联系业主', en: 'Department contacts the owner' },
  complaint_plan: { 'zh-CN': '处理方案', en: 'Resolution plan' },
  plan_approval: { 'zh-CN': '方案审批', en: 'Plan approval' },
  suggestion_feedback: { 'zh-CN': '建议评估反馈', en: 'Suggestion feedback' },
  repair_on_site: { 'zh-CN': '维修到场', en: 'Repair on site' },
  promised_time: { 'zh-CN': '承诺时间', en: 'Promised time' },
  owner_deadline: { 'zh-CN': '业主要求期限', en: 'Owner’s deadline' },
  department_commitment: { 'zh-CN': '部门承诺完成时间', en: 'Department commitment' },
};

/** Lateness in the clock's own units: "超时 40 个工作分钟" / "late by 40 working minutes". */
export function describeLateness(minutes: number, basis: ClockBasis, locale: Locale): string {
  const m = Math.round(minutes);
  if (locale === 'en') return `late by ${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'}`;
  return `超时 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}`;
}

/** Time left in the clock's own units: "还剩 25 分钟" / "25 working minutes left". */
export function describeRemaining(minutes: number, basis: ClockBasis, locale: Locale): string {
  const m = Math.max(0, Math.round(minutes));
  if (locale === 'en') return `${m} ${basis === 'working' ? 'working ' : ''}minute${m === 1 ? '' : 's'} left`;
  return `还剩 ${m} ${basis === 'working' ? '个工作分钟' : '分钟'}`;
}
