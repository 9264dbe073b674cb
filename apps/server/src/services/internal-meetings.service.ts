import {
  DomainError,
  internalMeetingAccess,
  localDateOf,
  minutesDueOn,
  minutesLate,
  requireCapability,
  trackedOverdue,
  visibleProjectIds,
  type Actor,
  type InternalMeetingKind,
  type MeetingAccess,
  type MeetingActionStatus,
  type MeetingViewer,
  type StaffActor,
} from '@guanjia/core';
import {
  activeStaffIdsOf,
  completeInternalMeetingAction,
  findDepartment,
  findInternalMeeting,
  findInternalMeetingAction,
  findInternalMeetingsByIds,
  holderNamesOf,
  insertInternalMeeting,
  insertInternalMeetingAction,
  insertNotification,
  listActionsOf,
  listInternalMeetingActions,
  listInternalMeetings,
  meetingIdsWithResponsible,
  namesOf,
  setInternalMeetingMinutes,
  type InternalMeetingActionRecord,
  type InternalMeetingRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { requireProjectOf } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * Internal meetings (内部会议, issue 16 item 3, decision 0038; seed 000 §七 会议制度): an office's or a
 * department's meeting with its staff attendees; the minutes due within 3 days (late ones flagged, the
 * secretary and the organizer reminded once — internal-meeting-reminders.ts); each resolution (决议) an
 * action with a responsible staff member and a deadline, told to them when assigned and tracked to done
 * with a note (still open the day after its deadline, its responsible and the organizer are reminded once).
 * Who holds or reads a meeting is core's internalMeetingAccess: the office's or the department's staff,
 * those named in it, a resolution's responsible; nobody else (404).
 */
const DEFAULT_ZONE = 'Asia/Shanghai';

function viewerOf(actor: StaffActor): MeetingViewer {
  return {
    id: actor.id,
    organizationId: actor.organizationId,
    departmentId: actor.departmentId,
    projects: visibleProjectIds(actor),
    holds: actor.capabilities.has('meeting.hold'),
  };
}

function staffOnly(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
}

const accessOf = (actor: StaffActor, m: InternalMeetingRecord, actions: readonly InternalMeetingActionRecord[]): MeetingAccess =>
  internalMeetingAccess(
    viewerOf(actor),
    m,
    actions.filter((a) => a.meetingId === m.id).map((a) => a.responsibleId),
  );

async function views(deps: AppDeps, actor: StaffActor, meetings: readonly InternalMeetingRecord[], actions: readonly InternalMeetingActionRecord[]) {
  const db = deps.database.db;
  const people = await namesOf(db, 'staff', [
    ...meetings.flatMap((m) => [m.organizerId, m.secretaryId, ...m.attendeeIds, ...(m.minutesBy ? [m.minutesBy] : [])]),
    ...actions.flatMap((a) => [a.responsibleId, ...(a.doneBy ? [a.doneBy] : [])]),
  ]);
  const holders = await holderNamesOf(
    db,
    meetings.flatMap((m) => (m.projectId ? [m.projectId] : [])),
    meetings.flatMap((m) => (m.departmentId ? [m.departmentId] : [])),
  );
  const person = (id: string) => ({ id, name: people.get(id) ?? '' });
  const now = deps.now();
  return meetings.map((m) => {
    const today = localDateOf(now, m.timeZone);
    const hold = accessOf(actor, m, actions) === 'hold';
    return {
      id: m.id,
      kind: m.kind,
      projectId: m.projectId,
      departmentId: m.departmentId,
      holderName: holders.get(m.departmentId ?? m.projectId ?? '') ?? '',
      heldOn: m.heldOn,
      title: m.title,
      agenda: m.agenda,
      organizer: person(m.organizerId),
      secretary: person(m.secretaryId),
      attendees: m.attendeeIds.map(person),
      minutes: m.minutes,
      minutesBy: m.minutesBy ? person(m.minutesBy) : null,
      minutesAt: m.minutesAt,
      minutesDueOn: minutesDueOn(m.heldOn),
      minutesLate: minutesLate(m.heldOn, m.minutesAt ? localDateOf(m.minutesAt, m.timeZone) : null, today),
      minutesRemindedAt: m.minutesRemindedAt,
      createdAt: m.createdAt,
      canHold: hold,
      actions: actions.filter((a) => a.meetingId === m.id).map((a) => actionView(a, people, today, hold || a.responsibleId === actor.id)),
    };
  });
}

