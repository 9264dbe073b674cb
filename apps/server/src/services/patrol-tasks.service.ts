import {
  capabilitiesOf,
  checkLocation,
  DomainError,
  encodeScanTicket,
  gradeCheck,
  localDateOf,
  MAX_ACCURACY_M,
  patrolTaskState,
  pointCodeProblem,
  readPointCode,
  readScanTicket,
  requireCapability,
  SCAN_TICKET_MINUTES,
  type Actor,
  type CheckGrade,
  type DefectSeverity,
  type GeoFix,
  type StaffActor,
} from '@guanjia/core';
import {
  findInspectionPoint,
  findPatrolCheck,
  findPatrolPlan,
  findPatrolTask,
  findProject,
  insertNotification,
  listDefects,
  listInspectionPoints,
  listPatrolChecks,
  listPatrolTasks,
  listPatrolTasksEnded,
  listStaff,
  insertPatrolCheck,
  listPatrolTasksRunning,
  updatePatrolTask,
  type PatrolCheckRecord,
  type PatrolTaskRecord,
  type PatrolTaskStatus,
  type PatrolTaskStop,
  type Schema,
} from '@guanjia/storage';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { takeCheckPhotos } from './check-photos.ts';
import { openDefectFromPatrol, verifyClosures } from './defects.service.ts';
import { INSPECTION_READERS, inScope, inspectionProjects, patrolSigner, requireInspectionReader } from './patrol-access.ts';
import { inTransaction } from './transaction.ts';

/**
 * Patrol tasks on the phone (issue 15 item 2, decision 0034): the inspector's tasks of the day, each
 * point scanned on site — the printed code read and checked (signed for this company, this point, the
 * current print, not expired) and the phone's position checked against the point — which yields a
 * one-time scan ticket; the check is then recorded with it (result, note, photos taken after the scan,
 * and the verdict on closures of this point's defects awaiting verification). An abnormal result opens
 * a defect at once. Tasks end as done, incomplete or overdue; a maintenance task is accepted by its
 * plan's acceptor. Tasks move to another inspector with a reason.
 */

const patrolTaskNotFound = () => new DomainError('PATROL_TASK_NOT_FOUND', 'id');

function requireTaskReader(actor: Actor, task: PatrolTaskRecord | null): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !task) throw patrolTaskNotFound();
  if (task.assigneeId === actor.id && actor.capabilities.has('inspection.patrol')) return;
  requireInspectionReader(actor);
  if (!inScope(actor, task)) throw patrolTaskNotFound();
}

async function taskView(deps: AppDeps, db: Kysely<Schema>, task: PatrolTaskRecord, recorded: readonly PatrolCheckRecord[]) {
  const points = new Map(
    (await listInspectionPoints(db, { organizationId: task.organizationId, projectIds: [task.projectId], ids: task.route.map((c) => c.pointId) })).map((p) => [
      p.id,
      p,
    ]),
  );
  const byPoint = new Map(recorded.map((c) => [c.pointId, c]));
  // a point never checked is missed once the task has ended
  const ended = task.status !== 'open';
  const plan = await findPatrolPlan(db, task.planId);
  const awaiting = await listDefects(db, { organizationId: task.organizationId, projectIds: [task.projectId], status: 'closed', limit: 500 });
  return {
    id: task.id,
    projectId: task.projectId,
    planId: task.planId,
    planName: plan?.name ?? '',
    kind: task.kind,
    date: task.date,
    round: task.round,
    assigneeId: task.assigneeId,
    startsAt: task.startsAt,
    endsAt: task.endsAt,
    makeupUntil: task.makeupUntil,
    status: task.status,
    finishedAt: task.finishedAt,
    transferredFrom: task.transferredFrom,
    transferReason: task.transferReason,
    acceptance: task.acceptance,
    acceptedBy: task.acceptedBy,
    acceptanceNote: task.acceptanceNote,
    checks: task.route.map((stop, seq) => {
      const p = points.get(stop.pointId);
      const c = byPoint.get(stop.pointId);
      return {
        pointId: stop.pointId,
        pointName: p?.name ?? '',
        place: p?.place ?? null,
        specialty: p?.specialty ?? 'general',
        seq,
        opensAt: stop.opensAt,
        closesAt: stop.closesAt,
        checkedAt: c?.checkedAt ?? null,
        grade: c?.grade ?? (ended ? ('missed' as const) : null),
        result: c?.result ?? null,
        note: c?.note ?? null,
        distanceM: c?.distanceM ?? null,
        photoIds: c?.photoIds ?? [],
        photoFlags: c?.photoFlags ?? [],
        makeup: c?.makeup ?? false,
        defectId: c?.defectId ?? null,
        awaitingVerification: awaiting
          .filter((d) => d.pointId === stop.pointId)
          .map((d) => ({ id: d.id, description: d.description, closureNote: d.closureNote, closedAt: d.closedAt })),
      };
    }),
  };
}

