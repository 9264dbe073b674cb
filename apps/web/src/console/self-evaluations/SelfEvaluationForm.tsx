import { Alert, App as AntApp, Button, Form, Input, Popconfirm, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useSelfEvalWrite, type SelfEvaluation } from './self-eval-queries';
import { xt } from './self-eval-text';

interface Values {
  scores: Record<string, number | undefined>;
  summary?: string;
  shortcomings?: string;
  plan?: string;
}
const TEXT_FIELDS = ['summary', 'shortcomings', 'plan'] as const;

/**
 * My own form while its round is open and it is not yet submitted: each item scored 1–5 by its options,
 * 工作总结 (needed to submit), 不足 and 改进计划; 保存 keeps it as it is (items may be left out), 提交
 * sends it for review. The server's refusal is put next to the item or text it names.
 */
export function SelfEvaluationForm({ form: data }: { form: SelfEvaluation }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSelfEvalWrite();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const initial: Values = {
    scores: Object.fromEntries(data.items.map((i) => [i.id, data.scores[i.id]])),
    summary: data.summary ?? '',
    shortcomings: data.shortcomings ?? '',
    plan: data.plan ?? '',
  };
  const send = async (submit: boolean) => {
    const v = form.getFieldsValue(true) as Values;
    const scores = Object.fromEntries(Object.entries(v.scores ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
    const text = (x: string | undefined) => (x?.trim() ? x.trim() : null);
    const body = { scores, summary: text(v.summary), shortcomings: text(v.shortcomings), plan: text(v.plan) };
    setError(null);
    form.setFields([
      ...data.items.map((i) => ({ name: ['scores', i.id] as ['scores', string], errors: [] })),
      ...TEXT_FIELDS.map((name) => ({ name, errors: [] })),
    ]);
    // a submission needs every item scored and the summary: said in the form's own words (the server's name for `summary` is a work order's)
    if (submit) {
      const unscored = data.items.filter((i) => scores[i.id] === undefined);
      if (unscored.length || !body.summary) {
        form.setFields([
          ...unscored.map((i) => ({ name: ['scores', i.id] as ['scores', string], errors: [xt('scoreRequired', lang)] })),
          ...(body.summary ? [] : [{ name: 'summary' as const, errors: [xt('summaryRequired', lang)] }]),
        ]);
        return;
      }
    }
    setBusy(submit ? 'submit' : 'save');
    try {
      await write(() =>
        submit
          ? api('POST /api/self-evaluations/:id/submit', { params: { id: data.id }, body })
          : api('PUT /api/self-evaluations/:id', { params: { id: data.id }, body }),
      );
      void message.success(xt(submit ? 'submitted' : 'saved', lang));
    } catch (e) {
      const err = e as ApiError;
      const [head, id] = (err.field ?? '').split('.');
      if (head === 'scores' && id && data.items.some((i) => i.id === id)) form.setFields([{ name: ['scores', id], errors: [err.message] }]);
      else if (head && (TEXT_FIELDS as readonly string[]).includes(head))
        form.setFields([{ name: head as (typeof TEXT_FIELDS)[number], errors: [err.message] }]);
      else setError(err.message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={initial} data-testid="self-evaluation-form">
      <Typography.Text strong>{xt('items', lang)}</Typography.Text>
      {data.items.map((item, n) => (
        <Form.Item key={item.id} name={['scores', item.id]} label={`${n + 1}. ${item.text}`} data-question={item.id} style={{ marginTop: 8 }}>
          <Radio.Group
            optionType="button"
            options={[...item.options].sort((a, b) => b.score - a.score).map((o) => ({ value: o.score, label: `${o.label} ${o.score}` }))}
          />
        </Form.Item>
      ))}
      <Form.Item name="summary" label={xt('summary', lang)} extra={xt('summaryHint', lang)}>
        <Input.TextArea rows={4} maxLength={2000} showCount data-testid="self-evaluation-summary" />
      </Form.Item>
      <Form.Item name="shortcomings" label={xt('shortcomings', lang)}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="self-evaluation-shortcomings" />
      </Form.Item>
      <Form.Item name="plan" label={xt('plan', lang)}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="self-evaluation-plan" />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="self-evaluation-error" />}
      <Space wrap>
        <Button onClick={() => void send(false)} loading={busy === 'save'} disabled={!!busy} data-testid="self-evaluation-save">
          {xt('save', lang)}
        </Button>
        <Popconfirm title={xt('submitConfirm', lang)} okText={xt('confirm', lang)} cancelText={xt('cancel', lang)} onConfirm={() => send(true)}>
          <Button type="primary" loading={busy === 'submit'} disabled={!!busy} data-testid="self-evaluation-submit">
            {xt('submit', lang)}
          </Button>
        </Popconfirm>
        {data.savedAt && (
          <Typography.Text type="secondary">
            {xt('savedAt', lang, { at: formatInstant(data.savedAt, undefined, lang === 'en' ? 'en' : 'zh-CN') })}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );
}