function actionView(a: InternalMeetingActionRecord, people: Map<string, string>, today: string, mine: boolean) {
  return {
    id: a.id,
    meetingId: a.meetingId,
    text: a.text,
    responsibleId: a.responsibleId,
    responsibleName: people.get(a.responsibleId) ?? '',
    deadlineOn: a.deadlineOn,
    status: a.status,
    overdue: trackedOverdue(a, today),
    doneBy: a.doneBy,
    doneByName: a.doneBy ? (people.get(a.doneBy) ?? '') : null,
    doneAt: a.doneAt,
    doneNote: a.doneNote,
    createdAt: a.createdAt,
    canComplete: mine && a.status === 'open',
  };
}

async function viewOne(deps: AppDeps, actor: StaffActor, id: string) {
  const m = (await findInternalMeeting(deps.database.db, id))!;
  return (await views(deps, actor, [m], await listInternalMeetingActions(deps.database.db, [m.id])))[0]!;
}

/** The meeting if the actor may read it (or hold it, with `hold`); otherwise the not-found error — never a hint it exists. */
async function readable(deps: AppDeps, actor: Actor, id: string, need: 'read' | 'hold' = 'read') {
  staffOnly(actor);
  if (need === 'hold') requireCapability(actor, 'meeting.hold');
  const m = await findInternalMeeting(deps.database.db, id);
  const actions = m ? await listInternalMeetingActions(deps.database.db, [m.id]) : [];
  const access = m ? accessOf(actor, m, actions) : null;
  if (!m || access === null || (need === 'hold' && access !== 'hold')) throw new DomainError('INTERNAL_MEETING_NOT_FOUND', 'id');
  return { m, actions };
}

async function requireStaffIds(deps: AppDeps, organizationId: string, ids: readonly string[], field: string) {
  const active = await activeStaffIdsOf(deps.database.db, organizationId, ids);
  const missing = ids.find((id) => !active.has(id));
  if (missing !== undefined)
    throw new DomainError('INTERNAL_MEETING_STAFF_INVALID', field, { reason: `找不到在职员工 ${missing}`, reasonEn: `no active staff member ${missing}` });
}

export interface NewInternalMeeting {
  kind: InternalMeetingKind;
  projectId?: string;
  departmentId?: string;
  heldOn: string;
  title: string;
  agenda?: string;
  secretaryId?: string;
  attendeeIds: string[];
}

/** A meeting held by one of the actor's offices or by their department (meeting.hold): the actor organizes it. */
export async function createInternalMeeting(deps: AppDeps, actor: Actor, input: NewInternalMeeting) {
  staffOnly(actor);
  requireCapability(actor, 'meeting.hold');
  const db = deps.database.db;
  if ((input.projectId === undefined) === (input.departmentId === undefined))
    throw new DomainError('INTERNAL_MEETING_HOLDER_INVALID', input.projectId === undefined ? 'projectId' : 'departmentId');
  let projectId: string | null;
  let departmentId: string | null = null;
  let timeZone = DEFAULT_ZONE;
  if (input.projectId !== undefined) {
    const project = await requireProjectOf(deps, actor, input.projectId);
    const mine = visibleProjectIds(actor);
    if (mine !== 'all' && !mine.includes(project.id)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
    projectId = project.id;
    timeZone = project.timeZone;
  } else {
    const department = await findDepartment(db, input.departmentId!);
    if (!department || department.organizationId !== actor.organizationId) throw new DomainError('INTERNAL_MEETING_HOLDER_INVALID', 'departmentId');
    departmentId = department.id;
    projectId = department.projectId;
    if (projectId) timeZone = (await requireProjectOf(deps, actor, projectId, 'departmentId')).timeZone;
  }
  const attendeeIds = [...new Set(input.attendeeIds)];
  const secretaryId = input.secretaryId ?? actor.id;
  const row: InternalMeetingRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId,
    departmentId,
    kind: input.kind,
    heldOn: input.heldOn,
    title: input.title.trim(),
    agenda: input.agenda?.trim() || null,
    organizerId: actor.id,
    secretaryId,
    attendeeIds,
    timeZone,
    minutes: null,
    minutesBy: null,
    minutesAt: null,
    minutesRemindedAt: null,
    createdAt: deps.now(),
  };
  // held by a unit the actor holds meetings of (not merely as its organizer)
  if (internalMeetingAccess(viewerOf(actor), { ...row, organizerId: '', secretaryId: '', attendeeIds: [] }) !== 'hold')
    throw new DomainError('INTERNAL_MEETING_HOLDER_INVALID', input.projectId !== undefined ? 'projectId' : 'departmentId');
  await requireStaffIds(deps, actor.organizationId, attendeeIds, 'attendeeIds');
  if (input.secretaryId !== undefined) await requireStaffIds(deps, actor.organizationId, [secretaryId], 'secretaryId');
  await inTransaction(deps.database, (tx) => insertInternalMeeting(tx, row));
  return viewOne(deps, actor, row.id);
}

