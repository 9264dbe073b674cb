import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { it, PLAN_KIND_LABELS, repeatText, specialtyText, word } from './inspection-text';
import { PlanForm } from './PlanForm';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { inspectionKeys, usePlans, usePoints, useStaffNames, type PatrolPlan } from './queries';

/**
 * 巡检计划: a project's patrol and maintenance plans — kind, specialty, repeat, rounds, the route's points
 * in order, the inspectors in order, timing, the acceptor, whether in use and how far tasks are made.
 * Inspection administrators create and edit them; other inspection readers open them read-only.
 */
export function Plans({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [projectId, setProjectId] = useInspectionProject();
  const plans = usePlans(projectId);
  const points = usePoints(projectId).data?.items;
  const pointNames = useMemo(() => new Map((points ?? []).map((p) => [p.id, p.name])), [points]);
  const names = useStaffNames(projectId);
  const admin = me.capabilities.includes('inspection.admin');
  const [open, setOpen] = useState<{ plan: PatrolPlan | null } | null>(null);
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patrol-plans">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('plans', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        {admin && (
          <Button type="primary" onClick={() => setOpen({ plan: null })} data-testid="plan-new">
            {it('newPlan', lang)}
          </Button>
        )}
      </Space>
      <Table<PatrolPlan>
        rowKey="id"
        size="small"
        loading={plans.isLoading}
        dataSource={plans.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ 'data-plan': p.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: it('name', lang), dataIndex: 'name' },
          { title: it('planKind', lang), render: (_, p) => word(PLAN_KIND_LABELS, p.kind, lang) },
          { title: it('specialty', lang), render: (_, p) => specialtyText(p.specialty, lang) },
          { title: it('repeat', lang), render: (_, p) => repeatText(p.repeat, lang) },
          { title: it('roundsShort', lang), render: (_, p) => p.rounds.join(sep) },
          {
            title: it('routeShort', lang),
            render: (_, p) => <span style={{ whiteSpace: 'normal' }}>{p.route.map((s) => pointNames.get(s.pointId) ?? '—').join(' → ')}</span>,
          },
          { title: it('inspectorsShort', lang), render: (_, p) => p.inspectors.map((id) => names.get(id) ?? '—').join(sep) },
          { title: it('timing', lang), render: (_, p) => it('timingValue', lang, { lead: p.leadMinutes, late: p.lateMinutes, makeup: p.makeupHours }) },
          { title: it('acceptor', lang), render: (_, p) => (p.acceptorId ? (names.get(p.acceptorId) ?? '—') : '—') },
          { title: it('state', lang), render: (_, p) => (p.active ? <Tag color="green">{it('active', lang)}</Tag> : <Tag>{it('inactive', lang)}</Tag>) },
          { title: it('generatedThrough', lang), render: (_, p) => p.generatedThrough ?? '—' },
          {
            title: it('actions', lang),
            render: (_, p) => (
              <Button size="small" onClick={() => setOpen({ plan: p })} data-testid="plan-open">
                {admin ? it('edit', lang) : it('view', lang)}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <PlanForm
          projectId={projectId}
          plan={open.plan}
          readOnly={!admin}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            void message.success(it('saved', lang));
            void client.invalidateQueries({ queryKey: inspectionKeys.plans });
            void client.invalidateQueries({ queryKey: inspectionKeys.tasks });
          }}
        />
      )}
    </Space>
  );
}
