import type { Locale } from './locales.ts';

/**
 * Satisfaction surveys (满意度调查, SPEC §8): the service areas a question of the bank belongs to,
 * a campaign's states and sampling, how an answer came in, and the 5-point scale's words.
 */

/** Service areas of the question bank (the seeds' visit topics of a project in normal operation). */
export const SURVEY_AREAS = [
  'customer_service',
  'repairs',
  'security',
  'cleaning',
  'greening',
  'facilities',
  'attitude',
  'convenience',
  'community',
  'overall',
  'steward',
  'self_evaluation',
] as const;
export type SurveyArea = (typeof SURVEY_AREAS)[number];

export const SURVEY_AREA_LABELS: Record<SurveyArea, Record<Locale, string>> = {
  customer_service: { 'zh-CN': '客户服务', en: 'Customer service' },
  repairs: { 'zh-CN': '维修服务', en: 'Repairs' },
  security: { 'zh-CN': '安全秩序', en: 'Security' },
  cleaning: { 'zh-CN': '清洁卫生', en: 'Cleaning' },
  greening: { 'zh-CN': '绿化养护', en: 'Greening' },
  facilities: { 'zh-CN': '设施设备', en: 'Facilities' },
  attitude: { 'zh-CN': '服务态度', en: 'Staff attitude' },
  convenience: { 'zh-CN': '便民服务', en: 'Convenience services' },
  community: { 'zh-CN': '社区活动', en: 'Community activities' },
  overall: { 'zh-CN': '总体评价', en: 'Overall' },
  steward: { 'zh-CN': '管家服务', en: 'Steward service' },
  self_evaluation: { 'zh-CN': '员工自评', en: 'Self-evaluation' },
};

/**
 * What a campaign asks: the owners' satisfaction with the estate's services (满意度调查), or the owners'
 * yearly rating of their area steward (管家评价), whose results are read per steward.
 */
export const SURVEY_KINDS = ['owner_satisfaction', 'steward_rating'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_KIND_LABELS: Record<SurveyKind, Record<Locale, string>> = {
  owner_satisfaction: { 'zh-CN': '满意度调查', en: 'Satisfaction survey' },
  steward_rating: { 'zh-CN': '管家评价', en: 'Steward rating' },
};

/** A staff member's self-evaluation form (员工自评): pending (maybe saved), submitted, reviewed by their manager. */
export const SELF_EVALUATION_STATUSES = ['pending', 'submitted', 'reviewed'] as const;
export type SelfEvaluationStatus = (typeof SELF_EVALUATION_STATUSES)[number];
export const SELF_EVALUATION_STATUS_LABELS: Record<SelfEvaluationStatus, Record<Locale, string>> = {
  pending: { 'zh-CN': '待填写', en: 'To fill in' },
  submitted: { 'zh-CN': '待评阅', en: 'Submitted' },
  reviewed: { 'zh-CN': '已评阅', en: 'Reviewed' },
};
export const SELF_EVALUATION_ROUND_STATUSES = ['open', 'closed'] as const;
export type SelfEvaluationRoundStatus = (typeof SELF_EVALUATION_ROUND_STATUSES)[number];

/** A campaign: drafted (questionnaire and dates editable), launched (sample drawn, answers taken), closed. */
export const SURVEY_STATUSES = ['draft', 'launched', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  launched: { 'zh-CN': '进行中', en: 'Running' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
};

/** Who is asked: a stratified random sample over buildings (抽样), or every occupied household (全面调查). */
export const SURVEY_SAMPLINGS = ['stratified', 'census'] as const;
export type SurveySampling = (typeof SURVEY_SAMPLINGS)[number];
export const SURVEY_SAMPLING_LABELS: Record<SurveySampling, Record<Locale, string>> = {
  stratified: { 'zh-CN': '分层抽样', en: 'Stratified sample' },
  census: { 'zh-CN': '全面调查', en: 'Census' },
};

/** How an answer came in: the owner in the portal, a paper questionnaire entered by staff, a phone interview. */
export const SURVEY_ANSWER_CHANNELS = ['portal', 'paper', 'phone'] as const;
export type SurveyAnswerChannel = (typeof SURVEY_ANSWER_CHANNELS)[number];
export const SURVEY_ANSWER_CHANNEL_LABELS: Record<SurveyAnswerChannel, Record<Locale, string>> = {
  portal: { 'zh-CN': '线上', en: 'Portal' },
  paper: { 'zh-CN': '纸质问卷', en: 'Paper' },
  phone: { 'zh-CN': '电话访问', en: 'Phone' },
};

export const SURVEY_ANSWER_STATUSES = ['pending', 'answered'] as const;
export type SurveyAnswerStatus = (typeof SURVEY_ANSWER_STATUSES)[number];

/** The register of comments (客户意见登记): open until the quality department has dealt with it. */
export const SURVEY_REGISTER_STATUSES = ['open', 'handled'] as const;
export type SurveyRegisterStatus = (typeof SURVEY_REGISTER_STATUSES)[number];

/** The default words of a 5-point item, best first (a question of the bank may word its own). */
export const SURVEY_SCALE_LABELS: Record<1 | 2 | 3 | 4 | 5, Record<Locale, string>> = {
  5: { 'zh-CN': '非常满意', en: 'Very satisfied' },
  4: { 'zh-CN': '满意', en: 'Satisfied' },
  3: { 'zh-CN': '一般', en: 'Neutral' },
  2: { 'zh-CN': '不满意', en: 'Dissatisfied' },
  1: { 'zh-CN': '非常不满意', en: 'Very dissatisfied' },
};
