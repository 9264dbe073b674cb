import { Tag } from 'antd';
import { label, type Lang } from '../../shared/i18n';
import {
  NOTICE_KIND_TEXT,
  NOTICE_STATUS_COLORS,
  NOTICE_STATUS_TEXT,
  OUTAGE_KIND_TEXT,
  POSTING_TASK_TEXT,
  STATUTORY_STATUS_COLORS,
  STATUTORY_STATUS_TEXT,
  STATUTORY_SUBJECT_TEXT,
} from '../../shared/i18n-notices';

/** How notices, statutory schedules and outages read on screen: their codes in words, statuses as coloured tags. */

export const noticeKindText = (kind: string, lang: Lang) => label(NOTICE_KIND_TEXT, kind, lang);
export const postingTaskText = (task: string, lang: Lang) => label(POSTING_TASK_TEXT, task, lang);
export const statutorySubjectText = (subject: string, lang: Lang) => label(STATUTORY_SUBJECT_TEXT, subject, lang);
export const outageKindText = (kind: string, lang: Lang) => label(OUTAGE_KIND_TEXT, kind, lang);

export function NoticeStatusTag({ status, lang }: { status: string; lang: Lang }) {
  return (
    <Tag color={NOTICE_STATUS_COLORS[status] ?? 'default'} data-notice-status={status}>
      {label(NOTICE_STATUS_TEXT, status, lang)}
    </Tag>
  );
}

export function StatutoryStatusTag({ status, lang }: { status: string; lang: Lang }) {
  return (
    <Tag color={STATUTORY_STATUS_COLORS[status] ?? 'default'} data-statutory-status={status}>
      {label(STATUTORY_STATUS_TEXT, status, lang)}
    </Tag>
  );
}

/** 紧急 in red: emergency notices stand out wherever they are listed. */
export function EmergencyTag({ text }: { text: string }) {
  return (
    <Tag color="red" data-emergency="true">
      {text}
    </Tag>
  );
}
