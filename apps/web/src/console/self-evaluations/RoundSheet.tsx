import { Alert, App as AntApp, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useRoundSheet, useSelfEvalWrite, type SelfEvaluation, type SelfEvaluationRound } from './self-eval-queries';
import { FORM_STATUS_COLORS, formStatusText, meanText, xt } from './self-eval-text';
import { ReviewDialog } from './ReviewDialog';
import { SelfEvaluationView } from './SelfEvaluationView';

/**
 * A round's sheet (survey.manage or staff.evaluate): the forms of the staff I oversee, each with its
 * state, mean score, lateness and review; 评阅 on a submitted form of someone else (staff.evaluate); a
 * submitted row opens to the form as it stands (a draft stays its author's). survey.manage closes the round.
 */
export function RoundSheet({ round, meId, canManage, canReview }: { round: SelfEvaluationRound; meId: string; canManage: boolean; canReview: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const sheet = useRoundSheet(round.id);
  const write = useSelfEvalWrite();
  const [reviewing, setReviewing] = useState<SelfEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const close = async () => {
    setError(null);
    try {
      await write(() => api('POST /api/self-evaluation-rounds/:id/close', { params: { id: round.id } }));
      void message.success(xt('closedDone', lang));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Card
      size="small"
      data-testid="round-sheet"
      title={
        <Space wrap>
          {xt('sheet', lang)} · {round.title}
          <Tag color={round.status === 'open' ? 'blue' : 'green'}>{xt(round.status === 'open' ? 'open' : 'closed', lang)}</Tag>
        </Space>
      }
      extra={
        canManage &&
        round.status === 'open' && (
          <Popconfirm title={xt('closeConfirm', lang)} okText={xt('confirm', lang)} cancelText={xt('cancel', lang)} onConfirm={() => close()}>
            <Button danger size="small" data-testid="round-close">
              {xt('close', lang)}
            </Button>
          </Popconfirm>
        )
      }
    >
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} style={{ marginBottom: 12 }} />}
      {sheet.error && <Alert type="error" showIcon message={(sheet.error as ApiError).message} />}
      <Table<SelfEvaluation>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={sheet.isLoading}
        dataSource={sheet.data?.forms ?? []}
        locale={{ emptyText: xt('noForms', lang) }}
        onRow={(f) => ({ 'data-form': f.id, 'data-staff': f.staffName }) as object}
        expandable={{ expandedRowRender: (f) => <SelfEvaluationView form={f} />, rowExpandable: (f) => f.status !== 'pending' }}
        columns={[
          { title: xt('staff', lang), dataIndex: 'staffName' },
          { title: xt('department', lang), dataIndex: 'departmentName', render: (x: string | null) => x ?? '—' },
          {
            title: xt('status', lang),
            key: 'status',
            render: (_, f) => (
              <Space size={4}>
                <Tag color={FORM_STATUS_COLORS[f.status]}>{formStatusText(f.status, lang)}</Tag>
                {f.late && <Tag color="orange">{xt('late', lang)}</Tag>}
              </Space>
            ),
          },
          { title: xt('mean', lang), dataIndex: 'mean', render: meanText },
          { title: xt('submittedAt', lang), dataIndex: 'submittedAt', render: (x: string | null) => formatInstant(x, undefined, locale) },
          {
            title: xt('review', lang),
            key: 'review',
            render: (_, f) =>
              f.status === 'reviewed' ? (
                <Space direction="vertical" size={0}>
                  <Typography.Text>{f.reviewComment}</Typography.Text>
                  <Typography.Text type="secondary">{f.reviewedBy}</Typography.Text>
                </Space>
              ) : canReview && f.status === 'submitted' && f.staffId !== meId ? (
                <Button size="small" type="primary" onClick={() => setReviewing(f)} data-testid="self-evaluation-review">
                  {xt('reviewAction', lang)}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {reviewing && <ReviewDialog form={reviewing} onClose={() => setReviewing(null)} />}
    </Card>
  );
}
