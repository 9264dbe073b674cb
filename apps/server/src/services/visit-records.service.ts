import { can, DomainError, requireCapability, visitRecordProblem, visitTopicsOf, type Actor, type StaffActor } from '@guanjia/core';
import {
  findCaseSummaries,
  findVisit,
  findVisitOpinion,
  insertVisitOpinions,
  listVisitOpinions,
  touchVisitPlan,
  updateDueVisit,
  type VisitOpinionRecord,
  type VisitRecord,
} from '@guanjia/storage';
import type { VisitKind, VisitMethod, VisitPhase } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { createCase } from './cases.service.ts';
import { requireProjectOf, utc } from './references.ts';
import { inTransaction } from './transaction.ts';
import { requireVisitor, visibleVisit } from './visit-plans.service.ts';
import { visitViews } from './visits.service.ts';

/**
 * The visit record (客户访问记录, decision 0029): topics of the project's phase with a rating or a
 * remark each, the summary, private observations in a restricted field (read back only with
 * `visit.private`; others get null and `privateRestricted`), the new-owner evaluation, and the opinions
 * raised — each turned into a case in one step, through the intake's own createCase, linked back.
 */

/** Whoever makes, plans or may read the private side of visits in the project sees a visit. */
function requireVisitReader(actor: Actor): asserts actor is StaffActor {
  requireCapability(actor, can(actor, 'visit.make') ? 'visit.make' : can(actor, 'visit.plan') ? 'visit.plan' : 'visit.private');
}

async function detailOf(deps: AppDeps, actor: StaffActor, v: VisitRecord) {
  const [view] = await visitViews(deps, [v]);
  const project = await requireProjectOf(deps, actor, v.projectId);
  const opinions = await listVisitOpinions(deps.database.db, [v.id]);
  const cases = await findCaseSummaries(
    deps.database.db,
    opinions.flatMap((o) => (o.caseId ? [o.caseId] : [])),
  );
  const numbers = new Map(cases.map((c) => [c.id, c.number]));
  const mayReadPrivate = actor.capabilities.has('visit.private');
  return {
    ...view!,
    phase: project.phase,
    topicsOfPhase: [...visitTopicsOf(project.phase)],
    topics: v.topics,
    summary: v.summary,
    // stored encrypted (AES-256-GCM, like ID numbers): read back in clear only with visit.private
    privateNotes: mayReadPrivate && v.privateNotes ? deps.cipher.decrypt(v.privateNotes) : null,
    privateRestricted: !mayReadPrivate,
    evaluation: v.evaluationScore !== null ? { score: v.evaluationScore, text: v.evaluationText ?? '' } : null,
    opinions: opinions.map((o) => ({
      id: o.id,
      seq: o.seq,
      text: o.text,
      caseType: o.caseType,
      caseId: o.caseId,
      caseNumber: o.caseId ? (numbers.get(o.caseId) ?? null) : null,
    })),
  };
}

export async function getVisit(deps: AppDeps, actor: Actor, id: string) {
  requireVisitReader(actor);
  return detailOf(deps, actor, await visibleVisit(deps, actor, id));
}

export interface VisitRecordInput {
  visitedAt: string;
  method: VisitMethod;
  companionId?: string | null;
  appointmentAt?: string | null;
  topics: { topic: string; rating?: number | null; remark?: string | null }[];
  summary?: string | null;
  privateNotes?: string | null;
  opinions: { text: string; caseType: 'complaint' | 'suggestion' | 'inquiry' | 'repair' }[];
  evaluation?: { score: number; text: string } | null;
}

/**
 * Records a visit made (`visit.make`): by its visitor or companion, or by whoever plans visits; a
 * new-owner visit only by the office manager or an administrator. The visit becomes done.
 */
