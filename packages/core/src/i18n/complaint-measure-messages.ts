import type { COMPLAINT_MEASURE_ERROR_KINDS } from '@guanjia/vocabulary';

/** Issue 16 item 1's messages (spread into the zh-CN and English catalogs of messages.ts); the same {placeholders} in both. */
type ComplaintMeasureCatalog = Record<keyof typeof COMPLAINT_MEASURE_ERROR_KINDS, string>;

export const COMPLAINT_MEASURE_MESSAGES_ZH: ComplaintMeasureCatalog = {
  COMPLAINT_MEASURE_NOT_FOUND: '找不到该纠正措施',
  COMPLAINT_MEASURE_DONE: '该纠正措施已标记完成',
  COMPLAINT_MEASURE_DUE_INVALID: '完成期限（{date}）不能早于措施所属月份的第一天（{first}）',
  COMPLAINT_MEASURE_NOT_DONE: '该纠正措施尚未完成，完成后才能进行效果验证',
  COMPLAINT_MEASURE_VERIFIED: '该纠正措施已完成效果验证',
};

export const COMPLAINT_MEASURE_MESSAGES_EN: ComplaintMeasureCatalog = {
  COMPLAINT_MEASURE_NOT_FOUND: 'Corrective measure not found',
  COMPLAINT_MEASURE_DONE: 'The corrective measure is done already',
  COMPLAINT_MEASURE_DUE_INVALID: 'The due date ({date}) cannot be before the first day of the measure’s month ({first})',
  COMPLAINT_MEASURE_NOT_DONE: 'The corrective measure is not done yet: only a done measure can be verified',
  COMPLAINT_MEASURE_VERIFIED: 'The corrective measure has been verified already',
};
