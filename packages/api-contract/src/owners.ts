import { z } from 'zod';
import { CHANNELS, OWNER_GRADES, VISIT_KINDS, VISIT_METHODS, VISIT_QUOTA_ROLES, VISIT_REASONS } from '@guanjia/vocabulary';
import { StaffCaseEventSchema, StaffCaseSummarySchema } from './cases.ts';
import { IdSchema, InstantSchema, LocalDateSchema, ShortText } from './common.ts';

export { OWNER_GRADES };
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const ContactInputSchema = z
  .strictObject({
    kind: z.enum(['phone', 'email', 'wechat']),
    value: z.string().trim().min(3).max(100),
    label: z.string().trim().max(50).nullish(),
    isPrimary: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'phone' && !/^\+?[0-9-]{5,20}$/.test(c.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'phone: digits only' });
    if (c.kind === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'email' });
  });

const OwnerFields = {
  name: ShortText,
  kind: z.enum(['owner', 'occupant']).optional(), // 产权人 / 使用人
  residency: z.enum(['permanent', 'temporary']).optional(),
  party: z.enum(['household', 'enterprise', 'developer']).optional(),
  grade: z.enum(OWNER_GRADES).optional(),
  gender: z.enum(['male', 'female']).nullish(),
  birthday: LocalDateSchema.nullish(),
  /** 居民身份证号码 (18) or another document number; stored encrypted, always shown masked. */
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,32}$/, 'letters and digits, 6–32')
    .nullish(),
  specialNeeds: z.string().trim().max(2000).nullish(),
  doNotDisturb: z
    .array(z.strictObject({ from: HHMM, to: HHMM }))
    .max(10)
    .optional(),
  preferredChannel: z.enum(CHANNELS).nullish(),
  responsibleAgentId: IdSchema.nullish(),
  householdMembers: z
    .array(z.strictObject({ name: ShortText, relation: z.string().trim().min(1).max(30), birthday: LocalDateSchema.nullish() }))
    .max(30)
    .optional(),
  notes: z.string().trim().max(2000).nullish(),
  /** Portal sign-in: a login (usually the phone) and an initial password. */
  portalLogin: z.string().trim().min(3).max(64).nullish(),
  portalPassword: z.string().min(8).max(200).nullish(),
};

/** A new archive as the desk types it in (入住登记, or the buyer of a 过户). */
const NewOwnerSchema = z.strictObject({ ...OwnerFields, contacts: z.array(ContactInputSchema).max(10).optional() });

/** 入住登记: one action creates the archive, links the unit and records the move-in date. */
export const MoveInSchema = z
  .strictObject({
    unitId: IdSchema,
    moveInDate: LocalDateSchema,
    relation: z.enum(['owner', 'occupant']).default('owner'),
    /** Register an existing archive in another unit (or back in a unit it left) instead of creating one. */
    ownerId: IdSchema.optional(),
    owner: NewOwnerSchema.optional(),
  })
  .refine((v) => !!v.ownerId !== !!v.owner, { path: ['owner'], message: 'give exactly one of owner or ownerId' });

/**
 * 迁出/过户: the owner's tie to the unit ends on `movedOutOn` (kept as history). A transfer (过户) ends
 * every 产权人 tie of the unit and moves the new 产权人 in — an existing archive (`newOwnerId`) or a
 * new one (`newOwner`) — in the same transaction; occupants stay until they move out themselves.
 */
export const MoveOutSchema = z
  .strictObject({
    unitId: IdSchema,
    movedOutOn: LocalDateSchema,
    reason: z.enum(['move_out', 'transfer']),
    note: z.string().trim().max(500).optional(),
    newOwnerId: IdSchema.optional(),
    newOwner: NewOwnerSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'transfer' && !!v.newOwnerId === !!v.newOwner)
      ctx.addIssue({ code: 'custom', path: ['newOwner'], message: 'a transfer names the new owner: exactly one of newOwner or newOwnerId' });
    if (v.reason === 'move_out' && (v.newOwnerId || v.newOwner))
      ctx.addIssue({ code: 'custom', path: [v.newOwnerId ? 'newOwnerId' : 'newOwner'], message: 'only a transfer names a new owner' });
  });

/** Archive edits: any subset of the fields; each accepted edit is an owner event with the changes. */
export const UpdateOwnerSchema = z
  .strictObject(OwnerFields)
  .partial()
  .extend({ expectedVersion: z.number().int().min(1).optional() });

export const AddContactSchema = ContactInputSchema;
export const LinkUnitSchema = z.strictObject({
  unitId: IdSchema,
  relation: z.enum(['owner', 'occupant']).default('owner'),
  moveInDate: LocalDateSchema.nullish(),
});
export const RevealSchema = z
  .strictObject({
    field: z.enum(['idNumber', 'contact']),
    contactId: IdSchema.optional(),
    reason: z.string().trim().min(2).max(200),
  })
  .refine((v) => v.field !== 'contact' || !!v.contactId, { path: ['contactId'], message: 'required when field is contact' });

/**
 * The owner list (业主): q is a name, a phone (whole, or its last 4 digits: 尾号) or a unit as written
 * (1-2-301, 1栋2单元301); filters by project, building, unit, grade and special needs; `tenure`:
 * current owners (default), former ones (moved out, 迁出/过户), or all.
 */
