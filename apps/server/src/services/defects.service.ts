import {
  addLocalDays,
  capabilitiesOf,
  decideDefect,
  decideRectification,
  defectClock,
  defectDeadline,
  defectEscalationLevel,
  DomainError,
  onDailySheet,
  rectificationEscalationLevel,
  rectificationLate,
  requireCapability,
  startOfLocalDate,
  type Actor,
  type DefectSeverity,
  type DefectStatus,
  type RectificationCommand,
  type RectificationStatus,
  type Specialty,
  type StaffActor,
} from '@guanjia/core';
import {
  findDefect,
  findProject,
  findRectification,
  insertDefects,
  insertNotification,
  insertRectification,
  listDefects,
  listDefectsPastDeadline,
  listRectifications,
  listRectificationsPastDeadline,
  listStaff,
  updateDefect,
  updateRectification,
  type DefectRecord,
  type RectificationRecord,
  type Schema,
} from '@guanjia/storage';
import { DEFECT_STATUS_LABELS } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { createCase } from './cases.service.ts';
import { takeCheckPhotos } from './check-photos.ts';
import { inScope, inspectionProjects, requireInScope, requireInspectionReader } from './patrol-access.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Defects (不合格项) to closure and rectification notices (整改通知), issue 15 item 3, decision 0034.
 * A defect comes from a patrol's abnormal finding (at once), a checklist item failed, or by hand; it
 * has a responsible person and a deadline by severity; the responsible person (or defect.manage)
 * records its closure (缺陷消项), which someone else verifies at the next check — a failed verification
 * opens it again. Late defects escalate to the office manager, then the quality department. A defect
 * that concerns owners opens a case. Rectification notices bundle defects for a responsible person:
 * measures, report, re-inspection.
 */

function defectView(d: DefectRecord, now: string) {
  return {
    id: d.id,
    projectId: d.projectId,
    sourceType: d.sourceType,
    sourceId: d.sourceId,
    pointId: d.pointId,
    itemId: d.itemId,
    specialty: d.specialty,
    severity: d.severity,
    causedByStaff: d.causedByStaff,
    onDailySheet: d.onDailySheet,
    description: d.description,
    photoIds: d.photoIds,
    responsibleId: d.responsibleId,
    foundBy: d.foundBy,
    foundAt: d.foundAt,
    deadline: d.deadline,
    status: d.status,
    clock: defectClock(d, now),
    closureNote: d.closureNote,
    closurePhotoIds: d.closurePhotoIds,
    closedAt: d.closedAt,
    closedBy: d.closedBy,
    verifiedAt: d.verifiedAt,
    verifiedBy: d.verifiedBy,
    reopenCount: d.reopenCount,
    escalationLevel: d.escalationLevel,
    caseId: d.caseId,
    rectificationId: d.rectificationId,
  };
}

/**
 * Who answers for a defect when none is named: the project's office manager, else anyone of the project
 * with defect.manage, else a company-wide quality officer (a project without a manager still has someone).
 */
async function defaultResponsible(db: Kysely<Schema>, organizationId: string, projectId: string): Promise<string | null> {
  const staff = (await listStaff(db, organizationId, [projectId])).filter((s) => s.active);
  const own = staff.filter((s) => !s.companyWide && s.projectIds.includes(projectId));
  return (
    (
      own.find((s) => s.roles.includes('office_manager')) ??
      own.find((s) => capabilitiesOf(s.roles).has('defect.manage')) ??
      staff.find((s) => s.companyWide && s.roles.includes('quality_officer')) ??
      staff.find((s) => s.companyWide && capabilitiesOf(s.roles).has('defect.manage'))
    )?.id ?? null
  );
}

async function requireResponsibleValid(db: Kysely<Schema>, organizationId: string, projectId: string, staffId: string, field = 'responsibleId') {
  const s = (await listStaff(db, organizationId, [projectId])).find((x) => x.id === staffId);
  if (!s || !s.active) throw new DomainError('STAFF_NOT_FOUND', field);
}

