import { hashKey, useQueryClient } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef } from 'react';
import { useI18n } from '../shared/i18n';
import { refreshFromTop, registerListScreen, reloadIfWaiting, useListUpdatesWaiting, type CaseListView } from './case-list';
import { navigate } from './router';

/** Within this many pixels of the end (at least a screen's height) the next page is fetched. */
const NEAR_END_PX = 600;
/** Closer than this to the top counts as "at the top": a live refresh may replace the list there. */
const AT_TOP_PX = 40;

const holderOf = (box: HTMLElement | null) =>
  box?.querySelector<HTMLElement>('.ant-table-tbody-virtual-holder') ?? box?.querySelector<HTMLElement>('.ant-table-body') ?? null;

/**
 * The console's one table of cases (queues, search results, the owner archive's cases): virtual — only
 * the rows on screen are in the page —, the next keyset page fetched when the user scrolls near the
 * end (or when the loaded rows do not fill the screen), each row opening its case.
 */
export function CaseTable<R extends { id: string; number: string }>({
  list,
  columns,
  height,
  width,
  testId,
}: {
  list: CaseListView<R>;
  columns: ColumnsType<R>;
  height: number;
  width?: number;
  testId?: string;
}) {
  const client = useQueryClient();
  const box = useRef<HTMLDivElement>(null);
  const { queryKey, rows, hasMore, fetching, loadMore } = list;
  const keyHash = queryKey ? hashKey(queryKey) : null;
  const check = useCallback(
    (el: HTMLElement | null) => {
      if (!hasMore || fetching) return;
      // no rows yet (a page may be empty: 待我审批 filters its pages) or the end within reach
      if (!el || el.scrollHeight - el.scrollTop - el.clientHeight < Math.max(NEAR_END_PX, el.clientHeight)) loadMore();
    },
    [hasMore, fetching, loadMore],
  );
  // after each page: if the rows do not fill the screen yet, the next page follows
  useEffect(() => check(holderOf(box.current)), [rows.length, check]);
  // the scroll area's own events (no `loading` on the Table: with it the virtual body's scroll range ended 14 px short)
  const hasRows = rows.length > 0;
  useEffect(() => {
    const el = holderOf(box.current);
    if (!el) return;
    const onScroll = () => {
      check(el);
      if (queryKey && el.scrollTop < AT_TOP_PX) reloadIfWaiting(client, queryKey);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [hasRows, check, client, keyHash]);
  useEffect(() => {
    if (!queryKey) return;
    return registerListScreen(queryKey, {
      atTop: () => (holderOf(box.current)?.scrollTop ?? 0) < AT_TOP_PX,
      scrollToTop: () => holderOf(box.current)?.scrollTo({ top: 0 }),
    });
  }, [keyHash]); // the key is a new array each render: its hash says when it changed
  return (
    <div ref={box} data-testid={testId}>
      <Table<R>
        rowKey="id"
        size="small"
        virtual
        scroll={{ y: height, x: width ?? 'max-content' }}
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ onClick: () => navigate(`/cases/${r.id}`), style: { cursor: 'pointer' }, 'data-number': r.number }) as never}
        columns={columns}
      />
    </div>
  );
}

/**
 * How much of a list is here: 共 n 条 when the total is known, otherwise 已加载 n 条 and 更多 while
 * the server has more; 有更新 when the live stream changed the list while the user read further down.
 */
export function CaseListCount<R>({ list }: { list: CaseListView<R> }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const updates = useListUpdatesWaiting(list.queryKey);
  const known = list.total !== undefined && !list.total.more && !list.hasMore;
  const totalText = list.total ? `${list.total.count}${list.total.more ? '+' : ''}` : '';
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary" data-loaded={list.rows.length} data-total={totalText}>
        {list.total !== undefined && !known ? `${t.totalCount.replace('{n}', totalText)} · ` : ''}
        {known ? t.total : t.loaded} <span data-testid="row-count">{`${known ? totalText : list.rows.length} ${t.rows}`}</span>
      </Typography.Text>
      {list.hasMore && (
        <Button type="link" size="small" style={{ paddingInline: 2 }} onClick={list.loadMore} loading={list.fetching} data-testid="load-more">
          {t.more}
        </Button>
      )}
      {updates && list.queryKey && (
        <Button size="small" type="primary" ghost onClick={() => void refreshFromTop(client, list.queryKey!)} data-testid="list-updates">
          {t.listUpdated}
        </Button>
      )}
    </Space>
  );
}
