import type { ErrorKind } from './error-codes.ts';

/**
 * Issue 15 (decision 0034): the words of patrols, checks, defects and rectification — their error codes
 * (spread into ERROR_KINDS) and the labels the console shows.
 */
export const INSPECTION_ERROR_KINDS = {
  INSPECTION_POINT_NOT_FOUND: 'not_found',
  PATROL_PLAN_NOT_FOUND: 'not_found',
  PATROL_TASK_NOT_FOUND: 'not_found',
  PATROL_ROUTE_INVALID: 'invalid',
  PATROL_INSPECTOR_INVALID: 'invalid',
  PATROL_CODE_INVALID: 'invalid',
  PATROL_CODE_WRONG_POINT: 'invalid',
  PATROL_CODE_SUPERSEDED: 'invalid',
  PATROL_CODE_EXPIRED: 'invalid',
  PATROL_POSITION_REQUIRED: 'invalid',
  PATROL_POSITION_INACCURATE: 'invalid',
  PATROL_TOO_FAR: 'invalid',
  PATROL_TICKET_INVALID: 'invalid',
  PATROL_TICKET_EXPIRED: 'invalid',
  PATROL_TICKET_USED: 'conflict',
  PATROL_TASK_CLOSED: 'conflict',
  PATROL_TASK_NOT_STARTED: 'conflict',
  PATROL_POINT_CHECKED: 'conflict',
  PATROL_WINDOW_PASSED: 'conflict',
  PATROL_PHOTO_REQUIRED: 'invalid',
  PATROL_PHOTO_INVALID: 'invalid',
  PATROL_TRANSFER_INVALID: 'invalid',
  PATROL_ACCEPTANCE_NOT_ALLOWED: 'conflict',
  DEFECT_NOT_FOUND: 'not_found',
  DEFECT_NOT_OPEN: 'conflict',
  DEFECT_NOT_CLOSED: 'conflict',
  DEFECT_NOTE_REQUIRED: 'invalid',
  DEFECT_OWN_CLOSURE: 'conflict',
  DEFECT_DEADLINE_PAST: 'invalid',
  DEFECT_VERIFICATION_UNKNOWN: 'invalid',
  RECTIFICATION_NOT_FOUND: 'not_found',
  RECTIFICATION_WRONG_STEP: 'conflict',
  RECTIFICATION_NOT_RESPONSIBLE: 'forbidden',
  RECTIFICATION_TEXT_REQUIRED: 'invalid',
  RECTIFICATION_OWN_REPORT: 'conflict',
  RECTIFICATION_DEADLINE_REQUIRED: 'invalid',
  RECTIFICATION_DEFECTS_INVALID: 'invalid',
  // scored checks, night checks, weather warnings and communication audits (item 1)
  CHECKLIST_TEMPLATE_NOT_FOUND: 'not_found',
  CHECKLIST_ITEMS_INVALID: 'invalid',
  CHECKLIST_TEMPLATE_UNUSABLE: 'invalid',
  CHECKLIST_TEMPLATE_NONE: 'conflict',
  INSPECTION_NOT_FOUND: 'not_found',
  INSPECTION_WRONG_STATE: 'conflict',
  INSPECTION_NOT_ITS_NIGHT: 'conflict',
  INSPECTION_NOT_NIGHT_TIME: 'conflict',
  INSPECTION_INSPECTED_REQUIRED: 'invalid',
  INSPECTION_RESULT_INVALID: 'invalid',
  INSPECTION_INCOMPLETE: 'invalid',
  INSPECTION_SIGNATURE_REQUIRED: 'invalid',
  INSPECTION_REPORT_REQUIRED: 'invalid',
  INSPECTION_PHOTO_INVALID: 'invalid',
  INSPECTION_PERIOD_INVALID: 'invalid',
} as const satisfies Record<string, ErrorKind>;