/** The defect of a patrol's abnormal finding, opened in the check's transaction. */
export async function openDefectFromPatrol(
  deps: AppDeps,
  db: Kysely<Schema>,
  actor: StaffActor,
  input: {
    projectId: string;
    pointId: string;
    specialty: Specialty;
    checkId: string;
    description: string;
    severity: DefectSeverity;
    causedByStaff: boolean;
    responsibleId: string | null;
    photoIds: string[];
    at: string;
  },
): Promise<string> {
  if (input.responsibleId) await requireResponsibleValid(db, actor.organizationId, input.projectId, input.responsibleId);
  const responsibleId = input.responsibleId ?? (await defaultResponsible(db, actor.organizationId, input.projectId));
  const d = newDefect(deps, actor, { ...input, sourceType: 'patrol', sourceId: input.checkId, itemId: null, responsibleId });
  await insertDefects(db, [d]);
  await tellResponsible(deps, db, d);
  return d.id;
}

/**
 * The defects of a scored check's failed items, opened in its submission's transaction (checks.service.ts):
 * one per item, of the item's specialty, answered for by the project's office manager, its responsible told.
 */
export async function openDefectsFromInspection(
  deps: AppDeps,
  db: Kysely<Schema>,
  actor: StaffActor,
  input: {
    projectId: string;
    inspectionId: string;
    at: string;
    items: readonly { itemId: string; specialty: Specialty; description: string; severity: DefectSeverity; causedByStaff: boolean; photoIds: string[] }[];
  },
): Promise<DefectRecord[]> {
  if (!input.items.length) return [];
  const responsibleId = await defaultResponsible(db, actor.organizationId, input.projectId);
  const rows = input.items.map((i) =>
    newDefect(deps, actor, {
      projectId: input.projectId,
      specialty: i.specialty,
      severity: i.severity,
      causedByStaff: i.causedByStaff,
      description: i.description,
      photoIds: i.photoIds,
      responsibleId,
      sourceType: 'inspection',
      sourceId: input.inspectionId,
      itemId: i.itemId,
      pointId: null,
      at: input.at,
    }),
  );
  await insertDefects(db, rows);
  for (const d of rows) await tellResponsible(deps, db, d);
  return rows;
}

function newDefect(
  deps: AppDeps,
  actor: StaffActor,
  input: Pick<
    DefectRecord,
    'projectId' | 'specialty' | 'severity' | 'causedByStaff' | 'description' | 'photoIds' | 'responsibleId' | 'sourceType' | 'sourceId' | 'itemId'
  > & {
    pointId: string | null;
    at: string;
  },
): DefectRecord {
  return {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    itemId: input.itemId,
    pointId: input.pointId,
    specialty: input.specialty,
    severity: input.severity,
    causedByStaff: input.causedByStaff,
    onDailySheet: onDailySheet({ severity: input.severity, causedByStaff: input.causedByStaff, closedWithinMinutes: null }),
    description: input.description,
    photoIds: input.photoIds,
    responsibleId: input.responsibleId,
    foundBy: actor.id,
    foundAt: input.at,
    periodStart: input.at,
    deadline: defectDeadline(input.at, input.severity),
    status: 'open',
    closureNote: null,
    closurePhotoIds: [],
    closedAt: null,
    closedBy: null,
    verifiedAt: null,
    verifiedBy: null,
    verifiedIn: null,
    reopenCount: 0,
    escalationLevel: 0,
    escalatedAt: null,
    caseId: null,
    rectificationId: null,
  };
}

async function tellResponsible(deps: AppDeps, db: Kysely<Schema>, d: DefectRecord, kind = 'defect_assigned') {
  if (!d.responsibleId) return;
  await insertNotification(db, {
    id: deps.newId(),
    organizationId: d.organizationId,
    recipientId: d.responsibleId,
    caseId: null,
    kind,
    data: { defectId: d.id, description: d.description, deadline: d.deadline, severity: d.severity },
    createdAt: deps.now(),
    readAt: null,
  });
}

/** Verdicts on closures of a point's defects, at a check of that point (by someone other than who closed each). */
export async function verifyClosures(
  deps: AppDeps,
  db: Kysely<Schema>,
  actor: StaffActor,
  input: {
    projectId: string;
    pointId: string | null;
    sourceId: string;
    at: string;
    verifications: readonly { defectId: string; passed: boolean; note?: string | null }[];
  },
): Promise<void> {
  for (const v of input.verifications) {
    const d = await findDefect(db, v.defectId, { forUpdate: true });
    if (
      !d ||
      d.organizationId !== actor.organizationId ||
      d.projectId !== input.projectId ||
      (input.pointId && d.pointId !== input.pointId) ||
      d.status !== 'closed'
    )
      throw new DomainError('DEFECT_VERIFICATION_UNKNOWN', 'verifications');
    await applyVerification(deps, db, actor, d, v.passed, input.sourceId, input.at);
  }
}

