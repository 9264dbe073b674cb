import type { RouteResponse } from '@guanjia/api-contract';
import { SURVEY_ANSWER_CHANNEL_LABELS, SURVEY_AREA_LABELS, SURVEY_STATUS_LABELS } from '@guanjia/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';

/**
 * 满意度调查 in the console (issue 14 item 4): a project's campaigns and, for the one chosen, its result
 * page — recovery against the 10-day, 75% target, the satisfaction rate per item, building and project
 * with its 95% Wilson interval, the change from the previous campaign and whether it is significant,
 * the target and whether the project fell under it. Printable as it stands (the browser's print).
 */
type Survey = RouteResponse<'GET /api/surveys'>[number];
type Statistics = RouteResponse<'GET /api/surveys/:id/statistics'>;
type Figure = Pick<Statistics['project'], 'answers' | 'satisfied' | 'rate' | 'low' | 'high'>;

const W = {
  title: ['满意度调查', 'Satisfaction surveys'],
  result: ['客户满意率统计表', 'Satisfaction statistics'],
  recovery: ['回收率', 'Recovery'],
  target: ['目标', 'Target'],
  project: ['项目满意率', 'Project rate'],
  previous: ['上次调查', 'Previous survey'],
  change: ['变化', 'Change'],
  significant: ['差异显著（5%）', 'Significant (5%)'],
  notSignificant: ['差异不显著', 'Not significant'],
  below: ['低于目标：已生成内部评审任务', 'Under target: an internal review is due'],
  item: ['题目', 'Item'],
  building: ['楼栋', 'Building'],
  answers: ['答案数', 'Answers'],
  rate: ['满意率', 'Rate'],
  interval: ['95%置信区间', '95% interval'],
  period: ['调查期', 'Period'],
  sampled: ['样本户数', 'Sampled'],
  answered: ['已答户数', 'Answered'],
  channels: ['作答方式', 'Channels'],
  none: ['暂无调查', 'No survey yet'],
} as const;

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const interval = (f: Figure) => (f.answers ? `${pct(f.low)} – ${pct(f.high)}` : '—');

export function Surveys() {
  const { lang } = useI18n();
  const w = (k: keyof typeof W) => W[k][lang === 'en' ? 1 : 0];
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const surveys = useQuery({ queryKey: ['surveys', projectId], enabled: !!projectId, queryFn: () => api('GET /api/surveys', { query: { projectId } }) });
  const [open, setOpen] = useState<string | null>(null);
  const current = surveys.data?.find((s) => s.id === open) ?? surveys.data?.[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="surveys">
      <Card
        title={w('title')}
        extra={
          <Select
            data-testid="survey-project"
            style={{ minWidth: 200 }}
            value={projectId}
            onChange={setChosen}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
          />
        }
      >
        <Table<Survey>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={surveys.data ?? []}
          locale={{ emptyText: w('none') }}
          onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' } })}
          rowClassName={(s) => (s.id === current?.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: w('title'), dataIndex: 'title' },
            { title: '', dataIndex: 'status', render: (s: Survey['status']) => <Tag>{SURVEY_STATUS_LABELS[s][lang]}</Tag> },
            { title: w('period'), render: (_, s) => `${s.startsOn} – ${s.endsOn}` },
            { title: w('sampled'), dataIndex: 'sampled' },
            { title: w('answered'), dataIndex: 'answered' },
          ]}
        />
      </Card>
      {current && current.status !== 'draft' && <SurveyResult key={current.id} survey={current} w={w} />}
    </Space>
  );
}

function SurveyResult({ survey, w }: { survey: Survey; w: (k: keyof typeof W) => string }) {
  const { lang } = useI18n();
  const stats = useQuery({ queryKey: ['survey-statistics', survey.id], queryFn: () => api('GET /api/surveys/:id/statistics', { params: { id: survey.id } }) });
  const recovery = useQuery({ queryKey: ['survey-recovery', survey.id], queryFn: () => api('GET /api/surveys/:id/recovery', { params: { id: survey.id } }) });
  const s = stats.data;
  const r = recovery.data;
  const figureColumns = [
    { title: w('answers'), dataIndex: 'answers' },
    { title: w('rate'), dataIndex: 'rate', render: (x: number | null) => pct(x) },
    { title: w('interval'), render: (_: unknown, f: Figure) => interval(f) },
  ];
  return (
    <Card title={`${w('result')} · ${survey.title}`} data-testid="survey-result">
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            <Descriptions.Item label={w('project')}>
              <strong data-testid="survey-rate">{pct(s.project.rate)}</strong> <Typography.Text type="secondary">({interval(s.project)})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={w('target')}>{pct(s.target)}</Descriptions.Item>
            {r && (
              <Descriptions.Item label={w('recovery')}>
                {pct(r.rate)} ({r.answered}/{r.sampled}) · {w('target')} {pct(r.target)}
              </Descriptions.Item>
            )}
            {r && (
              <Descriptions.Item label={w('channels')}>
                {(['portal', 'paper', 'phone'] as const).map((c) => `${SURVEY_ANSWER_CHANNEL_LABELS[c][lang]} ${r.byChannel[c]}`).join(' · ')}
              </Descriptions.Item>
            )}
            {s.previous && (
              <Descriptions.Item label={w('previous')}>
                {s.previous.title} {pct(s.previous.project.rate)}
              </Descriptions.Item>
            )}
            {s.change && (
              <Descriptions.Item label={w('change')}>
                {s.change.difference >= 0 ? '+' : ''}
                {(s.change.difference * 100).toFixed(1)} pt · {s.change.significant ? w('significant') : w('notSignificant')} (p = {s.change.pValue.toFixed(3)})
              </Descriptions.Item>
            )}
          </Descriptions>
          {s.belowTarget && <Alert type="warning" showIcon message={w('below')} />}
          <Table
            rowKey="questionId"
            size="small"
            pagination={false}
            dataSource={s.byQuestion}
            columns={[
              { title: w('item'), render: (_: unknown, q: Statistics['byQuestion'][number]) => `${q.text}（${SURVEY_AREA_LABELS[q.area][lang]}）` },
              ...figureColumns,
            ]}
          />
          <Table
            rowKey="buildingId"
            size="small"
            pagination={false}
            dataSource={s.byBuilding}
            columns={[{ title: w('building'), dataIndex: 'buildingName' }, ...figureColumns]}
          />
        </Space>
      )}
    </Card>
  );
}
