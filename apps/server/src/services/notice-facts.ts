import {
  DomainError,
  type NoticeAction,
  type NoticeActor,
  type NoticeContent,
  type NoticeFacts,
  type PublicationProblem,
  type StaffActor,
} from '@guanjia/core';
import type { NoticeRecord } from '@guanjia/storage';
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, type NoticeKind, type NoticeStatus } from '@guanjia/vocabulary';

/**
 * The bridge between a stored notice and core's notice rules: its facts and content as the rules take
 * them (instants in ms), the acting person's rights, and each refusal as a problem in both languages.
 */

export function noticeActorOf(actor: StaffActor): NoticeActor {
  return { kind: 'staff', id: actor.id, canWrite: actor.capabilities.has('notice.write'), canApprove: actor.capabilities.has('notice.approve') };
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);

export function noticeFactsOf(n: NoticeRecord): NoticeFacts {
  return {
    status: n.status as NoticeStatus,
    createdBy: n.createdBy,
    submittedBy: n.submittedBy,
    approvedBy: n.approvedBy,
    publishedAt: ms(n.publishedAt),
    expiresAt: ms(n.expiresAt),
  };
}

export function noticeContentOf(n: NoticeRecord): NoticeContent {
  return {
    kind: n.kind as NoticeKind,
    title: n.title,
    body: n.body,
    emergency: n.emergency,
    emergencyReason: n.emergencyReason,
    startsAt: ms(n.startsAt),
    endsAt: ms(n.endsAt),
    expiresAt: ms(n.expiresAt),
  };
}

/** What an action is called in a refusal: 不能{提交审批} / it cannot be {submitted}. */
const ACTION_WORDS: Record<NoticeAction, [string, string]> = {
  edit: ['修改', 'edited'],
  submit: ['提交审批', 'submitted'],
  approve: ['审批通过', 'approved'],
  reject: ['驳回', 'rejected'],
  revise: ['退回修改', 'revised'],
  undo: ['撤回', 'undone'],
  supersede: ['更正', 'superseded'],
  set_expiry: ['修改有效期', 'given a new expiry'],
  expire: ['过期下架', 'expired'],
  mark_superseded: ['标为已更正', 'marked superseded'],
};

/** A refusal of core's decideNoticeAction as a problem. */
export function noticeRefusal(code: string, params: Record<string, string | number> | undefined, action: NoticeAction): DomainError {
  if (code === 'NOTICE_TRANSITION_NOT_ALLOWED') {
    const status = String(params?.status) as NoticeStatus;
    return new DomainError('NOTICE_TRANSITION_NOT_ALLOWED', 'status', {
      status: NOTICE_STATUS_LABELS[status]?.['zh-CN'] ?? status,
      statusEn: (NOTICE_STATUS_LABELS[status]?.en ?? status).toLowerCase(),
      action: ACTION_WORDS[action][0],
      actionEn: ACTION_WORDS[action][1],
    });
  }
  return new DomainError(code as never, undefined, params ?? {});
}

const PERSONAL_DATA_WORDS: Record<string, [string, string]> = {
  phone: ['手机号码', 'a mobile number'],
  id_number: ['身份证号码', 'an ID number'],
  email: ['电子邮箱', 'an email address'],
  name_with_unit: ['姓名与房号', 'a name next to a home'],
};

/** A publication problem (core's publicationProblems) as a problem naming its field. */
export function publicationRefusal(p: PublicationProblem, n: Pick<NoticeRecord, 'kind' | 'startsAt'>, now: string): DomainError {
  switch (p.code) {
    case 'NOTICE_START_REQUIRED':
    case 'NOTICE_LEAD_TIME_TOO_SHORT': {
      const kind = NOTICE_KIND_LABELS[n.kind as NoticeKind];
      return new DomainError(p.code, p.field, { kind: kind?.['zh-CN'] ?? n.kind, kindEn: (kind?.en ?? n.kind).toLowerCase(), hours: p.hours });
    }
    case 'NOTICE_PERIOD_INVALID':
      return new DomainError(p.code, p.field, { startsAt: n.startsAt ?? '' });
    case 'NOTICE_EXPIRY_INVALID':
      return new DomainError(p.code, p.field, { now });
    case 'NOTICE_PERSONAL_DATA': {
      const words = PERSONAL_DATA_WORDS[p.kind] ?? [p.kind, p.kind];
      return new DomainError(p.code, p.field, {
        part: p.field === 'title' ? '标题' : '正文',
        partEn: p.field,
        kind: words[0],
        kindEn: words[1],
        excerpt: p.excerpt,
      });
    }
    default:
      return new DomainError(p.code, p.field);
  }
}
