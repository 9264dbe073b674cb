import type { RouteResponse } from '@guanjia/api-contract';
import { MEETING_KINDS, type MeetingKind } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { monthlyKeys } from './ContactList';
import { meetingKindText, mt } from './monthly-text';

type Meeting = RouteResponse<'GET /api/meetings'>[number];
interface MeetingValues {
  kind: MeetingKind;
  heldOn: string;
  title: string;
  attendees: string;
  topics: string;
}
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** One meeting: its minutes (due 3 days after, late flagged) and its actions with the responsible staff and deadline, marked done. */
function MeetingCard({ m, canWrite, run }: { m: Meeting; canWrite: boolean; run: (work: () => Promise<unknown>) => Promise<void> }) {
  const { lang } = useI18n();
  const staff = useStaff(m.projectId, canWrite).data ?? [];
  const [minutes, setMinutes] = useState(m.minutes ?? '');
  const [action, setAction] = useState<{ text?: string; responsibleId?: string; deadlineOn?: string }>({});
  return (
    <Card
      size="small"
      title={`${m.heldOn} · ${meetingKindText(m.kind, lang)} · ${m.title}`}
      extra={m.minutesLate ? <Tag color="red">{mt('minutesLate', lang)}</Tag> : <Tag>{`${mt('minutesDue', lang)} ${m.minutesDueOn}`}</Tag>}
    >
      <Typography.Paragraph type="secondary">{`${m.attendees.join('、')} · ${m.topics.join('、')}`}</Typography.Paragraph>
      <Input.TextArea rows={3} value={minutes} disabled={!canWrite} onChange={(e) => setMinutes(e.target.value)} placeholder={mt('minutes', lang)} />
      {canWrite && (
        <Button
          size="small"
          style={{ marginTop: 8 }}
          onClick={() => void run(() => api('POST /api/meetings/:id/minutes', { params: { id: m.id }, body: { minutes } }))}
        >
          {mt('writeMinutes', lang)}
        </Button>
      )}
      <List
        size="small"
        header={mt('actions', lang)}
        dataSource={m.actions}
        locale={{ emptyText: mt('none', lang) }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.status === 'open'
                ? [
                    <Button
                      key="done"
                      size="small"
                      type="link"
                      onClick={() => void run(() => api('POST /api/meeting-actions/:id/done', { params: { id: a.id }, body: {} }))}
                    >
                      {mt('markDone', lang)}
                    </Button>,
                  ]
                : [
                    <Tag key="done" color="green">
                      {mt('done', lang)}
                    </Tag>,
                  ]
            }
          >
            {`${a.text} · ${a.responsibleName} · ${a.deadlineOn}`} {a.overdue && <Tag color="red">{mt('overdue', lang)}</Tag>}
          </List.Item>
        )}
      />
      {canWrite && (
        <Space wrap>
          <Input placeholder={mt('actions', lang)} value={action.text} onChange={(e) => setAction({ ...action, text: e.target.value })} />
          <Select
            style={{ width: 140 }}
            placeholder={mt('responsible', lang)}
            value={action.responsibleId}
            onChange={(v: string) => setAction({ ...action, responsibleId: v })}
            options={staff.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Input type="date" style={{ width: 150 }} value={action.deadlineOn} onChange={(e) => setAction({ ...action, deadlineOn: e.target.value })} />
          <Button
            size="small"
            onClick={() =>
              void run(() =>
                api('POST /api/meetings/:id/actions', {
                  params: { id: m.id },
                  body: { text: action.text ?? '', responsibleId: action.responsibleId ?? '', deadlineOn: action.deadlineOn ?? '' },
                }),
              )
            }
          >
            {mt('addAction', lang)}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** 座谈会: meetings with the owners' committee or customer representatives (and the quality department's half-yearly one), recorded and followed up. */
export function MeetingsPanel({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<MeetingValues>();
  const list = useQuery({
    queryKey: [...monthlyKeys.all, 'meetings', projectId],
    queryFn: () => api('GET /api/meetings', { query: { projectId } }),
    enabled: !!projectId,
  });
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await client.invalidateQueries({ queryKey: monthlyKeys.all });
    } catch (e) {
      const err = e as ApiError;
      if (err.field) form.setFields([{ name: err.field as keyof MeetingValues, errors: [err.message] }]);
      void message.error(err.message);
    }
  };
  const create = (v: MeetingValues) =>
    run(async () => {
      await api('POST /api/meetings', {
        body: { projectId, kind: v.kind, heldOn: v.heldOn, title: v.title, attendees: lines(v.attendees ?? ''), topics: lines(v.topics ?? '') },
      });
      form.resetFields();
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="monthly-meetings">
      {canWrite && (
        <Card size="small" title={mt('newMeeting', lang)}>
          <Form form={form} layout="inline" onFinish={(v) => void create(v)} initialValues={{ kind: 'owners_committee' }}>
            <Form.Item name="kind" label={mt('kind', lang)}>
              <Select style={{ width: 200 }} options={MEETING_KINDS.map((k) => ({ value: k, label: meetingKindText(k, lang) }))} />
            </Form.Item>
            <Form.Item name="heldOn" label={mt('heldOn', lang)}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="title" label={mt('title', lang)}>
              <Input />
            </Form.Item>
            <Form.Item name="attendees" label={mt('attendees', lang)}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="topics" label={mt('topics', lang)}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit" type="primary">
              {mt('save', lang)}
            </Button>
          </Form>
        </Card>
      )}
      {(list.data ?? []).map((m) => (
        <MeetingCard key={m.id} m={m} canWrite={canWrite} run={run} />
      ))}
    </Space>
  );
}
