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
  z.strictObject({ unit: z.literal('same_day'), basis: z.literal('working'), lateIntakeHours: z.number().min(0).max(24).optional() }),
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

// --- responses -------------------------------------------------------------------------------------

const Instant = z.string().describe('ISO-8601 UTC instant');
const Week = z.array(z.array(WorkingSpanSchema)).describe('working spans per weekday, Sunday first');

export const ProjectCalendarViewSchema = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  week: Week,
  makeupSpans: z.array(WorkingSpanSchema).nullable(),
  holidays: z.array(z.string()),
  makeupWorkdays: z.array(z.string()),
  configured: z.boolean().describe('false: the office week applies'),
  years: z.array(z.string()).describe('holiday years loaded'),
});
export const RecomputedSchema = z.object({ recomputedCases: z.number().int().describe('cases whose running clocks moved') });
export const ProjectCalendarSavedSchema = ProjectCalendarViewSchema.extend(RecomputedSchema.shape);

export const CalendarYearViewSchema = z.object({
  year: z.string(),
  holidays: z.array(z.string()),
  makeupWorkdays: z.array(z.string()),
  source: z.string().nullable(),
  loadedBy: z.string().nullable(),
  loadedAt: Instant.nullable(),
});
export const CalendarYearLoadedSchema = z
  .object({ year: z.string(), holidays: z.number().int(), makeupWorkdays: z.number().int() })
  .extend(RecomputedSchema.shape);

export const SlaRulesViewSchema = z.object({ projectId: z.string(), rules: z.array(SlaRuleSchema) });
export const SlaRulesSavedSchema = SlaRulesViewSchema.extend(RecomputedSchema.shape);

/** 时限说明: every clock of a case, with its rule, pauses, due instant and result in the caller's language. */
export const CaseSlaSchema = z.object({
  caseId: z.string(),
  calendar: z.object({ timeZone: z.string(), week: Week, years: z.array(z.string()) }),
  clocks: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(CLOCK_KINDS),
      label: z.string(),
      basis: Basis,
      target: SlaTargetSchema,
      targetText: z.string(),
      rule: z.object({
        caseType: z.enum(CASE_TYPES).nullable(),
        category: z.string().nullable(),
        repairGrade: z.enum(REPAIR_GRADES).nullable(),
        customerGrade: z.enum(CUSTOMER_GRADES).nullable(),
      }),
      startedAt: Instant,
      pauses: z.array(z.object({ from: Instant, to: Instant.nullable(), reason: z.string().nullable() })),
      dueAt: Instant.nullable(),
      warnAt: Instant.nullable(),
      stoppedAt: Instant.nullable(),
      result: z.enum(['met', 'breached', 'cancelled']).nullable(),
      running: z.boolean(),
      paused: z.boolean(),
      /** How late (stopped: at its stop; running: now), in the clock's basis and in calendar minutes. */
      lateMinutes: z.number().nullable(),
      lateCalendarMinutes: z.number().nullable(),
      lateText: z.string().nullable(),
      remainingText: z.string().nullable(),
      warned: z.boolean(),
      escalations: z.number().int(),
      nextAlertAt: Instant.nullable(),
    }),
  ),
});

export const NotificationSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  recipientId: z.string(),
  caseId: z.string().nullable(),
  kind: z.string().describe('sla_warning, sla_escalation, sla_digest, case_escalated (a complaint reached your level)'),
  data: z.record(z.string(), z.unknown()),
  createdAt: Instant,
  readAt: Instant.nullable(),
});

/** The unread badge's number: counted by the server, not by downloading the list. */
export const UnreadCountSchema = z.object({ count: z.number().int().min(0) });

const Rate = z.number().nullable().describe('0..1, null when nothing counted');
export const TimelinessReportSchema = z.object({
  groupBy: TimelinessQuerySchema.shape.groupBy.unwrap(),
  from: z.string(),
  to: z.string(),
  counts: z.literal('clocks').describe('What the figures count: time limits (a case may have several: acceptance, contact, completion…)'),
  dated: z.literal('due').describe('Which clocks the period takes: those due in [from, to) — met, or breached (a running clock past due counts breached)'),
  rows: z.array(z.object({ key: z.string().nullable(), met: z.number().int(), breached: z.number().int(), total: z.number().int(), rate: Rate })),
  total: z.object({ met: z.number().int(), breached: z.number().int(), total: z.number().int(), rate: Rate }),
});
export const OutcomesReportSchema = z.object({
  groupBy: OutcomesQuerySchema.shape.groupBy.unwrap(),
  from: z.string(),
  to: z.string(),
  counts: z.literal('cases').describe('What the figures count: cases'),
  dated: z.literal('closed').describe('Which cases the period takes: those closed in [from, to)'),
  rows: z.array(
    z.object({
      key: z.string(),
      closed: z.number().int().describe('Cases closed in the period, out-of-scope closures included'),
      outOfScope: z.number().int().describe('Of those, closed as outside the office’s remit (不属于物业服务范围): reported apart, left out of successRate'),
      reopened: z.number().int().describe('Of those, reopened at least once before this closing'),
      resolvedFirstTime: z.number().int().describe('Of those, resolved with the owner satisfied and never reopened'),
      successRate: Rate.describe('问题处理成功率 = resolvedFirstTime / (closed − outOfScope)'),
      satisfactionRate: Rate.describe('Per-case: satisfied / asked at closing'),
      averageRating: z.number().nullable(),
    }),
  ),
  complaintCategories: z.array(z.object({ category: z.string().nullable(), count: z.number().int() })),
  surveys: z
    .array(
      z.object({
        projectId: z.string(),
        surveyId: z.string(),
        title: z.string(),
        closedAt: z.string(),
        answers: z.number().int(),
        rate: Rate,
        low: z.number().describe('95% Wilson interval'),
        high: z.number(),
        target: z.number(),
        belowTarget: z.boolean(),
      }),
    )
    .describe('业主满意度 from surveys: each project’s latest closed survey (4–5 over answers), shown beside the per-case ratings above'),
});