/** The meetings the actor may read, latest first (an organization's meetings are few: read, then kept by the access rule). */
export async function listInternalMeetingsFor(
  deps: AppDeps,
  actor: Actor,
  q: { kind?: InternalMeetingKind; projectId?: string; departmentId?: string; from?: string; to?: string; minutesLate?: boolean; limit?: number },
) {
  staffOnly(actor);
  const db = deps.database.db;
  const limit = q.limit ?? 100;
  const rows = await listInternalMeetings(db, {
    organizationId: actor.organizationId,
    kind: q.kind,
    projectId: q.projectId,
    departmentId: q.departmentId,
    from: q.from,
    to: q.to,
    limit: 2000,
  });
  const mineIds = new Set(await meetingIdsWithResponsible(db, actor.id));
  const actions = await listInternalMeetingActions(
    db,
    rows.filter((m) => mineIds.has(m.id)).map((m) => m.id),
  );
  const visible = rows.filter((m) => accessOf(actor, m, actions) !== null);
  let items = await views(
    deps,
    actor,
    visible,
    await listInternalMeetingActions(
      db,
      visible.map((m) => m.id),
    ),
  );
  if (q.minutesLate !== undefined) items = items.filter((m) => m.minutesLate === q.minutesLate);
  return { items: items.slice(0, limit) };
}

export async function getInternalMeeting(deps: AppDeps, actor: Actor, id: string) {
  const { m } = await readable(deps, actor, id);
  return viewOne(deps, actor as StaffActor, m.id);
}

/** Writes (or corrects) the minutes of a meeting held; the first writer and time are kept (lateness is judged on them). */
export async function writeInternalMinutes(deps: AppDeps, actor: Actor, id: string, input: { minutes: string }) {
  const { m } = await readable(deps, actor, id, 'hold');
  const staff = actor as StaffActor;
  if (m.heldOn > localDateOf(deps.now(), m.timeZone)) throw new DomainError('INTERNAL_MEETING_NOT_HELD', 'id', { heldOn: m.heldOn });
  await inTransaction(deps.database, (db) => setInternalMeetingMinutes(db, m.id, input.minutes.trim(), m.minutesBy ?? staff.id, m.minutesAt ?? deps.now()));
  return viewOne(deps, staff, m.id);
}

