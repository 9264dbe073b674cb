import type { ErrorKind } from './error-codes.ts';

/**
 * Issue 16 item 3 (decision 0035): fault escalation forms (故障转呈单) and work-liaison letters (工作联系函)
 * from an office to a department — their error codes (spread into ERROR_KINDS) and the console's labels.
 */
export const ESCALATION_ERROR_KINDS = {
  ESCALATION_NOT_FOUND: 'not_found',
  ESCALATION_WRONG_STEP: 'conflict',
  ESCALATION_TEXT_REQUIRED: 'invalid',
  ESCALATION_DATE_REQUIRED: 'invalid',
  ESCALATION_DATE_PAST: 'invalid',
  ESCALATION_DEPARTMENT_INVALID: 'invalid',
  ESCALATION_CASES_INVALID: 'invalid',
} as const satisfies Record<string, ErrorKind>;

export const ESCALATION_KINDS = ['fault', 'liaison'] as const; // 故障转呈单 / 工作联系函
export type EscalationKind = (typeof ESCALATION_KINDS)[number];
export const ESCALATION_SEVERITIES = ['general', 'serious', 'urgent'] as const; // 一般 / 严重 / 紧急
export type EscalationSeverity = (typeof ESCALATION_SEVERITIES)[number];
/** sent → responded → verified, or reopened (not fixed: back to the department) → responded … */
export const ESCALATION_STATUSES = ['sent', 'responded', 'verified', 'reopened'] as const; // 已转呈 / 已回复 / 已验证 / 退回重办
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** zh-CN and English labels. */
export const ESCALATION_KIND_LABELS = { fault: ['故障转呈单', 'Fault escalation form'], liaison: ['工作联系函', 'Work-liaison letter'] } as const;
export const ESCALATION_SEVERITY_LABELS = { general: ['一般', 'General'], serious: ['严重', 'Serious'], urgent: ['紧急', 'Urgent'] } as const;
export const ESCALATION_STATUS_LABELS = {
  sent: ['已转呈', 'Sent'],
  responded: ['已回复', 'Responded'],
  verified: ['已验证', 'Verified'],
  reopened: ['退回重办', 'Reopened'],
} as const;
