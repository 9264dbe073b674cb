import { DEFECT_SEVERITIES, DEFECT_STATUSES, INSPECTION_POINT_KINDS, PATROL_PLAN_KINDS, RECTIFICATION_STATUSES, SPECIALTIES } from '@guanjia/vocabulary';
import { z } from 'zod';
import { IdSchema, InstantSchema, LocalDateSchema, LongText, ShortText } from './common.ts';

/**
 * Supervising on site (issue 15, decision 0034): inspection points and their printed codes, patrol and
 * maintenance plans, the tasks they make and each point's check (scan, then record with the one-time
 * ticket), defects (不合格项) to closure and rectification notices (整改通知).
 */

const SpecialtySchema = z.enum(SPECIALTIES);
const GradeSchema = z.enum(['early', 'on_time', 'late', 'missed']);
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const GeoFixSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).describe('The phone’s stated accuracy in metres'),
});

// --- points -----------------------------------------------------------------------------------------

export const InspectionPointSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  kind: z.enum(INSPECTION_POINT_KINDS),
  specialty: SpecialtySchema,
  place: z.string().nullable(),
  buildingId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  radiusM: z.number().int(),
  active: z.boolean(),
  codeGeneration: z.number().int().describe('Raised each time the code is re-issued: older prints are refused'),
  codeValidUntil: LocalDateSchema.describe('The last local day the current print is valid'),
  codeState: z.enum(['valid', 'renew_soon', 'expired']),
});
export const InspectionPointListSchema = z.object({ items: z.array(InspectionPointSchema) });
export const InspectionPointListQuerySchema = z.object({ projectId: IdSchema.optional() });
const pointFields = {
  name: ShortText,
  kind: z.enum(INSPECTION_POINT_KINDS),
  specialty: SpecialtySchema,
  place: z.string().trim().max(200).nullable().optional().describe('Where it is, in words (e.g. 2栋地下室水泵房)'),
  buildingId: IdSchema.nullable().optional(),
  latitude: z.number().min(-90).max(90).describe('Where the point is: every check is placed against it (用当前位置 in the console)'),
  longitude: z.number().min(-180).max(180),
  radiusM: z.number().int().min(5).max(1000).nullable().optional().describe('How far from its coordinates a check is accepted (default 50 m)'),
};
export const CreateInspectionPointSchema = z.strictObject({ projectId: IdSchema, ...pointFields });
export const UpdateInspectionPointSchema = z.strictObject({
  name: ShortText.optional(),
  kind: z.enum(INSPECTION_POINT_KINDS).optional(),
  specialty: SpecialtySchema.optional(),
  place: pointFields.place,
  buildingId: pointFields.buildingId,
  latitude: pointFields.latitude.optional(),
  longitude: pointFields.longitude.optional(),
  radiusM: pointFields.radiusM,
  active: z.boolean().optional(),
});
export const PointCodeSchema = z.object({
  point: InspectionPointSchema,
  code: z.string().describe('The text of the printed QR code: GJP1.<point>.<generation>.<valid until>.<signature>'),
});

// --- plans ------------------------------------------------------------------------------------------

