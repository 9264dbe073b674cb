import type { Locale } from './locales.ts';

/**
 * The words of the notice ledger (信息公布台帐, SPEC §9, issue 13 items 5 and 7): where a notice is in
 * its life, whom it targets, which outside channels it may be pushed on, and the paper posting tasks
 * of the area steward (物业管家). The kinds of notice are in notices.ts.
 */

/**
 * draft (草稿) → pending_approval (待审批) → published (已发布) — or rejected (已驳回, back to draft by
 * its author); a published notice becomes withdrawn (已撤回, undone within minutes of sending),
 * superseded (已更正: a correcting notice was published) or expired (已过期).
 */
export const NOTICE_STATUSES = ['draft', 'pending_approval', 'published', 'withdrawn', 'rejected', 'superseded', 'expired'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  pending_approval: { 'zh-CN': '待审批', en: 'Awaiting approval' },
  published: { 'zh-CN': '已发布', en: 'Published' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
  superseded: { 'zh-CN': '已更正', en: 'Superseded' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
};

/** Whom a notice is for: a whole project, some of its buildings, or some units (households). */
export const NOTICE_TARGET_SCOPES = ['project', 'buildings', 'units'] as const;
export type NoticeTargetScope = (typeof NOTICE_TARGET_SCOPES)[number];

/** The outside channels a notice may be pushed on to owners (the portal always shows it). */
export const NOTICE_CHANNELS = ['sms', 'wechat', 'email'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** A paper notice's tasks for the area steward: put it up, look at it, put it up again if damaged, take it down at expiry. */
export const NOTICE_POSTING_TASKS = ['post', 'patrol', 'repost', 'take_down'] as const;
export type NoticePostingTask = (typeof NOTICE_POSTING_TASKS)[number];

export const NOTICE_POSTING_TASK_LABELS: Record<NoticePostingTask, Record<Locale, string>> = {
  post: { 'zh-CN': '张贴', en: 'Post' },
  patrol: { 'zh-CN': '巡查', en: 'Patrol' },
  repost: { 'zh-CN': '补贴', en: 'Post again' },
  take_down: { 'zh-CN': '撤除', en: 'Take down' },
};

/** open: to do; done: done (with its photo and note); cancelled: no longer needed (the notice was withdrawn or ended before it). */
export const NOTICE_POSTING_STATUSES = ['open', 'done', 'cancelled'] as const;
export type NoticePostingStatus = (typeof NOTICE_POSTING_STATUSES)[number];