export async function listTasks(deps: AppDeps, actor: Actor, q: { mine?: boolean; projectId?: string; date?: string; status?: PatrolTaskStatus }) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const mine = q.mine || !INSPECTION_READERS.some((c) => actor.capabilities.has(c));
  if (mine) requireCapability(actor, 'inspection.patrol');
  const projects = q.projectId ? [q.projectId] : inspectionProjects(actor);
  if (q.projectId && !inScope(actor, { organizationId: actor.organizationId, projectId: q.projectId })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  const tasks = await listPatrolTasks(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: mine ? 'all' : projects,
    assigneeId: mine ? actor.id : undefined,
    dateFrom: q.date,
    dateTo: q.date,
    status: q.status,
    visibleAt: deps.now(),
    limit: 500,
  });
  const checks = await listPatrolChecks(
    deps.database.db,
    tasks.map((t) => t.id),
  );
  return {
    items: tasks.map((t) => {
      const own = checks.filter((c) => c.taskId === t.id);
      return {
        id: t.id,
        projectId: t.projectId,
        planId: t.planId,
        kind: t.kind,
        date: t.date,
        round: t.round,
        assigneeId: t.assigneeId,
        startsAt: t.startsAt,
        endsAt: t.endsAt,
        status: t.status,
        points: t.route.length,
        checked: t.checked,
        abnormal: own.filter((c) => c.result === 'abnormal').length,
        acceptance: t.acceptance,
      };
    }),
  };
}

export async function getTask(deps: AppDeps, actor: Actor, id: string) {
  const task = await findPatrolTask(deps.database.db, id);
  requireTaskReader(actor, task);
  return taskView(deps, deps.database.db, task!, await listPatrolChecks(deps.database.db, [id]));
}

/** A task is worked by its assignee only: anyone else is told it does not exist (then the capability is checked). */
async function requireOwnTask(db: Kysely<Schema>, actor: Actor, taskId: string, options: { forUpdate?: boolean } = {}): Promise<PatrolTaskRecord> {
  const task = await findPatrolTask(db, taskId, options);
  if (!task || actor.kind !== 'staff' || task.organizationId !== actor.organizationId || task.assigneeId !== actor.id) throw patrolTaskNotFound();
  requireCapability(actor, 'inspection.patrol');
  return task;
}

/** The task being worked now: open (not ended by the sweep), and its creation time passed. */
function requireWorkable(task: PatrolTaskRecord, now: string) {
  const last = task.makeupUntil ?? task.endsAt;
  if (task.status !== 'open' || now > last) throw new DomainError('PATROL_TASK_CLOSED', 'id');
  if (now < task.createAt) throw new DomainError('PATROL_TASK_NOT_STARTED', 'id', { startsAt: task.startsAt });
}

/** A check's grade at a time: by its window, or — past its window and late time — a make-up check when the plan allows one (graded late), else refused. */
function gradeAt(task: PatrolTaskRecord, check: PatrolTaskStop, at: string, lateMinutes: number): { grade: CheckGrade; makeup: boolean } {
  const grade = gradeCheck(check, at, lateMinutes);
  if (grade !== 'missed') return { grade, makeup: false };
  if (task.makeupUntil && at <= task.makeupUntil) return { grade: 'late', makeup: true };
  throw new DomainError('PATROL_WINDOW_PASSED', 'code', { closesAt: check.closesAt });
}

/**
 * Scanning a point: the code read (a foreign, altered, older or expired print refused), the point one of
 * the task's and not yet checked, and the phone at the point. Returns the one-time ticket for the check.
 */
