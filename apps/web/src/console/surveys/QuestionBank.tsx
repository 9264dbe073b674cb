import { SURVEY_AREAS, type SurveyArea } from '@guanjia/vocabulary';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { useQuestionBank, useSurveyWrite, type SurveyQuestion } from './survey-queries';
import { areaText, scaleText, st } from './survey-text';

interface QuestionValues {
  area: SurveyArea;
  text: string;
  options: { label: string; score: number }[];
}

/**
 * 题库 (the question bank, survey.manage): the company's 5-point items by service area, reused across
 * campaigns; an item is added with its area, text and five options with a score each (非常满意 5 …
 * 非常不满意 1 suggested). A campaign copies its items when drafted, so the bank never changes what was asked.
 */
export function QuestionBank() {
  const { lang } = useI18n();
  const bank = useQuestionBank();
  const [area, setArea] = useState<SurveyArea | ''>('');
  const [adding, setAdding] = useState(false);
  const rows = (bank.data ?? []).filter((q) => !area || q.area === area);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-bank">
      <Space wrap>
        <Select<SurveyArea | ''>
          style={{ width: 180 }}
          value={area}
          onChange={setArea}
          data-testid="survey-bank-area"
          options={[{ value: '', label: st('allAreas', lang) }, ...SURVEY_AREAS.map((a) => ({ value: a, label: areaText(a, lang) }))]}
        />
        <Button type="primary" onClick={() => setAdding(true)} data-testid="survey-bank-add">
          {st('addQuestion', lang)}
        </Button>
      </Space>
      <Table<SurveyQuestion>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        loading={bank.isLoading}
        locale={{ emptyText: st('emptyBank', lang) }}
        columns={[
          { title: st('area', lang), dataIndex: 'area', width: 120, render: (a: SurveyArea) => <Tag>{areaText(a, lang)}</Tag> },
          { title: st('item', lang), dataIndex: 'text' },
          {
            title: st('options', lang),
            render: (_, q) => q.options.map((o) => `${o.label} ${o.score}`).join(' / '),
          },
        ]}
      />
      {adding && <AddQuestion onClose={() => setAdding(false)} defaultArea={area || 'customer_service'} />}
    </Space>
  );
}

function AddQuestion({ onClose, defaultArea }: { onClose: () => void; defaultArea: SurveyArea }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [form] = Form.useForm<QuestionValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: QuestionValues = {
    area: defaultArea,
    text: '',
    options: ([5, 4, 3, 2, 1] as const).map((score) => ({ score, label: scaleText(score, 'zh-CN') })),
  };
  const save = async (values: QuestionValues) => {
    setBusy(true);
    setError(null);
    try {
      await write(() => api('POST /api/survey-questions', { body: { area: values.area, text: values.text, options: values.options } }));
      void message.success(st('questionAdded', lang));
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['area', 'text', 'options']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={st('addQuestion', lang)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={st('save', lang)}
      cancelText={st('cancel', lang)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="survey-question-form">
        <Form.Item name="area" label={st('area', lang)} rules={[{ required: true }]}>
          <Select options={SURVEY_AREAS.map((a) => ({ value: a, label: areaText(a, lang) }))} />
        </Form.Item>
        <Form.Item name="text" label={st('questionText', lang)} rules={[{ required: true, whitespace: true, message: st('questionText', lang) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.List name="options">
          {(fields, _, { errors }) => (
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <span>{st('options', lang)}</span>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: st('option', lang) }]} style={{ marginBottom: 4 }}>
                    <Input placeholder={st('option', lang)} maxLength={40} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'score']} rules={[{ required: true, message: st('score', lang) }]} style={{ marginBottom: 4 }}>
                    <InputNumber min={1} max={5} precision={0} addonBefore={st('score', lang)} style={{ width: 130 }} />
                  </Form.Item>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      </Form>
    </Modal>
  );
}
