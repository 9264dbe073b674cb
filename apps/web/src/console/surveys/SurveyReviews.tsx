import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { letterKeys, useSurveyReviews, type SurveyReview } from './letter-queries';
import { lt } from './letter-text';
import { pct } from './survey-text';

/**
 * 内部评审 (survey.manage): the internal review tasks raised when a closed campaign left its project
 * under its satisfaction target (default 70%), the latest first, with the rate against the target;
 * each closed with what the review found and the measures decided.
 */
export function SurveyReviews({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const reviews = useSurveyReviews(true);
  const [finishing, setFinishing] = useState<SurveyReview | null>(null);
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
          {
            title: lt('findings', lang),
            render: (_: unknown, r: SurveyReview) =>
              r.status === 'done' ? (
                <span data-testid="review-findings">
                  {r.findings}（{r.doneBy}，{r.doneAt ? formatShort(r.doneAt, undefined, lang) : ''}）
                </span>
              ) : (
                <Button size="small" type="primary" onClick={() => setFinishing(r)} data-testid="review-finish">
                  {lt('finishReview', lang)}
                </Button>
              ),
          },
        ]}
      />
      {finishing && <FinishReview review={finishing} onClose={() => setFinishing(null)} />}
    </Space>
  );
}

function FinishReview({ review, onClose }: { review: SurveyReview; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ findings: string }>();
  const [saving, setSaving] = useState(false);
  const save = async ({ findings }: { findings: string }) => {
    setSaving(true);
    try {
      await api('POST /api/survey-reviews/:id/done', { params: { id: review.id }, body: { findings } });
      void message.success(lt('finished', lang));
      await client.invalidateQueries({ queryKey: letterKeys.reviews });
      onClose();
    } catch (e) {
      const error = e as ApiError;
      if (error.field === 'findings') form.setFields([{ name: 'findings', errors: [error.message] }]);
      else void message.error(error.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`${lt('finishReview', lang)}：${review.surveyTitle}`} onOk={() => form.submit()} onCancel={onClose} confirmLoading={saving}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="findings" label={lt('findings', lang)} rules={[{ required: true, whitespace: true, message: lt('findings', lang) }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="review-findings-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
