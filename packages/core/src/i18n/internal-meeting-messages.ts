import type { INTERNAL_MEETING_ERROR_KINDS } from '@guanjia/vocabulary';

/** Internal meetings' messages (decision 0038; spread into the zh-CN and English catalogs of messages.ts); the same {placeholders} in both. */
type InternalMeetingCatalog = Record<keyof typeof INTERNAL_MEETING_ERROR_KINDS, string>;

export const INTERNAL_MEETING_MESSAGES_ZH: InternalMeetingCatalog = {
  INTERNAL_MEETING_NOT_FOUND: '找不到该会议',
  INTERNAL_MEETING_NOT_HELD: '会议还没有召开（{heldOn}），不能记录纪要',
  INTERNAL_MEETING_HOLDER_INVALID: '召开单位须是您所在的管理处或部门（只能选一个）',
  INTERNAL_MEETING_STAFF_INVALID: '须是本公司在职员工（{reason}）',
};

export const INTERNAL_MEETING_MESSAGES_EN: InternalMeetingCatalog = {
  INTERNAL_MEETING_NOT_FOUND: 'Meeting not found',
  INTERNAL_MEETING_NOT_HELD: 'The meeting has not been held yet ({heldOn}): no minutes can be written',
  INTERNAL_MEETING_HOLDER_INVALID: 'The meeting is held by one of your offices or your department (one of them)',
  INTERNAL_MEETING_STAFF_INVALID: 'Must be active staff of the company ({reason})',
};
