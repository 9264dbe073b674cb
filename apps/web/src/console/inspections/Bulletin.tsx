import { INSPECTION_KIND_LABELS, INSPECTION_KINDS } from '@guanjia/vocabulary';
import { Alert, Button, DatePicker, Empty, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { ExportButtons } from '../ExportButtons';
import { useRoute } from '../router';
import { it, specialtyText, word } from './inspection-text';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useBulletin, type Bulletin as BulletinData } from './queries';

type Line = BulletinData['projects'][number]['lines'][number];

/** In print only the bulletin shows (the console's header, the pickers and buttons are not printed). */
const PRINT_CSS = `
@media print {
  body * { visibility: hidden; }
  .gj-bulletin, .gj-bulletin * { visibility: visible; }
  .gj-bulletin { position: absolute; left: 0; top: 0; width: 100%; }
  .gj-bulletin .gj-no-print { display: none !important; }
  .gj-bulletin .ant-table { font-size: 11px; }
  .gj-bulletin section { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
`;

const percent = (v: number | null, digits = 1) => (v === null ? '—' : `${v.toFixed(digits)}%`);

/**
 * 月检通报 (issue 15 item 3): a month's bulletin per project and specialty — checks and their score,
 * defects found that month (serious, caused by staff), closed on time or late, still open, overdue,
 * verified — and the patrol line (point checks by grade, punctuality). 导出 Excel / CSV through the
 * export route (logged), 打印 prints the bulletin alone.
 */
export function Bulletin() {
  const { lang } = useI18n();
  // ?month=2026-11 opens that month (a link from elsewhere); else this month
  const asked = useRoute().query.get('month');
  const [month, setMonth] = useState<Dayjs>(() => (asked && /^\d{4}-\d{2}$/.test(asked) ? dayjs(`${asked}-01`) : dayjs()));
  const [projectId, setProjectId] = useInspectionProject();
  const key = month.format('YYYY-MM');
  const bulletin = useBulletin(key, projectId);
  const projects = bulletin.data?.projects ?? [];
  return (
    <div className="gj-bulletin" data-testid="bulletin">
      <style>{PRINT_CSS}</style>
      <Space wrap className="gj-no-print" style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('bulletin', lang)}
        </Typography.Title>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} data-testid="bulletin-month" />
        <ProjectSelect value={projectId} onChange={setProjectId} allowAll />
        <ExportButtons route="GET /api/inspection-bulletin/export" query={{ month: key, ...(projectId ? { projectId } : {}) }} testId="bulletin-export" />
        <Button size="small" onClick={() => window.print()} data-testid="bulletin-print">
          {it('print', lang)}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {it('bulletinTitle', lang, { month: key })}
      </Typography.Title>
      {bulletin.error && <Alert type="error" showIcon message={(bulletin.error as ApiError).message} />}
      {bulletin.isSuccess && projects.length === 0 && <Empty description={it('noLines', lang)} />}
      {projects.map((p) => (
        <section key={p.projectId} data-project={p.projectName} data-testid="bulletin-project" style={{ marginBottom: 24 }}>
          <Typography.Title level={5}>{p.projectName}</Typography.Title>
          <Table<Line>
            rowKey="specialty"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.lines}
            locale={{ emptyText: it('noLines', lang) }}
            onRow={(l) => ({ 'data-specialty': l.specialty }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: it('specialty', lang), render: (_, l) => specialtyText(l.specialty, lang) },
              { title: it('checks', lang), dataIndex: 'checks', align: 'right' },
              { title: it('score', lang), render: (_, l) => percent(l.percent), align: 'right' },
              { title: it('defectCount', lang), dataIndex: 'defects', align: 'right' },
              { title: it('serious', lang), dataIndex: 'serious', align: 'right' },
              { title: it('staffCaused', lang), dataIndex: 'causedByStaff', align: 'right' },
              { title: it('closedOnTime', lang), dataIndex: 'closedOnTime', align: 'right' },
              { title: it('closedLate', lang), dataIndex: 'closedLate', align: 'right' },
              { title: it('stillOpen', lang), dataIndex: 'open', align: 'right' },
              { title: it('overdue', lang), dataIndex: 'overdue', align: 'right' },
              { title: it('verifiedCount', lang), dataIndex: 'verified', align: 'right' },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 8 }} data-testid="bulletin-patrol">
            {it('patrolLine', lang, {
              checks: p.patrol.checks,
              early: p.patrol.early,
              onTime: p.patrol.onTime,
              late: p.patrol.late,
              missed: p.patrol.missed,
              p: p.patrol.punctuality === null ? '—' : percent(p.patrol.punctuality * 100),
            })}
          </Typography.Paragraph>
          <ByKind counts={p.byKind} />
        </section>
      ))}
    </div>
  );
}

/** The month's submitted checks by kind (日检, 夜间查岗, 月检, 季检, 沟通工作检查), in the vocabulary's order; nothing when none. */
function ByKind({ counts }: { counts: Record<string, number> }) {
  const { lang } = useI18n();
  const rows = INSPECTION_KINDS.filter((k) => counts[k]).map((kind) => ({ kind, count: counts[kind]! }));
  if (!rows.length) return null;
  return (
    <Table
      rowKey="kind"
      size="small"
      pagination={false}
      style={{ maxWidth: 420 }}
      dataSource={rows}
      title={() => it('byKind', lang)}
      onRow={(r) => ({ 'data-kind': r.kind }) as React.HTMLAttributes<HTMLElement>}
      data-testid="bulletin-by-kind"
      columns={[
        { title: it('checkKind', lang), render: (_, r) => word(INSPECTION_KIND_LABELS, r.kind, lang) },
        { title: it('count', lang), dataIndex: 'count', align: 'right' },
      ]}
    />
  );
}