export const PatrolRepeatSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekdays'), weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7) }),
  z.strictObject({
    kind: z.literal('days_of_month'),
    days: z
      .array(
        z
          .number()
          .int()
          .min(-1)
          .max(31)
          .refine((d) => d !== 0, 'not 0'),
      )
      .min(1)
      .max(31),
  }),
]);
export const PatrolRouteStopSchema = z.strictObject({
  pointId: IdSchema,
  offsetMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .describe('Minutes after the round starts that the point’s window opens'),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
const planFields = {
  name: ShortText,
  kind: z.enum(PATROL_PLAN_KINDS),
  specialty: SpecialtySchema,
  repeat: PatrolRepeatSchema,
  rounds: z.array(LocalTime).min(1).max(24).describe('Local start times of the rounds, e.g. ["08:00","14:00","20:00"]'),
  route: z.array(PatrolRouteStopSchema).min(1).max(200),
  inspectors: z.array(IdSchema).min(1).max(20).describe('In order of preference: the first on duty that day gets the task'),
  leadMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .describe('A task appears this long before its round'),
  lateMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .describe('A check after its window but within this is late (else missed)'),
  makeupHours: z.number().int().min(0).max(72).describe('Make-up checks (补检) allowed this long after the round; 0: none'),
  acceptorId: IdSchema.nullable().optional().describe('Maintenance plans: who accepts (验收) the work'),
};
export const CreatePatrolPlanSchema = z.strictObject({ projectId: IdSchema, ...planFields });
export const UpdatePatrolPlanSchema = z.strictObject({ ...planFields, active: z.boolean() });
export const PatrolPlanSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  kind: z.enum(PATROL_PLAN_KINDS),
  specialty: SpecialtySchema,
  repeat: PatrolRepeatSchema,
  rounds: z.array(z.string()),
  route: z.array(PatrolRouteStopSchema),
  inspectors: z.array(z.string()),
  leadMinutes: z.number().int(),
  lateMinutes: z.number().int(),
  makeupHours: z.number().int(),
  acceptorId: z.string().nullable(),
  active: z.boolean(),
  generatedThrough: LocalDateSchema.nullable(),
});
export const PatrolPlanListSchema = z.object({ items: z.array(PatrolPlanSchema) });
export const ProjectFilterQuerySchema = z.object({ projectId: IdSchema.optional() });

// --- tasks and checks -------------------------------------------------------------------------------

const TaskStatusSchema = z.enum(['open', 'done', 'incomplete', 'overdue']);
const AwaitingSchema = z.object({ id: z.string(), description: z.string(), closureNote: z.string().nullable(), closedAt: InstantSchema.nullable() });
export const PatrolTaskListQuerySchema = z.object({
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  projectId: IdSchema.optional(),
  date: LocalDateSchema.optional(),
  status: TaskStatusSchema.optional(),
});
export const PatrolTaskListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      projectId: z.string(),
      planId: z.string(),
      kind: z.enum(PATROL_PLAN_KINDS),
      date: LocalDateSchema,
      round: z.string(),
      assigneeId: z.string().nullable(),
      startsAt: InstantSchema,
      endsAt: InstantSchema,
      status: TaskStatusSchema,
      points: z.number().int(),
      checked: z.number().int(),
      abnormal: z.number().int(),
      acceptance: z.enum(['accepted', 'rejected']).nullable(),
    }),
  ),
});
const PhotoFlagSchema = z.object({
  attachmentId: z.string(),
  kind: z.enum(['same_file', 'same_picture']),
  earlierCheckId: z.string(),
  distance: z.number().int(),
});
export const PatrolTaskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  planId: z.string(),
  planName: z.string(),
  kind: z.enum(PATROL_PLAN_KINDS),
  date: LocalDateSchema,
  round: z.string(),
  assigneeId: z.string().nullable(),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  makeupUntil: InstantSchema.nullable(),
  status: TaskStatusSchema,
  finishedAt: InstantSchema.nullable(),
  transferredFrom: z.string().nullable(),
  transferReason: z.string().nullable(),
  acceptance: z.enum(['accepted', 'rejected']).nullable(),
  acceptedBy: z.string().nullable(),
  acceptanceNote: z.string().nullable(),
  checks: z.array(
    z.object({
      pointId: z.string(),
      pointName: z.string(),
      place: z.string().nullable(),
      specialty: SpecialtySchema,
      seq: z.number().int(),
      opensAt: InstantSchema,
      closesAt: InstantSchema,
      checkedAt: InstantSchema.nullable(),
      grade: GradeSchema.nullable(),
      result: z.enum(['normal', 'abnormal']).nullable(),
      note: z.string().nullable(),
      distanceM: z.number().int().nullable(),
      photoIds: z.array(z.string()),
      photoFlags: z.array(PhotoFlagSchema).describe('Photos found to repeat an earlier check’s (the same file, or the same picture)'),
      makeup: z.boolean(),
      defectId: z.string().nullable(),
      awaitingVerification: z.array(AwaitingSchema).describe('Closed defects of this point to verify at this check'),
    }),
  ),
});
export const ScanPointSchema = z.strictObject({
  code: z.string().trim().min(1).max(300).describe('The scanned text of the point’s QR code'),
  position: GeoFixSchema.nullable(),
});
export const ScanResultSchema = z.object({
  ticket: z.string().describe('One-time scan ticket: record the check with it within validMinutes'),
  validMinutes: z.number().int(),
  point: z.object({ id: z.string(), name: z.string(), place: z.string().nullable(), specialty: SpecialtySchema }),
  distanceM: z.number().int().nullable(),
  grade: GradeSchema,
  makeup: z.boolean(),
  awaitingVerification: z.array(AwaitingSchema),
});
export const RecordCheckSchema = z.strictObject({
  ticket: z.string().min(1).max(300),
  result: z.enum(['normal', 'abnormal']),
  note: z.string().trim().max(2000).nullable().optional().describe('Required when abnormal: what was found'),
  photoIds: z.array(IdSchema).max(9).describe('Photos uploaded after the scan (at least one)'),
  position: GeoFixSchema.nullable().optional(),
  severity: z.enum(DEFECT_SEVERITIES).optional(),
  causedByStaff: z.boolean().optional(),
  responsibleId: IdSchema.nullable().optional(),
  verifications: z
    .array(z.strictObject({ defectId: IdSchema, passed: z.boolean(), note: z.string().max(500).nullable().optional() }))
    .max(50)
    .optional(),
});
export const CheckRecordedSchema = z.object({
  checkId: z.string(),
  grade: GradeSchema,
  defectId: z.string().nullable(),
  photoFlags: z.array(PhotoFlagSchema),
});
export const TransferTaskSchema = z.strictObject({ toStaffId: IdSchema, reason: LongText });
export const AcceptTaskSchema = z.strictObject({ accepted: z.boolean(), note: z.string().trim().max(2000).nullable().optional() });

