import type { Locale } from './locales.ts';

/** The clocks of SPEC §4 (时限). Their targets and rules are core's (sla/policies.ts). */
export const CLOCK_KINDS = [
  'first_reply', // 咨询：初次答复 15 分钟
  'department_answer', // 咨询：部门答复 4 小时
  'reply_to_owner', // 咨询：回复业主 30 分钟
  'complaint_transfer', // 投诉：转部门 10 分钟
  'department_contact', // 投诉：部门联系业主 2 小时
  'complaint_plan', // 投诉：处理方案 3 个工作日
  'plan_approval', // 投诉：部门负责人审批（我们的默认：1 个工作日）
  'suggestion_feedback', // 建议：可行性与方案 5 个工作日
  'repair_on_site', // 报修：特急 10 分钟，急 15 分钟，一般当天（或预约时间）
  'promised_time', // 首问负责人承诺的时间
  'owner_deadline', // 业主要求的期限
  'department_commitment', // 部门接单时承诺的完成时间
  'rework_on_site', // 报修返工：业主不满意后重新到场（同维修到场的等级时限）
  'rework_follow_up', // 报修返工后的专项回访 24 小时
  'quality_callback', // 公司级投诉结案后品质部回访
  'objection_reply', // 业主对法定公示的异议：3 日内答复
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** How the company ranks an owner (客户等级); SLA rules may narrow by it. */
export const CUSTOMER_GRADES = ['normal', 'member', 'vip', 'important'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];

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
  rework_on_site: { 'zh-CN': '返工到场', en: 'Rework on site' },
  rework_follow_up: { 'zh-CN': '返工专项回访', en: 'Rework follow-up' },
  quality_callback: { 'zh-CN': '品质部回访', en: 'Quality callback' },
  objection_reply: { 'zh-CN': '公示异议答复', en: 'Reply to an objection to a posting' },
};

/** Whom an overdue clock's escalation step reaches (升级至), in chain order (core's escalation chains use these). */
export const ESCALATION_STEPS = ['assignee', 'service_supervisor', 'department_head', 'office_manager', 'quality_department', 'leadership'] as const;
export type EscalationStepName = (typeof ESCALATION_STEPS)[number];
/** Whom a step falls through to when its whole chain is vacant: the company's administrators and leadership. */
export const ESCALATION_LAST_RESORT = 'company_administration' as const;
