import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { CLOCK_LABELS } from '@guanjia/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { Drawer, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../shared/api';
import { formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, label, useI18n } from '../shared/i18n';
import { navigate } from './router';

/** Which list a figure opens: the report, its grouping key, the measure it counts; the period and project come with it. */
export type FigureQuery = Omit<RouteQuery<'GET /api/reports/items'>, 'limit' | 'offset'>;
type Item = RouteResponse<'GET /api/reports/items'>['items'][number];

const PAGE = 20;

/**
 * The list behind a figure of the dashboard (issue 16 item 1): a drawer of the clocks or cases the
 * figure counts, paged by the server; its total is the figure, each row opens its case.
 */
export function ReportItemsDrawer({ figure, title, onClose }: { figure: FigureQuery | null; title: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<FigureQuery | null>(null);
  // a new figure starts at its first page
  if (figure !== shown) {
    setShown(figure);
    setPage(1);
  }
  const list = useQuery({
    queryKey: ['report-items', figure, page],
    queryFn: () => api('GET /api/reports/items', { query: { ...figure!, limit: PAGE, offset: (page - 1) * PAGE } }),
    enabled: figure !== null,
  });
  const clocks = figure?.report === 'timeliness';
  return (
    <Drawer open={figure !== null} onClose={onClose} width={760} title={title} destroyOnHidden data-testid="report-items">
      <Typography.Paragraph type="secondary" data-testid="report-items-total">
        {list.data ? `${t.figureListTotal} ${list.data.total} ${clocks ? t.figureClocks : t.figureCases}` : t.loading}
      </Typography.Paragraph>
      <Table<Item>
        size="small"
        rowKey={(r) => `${r.caseId}:${r.clock ?? ''}:${r.at}`}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => navigate(`/cases/${r.caseId}`), style: { cursor: 'pointer' }, 'data-number': r.number }) as never}
        columns={[
          { title: t.number, dataIndex: 'number', width: 150 },
          { title: t.title, dataIndex: 'title', ellipsis: true },
          { title: t.type, dataIndex: 'type', width: 80, render: (v: string) => label(CASE_TYPE_LABELS, v, lang) },
          ...(clocks
            ? [
                {
                  title: t.figureClock,
                  dataIndex: 'clock',
                  width: 110,
                  render: (v: string | null) => (v ? ((CLOCK_LABELS as Record<string, Record<string, string>>)[v]?.[lang] ?? v) : '—'),
                },
                {
                  title: t.figureResult,
                  dataIndex: 'result',
                  width: 80,
                  render: (v: string | null) => (v === 'met' ? <Tag color="green">{t.met}</Tag> : <Tag color="red">{t.breached}</Tag>),
                },
              ]
            : [
                {
                  title: t.figureOutcome,
                  key: 'outcome',
                  width: 140,
                  render: (_: unknown, r: Item) => (
                    <>
                      {r.closeReason === 'out_of_scope' && <Tag>{t.outOfScopeCount}</Tag>}
                      {r.reopenCount > 0 && <Tag color="orange">{t.reopenedCount}</Tag>}
                      {r.satisfied === true && <Tag color="green">{t.satisfiedMark}</Tag>}
                      {r.satisfied === false && <Tag color="red">{t.dissatisfiedMark}</Tag>}
                    </>
                  ),
                },
              ]),
          {
            title: clocks ? t.figureDue : figure?.report === 'complaints' ? t.figureReceived : t.figureClosed,
            dataIndex: 'at',
            width: 130,
            render: (v: string) => formatInstant(v, undefined, lang),
          },
        ]}
      />
    </Drawer>
  );
}
