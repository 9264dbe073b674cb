import { requireCapability, visibleProjectIds, type StaffActor } from '@guanjia/core';
import { listOwnerVisits, ownerNamesOf, unitLabelsOf, type OwnerVisitRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * Visits due to owners (decision 0023): for now the new-owner visit (新业主回访) each move-in creates,
 * due within one month, cancelled when the owner moves out first. Issue 14 adds who visits, the
 * record and the evaluation; this is the list it starts from.
 */

/** Visits as staff see them: the owner's name and the unit's label beside the ids. */
export async function visitViews(deps: AppDeps, visits: readonly OwnerVisitRecord[]) {
  const db = deps.database.db;
  const [names, labels] = await Promise.all([
    ownerNamesOf(
      db,
      visits.map((v) => v.ownerId),
    ),
    unitLabelsOf(
      db,
      visits.map((v) => v.unitId),
    ),
  ]);
  return visits.map((v) => ({
    id: v.id,
    projectId: v.projectId,
    ownerId: v.ownerId,
    ownerName: names.get(v.ownerId) ?? '',
    unitId: v.unitId,
    unitLabel: v.unitId ? (labels.get(v.unitId)?.label ?? null) : null,
    kind: v.kind,
    status: v.status,
    dueOn: v.dueOn,
    createdAt: v.createdAt,
    closedAt: v.closedAt,
    closedReason: v.closedReason,
  }));
}

/** The visits of the staff member's projects, soonest due first (e.g. status=due: the ones to make). */
export async function listVisits(
  deps: AppDeps,
  actor: StaffActor,
  q: { projectId?: string; ownerId?: string; status?: OwnerVisitRecord['status']; kind?: string; dueBy?: string; limit: number; offset: number },
) {
  requireCapability(actor, 'owner.read');
  const scope = visibleProjectIds(actor);
  let projectIds: readonly string[] | null = scope === 'all' ? null : scope;
  if (q.projectId) projectIds = projectIds && !projectIds.includes(q.projectId) ? [] : [q.projectId];
  const rows = await listOwnerVisits(deps.database.db, { organizationId: actor.organizationId, projectIds, ...q });
  return visitViews(deps, rows);
}

/** The visits of one owner in the projects the staff member sees (the archive's 回访 list). */
export async function visitsOfOwner(deps: AppDeps, actor: StaffActor, ownerId: string) {
  const scope = visibleProjectIds(actor);
  const rows = await listOwnerVisits(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: scope === 'all' ? null : scope,
    ownerId,
    limit: 200,
    offset: 0,
  });
  return visitViews(deps, rows);
}
