import { toInstant } from '../shared/time.ts';

/**
 * The notice digest (SPEC §5: "a burst of them is grouped into a digest"): each warning and
 * escalation step queues a notice for each person told; a person's notices wait in one window and
 * leave together as one notification. The window is short (default 2 minutes from its first notice),
 * and a warning never waits past its purpose: it must reach its reader before the breach it warns of.
 * Pure: the server and storage keep the queue (pending_notices), these rules decide when it leaves.
 */

/** What the digest needs to know of a notice: a warning (with its clock's due instant) or an escalation step. */
export interface DigestItem {
  alert: 'warning' | 'escalation';
  /** The due instant of the notice's clock (null: unknown, e.g. a clock paused without an end). */
  dueAt: string | null;
}

/** One notice in a notification: the case, its clock and what happened to it. */
export interface NoticeItem extends DigestItem {
  caseId: string;
  caseNumber: string;
  clock: string;
  /** The escalation step (1…); 0 for a warning. */
  step: number;
}

/**
 * The latest instant a notice may wait, counted from when it is queued: the end of a window opened
 * now; for a warning also half the time left until its clock falls due (so the warning goes out
 * before the breach, with time to act, and a burst of warnings still shares a window); a warning
 * whose clock is already due goes at once.
 */
export function noticeDeadline(item: DigestItem, queuedAt: string, windowMinutes: number): string {
  const now = Date.parse(queuedAt);
  const windowEnd = now + Math.max(0, windowMinutes) * 60_000;
  if (item.alert !== 'warning' || item.dueAt === null) return toInstant(windowEnd);
  const due = Date.parse(item.dueAt);
  if (due <= now) return queuedAt;
  return toInstant(Math.min(windowEnd, now + Math.floor((due - now) / 2)));
}

/**
 * When a recipient's window closes once new notices join it: the open window's close (null: none
 * open), brought forward to the earliest deadline of the newcomers. Every notice of the window leaves
 * together at that instant.
 */
export function windowClose(openClose: string | null, deadlines: readonly string[]): string {
  const all = [...deadlines, ...(openClose === null ? [] : [openClose])];
  if (all.length === 0) throw new Error('windowClose: no open window and no notice');
  return all.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

/** A queued notice as the digest sees it. */
export interface QueuedNotice<T> {
  recipientId: string;
  organizationId: string;
  /** When its recipient's window closes. */
  flushAt: string;
  item: T;
}

/**
 * The notices that leave at `now`: every queued notice of each recipient whose window has closed
 * (any of their notices' `flushAt` reached), in queue order; the others wait.
 */
export function takeDue<T>(queued: readonly QueuedNotice<T>[], now: string): { due: QueuedNotice<T>[]; waiting: QueuedNotice<T>[] } {
  const closed = new Set(queued.filter((n) => Date.parse(n.flushAt) <= Date.parse(now)).map((n) => n.recipientId));
  return { due: queued.filter((n) => closed.has(n.recipientId)), waiting: queued.filter((n) => !closed.has(n.recipientId)) };
}

/** One notification: a single warning or escalation, or a digest of several. */
export interface DigestNotification {
  organizationId: string;
  recipientId: string;
  /** The case of a single notice; null for a digest (its items name their cases). */
  caseId: string | null;
  kind: 'sla_warning' | 'sla_escalation' | 'sla_digest';
  data: Record<string, unknown>;
}

/** The notifications for notices leaving together: exactly one per recipient, holding all of theirs in order. */
export function composeDigests(notices: readonly { recipientId: string; organizationId: string; item: NoticeItem }[]): DigestNotification[] {
  const byRecipient = new Map<string, { organizationId: string; items: NoticeItem[] }>();
  for (const n of notices) {
    const entry = byRecipient.get(n.recipientId) ?? { organizationId: n.organizationId, items: [] };
    entry.items.push(n.item);
    byRecipient.set(n.recipientId, entry);
  }
  return [...byRecipient].map(([recipientId, { organizationId, items }]) => {
    const single = items.length === 1 ? items[0]! : null;
    return {
      organizationId,
      recipientId,
      caseId: single?.caseId ?? null,
      kind: single ? (single.alert === 'warning' ? 'sla_warning' : 'sla_escalation') : 'sla_digest',
      data: single ? { ...single } : { count: items.length, items },
    };
  });
}
