import {
  canEditNotice,
  canSeeProject,
  decideNoticeAction,
  DomainError,
  NOTICE_CONTENT_FIELDS,
  noticeExpiry,
  paperTasksAtPublication,
  postingsWhenExpiryChanges,
  publicationProblems,
  requireCapability,
  visibleProjectIds,
  type Actor,
  type NoticeAction,
  type NoticeContentField,
  type StaffActor,
} from '@guanjia/core';
import type { CreateNoticeInput, UpdateNoticeInput } from '@guanjia/api-contract';
import {
  appendAudit,
  appendOutbox,
  buildingsOfUnits,
  cancelPostings,
  countDeliveriesByStatus,
  countNoticeDeliveries,
  countNoticeReads,
  findNotice,
  insertNotice,
  insertPostings,
  listNotices,
  listPostingsOfNotice,
  listStaff,
  setPostingsDue,
  targetIdsInProject,
  updateNotice,
  type NoticePostingRecord,
  type NoticeRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { endNoticeEffects } from './notice-endings.ts';
import { noticeActorOf, noticeContentOf, noticeFactsOf, noticeRefusal, publicationRefusal } from './notice-facts.ts';
import { noticeViews, postingViews } from './notice-views.ts';
import { requireProjectOf } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * Notices (通知公告, SPEC §9, issue 13 items 5 and 7), the staff's side: a draft by its author (who holds
 * notice.write), submitted with the checks (lead time, an emergency's reason and expiry, no personal
 * data), approved by someone else holding notice.approve — which publishes it: the ledger keeps the
 * original, an outbox row (`notice.published`) has the delivery worker push it to every owner it
 * targets (delivery/notice-messages.ts), and a paper notice becomes the area steward's tasks. A
 * published notice is locked but for its expiry; it can be undone within minutes (its pushes not yet
 * gone are cancelled) or corrected by a new notice that supersedes it. Every step is in the audit log.
 *
 * Who sees what: the ledger and a notice's page need notice.write or notice.approve, inside the
 * projects one works in; a notice elsewhere answers like an unknown id.
 */

/** Reading the ledger: either right. */
function requireNoticeReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !(actor.capabilities.has('notice.write') || actor.capabilities.has('notice.approve')))
    throw new DomainError('FORBIDDEN', undefined, { capability: 'notice.write' });
}

async function visibleNotice(db: Kysely<Schema>, actor: StaffActor, id: string, forUpdate = false): Promise<NoticeRecord> {
  const n = await findNotice(db, id, { forUpdate });
  if (!n || n.organizationId !== actor.organizationId || !canSeeProject(actor, n.organizationId, n.projectId)) throw new DomainError('NOTICE_NOT_FOUND', 'id');
  return n;
}

/** The targets must be buildings (or units) of the notice's project; each unknown one is named by its place in the list. */
async function requireTargets(db: Kysely<Schema>, projectId: string, scope: NoticeRecord['targetScope'], ids: readonly string[]) {
  if (scope === 'project') return;
  if (!ids.length)
    throw new DomainError('FIELD_INVALID', 'targetIds', { field: 'targetIds', reason: '请选择通知的楼栋或房屋', reasonEn: 'name the buildings or units' });
  const known = await targetIdsInProject(db, { projectId, scope, ids });
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) throw new DomainError(scope === 'buildings' ? 'BUILDING_NOT_FOUND' : 'UNIT_NOT_FOUND', `targetIds.${missing}`);
}

function requirePeriod(n: Pick<NoticeRecord, 'startsAt' | 'endsAt'>) {
  if (n.startsAt && n.endsAt && Date.parse(n.endsAt) <= Date.parse(n.startsAt))
    throw new DomainError('NOTICE_PERIOD_INVALID', 'endsAt', { startsAt: n.startsAt });
}

/** Refuses with the problem when core's rules refuse the action. */
function decide(n: NoticeRecord, action: NoticeAction, actor: StaffActor, now: string) {
  const d = decideNoticeAction(noticeFactsOf(n), action, noticeActorOf(actor), Date.parse(now));
  if (!d.ok) throw noticeRefusal(d.code, d.params, action);
  return d.status;
}

