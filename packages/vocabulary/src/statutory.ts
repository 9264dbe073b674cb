import type { Locale } from './locales.ts';

/**
 * Statutory postings (法定公示; 民法典 第943条): what a property-management company must post to the
 * owners, and how often (core's notices/statutory.ts holds the default schedule and its date rules).
 */
export const STATUTORY_SUBJECTS = [
  'fees_and_standards', // 收费项目和标准
  'public_income', // 公共部位经营收支
  'maintenance_fund', // 专项维修资金使用
  'contractors', // 专项服务委托
  'service_content', // 服务内容和质量标准
  'other', // 其他
] as const;
export type StatutorySubject = (typeof STATUTORY_SUBJECTS)[number];

export const STATUTORY_SUBJECT_LABELS: Record<StatutorySubject, Record<Locale, string>> = {
  fees_and_standards: { 'zh-CN': '收费项目和标准', en: 'Fees and their standards' },
  public_income: { 'zh-CN': '公共部位经营收支', en: 'Income and spending of the common areas' },
  maintenance_fund: { 'zh-CN': '专项维修资金使用情况', en: 'Use of the maintenance fund' },
  contractors: { 'zh-CN': '专项服务委托', en: 'Contracted special services' },
  service_content: { 'zh-CN': '服务内容和质量标准', en: 'Services and their quality standards' },
  other: { 'zh-CN': '其他公示', en: 'Other posting' },
};

/** Where a schedule stands at an instant: in time, within its warning days, or past its due date. */
export const STATUTORY_STATUSES = ['ok', 'due_soon', 'overdue'] as const;
export type StatutoryStatus = (typeof STATUTORY_STATUSES)[number];

/**
 * The category of the case an owner's objection to a posting becomes (业主异议: an inquiry with this
 * category; its reply clock is `objection_reply`). Categories are the words staff read, in Chinese.
 */
export const STATUTORY_OBJECTION_CATEGORY = '法定公示异议';
