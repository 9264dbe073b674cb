import type { ErrorKind } from './error-codes.ts';

/**
 * Issue 16 item 2 (decision 0037): the staff appraisal sheet (员工考核表) — its measures, steps, error
 * codes (spread into ERROR_KINDS) and the console's labels.
 */
export const APPRAISAL_ERROR_KINDS = {
  APPRAISAL_NOT_FOUND: 'not_found',
  APPRAISAL_WRONG_STEP: 'conflict',
  APPRAISAL_EXISTS: 'conflict',
  APPRAISAL_NOT_OVERSEEN: 'invalid',
} as const satisfies Record<string, ErrorKind>;

/**
 * What a sheet measures, each from the system's own records of the person in the period:
 * timeliness 时限达成率 (clocks met), reopen 重开率 (closed cases reopened), language 服务忌语仍然发送,
 * callbacks 回访完成, visits 走访完成, defects 员工造成的不合格项, caseRating 工单评价, stewardRating 管家评价.
 */
export const APPRAISAL_MEASURES = ['timeliness', 'reopen', 'language', 'callbacks', 'visits', 'defects', 'caseRating', 'stewardRating'] as const;
export type AppraisalMeasure = (typeof APPRAISAL_MEASURES)[number];

/** draft (drawn up) → commented (the supervisor's comment) → acknowledged (the person's 确认). */
export const APPRAISAL_STATUSES = ['draft', 'commented', 'acknowledged'] as const;
export type AppraisalStatus = (typeof APPRAISAL_STATUSES)[number];

/** zh-CN and English labels. */
export const APPRAISAL_MEASURE_LABELS: Record<AppraisalMeasure, readonly [string, string]> = {
  timeliness: ['时限达成率', 'Clocks met'],
  reopen: ['重开率', 'Reopen rate'],
  language: ['服务忌语仍然发送', 'Service-language overrides'],
  callbacks: ['回访完成率', 'Callbacks done'],
  visits: ['走访完成率', 'Visits done'],
  defects: ['员工造成的不合格项', 'Defects caused by staff'],
  caseRating: ['工单评价', 'Case ratings'],
  stewardRating: ['管家评价', 'Steward rating'],
};
export const APPRAISAL_STATUS_LABELS: Record<AppraisalStatus, readonly [string, string]> = {
  draft: ['待评语', 'Awaiting comment'],
  commented: ['待确认', 'Awaiting acknowledgement'],
  acknowledged: ['已确认', 'Acknowledged'],
};
