import type { Locale } from './locales.ts';

/**
 * Callbacks (回访, SPEC §7, decision 0027): why a callback is owed, where it stands, the callback
 * record's answers and the per-category setting of a repair's primary callback.
 */
export const CALLBACK_SOURCES = [
  'primary_repair', // 报修完成后的首次回访 (per the category's setting)
  'complained_repair', // 被投诉 / 签收不满意的报修
  'rework', // 返工后 24 小时内的专项回访
  'company_complaint', // 公司级投诉结案后品质部回访
  'quality_monthly', // 品质部每月电话回访
  'unrated', // 完工 48 小时未评价, 自动进入回访
  'weekly_sample', // 每周 20% 抽样回访 (the rounds: migration 0028)
] as const;
export type CallbackSource = (typeof CALLBACK_SOURCES)[number];

export const CALLBACK_SOURCE_LABELS: Record<CallbackSource, Record<Locale, string>> = {
  primary_repair: { 'zh-CN': '报修回访', en: 'Repair callback' },
  complained_repair: { 'zh-CN': '投诉报修回访', en: 'Complained-about repair' },
  rework: { 'zh-CN': '返工专项回访', en: 'Rework follow-up' },
  company_complaint: { 'zh-CN': '公司级投诉回访', en: 'Company-level complaint' },
  quality_monthly: { 'zh-CN': '品质部月度回访', en: 'Quality monthly callback' },
  unrated: { 'zh-CN': '48小时未评价', en: 'Unrated after 48 h' },
  weekly_sample: { 'zh-CN': '每周抽样回访', en: 'Weekly sample' },
};

/** due: to call; done: reached and recorded; unreachable: the last attempt failed; cancelled: no longer owed. */
export const CALLBACK_STATUSES = ['due', 'done', 'unreachable', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export const CALLBACK_STATUS_LABELS: Record<CallbackStatus, Record<Locale, string>> = {
  due: { 'zh-CN': '待回访', en: 'Due' },
  done: { 'zh-CN': '已回访', en: 'Done' },
  unreachable: { 'zh-CN': '无法联系', en: 'Unreachable' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

/** The owner's verdict on quality and attitude, and the callback's outcome (the worst of its answers). */
export const CALLBACK_VERDICTS = ['satisfied', 'basically_satisfied', 'not_satisfied'] as const;
export type CallbackVerdict = (typeof CALLBACK_VERDICTS)[number];

export const CALLBACK_VERDICT_LABELS: Record<CallbackVerdict, Record<Locale, string>> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  not_satisfied: { 'zh-CN': '不满意', en: 'Not satisfied' },
};

export const CALLBACK_RESULTS = ['resolved', 'unresolved'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];

export const CALLBACK_RESULT_LABELS: Record<CallbackResult, Record<Locale, string>> = {
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  unresolved: { 'zh-CN': '未解决', en: 'Not resolved' },
};

/** What 不满意 opened: a rework of the repair, or a complaint linked to the case. */
export const CALLBACK_FOLLOW_UPS = ['rework', 'complaint'] as const;
export type CallbackFollowUp = (typeof CALLBACK_FOLLOW_UPS)[number];

export const CALLBACK_FOLLOW_UP_LABELS: Record<CallbackFollowUp, Record<Locale, string>> = {
  rework: { 'zh-CN': '返工', en: 'Rework' },
  complaint: { 'zh-CN': '转投诉', en: 'Complaint' },
};

/** A repair category's primary callback: always, skipped when the owner already rated, or never. */
export const CALLBACK_MODES = ['always', 'skip_if_rated', 'never'] as const;
export type CallbackMode = (typeof CALLBACK_MODES)[number];

export const CALLBACK_MODE_LABELS: Record<CallbackMode, Record<Locale, string>> = {
  always: { 'zh-CN': '始终回访', en: 'Always' },
  skip_if_rated: { 'zh-CN': '业主已评价则免回访', en: 'Skip when the owner rated' },
  never: { 'zh-CN': '不回访', en: 'Never' },
};

/** How a queue row stands against its due instant. */
export const CALLBACK_URGENCIES = ['on_time', 'at_risk', 'overdue'] as const;
export type CallbackUrgency = (typeof CALLBACK_URGENCIES)[number];