export async function scanPoint(deps: AppDeps, actor: Actor, taskId: string, input: { code: string; position: GeoFix | null }) {
  const task = await requireOwnTask(deps.database.db, actor, taskId);
  const now = deps.now();
  requireWorkable(task, now);
  const sign = patrolSigner(deps, actor.organizationId);
  const reading = readPointCode(input.code, sign);
  if (!reading.ok) throw new DomainError('PATROL_CODE_INVALID', 'code');
  const point = await findInspectionPoint(deps.database.db, reading.code.pointId);
  const check = point ? task.route.find((s) => s.pointId === point.id) : undefined;
  if (!point || point.organizationId !== actor.organizationId || !check) throw new DomainError('PATROL_CODE_WRONG_POINT', 'code');
  const project = await findProject(deps.database.db, task.projectId);
  const problem = pointCodeProblem(reading.code, point, localDateOf(now, project?.timeZone ?? 'Asia/Shanghai'));
  if (problem === 'superseded') throw new DomainError('PATROL_CODE_SUPERSEDED', 'code');
  if (problem === 'expired') throw new DomainError('PATROL_CODE_EXPIRED', 'code', { validUntil: reading.code.validUntil });
  if (problem) throw new DomainError('PATROL_CODE_WRONG_POINT', 'code');
  if (await findPatrolCheck(deps.database.db, taskId, point.id)) throw new DomainError('PATROL_POINT_CHECKED', 'code');
  const where = checkLocation(point, input.position);
  if (!where.ok) {
    if (where.problem === 'too_far') throw new DomainError('PATROL_TOO_FAR', 'position', { distanceM: where.distanceM, allowedM: where.allowedM });
    if (where.problem === 'position_required') throw new DomainError('PATROL_POSITION_REQUIRED', 'position');
    throw new DomainError('PATROL_POSITION_INACCURATE', 'position', { maxM: MAX_ACCURACY_M });
  }
  const ticket = encodeScanTicket({ taskId, pointId: point.id, scannedAt: Date.parse(now), nonce: randomBytes(12).toString('base64url') }, sign);
  const awaiting = await listDefects(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: [task.projectId],
    status: 'closed',
    pointId: point.id,
    limit: 100,
  });
  return {
    ticket,
    validMinutes: SCAN_TICKET_MINUTES,
    point: { id: point.id, name: point.name, place: point.place, specialty: point.specialty },
    distanceM: where.distanceM,
    ...gradeAt(task, check, now, (await findPatrolPlan(deps.database.db, task.planId))?.lateMinutes ?? 0),
    awaitingVerification: awaiting.map((d) => ({ id: d.id, description: d.description, closureNote: d.closureNote, closedAt: d.closedAt })),
  };
}

export interface CheckInput {
  ticket: string;
  result: 'normal' | 'abnormal';
  note?: string | null;
  photoIds: string[];
  position?: GeoFix | null;
  /** An abnormal finding's defect: how serious, caused by staff, who is responsible (default: the plan's acceptor or the office's manager). */
  severity?: DefectSeverity;
  causedByStaff?: boolean;
  responsibleId?: string | null;
  /** Closures of this point's defects verified at this check. */
  verifications?: { defectId: string; passed: boolean; note?: string | null }[];
}

