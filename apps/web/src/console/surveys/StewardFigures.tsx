import { Table, Typography } from 'antd';
import { useI18n } from '../../shared/i18n';
import type { Statistics, Survey } from './survey-queries';
import { pct, st } from './survey-text';

type Steward = NonNullable<Statistics['stewards']>[number];
const mean = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const interval = (f: { answers: number; low: number; high: number }) => (f.answers ? `${pct(f.low)} – ${pct(f.high)}` : '—');

/**
 * 各管家评价: a steward rating's figures per steward (decision 0033) — the households that rate them and
 * how many answered, the answers, the satisfaction rate with its 95% interval, the mean score, and each
 * item's rate and mean.
 */
export function StewardFigures({ stewards, items }: { stewards: Steward[]; items: Survey['items'] }) {
  const { lang } = useI18n();
  return (
    <>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {st('byStewardTitle', lang)}
      </Typography.Title>
      <Table<Steward>
        rowKey="stewardId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={stewards}
        data-testid="survey-result-stewards"
        onRow={(r) => ({ 'data-steward': r.stewardId }) as object}
        columns={[
          { title: st('steward', lang), dataIndex: 'stewardName', fixed: 'left' },
          { title: st('stewardSampled', lang), dataIndex: 'sampled' },
          { title: st('stewardAnswered', lang), dataIndex: 'households' },
          { title: st('answers', lang), dataIndex: 'answers' },
          { title: st('rate', lang), dataIndex: 'rate', render: (x: number | null) => pct(x) },
          { title: st('interval', lang), key: 'interval', render: (_, f) => interval(f) },
          { title: st('mean', lang), dataIndex: 'mean', render: mean },
          ...items.map((item, n) => ({
            title: (
              <span title={item.text}>
                {n + 1}. {item.text.length > 12 ? `${item.text.slice(0, 12)}…` : item.text}
              </span>
            ),
            key: item.id,
            render: (_: unknown, f: Steward) => {
              const q = f.byQuestion.find((x) => x.questionId === item.id);
              return q ? `${pct(q.rate)} / ${mean(q.mean)}` : '—';
            },
          })),
        ]}
      />
      <Typography.Text type="secondary">{st('itemRate', lang)}</Typography.Text>
    </>
  );
}
