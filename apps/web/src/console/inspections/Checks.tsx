import { INSPECTION_KINDS, INSPECTION_STATUSES } from '@guanjia/vocabulary';
import { Button, Checkbox, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate, useRoute } from '../router';
import { STATUS_COLOURS, useChecks, type CheckRow, type InspectionKind } from './checks-queries';
import { checkKindText, checkStatusText, it } from './inspection-text';
import { NewCheckDialog } from './NewCheckDialog';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useStaffNames, useZones } from './queries';

/** The filters `?kind=&month=` ask for (a kind or month not known is no filter). */
const askedKind = (q: URLSearchParams): InspectionKind | '' => INSPECTION_KINDS.find((k) => k === q.get('kind')) ?? '';
const askedMonth = (q: URLSearchParams): Dayjs | null => (/^\d{4}-\d{2}$/.test(q.get('month') ?? '') ? dayjs(`${q.get('month')}-01`) : null);

/**
 * 检查: the scored checks of the projects in scope, the latest first — by project, kind, status, month
 * (begun in it, or scheduled in it) and 我的 (those I make): title, kind, status, inspector, who was
 * inspected, begun or scheduled, submitted, score and failed items; `?kind=&projectId=&month=` sets the
 * filters (应检情况's links). A row opens the check's page;
 * 新建检查 (inspection.check or inspection.audit) begins one.
 */
export function Checks({ me }: { me: Me }) {
  const { lang } = useI18n();
  const route = useRoute();
  const [projectId, setProjectId] = useInspectionProject();
  const [kind, setKind] = useState<InspectionKind | ''>(() => askedKind(route.query));
  const [status, setStatus] = useState<CheckRow['status'] | ''>('');
  const [month, setMonth] = useState<Dayjs | null>(() => askedMonth(route.query));
  // `?kind=&projectId=&month=` (应检情况's cells) sets the filters, taken once each time the address changes
  const asked = route.query.toString();
  useEffect(() => {
    const project = route.query.get('projectId');
    if (project) setProjectId(project);
    if (route.query.has('kind')) setKind(askedKind(route.query));
    if (route.query.has('month')) setMonth(askedMonth(route.query));
  }, [asked]);
  const [mine, setMine] = useState(false);
  const [starting, setStarting] = useState(false);
  const list = useChecks({
    ...(projectId ? { projectId } : {}),
    ...(kind ? { kind } : {}),
    ...(status ? { status } : {}),
    ...(month ? { month: month.format('YYYY-MM') } : {}),
    ...(mine ? { mine: 'true' } : {}),
  });
  const names = useStaffNames(projectId || undefined);
  const zone = useZones();
  const inspector = me.capabilities.includes('inspection.check') || me.capabilities.includes('inspection.audit');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="checks">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('checksMenu', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} allowAll />
        <Select
          style={{ minWidth: 160 }}
          value={kind}
          onChange={setKind}
          data-testid="checks-kind"
          options={[{ value: '', label: it('allKinds', lang) }, ...INSPECTION_KINDS.map((k) => ({ value: k, label: checkKindText(k, lang) }))]}
        />
        <Select
          style={{ minWidth: 110 }}
          value={status}
          onChange={setStatus}
          data-testid="checks-status"
          options={[{ value: '', label: it('allStatuses', lang) }, ...INSPECTION_STATUSES.map((s) => ({ value: s, label: checkStatusText(s, lang) }))]}
        />
        <DatePicker picker="month" value={month} onChange={setMonth} placeholder={it('allMonths', lang)} data-testid="checks-month" />
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="checks-mine">
          {it('mineChecks', lang)}
        </Checkbox>
        {inspector && (
          <Button type="primary" onClick={() => setStarting(true)} data-testid="check-new">
            {it('newCheck', lang)}
          </Button>
        )}
      </Space>
      <Table<CheckRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: it('noChecks', lang) }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(c) =>
          ({ 'data-check': c.title, onClick: () => navigate(`/inspections/${c.id}`), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: it('title', lang), render: (_, c) => <span style={{ display: 'inline-block', maxWidth: 280, whiteSpace: 'normal' }}>{c.title}</span> },
          { title: it('kind', lang), render: (_, c) => checkKindText(c.kind, lang) },
          {
            title: it('status', lang),
            render: (_, c) => (
              <Tag color={STATUS_COLOURS[c.status]} data-testid="check-status">
                {checkStatusText(c.status, lang)}
              </Tag>
            ),
          },
          { title: it('checkBy', lang), render: (_, c) => (c.inspectorId ? (names.get(c.inspectorId) ?? '—') : '—') },
          { title: it('inspected', lang), render: (_, c) => c.inspectedName ?? '—' },
          {
            title: it('begunAt', lang),
            render: (_, c) =>
              c.startedAt ? formatShort(c.startedAt, zone(c.projectId), lang) : c.scheduledOn ? `${it('scheduledFor', lang)} ${c.scheduledOn}` : '—',
          },
          { title: it('submittedAt', lang), render: (_, c) => (c.submittedAt ? formatShort(c.submittedAt, zone(c.projectId), lang) : '—') },
          { title: it('score', lang), render: (_, c) => <span data-testid="check-percent">{c.percent === null ? '—' : `${c.percent.toFixed(1)}%`}</span> },
          { title: it('defectCount', lang), render: (_, c) => c.failed || '—' },
        ]}
      />
      {starting && <NewCheckDialog me={me} projectId={projectId} onClose={() => setStarting(false)} />}
    </Space>
  );
}
