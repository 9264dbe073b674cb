import { DEFECT_STATUSES } from '@guanjia/vocabulary';
import { Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate, useRoute } from '../router';
import { DefectDrawer } from './DefectDrawer';
import {
  CLOCK_COLOURS,
  DEFECT_CLOCK_LABELS,
  DEFECT_SOURCE_LABELS,
  defectStatusText,
  it,
  SEVERITY_COLOURS,
  severityText,
  specialtyText,
  word,
} from './inspection-text';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useDefects, useStaffNames, useZones, type Defect } from './queries';

const READERS = ['inspection.read', 'inspection.admin', 'inspection.audit', 'defect.manage', 'inspection.check'];

/**
 * 不合格项: the defects of the projects in scope (or only those I answer for — all an inspector who only
 * patrols may see), by project and status — severity, specialty, responsible person, the deadline and
 * its clock (期限内 green, 即将到期 orange, 已超期 red; closed on time or late), where it came from. A row
 * opens the defect's drawer (?id= in the address, so a notification's link lands on it).
 */
export function Defects({ me }: { me: Me }) {
  const { lang } = useI18n();
  const route = useRoute();
  const reader = READERS.some((c) => me.capabilities.includes(c));
  const [projectId, setProjectId] = useInspectionProject();
  const [status, setStatus] = useState<Defect['status'] | ''>('');
  const [mineChosen, setMine] = useState(false);
  const [dailySheet, setDailySheet] = useState(false);
  const mine = mineChosen || !reader;
  const list = useDefects({
    ...(projectId && !mine ? { projectId } : {}),
    ...(status ? { status } : {}),
    ...(mine ? { mine: 'true' } : {}),
    ...(dailySheet ? { dailySheet: 'true' } : {}),
  });
  const names = useStaffNames(projectId || undefined);
  const zone = useZones();
  const open = route.query.get('id');
  const rows = (list.data?.items ?? []).filter((d) => !projectId || d.projectId === projectId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="defects">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('defects', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} allowAll />
        <Select
          style={{ minWidth: 120 }}
          value={status}
          onChange={setStatus}
          data-testid="defect-status-filter"
          options={[{ value: '', label: it('allStatuses', lang) }, ...DEFECT_STATUSES.map((s) => ({ value: s, label: defectStatusText(s, lang) }))]}
        />
        {reader && (
          <Checkbox checked={mineChosen} onChange={(e) => setMine(e.target.checked)} data-testid="defect-mine">
            {it('mineOnly', lang)}
          </Checkbox>
        )}
        <Checkbox checked={dailySheet} onChange={(e) => setDailySheet(e.target.checked)} data-testid="defect-daily-sheet">
          {it('dailySheetOnly', lang)}
        </Checkbox>
      </Space>
      <Table<Defect>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(d) =>
          ({ 'data-defect': d.description, onClick: () => navigate(`/defects?id=${d.id}`), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: it('description', lang),
            render: (_, d) => <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>{d.description}</span>,
          },
          { title: it('specialty', lang), render: (_, d) => specialtyText(d.specialty, lang) },
          { title: it('severity', lang), render: (_, d) => <Tag color={SEVERITY_COLOURS[d.severity]}>{severityText(d.severity, lang)}</Tag> },
          { title: it('responsible', lang), render: (_, d) => (d.responsibleId ? (names.get(d.responsibleId) ?? '—') : '—') },
          {
            title: it('deadline', lang),
            render: (_, d) => (
              <Space size={4} data-testid="defect-clock">
                <span>{formatShort(d.deadline, zone(d.projectId), lang)}</span>
                <Tag color={CLOCK_COLOURS[d.clock]} data-clock={d.clock}>
                  {word(DEFECT_CLOCK_LABELS, d.clock, lang)}
                </Tag>
              </Space>
            ),
          },
          { title: it('status', lang), render: (_, d) => <span data-testid="defect-status">{defectStatusText(d.status, lang)}</span> },
          { title: it('source', lang), render: (_, d) => word(DEFECT_SOURCE_LABELS, d.sourceType, lang) },
          { title: it('foundAt', lang), render: (_, d) => formatShort(d.foundAt, zone(d.projectId), lang) },
        ]}
      />
      {open && <DefectDrawer id={open} me={me} onClose={() => navigate('/defects')} />}
    </Space>
  );
}
