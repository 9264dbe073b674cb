import { Button, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, STATUS_LABELS, label, rt, useI18n } from '../shared/i18n';
import type { Me } from './App';
import { useProjects, useQueue, type QueueName, type QueueRow as Row } from './queries';
import { peopleColumns } from './queue-columns';
import { navigate } from './router';

/** The table's scroll height that fills the window below its header: one scrollbar, the last row reachable. */
function useFillHeight(ref: React.RefObject<HTMLElement | null>, min = 240): number {
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      // the table's own header row (~40 px) and the page's bottom padding (16 px) stay out of the scroll area
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - window.scrollY - 40 - 16 - 16)));
    };
    measure();
    // what sits above the table may change after the first paint (the demo banner, a wrapping toolbar)
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, min]);
  return height;
}

/**
 * Queues (工单队列): mine, my department's, unassigned, about to breach, all open, closed; search in
 * Chinese; the tab's live stream refreshes the list when a case is created or changed anywhere in scope
 * (queries.ts: coalesced). The table is virtual, so 10,000 rows stay smooth; pages of 500 are fetched
 * until the queue ends.
 */
export function Queue({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [queue, setQueue] = useState<QueueName>(me.roles.includes('technician') ? 'mine' : 'open');
  const [q, setQ] = useState('');
  const [types, setTypes] = useState<Row['type'][]>([]);
  const [now, setNow] = useState(Date.now());
  const list = useQueue(queue, q, types);
  const rows = list.data ?? [];
  const zones = Object.fromEntries((useProjects().data ?? []).map((x) => [x.id, x.timeZone]));
  const tableBox = useRef<HTMLDivElement>(null);
  const height = useFillHeight(tableBox);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const queues: { value: QueueName; label: string }[] = [
    { value: 'mine', label: t.mine },
    { value: 'department', label: t.department },
    { value: 'unassigned', label: t.unassigned },
    { value: 'at_risk', label: t.atRisk },
    { value: 'awaiting_my_approval', label: rt('awaitingMyApproval', lang) },
    { value: 'follow_up', label: rt('followUp', lang) },
    { value: 'open', label: t.open },
    { value: 'closed', label: t.closed },
  ];
  return (
    <div style={{ background: '#fff', padding: 16, borderRadius: 8 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        {/* on a phone the queues scroll sideways within their own strip, never the page */}
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented options={queues} value={queue} onChange={(v) => setQueue(v as QueueName)} data-testid="queues" />
        </div>
        <Select
          mode="multiple"
          allowClear
          placeholder={t.type}
          style={{ minWidth: 160 }}
          value={types}
          onChange={(v: Row['type'][]) => setTypes(v)}
          data-testid="type-filter"
          options={Object.keys(CASE_TYPE_LABELS).map((k) => ({ value: k, label: label(CASE_TYPE_LABELS, k, lang) }))}
        />
        <Input.Search placeholder={t.search} allowClear onSearch={setQ} style={{ width: 280, maxWidth: '100%' }} data-testid="search" />
        <Button onClick={() => void list.refetch()} loading={list.isFetching}>
          {t.refresh}
        </Button>
        <Typography.Text type="secondary" data-testid="row-count">
          {rows.length} {t.rows}
        </Typography.Text>
      </div>
      <div ref={tableBox} />
      <Table<Row>
        rowKey="id"
        size="small"
        virtual
        scroll={{ y: height, x: 1200 }}
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ onClick: () => navigate(`/cases/${r.id}`), style: { cursor: 'pointer' }, 'data-number': r.number }) as never}
        columns={[
          { title: t.number, dataIndex: 'number', width: 170 },
          { title: t.type, dataIndex: 'type', width: 64, render: (v: string) => <Tag>{label(CASE_TYPE_LABELS, v, lang)}</Tag> },
          { title: t.status, dataIndex: 'status', width: 104, render: (v: string) => label(STATUS_LABELS, v, lang) },
          { title: t.title, dataIndex: 'title', ellipsis: true },
          {
            title: t.createdAt,
            dataIndex: 'createdAt',
            width: 150,
            responsive: ['xxl'],
            render: (v: string, r: Row) => formatInstant(v, zones[r.projectId], lang),
          },
          ...peopleColumns(lang, zones, now),
        ]}
      />
    </div>
  );
}
