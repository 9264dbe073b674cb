import { App as AntApp, Button, Form, InputNumber, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useSurveyTarget, useSurveyWrite } from './survey-queries';
import { st } from './survey-text';

/**
 * The project's satisfaction target (满意率目标, default 70%; survey.manage): closing a campaign under it
 * opens an internal review task. Shown as a percentage; a refusal of the server shows on the field.
 */
export function SurveyTarget({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const target = useSurveyTarget(projectId, true);
  const write = useSurveyWrite();
  const [form] = Form.useForm<{ percent: number }>();
  const current = target.data?.target;
  useEffect(() => {
    if (current !== undefined) form.setFieldsValue({ percent: Math.round(current * 1000) / 10 });
  }, [current, form]);
  const save = async ({ percent }: { percent: number }) => {
    try {
      await write(() => api('PUT /api/projects/:id/survey-target', { params: { id: projectId }, body: { target: percent / 100 } }));
      void message.success(st('targetSaved', lang));
    } catch (e) {
      form.setFields([{ name: 'percent', errors: [(e as ApiError).message] }]);
    }
  };
  return (
    <Form form={form} layout="inline" requiredMark={false} onFinish={(v) => void save(v)} data-testid="survey-target">
      <Tooltip title={st('targetHint', lang)}>
        <Form.Item name="percent" label={st('target', lang)} rules={[{ required: true, message: st('target', lang) }]} style={{ marginInlineEnd: 4 }}>
          <InputNumber min={1} max={100} precision={1} addonAfter="%" style={{ width: 120 }} data-testid="survey-target-input" />
        </Form.Item>
      </Tooltip>
      <Space>
        <Button htmlType="submit" data-testid="survey-target-save">
          {st('save', lang)}
        </Button>
      </Space>
    </Form>
  );
}
