import { NOTICE_KINDS, NOTICE_STATUSES } from '@guanjia/vocabulary';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { label, useI18n } from '../../shared/i18n';
import { NOTICE_STATUS_TEXT } from '../../shared/i18n-notices';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { EmergencyTag, NoticeStatusTag, noticeKindText } from './notice-text';
import { useNoticeFigures, useNoticeLedger, type LedgerFilters, type Notice } from './queries';

/**
 * 通知公告 · 信息公布台帐 (SPEC §9, issue 13 item 5): every notice of the projects one works in, newest
 * first — status, kind (紧急 in red, published emergencies pinned on top), title, area, period, expiry,
 * who wrote and who approved it, its reach at publication, its pushes (sent / delivered / failed) and
 * how many owners read it —, filtered by project, status and kind. A row opens the notice; 新建通知
 * opens the editor (notice.write).
 */
export function NoticeLedger({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [filters, setFilters] = useState<LedgerFilters>({});
  const ledger = useNoticeLedger(filters);
  const rows = useMemo(() => {
    const all = ledger.data?.pages.flatMap((p) => p.items) ?? [];
    // emergencies in force first (pinned), then the ledger's order
    const pinned = all.filter((n) => n.emergency && n.status === 'published');
    return [...pinned, ...all.filter((n) => !pinned.includes(n))];
  }, [ledger.data]);
  const ids = rows.map((n) => n.id);
  const figures = new Map((useNoticeFigures(ids).data ?? []).map((f) => [f.noticeId, f]));
  const zone = (n: Notice) => projects.find((p) => p.id === n.projectId)?.timeZone ?? 'Asia/Shanghai';
  const set = (patch: Partial<LedgerFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <Card
      title={`${t.notices} · ${t.ntcLedger}`}
      data-testid="notice-ledger"
      extra={
        me.capabilities.includes('notice.write') && (
          <Button type="primary" onClick={() => navigate('/notices/new')} data-testid="notice-new">
            {t.ntcNew}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t.project}
          aria-label={t.project}
          value={filters.projectId}
          onChange={(v: string | undefined) => set({ projectId: v })}
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
          data-testid="ledger-project"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t.status}
          aria-label={t.status}
          value={filters.status}
          onChange={(v: LedgerFilters['status']) => set({ status: v })}
          options={NOTICE_STATUSES.map((s) => ({ value: s, label: label(NOTICE_STATUS_TEXT, s, lang) }))}
          data-testid="ledger-status"
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t.ntcKind}
          aria-label={t.ntcKind}
          value={filters.kind}
          onChange={(v: LedgerFilters['kind']) => set({ kind: v })}
          options={NOTICE_KINDS.map((k) => ({ value: k, label: noticeKindText(k, lang) }))}
          data-testid="ledger-kind"
        />
      </Space>
      {ledger.error && <Alert type="error" showIcon message={(ledger.error as ApiError).message} />}
      <Table
        size="small"
        rowKey="id"
        loading={ledger.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1300 }}
        locale={{ emptyText: t.ntcNone }}
        onRow={(n: Notice) => ({
          onClick: () => navigate(`/notices/${n.id}`),
          style: { cursor: 'pointer', ...(n.emergency ? { background: '#fff1f0' } : {}) },
          'data-notice': n.id,
        })}
        columns={[
          { title: t.status, width: 90, render: (_: unknown, n: Notice) => <NoticeStatusTag status={n.status} lang={lang} /> },
          {
            title: t.ntcKind,
            width: 130,
            render: (_: unknown, n: Notice) => (
              <Space size={2} wrap>
                {n.emergency && <EmergencyTag text={t.ntcEmergencyShort} />}
                <span>{noticeKindText(n.kind, lang)}</span>
              </Space>
            ),
          },
          {
            title: t.title,
            render: (_: unknown, n: Notice) => (
              <Typography.Link onClick={() => navigate(`/notices/${n.id}`)} data-testid="ledger-title">
                {n.title}
              </Typography.Link>
            ),
          },
          { title: t.ntcArea, width: 160, render: (_: unknown, n: Notice) => `${n.projectName} · ${n.area}` },
          {
            title: t.ntcPeriod,
            width: 220,
            render: (_: unknown, n: Notice) => (n.startsAt ? `${formatInstant(n.startsAt, zone(n), lang)} – ${formatInstant(n.endsAt, zone(n), lang)}` : '—'),
          },
          { title: t.ntcExpiresAt, width: 150, render: (_: unknown, n: Notice) => formatInstant(n.expiresAt, zone(n), lang) },
          {
            title: t.ntcPeople,
            width: 170,
            render: (_: unknown, n: Notice) => `${n.createdBy?.name ?? '—'} / ${n.approvedBy?.name ?? '—'}`,
          },
          {
            title: t.ntcPushes,
            width: 200,
            render: (_: unknown, n: Notice) => <PushFigures notice={n} figures={figures.get(n.id)} />,
          },
          {
            title: t.ntcReads,
            width: 70,
            render: (_: unknown, n: Notice) => <span data-testid="ledger-reads">{figures.get(n.id)?.reads ?? 0}</span>,
          },
        ]}
      />
      {ledger.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage}>
          {t.more}
        </Button>
      )}
    </Card>
  );
}

/** 覆盖 4 户 · 已发送 2 · 已送达 1 · 失败 0: whom it reached at publication and what became of the pushes. */
function PushFigures({ notice, figures }: { notice: Notice; figures: { deliveries: number; byStatus: Partial<Record<string, number>> } | undefined }) {
  const { t } = useI18n();
  if (!notice.reach && !figures?.deliveries) return <Typography.Text type="secondary">—</Typography.Text>;
  const s = figures?.byStatus ?? {};
  const sent = (s.sent ?? 0) + (s.delivered ?? 0) + (s.read ?? 0);
  return (
    <span data-testid="ledger-pushes">
      {notice.reach ? `${t.ntcCovers} ${notice.reach.owners} ${t.ntcHouseholds}` : ''}
      {figures?.deliveries ? ` · ${t.ntcSentCount} ${sent} · ${t.ntcDeliveredCount} ${(s.delivered ?? 0) + (s.read ?? 0)}` : ''}
      {s.failed ? ` · ${t.ntcFailedCount} ${s.failed}` : ''}
    </span>
  );
}