export const OwnerQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  projectId: IdSchema.optional(),
  buildingId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  grade: z.enum(OWNER_GRADES).optional(),
  /** 特殊困难和需求: owners with any (true) or none (false)… */
  hasSpecialNeeds: z.enum(['true', 'false']).optional(),
  /** …or whose needs contain this text. */
  specialNeeds: z.string().trim().min(1).max(100).optional(),
  tenure: z.enum(['current', 'former', 'all']).default('current'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const MaskedContactSchema = z.object({ id: z.string(), kind: z.string(), value: z.string(), label: z.string().nullable(), isPrimary: z.boolean() });
export const OwnerUnitSchema = z.object({
  unitId: z.string(),
  projectId: z.string(),
  unitCode: z.string(),
  buildingName: z.string(),
  projectName: z.string(),
  relation: z.string(),
  /** 主业主: the unit's one primary owner. */
  isPrimary: z.boolean(),
  moveInDate: z.string().nullable(),
  /** 迁出/过户: when the tie ended (only in `formerUnits`). */
  movedOutOn: z.string().nullable(),
});
export const OwnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  residency: z.string(),
  party: z.string(),
  grade: z.string(),
  gender: z.string().nullable(),
  birthday: z.string().nullable(),
  idNumber: z.string().nullable(),
  specialNeeds: z.string().nullable(),
  doNotDisturb: z.array(z.object({ from: z.string(), to: z.string() })),
  preferredChannel: z.string().nullable(),
  responsibleAgentId: z.string().nullable(),
  householdMembers: z.array(z.object({ name: z.string(), relation: z.string(), birthday: z.string().nullish() })),
  portalLogin: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(MaskedContactSchema),
  units: z.array(OwnerUnitSchema),
  /** Units the owner has left (迁出/过户), newest first: the history kept on the archive. */
  formerUnits: z.array(OwnerUnitSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

/** An owner's own unit as the portal shows it (where a new case is about, and its project's time zone). */
export const PortalUnitSchema = z.object({
  unitId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  buildingName: z.string(),
  unitCode: z.string(),
  relation: z.enum(['owner', 'occupant']),
  timeZone: z.string(),
});

/** A revealed value (logged in the audit with the reason). */
export const RevealedSchema = z.object({ field: z.enum(['idNumber', 'contact']), contactId: z.string().nullable(), value: z.string().nullable() });

/** A visit due to an owner: for now the new-owner visit (新业主回访) a move-in creates, due within one month (decision 0023). */
export const OwnerVisitSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  unitId: z.string().nullable(),
  unitLabel: z.string().nullable(),
  kind: z.enum(VISIT_KINDS),
  status: z.enum(['due', 'done', 'cancelled']),
  dueOn: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  // the plan and who visits (issue 14, decision 0029); null on a new-owner visit not yet assigned
  planId: z.string().nullable(),
  buildingId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  companionId: z.string().nullable(),
  companionName: z.string().nullable(),
  quotaRole: z.enum(VISIT_QUOTA_ROLES).nullable(),
  reason: z.enum(VISIT_REASONS).nullable(),
  plannedOn: z.string().nullable().describe('Local day'),
  plannedTime: z.string().nullable().describe('Local HH:mm; after 21:00 or inside 免打扰 only with requestReason'),
  requestReason: z.string().nullable().describe('The owner asked for this time'),
  appointmentAt: InstantSchema.nullable().describe('When the appointment was made with the owner (预约)'),
  method: z.enum(VISIT_METHODS).nullable(),
  visitedAt: InstantSchema.nullable(),
});
export const OwnerVisitQuerySchema = z.object({
  projectId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  status: z.enum(['due', 'done', 'cancelled']).optional(),
  kind: z.enum(VISIT_KINDS).optional(),
  planId: IdSchema.optional(),
  mine: z.enum(['true', 'false']).optional().describe('true: the visits the caller makes (visitor or companion)'),
  /** Due on or before this day (e.g. the end of this week). */
  dueBy: LocalDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
/** 入住登记's answer: the archive and the new-owner visit it created. */
export const MovedInSchema = OwnerSchema.extend({ visit: OwnerVisitSchema });
/** 迁出/过户's answer: the owner who left, the new 产权人 of a transfer and their visit. */
export const MovedOutSchema = z.object({ owner: OwnerSchema, newOwner: OwnerSchema.nullable(), visit: OwnerVisitSchema.nullable() });

/** One entry of an owner's archive history (moved in, moved out, archive edited, contact added, 主业主 handed on). */
export const OwnerEventSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  ownerId: z.string(),
  type: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
/** The owner's whole history as staff see it: the archive, the cases they may see, every event, the messages among them. */
export const OwnerArchiveSchema = z.object({
  owner: OwnerSchema,
  /** The newest cases the caller may see (a page of summaries); `casesNextCursor` continues with GET /api/cases?ownerId=…&cursor=…. */
  cases: z.array(StaffCaseSummarySchema),
  casesNextCursor: z.string().nullable(),
  /** The events of the cases above. */
  events: z.array(StaffCaseEventSchema),
  messages: z.array(StaffCaseEventSchema),
  archiveEvents: z.array(OwnerEventSchema),
  /** Visits due or done (the new-owner visit of each move-in), soonest first. */
  visits: z.array(OwnerVisitSchema),
});

// --- customer-grade changes (客户分级变更, seed 004: approved by a manager) ---------------------------

/** Ask for a new customer grade; the grade changes only when an office manager or leadership approves. */
export const GradeRequestInputSchema = z.strictObject({
  toGrade: z.enum(OWNER_GRADES),
  reason: z.string().trim().min(1).max(500),
});
/** Approve (note optional) or reject (note required: why). */
export const GradeDecisionSchema = z.strictObject({ note: z.string().trim().min(1).max(500).optional() });
export const GradeRequestQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  ownerId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const GradeRequestSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    ownerId: z.string(),
    fromGrade: z.enum(OWNER_GRADES),
    toGrade: z.enum(OWNER_GRADES),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'GradeRequest' });