async function applyVerification(deps: AppDeps, db: Kysely<Schema>, actor: StaffActor, d: DefectRecord, passed: boolean, sourceId: string | null, at: string) {
  const r = decideDefect(d, { kind: 'verify', by: actor.id, at, passed });
  if (!r.ok) throw new DomainError(r.problem === 'own_closure' ? 'DEFECT_OWN_CLOSURE' : 'DEFECT_NOT_CLOSED', r.field);
  const next = r.next;
  await updateDefect(db, d.id, {
    status: next.status,
    closedAt: next.closedAt,
    closedBy: next.closedBy,
    periodStart: next.periodStart,
    deadline: next.deadline,
    reopenCount: next.reopenCount,
    verifiedAt: passed ? at : null,
    verifiedBy: passed ? actor.id : null,
    verifiedIn: passed ? sourceId : null,
    ...(passed ? {} : { escalationLevel: 0, escalatedAt: null, closureNote: d.closureNote }),
  });
  if (!passed) await tellResponsible(deps, db, { ...d, ...next }, 'defect_reopened');
}

// --- the API ----------------------------------------------------------------------------------------

export async function listDefectsFor(
  deps: AppDeps,
  actor: Actor,
  q: { projectId?: string; status?: DefectStatus; mine?: boolean; pointId?: string; caseId?: string; dailySheet?: boolean; foundOn?: string; limit?: number },
) {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  if (!q.mine) requireInspectionReader(actor);
  if (q.projectId && !inScope(actor, { organizationId: actor.organizationId, projectId: q.projectId })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  // a day's defects (the daily sheet of a day) in the project's local time
  let found: { foundFrom?: string; foundTo?: string } = {};
  if (q.foundOn) {
    const zone = q.projectId ? ((await findProject(deps.database.db, q.projectId))?.timeZone ?? 'Asia/Shanghai') : 'Asia/Shanghai';
    found = { foundFrom: startOfLocalDate(q.foundOn, zone), foundTo: startOfLocalDate(addLocalDays(q.foundOn, 1), zone) };
  }
  const rows = await listDefects(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: q.mine ? 'all' : q.projectId ? [q.projectId] : inspectionProjects(actor),
    status: q.status,
    responsibleId: q.mine ? actor.id : undefined,
    pointId: q.pointId,
    caseId: q.caseId,
    onDailySheet: q.dailySheet ? true : undefined,
    ...found,
    limit: Math.min(q.limit ?? 200, 500),
  });
  const now = deps.now();
  return { items: rows.map((d) => defectView(d, now)) };
}

async function readable(deps: AppDeps, actor: Actor, id: string): Promise<{ actor: StaffActor; defect: DefectRecord }> {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const d = await findDefect(deps.database.db, id);
  if (d && d.organizationId === actor.organizationId && d.responsibleId === actor.id) return { actor, defect: d };
  requireInspectionReader(actor);
  return { actor, defect: requireInScope(actor, d, 'DEFECT_NOT_FOUND') };
}

export async function getDefect(deps: AppDeps, actor: Actor, id: string) {
  return defectView((await readable(deps, actor, id)).defect, deps.now());
}

