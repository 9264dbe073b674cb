import { Button, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { AnswerEntry } from './AnswerEntry';
import { useHouseholds, useRecovery, type Household, type Survey } from './survey-queries';
import { channelText, st } from './survey-text';

const PAGE = 50;

/**
 * 样本户 of a launched campaign: one row per sampled household with its questionnaire code, answered
 * or not (未作答: who is to be chased), filtered by building; from here an entering clerk (survey.enter)
 * enters a paper questionnaire by its code, or a phone interview with a household not yet answered.
 */
export function SurveyHouseholds({ survey, canEnter }: { survey: Survey; canEnter: boolean }) {
  const { lang } = useI18n();
  const [status, setStatus] = useState<'all' | 'pending' | 'answered'>('pending');
  const [buildingId, setBuildingId] = useState('');
  const [page, setPage] = useState(1);
  const [entry, setEntry] = useState<{ code?: string; channel: 'paper' | 'phone' } | null>(null);
  const buildings = useRecovery(survey.id).data?.byBuilding ?? [];
  const list = useHouseholds(survey.id, {
    ...(status === 'all' ? {} : { status }),
    ...(buildingId ? { buildingId } : {}),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const open = survey.status === 'launched';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-households">
      <Space wrap>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          data-testid="survey-households-status"
          options={[
            { value: 'pending', label: st('pending', lang) },
            { value: 'answered', label: st('answeredStatus', lang) },
            { value: 'all', label: st('allStatuses', lang) },
          ]}
        />
        <Select
          style={{ width: 200 }}
          value={buildingId}
          onChange={(v) => {
            setBuildingId(v);
            setPage(1);
          }}
          data-testid="survey-households-building"
          options={[
            { value: '', label: st('allBuildings', lang) },
            ...buildings.map((b) => ({ value: b.buildingId, label: `${b.buildingName}（${b.answered}/${b.sampled}）` })),
          ]}
        />
        {list.data && <Typography.Text type="secondary">{st('total', lang, { n: list.data.total })}</Typography.Text>}
        {canEnter && open && (
          <Button type="primary" onClick={() => setEntry({ channel: 'paper' })} data-testid="survey-enter-paper">
            {st('enterPaper', lang)}
          </Button>
        )}
      </Space>
      <Table<Household>
        rowKey="answerId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: st('none', lang) }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(h) => ({ 'data-code': h.code }) as object}
        columns={[
          { title: st('code', lang), dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          { title: st('building', lang), dataIndex: 'buildingName' },
          { title: st('unit', lang), dataIndex: 'unitLabel' },
          {
            title: st('status', lang),
            dataIndex: 'status',
            render: (s: Household['status']) => (
              <Tag color={s === 'answered' ? 'green' : 'orange'}>{s === 'answered' ? st('answeredStatus', lang) : st('pending', lang)}</Tag>
            ),
          },
          { title: st('channel', lang), dataIndex: 'channel', render: (c: Household['channel']) => channelText(c, lang) },
          { title: st('answeredAt', lang), dataIndex: 'answeredAt', render: (a: string | null) => (a ? formatShort(a, undefined, lang) : '—') },
          { title: st('comment', lang), dataIndex: 'comment', ellipsis: true, render: (c: string | null) => c ?? '—' },
          ...(canEnter && open
            ? [
                {
                  title: '',
                  key: 'enter',
                  render: (_: unknown, h: Household) =>
                    h.status === 'pending' && (
                      <Space size={4}>
                        <Button size="small" onClick={() => setEntry({ code: h.code, channel: 'paper' })} data-testid="survey-row-paper">
                          {channelText('paper', lang)}
                        </Button>
                        <Button size="small" onClick={() => setEntry({ code: h.code, channel: 'phone' })} data-testid="survey-row-phone">
                          {channelText('phone', lang)}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {entry && <AnswerEntry survey={survey} code={entry.code} channel={entry.channel} onClose={() => setEntry(null)} />}
    </Space>
  );
}
