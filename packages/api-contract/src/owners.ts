import { z } from 'zod';
import { CHANNELS, OWNER_GRADES } from '@guanjia/vocabulary';
import { StaffCaseEventSchema, StaffCaseSummarySchema } from './cases.ts';
import { IdSchema, LocalDateSchema, ShortText } from './common.ts';

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

/** 入住登记: one action creates the archive, links the unit and records the move-in date. */
export const MoveInSchema = z
  .strictObject({
    unitId: IdSchema,
    moveInDate: LocalDateSchema,
    relation: z.enum(['owner', 'occupant']).default('owner'),
    /** Register an existing archive in another unit instead of creating one. */
    ownerId: IdSchema.optional(),
    owner: z.strictObject({ ...OwnerFields, contacts: z.array(ContactInputSchema).max(10).optional() }).optional(),
  })
  .refine((v) => !!v.ownerId !== !!v.owner, { path: ['owner'], message: 'give exactly one of owner or ownerId' });

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

export const OwnerQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  projectId: IdSchema.optional(),
  unitId: IdSchema.optional(),
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

/** One entry of an owner's archive history (moved in, archive edited, contact added). */
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