/** Records a point's check with its scan ticket (once: the ticket's nonce is unique). */
export async function recordCheck(deps: AppDeps, actor: Actor, taskId: string, input: CheckInput) {
  await requireOwnTask(deps.database.db, actor, taskId);
  const staff = actor as StaffActor;
  const now = deps.now();
  const sign = patrolSigner(deps, actor.organizationId);
  const reading = readScanTicket(input.ticket, sign, { taskId, now: Date.parse(now) });
  if (!reading.ok) {
    if (reading.problem === 'expired') throw new DomainError('PATROL_TICKET_EXPIRED', 'ticket', { minutes: SCAN_TICKET_MINUTES });
    throw new DomainError('PATROL_TICKET_INVALID', 'ticket');
  }
  if (!input.photoIds.length) throw new DomainError('PATROL_PHOTO_REQUIRED', 'photoIds');
  if (input.result === 'abnormal' && !input.note?.trim()) throw new DomainError('FIELD_REQUIRED', 'note');
  const { ticket } = reading;
  const result = await inTransaction(deps.database, async (db) => {
    const task = await requireOwnTask(db, actor, taskId, { forUpdate: true });
    requireWorkable(task, now);
    const seq = task.route.findIndex((x) => x.pointId === ticket.pointId);
    if (seq < 0) throw new DomainError('PATROL_TICKET_INVALID', 'ticket');
    const stop = task.route[seq]!;
    if (await db.selectFrom('patrolChecks').select('id').where('scanNonce', '=', ticket.nonce).executeTakeFirst())
      throw new DomainError('PATROL_TICKET_USED', 'ticket');
    if (await findPatrolCheck(db, taskId, stop.pointId)) throw new DomainError('PATROL_POINT_CHECKED', 'ticket');
    const plan = await findPatrolPlan(db, task.planId);
    const checkId = deps.newId();
    const scannedAt = new Date(ticket.scannedAt).toISOString();
    const photoFlags = await takeCheckPhotos(deps, db, staff, {
      photoIds: input.photoIds,
      notBefore: scannedAt,
      projectId: task.projectId,
      pointId: stop.pointId,
      sourceId: checkId,
    });
    const { grade, makeup } = gradeAt(task, stop, scannedAt, plan?.lateMinutes ?? 0);
    await verifyClosures(deps, db, staff, {
      projectId: task.projectId,
      pointId: stop.pointId,
      sourceId: checkId,
      at: now,
      verifications: input.verifications ?? [],
    });
    const point = (await findInspectionPoint(db, stop.pointId))!;
    let defectId: string | null = null;
    if (input.result === 'abnormal')
      defectId = await openDefectFromPatrol(deps, db, staff, {
        projectId: task.projectId,
        pointId: point.id,
        specialty: point.specialty,
        checkId,
        description: `${point.name}：${input.note!.trim()}`,
        severity: input.severity ?? 'general',
        causedByStaff: input.causedByStaff ?? false,
        responsibleId: input.responsibleId ?? plan?.acceptorId ?? null,
        photoIds: input.photoIds,
        at: now,
      });
    const place = input.position ? checkLocation(point, input.position) : null;
    // the unique (task, point) and nonce indexes stop a second check racing this one
    await insertPatrolCheck(db, {
      id: checkId,
      taskId,
      organizationId: task.organizationId,
      projectId: task.projectId,
      pointId: stop.pointId,
      seq,
      opensAt: stop.opensAt,
      closesAt: stop.closesAt,
      checkedAt: scannedAt,
      recordedAt: now,
      grade,
      result: input.result,
      note: input.note?.trim() || null,
      latitude: input.position?.latitude ?? null,
      longitude: input.position?.longitude ?? null,
      accuracyM: input.position ? Math.round(input.position.accuracyM) : null,
      distanceM: place?.distanceM ?? null,
      photoIds: input.photoIds,
      photoFlags,
      makeup,
      scanNonce: ticket.nonce,
      checkedBy: staff.id,
      defectId,
    });
    const checked = task.checked + 1;
    await updatePatrolTask(
      db,
      taskId,
      checked === task.route.length ? { checked, status: 'done', finishedAt: now, ...countGrades(task, await listPatrolChecks(db, [taskId])) } : { checked },
    );
    return { checkId, grade, defectId, photoFlags };
  });
  return result;
}

/** Moves a task to another inspector of its project, with a reason (the assignee, or inspection.admin). */
export async function transferTask(deps: AppDeps, actor: Actor, id: string, input: { toStaffId: string; reason: string }) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const found = await findPatrolTask(deps.database.db, id);
  const own = !!found && found.organizationId === actor.organizationId && found.assigneeId === actor.id && actor.capabilities.has('inspection.patrol');
  if (!own) {
    requireCapability(actor, 'inspection.admin');
    if (!found || !inScope(actor, found)) throw patrolTaskNotFound();
  }
  const task = found!;
  if (task.status !== 'open') throw new DomainError('PATROL_TASK_CLOSED', 'id');
  const staff = await listStaff(deps.database.db, actor.organizationId, [task.projectId]);
  const to = staff.find((s) => s.id === input.toStaffId);
  if (!input.reason.trim()) throw new DomainError('FIELD_REQUIRED', 'reason');
  if (
    !to ||
    !to.active ||
    to.id === task.assigneeId ||
    !capabilitiesOf(to.roles).has('inspection.patrol') ||
    !(to.companyWide || to.projectIds.includes(task.projectId))
  )
    throw new DomainError('PATROL_TRANSFER_INVALID', 'toStaffId');
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await updatePatrolTask(db, id, { assigneeId: to.id, transferredFrom: task.assigneeId, transferReason: input.reason.trim(), transferredAt: now });
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: task.organizationId,
      recipientId: to.id,
      caseId: null,
      kind: 'patrol_transferred',
      data: { taskId: id, date: task.date, round: task.round, from: actor.name, reason: input.reason.trim() },
      createdAt: now,
      readAt: null,
    });
  });
  const moved = (await findPatrolTask(deps.database.db, id))!;
  return taskView(deps, deps.database.db, moved, await listPatrolChecks(deps.database.db, [id]));
}