/** A defect found by hand (outside a check): defect.manage or inspection.check of the project. */
export async function createDefect(
  deps: AppDeps,
  actor: Actor,
  input: {
    projectId: string;
    specialty: Specialty;
    severity: DefectSeverity;
    causedByStaff: boolean;
    description: string;
    responsibleId?: string | null;
    pointId?: string | null;
    photoIds?: string[];
  },
) {
  if (actor.kind === 'staff' && !actor.capabilities.has('defect.manage')) requireCapability(actor, 'inspection.check');
  await requireProjectIn(
    deps,
    actor,
    actor.kind === 'staff' && actor.capabilities.has('defect.manage') ? 'defect.manage' : 'inspection.check',
    input.projectId,
  );
  const staff = actor as StaffActor;
  const now = deps.now();
  const d = await inTransaction(deps.database, async (db) => {
    if (input.responsibleId) await requireResponsibleValid(db, staff.organizationId, input.projectId, input.responsibleId);
    const id = deps.newId();
    if (input.photoIds?.length)
      await takeCheckPhotos(deps, db, staff, {
        photoIds: input.photoIds,
        notBefore: new Date(Date.parse(now) - 86_400_000).toISOString(),
        projectId: input.projectId,
        pointId: input.pointId ?? null,
        sourceId: id,
      });
    const row = newDefect(deps, staff, {
      projectId: input.projectId,
      specialty: input.specialty,
      severity: input.severity,
      causedByStaff: input.causedByStaff,
      description: input.description.trim(),
      photoIds: input.photoIds ?? [],
      responsibleId: input.responsibleId ?? (await defaultResponsible(db, staff.organizationId, input.projectId)),
      sourceType: 'manual',
      sourceId: null,
      itemId: null,
      pointId: input.pointId ?? null,
      at: now,
    });
    row.id = id;
    await insertDefects(db, [row]);
    await tellResponsible(deps, db, row);
    return row;
  });
  return defectView(d, now);
}

/** 缺陷消项: the responsible person (or defect.manage) says how it was closed; the daily sheet drops a minor one closed within 30 minutes unless staff caused it. */
export async function closeDefect(deps: AppDeps, actor: Actor, id: string, input: { note: string; photoIds?: string[] }) {
  const { actor: staff, defect } = await readable(deps, actor, id);
  if (defect.responsibleId !== staff.id) requireCapability(staff, 'defect.manage');
  const now = deps.now();
  const next = await inTransaction(deps.database, async (db) => {
    const d = (await findDefect(db, id, { forUpdate: true }))!;
    const r = decideDefect(d, { kind: 'close', by: staff.id, at: now, note: input.note });
    if (!r.ok) throw new DomainError(r.problem === 'note_required' ? 'DEFECT_NOTE_REQUIRED' : 'DEFECT_NOT_OPEN', r.field);
    // the closure's photos: the responsible person's own, taken since the defect was found, hashed like a check's
    if (input.photoIds?.length)
      await takeCheckPhotos(deps, db, staff, { photoIds: input.photoIds, notBefore: d.foundAt, projectId: d.projectId, pointId: d.pointId, sourceId: d.id });
    const minutes = (Date.parse(now) - Date.parse(d.foundAt)) / 60_000;
    const patch = {
      status: r.next.status,
      closedAt: now,
      closedBy: staff.id,
      closureNote: input.note.trim(),
      closurePhotoIds: input.photoIds ?? [],
      onDailySheet: onDailySheet({ severity: d.severity, causedByStaff: d.causedByStaff, closedWithinMinutes: d.reopenCount ? null : minutes }),
    };
    await updateDefect(db, id, patch);
    return { ...d, ...patch };
  });
  return defectView(next, now);
}

/** A closure verified outside a patrol (a checklist check, a visit): inspection.check or defect.manage, never who closed it. */
export async function verifyDefect(deps: AppDeps, actor: Actor, id: string, input: { passed: boolean }) {
  if (actor.kind === 'staff' && !actor.capabilities.has('defect.manage')) requireCapability(actor, 'inspection.check');
  const { actor: staff } = await readable(deps, actor, id);
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    const d = (await findDefect(db, id, { forUpdate: true }))!;
    await applyVerification(deps, db, staff, d, input.passed, null, now);
  });
  return getDefect(deps, actor, id);
}

/** A new responsible person, and perhaps a new (future) deadline: defect.manage. */
export async function reassignDefect(deps: AppDeps, actor: Actor, id: string, input: { responsibleId: string; deadline?: string | null }) {
  requireCapability(actor, 'defect.manage');
  const { defect } = await readable(deps, actor, id);
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await requireResponsibleValid(db, actor.organizationId, defect.projectId, input.responsibleId);
    const d = (await findDefect(db, id, { forUpdate: true }))!;
    const r = decideDefect(d, { kind: 'reassign', by: actor.id, at: now, responsibleId: input.responsibleId, deadline: input.deadline ?? null });
    if (!r.ok) throw new DomainError(r.problem === 'deadline_past' ? 'DEFECT_DEADLINE_PAST' : 'DEFECT_NOT_OPEN', r.field);
    await updateDefect(db, id, { responsibleId: r.next.responsibleId, deadline: r.next.deadline });
    await tellResponsible(deps, db, { ...d, ...r.next });
  });
  return getDefect(deps, actor, id);
}

