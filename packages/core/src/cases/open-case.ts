import type { Actor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { AccusedParty, CaseRecord, CaseType, Channel, HandlingLevel, RepairGrade, RepairScope } from './case.ts';
import { isAccused } from './accused.ts';
import type { NewCaseEvent } from './events.ts';

/** What intake (受理) knows when a case is registered. */
export interface OpenCaseInput {
  projectId: string;
  type: CaseType;
  channel: Channel;
  category?: string | null;
  title?: string | null;
  description: string;
  ownerId?: string | null;
  unitId?: string | null;
  departmentId?: string | null;
  repairGrade?: RepairGrade | null;
  repairScope?: RepairScope | null;
  appointmentAt?: string | null;
  ownerDeadlineAt?: string | null;
  promisedAt?: string | null;
  /**
   * Complaint intake: apology made and the complaint read back to the owner (倾听-确认). Staff recording
   * a complaint must state both (true or false): a fact is never assumed.
   */
  apologized?: boolean;
  readBack?: boolean;
  /** Complaint intake: whom it is against — a staff member, or the office's management as such. */
  accusedParty?: AccusedParty | null;
  accusedStaffId?: string | null;
  /** Complaint intake: the owner claims compensation (经济赔偿/补偿). */
  compensationClaim?: boolean;
  attachmentIds?: string[];
}

/**
 * Whom a complaint is against, from intake's answer: a staff id alone means that staff member; the
 * office's management names nobody. Refused for other case types and for inconsistent answers.
 */
function accusedAtIntake(input: OpenCaseInput): { ok: true; party: AccusedParty | null; staffId: string | null } | { ok: false; refusal: Refusal } {
  const party = input.accusedParty ?? (input.accusedStaffId ? 'staff' : null);
  if (input.type !== 'complaint') {
    if (party) return { ok: false, refusal: refuse('ACCUSED_ONLY_FOR_COMPLAINTS', input.accusedStaffId ? 'accusedStaffId' : 'accusedParty') };
    if (input.compensationClaim) return { ok: false, refusal: refuse('ACCUSED_ONLY_FOR_COMPLAINTS', 'compensationClaim') };
  }
  if (party === 'staff' && !input.accusedStaffId) return { ok: false, refusal: refuse('FIELD_REQUIRED', 'accusedStaffId') };
  if (party === 'office_management' && input.accusedStaffId) return { ok: false, refusal: refuse('ACCUSED_STAFF_NOT_EXPECTED', 'accusedStaffId') };
  return { ok: true, party, staffId: party === 'staff' ? input.accusedStaffId! : null };
}

/**
 * Where a complaint starts (SPEC §4): against someone, or claiming compensation, it goes to company
 * leadership from the first instant and never passes through the office manager.
 */
export function intakeLevel(c: Pick<CaseRecord, 'type' | 'accusedParty' | 'compensationClaim'>): HandlingLevel {
  return c.type === 'complaint' && (c.accusedParty !== null || c.compensationClaim) ? 'leadership' : 'office';
}

export const CASE_NUMBER_PREFIX: Record<CaseType, string> = { inquiry: 'ZX', complaint: 'TS', suggestion: 'JY', repair: 'BX' };

/**
 * Case numbers read like TS-20261125-000007: type, local date of intake, and a serial that is unique
 * in the database (so a number is never reused, whatever the type or date).
 */
export function formatCaseNumber(type: CaseType, localDate: string, serial: number): string {
  return `${CASE_NUMBER_PREFIX[type]}-${localDate.replaceAll('-', '')}-${String(serial).padStart(6, '0')}`;
}

/** YYYY-MM-DD of an instant in a time zone (the project's; Asia/Shanghai by default). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function localDateOf(instant: string, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }); // en-CA: YYYY-MM-DD
    dateFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

function defaultTitle(description: string): string {
  const line = description.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/**
 * Registers a case: the record and its first event. Owners may only open cases for themselves, on the
 * portal channel. Repairs carry a grade (default 一般 normal); an appointment grade needs its time.
 */
export function openCase(
  input: OpenCaseInput,
  actor: Actor,
  ids: { id: string; organizationId: string; number: string },
  now: string,
): { ok: true; record: CaseRecord; event: NewCaseEvent } | { ok: false; refusal: Refusal } {
  const isRepair = input.type === 'repair';
  const repairGrade = isRepair ? (input.repairGrade ?? (input.appointmentAt ? 'appointment' : 'normal')) : null;
  if (!isRepair && input.repairGrade) return { ok: false, refusal: refuse('REPAIR_GRADE_ONLY_FOR_REPAIRS', 'repairGrade') };
  if (repairGrade === 'appointment' && !input.appointmentAt) return { ok: false, refusal: refuse('APPOINTMENT_REQUIRED', 'appointmentAt') };
  if (input.promisedAt && input.ownerDeadlineAt && Date.parse(input.promisedAt) > Date.parse(input.ownerDeadlineAt)) {
    return { ok: false, refusal: refuse('COMMITTED_TIME_AFTER_DEADLINE', 'promisedAt', { deadline: input.ownerDeadlineAt }) };
  }
  if (input.type === 'complaint' && actor.kind === 'staff') {
    for (const field of ['apologized', 'readBack'] as const)
      if (typeof input[field] !== 'boolean') return { ok: false, refusal: refuse('FIELD_REQUIRED', field) };
  }
  const accused = accusedAtIntake(input);
  if (!accused.ok) return accused;
  if (actor.kind === 'owner' && accused.staffId) return { ok: false, refusal: refuse('FORBIDDEN', 'accusedStaffId') };
  const compensationClaim = input.type === 'complaint' && !!input.compensationClaim;
  const ownerId = actor.kind === 'owner' ? actor.id : (input.ownerId ?? null);
  const record: CaseRecord = {
    id: ids.id,
    organizationId: ids.organizationId,
    projectId: input.projectId,
    number: ids.number,
    type: input.type,
    status: 'new',
    channel: actor.kind === 'owner' ? 'portal' : input.channel,
    category: input.category ?? null,
    title: input.title?.trim() || defaultTitle(input.description),
    description: input.description,
    ownerId,
    unitId: input.unitId ?? null,
    firstReceiverId: actor.kind === 'staff' ? actor.id : null,
    departmentId: input.departmentId ?? null,
    assigneeId: null,
    repairGrade,
    repairScope: isRepair ? (input.repairScope ?? 'indoor') : null,
    appointmentAt: input.appointmentAt ?? null,
    ownerDeadlineAt: input.ownerDeadlineAt ?? null,
    promisedAt: input.promisedAt ?? null,
    committedAt: null,
    level: intakeLevel({ type: input.type, accusedParty: accused.party, compensationClaim }),
    accusedParty: accused.party,
    accusedStaffId: accused.staffId,
    compensationClaim,
    apologized: input.type === 'complaint' && input.apologized === true,
    readBack: input.type === 'complaint' && input.readBack === true,
    major: false,
    correctiveActionReport: null,
    plan: null,
    evaluation: null,
    answer: null,
    causeAnalysis: null,
    preventiveMeasures: null,
    closeReason: null,
    reopenCount: 0,
    satisfied: null,
    rating: null,
    ratingComment: null,
    specialFollowUpDueAt: null,
    onSiteAt: null,
    doneAt: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    version: 1,
  };
  // the accused never has the complaint pass through them, not even at intake: a colleague records it
  if (actor.kind === 'staff' && isAccused(actor, record)) {
    return { ok: false, refusal: refuse('ACCUSED_EXCLUDED', record.accusedParty === 'office_management' ? 'accusedParty' : 'accusedStaffId') };
  }
  const event: NewCaseEvent = {
    type: 'created',
    actorKind: actor.kind,
    actorId: actor.id,
    channel: record.channel,
    direction: 'inbound',
    content: input.description,
    internal: false,
    attachmentIds: input.attachmentIds ?? [],
    changes: {},
    data: {
      type: record.type,
      repairGrade,
      firstReceiverId: record.firstReceiverId,
      ...(record.type === 'complaint'
        ? { level: record.level, accusedParty: record.accusedParty, accusedStaffId: record.accusedStaffId, compensationClaim: record.compensationClaim }
        : {}),
    },
    at: now,
  };
  return { ok: true, record, event };
}