/** A finished maintenance task's acceptance (验收) by its plan's acceptor or inspection.admin — never the one who did it. */
export async function acceptTask(deps: AppDeps, actor: Actor, id: string, input: { accepted: boolean; note?: string | null }) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const found = await findPatrolTask(deps.database.db, id);
  const plan = found ? await findPatrolPlan(deps.database.db, found.planId) : null;
  if (!(found && found.organizationId === actor.organizationId && plan?.acceptorId === actor.id)) {
    requireCapability(actor, 'inspection.admin');
    if (!found || !inScope(actor, found)) throw patrolTaskNotFound();
  }
  const task = found!;
  if (task.kind !== 'maintenance' || task.status !== 'done' || task.acceptance === 'accepted' || task.assigneeId === actor.id)
    throw new DomainError('PATROL_ACCEPTANCE_NOT_ALLOWED', 'id');
  if (!input.accepted && !input.note?.trim()) throw new DomainError('FIELD_REQUIRED', 'note');
  await inTransaction(deps.database, (db) =>
    updatePatrolTask(db, id, {
      acceptance: input.accepted ? 'accepted' : 'rejected',
      acceptedBy: actor.id,
      acceptedAt: deps.now(),
      acceptanceNote: input.note?.trim() || null,
    }),
  );
  return getTask(deps, actor, id);
}

/**
 * The scheduler's sweep: tasks past their end (and make-up time) end as done, incomplete or overdue,
 * their unchecked points graded missed; the inspector is reminded once as each point's window opens.
 */
export async function sweepPatrolTasks(deps: AppDeps, now = deps.now()): Promise<{ ended: number; reminded: number }> {
  let ended = 0;
  for (const task of await listPatrolTasksEnded(deps.database.db, now, 500)) {
    ended += await inTransaction(deps.database, async (db) => {
      const t = await findPatrolTask(db, task.id, { forUpdate: true });
      if (!t || t.status !== 'open') return 0;
      const counts = countGrades(t, await listPatrolChecks(db, [t.id]));
      const state = patrolTaskState(t, [...Array(counts.early + counts.onTime + counts.late).fill('on_time'), ...Array(counts.missed).fill('missed')], now);
      await updatePatrolTask(db, t.id, { ...counts, status: state === 'running' ? 'open' : state, finishedAt: now });
      return 1;
    });
  }
  let reminded = 0;
  for (const task of await listPatrolTasksRunning(deps.database.db, now, 500)) {
    if (!task.assigneeId) continue;
    // the points in the order their windows open: those opened since the last reminder are due
    const order = [...task.route].sort((a, b) => (a.opensAt < b.opensAt ? -1 : a.opensAt > b.opensAt ? 1 : 0));
    const opened = order.filter((s) => s.opensAt <= now).length;
    if (opened <= task.reminded) continue;
    reminded += await inTransaction(deps.database, async (db) => {
      const r = await db
        .updateTable('patrolTasks')
        .set({ reminded: opened })
        .where('id', '=', task.id)
        .where('reminded', '=', task.reminded)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 0;
      const done = new Set((await listPatrolChecks(db, [task.id])).map((c) => c.pointId));
      const due = order.slice(task.reminded, opened).filter((s) => s.closesAt > now && !done.has(s.pointId));
      const names = new Map(
        (await listInspectionPoints(db, { organizationId: task.organizationId, projectIds: [task.projectId], ids: due.map((d) => d.pointId) })).map((p) => [
          p.id,
          p.name,
        ]),
      );
      for (const stop of due)
        await insertNotification(db, {
          id: deps.newId(),
          organizationId: task.organizationId,
          recipientId: task.assigneeId!,
          caseId: null,
          kind: 'patrol_point_due',
          data: { taskId: task.id, pointId: stop.pointId, pointName: names.get(stop.pointId) ?? '', closesAt: stop.closesAt },
          createdAt: now,
          readAt: null,
        });
      return due.length;
    });
  }
  return { ended, reminded };
}

/** The task's points by grade: each recorded check's, and every point never checked counted missed. */
function countGrades(task: PatrolTaskRecord, checks: readonly PatrolCheckRecord[]) {
  const counts = { early: 0, onTime: 0, late: 0, missed: 0 };
  const byPoint = new Map(checks.map((c) => [c.pointId, c.grade]));
  for (const stop of task.route) {
    const g = byPoint.get(stop.pointId) ?? 'missed';
    if (g === 'early') counts.early++;
    else if (g === 'on_time') counts.onTime++;
    else if (g === 'late') counts.late++;
    else counts.missed++;
  }
  return counts;
}
