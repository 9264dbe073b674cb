import { Alert, App as AntApp, Button, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { useRegister, useSurveyWrite, type RegisterEntry } from './survey-queries';
import { st } from './survey-text';

/**
 * 客户意见登记 (survey.manage): every comment of the campaign's answers, open until the quality
 * department has dealt with it and said how (处理说明).
 */
export function SurveyRegister({ surveyId }: { surveyId: string }) {
  const { lang } = useI18n();
  const register = useRegister(surveyId);
  const [status, setStatus] = useState<'open' | 'handled' | 'all'>('open');
  const [handling, setHandling] = useState<RegisterEntry | null>(null);
  const rows = (register.data ?? []).filter((e) => status === 'all' || e.status === status);
  const count = (s: 'open' | 'handled') => (register.data ?? []).filter((e) => e.status === s).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-register">
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data-testid="survey-register-status"
        options={[
          { value: 'open', label: `${st('registerOpen', lang)} ${count('open')}` },
          { value: 'handled', label: `${st('registerHandled', lang)} ${count('handled')}` },
          { value: 'all', label: st('allStatuses', lang) },
        ]}
      />
      <Table<RegisterEntry>
        rowKey="id"
        size="small"
        loading={register.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={rows}
        locale={{ emptyText: st('none', lang) }}
        onRow={(e) => ({ 'data-entry': e.id }) as object}
        columns={[
          { title: st('unit', lang), dataIndex: 'unitLabel', width: 160 },
          { title: st('comment', lang), dataIndex: 'text' },
          { title: st('received', lang), dataIndex: 'createdAt', width: 130, render: (a: string) => formatShort(a, undefined, lang) },
          {
            title: st('status', lang),
            dataIndex: 'status',
            width: 90,
            render: (s: RegisterEntry['status']) => (
              <Tag color={s === 'handled' ? 'green' : 'orange'}>{s === 'handled' ? st('registerHandled', lang) : st('registerOpen', lang)}</Tag>
            ),
          },
          { title: st('handleNote', lang), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: st('handledBy', lang), dataIndex: 'handledAt', width: 130, render: (a: string | null) => (a ? formatShort(a, undefined, lang) : '—') },
          {
            title: '',
            key: 'handle',
            width: 80,
            render: (_, e) =>
              e.status === 'open' && (
                <Button size="small" onClick={() => setHandling(e)} data-testid="survey-register-handle">
                  {st('handle', lang)}
                </Button>
              ),
          },
        ]}
      />
      {handling && <HandleEntry entry={handling} onClose={() => setHandling(null)} />}
    </Space>
  );
}

function HandleEntry({ entry, onClose }: { entry: RegisterEntry; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async ({ note }: { note: string }) => {
    setBusy(true);
    setError(null);
    try {
      await write(() => api('POST /api/survey-register/:id/handle', { params: { id: entry.id }, body: { note } }));
      void message.success(st('handledDone', lang));
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${st('handle', lang)} · ${entry.unitLabel}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={st('save', lang)}
      cancelText={st('cancel', lang)}
      okButtonProps={{ 'data-testid': 'survey-register-save' }}
      destroyOnHidden
    >
      <p>{entry.text}</p>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="note" label={st('handleNote', lang)} rules={[{ required: true, whitespace: true, message: st('handleNote', lang) }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="survey-register-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
