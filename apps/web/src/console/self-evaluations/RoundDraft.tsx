import { Alert, App as AntApp, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';
import { showServerError } from '../server-errors';
import { useQuestionBank } from '../surveys/survey-queries';
import { useSelfEvalWrite, type SelfEvaluationRound } from './self-eval-queries';
import { xt } from './self-eval-text';

interface Values {
  title: string;
  period: string;
  questionIds: string[];
  projectIds: string[];
  dueOn: Dayjs;
}
const FIELDS = ['title', 'period', 'questionIds', 'projectIds', 'dueOn'] as const;

/**
 * 发起自评 (survey.manage): a round's title, the period judged, the items picked from the bank's 员工自评
 * area in the order asked, the projects whose active members each get a form, and the due date. The
 * server's refusal is shown next to the field it names (a due date past, an unknown item, …).
 */
export function RoundDraft({ onClose }: { onClose: (created?: SelfEvaluationRound) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const bank = useQuestionBank();
  const projects = useProjects().data ?? [];
  const write = useSelfEvalWrite();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const year = dayjs().year();
  const items = (bank.data ?? []).filter((q) => q.active && q.area === 'self_evaluation');
  const initial: Partial<Values> = {
    title: lang === 'en' ? `${year} staff self-evaluation` : `${year}年度员工自评`,
    period: lang === 'en' ? String(year) : `${year}年度`,
    questionIds: [],
    projectIds: projects.length === 1 ? [projects[0]!.id] : [],
    dueOn: dayjs().add(14, 'day'),
  };
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await write(() =>
        api('POST /api/self-evaluation-rounds', {
          body: { title: v.title, period: v.period, questionIds: v.questionIds ?? [], projectIds: v.projectIds ?? [], dueOn: v.dueOn.format('YYYY-MM-DD') },
        }),
      );
      void message.success(xt('created', lang));
      onClose(created);
    } catch (e) {
      setError(showServerError(form, e as ApiError, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={xt('newRound', lang)}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={xt('newRound', lang)}
      cancelText={xt('cancel', lang)}
      okButtonProps={{ 'data-testid': 'round-draft-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="round-draft-form">
        <Form.Item name="title" label={xt('roundTitle', lang)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="period" label={xt('period', lang)}>
          <Input maxLength={200} placeholder={xt('periodPlaceholder', lang)} />
        </Form.Item>
        <Form.Item name="questionIds" label={xt('questions', lang)}>
          <Select
            mode="multiple"
            loading={bank.isLoading}
            optionFilterProp="label"
            options={items.map((q) => ({ value: q.id, label: q.text }))}
            data-testid="round-questions"
          />
        </Form.Item>
        {bank.data && items.length === 0 && <Alert type="warning" showIcon message={xt('noQuestions', lang)} style={{ marginBottom: 16 }} />}
        <Form.Item name="projectIds" label={xt('projects', lang)}>
          <Select mode="multiple" optionFilterProp="label" options={projects.map((p) => ({ value: p.id, label: p.name }))} data-testid="round-projects" />
        </Form.Item>
        <Form.Item name="dueOn" label={xt('dueOn', lang)}>
          <DatePicker allowClear={false} data-testid="round-due-on" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
