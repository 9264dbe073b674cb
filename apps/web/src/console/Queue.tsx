import { Button, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { get } from '../shared/api';
import { countdown, formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, STATUS_LABELS, label, useI18n } from '../shared/i18n';
import { useLive } from '../shared/live';
import type { Me } from './App';
import { navigate } from './router';

type Row = { id: string; number: string; type: string; status: string; title: string; createdAt: string; nextDueAt: string | null; projectId: string };
type QueueName = 'mine' | 'department' | 'unassigned' | 'at_risk' | 'open' | 'closed';

/**
 * Queues (工单队列): mine, my department's, unassigned, about to breach, all open, closed; search in
 * Chinese; a live stream refreshes the list when a case is created or changed anywhere in scope.
 * The table is virtual, so 10,000 rows stay smooth; pages of 500 are fetched until the queue ends.
 */
export function Queue({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [queue, setQueue] = useState<QueueName>(me.roles.includes('technician') ? 'mine' : 'open');
  const [q, setQ] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(Date.now());
  const generation = useRef(0);
  const [zones, setZones] = useState<Record<string, string>>({});
  useEffect(() => {
    void get<{ id: string; timeZone: string }[]>('/api/projects').then((p) => setZones(Object.fromEntries(p.map((x) => [x.id, x.timeZone]))));
  }, []);

  /** Loads the whole queue; `progressive`: show each page as it arrives (a new view), else swap the list once complete (a refresh). */
  const load = useCallback(
    async (progressive = true) => {
      const mine = ++generation.current;
      setLoading(true);
      const all: Row[] = [];
      let cursor: string | null = null;
      try {
        do {
          const params = new URLSearchParams({ queue, limit: '500' });
          if (q) params.set('q', q);
          for (const type of types) params.append('type', type);
          if (cursor) params.set('cursor', cursor);
          const page: { items: Row[]; nextCursor: string | null } = await get(`/api/cases?${params}`);
          if (mine !== generation.current) return;
          all.push(...page.items);
          cursor = page.nextCursor;
          if (progressive) setRows([...all]);
        } while (cursor && all.length < 20_000);
        if (queue !== 'at_risk') all.sort((a, b) => ((a.nextDueAt ?? '9') < (b.nextDueAt ?? '9') ? -1 : (a.nextDueAt ?? '9') > (b.nextDueAt ?? '9') ? 1 : 0));
        setRows([...all]);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [queue, q, types],
  );

  useEffect(() => void load(), [load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  // Live changes refresh the queue, coalesced: while a refresh runs, further events only mark it
  // stale, and one more refresh follows a second after it ends (a busy desk never reloads per event).
  const refreshing = useRef(false);
  const stale = useRef(false);
  const refresh = useCallback(async (): Promise<void> => {
    if (refreshing.current) {
      stale.current = true;
      return;
    }
    refreshing.current = true;
    try {
      await load(false);
    } finally {
      refreshing.current = false;
      if (stale.current) {
        stale.current = false;
        setTimeout(() => void refresh(), 1_000);
      }
    }
  }, [load]);
  useLive(() => void refresh());

  const queues: { value: QueueName; label: string }[] = [
    { value: 'mine', label: t.mine },
    { value: 'department', label: t.department },
    { value: 'unassigned', label: t.unassigned },
    { value: 'at_risk', label: t.atRisk },
    { value: 'open', label: t.open },
    { value: 'closed', label: t.closed },
  ];
  return (
    <div style={{ background: '#fff', padding: 16, borderRadius: 8 }}>
      <Space style={{ marginBottom: 12, flexWrap: 'wrap' }}>
        <Segmented options={queues} value={queue} onChange={(v) => setQueue(v as QueueName)} data-testid="queues" />
        <Select
          mode="multiple"
          allowClear
          placeholder={t.type}
          style={{ minWidth: 160 }}
          value={types}
          onChange={setTypes}
          data-testid="type-filter"
          options={Object.keys(CASE_TYPE_LABELS).map((k) => ({ value: k, label: label(CASE_TYPE_LABELS, k, lang) }))}
        />
        <Input.Search placeholder={t.search} allowClear onSearch={setQ} style={{ width: 280 }} data-testid="search" />
        <Button onClick={() => void load()} loading={loading}>
          {t.refresh}
        </Button>
        <Typography.Text type="secondary" data-testid="row-count">
          {rows.length} {t.rows}
        </Typography.Text>
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        virtual
        scroll={{ y: 600, x: 900 }}
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ onClick: () => navigate(`/cases/${r.id}`), style: { cursor: 'pointer' }, 'data-number': r.number }) as never}
        columns={[
          { title: t.number, dataIndex: 'number', width: 190 },
          { title: t.type, dataIndex: 'type', width: 80, render: (v: string) => <Tag>{label(CASE_TYPE_LABELS, v, lang)}</Tag> },
          { title: t.status, dataIndex: 'status', width: 120, render: (v: string) => label(STATUS_LABELS, v, lang) },
          { title: t.title, dataIndex: 'title', ellipsis: true },
          { title: t.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string, r: Row) => formatInstant(v, zones[r.projectId], lang) },
          {
            title: t.due,
            dataIndex: 'nextDueAt',
            width: 170,
            render: (v: string | null) => {
              const c = countdown(v, now, lang);
              return c ? <Tag color={c.overdue ? 'red' : Date.parse(v!) - now < 30 * 60_000 ? 'orange' : 'green'}>{c.text}</Tag> : '—';
            },
          },
        ]}
      />
    </div>
  );
}
