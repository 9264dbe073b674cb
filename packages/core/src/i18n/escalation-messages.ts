import type { ESCALATION_ERROR_KINDS } from '@guanjia/vocabulary';

/** Issue 16 item 3's messages (spread into the zh-CN and English catalogs of messages.ts); the same {placeholders} in both. */
type EscalationCatalog = Record<keyof typeof ESCALATION_ERROR_KINDS, string>;

export const ESCALATION_MESSAGES_ZH: EscalationCatalog = {
  ESCALATION_NOT_FOUND: '找不到该故障转呈单',
  ESCALATION_WRONG_STEP: '故障转呈单当前为“{status}”，不能进行此操作',
  ESCALATION_TEXT_REQUIRED: '请填写“{field}”',
  ESCALATION_DATE_REQUIRED: '退回重办须指定新的要求回复日期',
  ESCALATION_DATE_PAST: '要求回复日期（{date}）不能早于今天',
  ESCALATION_DEPARTMENT_INVALID: '接收部门须是本公司或本管理处的部门',
  ESCALATION_CASES_INVALID: '关联的工单须是本管理处的工单（{reason}）',
};

export const ESCALATION_MESSAGES_EN: EscalationCatalog = {
  ESCALATION_NOT_FOUND: 'Escalation form not found',
  ESCALATION_WRONG_STEP: 'The escalation form is {status}; this step is not possible now',
  ESCALATION_TEXT_REQUIRED: 'Please fill in "{field}"',
  ESCALATION_DATE_REQUIRED: 'Sending it back needs a new requested response date',
  ESCALATION_DATE_PAST: 'The requested response date ({date}) cannot be before today',
  ESCALATION_DEPARTMENT_INVALID: 'The target department must be a department of the company or of this office',
  ESCALATION_CASES_INVALID: 'Linked cases must be cases of this office ({reason})',
};
