import { Descriptions, Space, Tag, Typography } from 'antd';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { SelfEvaluation } from './self-eval-queries';
import { meanText, xt } from './self-eval-text';

/** A form as it stands, read-only: each item's score, the mean, the texts, and the review once reviewed. */
export function SelfEvaluationView({ form }: { form: SelfEvaluation }) {
  const { lang } = useI18n();
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const label = (id: string, score: number | undefined) => {
    const item = form.items.find((i) => i.id === id);
    const option = item?.options.find((o) => o.score === score);
    return score === undefined ? '—' : `${score}${option ? `（${option.label}）` : ''}`;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="self-evaluation-view">
      <Descriptions size="small" bordered column={1}>
        {form.items.map((item, n) => (
          <Descriptions.Item key={item.id} label={`${n + 1}. ${item.text}`}>
            <span data-score={item.id}>{label(item.id, form.scores[item.id])}</span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={xt('mean', lang)}>
          <strong data-testid="self-evaluation-mean">{meanText(form.mean)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={xt('summary', lang)}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{form.summary ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={xt('shortcomings', lang)}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{form.shortcomings ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={xt('plan', lang)}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{form.plan ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
        {form.submittedAt && (
          <Descriptions.Item label={xt('submittedAt', lang)}>
            {formatInstant(form.submittedAt, undefined, locale)} {form.late && <Tag color="orange">{xt('late', lang)}</Tag>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {form.status === 'reviewed' ? (
        <Descriptions size="small" bordered column={1} title={xt('review', lang)} data-testid="self-evaluation-review">
          <Descriptions.Item label={xt('reviewComment', lang)}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="self-evaluation-review-comment">
              {form.reviewComment}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={xt('reviewedBy', lang)}>{form.reviewedBy}</Descriptions.Item>
          <Descriptions.Item label={xt('reviewedAt', lang)}>{formatInstant(form.reviewedAt, undefined, locale)}</Descriptions.Item>
        </Descriptions>
      ) : (
        form.status === 'submitted' && <Typography.Text type="secondary">{xt('awaitingReview', lang)}</Typography.Text>
      )}
    </Space>
  );
}
