import {
  addLocalDays,
  awaitingResponse,
  decideEscalation,
  DomainError,
  escalationLate,
  localDateOf,
  requireCapability,
  startOfLocalDate,
  visibleProjectIds,
  type Actor,
  type EscalationKind,
  type EscalationSeverity,
  type EscalationStatus,
  type StaffActor,
} from '@guanjia/core';
import {
  escalationFormCases,
  findCase,
  findDepartment,
  findEscalationForm,
  insertEscalationForm,
  insertNotification,
  listEscalationForms,
  updateEscalationForm,
  type EscalationFormRecord,
  type Schema,
} from '@guanjia/storage';
import { ESCALATION_STATUS_LABELS } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { requireProjectOf } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Fault escalation forms (故障转呈单) and work-liaison letters (工作联系函), issue 16 item 3, decision 0035.
 * An office (escalation.write in the project) sends a problem to a department of the company or of the
 * office, with a requested response date and the cases that caused it; the department's head
 * (escalation.answer, of that department) answers; the office verifies the fix or sends it back with a
 * new date. The office's staff see their projects' forms, the department's its own; nothing else.
 */

/** The office's side: escalation.write in the form's project. */
function officeSide(actor: StaffActor, row: { organizationId: string; projectId: string }): boolean {
  if (row.organizationId !== actor.organizationId || !actor.capabilities.has('escalation.write')) return false;
  const mine = visibleProjectIds(actor);
  return mine === 'all' || mine.includes(row.projectId);
}

/** The department's side: escalation.answer, working in the target department. */
function departmentSide(actor: StaffActor, row: { organizationId: string; departmentId: string }): boolean {
  return row.organizationId === actor.organizationId && actor.capabilities.has('escalation.answer') && actor.departmentId === row.departmentId;
}

function requireReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && (actor.capabilities.has('escalation.write') || actor.capabilities.has('escalation.answer'))) return;
  requireCapability(actor, 'escalation.write');
}

function view(actor: StaffActor, f: EscalationFormRecord, caseIds: string[], now: string) {
  const { organizationId: _o, lateToldRound: _l, ...rest } = f;
  return {
    ...rest,
    caseIds,
    late: escalationLate(f, now),
    canRespond: awaitingResponse(f.status) && departmentSide(actor, f),
    canVerify: f.status === 'responded' && officeSide(actor, f),
  };
}

async function viewOne(deps: AppDeps, actor: StaffActor, f: EscalationFormRecord) {
  const cases = await escalationFormCases(deps.database.db, [f.id]);
  return view(actor, f, cases.get(f.id) ?? [], deps.now());
}

/** The end of a requested local date in the project's time zone; refused before the project's today. */
async function dueOf(deps: AppDeps, actor: Actor, projectId: string, date: string) {
  const project = await requireProjectOf(deps, actor, projectId);
  const today = localDateOf(deps.now(), project.timeZone);
  if (date < today) throw new DomainError('ESCALATION_DATE_PAST', 'requestedDate', { date });
  return startOfLocalDate(addLocalDays(date, 1), project.timeZone);
}

export async function createEscalationForm(
  deps: AppDeps,
  actor: Actor,
  input: {
    projectId: string;
    kind: EscalationKind;
    severity: EscalationSeverity;
    title: string;
    problem: string;
    departmentId: string;
    requestedDate: string;
    caseIds: string[];
  },
) {
  await requireProjectIn(deps, actor, 'escalation.write', input.projectId);
  const staff = actor as StaffActor;
  const now = deps.now();
  const department = await findDepartment(deps.database.db, input.departmentId);
  if (!department || department.organizationId !== staff.organizationId || (department.projectId !== null && department.projectId !== input.projectId))
    throw new DomainError('ESCALATION_DEPARTMENT_INVALID', 'departmentId');
  const dueAt = await dueOf(deps, actor, input.projectId, input.requestedDate);
  const caseIds = [...new Set(input.caseIds)];
  for (const id of caseIds) {
    const c = await findCase(deps.database.db, id);
    if (!c || c.organizationId !== staff.organizationId || c.projectId !== input.projectId)
      throw new DomainError('ESCALATION_CASES_INVALID', 'caseIds', { reason: `找不到工单 ${id}`, reasonEn: `no case ${id}` });
  }
  const row: EscalationFormRecord = {
    id: deps.newId(),
    organizationId: staff.organizationId,
    projectId: input.projectId,
    kind: input.kind,
    severity: input.severity,
    title: input.title.trim(),
    problem: input.problem.trim(),
    departmentId: department.id,
    requestedDate: input.requestedDate,
    dueAt,
    round: 1,
    status: 'sent',
    sentBy: staff.id,
    sentAt: now,
    response: null,
    respondedBy: null,
    feedbackAt: null,
    verifiedBy: null,
    verifiedAt: null,
    verificationNote: null,
    pastRounds: [],
    lateToldRound: 0,
  };
  await inTransaction(deps.database, async (db) => {
    await insertEscalationForm(db, row, caseIds);
    if (department.headStaffId) await tell(deps, db, row, [department.headStaffId], 'escalation_sent', now);
  });
  return view(staff, row, caseIds.sort(), now);
}