const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

async function audit(
  db: Kysely<Schema>,
  actor: StaffActor,
  n: Pick<NoticeRecord, 'id' | 'projectId'>,
  action: string,
  at: string,
  detail: Record<string, unknown> = {},
) {
  await appendAudit(db, {
    organizationId: actor.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action,
    targetType: 'notice',
    targetId: n.id,
    projectId: n.projectId,
    detail,
    at,
  });
}

async function viewOf(deps: AppDeps, actor: StaffActor, id: string) {
  const n = await findNotice(deps.database.db, id);
  return (await noticeViews(deps, actor.organizationId, [n!]))[0]!;
}

// --- the ledger ------------------------------------------------------------------------------------

const cursorOf = (n: NoticeRecord) => Buffer.from(`${n.createdAt}|${n.id}`).toString('base64url');
function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id) throw new DomainError('FIELD_INVALID', 'before', { field: 'before', reason: 'cursor' });
  return { createdAt, id };
}

/** 信息公布台帐: the notices of the projects one works in, newest first, by status, project and kind. */
/** The life-cycle fields of a new draft (a notice written, or a correction of a published one): nothing done to it yet. */
export function freshDraft(createdBy: string, now: string) {
  return {
    status: 'draft' as const,
    supersededById: null,
    reach: null,
    original: null,
    createdBy,
    createdAt: now,
    submittedBy: null,
    submittedAt: null,
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectedReason: null,
    publishedAt: null,
    withdrawnAt: null,
    withdrawnBy: null,
    expiredAt: null,
    updatedAt: now,
    version: 1,
  };
}

