import { DatePicker, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, STATUS_LABELS, label, useI18n } from '../shared/i18n';
import { useCaseList, type CaseListFilter, type CaseRow as Row } from './case-list';
import { CaseListCount, CaseTable } from './CaseTable';
import { ExportButtons } from './ExportButtons';
import { useProjects } from './queries';
import { OutcomeFlags, peopleColumns } from './queue-columns';

const DAY = 'YYYY-MM-DD';

/**
 * 工单台账 (issue 12, item 5): every case received in a period (local dates, both included), narrowed
 * to a project, types and statuses; the same paged list as the queues, and the whole of it as .xlsx or
 * CSV from the server (masked as the user's role sees it, the export logged).
 */
export function Ledger() {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const [projectId, setProjectId] = useState<string | undefined>();
  const [types, setTypes] = useState<Row['type'][]>([]);
  const [statuses, setStatuses] = useState<Row['status'][]>([]);
  const projects = useProjects().data ?? [];
  const zones = useMemo(() => Object.fromEntries(projects.map((p) => [p.id, p.timeZone])), [projects]);
  const projectNames = useMemo(() => Object.fromEntries(projects.map((p) => [p.id, p.name])), [projects]);
  const filter: CaseListFilter = {
    createdFrom: range[0].format(DAY),
    createdTo: range[1].format(DAY),
    ...(projectId ? { projectId } : {}),
    ...(types.length ? { type: types } : {}),
    ...(statuses.length ? { status: statuses } : {}),
  };
  const list = useCaseList(filter);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const columns = useMemo(
    () => [
      { title: t.number, dataIndex: 'number', width: 170 },
      { title: t.project, dataIndex: 'projectId', width: 110, ellipsis: true, render: (v: string) => projectNames[v] ?? '—' },
      { title: t.type, dataIndex: 'type', width: 64, render: (v: string) => <Tag>{label(CASE_TYPE_LABELS, v, lang)}</Tag> },
      { title: t.status, dataIndex: 'status', width: 104, render: (v: string) => label(STATUS_LABELS, v, lang) },
      {
        title: t.title,
        dataIndex: 'title',
        ellipsis: true,
        render: (v: string, r: Row) => (
          <>
            <OutcomeFlags satisfied={r.satisfied} reopenCount={r.reopenCount} lang={lang} />
            {v}
          </>
        ),
      },
      { title: t.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string, r: Row) => formatInstant(v, zones[r.projectId], lang) },
      ...peopleColumns(lang, zones, now),
    ],
    [t, lang, zones, projectNames, now],
  );
  return (
    <div style={{ background: '#fff', padding: 16, borderRadius: 8 }} data-testid="ledger">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t.caseLedger}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t.ledgerHint}
      </Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <Typography.Text>{t.receivedBetween}</Typography.Text>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="ledger-range" />
        <Select
          allowClear
          placeholder={t.allProjects}
          style={{ minWidth: 160 }}
          value={projectId}
          onChange={(v?: string) => setProjectId(v)}
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
          data-testid="ledger-project"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t.type}
          style={{ minWidth: 140 }}
          value={types}
          onChange={(v: Row['type'][]) => setTypes(v)}
          options={Object.keys(CASE_TYPE_LABELS).map((k) => ({ value: k, label: label(CASE_TYPE_LABELS, k, lang) }))}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t.status}
          style={{ minWidth: 160 }}
          value={statuses}
          onChange={(v: Row['status'][]) => setStatuses(v)}
          options={Object.keys(STATUS_LABELS).map((k) => ({ value: k, label: label(STATUS_LABELS, k, lang) }))}
        />
        <CaseListCount list={list} />
        <ExportButtons route="GET /api/exports/cases" query={filter} testId="export-ledger" />
      </div>
      <CaseTable<Row> list={list} columns={columns} height={560} width={1300} testId="ledger-table" />
    </div>
  );
}
