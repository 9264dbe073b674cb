import { Alert, Space, Table, Tag } from 'antd';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useSurveyReviews, type SurveyReview } from './letter-queries';
import { lt } from './letter-text';
import { pct } from './survey-text';

/**
 * 内部评审 (survey.manage): the internal review tasks raised when a closed campaign left its project
 * under its satisfaction target (default 70%), the latest first, with the rate against the target.
 */
export function SurveyReviews({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const reviews = useSurveyReviews(true);
  // the chosen project's first, then the others one may see
  const rows = [...(reviews.data ?? [])].sort((a, b) => Number(b.projectId === projectId) - Number(a.projectId === projectId));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-reviews">
      <Alert type="info" showIcon message={lt('reviewsHint', lang)} />
      <Table<SurveyReview>
        rowKey="id"
        size="small"
        pagination={false}
        loading={reviews.isLoading}
        dataSource={rows}
        locale={{ emptyText: lt('noReview', lang) }}
        onRow={(r) => ({ 'data-review': r.id, 'data-survey': r.surveyId }) as object}
        columns={[
          { title: lt('project', lang), dataIndex: 'projectName' },
          { title: lt('survey', lang), dataIndex: 'surveyTitle' },
          { title: lt('rate', lang), dataIndex: 'rate', render: (x: number) => <span data-testid="review-rate">{pct(x)}</span> },
          { title: lt('target', lang), dataIndex: 'target', render: (x: number) => <span data-testid="review-target">{pct(x)}</span> },
          { title: lt('createdAt', lang), dataIndex: 'createdAt', render: (a: string) => formatShort(a, undefined, lang) },
          {
            title: lt('status', lang),
            dataIndex: 'status',
            render: (s: SurveyReview['status']) => <Tag color={s === 'open' ? 'orange' : 'green'}>{lt(s === 'open' ? 'reviewOpen' : 'reviewDone', lang)}</Tag>,
          },
        ]}
      />
    </Space>
  );
}
