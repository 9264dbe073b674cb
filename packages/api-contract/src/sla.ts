import { CASE_TYPES, CLOCK_KINDS, CUSTOMER_GRADES, REPAIR_GRADES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { LocalDateSchema, ShortText } from './common.ts';

/** A working span "HH:MM"–"HH:MM" of local time (the API speaks clock times, the core minutes). */
const ClockTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM');
export const WorkingSpanSchema = z.strictObject({ start: ClockTime, end: ClockTime });

export const ProjectCalendarSchema = z.strictObject({
  /** Working spans per weekday, Sunday first (seven lists). */
  week: z.array(z.array(WorkingSpanSchema).max(6)).length(7),
  /** The hours of a make-up working day (调休上班); default: Monday's. */
  makeupSpans: z.array(WorkingSpanSchema).max(6).nullable().optional(),
  /** This project's own days off (e.g. a local holiday), on top of the organization's years. */
  holidays: z.array(LocalDateSchema).max(366).optional(),
  /** This project's own working days (worked even where the organization is off). */
  makeupWorkdays: z.array(LocalDateSchema).max(366).optional(),
});

/** One published year: holidays (放假) and make-up working days (调休上班), local dates. */
export const CalendarYearSchema = z.strictObject({
  holidays: z.array(LocalDateSchema).max(366),
  makeupWorkdays: z.array(LocalDateSchema).max(366),
  source: ShortText.optional(),
});
export const YearParamsSchema = z.object({ year: z.string().regex(/^\d{4}$/, 'YYYY') });

const Basis = z.enum(['calendar', 'working']);
export const SlaTargetSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.enum(['minutes', 'hours', 'working_days']), amount: z.number().positive().max(100_000), basis: Basis }),
  z.strictObject({ unit: z.literal('same_day'), basis: z.literal('working') }),
  z.strictObject({ unit: z.literal('fixed'), basis: z.literal('calendar') }),
]);

export const SlaRuleSchema = z.strictObject({
  clock: z.enum(CLOCK_KINDS),
  caseType: z.enum(CASE_TYPES).optional(),
  category: ShortText.optional(),
  repairGrade: z.enum(REPAIR_GRADES).optional(),
  customerGrade: z.enum(CUSTOMER_GRADES).optional(),
  target: SlaTargetSchema,
  warnAt: z.number().gt(0).lt(1).nullable().optional(),
  escalationDelays: z.array(z.number().int().min(0).max(100_000)).max(5).optional(),
});
export const SlaRulesBodySchema = z.strictObject({ rules: z.array(SlaRuleSchema).max(200) });

export const TimelinessQuerySchema = z.object({
  groupBy: z.enum(['staff', 'department', 'project', 'type', 'month', 'clock']).default('month'),
  /** Local dates, due dates in [from, to). Default: the current month. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  projectId: z.string().max(64).optional(),
});

export const NotificationsQuerySchema = z.object({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const OutcomesQuerySchema = z.object({
  groupBy: z.enum(['month', 'department', 'project', 'staff', 'type']).default('month'),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  projectId: z.string().max(64).optional(),
});
