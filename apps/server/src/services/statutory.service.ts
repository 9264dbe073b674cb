import {
  addLocalDays,
  canSeeProject,
  dayOfMonth,
  defaultStatutorySchedules,
  DomainError,
  localDateOf,
  nextDueAfterPosting,
  nextStatutoryAlert,
  requireCapability,
  STATUTORY_OBJECTION_CATEGORY,
  statutoryStatus,
  type Actor,
  type CaseRecord,
  type CaseStatus,
  type Channel,
  type StatutorySubject,
} from '@guanjia/core';
import {
  findStatutoryPosting,
  findStatutorySchedule,
  insertStatutoryPosting,
  insertStatutorySchedules,
  listObjectionsOfPostings,
  listOwnerObjections,
  listOwnerUnits,
  listProjects,
  listRecentStatutoryPostings,
  listStatutoryPostings,
  listStatutorySchedules,
  ownerLinkedToProject,
  statutoryObjectionInsert,
  updateStatutorySchedule,
  type StatutoryPostingRecord,
  type StatutoryScheduleRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { createCase } from './cases.service.ts';
import { requireProjectOf } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Statutory postings (法定公示; 民法典 第943条, issue 13 item 6): a project's schedule of what it must
 * post and how often (set and changed by whoever approves notices: `notice.approve`), the postings
 * recorded (`notice.write`), each moving its schedule to the next due date, and owners' objections to
 * a posting (业主异议), each an inquiry case (category 法定公示异议) whose `objection_reply` clock gives
 * 3 days for the answer. The schedule's alerts to the office manager: statutory-alerts.ts.
 */

/** A schedule with what its alerts and status follow from (its project's time zone). */
function withAlert(s: StatutoryScheduleRecord, timeZone: string): StatutoryScheduleRecord {
  return { ...s, nextAlertAt: nextStatutoryAlert({ ...s, timeZone })?.at ?? null };
}

export function scheduleView(s: StatutoryScheduleRecord, timeZone: string, now: string) {
  return {
    id: s.id,
    projectId: s.projectId,
    subject: s.subject,
    title: s.title,
    everyMonths: s.everyMonths,
    warnDays: s.warnDays,
    nextDueOn: s.nextDueOn,
    lastPostedOn: s.lastPostedOn,
    lastNoticeId: s.lastNoticeId,
    active: s.active,
    status: statutoryStatus({ nextDueOn: s.nextDueOn, warnDays: s.warnDays, timeZone }, now),
    warnedAt: s.warnedAt,
    overdueNotifiedAt: s.overdueNotifiedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export async function listSchedules(deps: AppDeps, actor: Actor, projectId: string) {
  const project = await requireProjectIn(deps, actor, 'structure.read', projectId);
  const now = deps.now();
  return (await listStatutorySchedules(deps.database.db, projectId)).map((s) => scheduleView(s, project.timeZone, now));
}

function newSchedule(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  timeZone: string,
  input: { subject: StatutorySubject; title: string; everyMonths: number; warnDays: number; nextDueOn: string },
): StatutoryScheduleRecord {
  const now = deps.now();
  return withAlert(
    {
      id: deps.newId(),
      organizationId: actor.organizationId,
      projectId,
      subject: input.subject,
      title: input.title,
      everyMonths: input.everyMonths,
      warnDays: input.warnDays,
      dueDay: dayOfMonth(input.nextDueOn),
      nextDueOn: input.nextDueOn,
      lastPostedOn: null,
      lastNoticeId: null,
      active: true,
      warnedAt: null,
      overdueNotifiedAt: null,
      nextAlertAt: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    },
    timeZone,
  );
}

export async function createSchedule(
  deps: AppDeps,
  actor: Actor,
  projectId: string,
  input: { subject: StatutorySubject; title: string; everyMonths: number; warnDays: number; nextDueOn: string },
) {
  const project = await requireProjectIn(deps, actor, 'notice.approve', projectId, 'id');
  const s = newSchedule(deps, actor, projectId, project.timeZone, input);
  await inTransaction(deps.database, (db) => insertStatutorySchedules(db, [s]));
  return scheduleView(s, project.timeZone, deps.now());
}

/**
 * Gives a project the default schedule (core's defaultStatutorySchedules, from today in its time zone):
 * each default subject it has no active schedule of. Answers the project's whole list.
 */
export async function adoptDefaultSchedules(deps: AppDeps, actor: Actor, projectId: string) {
  const project = await requireProjectIn(deps, actor, 'notice.approve', projectId, 'id');
  await inTransaction(deps.database, async (db) => {
    const have = new Set((await listStatutorySchedules(db, projectId)).filter((s) => s.active).map((s) => s.subject));
    const today = localDateOf(deps.now(), project.timeZone);
    const missing = defaultStatutorySchedules(today).filter((d) => !have.has(d.subject));
    await insertStatutorySchedules(
      db,
      missing.map((d) => newSchedule(deps, actor, projectId, project.timeZone, d)),
    );
  });
  return listSchedules(deps, actor, projectId);
}

/** A schedule the staff member may see; another project's or tenant's answers as unknown. */
async function visibleSchedule(deps: AppDeps, actor: Actor, id: string): Promise<StatutoryScheduleRecord> {
  const s = await findStatutorySchedule(deps.database.db, id);
  if (!s || !canSeeProject(actor, s.organizationId, s.projectId)) throw new DomainError('STATUTORY_SCHEDULE_NOT_FOUND', 'id');
  return s;
}

/**
 * Changes a schedule. A new due date starts a new period (its warning and overdue notice are owed
 * again, on the new date's day of the month); `active: false` deactivates it (no alerts, no postings).
 */
export async function updateSchedule(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: { title?: string; everyMonths?: number; warnDays?: number; nextDueOn?: string; active?: boolean },
) {
  requireCapability(actor, 'notice.approve');
  const found = await visibleSchedule(deps, actor, id);
  const project = await requireProjectOf(deps, actor, found.projectId);
  const now = deps.now();
  const saved = await inTransaction(deps.database, async (db) => {
    const s = (await findStatutorySchedule(db, id, { forUpdate: true }))!;
    const newPeriod = patch.nextDueOn !== undefined && patch.nextDueOn !== s.nextDueOn;
    const next = withAlert(
      {
        ...s,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.everyMonths !== undefined ? { everyMonths: patch.everyMonths } : {}),
        ...(patch.warnDays !== undefined ? { warnDays: patch.warnDays } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(newPeriod ? { nextDueOn: patch.nextDueOn!, dueDay: dayOfMonth(patch.nextDueOn!), warnedAt: null, overdueNotifiedAt: null } : {}),
        updatedAt: now,
      },
      project.timeZone,
    );
    await updateStatutorySchedule(db, id, {
      title: next.title,
      everyMonths: next.everyMonths,
      warnDays: next.warnDays,
      active: next.active,
      nextDueOn: next.nextDueOn,
      dueDay: next.dueDay,
      warnedAt: next.warnedAt,
      overdueNotifiedAt: next.overdueNotifiedAt,
      nextAlertAt: next.nextAlertAt,
      updatedAt: now,
    });
    return next;
  });
  return scheduleView(saved, project.timeZone, now);
}

function postingView(p: StatutoryPostingRecord, objectionCaseIds: string[]) {
  return {
    id: p.id,
    scheduleId: p.scheduleId,
    projectId: p.projectId,
    postedOn: p.postedOn,
    dueOn: p.dueOn,
    noticeId: p.noticeId,
    note: p.note,
    recordedBy: p.recordedBy,
    recordedAt: p.recordedAt,
    objectionCaseIds,
  };
}

/**
 * Records a posting made (not later than today, in the project's time zone): it covers what is due
 * now, and the schedule moves to its next due date (core's nextDueAfterPosting), owing its warning and
 * overdue notice again. Answers the posting and the schedule.
 */
export async function recordPosting(
  deps: AppDeps,
  actor: Actor,
  scheduleId: string,
  input: { postedOn: string; noticeId?: string | null; note?: string | null },
) {
  requireCapability(actor, 'notice.write');
  const found = await visibleSchedule(deps, actor, scheduleId);
  const project = await requireProjectOf(deps, actor, found.projectId);
  const now = deps.now();
  const today = localDateOf(now, project.timeZone);
  if (input.postedOn > today) throw new DomainError('STATUTORY_POSTED_IN_FUTURE', 'postedOn', { today });
  const { posting, schedule } = await inTransaction(deps.database, async (db) => {
    const s = (await findStatutorySchedule(db, scheduleId, { forUpdate: true }))!;
    if (!s.active) throw new DomainError('STATUTORY_SCHEDULE_INACTIVE', 'id');
    const posting: StatutoryPostingRecord = {
      id: deps.newId(),
      organizationId: s.organizationId,
      projectId: s.projectId,
      scheduleId: s.id,
      postedOn: input.postedOn,
      dueOn: s.nextDueOn,
      noticeId: input.noticeId ?? null,
      note: input.note ?? null,
      recordedBy: actor.id,
      recordedAt: now,
    };
    const schedule = withAlert(
      {
        ...s,
        nextDueOn: nextDueAfterPosting(s, input.postedOn),
        lastPostedOn: s.lastPostedOn && s.lastPostedOn > input.postedOn ? s.lastPostedOn : input.postedOn,
        lastNoticeId: input.noticeId ?? null,
        warnedAt: null,
        overdueNotifiedAt: null,
        updatedAt: now,
      },
      project.timeZone,
    );
    await insertStatutoryPosting(db, posting);
    await updateStatutorySchedule(db, s.id, {
      nextDueOn: schedule.nextDueOn,
      lastPostedOn: schedule.lastPostedOn,
      lastNoticeId: schedule.lastNoticeId,
      warnedAt: null,
      overdueNotifiedAt: null,
      nextAlertAt: schedule.nextAlertAt,
      updatedAt: now,
    });
    return { posting, schedule };
  });
  return { posting: postingView(posting, []), schedule: scheduleView(schedule, project.timeZone, now) };
}

/** A schedule's postings, the latest first, each with the cases of the objections to it. */
export async function listPostings(deps: AppDeps, actor: Actor, scheduleId: string) {
  requireCapability(actor, 'structure.read');
  const s = await visibleSchedule(deps, actor, scheduleId);
  const postings = await listStatutoryPostings(deps.database.db, s.id);
  const objections = await listObjectionsOfPostings(
    deps.database.db,
    postings.map((p) => p.id),
  );
  return postings.map((p) =>
    postingView(
      p,
      objections.filter((o) => o.postingId === p.id).map((o) => o.caseId),
    ),
  );
}

/** The case title of an objection (a case title holds at most 100 characters). */
function objectionTitle(scheduleTitle: string, postedOn: string): string {
  const title = `对“${scheduleTitle}”（${postedOn}）的异议`;
  return title.length > 100 ? `${title.slice(0, 99)}…` : title;
}

async function objectionCase(
  deps: AppDeps,
  actor: Actor,
  posting: StatutoryPostingRecord,
  input: { content: string; channel: Channel; ownerId?: string | null; unitId?: string | null; caller?: { name?: string; phone?: string } },
) {
  const schedule = (await findStatutorySchedule(deps.database.db, posting.scheduleId))!;
  return createCase(
    deps,
    actor,
    {
      projectId: posting.projectId,
      type: 'inquiry',
      channel: input.channel,
      category: STATUTORY_OBJECTION_CATEGORY,
      title: objectionTitle(schedule.title, posting.postedOn),
      description: input.content,
      ownerId: input.ownerId ?? null,
      unitId: input.unitId ?? null,
      ...(input.caller ? { caller: input.caller } : {}),
    },
    undefined,
    (record: CaseRecord) => [
      statutoryObjectionInsert({
        caseId: record.id,
        postingId: posting.id,
        organizationId: record.organizationId,
        projectId: record.projectId,
        createdAt: record.createdAt,
      }),
    ],
  );
}

/** Staff recording an owner's objection to a posting (a call, a letter, at the counter): a new case (`case.create`). */
export async function objectAsStaff(
  deps: AppDeps,
  actor: Actor,
  postingId: string,
  input: { content: string; channel: Channel; ownerId?: string | null; unitId?: string | null; caller?: { name?: string; phone?: string } },
) {
  requireCapability(actor, 'case.create');
  const posting = await findStatutoryPosting(deps.database.db, postingId);
  if (!posting || !canSeeProject(actor, posting.organizationId, posting.projectId)) throw new DomainError('STATUTORY_POSTING_NOT_FOUND', 'id');
  return objectionCase(deps, actor, posting, input);
}

/** An owner objecting in the portal to a posting of a project they live in: a new case of theirs. */
export async function objectAsOwner(deps: AppDeps, actor: Actor, postingId: string, content: string) {
  if (actor.kind !== 'owner') throw new DomainError('FORBIDDEN');
  const db = deps.database.db;
  const posting = await findStatutoryPosting(db, postingId);
  if (!posting || posting.organizationId !== actor.organizationId || !(await ownerLinkedToProject(db, actor.id, posting.projectId)))
    throw new DomainError('STATUTORY_POSTING_NOT_FOUND', 'id');
  const home = (await listOwnerUnits(db, [actor.id])).find((l) => l.projectId === posting.projectId);
  return objectionCase(deps, actor, posting, { content, channel: 'portal', unitId: home?.unitId ?? null });
}

/**
 * The owner portal's postings: the last 13 months' of the projects the owner lives in, the latest
 * first; the latest of each schedule is the one in force (`inForce`), and each carries the owner's
 * own objections to it (their cases).
 */
export async function listPortalPostings(deps: AppDeps, actor: Actor) {
  if (actor.kind !== 'owner') throw new DomainError('FORBIDDEN');
  const db = deps.database.db;
  const projectIds = [...new Set((await listOwnerUnits(db, [actor.id])).map((l) => l.projectId))];
  const since = addLocalDays(deps.now().slice(0, 10), -400);
  const rows = await listRecentStatutoryPostings(db, projectIds, since);
  const [projects, objections] = await Promise.all([
    listProjects(db, actor.organizationId, projectIds),
    listOwnerObjections(
      db,
      actor.id,
      rows.map((r) => r.id),
    ),
  ]);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const seen = new Set<string>();
  return rows.map((r) => {
    const inForce = !seen.has(r.scheduleId); // the rows come latest first
    seen.add(r.scheduleId);
    return {
      id: r.id,
      projectId: r.projectId,
      projectName: projectName.get(r.projectId) ?? '',
      scheduleId: r.scheduleId,
      subject: r.subject as StatutorySubject,
      title: r.title,
      postedOn: r.postedOn,
      noticeId: r.noticeId,
      inForce,
      myObjections: objections
        .filter((o) => o.postingId === r.id)
        .map((o) => ({ caseId: o.caseId, caseNumber: o.caseNumber, caseStatus: o.caseStatus as CaseStatus })),
    };
  });
}
