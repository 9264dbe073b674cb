import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useMyForms } from './self-eval-queries';
import { FORM_STATUS_COLORS, formStatusText, xt } from './self-eval-text';
import { SelfEvaluationForm } from './SelfEvaluationForm';
import { SelfEvaluationView } from './SelfEvaluationView';

/**
 * 我的自评 (every staff member): my forms, the open rounds first. One still to fill in while its round is
 * open is the form; a submitted one (or one of a closed round) reads as it stands, with the review once
 * reviewed.
 */
export function MySelfEvaluations() {
  const { lang } = useI18n();
  const forms = useMyForms();
  if (forms.error) return <Alert type="error" showIcon message={(forms.error as ApiError).message} />;
  if (forms.data?.length === 0) return <Empty description={xt('noForm', lang)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="my-self-evaluations">
      {(forms.data ?? []).map((f) => {
        const editable = f.status === 'pending' && f.roundStatus === 'open';
        return (
          <Card
            key={f.id}
            size="small"
            data-form={f.id}
            title={
              <Space wrap>
                {f.roundTitle}
                <Tag color={FORM_STATUS_COLORS[f.status]} data-testid="self-evaluation-status">
                  {formStatusText(f.status, lang)}
                </Tag>
                {f.late && <Tag color="orange">{xt('late', lang)}</Tag>}
              </Space>
            }
          >
            <Typography.Paragraph type="secondary">
              {xt('period', lang)}：{f.period} · {xt('dueOn', lang)}：{f.dueOn}
            </Typography.Paragraph>
            {f.status === 'pending' && f.roundStatus === 'closed' && (
              <Alert type="warning" showIcon message={xt('roundClosed', lang)} style={{ marginBottom: 12 }} />
            )}
            {editable ? <SelfEvaluationForm form={f} /> : <SelfEvaluationView form={f} />}
          </Card>
        );
      })}
    </Space>
  );
}
