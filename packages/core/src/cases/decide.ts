import type { Actor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import { addMinutes, isAfter } from '../shared/time.ts';
import type { CaseRecord, CaseStatus, Channel } from './case.ts';
import type { CaseCommand } from './commands.ts';
import type { CaseEventType, Direction, NewCaseEvent } from './events.ts';
import { isAccused } from './accused.ts';
import { headsDepartmentOf, planApprovalRefusal, planRankOf } from './approval.ts';
import { mayGiveCommand } from './permissions.ts';
import { recordedTimeRefusal } from './recorded-time.ts';
import { isAllowedInState } from './workflows.ts';

export type Decision = { ok: true; events: NewCaseEvent[] } | { ok: false; refusal: Refusal };

/** Escalation only goes up: office → company (quality department) → leadership. */
const LEVEL_RANK = { office: 0, company: 1, leadership: 2 } as const;

/** Special follow-up after a failed repair: within 24 hours (SPEC §4). */
export const REWORK_FOLLOW_UP_MINUTES = 24 * 60;

interface EventDraft {
  type: CaseEventType;
  changes?: Partial<CaseRecord>;
  content?: string | null;
  channel?: Channel | null;
  direction?: Direction | null;
  internal?: boolean;
  attachmentIds?: string[];
  data?: Record<string, unknown>;
}

/**
 * The case workflows as one pure function: (case, command, actor, now) → events, or a typed refusal.
 * The server calls it for every command; nothing reaches the database that this has not allowed.
 */
export function decide(c: CaseRecord, command: CaseCommand, actor: Actor, now: string): Decision {
  if (!isAllowedInState(c.type, c.status, command.type)) {
    return { ok: false, refusal: refuse('TRANSITION_NOT_ALLOWED', undefined, { command: command.type, status: c.status, type: c.type }) };
  }
  if (!mayGiveCommand(actor, c, command.type)) {
    return { ok: false, refusal: whyNotPermitted(c, command, actor) };
  }
  const result = draft(c, command, actor, now);
  if ('code' in result) return { ok: false, refusal: result };
  return {
    ok: true,
    events: [
      {
        type: result.type,
        actorKind: actor.kind,
        actorId: actor.id,
        channel: result.channel ?? null,
        direction: result.direction ?? null,
        content: result.content ?? null,
        internal: result.internal ?? false,
        attachmentIds: result.attachmentIds ?? [],
        changes: changedFields(c, result.changes ?? {}),
        data: { command: command.type, ...result.data },
        at: now,
      },
    ],
  };
}

/**
 * What the event stores as its changes: every field it sets, except one it would set to null that
 * already is null (a close without a comment, say). Such an entry changes nothing in the fold
 * (evolve.ts) and nothing a clock reads (a field counts as set only when it is not null), and it was
 * a fifth of what closing events stored (issue 11: events store only what changed).
 */
export function changedFields(c: CaseRecord, changes: Partial<CaseRecord>): Partial<CaseRecord> {
  let kept: Partial<CaseRecord> | null = null;
  for (const key of Object.keys(changes) as (keyof CaseRecord)[]) {
    if (changes[key] === null && c[key] === null) {
      kept ??= { ...changes };
      delete kept[key];
    }
  }
  return kept ?? changes;
}

/** The most telling refusal for a command the actor may not give: the accused rule, the approval rule, or the role. */
function whyNotPermitted(c: CaseRecord, command: CaseCommand, actor: Actor): Refusal {
  if (actor.kind === 'staff' && isAccused(actor, c)) return refuse('ACCUSED_EXCLUDED', 'actor');
  if (actor.kind === 'staff' && (command.type === 'approve_plan' || command.type === 'return_plan') && actor.capabilities.has('case.approve')) {
    const refusal = planApprovalRefusal(actor, c);
    if (refusal) return refusal;
  }
  return refuse('ACTION_NOT_PERMITTED', undefined, { command: command.type });
}

/** What a complaint's desk still owes the owner before a transfer (SPEC §4: apology, then read-back): none for the other types. */
export function acknowledgementOwed(c: Pick<CaseRecord, 'type' | 'apologized' | 'readBack'>): ('apology' | 'read_back')[] {
  if (c.type !== 'complaint') return [];
  return [...(c.apologized ? [] : (['apology'] as const)), ...(c.readBack ? [] : (['read_back'] as const))];
}

/** A time recorded after the fact, kept on the event with its reason. */
function recordedAtData(cmd: { at?: string; reason?: string }, now: string): Record<string, unknown> {
  return cmd.at && cmd.at !== now ? { recordedAt: cmd.at, ...(cmd.reason ? { reason: cmd.reason } : {}) } : {};
}

function ratingRefusal(rating: number | undefined, field = 'rating'): Refusal | null {
  if (rating === undefined) return null;
  return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? null : refuse('FIELD_INVALID', field, { min: 1, max: 5 });
}

/** Where a case goes when the owner is not satisfied: back to whoever must do the work again. */
function statusAfterDissatisfaction(c: CaseRecord): CaseStatus {
  switch (c.type) {
    case 'repair':
      return 'dispatched';
    case 'inquiry':
      return c.departmentId ? 'in_progress' : 'new';
    default:
      return 'in_progress';
  }
}

/**
 * The owner is not satisfied (at sign-off, or at a callback: callbacks' reworkAfterCallback): the case
 * goes back to whoever must do the work again, its reopen count grows; a repair is reworked at once
 * with a special follow-up within 24 hours. A closed case is open again.
 */
export function dissatisfiedChanges(c: CaseRecord, now: string): Partial<CaseRecord> {
  return {
    satisfied: false,
    status: statusAfterDissatisfaction(c),
    reopenCount: c.reopenCount + 1,
    ...(c.type === 'repair' ? { specialFollowUpDueAt: addMinutes(now, REWORK_FOLLOW_UP_MINUTES), onSiteAt: null, doneAt: null } : {}),
    ...(c.status === 'closed' ? { closedAt: null, closeReason: null } : {}),
  };
}

function draft(c: CaseRecord, cmd: CaseCommand, actor: Actor, now: string): EventDraft | Refusal {
  switch (cmd.type) {
    case 'acknowledge':
      return {
        type: 'acknowledged',
        changes: { apologized: c.apologized || cmd.apology, readBack: c.readBack || cmd.readBack },
        content: cmd.content ?? null,
        direction: 'outbound',
      };
    case 'answer':
      return {
        type: 'answered',
        changes: { answer: cmd.content, status: 'owner_informed' },
        content: cmd.content,
        channel: cmd.channel ?? c.channel,
        direction: 'outbound',
      };
    case 'transfer': {
      if (c.type === 'complaint' && !(c.apologized && c.readBack)) return refuse('COMPLAINT_NOT_ACKNOWLEDGED');
      const deadline = cmd.ownerDeadlineAt ?? c.ownerDeadlineAt;
      const promise = cmd.promisedAt ?? c.promisedAt;
      if (promise && deadline && isAfter(promise, deadline)) return refuse('COMMITTED_TIME_AFTER_DEADLINE', 'promisedAt', { deadline });
      return {
        type: 'transferred',
        changes: {
          departmentId: cmd.departmentId,
          assigneeId: null,
          status: 'transferred',
          promisedAt: cmd.promisedAt ?? c.promisedAt,
          ownerDeadlineAt: deadline,
          committedAt: null,
        },
        content: cmd.note ?? null,
        internal: true,
        data: { fromDepartmentId: c.departmentId, toDepartmentId: cmd.departmentId },
      };
    }
    case 'accept': {
      const limit = [c.ownerDeadlineAt, c.promisedAt].filter((t): t is string => !!t).sort()[0];
      if (limit && isAfter(cmd.committedAt, limit)) return refuse('COMMITTED_TIME_AFTER_DEADLINE', 'committedAt', { deadline: limit });
      return {
        type: 'accepted',
        changes: { status: 'in_progress', committedAt: cmd.committedAt, assigneeId: c.assigneeId ?? actor.id },
        content: cmd.note ?? null,
        internal: true,
      };
    }
    case 'record_contact':
      return { type: 'owner_contacted', content: cmd.content, channel: cmd.channel ?? 'hotline', direction: 'outbound' };
    case 'submit_answer':
      return { type: 'answer_submitted', changes: { answer: cmd.content, status: 'answer_ready' }, content: cmd.content, internal: true };
    case 'submit_plan': {
      const plan = {
        cause: cmd.cause,
        steps: cmd.steps,
        expectedCompletionAt: cmd.expectedCompletionAt,
        submittedBy: actor.id,
        submittedAt: now,
        submittedByHead: actor.kind === 'staff' && headsDepartmentOf(actor, c),
        // the author's rank decides who may approve it (approval.ts): stored, so the rule needs no lookup
        submittedByRank: actor.kind === 'staff' ? planRankOf(actor, c) : ('staff' as const),
        approvedBy: null,
        approvedAt: null,
      };
      return { type: 'plan_submitted', changes: { plan, status: 'plan_submitted' }, content: cmd.steps, internal: true, data: { cause: cmd.cause } };
    }
    case 'approve_plan':
      if (!c.plan) return refuse('PLAN_NOT_APPROVED');
      return {
        type: 'plan_approved',
        changes: { plan: { ...c.plan, approvedBy: actor.id, approvedAt: now }, status: 'plan_approved' },
        content: cmd.comment ?? null,
        internal: true,
      };
    case 'return_plan':
      return { type: 'plan_returned', changes: { status: 'in_progress' }, content: cmd.reason, internal: true };
    case 'evaluate': {
      if (cmd.feasible && !cmd.plan) return refuse('FIELD_REQUIRED', 'plan');
      if (cmd.feasible && !cmd.expectedAt) return refuse('FIELD_REQUIRED', 'expectedAt');
      if (!cmd.feasible && !cmd.reason) return refuse('FIELD_REQUIRED', 'reason');
      const evaluation = { feasible: cmd.feasible, plan: cmd.plan ?? null, expectedAt: cmd.expectedAt ?? null, reason: cmd.reason ?? null };
      return { type: 'evaluated', changes: { evaluation, status: 'evaluated' }, content: cmd.feasible ? cmd.plan! : cmd.reason!, internal: true };
    }
    case 'inform_owner':
      if (c.type === 'complaint' && !c.plan?.approvedAt) return refuse('PLAN_NOT_APPROVED');
      return { type: 'owner_informed', changes: { status: 'owner_informed' }, content: cmd.content, channel: cmd.channel ?? c.channel, direction: 'outbound' };
    case 'record_satisfaction': {
      const bad = ratingRefusal(cmd.rating);
      if (bad) return bad;
      const changes: Partial<CaseRecord> = cmd.satisfied
        ? { satisfied: true, status: 'resolved', rating: cmd.rating ?? c.rating }
        : dissatisfiedChanges(c, now);
      return {
        type: 'satisfaction_recorded',
        changes,
        content: cmd.opinion ?? null,
        direction: 'inbound',
        channel: actor.kind === 'owner' ? 'portal' : null,
        attachmentIds: cmd.signatureAttachmentId ? [cmd.signatureAttachmentId] : [],
        data: { satisfied: cmd.satisfied, rating: cmd.rating ?? null },
      };
    }
    case 'close': {
      const bad = ratingRefusal(cmd.rating);
      if (bad) return bad;
      const causeAnalysis = cmd.causeAnalysis ?? c.causeAnalysis;
      const preventiveMeasures = cmd.preventiveMeasures ?? c.preventiveMeasures;
      if (c.type === 'complaint') {
        if (!causeAnalysis) return refuse('CLOSE_REQUIRES_CAUSE_AND_PREVENTION', 'causeAnalysis');
        if (!preventiveMeasures) return refuse('CLOSE_REQUIRES_CAUSE_AND_PREVENTION', 'preventiveMeasures');
        if (c.major && !c.correctiveActionReport) return refuse('CORRECTIVE_ACTION_REQUIRED');
      }
      return {
        type: 'closed',
        changes: {
          status: 'closed',
          closeReason: 'resolved',
          closedAt: now,
          causeAnalysis,
          preventiveMeasures,
          rating: cmd.rating ?? c.rating,
          ratingComment: cmd.ratingComment ?? c.ratingComment,
        },
        internal: false,
      };
    }
    case 'close_out_of_scope':
      return {
        type: 'closed_out_of_scope',
        changes: { status: 'closed', closeReason: 'out_of_scope', closedAt: now },
        content: cmd.reason,
        direction: 'outbound',
      };
    case 'dispatch':
      if (cmd.assigneeId === c.accusedStaffId) return refuse('ACCUSED_EXCLUDED', 'assigneeId');
      return {
        type: 'dispatched',
        changes: { status: 'dispatched', assigneeId: cmd.assigneeId, departmentId: cmd.departmentId ?? c.departmentId },
        content: cmd.note ?? null,
        internal: true,
        data: { previousAssigneeId: c.assigneeId },
      };
    case 'schedule_appointment':
      if (!cmd.ownerAgreed) return refuse('OWNER_AGREEMENT_REQUIRED', 'ownerAgreed');
      return {
        type: 'appointment_scheduled',
        changes: { appointmentAt: cmd.appointmentAt, repairGrade: 'appointment' },
        data: { previousAppointmentAt: c.appointmentAt },
      };
    case 'set_repair_grade':
      if (cmd.grade === 'appointment' && !(cmd.appointmentAt ?? c.appointmentAt)) return refuse('APPOINTMENT_REQUIRED', 'appointmentAt');
      // a new appointment time is agreed with the owner, and the agreement is stated, never assumed
      if (cmd.appointmentAt && cmd.appointmentAt !== c.appointmentAt) {
        if (cmd.ownerAgreed === undefined) return refuse('FIELD_REQUIRED', 'ownerAgreed');
        if (!cmd.ownerAgreed) return refuse('OWNER_AGREEMENT_REQUIRED', 'ownerAgreed');
      }
      return {
        type: 'regraded',
        changes: { repairGrade: cmd.grade, appointmentAt: cmd.appointmentAt ?? c.appointmentAt },
        internal: true,
        data: { previousGrade: c.repairGrade },
      };
    case 'arrive': {
      // not before the case, nor (a rework) before the owner's dissatisfaction
      const reworkFrom = c.specialFollowUpDueAt ? addMinutes(c.specialFollowUpDueAt, -REWORK_FOLLOW_UP_MINUTES) : null;
      const bad = recordedTimeRefusal(cmd.at, cmd.reason, [c.createdAt, reworkFrom], now);
      if (bad) return bad;
      return {
        type: 'arrived_on_site',
        changes: { status: 'on_site', onSiteAt: cmd.at ?? now },
        attachmentIds: cmd.attachmentIds ?? [],
        data: recordedAtData(cmd, now),
      };
    }
    case 'complete': {
      const bad = recordedTimeRefusal(cmd.at, cmd.reason, [c.createdAt, c.onSiteAt], now);
      if (bad) return bad;
      return {
        type: 'work_completed',
        changes: { status: 'work_done', doneAt: cmd.at ?? now },
        content: cmd.summary,
        attachmentIds: cmd.attachmentIds ?? [],
        data: recordedAtData(cmd, now),
      };
    }
    case 'record_follow_up':
      return { type: 'follow_up_recorded', content: cmd.content, channel: cmd.channel ?? c.channel, direction: 'outbound' };
    case 'escalate': {
      const leadershipOnly = cmd.reason === 'compensation' || cmd.reason === 'against_office_manager';
      if (leadershipOnly && cmd.level !== 'leadership') return refuse('ESCALATION_LEVEL_INVALID', 'level', { reason: cmd.reason });
      if (LEVEL_RANK[cmd.level] < LEVEL_RANK[c.level]) return refuse('ESCALATION_LEVEL_INVALID', 'level', { reason: cmd.reason });
      if (cmd.reason === 'against_office_manager' && !cmd.accusedStaffId) return refuse('FIELD_REQUIRED', 'accusedStaffId');
      if (cmd.reason !== 'against_office_manager' && cmd.accusedStaffId) return refuse('ACCUSED_STAFF_NOT_EXPECTED', 'accusedStaffId');
      // what the desk still owes the owner (apology, read-back) never holds an escalation back: the
      // complaint goes up and is routed at once (company: the quality department), and the escalation
      // says what is owed — recorded later with acknowledge, by whoever reaches the owner
      const owed = acknowledgementOwed(c);
      const accusedStaffId = cmd.accusedStaffId ?? c.accusedStaffId;
      const changes: Partial<CaseRecord> = {
        level: cmd.level,
        accusedStaffId,
        accusedParty: cmd.accusedStaffId ? 'staff' : c.accusedParty,
        compensationClaim: c.compensationClaim || cmd.reason === 'compensation',
      };
      // the accused never keeps the case in hand
      if (c.assigneeId !== null && c.assigneeId === accusedStaffId) changes.assigneeId = null;
      if (cmd.departmentId) Object.assign(changes, { departmentId: cmd.departmentId, assigneeId: null, status: 'transferred', committedAt: null });
      return {
        type: 'escalated',
        changes,
        content: cmd.note,
        internal: true,
        data: { reason: cmd.reason, fromLevel: c.level, ...(owed.length > 0 ? { owed } : {}) },
      };
    }
    case 'mark_major':
      return { type: 'marked_major', changes: { major: true }, content: cmd.reason, internal: true };
    case 'record_corrective_action':
      return { type: 'corrective_action_recorded', changes: { correctiveActionReport: cmd.report }, content: cmd.report, internal: true };
    case 'message': {
      const direction = actor.kind === 'owner' ? 'inbound' : cmd.direction;
      return {
        type: 'message',
        content: cmd.content,
        direction,
        channel: cmd.channel ?? (actor.kind === 'owner' ? 'portal' : c.channel),
        attachmentIds: cmd.attachmentIds ?? [],
      };
    }
    case 'add_note':
      return { type: 'note', content: cmd.content, internal: true, direction: 'internal', attachmentIds: cmd.attachmentIds ?? [] };
    case 'reassign':
      if (cmd.assigneeId === c.accusedStaffId) return refuse('ACCUSED_EXCLUDED', 'assigneeId');
      return { type: 'reassigned', changes: { assigneeId: cmd.assigneeId }, internal: true, data: { previousAssigneeId: c.assigneeId } };
    case 'retype': {
      if (cmd.newType === c.type) return refuse('TYPE_UNCHANGED', 'newType');
      const toRepair = cmd.newType === 'repair';
      return {
        type: 'retyped',
        changes: {
          type: cmd.newType,
          status: 'new',
          repairGrade: toRepair ? (c.repairGrade ?? 'normal') : null,
          repairScope: toRepair ? (c.repairScope ?? 'indoor') : null,
        },
        content: cmd.reason,
        internal: true,
        data: { fromType: c.type, toType: cmd.newType, fromStatus: c.status },
      };
    }
    case 'extend_deadline': {
      if (!cmd.ownerAgreed) return refuse('OWNER_AGREEMENT_REQUIRED', 'ownerAgreed');
      const field = cmd.which === 'owner_deadline' ? 'ownerDeadlineAt' : 'promisedAt';
      const current = c[field];
      if (current && !isAfter(cmd.newAt, current)) return refuse('FIELD_INVALID', 'newAt', { reason: `> ${current}` });
      if (cmd.which === 'promise' && c.ownerDeadlineAt && isAfter(cmd.newAt, c.ownerDeadlineAt))
        return refuse('COMMITTED_TIME_AFTER_DEADLINE', 'newAt', { deadline: c.ownerDeadlineAt });
      return { type: 'deadline_extended', changes: { [field]: cmd.newAt }, content: cmd.note, data: { which: cmd.which, previous: current } };
    }
    case 'pause_clocks':
      if (cmd.until && !isAfter(cmd.until, now)) return refuse('FIELD_INVALID', 'until', { reason: `> ${now}` });
      return { type: 'clocks_paused', content: cmd.reason, internal: true, data: { until: cmd.until ?? null } };
    case 'resume_clocks':
      return { type: 'clocks_resumed', content: cmd.note ?? null, internal: true };
    case 'link_owner':
      return {
        type: 'owner_linked',
        changes: { ownerId: cmd.ownerId, unitId: cmd.unitId ?? c.unitId },
        content: cmd.note ?? null,
        internal: true,
        data: { previousOwnerId: c.ownerId, previousUnitId: c.unitId },
      };
    case 'rate': {
      const bad = ratingRefusal(cmd.rating) ?? ratingRefusal(cmd.speed, 'speed') ?? ratingRefusal(cmd.technician, 'technician');
      if (bad) return bad;
      return {
        type: 'rated',
        changes: { rating: cmd.rating, ratingComment: cmd.comment ?? null },
        content: cmd.comment ?? null,
        direction: 'inbound',
        // the other scores (业主评价 on several scores) live in the event and in case_ratings (decision 0028)
        data: { previousRating: c.rating, speed: cmd.speed ?? null, technician: cmd.technician ?? null },
      };
    }
  }
}
