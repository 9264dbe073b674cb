import {
  checkQualityMark,
  DomainError,
  localMonthOf,
  monthsBetween,
  requireCapability,
  tallyQualityMarks,
  visibleProjectIds,
  type Actor,
  type QualityMarkReason,
} from '@guanjia/core';
import {
  appendOutbox,
  findCaseRating,
  findProject,
  findStaff,
  insertQualityMark,
  listProjects,
  listQualityMarksForChart,
  listQualityMarksOfCase,
  setRatingReply,
  type QualityMarkRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { RATING_REPLIED_TOPIC } from '../delivery/case-messages.ts';
import { getVisibleCase } from './cases.service.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * The owner's rating on several scores and the staff's reply (业主评价, SPEC §7), and the supervisors'
 * own quality marks (质量评定) kept apart from it, with their chart (decision 0028).
 */

/** A case's rating as owner and staff see it; a rating from before the scores reads as overall only. Null: not rated. */
export async function getCaseRating(deps: AppDeps, actor: Actor, caseId: string) {
  const c = await getVisibleCase(deps, actor, caseId);
  const row = await findCaseRating(deps.database.db, c.id);
  if (row)
    return {
      rating: {
        caseId: c.id,
        overall: row.overall,
        speed: row.speed,
        technician: row.technician,
        comment: row.comment,
        ratedAt: row.ratedAt,
        reply: row.reply,
        repliedAt: row.repliedAt,
        legacy: false,
      },
    };
  if (c.rating === null) return { rating: null };
  const legacy = { speed: null, technician: null, ratedAt: null, reply: null, repliedAt: null, legacy: true };
  return { rating: { caseId: c.id, overall: c.rating, comment: c.ratingComment, ...legacy } };
}

/** Staff answer an owner's rating (callback.make, the case in scope); the owner sees the reply in the portal and gets a message (outbox `rating.replied`). */
export async function replyToRating(deps: AppDeps, actor: Actor, caseId: string, reply: string) {
  requireCapability(actor, 'callback.make');
  const c = await getVisibleCase(deps, actor, caseId);
  if (!(await findCaseRating(deps.database.db, c.id))) throw new DomainError('RATING_NOT_FOUND', 'id');
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    await setRatingReply(db, c.id, reply, actor.id, now);
    // the owner is told (their channel, and the case's history in the portal): planned from the outbox
    await appendOutbox(db, {
      organizationId: c.organizationId,
      topic: RATING_REPLIED_TOPIC,
      payload: { caseId: c.id, projectId: c.projectId, actorId: actor.id },
      createdAt: now,
    });
  });
  return getCaseRating(deps, actor, caseId);
}

async function markViews(deps: AppDeps, marks: readonly QualityMarkRecord[]) {
  const names = new Map<string, string | null>();
  for (const id of new Set(marks.map((m) => m.markedBy))) names.set(id, (await findStaff(deps.database.db, id))?.name ?? null);
  return marks.map((m) => ({
    id: m.id,
    caseId: m.caseId,
    projectId: m.projectId,
    reasons: m.reasons,
    note: m.note,
    month: m.month,
    markedBy: m.markedBy,
    markedByName: names.get(m.markedBy) ?? null,
    markedAt: m.markedAt,
  }));
}

/** A supervisor's quality mark on a case (callback.admin, the case in scope): reason codes and a note; counted in the project's local month. */
export async function markCaseQuality(deps: AppDeps, actor: Actor, caseId: string, input: { reasons: QualityMarkReason[]; note?: string }) {
  requireCapability(actor, 'callback.admin');
  const c = await getVisibleCase(deps, actor, caseId);
  const refusal = checkQualityMark(input);
  if (refusal) throw DomainError.from(refusal);
  const project = await findProject(deps.database.db, c.projectId);
  const now = deps.now();
  const mark: QualityMarkRecord = {
    id: deps.newId(),
    organizationId: c.organizationId,
    projectId: c.projectId,
    caseId: c.id,
    reasons: input.reasons,
    note: input.note ?? null,
    month: localMonthOf(now, project?.timeZone ?? 'Asia/Shanghai'),
    markedBy: actor.id,
    markedAt: now,
  };
  await inTransaction(deps.database, (db) => insertQualityMark(db, mark));
  return (await markViews(deps, [mark]))[0]!;
}

export async function listCaseQualityMarks(deps: AppDeps, actor: Actor, caseId: string) {
  requireCapability(actor, 'callback.admin');
  const c = await getVisibleCase(deps, actor, caseId);
  return markViews(deps, await listQualityMarksOfCase(deps.database.db, c.id));
}

/** Counts by reason per month per project (callback.admin or report.read), of the projects in scope. */
export async function qualityMarkChart(deps: AppDeps, actor: Actor, q: { projectId?: string; from: string; to: string }) {
  const capability = actor.kind === 'staff' && actor.capabilities.has('callback.admin') ? 'callback.admin' : 'report.read';
  requireCapability(actor, capability);
  const span = monthsBetween(q.from, q.to);
  if (span < 0) throw new DomainError('FIELD_INVALID', 'query.to', { reason: `>= ${q.from}` });
  if (span > 23) throw new DomainError('FIELD_INVALID', 'query.to', { reason: 'at most 24 months' });
  if (q.projectId) await requireProjectIn(deps, actor, capability, q.projectId, 'query.projectId');
  const scope = q.projectId ? [q.projectId] : visibleProjectIds(actor);
  const marks = await listQualityMarksForChart(deps.database.db, actor.organizationId, scope, q.from, q.to);
  const projects = await listProjects(deps.database.db, actor.organizationId, null);
  const names = new Map(projects.map((p) => [p.id, p.name]));
  return { from: q.from, to: q.to, rows: tallyQualityMarks(marks).map((r) => ({ ...r, projectName: names.get(r.projectId) ?? '' })) };
}
