import type { Locale } from './locales.ts';

/** Kinds of notice (通知公告, SPEC §9): the disruptions among them have a least notice period (core's notice-rules.ts). */
export const NOTICE_KINDS = [
  'power_cut', // 停电
  'water_cut', // 停水
  'pest_control', // 消杀
  'elevator_stop', // 电梯停运
  'reminder', // 温馨提示
  'cooperation', // 协助配合
  'community', // 社区事务
  'statutory', // 法定公示
  'other', // 其他
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Hours between publishing and the start of a planned disruption, at least (停水停电提前 24 小时，消杀提前
 * 72 小时). A notice of these kinds names its start (core's notice-rules.ts checks both).
 */
export const NOTICE_LEAD_HOURS: Partial<Record<NoticeKind, number>> = { power_cut: 24, water_cut: 24, pest_control: 72 };

export const NOTICE_KIND_LABELS: Record<NoticeKind, Record<Locale, string>> = {
  power_cut: { 'zh-CN': '停电', en: 'Power cut' },
  water_cut: { 'zh-CN': '停水', en: 'Water cut' },
  pest_control: { 'zh-CN': '消杀', en: 'Pest control' },
  elevator_stop: { 'zh-CN': '电梯停运', en: 'Elevator out of service' },
  reminder: { 'zh-CN': '温馨提示', en: 'Reminder' },
  cooperation: { 'zh-CN': '协助配合', en: 'Request for cooperation' },
  community: { 'zh-CN': '社区事务', en: 'Community affairs' },
  statutory: { 'zh-CN': '法定公示', en: 'Statutory notice' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