// --- defects and rectification ----------------------------------------------------------------------

export const DefectSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  sourceType: z.enum(['inspection', 'patrol', 'manual']),
  sourceId: z.string().nullable(),
  pointId: z.string().nullable(),
  itemId: z.string().nullable(),
  specialty: SpecialtySchema,
  severity: z.enum(DEFECT_SEVERITIES),
  causedByStaff: z.boolean(),
  onDailySheet: z.boolean().describe('On the daily sheet (日检表): not a minor one closed within 30 minutes, unless staff caused it'),
  description: z.string(),
  photoIds: z.array(z.string()),
  responsibleId: z.string().nullable(),
  foundBy: z.string().nullable(),
  foundAt: InstantSchema,
  deadline: InstantSchema,
  status: z.enum(DEFECT_STATUSES),
  clock: z.enum(['on_time', 'at_risk', 'overdue', 'closed_on_time', 'closed_late']),
  closureNote: z.string().nullable(),
  closurePhotoIds: z.array(z.string()),
  closedAt: InstantSchema.nullable(),
  closedBy: z.string().nullable(),
  verifiedAt: InstantSchema.nullable(),
  verifiedBy: z.string().nullable(),
  reopenCount: z.number().int(),
  escalationLevel: z.number().int(),
  caseId: z.string().nullable(),
  rectificationId: z.string().nullable(),
});
export const DefectListSchema = z.object({ items: z.array(DefectSchema) });
export const DefectListQuerySchema = z.object({
  projectId: IdSchema.optional(),
  status: z.enum(DEFECT_STATUSES).optional(),
  pointId: IdSchema.optional(),
  caseId: IdSchema.optional().describe('The defect a case was opened from (the case’s way back to it)'),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  dailySheet: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only what the daily sheet (日检表) keeps — not a minor defect closed within 30 minutes, unless staff caused it'),
  foundOn: z.iso.date().optional().describe('Found on this local date (the daily sheet of a day)'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const CreateDefectSchema = z.strictObject({
  projectId: IdSchema,
  specialty: SpecialtySchema,
  severity: z.enum(DEFECT_SEVERITIES),
  causedByStaff: z.boolean(),
  description: LongText,
  responsibleId: IdSchema.nullable().optional(),
  pointId: IdSchema.nullable().optional(),
  photoIds: z.array(IdSchema).max(9).optional(),
});
export const CloseDefectSchema = z.strictObject({ note: z.string().max(2000), photoIds: z.array(IdSchema).max(9).optional() });
export const VerifyDefectSchema = z.strictObject({ passed: z.boolean() });
export const ReassignDefectSchema = z.strictObject({ responsibleId: IdSchema, deadline: InstantSchema.nullable().optional() });
export const DefectCaseSchema = z.strictObject({
  type: z.enum(['repair', 'inquiry', 'suggestion']),
  title: ShortText.nullable().optional(),
  unitId: IdSchema.nullable().optional(),
  ownerId: IdSchema.nullable().optional(),
  category: z.string().max(64).nullable().optional(),
});

export const RectificationSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  requirement: z.string(),
  defectIds: z.array(z.string()),
  issuedBy: z.string(),
  issuedAt: InstantSchema,
  responsibleId: z.string(),
  deadline: InstantSchema,
  round: z.number().int(),
  status: z.enum(RECTIFICATION_STATUSES),
  measures: z.string().nullable(),
  measuresAt: InstantSchema.nullable(),
  report: z.string().nullable(),
  reportedAt: InstantSchema.nullable(),
  reinspectedBy: z.string().nullable(),
  reinspectedAt: InstantSchema.nullable(),
  reinspectionNote: z.string().nullable(),
  escalationLevel: z.number().int(),
  escalatedAt: InstantSchema.nullable(),
  late: z.boolean(),
});
export const RectificationListSchema = z.object({ items: z.array(RectificationSchema) });
export const RectificationListQuerySchema = z.object({ projectId: IdSchema.optional(), status: z.enum(RECTIFICATION_STATUSES).optional() });
export const IssueRectificationSchema = z.strictObject({
  projectId: IdSchema,
  title: ShortText,
  requirement: LongText,
  defectIds: z.array(IdSchema).min(1).max(100),
  responsibleId: IdSchema,
  deadline: InstantSchema,
});
export const RectificationStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('measures'), measures: z.string().max(4000) }),
  z.strictObject({ kind: z.literal('report'), report: z.string().max(4000) }),
  z.strictObject({
    kind: z.literal('reinspect'),
    passed: z.boolean(),
    note: z.string().max(2000).nullable().optional(),
    deadline: InstantSchema.nullable().optional(),
  }),
]);

