import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { useSelfEvalWrite, type SelfEvaluation } from './self-eval-queries';
import { xt } from './self-eval-text';
import { SelfEvaluationView } from './SelfEvaluationView';

/** 评阅 (staff.evaluate): a submitted form of someone I oversee, read, and my comment on it; they are told. */
export function ReviewDialog({ form: data, onClose }: { form: SelfEvaluation; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSelfEvalWrite();
  const [form] = Form.useForm<{ comment: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const review = async ({ comment }: { comment: string }) => {
    setBusy(true);
    setError(null);
    try {
      await write(() => api('POST /api/self-evaluations/:id/review', { params: { id: data.id }, body: { comment } }));
      void message.success(xt('reviewed', lang));
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['comment']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={xt('reviewTitle', lang, { name: data.staffName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={xt('reviewAction', lang)}
      cancelText={xt('cancel', lang)}
      okButtonProps={{ 'data-testid': 'self-evaluation-review-save' } as Record<string, string>}
      destroyOnHidden
    >
      <SelfEvaluationView form={data} />
      <Form form={form} layout="vertical" onFinish={(v) => void review(v)} style={{ marginTop: 16 }} data-testid="self-evaluation-review-form">
        <Form.Item name="comment" label={xt('reviewComment', lang)} rules={[{ required: true, whitespace: true, message: xt('commentRequired', lang) }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="self-evaluation-review-text" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
