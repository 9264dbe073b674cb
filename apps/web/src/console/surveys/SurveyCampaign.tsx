import { Alert, App as AntApp, Button, Card, Descriptions, List, Popconfirm, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { PaperQuestionnaires } from './PaperQuestionnaires';
import { useSurveyWrite, type Survey } from './survey-queries';
import { areaText, KIND_COLORS, kindText, pct, samplingText, st, STATUS_COLORS, statusText } from './survey-text';
import { SurveyHouseholds } from './SurveyHouseholds';
import { SurveyRecovery } from './SurveyRecovery';
import { SurveyRegister } from './SurveyRegister';
import { SurveyResult } from './SurveyResult';

/**
 * One campaign: its figures, the actions its state allows (a draft is edited and launched, a running
 * campaign closed; survey.manage) and, once launched, its households (entering answers: survey.enter),
 * recovery, paper questionnaires, the register of comments (survey.manage) and the statistics. A 管家评价
 * refused at launch for a building without its steward offers the way to the 楼栋管家 tab.
 */
export function SurveyCampaign({
  survey,
  canManage,
  canEnter,
  onEdit,
  onStewards,
}: {
  survey: Survey;
  canManage: boolean;
  canEnter: boolean;
  onEdit: () => void;
  onStewards: () => void;
}) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [error, setError] = useState<ApiError | null>(null);
  const [tab, setTab] = useState(survey.status === 'closed' ? 'result' : survey.status === 'launched' ? 'households' : 'questionnaire');
  const act = async (action: 'launch' | 'close') => {
    setError(null);
    try {
      await write(() => api(action === 'launch' ? 'POST /api/surveys/:id/launch' : 'POST /api/surveys/:id/close', { params: { id: survey.id } }));
      void message.success(st(action === 'launch' ? 'launched' : 'closed', lang));
      setTab(action === 'launch' ? 'households' : 'result');
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const draft = survey.status === 'draft';
  const questionnaire = (
    <List
      size="small"
      data-testid="survey-questionnaire"
      dataSource={survey.items}
      footer={survey.commentPrompt ? `${st('commentPrompt', lang)}：${survey.commentPrompt}` : undefined}
      renderItem={(item, i) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <span>
              {i + 1}. {item.text} <Tag>{areaText(item.area, lang)}</Tag>
            </span>
            <span style={{ color: '#888' }}>{item.options.map((o) => `${o.label} ${o.score}`).join(' / ')}</span>
          </Space>
        </List.Item>
      )}
    />
  );
  return (
    <Card
      data-testid="survey-campaign"
      title={
        <Space>
          {survey.title}
          <Tag color={KIND_COLORS[survey.kind]} data-testid="survey-kind">
            {kindText(survey.kind, lang)}
          </Tag>
          <Tag color={STATUS_COLORS[survey.status]} data-testid="survey-status">
            {statusText(survey.status, lang)}
          </Tag>
        </Space>
      }
      extra={
        canManage && (
          <Space wrap>
            {draft && (
              <Button onClick={onEdit} data-testid="survey-edit">
                {st('editDraft', lang)}
              </Button>
            )}
            {draft && (
              <Popconfirm title={st('launchConfirm', lang)} okText={st('confirm', lang)} cancelText={st('cancel', lang)} onConfirm={() => act('launch')}>
                <Button type="primary" data-testid="survey-launch">
                  {st('launch', lang)}
                </Button>
              </Popconfirm>
            )}
            {survey.status === 'launched' && (
              <Popconfirm title={st('closeConfirm', lang)} okText={st('confirm', lang)} cancelText={st('cancel', lang)} onConfirm={() => act('close')}>
                <Button danger data-testid="survey-close">
                  {st('close', lang)}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && (
          <Alert
            type="error"
            showIcon
            message={error.message}
            closable
            onClose={() => setError(null)}
            data-testid="survey-action-error"
            action={
              // a steward rating refused for a building without its steward: the 楼栋管家 tab names them
              error.code === 'SURVEY_STEWARD_MISSING' ? (
                <Button size="small" onClick={onStewards} data-testid="survey-go-stewards">
                  {st('goStewards', lang)}
                </Button>
              ) : undefined
            }
          />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} data-testid="survey-overview">
          <Descriptions.Item label={st('period', lang)}>
            {survey.startsOn} – {survey.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={st('sampling', lang)}>
            {samplingText(survey.sampling, lang)}
            {survey.sampling === 'stratified' ? ` ${pct(survey.sampleRate)}` : ''}
          </Descriptions.Item>
          {!draft && (
            <Descriptions.Item label={`${st('sampled', lang)} / ${st('households', lang)}`}>
              <span data-testid="survey-sampled">
                {survey.sampled} / {survey.households}
              </span>
            </Descriptions.Item>
          )}
          {!draft && (
            <Descriptions.Item label={st('answered', lang)}>
              <span data-testid="survey-answered">{survey.answered}</span>
            </Descriptions.Item>
          )}
          {survey.distributeBy && <Descriptions.Item label={st('distributeBy', lang)}>{survey.distributeBy}</Descriptions.Item>}
          {!draft && <Descriptions.Item label={st('phoneCap', lang)}>{survey.phoneCap}</Descriptions.Item>}
          <Descriptions.Item label={st('seed', lang)}>{survey.seed}</Descriptions.Item>
        </Descriptions>
        {draft ? (
          <>
            <Alert type="info" message={st('draftNoResult', lang)} />
            {questionnaire}
          </>
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              { key: 'households', label: st('tabHouseholds', lang), children: <SurveyHouseholds survey={survey} canEnter={canEnter} /> },
              { key: 'recovery', label: st('tabRecovery', lang), children: <SurveyRecovery survey={survey} /> },
              { key: 'paper', label: st('tabPaper', lang), children: <PaperQuestionnaires survey={survey} /> },
              ...(canManage ? [{ key: 'register', label: st('tabRegister', lang), children: <SurveyRegister surveyId={survey.id} /> }] : []),
              { key: 'result', label: st('tabResult', lang), children: <SurveyResult survey={survey} /> },
              { key: 'questionnaire', label: st('questionnaire', lang), children: questionnaire },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
