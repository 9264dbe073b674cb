import {
  DEFECT_SEVERITIES,
  DEFECT_STATUSES,
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  INSPECTION_TRIGGERS,
  SPECIALTIES,
  WEATHER_WARNING_KINDS,
} from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, ShortText } from './common.ts';

/**
 * Scored checks (issue 15 item 1, decision 0034): checklist templates, checks of the seven kinds done
 * on a phone (results item by item, photos, the signatures of inspector and inspected, the report),
 * the month's night checks and the weather warnings that schedule them, and the supervising
 * department's communication audits with their drawn sample of cases.
 */

const SpecialtySchema = z.enum(SPECIALTIES);
const KindSchema = z.enum(INSPECTION_KINDS);
const StatusSchema = z.enum(INSPECTION_STATUSES);
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const Flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

// --- checklist templates ----------------------------------------------------------------------------

export const ChecklistItemSchema = z.object({ id: z.string(), text: z.string(), specialty: SpecialtySchema, points: z.number().int() });
const ChecklistItemInputSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _')
    .optional()
    .describe('Kept across edits so that checks already begun keep matching; given when absent'),
  text: z.string().max(500),
  specialty: SpecialtySchema,
  points: z.number().describe('The item’s full points: a whole number 1–100'),
});
export const ChecklistTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: KindSchema,
  items: z.array(ChecklistItemSchema),
  totalPoints: z.number().int(),
  active: z.boolean(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export const ChecklistTemplateListSchema = z.object({ items: z.array(ChecklistTemplateSchema) });
export const ChecklistTemplateListQuerySchema = z.object({ kind: KindSchema.optional(), active: Flag });
export const CreateChecklistTemplateSchema = z.strictObject({
  name: ShortText,
  kind: KindSchema,
  items: z.array(ChecklistItemInputSchema).max(100),
});
export const UpdateChecklistTemplateSchema = z.strictObject({
  name: ShortText.optional(),
  items: z.array(ChecklistItemInputSchema).max(100).optional().describe('The whole list: checks begun keep the list they began with'),
  active: z.boolean().optional(),
});

// --- checks -----------------------------------------------------------------------------------------

const PhotoIds = z.array(IdSchema).max(9);
export const ItemResultInputSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ itemId: z.string().min(1).max(32), outcome: z.literal('pass') }),
  z.strictObject({ itemId: z.string().min(1).max(32), outcome: z.literal('na') }),
  z.strictObject({
    itemId: z.string().min(1).max(32),
    outcome: z.literal('fail'),
    deduction: z.number().describe('Points taken off: 1 up to the item’s points'),
    note: z.string().max(2000).describe('What was found (required)'),
    severity: z.enum(DEFECT_SEVERITIES).optional().describe('Of the defect it opens on submission (default general)'),
    causedByStaff: z.boolean().optional().describe('Caused by staff: always on the daily sheet'),
    photoIds: PhotoIds.optional().describe('Photos of this finding (uploaded after the check began); they go to its defect'),
  }),
]);
const ItemResultSchema = z.object({
  itemId: z.string(),
  outcome: z.enum(['pass', 'na', 'fail']),
  deduction: z.number().optional(),
  note: z.string().optional(),
  severity: z.enum(DEFECT_SEVERITIES).optional(),
  causedByStaff: z.boolean().optional(),
  photoIds: z.array(z.string()).optional(),
});
const ScoreLineSchema = z.object({ possible: z.number(), awarded: z.number(), failed: z.number().int() });
export const CheckScoreSchema = z.object({
  possible: z.number(),
  awarded: z.number(),
  percent: z.number().nullable().describe('awarded / possible × 100, one decimal'),
  failed: z.number().int(),
  unanswered: z.number().int(),
  bySpecialty: z.partialRecord(SpecialtySchema, ScoreLineSchema),
});
const PhotoFlagSchema = z.object({
  attachmentId: z.string(),
  kind: z.enum(['same_file', 'same_picture']),
  earlierCheckId: z.string().describe('The check (patrol check or scored check) whose photo it repeats'),
  distance: z.number().int(),
});
export const AuditSampleSchema = z.object({
  seed: z.number().int().describe('The draw’s seed: the same population and seed give the same sample'),
  from: LocalDateSchema,
  to: LocalDateSchema,
  requested: z.number().int(),
  population: z.number().int().describe('Cases of the project received in the period'),
  cases: z.array(z.object({ id: z.string(), number: z.string(), type: z.string(), channel: z.string(), status: z.string(), createdAt: InstantSchema })),
  figures: z.object({
    casesReceived: z.number().int(),
    complaintClocks: z.object({ met: z.number().int(), breached: z.number().int(), rate: z.number().nullable() }).describe('投诉处理及时率 of the period'),
    satisfaction: z
      .object({ satisfied: z.number().int(), asked: z.number().int(), rate: z.number().nullable() })
      .describe('满意率 of cases closed in the period'),
    languageOverrides: z
      .object({ count: z.number().int(), staff: z.number().int() })
      .optional()
      .describe('服务用语: flagged texts sent anyway (仍然发送) in the period, and by how many staff (absent on audits begun before it was kept)'),
  }),
  archive: z
    .object({
      requested: z.number().int(),
      population: z.number().int().describe('Owners tied to the project’s units when the audit began'),
      owners: z.array(z.object({ id: z.string(), name: z.string().describe('Masked'), updatedAt: InstantSchema })),
    })
    .optional()
    .describe('The archive’s spot check: owner records drawn with seed + 1 (absent on audits begun before it was kept)'),
});
export const InspectionSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: KindSchema,
  title: z.string(),
  trigger: z.enum(INSPECTION_TRIGGERS),
  weatherWarningId: z.string().nullable(),
  scheduledOn: LocalDateSchema.nullable(),
  inspectorId: z.string().nullable(),
  inspectedStaffId: z.string().nullable(),
  inspectedName: z.string().nullable(),
  status: StatusSchema,
  startedAt: InstantSchema.nullable(),
  submittedAt: InstantSchema.nullable(),
  percent: z.number().nullable(),
  failed: z.number().int(),
});
export const InspectionSchema = InspectionSummarySchema.extend({
  templateId: z.string().nullable(),
  items: z.array(ChecklistItemSchema).describe('The checklist as it was when the check began'),
  results: z.array(ItemResultSchema),
  score: CheckScoreSchema.nullable().describe('Kept on submission; while in progress, the score so far'),
  photoIds: z.array(z.string()),
  photoFlags: z.array(PhotoFlagSchema).describe('Photos or signatures repeating an earlier check’s (the same file, or the same picture)'),
  inspectorSignatureId: z.string().nullable(),
  inspectedSignatureId: z.string().nullable(),
  signaturesRequired: z.object({ inspector: z.boolean(), inspected: z.boolean() }),
  reportRequired: z.boolean(),
  report: z.string().nullable(),
  sample: AuditSampleSchema.nullable().describe('A communication audit’s drawn cases and the period’s figures'),
  defects: z.array(
    z.object({
      id: z.string(),
      itemId: z.string().nullable(),
      severity: z.enum(DEFECT_SEVERITIES),
      status: z.enum(DEFECT_STATUSES),
      onDailySheet: z.boolean(),
    }),
  ),
  createdAt: InstantSchema,
});
export const InspectionListSchema = z.object({ items: z.array(InspectionSummarySchema) });
export const InspectionListQuerySchema = z.object({
  projectId: IdSchema.optional(),
  kind: KindSchema.optional(),
  status: StatusSchema.optional(),
  month: MonthSchema.optional().describe('Begun that local month (or, not begun, scheduled in it)'),
  mine: Flag.describe('Only the checks I make'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const inspectedFields = {
  inspectedStaffId: IdSchema.nullable().optional().describe('The staff member inspected, if one'),
  inspectedName: z.string().trim().max(100).nullable().optional().describe('Or the post or team inspected, in words (e.g. 北门岗)'),
};
export const StartInspectionSchema = z.strictObject({
  projectId: IdSchema,
  templateId: IdSchema,
  title: ShortText.nullable().optional(),
  scheduledOn: LocalDateSchema.nullable().optional(),
  ...inspectedFields,
});
export const BeginScheduledInspectionSchema = z.strictObject({
  templateId: IdSchema.nullable().optional().describe('Required when the scheduled check has no checklist yet'),
  ...inspectedFields,
});
export const SaveInspectionSchema = z.strictObject({
  results: z.array(ItemResultInputSchema).max(200).optional().describe('Items answered now; an item answered again is replaced'),
  photoIds: PhotoIds.optional().describe('More photos of the check (uploaded by the inspector after it began)'),
  inspectorSignatureId: IdSchema.nullable().optional().describe('The inspector’s signature, an image uploaded after the check began'),
  inspectedSignatureId: IdSchema.nullable().optional().describe('The inspected person’s signature (signed on the inspector’s phone)'),
  report: z.string().max(10_000).nullable().optional(),
  ...inspectedFields,
});
export const SubmitInspectionSchema = z.strictObject({
  report: z.string().max(10_000).nullable().optional().describe('The inspection report (required for the monthly, quarterly and communication checks)'),
  verifications: z
    .array(z.strictObject({ defectId: IdSchema, passed: z.boolean(), note: z.string().max(500).nullable().optional() }))
    .max(50)
    .optional()
    .describe('Closures of the project’s defects verified at this check'),
});

// --- night checks and weather warnings --------------------------------------------------------------

export const WeatherWarningSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(WEATHER_WARNING_KINDS),
  level: z.string().nullable(),
  fromDate: LocalDateSchema,
  toDate: LocalDateSchema,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: InstantSchema,
});
export const WeatherWarningListSchema = z.object({ items: z.array(WeatherWarningSchema) });
export const WeatherWarningListQuerySchema = z.object({ projectId: IdSchema.optional(), month: MonthSchema.optional() });
export const CreateWeatherWarningSchema = z.strictObject({
  projectId: IdSchema,
  kind: z.enum(WEATHER_WARNING_KINDS),
  level: z.string().trim().max(32).nullable().optional().describe('e.g. 黄色 / 橙色 / 红色'),
  fromDate: LocalDateSchema.describe('The first night under the warning'),
  toDate: LocalDateSchema.describe('The last night (at most 31 nights; not before today)'),
  note: z.string().trim().max(500).nullable().optional(),
});
export const WeatherWarningCreatedSchema = z.object({
  warning: WeatherWarningSchema,
  scheduled: z.array(z.object({ id: z.string(), scheduledOn: LocalDateSchema })).describe('The night checks scheduled, one a night from today'),
});
export const NightChecksQuerySchema = z.object({ projectId: IdSchema, month: MonthSchema.optional().describe('Default: this local month') });
export const NightChecksSchema = z.object({
  projectId: z.string(),
  month: MonthSchema,
  required: z.number().int(),
  done: z.number().int(),
  doneNights: z.array(LocalDateSchema).describe('The nights checked (a check begun before 06:00 counts for the night before)'),
  warningNightsOwed: z.array(LocalDateSchema),
  owed: z.number().int(),
  state: z.enum(['met', 'owed', 'missed']),
  warnings: z.array(WeatherWarningSchema),
  checks: z.array(InspectionSummarySchema),
});

// --- communication audits ---------------------------------------------------------------------------

export const StartCommunicationAuditSchema = z.strictObject({
  projectId: IdSchema,
  from: LocalDateSchema.describe('First day of the period audited'),
  to: LocalDateSchema.describe('Last day (inclusive; at most a year after from)'),
  sampleSize: z.number().int().min(1).max(50).describe('Cases drawn at random from those received in the period'),
  archiveSize: z.number().int().min(0).max(50).optional().describe('Owner records drawn at random from the project’s archive (default: sampleSize)'),
  templateId: IdSchema.nullable().optional().describe('Default: the organization’s communication-audit checklist in use'),
  title: ShortText.nullable().optional(),
});

// --- checks owed: night checks and the quality department's monthly and quarterly checks -----------

const DutyStateSchema = z.enum(['met', 'owed', 'missed']);
const QualityDutySchema = z.object({
  period: z.string().describe('YYYY-MM for the monthly check, YYYY-Qn for the quarterly one'),
  firstMonth: MonthSchema,
  lastMonth: MonthSchema,
  done: z.number().int().describe('Submitted checks of the kind begun in the period'),
  state: DutyStateSchema.describe('met once one is done; owed while the period lasts; missed once it is over with none'),
});
export const CheckDutiesQuerySchema = z.object({
  month: MonthSchema.optional().describe('Default: this local month'),
  projectId: IdSchema.optional().describe('One project; default every project in scope'),
});
export const CheckDutiesSchema = z.object({
  month: MonthSchema,
  items: z.array(
    z.object({
      projectId: z.string(),
      projectName: z.string(),
      night: z.object({ required: z.number().int(), done: z.number().int(), owed: z.number().int(), state: DutyStateSchema }).describe('夜间查岗 of the month'),
      monthly: QualityDutySchema.describe('品质部月检: the management check of the month'),
      quarterly: QualityDutySchema.describe('品质部季检: the property check of the month’s quarter'),
    }),
  ),
});