/** A defect that concerns owners becomes a case (public repair, inquiry or suggestion) of its project, linked both ways. */
export async function openCaseForDefect(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { type: 'repair' | 'inquiry' | 'suggestion'; title?: string | null; unitId?: string | null; ownerId?: string | null; category?: string | null },
) {
  requireCapability(actor, 'defect.manage');
  const { defect } = await readable(deps, actor, id);
  if (defect.caseId) throw new DomainError('DEFECT_NOT_OPEN', 'id');
  const title = input.title?.trim() || (defect.description.length > 60 ? `${defect.description.slice(0, 59)}…` : defect.description);
  await createCase(
    deps,
    actor,
    {
      projectId: defect.projectId,
      type: input.type,
      channel: 'internal',
      category: input.category ?? null,
      title,
      description: defect.description,
      ownerId: input.ownerId ?? null,
      unitId: input.unitId ?? null,
    },
    undefined,
    (record) => [{ kind: 'update', table: 'defects', set: { caseId: record.id }, ids: [defect.id], onlyWhereNull: 'caseId' }],
  );
  return getDefect(deps, actor, id);
}

// --- rectification notices --------------------------------------------------------------------------

function rectificationView(r: RectificationRecord, now: string) {
  const { organizationId: _o, ...view } = r;
  return { ...view, late: rectificationLate(r, now) };
}

/** 整改通知: issued (defect.manage or inspection.audit) to a responsible person for unverified defects of one project, with a deadline and requirement. */
export async function issueRectification(
  deps: AppDeps,
  actor: Actor,
  input: { projectId: string; title: string; requirement: string; defectIds: string[]; responsibleId: string; deadline: string },
) {
  if (actor.kind === 'staff' && !actor.capabilities.has('inspection.audit')) requireCapability(actor, 'defect.manage');
  await requireProjectIn(
    deps,
    actor,
    actor.kind === 'staff' && actor.capabilities.has('inspection.audit') ? 'inspection.audit' : 'defect.manage',
    input.projectId,
  );
  const now = deps.now();
  if (Date.parse(input.deadline) <= Date.parse(now)) throw new DomainError('DEFECT_DEADLINE_PAST', 'deadline');
  const r = await inTransaction(deps.database, async (db) => {
    await requireResponsibleValid(db, actor.organizationId, input.projectId, input.responsibleId);
    const ids = [...new Set(input.defectIds)];
    const defects = await listDefects(db, { organizationId: actor.organizationId, projectIds: [input.projectId], ids, limit: 500 });
    if (!ids.length || defects.length !== ids.length || defects.some((d) => d.status === 'verified'))
      throw new DomainError('RECTIFICATION_DEFECTS_INVALID', 'defectIds');
    const row: RectificationRecord = {
      id: deps.newId(),
      organizationId: actor.organizationId,
      projectId: input.projectId,
      title: input.title.trim(),
      requirement: input.requirement.trim(),
      defectIds: ids,
      issuedBy: actor.id,
      issuedAt: now,
      responsibleId: input.responsibleId,
      deadline: input.deadline,
      round: 1,
      status: 'issued',
      measures: null,
      measuresAt: null,
      report: null,
      reportedAt: null,
      reinspectedBy: null,
      reinspectedAt: null,
      reinspectionNote: null,
      escalationLevel: 0,
      escalatedAt: null,
    };
    await insertRectification(db, row);
    for (const d of defects) await updateDefect(db, d.id, { rectificationId: row.id });
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      recipientId: input.responsibleId,
      caseId: null,
      kind: 'rectification_issued',
      data: { rectificationId: row.id, title: row.title, deadline: row.deadline },
      createdAt: now,
      readAt: null,
    });
    return row;
  });
  return rectificationView(r, now);
}

export async function listRectificationsFor(deps: AppDeps, actor: Actor, q: { projectId?: string; status?: RectificationStatus }) {
  requireInspectionReader(actor);
  if (q.projectId && !inScope(actor, { organizationId: actor.organizationId, projectId: q.projectId })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  const rows = await listRectifications(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: q.projectId ? [q.projectId] : inspectionProjects(actor),
    status: q.status,
    limit: 500,
  });
  const now = deps.now();
  return { items: rows.map((r) => rectificationView(r, now)) };
}

