import {
  decideGradeChange,
  DomainError,
  requestGradeChange,
  requireCapability,
  visibleProjectIds,
  type GradeChangeRequest,
  type GradeRequestStatus,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  findGradeRequest,
  findOwner,
  findPendingGradeRequest,
  insertGradeRequest,
  insertOwnerEvent,
  listGradeRequests,
  setOwnerGrade,
  updateGradeRequest,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { visibleOwnerInProject } from './owners.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * Customer-grade changes (客户分级, seed 004): staff who keep the archive ask; an office manager or
 * leadership approves or rejects — never their own request; the grade changes only on approval.
 * Each step is an owner event (the archive's history) and an audit entry.
 */
export async function requestOwnerGrade(deps: AppDeps, actor: StaffActor, ownerId: string, input: { toGrade: GradeChangeRequest['toGrade']; reason: string }) {
  requireCapability(actor, 'owner.write');
  const { owner, projectId } = await visibleOwnerInProject(deps, actor, ownerId);
  return inTransaction(deps.database, async (db) => {
    const current = (await findOwner(db, owner.id, { forUpdate: true }))!;
    const now = deps.now();
    const asked = requestGradeChange(current, input, await findPendingGradeRequest(db, owner.id), actor, deps.newId(), now);
    if (!asked.ok) throw DomainError.from(asked.refusal);
    await insertGradeRequest(db, asked.value);
    await record(deps, db, actor, asked.value, 'grade_change_requested', projectId, now);
    return asked.value;
  });
}

export async function listOwnerGradeRequests(deps: AppDeps, actor: StaffActor, q: { status?: GradeRequestStatus; ownerId?: string; limit: number }) {
  requireCapability(actor, 'owner.read');
  const scope = visibleProjectIds(actor);
  return listGradeRequests(deps.database.db, { organizationId: actor.organizationId, projectIds: scope === 'all' ? null : scope, ...q });
}

export async function decideOwnerGrade(deps: AppDeps, actor: StaffActor, id: string, decision: { approve: boolean; note?: string }) {
  requireCapability(actor, 'owner.grade.approve');
  const found = await findGradeRequest(deps.database.db, id);
  if (!found || found.organizationId !== actor.organizationId) throw new DomainError('GRADE_REQUEST_NOT_FOUND', 'id');
  // a request about an owner outside the actor's projects is not found either
  const { projectId } = await visibleOwnerInProject(deps, actor, found.ownerId).catch(() => {
    throw new DomainError('GRADE_REQUEST_NOT_FOUND', 'id');
  });
  return inTransaction(deps.database, async (db) => {
    const current = (await findGradeRequest(db, id, { forUpdate: true }))!;
    const now = deps.now();
    const decided = decideGradeChange(current, decision, actor, now);
    if (!decided.ok) throw DomainError.from(decided.refusal);
    await updateGradeRequest(db, decided.value);
    if (decided.value.status === 'approved') await setOwnerGrade(db, decided.value.ownerId, decided.value.toGrade, now);
    await record(deps, db, actor, decided.value, decided.value.status === 'approved' ? 'grade_change_approved' : 'grade_change_rejected', projectId, now);
    return decided.value;
  });
}

async function record(
  deps: AppDeps,
  db: Parameters<typeof insertOwnerEvent>[0],
  actor: StaffActor,
  r: GradeChangeRequest,
  type: string,
  projectId: string | null,
  at: string,
): Promise<void> {
  const data = { requestId: r.id, fromGrade: r.fromGrade, toGrade: r.toGrade, reason: r.reason, note: r.decisionNote };
  await insertOwnerEvent(db, { id: deps.newId(), organizationId: r.organizationId, ownerId: r.ownerId, type, actorKind: 'staff', actorId: actor.id, data, at });
  await appendAudit(db, {
    organizationId: r.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action: `owner.${type}`,
    targetType: 'owner',
    targetId: r.ownerId,
    projectId,
    detail: data,
    ip: null,
    at,
  });
}
