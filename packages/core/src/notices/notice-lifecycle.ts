import type { NoticeStatus } from '@guanjia/vocabulary';
import type { ErrorCode, ErrorParams } from '../shared/errors.ts';

/**
 * The life of a notice (通知公告, SPEC §9, issue 13 items 5 and 7), as a state machine: which action
 * is allowed from which status, and by whom.
 *
 *   draft ──submit──▶ pending_approval ──approve (someone else)──▶ published ──undo (≤ 5 min)──▶ withdrawn
 *     ▲                     │                                          │ ├──expire (system)──▶ expired
 *     └──revise── rejected ◀┘ reject (someone else)                    │ └──mark_superseded (system)──▶ superseded
 *                                                                      └──supersede: a new linked draft (it stays published)
 *
 * - Only the author (who created the draft) edits, submits and revises it; the approver is another
 *   person — neither the author nor whoever submitted it. A notice is published only by approval.
 * - A published notice is locked: `set_expiry` is the one change it takes; a correction is a new
 *   notice that supersedes it (publishing that one marks this one superseded).
 * - `undo` takes a published notice back within the undo window after publication.
 * - withdrawn, superseded, rejected-then-revised aside, expired: the end; nothing leaves withdrawn,
 *   superseded or expired.
 * Pure: instants (epoch ms) are inputs.
 */

/** How long after publication a notice can be undone (its common pushes wait this long before going out). */
export const NOTICE_UNDO_WINDOW_MS = 5 * 60_000;

export const NOTICE_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'revise', 'undo', 'supersede', 'set_expiry', 'expire', 'mark_superseded'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

/** What the rules need to know of a notice. */
export interface NoticeFacts {
  status: NoticeStatus;
  /** The author: who created the draft. */
  createdBy: string;
  submittedBy: string | null;
  approvedBy: string | null;
  /** Epoch ms. */
  publishedAt: number | null;
  expiresAt: number | null;
}

/** Who acts: a staff member with what their roles allow (notice.write, notice.approve), or the system (expiry, supersession). */
export type NoticeActor = { kind: 'staff'; id: string; canWrite: boolean; canApprove: boolean } | { kind: 'system' };

export type NoticeDecision = { ok: true; status: NoticeStatus } | { ok: false; code: ErrorCode; params?: ErrorParams };

/** The statuses each action starts from. */
const FROM: Record<NoticeAction, readonly NoticeStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  approve: ['pending_approval'],
  reject: ['pending_approval'],
  revise: ['rejected'],
  undo: ['published'],
  supersede: ['published'],
  set_expiry: ['published'],
  expire: ['published'],
  mark_superseded: ['published'],
};

/** Where each action leads (supersede and set_expiry leave the notice published). */
const TO: Record<NoticeAction, NoticeStatus> = {
  edit: 'draft',
  submit: 'pending_approval',
  approve: 'published',
  reject: 'rejected',
  revise: 'draft',
  undo: 'withdrawn',
  supersede: 'published',
  set_expiry: 'published',
  expire: 'expired',
  mark_superseded: 'superseded',
};

/** The statuses nothing leaves. */
export const FINAL_NOTICE_STATUSES: readonly NoticeStatus[] = ['withdrawn', 'superseded', 'expired'];

const SYSTEM_ACTIONS: readonly NoticeAction[] = ['expire', 'mark_superseded'];
const AUTHOR_ACTIONS: readonly NoticeAction[] = ['edit', 'submit', 'revise'];
const APPROVER_ACTIONS: readonly NoticeAction[] = ['approve', 'reject'];

/** Whether `actor` may take `action` on the notice now, and the status it leads to. */
export function decideNoticeAction(n: NoticeFacts, action: NoticeAction, actor: NoticeActor, now: number): NoticeDecision {
  if (SYSTEM_ACTIONS.includes(action) !== (actor.kind === 'system')) return { ok: false, code: 'FORBIDDEN' };
  if (actor.kind === 'staff') {
    const allowed = APPROVER_ACTIONS.includes(action)
      ? actor.canApprove
      : AUTHOR_ACTIONS.includes(action)
        ? actor.canWrite
        : actor.canWrite || actor.canApprove;
    if (!allowed) return { ok: false, code: 'FORBIDDEN' };
  }
  if (!FROM[action].includes(n.status)) return { ok: false, code: 'NOTICE_TRANSITION_NOT_ALLOWED', params: { status: n.status, action } };
  if (actor.kind === 'staff') {
    if (AUTHOR_ACTIONS.includes(action) && actor.id !== n.createdBy) return { ok: false, code: 'NOTICE_NOT_AUTHOR' };
    if (APPROVER_ACTIONS.includes(action) && (actor.id === n.createdBy || actor.id === n.submittedBy)) return { ok: false, code: 'NOTICE_SELF_APPROVAL' };
    if (action === 'undo' && (n.publishedAt === null || now - n.publishedAt > NOTICE_UNDO_WINDOW_MS))
      return { ok: false, code: 'NOTICE_UNDO_WINDOW_PASSED', params: { minutes: NOTICE_UNDO_WINDOW_MS / 60_000 } };
  }
  if (action === 'expire' && (n.expiresAt === null || now < n.expiresAt))
    return { ok: false, code: 'NOTICE_TRANSITION_NOT_ALLOWED', params: { status: n.status, action } };
  return { ok: true, status: TO[action] };
}

/**
 * The notice after an allowed action (who submitted, approved, when it was published), or the refusal.
 * `expiresAt` is the expiry set on approval or by set_expiry (the caller works it out: defaultExpiry).
 */
export function applyNoticeAction(
  n: NoticeFacts,
  action: NoticeAction,
  actor: NoticeActor,
  now: number,
  expiresAt: number | null = n.expiresAt,
): { ok: true; notice: NoticeFacts } | Extract<NoticeDecision, { ok: false }> {
  const decision = decideNoticeAction(n, action, actor, now);
  if (!decision.ok) return decision;
  const by = actor.kind === 'staff' ? actor.id : null;
  const next: NoticeFacts = { ...n, status: decision.status };
  if (action === 'submit') next.submittedBy = by;
  if (action === 'revise') next.submittedBy = null;
  if (action === 'approve') {
    next.approvedBy = by;
    next.publishedAt = now;
    next.expiresAt = expiresAt;
  }
  if (action === 'set_expiry' || action === 'edit') next.expiresAt = expiresAt;
  return { ok: true, notice: next };
}

/** The fields of a notice that can still change in a status: all of a draft's, only a published notice's expiry, none otherwise. */
export const NOTICE_CONTENT_FIELDS = [
  'kind',
  'title',
  'body',
  'emergency',
  'emergencyReason',
  'startsAt',
  'endsAt',
  'expiresAt',
  'targetScope',
  'targetIds',
  'channels',
  'paperPosting',
] as const;
export type NoticeContentField = (typeof NOTICE_CONTENT_FIELDS)[number];

export function editableNoticeFields(status: NoticeStatus): readonly NoticeContentField[] {
  if (status === 'draft') return NOTICE_CONTENT_FIELDS;
  if (status === 'published') return ['expiresAt'];
  return [];
}

/** canEdit: whether these fields may change now (a published notice: only its expiry). */
export function canEditNotice(status: NoticeStatus, fields: readonly NoticeContentField[]): boolean {
  const editable = editableNoticeFields(status);
  return editable.length > 0 && fields.every((f) => editable.includes(f));
}
