import { INSPECTION_STATUS_LABELS } from '@guanjia/vocabulary';
import { Alert, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApiError } from '../../shared/api';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { AuditForm } from './AuditForm';
import { AuditSample } from './AuditSample';
import { it, word } from './inspection-text';
import { STATUS_COLOURS, useCheck, useChecks, type CheckRow } from './checks-queries';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useStaffNames, useZones } from './queries';

/**
 * 沟通工作检查 (issue 15 item 1; seed 002 七: the supervising department's audits of communication work):
 * the audits of a project (or every project in scope) — title, project, inspector, status, begun, score —;
 * 新建抽查 (inspection.audit) draws a sample of the period's cases and opens it; a row's 查看抽样 shows the
 * sample and the period's figures kept when the audit began, with 评分并写报告 on the check's page.
 */
export function CommunicationAudits({ me }: { me: Me }) {
  const { lang } = useI18n();
  const [projectId, setProjectId] = useInspectionProject();
  const list = useChecks({ kind: 'communication_audit', ...(projectId ? { projectId } : {}) });
  const names = useStaffNames(projectId || undefined);
  const zone = useZones();
  const projects = useProjects().data;
  const projectName = useMemo(() => new Map((projects ?? []).map((p) => [p.id, p.name])), [projects]);
  const mayAudit = me.capabilities.includes('inspection.audit');
  const [starting, setStarting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const rows = (list.data?.items ?? []).filter((c) => !projectId || c.projectId === projectId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="communication-audits">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('commAudits', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} allowAll />
        {mayAudit && (
          <Button type="primary" onClick={() => setStarting(true)} data-testid="audit-new">
            {it('newAudit', lang)}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon message={(list.error as ApiError).message} />}
      <Table<CheckRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: it('noAudits', lang) }}
        onRow={(c) => ({ 'data-audit': c.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: it('title', lang), dataIndex: 'title' },
          ...(projectId ? [] : [{ title: it('project', lang), render: (_: unknown, c: CheckRow) => projectName.get(c.projectId) ?? '—' }]),
          { title: it('inspector', lang), render: (_, c) => (c.inspectorId ? (names.get(c.inspectorId) ?? '—') : '—') },
          {
            title: it('status', lang),
            render: (_, c) => (
              <Tag color={STATUS_COLOURS[c.status]} data-testid="audit-status">
                {word(INSPECTION_STATUS_LABELS, c.status, lang)}
              </Tag>
            ),
          },
          { title: it('startedAt', lang), render: (_, c) => formatShort(c.startedAt, zone(c.projectId), lang) },
          { title: it('score', lang), render: (_, c) => (c.percent === null ? '—' : `${c.percent.toFixed(1)}%`), align: 'right' },
          {
            title: it('actions', lang),
            render: (_, c) => (
              <Space size={12}>
                <a onClick={() => setOpen(c.id)} data-testid="audit-view">
                  {it('viewSample', lang)}
                </a>
                <CheckPageLink id={c.id} submitted={c.status === 'submitted'} />
              </Space>
            ),
          },
        ]}
      />
      {starting && <AuditForm projectId={projectId} onClose={() => setStarting(false)} onStarted={(c) => setOpen(c.id)} />}
      {open && <AuditDrawer id={open} timeZone={zone} onClose={() => setOpen(null)} />}
    </Space>
  );
}

/** The check's page, where the audit is scored and its report written (or read, once submitted). */
function CheckPageLink({ id, submitted }: { id: string; submitted: boolean }) {
  const { lang } = useI18n();
  const path = `/inspections/${encodeURIComponent(id)}`;
  return (
    <a
      href={path}
      onClick={(e) => {
        e.preventDefault();
        navigate(path);
      }}
      data-testid="audit-check-link"
    >
      {it(submitted ? 'openCheck' : 'scoreAndReport', lang)}
    </a>
  );
}

/** An audit's sample and figures (GET /api/inspections/:id), with the link to score it. */
function AuditDrawer({ id, timeZone, onClose }: { id: string; timeZone: (projectId: string) => string; onClose: () => void }) {
  const { lang } = useI18n();
  const check = useCheck(id);
  const c = check.data;
  return (
    <Drawer open onClose={onClose} title={c?.title ?? it('auditSample', lang)} width={Math.min(760, window.innerWidth)} data-testid="audit-drawer">
      {check.error && <Alert type="error" showIcon message={(check.error as ApiError).message} />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={STATUS_COLOURS[c.status]}>{word(INSPECTION_STATUS_LABELS, c.status, lang)}</Tag>
            <CheckPageLink id={c.id} submitted={c.status === 'submitted'} />
          </Space>
          {c.sample ? <AuditSample sample={c.sample} timeZone={timeZone(c.projectId)} /> : <Alert type="info" message={it('noSample', lang)} />}
        </Space>
      )}
    </Drawer>
  );
}
