import type { APPRAISAL_ERROR_KINDS } from '@guanjia/vocabulary';

/** Issue 16 item 2's messages (spread into the zh-CN and English catalogs of messages.ts); the same {placeholders} in both. */
type AppraisalCatalog = Record<keyof typeof APPRAISAL_ERROR_KINDS, string>;

export const APPRAISAL_MESSAGES_ZH: AppraisalCatalog = {
  APPRAISAL_NOT_FOUND: '找不到该考核表',
  APPRAISAL_WRONG_STEP: '考核表当前为“{status}”，不能进行此操作',
  APPRAISAL_EXISTS: '该员工此期间的考核表已存在',
  APPRAISAL_NOT_OVERSEEN: '只能为本人所管项目的其他员工制作考核表',
};

export const APPRAISAL_MESSAGES_EN: AppraisalCatalog = {
  APPRAISAL_NOT_FOUND: 'Appraisal sheet not found',
  APPRAISAL_WRONG_STEP: 'The appraisal sheet is {status}; this step is not possible now',
  APPRAISAL_EXISTS: 'An appraisal sheet of this person for this period already exists',
  APPRAISAL_NOT_OVERSEEN: 'Appraisal sheets are drawn up only for other staff of your projects',
};