export type CreatePatrolPlanInput = z.infer<typeof CreatePatrolPlanSchema>;
export type RecordCheckInput = z.infer<typeof RecordCheckSchema>;

// --- the monthly bulletin ---------------------------------------------------------------------------

export const BulletinQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  projectId: IdSchema.optional(),
});
export const BulletinExportQuerySchema = BulletinQuerySchema.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
const BulletinLineSchema = z.object({
  specialty: SpecialtySchema,
  checks: z.number().int(),
  possible: z.number(),
  awarded: z.number(),
  percent: z.number().nullable().describe('Points kept of the applicable ones, in percent (one decimal)'),
  defects: z.number().int(),
  serious: z.number().int(),
  causedByStaff: z.number().int(),
  closedOnTime: z.number().int(),
  closedLate: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  verified: z.number().int(),
});
export const BulletinSchema = z.object({
  month: z.string(),
  projects: z.array(
    z.object({
      projectId: z.string(),
      projectName: z.string(),
      lines: z.array(BulletinLineSchema),
      patrol: z.object({
        checks: z.number().int(),
        early: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        missed: z.number().int(),
        punctuality: z.number().nullable().describe('(early + on time) / point checks, 0..1'),
      }),
      byKind: z.record(z.string(), z.number().int()).describe('Scored checks of the month by kind'),
    }),
  ),
});