export const SPECIALTIES = ['security', 'environment', 'engineering', 'service', 'general'] as const; // 秩序 / 环境 / 工程 / 客服 / 综合
export type Specialty = (typeof SPECIALTIES)[number];
export const DEFECT_SEVERITIES = ['minor', 'general', 'serious'] as const; // 轻微 / 一般 / 严重
export type DefectSeverity = (typeof DEFECT_SEVERITIES)[number];
export const DEFECT_STATUSES = ['open', 'closed', 'verified'] as const; // 待整改 / 已消项(待验证) / 已验证
export type DefectStatus = (typeof DEFECT_STATUSES)[number];
export const RECTIFICATION_STATUSES = ['issued', 'measures', 'reported', 'passed'] as const; // 已下达 / 已定措施 / 已报告 / 复查通过
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const INSPECTION_POINT_KINDS = ['equipment', 'area'] as const;

/** Scored checks (检查, item 1): the seeds' levels and rhythms (core checklists.ts re-exports them with the rules). */
export const INSPECTION_KINDS = [
  'daily_overall', // 日检: 管理处主任的全面检查
  'daily_specialty', // 日检: 专业主管的专业检查
  'daily_patrol', // 日检: 操作人员的工作巡查
  'night', // 夜间查岗 (≥ 4 a month; always in a typhoon or rainstorm)
  'monthly_management', // 品质部月检: 管理状态检查 (unannounced)
  'quarterly_property', // 品质部季检: 物业状态检查
  'communication_audit', // 监督部门: 沟通工作检查 (spot checks of records and archive, language, timeliness, satisfaction)
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
/** scheduled (a warning night's check, not begun) → in_progress → submitted (frozen). */
export const INSPECTION_STATUSES = ['scheduled', 'in_progress', 'submitted'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];
/** How a check came to be: started by hand, scheduled by a weather warning, or a communication audit's draw. */
export const INSPECTION_TRIGGERS = ['manual', 'weather', 'audit_sample'] as const;
export type InspectionTrigger = (typeof INSPECTION_TRIGGERS)[number];
export const WEATHER_WARNING_KINDS = ['typhoon', 'rainstorm'] as const; // 台风 / 暴雨
export type WeatherWarningKind = (typeof WEATHER_WARNING_KINDS)[number];
export const PATROL_PLAN_KINDS = ['patrol', 'maintenance'] as const;

/** zh-CN and English labels. */
export const SPECIALTY_LABELS = {
  security: ['秩序', 'Security'],
  environment: ['环境', 'Environment'],
  engineering: ['工程', 'Engineering'],
  service: ['客服', 'Customer service'],
  general: ['综合', 'General'],
} as const;
export const DEFECT_SEVERITY_LABELS = { minor: ['轻微', 'Minor'], general: ['一般', 'General'], serious: ['严重', 'Serious'] } as const;
export const DEFECT_STATUS_LABELS = { open: ['待整改', 'Open'], closed: ['已消项', 'Closed'], verified: ['已验证', 'Verified'] } as const;
export const CHECK_GRADE_LABELS = { early: ['提前', 'Early'], on_time: ['准时', 'On time'], late: ['迟到', 'Late'], missed: ['漏检', 'Missed'] } as const;
export const INSPECTION_KIND_LABELS = {
  daily_overall: ['日检（主任全面检查）', 'Daily check (office manager)'],
  daily_specialty: ['日检（专业主管检查）', 'Daily check (specialty supervisor)'],
  daily_patrol: ['日检（操作人员巡查）', 'Daily check (operator patrol)'],
  night: ['夜间查岗', 'Night spot check'],
  monthly_management: ['月检（管理状态）', 'Monthly management check'],
  quarterly_property: ['季检（物业状态）', 'Quarterly property check'],
  communication_audit: ['沟通工作检查', 'Communication audit'],
} as const;
export const INSPECTION_STATUS_LABELS = {
  scheduled: ['待检查', 'Scheduled'],
  in_progress: ['检查中', 'In progress'],
  submitted: ['已提交', 'Submitted'],
} as const;
export const WEATHER_WARNING_KIND_LABELS = { typhoon: ['台风', 'Typhoon'], rainstorm: ['暴雨', 'Rainstorm'] } as const;
export const PATROL_TASK_STATUS_LABELS = {
  open: ['进行中', 'Open'],
  done: ['已完成', 'Done'],
  incomplete: ['未完成', 'Incomplete'],
  overdue: ['已超时', 'Overdue'],
} as const;
