import type { RouteResponse } from '@guanjia/api-contract';
import { MONTHLY_CONTACT_CHANNELS, MONTHLY_CONTACT_RESULTS } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { caseTypeText, channelText, CLOCK_COLORS, clockText, contactStatusText, mt, resultText } from './monthly-text';

type Contact = RouteResponse<'GET /api/monthly/contacts'>['rows'][number];
export const monthlyKeys = { all: ['monthly'] as const };

interface ContactValues {
  reached: boolean;
  channel: string;
  ownerWords?: string;
  result?: string;
  note?: string;
}

/** 沟通名单: the month's owners who complained or made a suggestion, each with the clock to the 5th of next month; contacts recorded here. */
export function ContactList({ projectId, month, canWrite }: { projectId: string; month: string; canWrite: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ContactValues>();
  const [recording, setRecording] = useState<{ row: Contact; reached: boolean } | null>(null);
  const list = useQuery({
    queryKey: [...monthlyKeys.all, 'contacts', projectId, month],
    queryFn: () => api('GET /api/monthly/contacts', { query: { projectId, month } }),
    enabled: !!projectId,
  });
  const reload = () => client.invalidateQueries({ queryKey: monthlyKeys.all });
  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) void message.success(done);
      await reload();
      return true;
    } catch (e) {
      const err = e as ApiError;
      if (err.field) form.setFields([{ name: err.field as keyof ContactValues, errors: [err.message] }]);
      void message.error(err.message);
      return false;
    }
  };
  const generate = () =>
    run(async () => {
      const res = await api('POST /api/monthly/contacts/generate', { body: { projectId, month } });
      void message.success(mt('generated', lang, res.added));
    });
  const save = async (values: ContactValues) => {
    if (!recording) return;
    const body = recording.reached
      ? {
          reached: true as const,
          channel: values.channel as Contact['attempts'][number]['channel'],
          ownerWords: values.ownerWords ?? '',
          result: values.result as NonNullable<Contact['result']>,
          note: values.note || undefined,
        }
      : { reached: false as const, channel: values.channel as Contact['attempts'][number]['channel'], note: values.note || undefined };
    if (await run(() => api('POST /api/monthly/contacts/:id/attempts', { params: { id: recording.row.id }, body }))) setRecording(null);
  };
  const unreachable = (row: Contact) =>
    run(() => api('POST /api/monthly/contacts/:id/unreachable', { params: { id: row.id }, body: { note: mt('unreachable', lang) } }));
  const rows = list.data?.rows ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="monthly-contacts">
      <Space wrap>
        {canWrite && (
          <Button type="primary" onClick={() => void generate()} data-testid="monthly-generate">
            {mt('generate', lang)}
          </Button>
        )}
        {list.data && (
          <Typography.Text type="secondary">
            {mt('dueOn', lang)}: {list.data.dueOn} · {mt('sources', lang)}
          </Typography.Text>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon message={(list.error as ApiError).message} />}
      <Table<Contact>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: mt('emptyList', lang) }}
        columns={[
          { title: mt('owner', lang), dataIndex: 'ownerName' },
          {
            title: mt('raised', lang),
            render: (_, r) => r.cases.map((c) => <div key={c.id}>{`${caseTypeText(c.type, lang)} ${c.number} ${c.title}`}</div>),
          },
          { title: mt('status', lang), render: (_, r) => contactStatusText(r.status, lang) },
          { title: mt('clock', lang), render: (_, r) => <Tag color={CLOCK_COLORS[r.clock]}>{`${clockText(r.clock, lang)} · ${r.dueOn}`}</Tag> },
          { title: mt('attempts', lang), render: (_, r) => r.attempts.length },
          {
            title: mt('result', lang),
            render: (_, r) => (r.status === 'open' ? '—' : `${channelText(r.channel, lang)} · ${resultText(r.result, lang)} · ${r.ownerWords ?? ''}`),
          },
          {
            title: '',
            render: (_, r) =>
              canWrite && r.status === 'open' ? (
                <Space size="small">
                  <Button size="small" type="link" onClick={() => setRecording({ row: r, reached: true })} data-testid="monthly-record">
                    {mt('record', lang)}
                  </Button>
                  <Button size="small" type="link" onClick={() => setRecording({ row: r, reached: false })}>
                    {mt('notReached', lang)}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => void unreachable(r)}>
                    {mt('unreachable', lang)}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!recording}
        title={`${recording?.reached ? mt('record', lang) : mt('notReached', lang)} · ${recording?.row.ownerName ?? ''}`}
        onCancel={() => setRecording(null)}
        onOk={() => form.submit()}
        okText={mt('save', lang)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} initialValues={{ channel: 'phone' }}>
          <Form.Item name="channel" label={mt('channel', lang)} rules={[{ required: true }]}>
            <Select options={MONTHLY_CONTACT_CHANNELS.map((c) => ({ value: c, label: channelText(c, lang) }))} />
          </Form.Item>
          {recording?.reached && (
            <>
              <Form.Item name="ownerWords" label={mt('ownerWords', lang)} rules={[{ required: true }]}>
                <Input.TextArea rows={3} data-testid="monthly-owner-words" />
              </Form.Item>
              <Form.Item name="result" label={mt('result', lang)} rules={[{ required: true }]}>
                <Select data-testid="monthly-result" options={MONTHLY_CONTACT_RESULTS.map((c) => ({ value: c, label: resultText(c, lang) }))} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={mt('note', lang)}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