async function readableRectification(deps: AppDeps, actor: Actor, id: string): Promise<RectificationRecord> {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
  const r = await findRectification(deps.database.db, id);
  if (r && r.organizationId === actor.organizationId && r.responsibleId === actor.id) return r;
  requireInspectionReader(actor);
  return requireInScope(actor, r, 'RECTIFICATION_NOT_FOUND');
}

export async function getRectification(deps: AppDeps, actor: Actor, id: string) {
  return rectificationView(await readableRectification(deps, actor, id), deps.now());
}

/** A step of a rectification: measures and report by the responsible person; re-inspection by defect.manage or inspection.audit (not the responsible). A pass verifies its defects. */
export async function stepRectification(
  deps: AppDeps,
  actor: Actor,
  id: string,
  step:
    | { kind: 'measures'; measures: string }
    | { kind: 'report'; report: string }
    | { kind: 'reinspect'; passed: boolean; note?: string | null; deadline?: string | null },
) {
  if (step.kind === 'reinspect' && actor.kind === 'staff' && !actor.capabilities.has('inspection.audit')) requireCapability(actor, 'defect.manage');
  await readableRectification(deps, actor, id);
  const staff = actor as StaffActor;
  const now = deps.now();
  const r = await inTransaction(deps.database, async (db) => {
    const cur = (await findRectification(db, id, { forUpdate: true }))!;
    const command: RectificationCommand =
      step.kind === 'measures'
        ? { kind: 'measures', by: staff.id, at: now, measures: step.measures }
        : step.kind === 'report'
          ? { kind: 'report', by: staff.id, at: now, report: step.report }
          : { kind: 'reinspect', by: staff.id, at: now, passed: step.passed, note: step.note ?? '', newDeadline: step.deadline ?? null };
    const d = decideRectification(cur, command);
    if (!d.ok) {
      const code = {
        wrong_step: 'RECTIFICATION_WRONG_STEP',
        not_responsible: 'RECTIFICATION_NOT_RESPONSIBLE',
        text_required: 'RECTIFICATION_TEXT_REQUIRED',
        own_report: 'RECTIFICATION_OWN_REPORT',
        deadline_required: 'RECTIFICATION_DEADLINE_REQUIRED',
        deadline_past: 'DEFECT_DEADLINE_PAST',
      } as const;
      throw new DomainError(code[d.problem], d.field, {
        status: RECTIFICATION_WORDS[cur.status][0],
        statusEn: RECTIFICATION_WORDS[cur.status][1],
        field: RECTIFICATION_FIELDS[d.field]?.[0] ?? d.field,
        fieldEn: RECTIFICATION_FIELDS[d.field]?.[1] ?? d.field,
      });
    }
    const patch: Partial<RectificationRecord> =
      step.kind === 'measures'
        ? { status: d.next.status, measures: step.measures.trim(), measuresAt: now }
        : step.kind === 'report'
          ? { status: d.next.status, report: step.report.trim(), reportedAt: now }
          : {
              status: d.next.status,
              deadline: d.next.deadline,
              round: d.next.round,
              reinspectedBy: staff.id,
              reinspectedAt: now,
              reinspectionNote: step.note?.trim() || null,
              escalationLevel: 0,
              escalatedAt: null,
            };
    await updateRectification(db, id, patch);
    if (step.kind === 'reinspect' && step.passed) {
      // the re-inspection closes and verifies the notice's defects (its report is their closure record)
      for (const defectId of cur.defectIds) {
        const def = await findDefect(db, defectId, { forUpdate: true });
        if (!def || def.status === 'verified') continue;
        await updateDefect(db, defectId, {
          status: 'verified',
          closedAt: def.closedAt ?? cur.reportedAt ?? now,
          closedBy: def.closedBy ?? cur.responsibleId,
          closureNote: def.closureNote ?? cur.report,
          verifiedAt: now,
          verifiedBy: staff.id,
          verifiedIn: id,
        });
      }
    }
    if (step.kind !== 'reinspect' && (step.kind === 'report' || step.kind === 'measures'))
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: cur.organizationId,
        recipientId: cur.issuedBy,
        caseId: null,
        kind: step.kind === 'report' ? 'rectification_reported' : 'rectification_measures',
        data: { rectificationId: id, title: cur.title },
        createdAt: now,
        readAt: null,
      });
    return { ...cur, ...patch };
  });
  return rectificationView(r, now);
}

/** The step's text fields by the names the console shows them under. */
const RECTIFICATION_FIELDS: Record<string, readonly [string, string]> = {
  measures: ['整改措施', 'measures'],
  report: ['整改报告', 'report'],
  note: ['复查意见', 're-inspection note'],
};

const RECTIFICATION_WORDS: Record<RectificationStatus, readonly [string, string]> = {
  issued: ['已下达', 'issued'],
  measures: ['已定措施', 'with measures'],
  reported: ['已报告', 'reported'],
  passed: ['复查通过', 'passed'],
};

// --- escalation -------------------------------------------------------------------------------------

/**
 * The scheduler's sweep of late defects and rectification notices: level 1 tells the project's office
 * manager, level 2 the quality department (quality officers); each level once (a conditional update).
 */
export async function escalateLateDefects(deps: AppDeps, now = deps.now()): Promise<number> {
  let raised = 0;
  for (const d of await listDefectsPastDeadline(deps.database.db, now, 200)) {
    const level = defectEscalationLevel(d, now);
    if (level <= d.escalationLevel) continue;
    raised += await inTransaction(deps.database, async (db) => {
      const r = await db
        .updateTable('defects')
        .set({ escalationLevel: level, escalatedAt: now })
        .where('id', '=', d.id)
        .where('status', '=', 'open')
        .where('escalationLevel', '<', level)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return 0;
      await tellEscalation(deps, db, d, level, now, [], 'defect_escalated', {
        defectId: d.id,
        description: d.description,
        deadline: d.deadline,
        level,
        status: DEFECT_STATUS_LABELS[d.status][0],
      });
      return 1;
    });
  }
  return raised;
}

/**
 * Late rectification notices (not reported by their deadline) escalate like defects: level 1 tells the
 * issuer and the project's office managers, level 2 (late by half the round's period again) the quality
 * officers; each level once (a conditional update).
 */
export async function escalateLateRectifications(deps: AppDeps, now = deps.now()): Promise<number> {
  let raised = 0;
  for (const r of await listRectificationsPastDeadline(deps.database.db, now, 200)) {
    const level = rectificationEscalationLevel({ status: r.status, deadline: r.deadline, periodStart: r.reinspectedAt ?? r.issuedAt }, now);
    if (level <= r.escalationLevel) continue;
    raised += await inTransaction(deps.database, async (db) => {
      const u = await db
        .updateTable('rectificationNotices')
        .set({ escalationLevel: level, escalatedAt: now })
        .where('id', '=', r.id)
        .where('status', 'in', ['issued', 'measures'])
        .where('escalationLevel', '<', level)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) return 0;
      await tellEscalation(deps, db, r, level, now, [r.issuedBy], 'rectification_escalated', {
        rectificationId: r.id,
        title: r.title,
        deadline: r.deadline,
        level,
      });
      return 1;
    });
  }
  return raised;
}

/**
 * Who hears of an escalation, once each: at level 1 the project's office managers (and `alsoFirst`, e.g. the
 * notice's issuer), at level 2 the quality officers.
 */
async function tellEscalation(
  deps: AppDeps,
  db: Kysely<Schema>,
  row: { organizationId: string; projectId: string },
  level: number,
  now: string,
  alsoFirst: readonly string[],
  kind: 'defect_escalated' | 'rectification_escalated',
  data: Record<string, unknown>,
): Promise<void> {
  const staff = (await listStaff(db, row.organizationId, [row.projectId])).filter((s) => s.active);
  const to =
    level === 1
      ? new Set([...alsoFirst, ...staff.filter((s) => s.roles.includes('office_manager') && s.projectIds.includes(row.projectId)).map((s) => s.id)])
      : new Set(staff.filter((s) => s.roles.includes('quality_officer')).map((s) => s.id));
  for (const recipientId of to)
    await insertNotification(db, { id: deps.newId(), organizationId: row.organizationId, recipientId, caseId: null, kind, data, createdAt: now, readAt: null });
}
