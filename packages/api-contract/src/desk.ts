import { z } from 'zod';
import { CASE_STATUSES, CASE_TYPES, CLOCK_KINDS, REPAIR_GRADES, STAFF_ROLES } from '@guanjia/vocabulary';
import { IdSchema, ShortText } from './common.ts';
import { CallerOutageSchema } from './outages.ts';

/**
 * Who and where at the desk (issue 10): the names, unit labels and clocks case screens show beside a
 * case, the owner card, the case-scoped phone reveal, dispatch's assignable staff, a technician's work
 * orders and the intake caller search.
 */

const Instant = z.string().describe('ISO-8601 UTC instant');

/** A phone number as people give it: digits, an optional leading +, spaces or dashes between groups. */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{3,22}[0-9]$/, 'digits (spaces or dashes between groups)');

/** Who called, as intake heard them: kept on the case even when no owner archive matches (the phone encrypted at rest). */
export const CallerInputSchema = z
  .strictObject({ name: ShortText.optional(), phone: PhoneNumberSchema.optional() })
  .describe('来电人: the caller’s name and phone as given; stored even with no ownerId and linked later (link_owner)');

/** The running clock that falls due first. */
export const NearestClockSchema = z
  .object({ kind: z.enum(CLOCK_KINDS), dueAt: Instant, overdue: z.boolean() })
  .nullable()
  .describe('the running clock that falls due first (null: none running)');

/** The who-and-where fields every staff case row carries (names masked per role: 张* unless the role may reveal). */
export const CaseRowPeopleSchema = z.object({
  ownerName: z.string().nullable().describe('the owner’s name, masked (张*) unless the role may reveal owner data'),
  callerName: z.string().nullable().describe('an unregistered caller’s name as given at intake (masked likewise)'),
  unitLabel: z.string().nullable().describe('楼栋-单元-房号, e.g. 1栋-1单元-101'),
  assigneeName: z.string().nullable(),
  departmentName: z.string().nullable(),
  nearestClock: NearestClockSchema,
});

const Person = z.object({ id: z.string(), name: z.string() }).nullable();

export const OwnerCardSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('masked (张*) unless the role may reveal owner data'),
    grade: z.string().describe('客户等级'),
    specialNeeds: z.string().nullable().describe('特殊需求: in full only for those who serve the owner on this case, else null'),
    hasSpecialNeeds: z.boolean(),
    preferredChannel: z.string().nullable(),
    doNotDisturb: z.array(z.object({ from: z.string(), to: z.string() })).describe('免打扰 times (local HH:mm)'),
    phoneMasked: z.string().nullable().describe('the primary phone, masked; reveal it with POST /api/cases/{id}/owner-phone'),
    units: z.array(z.object({ unitId: z.string(), label: z.string() })),
    openCases: z.object({
      count: z.number().int(),
      items: z.array(
        z.object({ id: z.string(), number: z.string(), type: z.enum(CASE_TYPES), status: z.enum(CASE_STATUSES), title: z.string(), createdAt: Instant }),
      ),
    }),
    recentInteractions: z
      .array(
        z.object({
          caseId: z.string(),
          caseNumber: z.string(),
          type: z.string(),
          channel: z.string().nullable(),
          direction: z.enum(['inbound', 'outbound']),
          content: z.string().nullable(),
          at: Instant,
        }),
      )
      .describe('the last 5 exchanges with the owner (said and told), newest first'),
  })
  .describe('业主卡片');

export const CaseClockViewSchema = z.object({
  id: z.string(),
  kind: z.enum(CLOCK_KINDS),
  startedAt: Instant,
  dueAt: Instant.nullable(),
  stoppedAt: Instant.nullable(),
  result: z.string().nullable(),
  lateMinutes: z.number().nullable(),
  running: z.boolean(),
  overdue: z.boolean(),
});

/** GET /api/cases/{id}/context: the case page's who and where. */
export const CaseContextSchema = z
  .object({
    caseId: z.string(),
    owner: OwnerCardSchema.nullable(),
    caller: z.object({ name: z.string().nullable(), phoneMasked: z.string().nullable() }).nullable().describe('来电人 as recorded at intake'),
    unit: z.object({ id: z.string(), label: z.string() }).nullable(),
    firstReceiver: Person.describe('首问负责人'),
    assignee: Person,
    department: Person,
    clocks: z.array(CaseClockViewSchema),
    canRevealPhone: z.boolean().describe('whether POST /api/cases/{id}/owner-phone answers this caller'),
  })
  .meta({ id: 'CaseContext' });

export const RevealOwnerPhoneSchema = z.strictObject({ reason: ShortText.optional().describe('why (the case is recorded anyway)') });
export const RevealedPhoneSchema = z.object({
  caseId: z.string(),
  source: z.enum(['owner', 'caller']).describe('the owner’s primary phone, or the unregistered caller’s'),
  name: z.string().nullable(),
  phone: z.string(),
});

export const AssignableStaffSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  openAssigned: z.number().int().describe('open cases already assigned (workload)'),
});
export const AssignableStaffListSchema = z.object({
  caseId: z.string(),
  departmentId: z.string().nullable().describe('the department whose people are listed (the case’s, or the one asked for)'),
  items: z.array(AssignableStaffSchema),
});
export const AssignableQuerySchema = z.object({ departmentId: IdSchema.optional().describe('list for a dispatch into this department instead') });

export const WorkOrderSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  projectId: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  repairGrade: z.enum(REPAIR_GRADES).nullable(),
  appointmentAt: Instant.nullable(),
  unitLabel: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerGrade: z.string().nullable(),
  phoneAvailable: z.boolean().describe('reveal it with POST /api/cases/{caseId}/owner-phone'),
  nearestClock: NearestClockSchema,
  reopenCount: z.number().int().min(0).describe('times the owner sent the work back (返工)'),
  satisfied: z.boolean().nullable().describe('the owner’s last verdict: false when not satisfied (不满意)'),
  createdAt: Instant,
  version: z.number().int(),
});
export const WorkOrderListSchema = z.object({ items: z.array(WorkOrderSchema) });

export const CallerSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(60).describe('phone (full or last 4 digits), name, or unit (1栋101, 1-1-101, 1单元101)'),
  projectId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const CallerSearchResultSchema = z.object({
  query: z.object({
    kind: z.array(z.enum(['phone', 'phone_last4', 'name', 'unit'])).describe('how the text was read'),
    unit: z.object({ building: z.string().nullable(), entrance: z.string().nullable(), room: z.string() }).nullable(),
  }),
  owners: z.array(
    z.object({
      ownerId: z.string(),
      name: z.string().describe('masked unless the role may reveal'),
      grade: z.string(),
      phoneMasked: z.string().nullable(),
      matchedBy: z.enum(['phone', 'name', 'unit']),
      units: z.array(z.object({ unitId: z.string(), projectId: z.string(), label: z.string() })),
    }),
  ),
  units: z.array(z.object({ unitId: z.string(), projectId: z.string(), label: z.string() })).describe('units the address names (for a caller with no archive)'),
  unlinkedCases: z
    .array(
      z.object({
        caseId: z.string(),
        number: z.string(),
        projectId: z.string(),
        callerName: z.string().nullable(),
        phoneMasked: z.string().nullable(),
        createdAt: Instant,
      }),
    )
    .describe('cases of unregistered callers with the same last 4 phone digits, not yet linked to an owner'),
  outages: z.array(CallerOutageSchema).describe('停水/停电…: active outages covering a unit of this answer, with what to tell the caller'),
});
