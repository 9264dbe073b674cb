import { decideNoticeAction, postingsWhenNoticeEnds } from '@guanjia/core';
import {
  anyNoticeDueToExpire,
  appendAudit,
  cancelPostings,
  cancelQueuedNoticeDeliveries,
  listPostingsOfNotice,
  noticesDueToExpire,
  setPostingsDue,
  updateNotice,
  type NoticeRecord,
  type Schema,
} from '@guanjia/storage';
import type { NoticeStatus } from '@guanjia/vocabulary';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { inTransaction } from './transaction.ts';

/**
 * What follows when a published notice ends before or at its expiry — undone (withdrawn), corrected
 * (superseded) or expired: its pushes not yet handed to a worker are cancelled (status `cancelled`,
 * reason withdrawn / superseded / expired), what is left to post or patrol is cancelled, and the paper
 * notice's take-down falls due at once if it was put up. And the expiry sweep, run by the delivery
 * worker's tick.
 */

export async function endNoticeEffects(db: Kysely<Schema>, notice: Pick<NoticeRecord, 'id'>, reason: 'withdrawn' | 'superseded' | 'expired', now: string) {
  const cancelled = await cancelQueuedNoticeDeliveries(db, notice.id, reason, now);
  const postings = await listPostingsOfNotice(db, notice.id);
  const plan = postingsWhenNoticeEnds(
    postings.map((p) => ({ id: p.id, task: p.task, status: p.status, dueAt: Date.parse(p.dueAt) })),
    Date.parse(now),
  );
  await cancelPostings(db, plan.cancel);
  await setPostingsDue(db, plan.dueNow, now);
  return { cancelledDeliveries: cancelled, cancelledPostings: plan.cancel.length };
}

/** Notices expired per transaction. */
const EXPIRY_BATCH = 200;

/**
 * The expiry sweep: every published notice whose expiry has come becomes `expired` (it leaves the
 * portal; its open take-down task falls due). Safe with several processes (rows claimed with SKIP
 * LOCKED on PostgreSQL). Returns how many expired.
 */
export async function expireNotices(deps: AppDeps): Promise<number> {
  // the delivery worker calls this every tick: no write transaction unless something has expired
  if (!(await anyNoticeDueToExpire(deps.database.db, deps.now()))) return 0;
  let expired = 0;
  for (;;) {
    const done = await inTransaction(deps.database, async (db) => {
      const now = deps.now();
      const due = await noticesDueToExpire(db, now, EXPIRY_BATCH);
      for (const n of due) {
        const facts = {
          status: n.status as NoticeStatus,
          createdBy: n.createdBy,
          submittedBy: n.submittedBy,
          approvedBy: n.approvedBy,
          publishedAt: n.publishedAt ? Date.parse(n.publishedAt) : null,
          expiresAt: n.expiresAt ? Date.parse(n.expiresAt) : null,
        };
        if (!decideNoticeAction(facts, 'expire', { kind: 'system' }, Date.parse(now)).ok) continue;
        await updateNotice(db, n.id, { status: 'expired', expiredAt: now, updatedAt: now });
        await endNoticeEffects(db, n, 'expired', now);
        await appendAudit(db, {
          organizationId: n.organizationId,
          actorKind: 'system',
          actorId: null,
          action: 'notice.expired',
          targetType: 'notice',
          targetId: n.id,
          projectId: n.projectId,
          detail: { expiresAt: n.expiresAt },
          at: now,
        });
      }
      return due.length;
    });
    expired += done;
    if (done < EXPIRY_BATCH) return expired;
  }
}
