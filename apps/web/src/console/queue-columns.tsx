import { CLOCK_LABELS } from '@guanjia/vocabulary';
import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { countdown, formatShort } from '../shared/format';
import { dictionary, type Lang } from '../shared/i18n';
import type { CaseRow as QueueRow } from './case-list';

const cell = (v: string | null) => v ?? '—';

/**
 * The owner's verdict at a glance, on a queue row and a work order (issue 10, item 8): 不满意 when the
 * owner's last verdict was not satisfied, 返工 × n when the work was sent back n times. Nothing otherwise.
 */
export function OutcomeFlags({ satisfied, reopenCount, lang }: { satisfied: boolean | null; reopenCount: number; lang: Lang }) {
  const t = dictionary(lang);
  return (
    <>
      {satisfied === false && (
        <Tag color="red" data-flag="dissatisfied" style={{ marginInlineEnd: 4 }}>
          {t.notSatisfied}
        </Tag>
      )}
      {reopenCount > 0 && (
        <Tag color="orange" data-flag="rework" style={{ marginInlineEnd: 4 }}>
          {t.reworked} × {reopenCount}
        </Tag>
      )}
    </>
  );
}

/**
 * The queue's who-and-where columns (issue 10, item 6): owner (masked per role; an unregistered
 * caller's name otherwise), unit 楼栋-单元-房号, assignee, department, and the nearest running clock —
 * its name, due time and countdown, red when overdue, orange within 30 minutes.
 */
export function peopleColumns(lang: Lang, zones: Record<string, string | undefined>, now: number): ColumnsType<QueueRow> {
  const t = dictionary(lang);
  return [
    {
      title: t.owner,
      key: 'owner',
      width: 84,
      ellipsis: true,
      render: (_: unknown, r) => <span data-col="owner">{r.ownerName ?? (r.callerName ? `${r.callerName}` : '—')}</span>,
    },
    { title: t.unit, dataIndex: 'unitLabel', width: 130, ellipsis: true, render: (v: string | null) => <span data-col="unit">{cell(v)}</span> },
    { title: t.assignee, dataIndex: 'assigneeName', width: 110, ellipsis: true, render: (v: string | null) => <span data-col="assignee">{cell(v)}</span> },
    {
      title: t.departmentName,
      dataIndex: 'departmentName',
      width: 110,
      ellipsis: true,
      render: (v: string | null) => <span data-col="department">{cell(v)}</span>,
    },
    {
      title: t.nearestClock,
      key: 'clock',
      width: 250,
      render: (_: unknown, r) => {
        const k = r.nearestClock;
        if (!k) return '—';
        const c = countdown(k.dueAt, now, lang);
        const overdue = k.overdue || !!c?.overdue;
        const color = overdue ? 'red' : Date.parse(k.dueAt) - now < 30 * 60_000 ? 'orange' : 'green';
        return (
          <span data-col="clock" data-overdue={overdue} style={{ whiteSpace: 'nowrap' }}>
            <Tag color={color} style={{ marginInlineEnd: 4 }}>
              {CLOCK_LABELS[k.kind][lang]} {formatShort(k.dueAt, zones[r.projectId], lang)}
            </Tag>
            <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {c?.text}
            </Typography.Text>
          </span>
        );
      },
    },
  ];
}