export async function recordVisit(deps: AppDeps, actor: Actor, id: string, input: VisitRecordInput) {
  requireCapability(actor, 'visit.make');
  const v = await visibleVisit(deps, actor, id);
  if (v.status !== 'due') throw new DomainError('VISIT_NOT_DUE', 'id', { status: v.status });
  const isManager = actor.roles.some((r) => r === 'office_manager' || r === 'admin');
  if (v.kind === 'new_owner' ? !isManager : !(v.assigneeId === actor.id || v.companionId === actor.id || can(actor, 'visit.plan')))
    throw new DomainError('VISIT_NOT_YOURS', 'id');
  const project = await requireProjectOf(deps, actor, v.projectId);
  const visitedAt = utc(input.visitedAt);
  const appointmentAt = utc(input.appointmentAt ?? v.appointmentAt ?? null);
  // the visit is its assignee's (the companion or a planner may write it down); a new-owner visit not assigned is the recorder's
  const visitorId = v.assigneeId ?? actor.id;
  const companionId = input.companionId ?? v.companionId;
  const problem = visitRecordProblem({
    kind: v.kind as VisitKind,
    phase: project.phase as VisitPhase,
    method: input.method,
    visitorId,
    companionId,
    visitedAt,
    appointmentAt,
    now: deps.now(),
    topics: input.topics,
    evaluation: input.evaluation ?? null,
  });
  if (problem) throw DomainError.from(problem);
  if (companionId && companionId !== v.companionId && companionId !== v.assigneeId) {
    await requireVisitor(deps, actor, v.projectId, companionId, 'companionId');
  }
  const now = deps.now();
  const opinions: VisitOpinionRecord[] = input.opinions.map((o, i) => ({
    id: deps.newId(),
    organizationId: v.organizationId,
    projectId: v.projectId,
    visitId: v.id,
    seq: i + 1,
    text: o.text,
    caseType: o.caseType,
    caseId: null,
    createdAt: now,
  }));
  const ok = await inTransaction(deps.database, async (tx) => {
    const done = await updateDueVisit(tx, v.id, {
      status: 'done',
      closedAt: now,
      closedBy: actor.id,
      closedReason: 'visited',
      assigneeId: visitorId,
      companionId,
      method: input.method,
      visitedAt,
      appointmentAt,
      topics: input.topics.map((t) => ({ topic: t.topic, rating: t.rating ?? null, remark: t.remark?.trim() || null })),
      summary: input.summary?.trim() || null,
      privateNotes: input.privateNotes?.trim() ? deps.cipher.encrypt(input.privateNotes.trim()) : null,
      evaluationScore: input.evaluation?.score ?? null,
      evaluationText: input.evaluation?.text ?? null,
    });
    if (!done) return false;
    await insertVisitOpinions(tx, opinions);
    if (v.planId) await touchVisitPlan(tx, v.planId, now);
    return true;
  });
  if (!ok) throw new DomainError('VISIT_NOT_DUE', 'id', { status: (await findVisit(deps.database.db, id))?.status ?? 'done' });
  return detailOf(deps, actor, (await findVisit(deps.database.db, id))!);
}

const CASE_TITLE_LENGTH = 100;

/**
 * Turns one opinion of a visit into a case (转为工单), in one step: the intake's createCase (channel
 * 上门走访, the visit's owner and unit), and in the same write the opinion's link to the case. An
 * opinion becomes a case once (VISIT_OPINION_HAS_CASE).
 */
export async function opinionToCase(deps: AppDeps, actor: Actor, visitId: string, opinionId: string, input: { title?: string; category?: string }) {
  requireCapability(actor, 'visit.make');
  const v = await visibleVisit(deps, actor, visitId);
  const opinion = await findVisitOpinion(deps.database.db, opinionId);
  if (!opinion || opinion.visitId !== v.id) throw new DomainError('VISIT_OPINION_NOT_FOUND', 'opinionId');
  if (opinion.caseId) {
    const [c] = await findCaseSummaries(deps.database.db, [opinion.caseId]);
    throw new DomainError('VISIT_OPINION_HAS_CASE', 'opinionId', { number: c?.number ?? opinion.caseId });
  }
  const type = opinion.caseType as 'complaint' | 'suggestion' | 'inquiry' | 'repair';
  const title = input.title ?? (opinion.text.length > CASE_TITLE_LENGTH ? `${opinion.text.slice(0, CASE_TITLE_LENGTH - 1)}…` : opinion.text);
  await createCase(
    deps,
    actor,
    {
      projectId: v.projectId,
      type,
      channel: 'door_visit',
      category: input.category ?? null,
      title,
      description: opinion.text,
      ownerId: v.ownerId || null,
      unitId: v.unitId,
      // a complaint registered by staff states both; raised at a visit, nothing was apologised for or read back yet
      ...(type === 'complaint' ? { apologized: false, readBack: false } : {}),
    },
    undefined,
    (record) => [{ kind: 'update', table: 'visitOpinions', set: { caseId: record.id }, ids: [opinion.id], onlyWhereNull: 'caseId' }],
  );
  return detailOf(deps, actor, v);
}
