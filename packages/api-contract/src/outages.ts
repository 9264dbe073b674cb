import { OUTAGE_KINDS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, ShortText } from './common.ts';

/**
 * The outage register (停水/停电/电梯停运 …, SPEC §9): what is cut off, where (buildings; none = the
 * whole project), when, why, and what to tell callers (对来电业主的统一答复口径). The desk sees the
 * active ones covering a caller's unit; cases are linked to them.
 */

export const OutageSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(OUTAGE_KINDS),
  buildingIds: z.array(z.string()).describe('Empty: the whole project'),
  buildingNames: z.array(z.string()).describe('The buildings’ names, in the order of buildingIds'),
  startsAt: InstantSchema,
  endsAt: InstantSchema.nullable().describe('Null: until it is closed'),
  cause: z.string(),
  callerScript: z.string().describe('What to tell callers'),
  noticeId: z.string().nullable().describe('The notice (通知公告) that announced it'),
  active: z.boolean().describe('Started, not past its end, not closed'),
  createdBy: z.string().nullable(),
  createdAt: InstantSchema,
  closedAt: InstantSchema.nullable(),
  closedBy: z.string().nullable(),
  linkedCases: z.number().int().describe('How many cases are linked to it'),
});
export const OutageListSchema = z.array(OutageSchema);

export const CreateOutageSchema = z.strictObject({
  projectId: IdSchema,
  kind: z.enum(OUTAGE_KINDS),
  buildingIds: z.array(IdSchema).max(200).default([]).describe('Empty: the whole project'),
  startsAt: InstantSchema,
  endsAt: InstantSchema.nullish(),
  cause: ShortText,
  callerScript: z.string().trim().min(1).max(1000).describe('What to tell callers (统一答复口径)'),
  noticeId: IdSchema.nullish(),
});

export const OutageQuerySchema = z.object({
  projectId: IdSchema,
  active: z.enum(['true', 'false']).default('true').describe('true: only those in effect now; false: the whole register, latest first'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ActiveOutagesQuerySchema = z.object({ unitId: IdSchema.describe('The caller’s unit') });

export const LinkOutageSchema = z.strictObject({ outageId: IdSchema });
export const CaseOutageSchema = z.object({
  outage: OutageSchema,
  linkedBy: z.string().nullable(),
  linkedAt: InstantSchema,
});
export const CaseOutageListSchema = z.array(CaseOutageSchema);

/** An active outage as the desk's caller look-up shows it: which of the found units it covers. */
export const CallerOutageSchema = OutageSchema.extend({
  unitIds: z.array(z.string()).describe('The units of this answer (owners’ and the address’s) inside it'),
});