export async function listNoticePage(deps: AppDeps, actor: Actor, q: { status?: string; projectId?: string; kind?: string; limit: number; before?: string }) {
  requireNoticeReader(actor);
  const scope = visibleProjectIds(actor);
  let projectIds: readonly string[] | null = scope === 'all' ? null : scope;
  if (q.projectId) {
    await requireProjectOf(deps, actor, q.projectId);
    if (!canSeeProject(actor, actor.organizationId, q.projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
    projectIds = [q.projectId];
  }
  const rows = await listNotices(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds,
    status: q.status,
    kind: q.kind,
    before: parseCursor(q.before),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { items: await noticeViews(deps, actor.organizationId, page), next: rows.length > q.limit ? cursorOf(page[page.length - 1]!) : null };
}

/** One notice with its original, its delivery figures (per status, and per channel and status), read receipts and paper tasks. */
export async function getNoticeDetail(deps: AppDeps, actor: Actor, id: string) {
  requireNoticeReader(actor);
  const db = deps.database.db;
  const n = await visibleNotice(db, actor, id);
  const [view, byStatus, byChannel, reads, postings] = await Promise.all([
    noticeViews(deps, actor.organizationId, [n]),
    countDeliveriesByStatus(db, 'notice', n.id),
    countNoticeDeliveries(db, n.id),
    countNoticeReads(db, n.id),
    listPostingsOfNotice(db, n.id),
  ]);
  return {
    ...view[0]!,
    original: n.original,
    deliveries: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byChannel: byChannel as never },
    reads,
    postings: await postingViews(deps, postings, new Map([[n.id, n]])),
  };
}

// --- drafts ----------------------------------------------------------------------------------------

export async function createNotice(deps: AppDeps, actor: Actor, input: CreateNoticeInput) {
  requireCapability(actor, 'notice.write');
  await requireProjectOf(deps, actor, input.projectId);
  if (!canSeeProject(actor, actor.organizationId, input.projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  const now = deps.now();
  const record: NoticeRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    emergency: input.emergency,
    emergencyReason: input.emergencyReason ?? null,
    startsAt: iso(input.startsAt),
    endsAt: iso(input.endsAt),
    expiresAt: iso(input.expiresAt),
    targetScope: input.targetScope,
    targetIds: [...new Set(input.targetIds)],
    channels: [...new Set(input.channels)],
    paperPosting: input.paperPosting,
    supersedesId: null,
    ...freshDraft(actor.id, now),
  };
  requirePeriod(record);
  await requireTargets(deps.database.db, record.projectId, record.targetScope, record.targetIds);
  await inTransaction(deps.database, async (db) => {
    await insertNotice(db, record);
    await audit(db, actor, record, 'notice.created', now, { kind: record.kind, title: record.title, emergency: record.emergency });
  });
  return viewOf(deps, actor, record.id);
}

/**
 * Edits a draft (its author), or moves a published notice's expiry (anyone with either right): the one
 * change a published notice takes — anything else is NOTICE_LOCKED; the paper take-down follows the
 * expiry.
 */
export async function editNotice(deps: AppDeps, actor: Actor, id: string, patch: UpdateNoticeInput) {
  requireNoticeReader(actor);
  const fields = NOTICE_CONTENT_FIELDS.filter((f) => patch[f] !== undefined) as NoticeContentField[];
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== n.version) throw new DomainError('VERSION_CONFLICT', 'expectedVersion');
    if (!fields.length) return;
    const now = deps.now();
    if (n.status === 'published') {
      if (!canEditNotice('published', fields))
        throw new DomainError(
          'NOTICE_LOCKED',
          fields.find((f) => f !== 'expiresAt'),
        );
      decide(n, 'set_expiry', actor, now);
      if (!patch.expiresAt) throw new DomainError('NOTICE_EXPIRY_REQUIRED', 'expiresAt');
      const expiresAt = new Date(patch.expiresAt).toISOString();
      if (expiresAt <= now) throw new DomainError('NOTICE_EXPIRY_INVALID', 'expiresAt', { now });
      await updateNotice(db, n.id, { expiresAt, updatedAt: now });
      const postings = await listPostingsOfNotice(db, n.id);
      const moved = postingsWhenExpiryChanges(
        postings.map((p) => ({ id: p.id, task: p.task, status: p.status, dueAt: Date.parse(p.dueAt) })),
        Date.parse(expiresAt),
      );
      await cancelPostings(db, moved.cancel);
      await setPostingsDue(db, moved.takeDown, expiresAt);
      await audit(db, actor, n, 'notice.expiry_changed', now, { from: n.expiresAt, to: expiresAt });
      return;
    }
    decide(n, 'edit', actor, now);
    const next: NoticeRecord = {
      ...n,
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.emergency !== undefined ? { emergency: patch.emergency } : {}),
      ...(patch.emergencyReason !== undefined ? { emergencyReason: patch.emergencyReason ?? null } : {}),
      ...(patch.startsAt !== undefined ? { startsAt: iso(patch.startsAt) } : {}),
      ...(patch.endsAt !== undefined ? { endsAt: iso(patch.endsAt) } : {}),
      ...(patch.expiresAt !== undefined ? { expiresAt: iso(patch.expiresAt) } : {}),
      ...(patch.channels !== undefined ? { channels: [...new Set(patch.channels)] } : {}),
      ...(patch.paperPosting !== undefined ? { paperPosting: patch.paperPosting } : {}),
    };
    if (patch.targetScope !== undefined) {
      next.targetScope = patch.targetScope;
      next.targetIds = patch.targetScope === 'project' ? [] : [...new Set(patch.targetIds ?? (patch.targetScope === n.targetScope ? n.targetIds : []))];
    } else if (patch.targetIds !== undefined) next.targetIds = [...new Set(patch.targetIds)];
    if (next.targetScope === 'project' && next.targetIds.length)
      throw new DomainError('FIELD_INVALID', 'targetIds', {
        field: 'targetIds',
        reason: '通知全体住户时不列楼栋或房屋',
        reasonEn: 'a notice to the whole project names no targets',
      });
    requirePeriod(next);
    if (patch.targetScope !== undefined || patch.targetIds !== undefined) await requireTargets(db, next.projectId, next.targetScope, next.targetIds);
    const { id: _id, version: _version, ...rest } = next;
    await updateNotice(db, n.id, { ...rest, updatedAt: now });
    await audit(db, actor, n, 'notice.edited', now, { fields });
  });
  return viewOf(deps, actor, id);
}

