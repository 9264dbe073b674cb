import { z } from 'zod';
import { DEPARTMENT_KINDS, STAFF_ROLES } from '@guanjia/vocabulary';
import { IdSchema, LocalDateSchema, ShortText } from './common.ts';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
export const PROJECT_PHASES = ['sales_support', 'early_management', 'normal'] as const; // 销售配合期 / 前期物业管理期 / 正常期
const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');

export const CreateProjectSchema = z.strictObject({
  code: Code,
  name: ShortText,
  address: z.string().trim().max(300).nullish(),
  occupancyDate: LocalDateSchema.nullish(),
  phase: z.enum(PROJECT_PHASES).default('normal'),
  timeZone: TimeZoneSchema.default('Asia/Shanghai'),
});
// PATCH bodies: the create defaults are dropped, so that a field left out stays as it is instead of being reset.
export const UpdateProjectSchema = CreateProjectSchema.extend({ phase: z.enum(PROJECT_PHASES), timeZone: TimeZoneSchema })
  .partial()
  .strict();
export const ProjectSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  occupancyDate: z.string().nullable(),
  phase: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CreateBuildingSchema = z.strictObject({ code: Code, name: ShortText, floors: z.number().int().min(1).max(200).nullish() });
export const UpdateBuildingSchema = CreateBuildingSchema.partial().strict();
export const BuildingSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  floors: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const UNIT_KINDS = ['indoor', 'public_area'] as const;
export const CreateUnitSchema = z.strictObject({
  code: z.string().trim().min(1).max(32).describe('房号, e.g. 101'),
  /** 单元 (entrance), e.g. "1": the label then reads 1栋-1单元-101. */
  entrance: z
    .string()
    .trim()
    .min(1)
    .max(8)
    .regex(/^[0-9A-Za-z]+$/, 'digits or letters')
    .nullish(),
  kind: z.enum(UNIT_KINDS).default('indoor'),
  floor: z.number().int().min(-10).max(200).nullish(),
  areaSqm: z.number().positive().max(100_000).nullish(),
});
export const UpdateUnitSchema = CreateUnitSchema.extend({ kind: z.enum(UNIT_KINDS) })
  .partial()
  .strict();
export const UnitSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  projectId: z.string(),
  buildingId: z.string(),
  code: z.string(),
  entrance: z.string().nullable().describe('单元'),
  kind: z.string(),
  floor: z.number().nullable(),
  areaSqm: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const UnitQuerySchema = z.object({
  projectId: IdSchema.optional(),
  buildingId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export { DEPARTMENT_KINDS };
export const CreateDepartmentSchema = z.strictObject({
  code: Code,
  name: ShortText,
  kind: z.enum(DEPARTMENT_KINDS),
  /** null or absent: a company-level department (e.g. 品质管理部). */
  projectId: IdSchema.nullish(),
  isSupervising: z.boolean().default(false),
  headStaffId: IdSchema.nullish(),
});
export const UpdateDepartmentSchema = CreateDepartmentSchema.omit({ projectId: true }).extend({ isSupervising: z.boolean() }).partial().strict();
export const DepartmentSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  projectId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  isSupervising: z.boolean(),
  headStaffId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CreateStaffSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . - _ only'),
  name: ShortText,
  password: z.string().min(8).max(200),
  phone: z.string().trim().max(32).nullish(),
  email: z.email().nullish(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1).max(12),
  departmentId: IdSchema.nullish(),
  projectIds: z.array(IdSchema).max(500).default([]),
  companyWide: z.boolean().default(false),
});
export const UpdateStaffSchema = CreateStaffSchema.omit({ username: true, password: true })
  .extend({ projectIds: z.array(IdSchema).max(500), companyWide: z.boolean(), active: z.boolean() })
  .partial()
  .strict();
/** An administrator's reset of another's password, or one's own change (then currentPassword is required). The policy is checked by the server. */
export const SetPasswordSchema = z.strictObject({ password: z.string().min(1).max(200), currentPassword: z.string().min(1).max(200).optional() });
export const StaffSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.enum(STAFF_ROLES)),
  departmentId: z.string().nullable(),
  projectIds: z.array(z.string()),
  companyWide: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
