import { Card, Empty, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { hm, monthDay } from './clock';
import { ACCEPTANCE_LABELS, it, PLAN_KIND_LABELS, taskStatusText, word } from './inspection-text';
import { useMyTasks, useProjectZone, type PatrolTaskRow } from './queries';

const STATUS_COLOURS: Record<string, string> = { open: 'blue', done: 'green', incomplete: 'orange', overdue: 'red' };
const ENDED_SHOWN = 10;

/**
 * 我的巡检 (inspection.patrol), made for a phone at 390×844: the inspector's tasks already due to be seen
 * — those still open first, each with its date and round, kind, time span and progress (已检 n/m, 异常
 * n) — then today's ended ones. A card opens the task's page.
 */
export function MyPatrol() {
  const { lang } = useI18n();
  // today on this phone's clock (the project's, where it is walked)
  const { open: openTasks, ofDay } = useMyTasks(dayjs().format('YYYY-MM-DD'));
  const open = [...(openTasks.data?.items ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const ended = (ofDay.data?.items ?? [])
    .filter((t) => t.status !== 'open')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .slice(0, ENDED_SHOWN);
  const loaded = openTasks.isSuccess && ofDay.isSuccess;
  return (
    <div data-testid="my-patrol" style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {it('myPatrol', lang)}
      </Typography.Title>
      {loaded && open.length + ended.length === 0 && <Empty description={it('noTasks', lang)} />}
      {open.length > 0 && <Typography.Text type="secondary">{it('openTasks', lang)}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%', margin: '4px 0 16px' }} size={8}>
        {open.map((t) => (
          <TaskCard key={t.id} task={t} />
        ))}
      </Space>
      {ended.length > 0 && <Typography.Text type="secondary">{it('endedTasks', lang)}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%', marginTop: 4 }} size={8}>
        {ended.map((t) => (
          <TaskCard key={t.id} task={t} />
        ))}
      </Space>
    </div>
  );
}

function TaskCard({ task }: { task: PatrolTaskRow }) {
  const { lang } = useI18n();
  const zone = useProjectZone(task.projectId);
  return (
    <Card size="small" hoverable onClick={() => navigate(`/patrol/${task.id}`)} data-task={`${task.date} ${task.round}`} data-testid="patrol-task-card">
      <Space wrap size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {monthDay(task.date)} · {it('roundAt', lang, { round: task.round })}
        </Typography.Text>
        <Space size={4}>
          <Tag>{word(PLAN_KIND_LABELS, task.kind, lang)}</Tag>
          <Tag color={STATUS_COLOURS[task.status]}>{taskStatusText(task.status, lang)}</Tag>
        </Space>
      </Space>
      <div style={{ marginTop: 4 }}>
        {hm(task.startsAt, zone)}–{hm(task.endsAt, zone)} ·{' '}
        <span data-testid="task-progress">{it('progress', lang, { checked: task.checked, points: task.points })}</span>
        {task.abnormal > 0 && (
          <Tag color="red" style={{ marginInlineStart: 8 }}>
            {it('abnormalCount', lang, { n: task.abnormal })}
          </Tag>
        )}
        {task.acceptance && <Tag style={{ marginInlineStart: 8 }}>{word(ACCEPTANCE_LABELS, task.acceptance, lang)}</Tag>}
      </div>
    </Card>
  );
}
