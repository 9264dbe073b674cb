import type { DepartmentKind, StaffRole } from './staff-roles.ts';

/**
 * Labels of the estate's closed word lists, [zh-CN, en]: the console shows them, and the import
 * templates and their dry run read and write the Chinese ones (issue 12). One list for both sides.
 */

/** What a workbook can import (issue 12): buildings and units, the owner roster, staff. */
export const IMPORT_KINDS = ['units', 'owners', 'staff'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** 客户等级: how the company ranks an owner. */
export const OWNER_GRADES = ['important', 'member', 'vip', 'normal'] as const; // 重要/会员/VIP/普通
export type OwnerGrade = (typeof OWNER_GRADES)[number];

/** An owner's relation to a unit: 产权人 (owner) or 使用人 (occupant). */
export const UNIT_RELATIONS = ['owner', 'occupant'] as const;
export type UnitRelation = (typeof UNIT_RELATIONS)[number];

export const ROLE_LABELS: Record<StaffRole, [string, string]> = {
  agent: ['客服专员', 'Agent'],
  front_desk: ['大堂助理', 'Front desk'],
  service_supervisor: ['客服主管', 'Service supervisor'],
  area_steward: ['区域管家', 'Area steward'],
  technician: ['维修技术员', 'Technician'],
  department_head: ['部门负责人', 'Department head'],
  office_manager: ['管理处主任', 'Office manager'],
  quality_officer: ['品质管理部专员', 'Quality officer'],
  archive_keeper: ['档案管理员', 'Archive keeper'],
  management_rep: ['管理者代表', 'Management representative'],
  leadership: ['公司领导', 'Leadership'],
  admin: ['管理员', 'Administrator'],
};

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, [string, string]> = {
  service_center: ['客服中心', 'Service center'],
  engineering: ['工程维修', 'Engineering'],
  security: ['秩序/安保', 'Security'],
  environment: ['环境/保洁绿化', 'Environment'],
  finance: ['财务', 'Finance'],
  quality: ['品质管理部', 'Quality'],
  subcontractor: ['分包方', 'Subcontractor'],
  other: ['其他', 'Other'],
};

/** How the company ranks an owner (客户等级). */
export const OWNER_GRADE_LABELS: Record<OwnerGrade, [string, string]> = {
  normal: ['普通', 'Normal'],
  member: ['会员', 'Member'],
  vip: ['VIP', 'VIP'],
  important: ['重要', 'Important'],
};

/** An owner's relation to a unit (产权人/使用人). */
export const RELATION_LABELS: Record<UnitRelation, [string, string]> = {
  owner: ['产权人', 'Owner'],
  occupant: ['使用人', 'Occupant'],
};
