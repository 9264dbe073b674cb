import { DomainError, paperTasksAfterDone, postingDoneProblem, type Actor, type StaffActor } from '@guanjia/core';
import {
  findAttachments,
  findNotice,
  findNotices,
  findPosting,
  finishPosting,
  insertPostings,
  listOpenPostingsOf,
  type NoticePostingRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { postingViews } from './notice-views.ts';
import { inTransaction } from './transaction.ts';

/**
 * The area steward's paper notices (物业管家, SPEC §9): their open tasks, soonest first — post, patrol,
 * post again, take down —, and a task done: posting (and posting again) with a photo of the board; a
 * patrol that finds the notice damaged or gone makes a task to post it again, and the next patrol
 * follows while the notice is in force. A task is its assignee's: to anyone else it does not exist.
 */

function requireStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
}

async function views(deps: AppDeps, postings: readonly NoticePostingRecord[]) {
  const notices = await findNotices(
    deps.database.db,
    postings.map((p) => p.noticeId),
  );
  return postingViews(deps, postings, new Map(notices.map((n) => [n.id, n])));
}

export async function listMyPostings(deps: AppDeps, actor: Actor) {
  requireStaff(actor);
  return views(deps, await listOpenPostingsOf(deps.database.db, actor.id));
}

export async function finishPostingTask(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { photoAttachmentId?: string | null; note?: string | null; damaged: boolean },
) {
  requireStaff(actor);
  await inTransaction(deps.database, async (db) => {
    const p = await findPosting(db, id, { forUpdate: true });
    if (!p || p.organizationId !== actor.organizationId || p.assigneeId !== actor.id) throw new DomainError('NOTICE_POSTING_NOT_FOUND', 'id');
    if (p.status !== 'open') throw new DomainError('NOTICE_POSTING_DONE', 'id');
    if (postingDoneProblem(p.task, !!input.photoAttachmentId)) throw new DomainError('NOTICE_POSTING_PHOTO_REQUIRED', 'photoAttachmentId');
    if (input.photoAttachmentId) {
      // the photo is one the steward uploaded (and not yet part of a case)
      const [photo] = await findAttachments(db, [input.photoAttachmentId]);
      if (!photo || photo.organizationId !== actor.organizationId || photo.uploadedById !== actor.id || photo.caseId)
        throw new DomainError('ATTACHMENT_NOT_FOUND', 'photoAttachmentId');
    }
    const now = deps.now();
    const damaged = p.task === 'patrol' && input.damaged;
    await finishPosting(db, p.id, { doneAt: now, doneBy: actor.id, photoAttachmentId: input.photoAttachmentId ?? null, note: input.note ?? null, damaged });
    const notice = await findNotice(db, p.noticeId);
    if (notice?.status === 'published' && notice.expiresAt) {
      const next = paperTasksAfterDone(p.task, Date.parse(now), Date.parse(notice.expiresAt), damaged);
      await insertPostings(
        db,
        next.map((t) => ({
          ...p,
          id: deps.newId(),
          task: t.task,
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
    }
  });
  const done = await findPosting(deps.database.db, id);
  return (await views(deps, [done!]))[0]!;
}
