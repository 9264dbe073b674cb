import type { Locale } from './locales.ts';

/** A supervisor's own quality mark on a case (质量评定): why the work fell short. Kept apart from the owner's feedback. */
export const QUALITY_MARK_REASONS = ['slow', 'poor_quality', 'rude', 'no_show', 'not_fixed', 'other'] as const;
export type QualityMarkReason = (typeof QUALITY_MARK_REASONS)[number];

export const QUALITY_MARK_REASON_LABELS: Record<QualityMarkReason, Record<Locale, string>> = {
  slow: { 'zh-CN': '处理缓慢', en: 'Slow' },
  poor_quality: { 'zh-CN': '质量差', en: 'Poor quality' },
  rude: { 'zh-CN': '态度恶劣', en: 'Rude' },
  no_show: { 'zh-CN': '爽约未到', en: 'No show' },
  not_fixed: { 'zh-CN': '问题未解决', en: 'Not fixed' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

/** The owner's scores of a closed case or work order (业主评价), 1–5 each; overall is the case's rating. */
export const RATING_SCORES = ['overall', 'speed', 'technician'] as const;
export type RatingScore = (typeof RATING_SCORES)[number];

export const RATING_SCORE_LABELS: Record<RatingScore, Record<Locale, string>> = {
  overall: { 'zh-CN': '总体评价', en: 'Overall' },
  speed: { 'zh-CN': '到场速度', en: 'Arrival speed' },
  technician: { 'zh-CN': '维修师傅', en: 'The technician' },
};
