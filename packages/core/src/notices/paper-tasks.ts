import type { NoticePostingTask } from '@guanjia/vocabulary';

/**
 * A paper notice's tasks for the area steward (物业管家, SPEC §9): post it within two hours of
 * publication (with a photo), patrol it every three days while it is in force — a patrol that finds
 * it damaged makes a task to post it again (with a photo) —, and take it down at expiry. Patrols
 * follow one another: the next is due three days after the last was done. When the notice ends early
 * (withdrawn, superseded, expired) what is left to post or patrol is cancelled, and the take-down
 * falls due at once if anything was put up (else there is nothing to take down). Pure.
 */

export const POSTING_DUE_AFTER_MS = 2 * 3_600_000;
export const PATROL_EVERY_MS = 3 * 86_400_000;

export interface PaperTaskPlan {
  task: NoticePostingTask;
  /** Epoch ms. */
  dueAt: number;
}

/** The tasks a published notice with paper posting makes: post, the first patrol (if it is still in force then), take down. */
export function paperTasksAtPublication(publishedAt: number, expiresAt: number): PaperTaskPlan[] {
  const tasks: PaperTaskPlan[] = [{ task: 'post', dueAt: Math.min(publishedAt + POSTING_DUE_AFTER_MS, expiresAt) }];
  if (publishedAt + PATROL_EVERY_MS < expiresAt) tasks.push({ task: 'patrol', dueAt: publishedAt + PATROL_EVERY_MS });
  tasks.push({ task: 'take_down', dueAt: expiresAt });
  return tasks;
}

/** The tasks that follow one done: after a patrol the next one (while in force), and a re-post if it found the notice damaged. */
export function paperTasksAfterDone(task: NoticePostingTask, doneAt: number, expiresAt: number, damaged: boolean): PaperTaskPlan[] {
  if (task !== 'patrol') return [];
  const next: PaperTaskPlan[] = [];
  if (damaged && doneAt < expiresAt) next.push({ task: 'repost', dueAt: Math.min(doneAt + POSTING_DUE_AFTER_MS, expiresAt) });
  if (doneAt + PATROL_EVERY_MS < expiresAt) next.push({ task: 'patrol', dueAt: doneAt + PATROL_EVERY_MS });
  return next;
}

/** What doing a task needs: posting (and posting again) is proven by a photo of the board. */
export function postingDoneProblem(task: NoticePostingTask, hasPhoto: boolean): 'photo_required' | null {
  return (task === 'post' || task === 'repost') && !hasPhoto ? 'photo_required' : null;
}

export interface PostingState {
  id: string;
  task: NoticePostingTask;
  status: 'open' | 'done' | 'cancelled';
  dueAt: number;
}

/** When the notice ends at `now` (withdrawn, superseded, expired): the tasks to cancel, and the take-downs that fall due now. */
export function postingsWhenNoticeEnds(tasks: readonly PostingState[], now: number): { cancel: string[]; dueNow: string[] } {
  const posted = tasks.some((t) => (t.task === 'post' || t.task === 'repost') && t.status === 'done');
  const open = tasks.filter((t) => t.status === 'open');
  const cancel = open.filter((t) => t.task !== 'take_down' || !posted).map((t) => t.id);
  const dueNow = open.filter((t) => t.task === 'take_down' && posted && t.dueAt > now).map((t) => t.id);
  return { cancel, dueNow };
}

/** A published notice's expiry moved: the take-down follows it; patrols due at or after the new expiry are cancelled. */
export function postingsWhenExpiryChanges(tasks: readonly PostingState[], expiresAt: number): { cancel: string[]; takeDown: string[] } {
  const open = tasks.filter((t) => t.status === 'open');
  return {
    cancel: open.filter((t) => t.task === 'patrol' && t.dueAt >= expiresAt).map((t) => t.id),
    takeDown: open.filter((t) => t.task === 'take_down').map((t) => t.id),
  };
}
