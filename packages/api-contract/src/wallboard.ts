import { CASE_TYPES, CLOCK_KINDS, NOTICE_KINDS } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, ShortText } from './common.ts';

/**
 * The wallboard (大屏, issue 16 item 4): a read-only board for a TV in the service centre, opened with a
 * display token (大屏令牌) that an administrator makes for a set of projects. The token is sent as the
 * `x-display-token` header or as `?token=` (the live stream's EventSource can only send the latter);
 * it opens the board and its live stream and nothing else. The board carries no personal data beyond
 * masked names (张*) and unit labels.
 */

export const CreateDisplayTokenSchema = z.strictObject({
  label: ShortText,
  projectIds: z.array(IdSchema).min(1).max(50),
});
export const DisplayTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  projectIds: z.array(z.string()),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
/** The token itself is in this answer only: the server keeps its hash. */
export const CreatedDisplayTokenSchema = DisplayTokenSchema.extend({ token: z.string() });
export const DisplayTokenListSchema = z.array(DisplayTokenSchema);

/** `?token=` of the board and its live stream (or the `x-display-token` header). */
export const WallboardQuerySchema = z.object({ token: z.string().max(200).optional() });

export const WallboardClockSchema = z.object({
  caseNumber: z.string(),
  caseType: z.enum(CASE_TYPES),
  kind: z.enum(CLOCK_KINDS),
  projectName: z.string(),
  /** 1栋1单元101; null when the case names no unit. */
  unitLabel: z.string().nullable(),
  dueAt: z.string(),
  /** at_risk: past its warning time, not yet due; breached: past due and still running. */
  state: z.enum(['at_risk', 'breached']),
});
export const WallboardDepartmentSchema = z.object({
  /** null: clocks of no department yet (the service centre's own). */
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  atRisk: z.number().int(),
  breached: z.number().int(),
  /** The most urgent first (earliest due), at most 20. */
  clocks: z.array(WallboardClockSchema),
});
const Count = z.number().int();
export const WallboardSchema = z.object({
  label: z.string(),
  /** The server's time: the board counts down from it. */
  now: z.string(),
  projects: z.array(z.object({ id: z.string(), name: z.string(), today: z.string() })),
  departments: z.array(WallboardDepartmentSchema),
  totals: z.object({ atRisk: z.number().int(), breached: z.number().int() }),
  /** Cases registered today (each project's own date) by type. */
  intake: z.object({ total: z.number().int(), byType: z.object({ inquiry: Count, complaint: Count, suggestion: Count, repair: Count }) }),
  onDuty: z.array(z.object({ name: z.string(), departmentName: z.string().nullable(), projectName: z.string(), endsAt: z.string() })),
  notices: z.array(
    z.object({ id: z.string(), projectName: z.string(), kind: z.enum(NOTICE_KINDS), title: z.string(), emergency: z.boolean(), endsAt: z.string().nullable() }),
  ),
});
