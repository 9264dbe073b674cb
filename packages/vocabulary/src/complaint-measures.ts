import type { ErrorKind } from './error-codes.ts';

/**
 * Issue 16 item 1 (decision 0039): complaint causes ranked, each main cause with its corrective measure
 * (纠正措施) — the error codes (spread into ERROR_KINDS) and the console's labels.
 */
export const COMPLAINT_MEASURE_ERROR_KINDS = {
  COMPLAINT_MEASURE_NOT_FOUND: 'not_found',
  COMPLAINT_MEASURE_DONE: 'conflict',
  COMPLAINT_MEASURE_DUE_INVALID: 'invalid',
  COMPLAINT_MEASURE_NOT_DONE: 'conflict',
  COMPLAINT_MEASURE_VERIFIED: 'conflict',
} as const satisfies Record<string, ErrorKind>;

/** A measure is planned (计划中) until it is done (已完成), with who, when and its result. */
export const COMPLAINT_MEASURE_STATUSES = ['planned', 'done'] as const;
export type ComplaintMeasureStatus = (typeof COMPLAINT_MEASURE_STATUSES)[number];

/**
 * A cause's state in a period: no measure yet, measures in progress, one of them overdue, all done; ineffective
 * (措施无效) when the quality department found a done measure did not work and no later measure of its project answers it.
 */
export const COMPLAINT_CAUSE_STATES = ['no_measure', 'in_progress', 'overdue', 'ineffective', 'done'] as const;
export type ComplaintCauseState = (typeof COMPLAINT_CAUSE_STATES)[number];

/** zh-CN and English labels. */
export const COMPLAINT_CAUSE_STATE_LABELS = {
  no_measure: ['未制定措施', 'No measure'],
  in_progress: ['进行中', 'In progress'],
  overdue: ['逾期', 'Overdue'],
  ineffective: ['措施无效', 'Ineffective'],
  done: ['已完成', 'Done'],
} as const;
