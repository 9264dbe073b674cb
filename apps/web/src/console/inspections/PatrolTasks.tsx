import { DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { navigate, useRoute } from '../router';
import { hm } from './clock';
import { ACCEPTANCE_LABELS, it, PLAN_KIND_LABELS, taskStatusText, word } from './inspection-text';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { usePlans, useProjectTasks, useProjectZone, useStaffNames, type PatrolTaskRow } from './queries';

const STATUS_COLOURS: Record<string, string> = { open: 'blue', done: 'green', incomplete: 'orange', overdue: 'red' };
const STATUSES = ['open', 'done', 'incomplete', 'overdue'] as const;

/**
 * 巡检任务 (inspection readers): a project's patrol and maintenance tasks of a day (?date=YYYY-MM-DD opens
 * that day) — plan, round, inspector, status, progress, abnormal findings, acceptance. A row opens the
 * task's page: each point's window, grade, result and photos, and a finished maintenance task's 验收.
 */
export function PatrolTasks() {
  const { lang } = useI18n();
  const asked = useRoute().query.get('date');
  const [projectId, setProjectId] = useInspectionProject();
  const [day, setDay] = useState<Dayjs>(() => (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? dayjs(asked) : dayjs()));
  const [status, setStatus] = useState<PatrolTaskRow['status'] | ''>('');
  const tasks = useProjectTasks(projectId, day.format('YYYY-MM-DD'));
  const plans = usePlans(projectId).data?.items;
  const planNames = useMemo(() => new Map((plans ?? []).map((p) => [p.id, p.name])), [plans]);
  const names = useStaffNames(projectId);
  const zone = useProjectZone(projectId);
  const rows = (tasks.data?.items ?? []).filter((t) => !status || t.status === status);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="patrol-tasks">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('tasks', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} data-testid="patrol-tasks-date" />
        <Select
          style={{ minWidth: 120 }}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: it('allTaskStatuses', lang) }, ...STATUSES.map((s) => ({ value: s, label: taskStatusText(s, lang) }))]}
        />
      </Space>
      <Table<PatrolTaskRow>
        rowKey="id"
        size="small"
        loading={tasks.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(t) =>
          ({
            'data-task': `${t.date} ${t.round}`,
            onClick: () => navigate(`/patrol/${t.id}`),
            style: { cursor: 'pointer' },
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: it('planName', lang), render: (_, t) => planNames.get(t.planId) ?? '—' },
          { title: it('kind', lang), render: (_, t) => word(PLAN_KIND_LABELS, t.kind, lang) },
          { title: it('roundsShort', lang), render: (_, t) => `${t.round}（${hm(t.startsAt, zone)}–${hm(t.endsAt, zone)}）` },
          { title: it('assignee', lang), render: (_, t) => (t.assigneeId ? (names.get(t.assigneeId) ?? '—') : '—') },
          {
            title: it('status', lang),
            render: (_, t) => (
              <Tag color={STATUS_COLOURS[t.status]} data-testid="patrol-task-status">
                {taskStatusText(t.status, lang)}
              </Tag>
            ),
          },
          { title: it('checked', lang), render: (_, t) => it('progress', lang, { checked: t.checked, points: t.points }) },
          { title: it('abnormal', lang), render: (_, t) => (t.abnormal ? <Tag color="red">{t.abnormal}</Tag> : '0') },
          { title: it('acceptance', lang), render: (_, t) => (t.acceptance ? word(ACCEPTANCE_LABELS, t.acceptance, lang) : '—') },
        ]}
      />
    </Space>
  );
}
