import { Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate, useRoute } from '../router';
import { SurveyViewerContext } from './letter-queries';
import { lt } from './letter-text';
import { OpenLetters } from './OpenLetters';
import { BuildingStewards } from './BuildingStewards';
import { QuestionBank } from './QuestionBank';
import { SurveyCampaign } from './SurveyCampaign';
import { SurveyDraft } from './SurveyDraft';
import { SurveyReviews } from './SurveyReviews';
import { useSurveys, type Survey } from './survey-queries';
import { KIND_COLORS, kindText, st, STATUS_COLORS, statusText } from './survey-text';
import { SurveyTarget } from './SurveyTarget';

/**
 * 满意度调查 in the console (issue 14 item 4): for a project, its campaigns (drafted, edited, launched and
 * closed by the quality department, survey.manage) and the one chosen — its households and answers
 * entered from paper or by phone (survey.enter), recovery, printable questionnaires, the register of
 * comments and the result page; the question bank (题库) and the project's satisfaction target; the
 * steward of each building (楼栋管家, named by steward.assign), whom a 管家评价 campaign rates.
 */
export function Surveys({ me }: { me: Me }) {
  const { lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const canManage = me.capabilities.includes('survey.manage');
  const canEnter = me.capabilities.includes('survey.enter');
  const canReadStewards = me.capabilities.includes('structure.read');
  // 公开信 for its writers (notice.write, survey.manage) and the management representative (survey.letter.approve: that tab alone);
  // the tab is in the address (?tab=letters&letter=…), so the result page can open a letter or the review tasks
  const canLetters = canManage || me.capabilities.includes('notice.write') || me.capabilities.includes('survey.letter.approve');
  const { query } = useRoute();
  const tab = query.get('tab') ?? (canManage || canEnter ? 'campaigns' : 'letters');
  const setTab = (key: string) => navigate(`/surveys?tab=${key}`);
  return (
    <SurveyViewerContext.Provider value={me}>
      <Card
        title={st('title', lang)}
        data-testid="surveys"
        extra={
          <Space wrap>
            {canManage && projectId && <SurveyTarget key={projectId} projectId={projectId} />}
            <Select
              data-testid="survey-project"
              style={{ minWidth: 200 }}
              value={projectId || undefined}
              onChange={setChosen}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            ...(canManage || canEnter
              ? [
                  {
                    key: 'campaigns',
                    label: st('campaigns', lang),
                    children: <Campaigns projectId={projectId} canManage={canManage} canEnter={canEnter} onStewards={() => setTab('stewards')} />,
                  },
                ]
              : []),
            ...(canLetters
              ? [
                  {
                    key: 'letters',
                    label: lt('lettersTab', lang),
                    children: (
                      <OpenLetters projectId={projectId} letterId={query.get('letter')} onOpen={(id) => navigate(`/surveys?tab=letters&letter=${id}`)} />
                    ),
                  },
                ]
              : []),
            ...(canManage ? [{ key: 'reviews', label: lt('reviewsTab', lang), children: <SurveyReviews projectId={projectId} /> }] : []),
            ...(canManage ? [{ key: 'bank', label: st('bank', lang), children: <QuestionBank /> }] : []),
            ...(canReadStewards
              ? [
                  {
                    key: 'stewards',
                    label: st('stewardsTab', lang),
                    children: <BuildingStewards projectId={projectId} canAssign={me.capabilities.includes('steward.assign')} />,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </SurveyViewerContext.Provider>
  );
}

/** The project's campaigns, the latest first; the one chosen (else the latest) below. */
function Campaigns({ projectId, canManage, canEnter, onStewards }: { projectId: string; canManage: boolean; canEnter: boolean; onStewards: () => void }) {
  const { lang } = useI18n();
  const surveys = useSurveys(projectId);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);
  const current = surveys.data?.find((s) => s.id === open) ?? surveys.data?.[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {canManage && (
        <Button type="primary" onClick={() => setEditing('new')} disabled={!projectId} data-testid="survey-new">
          {st('newSurvey', lang)}
        </Button>
      )}
      <Table<Survey>
        rowKey="id"
        size="small"
        pagination={false}
        loading={surveys.isLoading}
        dataSource={surveys.data ?? []}
        locale={{ emptyText: st('noSurvey', lang) }}
        onRow={(s) => ({ onClick: () => setOpen(s.id), style: { cursor: 'pointer' }, 'data-survey': s.id }) as object}
        rowClassName={(s) => (s.id === current?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: st('surveyTitle', lang), dataIndex: 'title' },
          { title: st('kind', lang), dataIndex: 'kind', render: (k: Survey['kind']) => <Tag color={KIND_COLORS[k]}>{kindText(k, lang)}</Tag> },
          { title: st('status', lang), dataIndex: 'status', render: (s: Survey['status']) => <Tag color={STATUS_COLORS[s]}>{statusText(s, lang)}</Tag> },
          { title: st('period', lang), key: 'period', render: (_, s) => `${s.startsOn} – ${s.endsOn}` },
          { title: st('sampled', lang), dataIndex: 'sampled' },
          { title: st('answered', lang), dataIndex: 'answered' },
        ]}
      />
      {current && (
        <SurveyCampaign
          key={current.id}
          survey={current}
          canManage={canManage}
          canEnter={canEnter}
          onEdit={() => setEditing(current)}
          onStewards={onStewards}
        />
      )}
      {editing && (
        <SurveyDraft
          projectId={projectId}
          survey={editing === 'new' ? undefined : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setOpen(saved.id);
          }}
        />
      )}
    </Space>
  );
}
