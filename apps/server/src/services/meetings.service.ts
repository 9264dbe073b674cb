import { DomainError, localDateOf, minutesDueOn, minutesLate, trackedOverdue, type Actor, type MeetingKind } from '@guanjia/core';
import {
  completeMeetingAction,
  findMeetingAction,
  findOwnerMeeting,
  insertMeetingAction,
  insertOwnerMeeting,
  listMeetingActions,
  listOwnerMeetings,
  namesOf,
  setMeetingMinutes,
  type OwnerMeetingRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { MONTHLY_READ, monthlyProject, requireAnyCapability, requireVisible, todayIn } from './monthly-access.ts';
import { requireProjectOf, requireStaffFor } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * Meetings with the owners' committee or customer representatives (业主委员会/客户代表座谈; the quality
 * department's half-yearly meeting is the same record with its kind): date, attendees, topics; the
 * minutes due within 3 days (late ones flagged); each action with a responsible staff member and a
 * deadline, tracked to done. Written with `monthly.write`, read with it or `monthly.review`.
 */

async function meetingViews(deps: AppDeps, meetings: readonly OwnerMeetingRecord[], timeZone: string) {
  const db = deps.database.db;
  const actions = await listMeetingActions(
    db,
    meetings.map((m) => m.id),
  );
  const names = await namesOf(
    db,
    'staff',
    actions.map((a) => a.responsibleId),
  );
  const today = localDateOf(deps.now(), timeZone);
  return meetings.map(({ organizationId: _o, ...m }) => ({
    ...m,
    minutesDueOn: minutesDueOn(m.heldOn),
    minutesLate: minutesLate(m.heldOn, m.minutesAt ? localDateOf(m.minutesAt, timeZone) : null, today),
    actions: actions
      .filter((a) => a.meetingId === m.id)
      .map(({ organizationId: _o, projectId: _p, createdBy: _c, ...a }) => ({
        ...a,
        responsibleName: names.get(a.responsibleId) ?? '',
        overdue: trackedOverdue(a, today),
      })),
  }));
}

export interface NewMeeting {
  projectId: string;
  kind: MeetingKind;
  heldOn: string;
  title: string;
  attendees: string[];
  topics: string[];
}

export async function createMeeting(deps: AppDeps, actor: Actor, input: NewMeeting) {
  const project = await monthlyProject(deps, actor, ['monthly.write'], input.projectId);
  const record: OwnerMeetingRecord = {
    id: deps.newId(),
    organizationId: project.organizationId,
    projectId: input.projectId,
    kind: input.kind,
    heldOn: input.heldOn,
    title: input.title,
    attendees: input.attendees,
    topics: input.topics,
    minutes: null,
    minutesBy: null,
    minutesAt: null,
    createdBy: actor.id,
    createdAt: deps.now(),
  };
  await inTransaction(deps.database, (db) => insertOwnerMeeting(db, record));
  return (await meetingViews(deps, [record], project.timeZone))[0]!;
}

export async function listMeetings(deps: AppDeps, actor: Actor, q: { projectId: string; limit: number }) {
  const project = await monthlyProject(deps, actor, MONTHLY_READ, q.projectId);
  return meetingViews(deps, await listOwnerMeetings(deps.database.db, q.projectId, q.limit), project.timeZone);
}

async function writableMeeting(deps: AppDeps, actor: Actor, id: string) {
  requireAnyCapability(actor, ['monthly.write']);
  const m = requireVisible(actor, await findOwnerMeeting(deps.database.db, id), 'MEETING_NOT_FOUND');
  return { m, project: await monthlyProject(deps, actor, ['monthly.write'], m.projectId, 'id') };
}

async function viewOf(deps: AppDeps, id: string, timeZone: string) {
  return (await meetingViews(deps, [(await findOwnerMeeting(deps.database.db, id))!], timeZone))[0]!;
}

/** Writes (or corrects) the minutes of a meeting held; the first writing's time is kept (lateness is judged on it). */
export async function writeMinutes(deps: AppDeps, actor: Actor, id: string, input: { minutes: string }) {
  const { m, project } = await writableMeeting(deps, actor, id);
  if (m.heldOn > todayIn(deps, project.timeZone)) throw new DomainError('MEETING_NOT_HELD', 'id', { heldOn: m.heldOn });
  await inTransaction(deps.database, (db) => setMeetingMinutes(db, m.id, input.minutes, m.minutesBy ?? actor.id, m.minutesAt ?? deps.now()));
  return viewOf(deps, m.id, project.timeZone);
}

/** An action of the meeting: what, who (staff of the project), by when (not before today). */
export async function addAction(deps: AppDeps, actor: Actor, id: string, input: { text: string; responsibleId: string; deadlineOn: string }) {
  const { m, project } = await writableMeeting(deps, actor, id);
  const today = todayIn(deps, project.timeZone);
  if (input.deadlineOn < today) throw new DomainError('MONTHLY_DEADLINE_PAST', 'deadlineOn', { today });
  await requireStaffFor(deps.database, actor, input.responsibleId, m.projectId, 'responsibleId');
  await inTransaction(deps.database, (db) =>
    insertMeetingAction(db, {
      id: deps.newId(),
      organizationId: m.organizationId,
      projectId: m.projectId,
      meetingId: m.id,
      text: input.text,
      responsibleId: input.responsibleId,
      deadlineOn: input.deadlineOn,
      status: 'open',
      doneBy: null,
      doneAt: null,
      doneNote: null,
      createdBy: actor.id,
      createdAt: deps.now(),
    }),
  );
  return viewOf(deps, m.id, project.timeZone);
}

/** Marks an action done: its responsible staff member, or whoever holds the cycle's rights in the project. */
export async function completeAction(deps: AppDeps, actor: Actor, id: string, input: { note?: string }) {
  const found = await findMeetingAction(deps.database.db, id);
  if (actor.kind !== 'staff' || found?.responsibleId !== actor.id) requireAnyCapability(actor, MONTHLY_READ);
  const a = requireVisible(actor, found, 'MEETING_ACTION_NOT_FOUND');
  const project = await requireProjectOf(deps, actor, a.projectId, 'id');
  if (a.status !== 'open') throw new DomainError('MEETING_ACTION_DONE', 'id');
  const done = await inTransaction(deps.database, (db) => completeMeetingAction(db, a.id, actor.id, deps.now(), input.note ?? null));
  if (!done) throw new DomainError('MEETING_ACTION_DONE', 'id');
  return viewOf(deps, a.meetingId, project.timeZone);
}
