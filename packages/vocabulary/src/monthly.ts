import type { Locale } from './locales.ts';

/**
 * The monthly communication cycle (每月客户沟通, seed 004 §3, SPEC §7 "Monthly"): the supervisor's
 * contact list, the monthly summary (每月客户沟通总结) and its opinions, meetings with the owners'
 * committee or customer representatives (座谈) and their actions.
 */

/** A row of the contact list: waiting, contacted (a contact record), or unreachable after attempts. */
export const MONTHLY_CONTACT_STATUSES = ['open', 'contacted', 'unreachable'] as const;
export type MonthlyContactStatus = (typeof MONTHLY_CONTACT_STATUSES)[number];

/** How the supervisor reached the owner (seed 004 §5.2: 上门、电话、面谈、信函、电子邮件 …). */
export const MONTHLY_CONTACT_CHANNELS = ['phone', 'visit', 'face_to_face', 'wechat', 'letter', 'email'] as const;
export type MonthlyContactChannel = (typeof MONTHLY_CONTACT_CHANNELS)[number];

/** What came of the contact. */
export const MONTHLY_CONTACT_RESULTS = ['satisfied', 'explained', 'follow_up', 'dissatisfied'] as const;
export type MonthlyContactResult = (typeof MONTHLY_CONTACT_RESULTS)[number];

/** The clock of a contact row: due by the 5th of the following month (at risk in its last days). */
export const MONTHLY_CLOCK_STATES = ['on_time', 'at_risk', 'overdue', 'done', 'done_late'] as const;
export type MonthlyClockState = (typeof MONTHLY_CLOCK_STATES)[number];

/** The summary: a draft the supervisor edits, submitted (frozen), accepted or returned (a draft again) by the office manager. */
export const MONTHLY_SUMMARY_STATUSES = ['draft', 'submitted', 'accepted'] as const;
export type MonthlySummaryStatus = (typeof MONTHLY_SUMMARY_STATUSES)[number];

/** An opinion of the summary assigned to a staff member: open until done. */
export const MONTHLY_OPINION_STATUSES = ['unassigned', 'open', 'done'] as const;
export type MonthlyOpinionStatus = (typeof MONTHLY_OPINION_STATUSES)[number];

/** Meetings: with the owners' committee (业主委员会), customer representatives (客户代表座谈), the quality department's half-yearly one. */
export const MEETING_KINDS = ['owners_committee', 'customer_representatives', 'quality_half_yearly'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_ACTION_STATUSES = ['open', 'done'] as const;
export type MeetingActionStatus = (typeof MEETING_ACTION_STATUSES)[number];

type Labels<K extends string> = Record<K, Record<Locale, string>>;

export const MONTHLY_CONTACT_STATUS_LABELS: Labels<MonthlyContactStatus> = {
  open: { 'zh-CN': '待沟通', en: 'To contact' },
  contacted: { 'zh-CN': '已沟通', en: 'Contacted' },
  unreachable: { 'zh-CN': '无法联系', en: 'Unreachable' },
};
export const MONTHLY_CONTACT_CHANNEL_LABELS: Labels<MonthlyContactChannel> = {
  phone: { 'zh-CN': '电话', en: 'Phone' },
  visit: { 'zh-CN': '上门', en: 'Home visit' },
  face_to_face: { 'zh-CN': '面谈', en: 'In person' },
  wechat: { 'zh-CN': '微信', en: 'WeChat' },
  letter: { 'zh-CN': '信函', en: 'Letter' },
  email: { 'zh-CN': '电子邮件', en: 'Email' },
};
export const MONTHLY_CONTACT_RESULT_LABELS: Labels<MonthlyContactResult> = {
  satisfied: { 'zh-CN': '业主满意', en: 'Owner satisfied' },
  explained: { 'zh-CN': '已解释说明', en: 'Explained' },
  follow_up: { 'zh-CN': '需继续跟进', en: 'Needs follow-up' },
  dissatisfied: { 'zh-CN': '业主仍不满意', en: 'Still dissatisfied' },
};
export const MONTHLY_CLOCK_LABELS: Labels<MonthlyClockState> = {
  on_time: { 'zh-CN': '按时', en: 'On time' },
  at_risk: { 'zh-CN': '即将到期', en: 'Due soon' },
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  done_late: { 'zh-CN': '逾期完成', en: 'Done late' },
};
export const MONTHLY_SUMMARY_STATUS_LABELS: Labels<MonthlySummaryStatus> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已提交待审阅', en: 'Submitted' },
  accepted: { 'zh-CN': '已审阅', en: 'Accepted' },
};
export const MONTHLY_OPINION_STATUS_LABELS: Labels<MonthlyOpinionStatus> = {
  unassigned: { 'zh-CN': '待分派', en: 'Not assigned' },
  open: { 'zh-CN': '处理中', en: 'Open' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};
export const MEETING_KIND_LABELS: Labels<MeetingKind> = {
  owners_committee: { 'zh-CN': '业主委员会座谈', en: 'Owners’ committee meeting' },
  customer_representatives: { 'zh-CN': '客户代表座谈', en: 'Customer representatives’ meeting' },
  quality_half_yearly: { 'zh-CN': '品质部半年度座谈', en: 'Quality department half-yearly meeting' },
};
export const MEETING_ACTION_STATUS_LABELS: Labels<MeetingActionStatus> = {
  open: { 'zh-CN': '待完成', en: 'Open' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};
