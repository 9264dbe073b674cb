import { z } from 'zod';
import { STAFF_ROLES } from '@guanjia/vocabulary';
import { IdSchema, ShortText } from './common.ts';

export const StaffLoginSchema = z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });
export const OwnerLoginSchema = z.strictObject({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });

export const MeSchema = z.object({
  kind: z.enum(['staff', 'owner']),
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  departmentId: z.string().nullable(),
  projectIds: z.array(z.string()),
  companyWide: z.boolean(),
  capabilities: z.array(z.string()),
});

export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), me: MeSchema });

export const CreateApiTokenSchema = z.strictObject({ name: ShortText, staffId: IdSchema.optional() });
export const ApiTokenSchema = z.object({ id: z.string(), name: z.string(), staffId: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() });
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });
