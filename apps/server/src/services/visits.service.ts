import { requireCapability, visibleProjectIds, type StaffActor } from '@guanjia/core';
import { listVisits as listVisitRows, ownerNamesOf, staffNamesOf, unitLabelsOf, type OwnerVisitRecord, type VisitRecord } from '@guanjia/storage';
import type { VisitKind, VisitMethod, VisitQuotaRole, VisitReason } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';

/**
 * Visits to owners (decisions 0023 and 0029): the new-owner visit (新业主回访) each move-in creates, and
 * the monthly plan's routine and follow-up visits (走访). This file lists them; visit-plans.service.ts
 * makes and edits the plans, visit-records.service.ts takes the record and turns opinions into cases.
 */

/** A visit row as read: an old caller's row (a move-in's) may lack the plan's columns. */
export type AnyVisit = OwnerVisitRecord | VisitRecord;

/** Visits as staff see them: the owner's name, the unit's label and the visitors' names beside the ids. */
export async function visitViews(deps: AppDeps, visits: readonly AnyVisit[]) {
  const db = deps.database.db;
  const full = visits as readonly Partial<VisitRecord>[];
  const [names, labels, staff] = await Promise.all([
    ownerNamesOf(
      db,
      visits.map((v) => v.ownerId),
    ),
    unitLabelsOf(
      db,
      visits.map((v) => v.unitId),
    ),
    staffNamesOf(
      db,
      full.flatMap((v) => [v.assigneeId ?? null, v.companionId ?? null]),
    ),
  ]);
  return visits.map((visit, i) => {
    const v = full[i]!;
    return {
      id: visit.id,
      projectId: visit.projectId,
      ownerId: visit.ownerId,
      ownerName: names.get(visit.ownerId) ?? '',
      unitId: visit.unitId,
      unitLabel: visit.unitId ? (labels.get(visit.unitId)?.label ?? null) : null,
      kind: visit.kind as VisitKind,
      status: visit.status,
      dueOn: visit.dueOn,
      createdAt: visit.createdAt,
      closedAt: visit.closedAt,
      closedReason: visit.closedReason,
      planId: v.planId ?? null,
      buildingId: v.buildingId ?? null,
      assigneeId: v.assigneeId ?? null,
      assigneeName: v.assigneeId ? (staff.get(v.assigneeId) ?? null) : null,
      companionId: v.companionId ?? null,
      companionName: v.companionId ? (staff.get(v.companionId) ?? null) : null,
      quotaRole: (v.quotaRole ?? null) as VisitQuotaRole | null,
      reason: (v.reason ?? null) as VisitReason | null,
      plannedOn: v.plannedOn ?? null,
      plannedTime: v.plannedTime ?? null,
      requestReason: v.requestReason ?? null,
      appointmentAt: v.appointmentAt ?? null,
      method: (v.method ?? null) as VisitMethod | null,
      visitedAt: v.visitedAt ?? null,
    };
  });
}
export type VisitView = Awaited<ReturnType<typeof visitViews>>[number];

/** The visits of the staff member's projects, soonest due first (e.g. status=due&mine=true: the ones to make). */
export async function listVisits(
  deps: AppDeps,
  actor: StaffActor,
  q: {
    projectId?: string;
    ownerId?: string;
    status?: OwnerVisitRecord['status'];
    kind?: string;
    dueBy?: string;
    planId?: string;
    mine?: 'true' | 'false';
    limit: number;
    offset: number;
  },
) {
  requireCapability(actor, 'owner.read');
  const scope = visibleProjectIds(actor);
  let projectIds: readonly string[] | null = scope === 'all' ? null : scope;
  if (q.projectId) projectIds = projectIds && !projectIds.includes(q.projectId) ? [] : [q.projectId];
  const { mine, ...rest } = q;
  const rows = await listVisitRows(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds,
    ...rest,
    ...(mine === 'true' ? { staffId: actor.id } : {}),
  });
  return visitViews(deps, rows);
}

/** The visits of one owner in the projects the staff member sees (the archive's 回访 list). */
export async function visitsOfOwner(deps: AppDeps, actor: StaffActor, ownerId: string) {
  const scope = visibleProjectIds(actor);
  const rows = await listVisitRows(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: scope === 'all' ? null : scope,
    ownerId,
    limit: 200,
    offset: 0,
  });
  return visitViews(deps, rows);
}