/** A resolution of the meeting: what, who (active staff of the company), by when (not before today); its responsible is told. */
export async function addInternalAction(deps: AppDeps, actor: Actor, id: string, input: { text: string; responsibleId: string; deadlineOn: string }) {
  const { m } = await readable(deps, actor, id, 'hold');
  const staff = actor as StaffActor;
  const today = localDateOf(deps.now(), m.timeZone);
  if (input.deadlineOn < today) throw new DomainError('MONTHLY_DEADLINE_PAST', 'deadlineOn', { today });
  await requireStaffIds(deps, m.organizationId, [input.responsibleId], 'responsibleId');
  const now = deps.now();
  const action: InternalMeetingActionRecord = {
    id: deps.newId(),
    organizationId: m.organizationId,
    meetingId: m.id,
    text: input.text.trim(),
    responsibleId: input.responsibleId,
    deadlineOn: input.deadlineOn,
    status: 'open',
    doneBy: null,
    doneAt: null,
    doneNote: null,
    createdBy: staff.id,
    createdAt: now,
    overdueRemindedAt: null,
  };
  await inTransaction(deps.database, async (db) => {
    await insertInternalMeetingAction(db, action);
    await tellMeeting(deps, db, m, [input.responsibleId], 'meeting_action_assigned', now, {
      actionId: action.id,
      text: action.text,
      deadlineOn: action.deadlineOn,
    });
  });
  return viewOne(deps, staff, m.id);
}

/** Marks a resolution done with what was done: its responsible staff member, or whoever holds the meeting. */
export async function completeInternalAction(deps: AppDeps, actor: Actor, id: string, input: { note: string }) {
  staffOnly(actor);
  const db = deps.database.db;
  const a = await findInternalMeetingAction(db, id);
  const m = a ? await findInternalMeeting(db, a.meetingId) : null;
  const mine = !!a && a.responsibleId === actor.id && a.organizationId === actor.organizationId;
  const holds = !!m && actor.capabilities.has('meeting.hold') && accessOf(actor, m, []) === 'hold';
  if (!a || !m || !(mine || holds)) throw new DomainError('MEETING_ACTION_NOT_FOUND', 'id');
  if (a.status !== 'open') throw new DomainError('MEETING_ACTION_DONE', 'id');
  const done = await inTransaction(deps.database, (tx) => completeInternalMeetingAction(tx, a.id, actor.id, deps.now(), input.note.trim()));
  if (!done) throw new DomainError('MEETING_ACTION_DONE', 'id');
  return viewOne(deps, actor, m.id);
}

/** 我的会议事项: the actor's resolutions (open ones, or all), by deadline, each with its meeting. */
export async function myInternalActions(deps: AppDeps, actor: Actor, q: { status?: MeetingActionStatus; limit?: number }) {
  staffOnly(actor);
  const db = deps.database.db;
  const actions = await listActionsOf(db, actor.id, q.status, q.limit ?? 200);
  const meetings = new Map((await findInternalMeetingsByIds(db, [...new Set(actions.map((a) => a.meetingId))])).map((m) => [m.id, m]));
  const people = await namesOf(
    db,
    'staff',
    actions.flatMap((a) => [a.responsibleId, ...(a.doneBy ? [a.doneBy] : [])]),
  );
  const holders = await holderNamesOf(
    db,
    [...meetings.values()].flatMap((m) => (m.projectId ? [m.projectId] : [])),
    [...meetings.values()].flatMap((m) => (m.departmentId ? [m.departmentId] : [])),
  );
  const now = deps.now();
  return {
    items: actions
      .filter((a) => a.organizationId === actor.organizationId && meetings.has(a.meetingId))
      .map((a) => {
        const m = meetings.get(a.meetingId)!;
        return {
          ...actionView(a, people, localDateOf(now, m.timeZone), true),
          meeting: { id: m.id, kind: m.kind, title: m.title, heldOn: m.heldOn, holderName: holders.get(m.departmentId ?? m.projectId ?? '') ?? '' },
        };
      }),
  };
}

/** In-app notifications about a meeting (written in the caller's transaction): the meeting's id, title and date, and what else the kind needs. */
export async function tellMeeting(
  deps: AppDeps,
  db: Kysely<Schema>,
  m: InternalMeetingRecord,
  recipients: readonly string[],
  kind: 'meeting_action_assigned' | 'meeting_action_overdue' | 'meeting_minutes_late',
  now: string,
  extra: Record<string, unknown> = {},
) {
  for (const recipientId of new Set(recipients))
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: m.organizationId,
      recipientId,
      caseId: null,
      kind,
      data: { meetingId: m.id, title: m.title, heldOn: m.heldOn, ...extra },
      createdAt: now,
      readAt: null,
    });
}
