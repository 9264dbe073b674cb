import { z } from 'zod';
import { STAFF_ROLES } from '@guanjia/vocabulary';
import { IdSchema, ShortText } from './common.ts';

/** A second factor: a 6-digit code from an authenticator app, or a one-time recovery code. */
const SecondFactorCode = z.string().trim().min(6).max(32);

export const StaffLoginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  /** Asked for (401 TWO_FACTOR_REQUIRED) when the account has two-step verification on. */
  code: SecondFactorCode.optional(),
});
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
  /** Steps the account must take before anything else: change_password (after a reset), enrol_two_factor (administrators). */
  setupPending: z.array(z.enum(['change_password', 'enrol_two_factor'])),
  twoFactorEnabled: z.boolean(),
});

export const LoginResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), me: MeSchema });

export const CreateApiTokenSchema = z.strictObject({ name: ShortText, staffId: IdSchema.optional() });
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  staffId: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });

/** Changing one's own password (staff or owner): the current one is required. */
export const ChangePasswordSchema = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const PasswordChangedSchema = z.object({ endedSessions: z.number().int(), revokedApiTokens: z.number().int() });

/** Two-step verification (两步验证). */
export const TwoFactorSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const TwoFactorCodeSchema = z.strictObject({ code: SecondFactorCode });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const DisableTwoFactorSchema = z.strictObject({ password: z.string().min(1).max(200) });
