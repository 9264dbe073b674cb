import { SURVEY_ANSWER_CHANNELS } from '@guanjia/vocabulary';
import { Descriptions, Progress, Space, Table, Tag } from 'antd';
import { useI18n } from '../../shared/i18n';
import { useRecovery, type Survey } from './survey-queries';
import { channelText, pct, st } from './survey-text';

/**
 * 回收进度: answers in by the end of each of the 10 days (cumulative) against the ≥ 75% target, per
 * building (where to chase) and per channel (portal, paper, phone).
 */
export function SurveyRecovery({ survey }: { survey: Survey }) {
  const { lang } = useI18n();
  const r = useRecovery(survey.id).data;
  if (!r) return null;
  const reached = r.rate >= r.target;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-recovery">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={st('recovery', lang)}>
          <span data-testid="survey-recovery-rate">
            {pct(r.rate)} ({r.answered}/{r.sampled})
          </span>{' '}
          <Tag color={reached ? 'green' : 'orange'}>{reached ? st('reached', lang) : st('notReached', lang)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={st('dueOn', lang)}>{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label={st('channels', lang)}>
          {SURVEY_ANSWER_CHANNELS.map((c) => `${channelText(c, lang)} ${r.byChannel[c]}`).join(' · ')}
        </Descriptions.Item>
      </Descriptions>
      <Progress percent={Math.round(r.rate * 1000) / 10} success={{ percent: 0 }} strokeColor={reached ? '#52c41a' : undefined} />
      <span>{st('recoveryTarget', lang, { p: pct(r.target) })}</span>
      <Table
        rowKey="date"
        size="small"
        pagination={false}
        dataSource={r.days.map((d, i) => ({ ...d, n: i + 1 }))}
        columns={[
          { title: '', dataIndex: 'n', width: 80, render: (n: number) => st('dayN', lang, { n }) },
          { title: st('day', lang), dataIndex: 'date' },
          { title: st('cumulative', lang), dataIndex: 'answered' },
          {
            title: st('recovery', lang),
            dataIndex: 'rate',
            render: (x: number) => <span style={{ color: x >= r.target ? '#389e0d' : undefined }}>{pct(x)}</span>,
          },
        ]}
      />
      <Table
        rowKey="buildingId"
        size="small"
        pagination={false}
        title={() => st('byBuilding', lang)}
        dataSource={r.byBuilding}
        columns={[
          { title: st('building', lang), dataIndex: 'buildingName' },
          { title: st('sampled', lang), dataIndex: 'sampled' },
          { title: st('answered', lang), dataIndex: 'answered' },
          { title: st('recovery', lang), dataIndex: 'rate', render: (x: number) => pct(x) },
        ]}
      />
    </Space>
  );
}
