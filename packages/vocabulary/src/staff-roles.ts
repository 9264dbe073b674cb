/** Staff roles of SPEC §1. What each may do is core's rule (structure/roles.ts). */
export const STAFF_ROLES = [
  'agent', // 客服专员
  'front_desk', // 大堂助理
  'service_supervisor', // 客服主管
  'area_steward', // 区域管家/物业管家
  'technician', // 维修/技术员
  'department_head', // 部门负责人
  'office_manager', // 管理处主任
  'quality_officer', // 品质管理部
  'archive_keeper', // 档案管理员
  'management_rep', // 管理者代表
  'leadership', // 公司领导
  'admin', // 管理员
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Kinds of department (部门类型): the structure's records and the console's labels. */
export const DEPARTMENT_KINDS = ['service_center', 'engineering', 'security', 'environment', 'finance', 'quality', 'subcontractor', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
