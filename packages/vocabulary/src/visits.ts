import type { Locale } from './locales.ts';

/**
 * Visits (走访/回访, SPEC §7, decision 0029): what kind a visit is, why a plan chose a household, and
 * the topics of the visit record (客户访问记录) by the project's phase.
 */

/** new_owner: 新业主回访 after a move-in; routine: the monthly plan's 例行走访; follow_up: a required follow-up (e.g. after a complaint). */
export const VISIT_KINDS = ['new_owner', 'routine', 'follow_up'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

export const VISIT_STATUSES = ['due', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** Why the monthly plan chose a household, in the plan's order of priority. */
export const VISIT_REASONS = ['follow_up', 'recent_opinion', 'yearly', 'routine', 'added'] as const;
export type VisitReason = (typeof VISIT_REASONS)[number];

/** Whose quota a planned visit counts toward. */
export const VISIT_QUOTA_ROLES = ['front_desk', 'service_supervisor', 'office_manager'] as const;
export type VisitQuotaRole = (typeof VISIT_QUOTA_ROLES)[number];

/** How a visit was made: 上门 (door to door: two staff, appointment first), by phone, at a meeting. */
export const VISIT_METHODS = ['door', 'phone', 'meeting'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/** Topics of the visit record per project phase (销售配合期 / 前期物业管理期 / 正常期), SPEC §7. */
export const VISIT_TOPICS = {
  sales_support: ['staff_image', 'expectations', 'service_positioning'],
  early_management: ['move_in_experience', 'renovation_approval', 'renovation_living'],
  normal: [
    'monthly_key_work',
    'security',
    'cleaning',
    'greening',
    'repairs',
    'customer_service',
    'management_attitude',
    'convenience_services',
    'special_difficulties',
    'community_activities',
    'shared_concerns',
    'personalised_services',
    'other',
  ],
} as const;
export type VisitPhase = keyof typeof VISIT_TOPICS;
export type VisitTopic = (typeof VISIT_TOPICS)[VisitPhase][number];
export const ALL_VISIT_TOPICS = Object.values(VISIT_TOPICS).flat() as VisitTopic[];

export const VISIT_TOPIC_LABELS: Record<VisitTopic, Record<Locale, string>> = {
  staff_image: { 'zh-CN': '员工形象与服务态度', en: 'Staff image and attitude' },
  expectations: { 'zh-CN': '对物业服务的期望', en: 'Expectations of the service' },
  service_positioning: { 'zh-CN': '服务定位', en: 'Service positioning' },
  move_in_experience: { 'zh-CN': '入伙感受', en: 'Move-in experience' },
  renovation_approval: { 'zh-CN': '装修审批与监管', en: 'Renovation approval and supervision' },
  renovation_living: { 'zh-CN': '装修期间的居住状况', en: 'Living conditions during renovation' },
  monthly_key_work: { 'zh-CN': '本月重点工作', en: 'This month’s key work' },
  security: { 'zh-CN': '治安', en: 'Security' },
  cleaning: { 'zh-CN': '清洁', en: 'Cleaning' },
  greening: { 'zh-CN': '绿化', en: 'Greening' },
  repairs: { 'zh-CN': '维修', en: 'Repairs' },
  customer_service: { 'zh-CN': '客户服务', en: 'Customer service' },
  management_attitude: { 'zh-CN': '管理人员态度', en: 'Management’s attitude' },
  convenience_services: { 'zh-CN': '便民服务', en: 'Convenience services' },
  special_difficulties: { 'zh-CN': '特殊困难', en: 'Special difficulties' },
  community_activities: { 'zh-CN': '社区活动', en: 'Community activities' },
  shared_concerns: { 'zh-CN': '共同关心的问题', en: 'Shared concerns' },
  personalised_services: { 'zh-CN': '个性化服务', en: 'Personalised services' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const VISIT_KIND_LABELS: Record<VisitKind, Record<Locale, string>> = {
  new_owner: { 'zh-CN': '新业主回访', en: 'New-owner visit' },
  routine: { 'zh-CN': '例行走访', en: 'Routine visit' },
  follow_up: { 'zh-CN': '跟进走访', en: 'Follow-up visit' },
};

export const VISIT_REASON_LABELS: Record<VisitReason, Record<Locale, string>> = {
  follow_up: { 'zh-CN': '投诉后须跟进', en: 'Follow-up required' },
  recent_opinion: { 'zh-CN': '近期有投诉或建议', en: 'Recent complaint or suggestion' },
  yearly: { 'zh-CN': '近十个月未走访', en: 'Not visited for 10 months' },
  routine: { 'zh-CN': '例行', en: 'Routine' },
  added: { 'zh-CN': '手工加入', en: 'Added by hand' },
};

export const VISIT_METHOD_LABELS: Record<VisitMethod, Record<Locale, string>> = {
  door: { 'zh-CN': '上门走访', en: 'Door to door' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  meeting: { 'zh-CN': '座谈', en: 'Meeting' },
};