export async function listEscalationFormsFor(
  deps: AppDeps,
  actor: Actor,
  q: {
    status?: EscalationStatus;
    kind?: EscalationKind;
    projectId?: string;
    departmentId?: string;
    caseId?: string;
    late?: boolean;
    limit?: number;
  },
) {
  requireReader(actor);
  const now = deps.now();
  const rows = await listEscalationForms(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: actor.capabilities.has('escalation.write') ? visibleProjectIds(actor) : [],
    departmentIds: actor.capabilities.has('escalation.answer') && actor.departmentId ? [actor.departmentId] : [],
    status: q.status,
    kind: q.kind,
    projectId: q.projectId,
    departmentId: q.departmentId,
    caseId: q.caseId,
    late: q.late,
    now,
    limit: q.limit ?? 200,
  });
  const cases = await escalationFormCases(
    deps.database.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(actor, r, cases.get(r.id) ?? [], now)) };
}

/** A form the actor's office sent or the actor's department received; any other answers like an unknown one (404). */
async function readable(deps: AppDeps, actor: Actor, id: string) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const f = await findEscalationForm(deps.database.db, id);
  if (!f || !(officeSide(actor, f) || departmentSide(actor, f))) throw new DomainError('ESCALATION_NOT_FOUND', 'id');
  return f;
}

export async function getEscalationForm(deps: AppDeps, actor: Actor, id: string) {
  const f = await readable(deps, actor, id);
  return viewOne(deps, actor as StaffActor, f);
}

function refuse(f: EscalationFormRecord, problem: string, field: string): never {
  const code = {
    wrong_step: 'ESCALATION_WRONG_STEP',
    text_required: 'ESCALATION_TEXT_REQUIRED',
    date_required: 'ESCALATION_DATE_REQUIRED',
    date_past: 'ESCALATION_DATE_PAST',
  } as const;
  throw new DomainError(code[problem as keyof typeof code], field, {
    status: ESCALATION_STATUS_LABELS[f.status][0],
    statusEn: ESCALATION_STATUS_LABELS[f.status][1].toLowerCase(),
    field: FIELDS[field]?.[0] ?? field,
    fieldEn: FIELDS[field]?.[1] ?? field,
    date: '',
  });
}

const FIELDS: Record<string, readonly [string, string]> = {
  response: ['回复意见', 'response'],
  note: ['验证意见', 'verification note'],
};

/** The department's response (its head, escalation.answer of the target department); the feedback date is now. */
export async function respondEscalationForm(deps: AppDeps, actor: Actor, id: string, input: { response: string }) {
  const first = await readable(deps, actor, id);
  const staff = actor as StaffActor;
  // the office that sent it sees it too, but only the department answers: to anyone else it is not theirs
  if (!departmentSide(staff, first)) throw new DomainError('ESCALATION_NOT_FOUND', 'id');
  const now = deps.now();
  const f = await inTransaction(deps.database, async (db) => {
    const cur = (await findEscalationForm(db, id, { forUpdate: true }))!;
    const d = decideEscalation(cur, { kind: 'respond', at: now, response: input.response });
    if (!d.ok) refuse(cur, d.problem, d.field);
    const patch = { status: d.next.status, response: input.response.trim(), respondedBy: staff.id, feedbackAt: now };
    await updateEscalationForm(db, id, patch);
    const next = { ...cur, ...patch };
    await tell(deps, db, next, [cur.sentBy], 'escalation_responded', now);
    return next;
  });
  return viewOne(deps, staff, f);
}

/** The office verifies the fix: verified ends it; not fixed sends it back to the department with a new requested date. */
export async function verifyEscalationForm(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { fixed: boolean; note?: string | null; requestedDate?: string | null },
) {
  requireCapability(actor, 'escalation.write');
  const staff = actor as StaffActor;
  const first = await readable(deps, actor, id);
  if (!officeSide(staff, first)) throw new DomainError('ESCALATION_NOT_FOUND', 'id');
  const now = deps.now();
  if (first.status !== 'responded') refuse(first, 'wrong_step', 'id');
  const note = input.note?.trim() ?? '';
  let newDueAt: string | null = null;
  if (!input.fixed && note && input.requestedDate) newDueAt = await dueOf(deps, actor, first.projectId, input.requestedDate);
  const f = await inTransaction(deps.database, async (db) => {
    const cur = (await findEscalationForm(db, id, { forUpdate: true }))!;
    const d = decideEscalation(cur, { kind: 'verify', at: now, fixed: input.fixed, note, newDueAt });
    if (!d.ok) refuse(cur, d.problem, d.field);
    const patch: Partial<EscalationFormRecord> = input.fixed
      ? { status: 'verified', verifiedBy: staff.id, verifiedAt: now, verificationNote: note || null }
      : {
          status: 'reopened',
          round: d.next.round,
          dueAt: d.next.dueAt,
          requestedDate: input.requestedDate!,
          verifiedBy: null,
          verifiedAt: null,
          verificationNote: note,
          pastRounds: [
            ...cur.pastRounds,
            { round: cur.round, response: cur.response, respondedBy: cur.respondedBy, feedbackAt: cur.feedbackAt, verifiedBy: staff.id, verifiedAt: now, note },
          ],
        };
    await updateEscalationForm(db, id, patch);
    const next = { ...cur, ...patch };
    if (!input.fixed) {
      const department = await findDepartment(db, cur.departmentId);
      if (department?.headStaffId) await tell(deps, db, next, [department.headStaffId], 'escalation_reopened', now);
    }
    return next;
  });
  return viewOne(deps, staff, f);
}

/** A console notification about a form to each of the recipients (once each). */
export async function tell(deps: AppDeps, db: Kysely<Schema>, f: EscalationFormRecord, recipients: readonly string[], kind: string, now: string) {
  for (const recipientId of new Set(recipients))
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: f.organizationId,
      recipientId,
      caseId: null,
      kind,
      data: { escalationId: f.id, title: f.title, requestedDate: f.requestedDate, projectId: f.projectId },
      createdAt: now,
      readAt: null,
    });
}