// --- submission, approval (publication), rejection -------------------------------------------------

/** The first thing stopping publication now, as a problem. */
export function requirePublishable(n: NoticeRecord, now: string) {
  const problem = publicationProblems(noticeContentOf(n), Date.parse(now))[0];
  if (problem) throw publicationRefusal(problem, n, now);
}

export async function submitNotice(deps: AppDeps, actor: Actor, id: string) {
  requireCapability(actor, 'notice.write'); // the right first (403), then whether the notice is theirs to see (404)
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'submit', actor, now);
    requirePublishable(n, now);
    await updateNotice(db, n.id, { status: 'pending_approval', submittedBy: actor.id, submittedAt: now, updatedAt: now });
    await audit(db, actor, n, 'notice.submitted', now);
  });
  return viewOf(deps, actor, id);
}

export async function rejectNotice(deps: AppDeps, actor: Actor, id: string, reason: string) {
  requireCapability(actor, 'notice.approve'); // the right first (403), then whether the notice is theirs to see (404)
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'reject', actor, now);
    await updateNotice(db, n.id, { status: 'rejected', rejectedBy: actor.id, rejectedAt: now, rejectedReason: reason, updatedAt: now });
    await audit(db, actor, n, 'notice.rejected', now, { reason });
  });
  return viewOf(deps, actor, id);
}

/** A rejected notice back to its author's draft. */
export async function reviseNotice(deps: AppDeps, actor: Actor, id: string) {
  requireCapability(actor, 'notice.write'); // the right first (403), then whether the notice is theirs to see (404)
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'revise', actor, now);
    await updateNotice(db, n.id, { status: 'draft', submittedBy: null, submittedAt: null, updatedAt: now });
    await audit(db, actor, n, 'notice.revised', now);
  });
  return viewOf(deps, actor, id);
}

/** The notice exactly as published: what the ledger keeps as its original. */
function originalOf(n: NoticeRecord, publishedAt: string, expiresAt: string, approvedBy: string) {
  return {
    kind: n.kind,
    title: n.title,
    body: n.body,
    emergency: n.emergency,
    emergencyReason: n.emergencyReason,
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    expiresAt,
    targetScope: n.targetScope,
    targetIds: n.targetIds,
    channels: n.channels,
    paperPosting: n.paperPosting,
    createdBy: n.createdBy,
    submittedBy: n.submittedBy,
    approvedBy,
    publishedAt,
    supersedesId: n.supersedesId,
  };
}

/** Boards to post a paper notice on: the project's own (a notice to the whole project), else each targeted building's. */
async function boardsOf(db: Kysely<Schema>, n: NoticeRecord): Promise<(string | null)[]> {
  if (n.targetScope === 'project') return [null];
  if (n.targetScope === 'buildings') return n.targetIds;
  return buildingsOfUnits(db, n.targetIds);
}

/** The project's area steward (物业管家) who gets the paper tasks: the first active one by name; null when it has none. */
async function stewardOf(db: Kysely<Schema>, organizationId: string, projectId: string): Promise<string | null> {
  const staff = await listStaff(db, organizationId, [projectId]);
  const stewards = staff.filter((s) => s.active && s.roles.includes('area_steward') && (s.companyWide || s.projectIds.includes(projectId)));
  stewards.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  return stewards[0]?.id ?? null;
}

/**
 * Approval by someone other than the author publishes the notice: the checks again (the lead time is
 * counted from now), its expiry fixed, the original kept, the outbox row for the delivery worker, the
 * notice it corrects marked superseded, and a paper notice's tasks for the steward.
 */
export async function approveNotice(deps: AppDeps, actor: Actor, id: string) {
  requireCapability(actor, 'notice.approve'); // the right first (403), then whether the notice is theirs to see (404)
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'approve', actor, now);
    requirePublishable(n, now);
    const expiresAt = await publishIn(deps, db, n, actor.id, now);
    await audit(db, actor, n, 'notice.published', now, { expiresAt, supersedesId: n.supersedesId });
  });
  deps.delivery?.poke();
  return viewOf(deps, actor, id);
}

