import { Button, Input, Segmented, Select, Tag, Typography } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatInstant } from '../shared/format';
import { Highlight } from '../shared/Highlight';
import { excerpt, matchRanges } from '../shared/highlight';
import { CASE_TYPE_LABELS, STATUS_LABELS, label, rt, useI18n } from '../shared/i18n';
import type { Me } from './App';
import { useCaseList, type CaseListFilter, type CaseRow as Row } from './case-list';
import { CaseListCount, CaseTable } from './CaseTable';
import { ExportButtons } from './ExportButtons';
import { useProjects, type QueueName } from './queries';
import { OutcomeFlags, peopleColumns } from './queue-columns';
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
 * Chinese, the query's words marked in the results. The list is the shared paged one (case-list.ts,
 * CaseTable.tsx): the first page, then the next as the user scrolls — never the whole queue —, in the
 * server's order (newest first; 即将超时 and 待回访 the most urgent first). The tab's live stream reloads
 * the first page after a burst of changes (queries.ts).
 */
export function Queue({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [queue, setQueue] = useState<QueueName>(me.roles.includes('technician') ? 'mine' : 'open');
  const [q, setQ] = useState('');
  const [types, setTypes] = useState<Row['type'][]>([]);
  const [now, setNow] = useState(Date.now());
  const filter: CaseListFilter = { queue, ...(q ? { q } : {}), ...(types.length ? { type: types } : {}) };
  const list = useCaseList(filter);
  const zones = Object.fromEntries((useProjects().data ?? []).map((x) => [x.id, x.timeZone]));
  const tableBox = useRef<HTMLDivElement>(null);
  const height = useFillHeight(tableBox);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const columns = useMemo(
    () => [
      { title: t.number, dataIndex: 'number', width: 170, render: (v: string) => <Highlight text={v} query={q} /> },
      { title: t.type, dataIndex: 'type', width: 64, render: (v: string) => <Tag>{label(CASE_TYPE_LABELS, v, lang)}</Tag> },
      { title: t.status, dataIndex: 'status', width: 104, render: (v: string) => label(STATUS_LABELS, v, lang) },
      {
        title: t.title,
        dataIndex: 'title',
        ellipsis: true,
        render: (_: string, r: Row) => (
          <>
            <OutcomeFlags satisfied={r.satisfied} reopenCount={r.reopenCount} lang={lang} />
            <ResultTitle row={r} q={q} />
          </>
        ),
      },
      {
        title: t.createdAt,
        dataIndex: 'createdAt',
        width: 150,
        responsive: ['xxl' as const],
        render: (v: string, r: Row) => formatInstant(v, zones[r.projectId], lang),
      },
      ...peopleColumns(lang, zones, now),
    ],
    [t, lang, q, zones, now],
  );

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
        <Input.Search placeholder={t.search} allowClear onSearch={(v) => setQ(v.trim())} style={{ width: 280, maxWidth: '100%' }} data-testid="search" />
        <Button onClick={list.refresh} loading={list.fetching && !list.loading}>
          {t.refresh}
        </Button>
        <CaseListCount list={list} />
        <ExportButtons route="GET /api/exports/cases" query={filter} testId="export-queue" />
      </div>
      <div ref={tableBox} />
      <CaseTable<Row> list={list} columns={columns} height={height} width={1200} testId="queue-table" />
    </div>
  );
}

/**
 * A row's title with the search's words marked; when they are not in the title but in the description,
 * the description's excerpt around them follows (marked too).
 */
function ResultTitle({ row, q }: { row: Row; q: string }) {
  // the server's snippet (decision 0014) says where the words matched: the description, a reply, a note, the unit or the phone
  const snippet = row.searchSnippet && row.searchSnippet.field !== 'title' && row.searchSnippet.field !== 'number' ? row.searchSnippet : null;
  const inTitle = q ? matchRanges(row.title, q).length > 0 : true;
  const context = snippet ?? (inTitle ? null : excerpt(row.description, matchRanges(row.description, q)));
  if (!context) return <Highlight text={row.title} query={q} />;
  return (
    <span data-result-title>
      <Highlight text={row.title} query={q} />
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }} data-result-excerpt>
        <Highlight text={context.text} ranges={context.ranges} />
      </Typography.Text>
    </span>
  );
}
