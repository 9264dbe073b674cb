import { Alert, App as AntApp, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useSurveyWrite, type Survey } from './survey-queries';
import { channelText, st } from './survey-text';

interface AnswerValues {
  code: string;
  channel: 'paper' | 'phone';
  scores: Record<string, number>;
  comment?: string;
}

/**
 * Entering an answer (survey.enter): a paper questionnaire by the code printed on it, or a phone
 * interview with a sampled household (marked phone; staff-filled answers are capped at 20% of the
 * sample and the server says so on `channel`). Each item's option is chosen as the owner marked it;
 * a refusal — an unknown code, an answer already in, an item left out, the cap — shows by its field.
 */
export function AnswerEntry({ survey, code, channel, onClose }: { survey: Survey; code?: string; channel: 'paper' | 'phone'; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [form] = Form.useForm<AnswerValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: AnswerValues) => {
    setBusy(true);
    setError(null);
    try {
      await write(() =>
        api('POST /api/surveys/:id/answers', {
          params: { id: survey.id },
          body: { code: v.code, channel: v.channel, scores: v.scores, comment: v.comment?.trim() ? v.comment.trim() : null },
        }),
      );
      void message.success(st('entered', lang));
      onClose();
    } catch (e) {
      const err = e as ApiError;
      const field = err.field ?? '';
      if (field.startsWith('scores.')) form.setFields([{ name: ['scores', field.slice('scores.'.length)], errors: [err.message] }]);
      else if (field === 'code' || field === 'channel' || field === 'comment') form.setFields([{ name: field, errors: [err.message] }]);
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={channel === 'phone' ? st('enterPhone', lang) : st('enterPaper', lang)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={st('save', lang)}
      cancelText={st('cancel', lang)}
      okButtonProps={{ 'data-testid': 'survey-answer-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ code: code ?? '', channel }} onFinish={(v) => void save(v)} data-testid="survey-answer-form">
        <Form.Item name="code" label={st('code', lang)} extra={st('codeHint', lang)} rules={[{ required: true, whitespace: true, message: st('code', lang) }]}>
          <Input maxLength={16} style={{ width: 200, textTransform: 'uppercase' }} data-testid="survey-answer-code" />
        </Form.Item>
        <Form.Item name="channel" label={st('channel', lang)} extra={st('phoneNote', lang)}>
          <Radio.Group data-testid="survey-answer-channel" options={(['paper', 'phone'] as const).map((c) => ({ value: c, label: channelText(c, lang) }))} />
        </Form.Item>
        {survey.items.map((item, i) => (
          <Form.Item
            key={item.id}
            name={['scores', item.id]}
            label={`${i + 1}. ${item.text}`}
            rules={[{ required: true, message: st('chooseEach', lang) }]}
            data-testid={`survey-answer-item-${i}`}
          >
            <Radio.Group options={item.options.map((o) => ({ value: o.score, label: o.label }))} />
          </Form.Item>
        ))}
        {survey.commentPrompt && (
          <Form.Item name="comment" label={survey.commentPrompt}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="survey-answer-comment" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} />}
        <Typography.Text type="secondary">
          {survey.title} · {st('endsOn', lang)} {survey.endsOn}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
