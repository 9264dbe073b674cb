import { DELIVERY_STATUSES } from '@guanjia/vocabulary';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { label, useI18n } from '../../shared/i18n';
import { DELIVERY_STATUS_LABELS } from '../../shared/i18n-messaging';
import { DeliveryStatusTag, deliveryChannelText, deliveryReasonText } from '../messaging/delivery-text';
import { postingTaskText } from './notice-text';
import { useNoticeRecipients, type NoticePosting, type NoticeRecipient, type RecipientFilters } from './queries';

/**
 * 推送明细 (issue 13 item 7): each owner a notice was pushed to — name (masked unless one may reveal
 * owner data), homes, channel and address (masked), what became of the push and why (muted, pushed
 * within the hour, no address, fallen back …), when it went, and 已读: when they opened it in the
 * portal (the read receipt). Filtered by status and read / unread; 50 a page (更多).
 */
export function NoticeRecipients({ noticeId, timeZone }: { noticeId: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<RecipientFilters>({});
  const list = useNoticeRecipients(noticeId, filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (iso: string | null) => formatInstant(iso, timeZone, lang);
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t.status}
          aria-label={t.status}
          value={filters.status}
          onChange={(v: RecipientFilters['status']) => setFilters((f) => ({ ...f, status: v }))}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: label(DELIVERY_STATUS_LABELS, s, lang) }))}
          data-testid="recipients-status"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t.ntcReadFilter}
          aria-label={t.ntcReadFilter}
          value={filters.read}
          onChange={(v: RecipientFilters['read']) => setFilters((f) => ({ ...f, read: v }))}
          options={[
            { value: 'true', label: t.ntcRead },
            { value: 'false', label: t.ntcUnread },
          ]}
          data-testid="recipients-read"
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={(list.error as ApiError).message} />}
      <Table
        size="small"
        rowKey="deliveryId"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t.ntcNoRecipients }}
        data-testid="notice-recipients"
        onRow={(r: NoticeRecipient) => ({ 'data-owner': r.ownerId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t.owner, width: 90, render: (_: unknown, r: NoticeRecipient) => r.ownerName || '—' },
          { title: t.unit, width: 160, render: (_: unknown, r: NoticeRecipient) => r.units.join('、') || '—' },
          { title: t.channel, width: 110, render: (_: unknown, r: NoticeRecipient) => deliveryChannelText(r.channel, lang) },
          { title: t.msgRecipient, width: 140, render: (_: unknown, r: NoticeRecipient) => r.to ?? '—' },
          { title: t.status, width: 100, render: (_: unknown, r: NoticeRecipient) => <DeliveryStatusTag status={r.status} lang={lang} /> },
          {
            title: t.ntcWhy,
            render: (_: unknown, r: NoticeRecipient) => (
              <span>
                {deliveryReasonText(r.reason, lang)}
                {r.lastError && <Typography.Text type="danger"> {r.lastError}</Typography.Text>}
              </span>
            ),
          },
          { title: t.ntcSentAt, width: 150, render: (_: unknown, r: NoticeRecipient) => when(r.deliveredAt ?? r.sentAt) },
          {
            title: t.ntcRead,
            width: 160,
            render: (_: unknown, r: NoticeRecipient) =>
              r.portalReadAt ? (
                <Tag color="green" data-testid="recipient-read">
                  {t.ntcRead} {when(r.portalReadAt)}
                </Tag>
              ) : r.channelReadAt ? (
                <Tag color="green">{when(r.channelReadAt)}</Tag>
              ) : (
                <Typography.Text type="secondary">{t.ntcUnread}</Typography.Text>
              ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t.more}
        </Button>
      )}
    </Space>
  );
}

/** A notice's paper tasks: where, what, by when, done when (with the steward's note, damage found). */
export function NoticePostingsTable({ postings, timeZone }: { postings: readonly NoticePosting[]; timeZone: string }) {
  const { t, lang } = useI18n();
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={[...postings]}
      pagination={false}
      scroll={{ x: 800 }}
      columns={[
        { title: t.postBoard, render: (_: unknown, p: NoticePosting) => p.board },
        { title: t.postTask, width: 90, render: (_: unknown, p: NoticePosting) => postingTaskText(p.task, lang) },
        {
          title: t.postDue,
          width: 150,
          render: (_: unknown, p: NoticePosting) => (
            <Typography.Text type={p.overdue ? 'danger' : undefined}>{formatInstant(p.dueAt, timeZone, lang)}</Typography.Text>
          ),
        },
        {
          title: t.status,
          width: 90,
          render: (_: unknown, p: NoticePosting) => (p.status === 'done' ? t.postDone : p.status === 'cancelled' ? t.postCancelled : t.postOpen),
        },
        { title: t.postDoneAt, width: 150, render: (_: unknown, p: NoticePosting) => formatInstant(p.doneAt, timeZone, lang) },
        {
          title: t.postNote,
          render: (_: unknown, p: NoticePosting) => (
            <span>
              {p.damaged && <Tag color="orange">{t.postDamaged}</Tag>}
              {p.note ?? ''}
            </span>
          ),
        },
      ]}
    />
  );
}
