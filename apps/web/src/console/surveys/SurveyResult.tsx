import { SURVEY_ANSWER_CHANNELS } from '@guanjia/vocabulary';
import { Alert, App as AntApp, Button, Descriptions, Space, Table, Typography } from 'antd';
import { ApiError, downloadFile, urlOf } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { DraftLetterButton, ReviewLink } from './LetterActions';
import { useRecovery, useStatistics, type Statistics, type Survey } from './survey-queries';
import { areaText, channelText, pct, st } from './survey-text';
import { StewardFigures } from './StewardFigures';

type Figure = Pick<Statistics['project'], 'answers' | 'satisfied' | 'rate' | 'low' | 'high'>;
const interval = (f: Figure) => (f.answers ? `${pct(f.low)} – ${pct(f.high)}` : '—');

/**
 * 客户满意率统计表: the satisfaction rate (answers of 4–5 over answers) per item, building and project
 * with its 95% Wilson interval, the change from the previous campaign and whether it is significant,
 * the target and whether the project fell under it; the recovery and channels beside it; a 管家评价's
 * figures per steward above the rest (StewardFigures). Printable as
 * it stands (the browser's print); 导出 Excel downloads the server's workbook of the same figures.
 */
export function SurveyResult({ survey }: { survey: Survey }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const s = useStatistics(survey.id).data;
  const r = useRecovery(survey.id).data;
  const exportXlsx = async () => {
    try {
      await downloadFile(urlOf('/api/surveys/:id/statistics/export', { id: survey.id }, { format: 'xlsx' }));
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  const figureColumns = [
    { title: st('answers', lang), dataIndex: 'answers' },
    { title: st('rate', lang), dataIndex: 'rate', render: (x: number | null) => pct(x) },
    { title: st('interval', lang), key: 'interval', render: (_: unknown, f: Figure) => interval(f) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-result">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {st('result', lang)} · {survey.title}
        </Typography.Title>
        <Space wrap>
          <DraftLetterButton survey={survey} />
          <Button size="small" onClick={() => void exportXlsx()} data-testid="survey-export">
            {st('export', lang)}
          </Button>
        </Space>
      </Space>
      {s && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            <Descriptions.Item label={st('project', lang)}>
              <strong data-testid="survey-rate">{pct(s.project.rate)}</strong> <Typography.Text type="secondary">({interval(s.project)})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={st('target', lang)}>
              <span data-testid="survey-result-target">{pct(s.target)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={st('respondents', lang)}>
              <span data-testid="survey-result-households">{s.households}</span>
            </Descriptions.Item>
            {r && (
              <Descriptions.Item label={st('recovery', lang)}>
                {pct(r.rate)} ({r.answered}/{r.sampled}) · {st('goal', lang)} {pct(r.target)}
              </Descriptions.Item>
            )}
            {r && (
              <Descriptions.Item label={st('channels', lang)}>
                <span data-testid="survey-result-channels">{SURVEY_ANSWER_CHANNELS.map((c) => `${channelText(c, lang)} ${r.byChannel[c]}`).join(' · ')}</span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={st('comments', lang)}>{s.comments}</Descriptions.Item>
            {s.previous && (
              <Descriptions.Item label={st('previous', lang)}>
                {s.previous.title} {pct(s.previous.project.rate)}
              </Descriptions.Item>
            )}
            {s.change && (
              <Descriptions.Item label={st('change', lang)}>
                {s.change.difference >= 0 ? '+' : ''}
                {(s.change.difference * 100).toFixed(1)} pt · {s.change.significant ? st('significant', lang) : st('notSignificant', lang)} (p ={' '}
                {s.change.pValue.toFixed(3)})
              </Descriptions.Item>
            )}
          </Descriptions>
          {s.belowTarget && <Alert type="warning" showIcon message={st('below', lang)} action={<ReviewLink />} data-testid="survey-below-target" />}
          {s.stewards && <StewardFigures stewards={s.stewards} items={survey.items} />}
          <Table
            rowKey="questionId"
            size="small"
            pagination={false}
            dataSource={s.byQuestion}
            data-testid="survey-result-items"
            columns={[
              { title: st('item', lang), key: 'item', render: (_: unknown, q: Statistics['byQuestion'][number]) => `${q.text}（${areaText(q.area, lang)}）` },
              ...figureColumns,
            ]}
          />
          <Table
            rowKey="buildingId"
            size="small"
            pagination={false}
            dataSource={s.byBuilding}
            data-testid="survey-result-buildings"
            columns={[{ title: st('building', lang), dataIndex: 'buildingName' }, ...figureColumns]}
          />
        </>
      )}
    </Space>
  );
}