/**
 * Publication, in the approver's transaction: the expiry fixed, the original kept, the outbox row for
 * the delivery worker, the notice it corrects marked superseded, a paper notice's tasks for the steward.
 * Returns the expiry. (Approval here, and an approved open letter: survey-letters.service.ts.)
 */
export async function publishIn(deps: AppDeps, db: Kysely<Schema>, n: NoticeRecord, approverId: string, now: string): Promise<string> {
  const expiresAt = new Date(noticeExpiry(noticeContentOf(n), Date.parse(now))).toISOString();
  await updateNotice(db, n.id, {
    status: 'published',
    approvedBy: approverId,
    approvedAt: now,
    publishedAt: now,
    expiresAt,
    original: originalOf(n, now, expiresAt, approverId),
    updatedAt: now,
  });
  await appendOutbox(db, {
    organizationId: n.organizationId,
    topic: 'notice.published',
    payload: { noticeId: n.id, projectId: n.projectId },
    createdAt: now,
  });
  if (n.supersedesId) await markSuperseded(db, n.supersedesId, n.id, now);
  if (n.paperPosting) {
    const assigneeId = await stewardOf(db, n.organizationId, n.projectId);
    const boards = await boardsOf(db, n);
    const tasks = paperTasksAtPublication(Date.parse(now), Date.parse(expiresAt));
    const rows: NoticePostingRecord[] = boards.flatMap((buildingId) =>
      tasks.map((t) => ({
        id: deps.newId(),
        organizationId: n.organizationId,
        noticeId: n.id,
        projectId: n.projectId,
        buildingId,
        task: t.task,
        assigneeId,
        dueAt: new Date(t.dueAt).toISOString(),
        status: 'open' as const,
        doneAt: null,
        doneBy: null,
        photoAttachmentId: null,
        note: null,
        damaged: false,
        createdAt: now,
      })),
    );
    await insertPostings(db, rows);
  }
  return expiresAt;
}

/** The notice a published correction replaces: superseded, linked to it, its unsent pushes cancelled and its paper notice due to come down. */
async function markSuperseded(db: Kysely<Schema>, oldId: string, newId: string, now: string) {
  const old = await findNotice(db, oldId, { forUpdate: true });
  if (!old) return;
  if (!decideNoticeAction(noticeFactsOf(old), 'mark_superseded', { kind: 'system' }, Date.parse(now)).ok) return;
  await updateNotice(db, old.id, { status: 'superseded', supersededById: newId, updatedAt: now });
  await endNoticeEffects(db, old, 'superseded', now);
}

// --- after publication: undo, supersede -------------------------------------------------------------

/** Takes a notice back within the undo window: withdrawn; its pushes not yet handed to a worker cancelled. */
export async function undoNotice(deps: AppDeps, actor: Actor, id: string) {
  requireNoticeReader(actor);
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'undo', actor, now);
    await updateNotice(db, n.id, { status: 'withdrawn', withdrawnAt: now, withdrawnBy: actor.id, updatedAt: now });
    const ended = await endNoticeEffects(db, n, 'withdrawn', now);
    await audit(db, actor, n, 'notice.withdrawn', now, ended);
  });
  return viewOf(deps, actor, id);
}

/** A correction: a new draft copying the published notice, linked to it; publishing that one marks this one superseded. */
export async function supersedeNotice(deps: AppDeps, actor: Actor, id: string) {
  requireCapability(actor, 'notice.write');
  const newId = deps.newId();
  await inTransaction(deps.database, async (db) => {
    const n = await visibleNotice(db, actor, id, true);
    const now = deps.now();
    decide(n, 'supersede', actor, now);
    await insertNotice(db, {
      ...n,
      id: newId,
      // an emergency keeps its expiry; a common notice's is worked out again when the correction is published
      expiresAt: n.emergency ? n.expiresAt : null,
      supersedesId: n.id,
      ...freshDraft(actor.id, now),
    });
    await audit(db, actor, { id: newId, projectId: n.projectId }, 'notice.created', now, { supersedesId: n.id, kind: n.kind, title: n.title });
  });
  return viewOf(deps, actor, newId);
}
