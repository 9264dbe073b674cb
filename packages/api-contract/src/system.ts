import { z } from 'zod';
import { ShortText } from './common.ts';
import { CreateProjectSchema, CreateStaffSchema } from './structure.ts';

/**
 * First run (`guanjia init`): the organization and its first administrator. The password policy
 * (length, not the username, not a common password) is checked by the server after this shape.
 */
export const InitializeSchema = z.strictObject({
  organization: z.strictObject({ code: CreateProjectSchema.shape.code, name: ShortText }),
  admin: z.strictObject({ username: CreateStaffSchema.shape.username, name: ShortText, password: z.string().min(1).max(200) }),
});
export type InitializeInput = z.infer<typeof InitializeSchema>;

/** What the console and the portal show about the signed-in user's organization; demo: show the banner 演示数据. */
export const SystemInfoSchema = z.object({
  organization: z.object({ code: z.string(), name: z.string() }),
  demo: z.boolean(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

export const AuditQuerySchema = z.object({
  action: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  organizationId: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  action: z.string().describe('login, login.failed, owner.reveal, staff.update, …'),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  projectId: z.string().nullable().describe('null: a company-level entry'),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  at: z.string(),
});
