import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

export const AuditQuerySchema = z.object({ action: z.string().max(64).optional(), targetId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const AuditEntrySchema = z.object({
  id: z.number().int(), organizationId: z.string(), actorKind: z.string(), actorId: z.string().nullable(), action: z.string().describe('login, login.failed, owner.reveal, staff.update, …'),
  targetType: z.string().nullable(), targetId: z.string().nullable(), projectId: z.string().nullable().describe('null: a company-level entry'),
  detail: z.record(z.string(), z.unknown()), ip: z.string().nullable(), at: z.string(),
});
