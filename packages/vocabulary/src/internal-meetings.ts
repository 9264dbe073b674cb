import type { ErrorKind } from './error-codes.ts';

/**
 * Internal meetings (内部会议, issue 16 item 3, decision 0038, seed 000 §七 会议制度): the office's regular
 * meetings, a department's weekly meeting, meetings between departments, the directors' forum, the
 * president's office meeting, quality analysis meetings — their kinds, error codes (spread into
 * ERROR_KINDS) and labels. Their resolutions' statuses are the owner meetings' (MEETING_ACTION_STATUSES).
 */
export const INTERNAL_MEETING_ERROR_KINDS = {
  INTERNAL_MEETING_NOT_FOUND: 'not_found',
  INTERNAL_MEETING_NOT_HELD: 'conflict',
  INTERNAL_MEETING_HOLDER_INVALID: 'invalid',
  INTERNAL_MEETING_STAFF_INVALID: 'invalid',
} as const satisfies Record<string, ErrorKind>;

export const INTERNAL_MEETING_KINDS = [
  'office_regular', // 管理处例会 (晨会, 员工大会)
  'department_regular', // 部门例会 (weekly, by the department's head)
  'interdepartmental', // 部门间交流会
  'directors_forum', // 主任论坛 (every two months, the quality department with the office managers)
  'president_office', // 总裁办公会
  'quality_analysis', // 质量分析会
  'special', // 专题会议 / 其他
] as const;
export type InternalMeetingKind = (typeof INTERNAL_MEETING_KINDS)[number];

/** zh-CN and English labels. */
export const INTERNAL_MEETING_KIND_LABELS = {
  office_regular: ['管理处例会', 'Office regular meeting'],
  department_regular: ['部门例会', 'Department meeting'],
  interdepartmental: ['部门间交流会', 'Interdepartmental meeting'],
  directors_forum: ['主任论坛', 'Directors’ forum'],
  president_office: ['总裁办公会', 'President’s office meeting'],
  quality_analysis: ['质量分析会', 'Quality analysis meeting'],
  special: ['专题会议', 'Special meeting'],
} as const satisfies Record<InternalMeetingKind, readonly [string, string]>;
