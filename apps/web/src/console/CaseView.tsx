import type { StaffCaseEventSchema, StaffCaseSchema } from '@guanjia/api-contract';
import { checkServiceLanguage, LANGUAGE_ISSUE_TEXT, OWNER_FACING_FIELDS } from '@guanjia/vocabulary';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { ApiError, get, post, upload } from '../shared/api';
import { AttachmentList, type AttachmentMeta } from './Attachments';
import { useLanguageGuard } from './LanguageGuard';
import { formatInstant } from '../shared/format';
import {
  CASE_TYPE_LABELS,
  CHANNEL_LABELS,
  COMMAND_LABELS,
  ESCALATION_LABELS,
  EVENT_LABELS,
  FIELD_LABELS,
  GRADE_LABELS,
  STATUS_LABELS,
  label,
  useI18n,
} from '../shared/i18n';
import { useLive } from '../shared/live';
import type { Me } from './App';
import { navigate } from './router';
import { showServerError } from './server-errors';

type Field = {
  name: string;
  kind: 'text' | 'longtext' | 'instant' | 'department' | 'staff' | 'bool' | 'rating' | 'type' | 'grade' | 'level' | 'reason';
  required?: boolean;
};

/** The fields of each command's form (the server validates them again and names any bad one). */
const COMMAND_FIELDS: Record<string, Field[]> = {
  acknowledge: [
    { name: 'apology', kind: 'bool' },
    { name: 'readBack', kind: 'bool' },
    { name: 'content', kind: 'longtext' },
  ],
  answer: [{ name: 'content', kind: 'longtext', required: true }],
  transfer: [
    { name: 'departmentId', kind: 'department', required: true },
    { name: 'promisedAt', kind: 'instant' },
  ],
  accept: [{ name: 'committedAt', kind: 'instant', required: true }],
  record_contact: [{ name: 'content', kind: 'longtext', required: true }],
  submit_answer: [{ name: 'content', kind: 'longtext', required: true }],
  submit_plan: [
    { name: 'cause', kind: 'longtext', required: true },
    { name: 'steps', kind: 'longtext', required: true },
    { name: 'expectedCompletionAt', kind: 'instant', required: true },
  ],
  approve_plan: [{ name: 'comment', kind: 'text' }],
  return_plan: [{ name: 'reason', kind: 'longtext', required: true }],
  evaluate: [
    { name: 'feasible', kind: 'bool' },
    { name: 'plan', kind: 'longtext' },
    { name: 'expectedAt', kind: 'instant' },
    { name: 'reason', kind: 'longtext' },
  ],
  inform_owner: [{ name: 'content', kind: 'longtext', required: true }],
  record_satisfaction: [
    { name: 'satisfied', kind: 'bool' },
    { name: 'opinion', kind: 'text' },
    { name: 'rating', kind: 'rating' },
  ],
  close: [
    { name: 'causeAnalysis', kind: 'longtext' },
    { name: 'preventiveMeasures', kind: 'longtext' },
    { name: 'rating', kind: 'rating' },
  ],
  close_out_of_scope: [{ name: 'reason', kind: 'longtext', required: true }],
  dispatch: [
    { name: 'assigneeId', kind: 'staff', required: true },
    { name: 'departmentId', kind: 'department' },
  ],
  schedule_appointment: [
    { name: 'appointmentAt', kind: 'instant', required: true },
    { name: 'ownerAgreed', kind: 'bool' },
  ],
  arrive: [],
  complete: [{ name: 'summary', kind: 'longtext', required: true }],
  escalate: [
    { name: 'level', kind: 'level', required: true },
    { name: 'reason', kind: 'reason', required: true },
    { name: 'departmentId', kind: 'department' },
    { name: 'accusedStaffId', kind: 'staff' },
    { name: 'note', kind: 'longtext', required: true },
  ],
  mark_major: [{ name: 'reason', kind: 'longtext', required: true }],
  record_corrective_action: [{ name: 'report', kind: 'longtext', required: true }],
  add_note: [{ name: 'content', kind: 'longtext', required: true }],
  reassign: [{ name: 'assigneeId', kind: 'staff', required: true }],
  retype: [
    { name: 'newType', kind: 'type', required: true },
    { name: 'reason', kind: 'longtext', required: true },
  ],
  set_repair_grade: [
    { name: 'grade', kind: 'grade', required: true },
    { name: 'appointmentAt', kind: 'instant' },
    { name: 'ownerAgreed', kind: 'bool', required: false }, // asked by the server only with a new appointment time
  ],
  extend_deadline: [
    { name: 'which', kind: 'text', required: true },
    { name: 'newAt', kind: 'instant', required: true },
    { name: 'ownerAgreed', kind: 'bool' },
    { name: 'note', kind: 'longtext', required: true },
  ],
  rate: [
    { name: 'rating', kind: 'rating', required: true },
    { name: 'comment', kind: 'text' },
  ],
  pause_clocks: [
    { name: 'reason', kind: 'longtext', required: true },
    { name: 'until', kind: 'instant' },
  ],
  resume_clocks: [{ name: 'note', kind: 'text' }],
};

/** Sends a case command; `languageOverride` sends a flagged owner-facing text anyway, with its reason. */
const sendCommand = (caseId: string, cmd: Record<string, unknown>, expectedVersion: number, languageOverride?: { reason: string }) =>
  post(`/api/cases/${caseId}/commands`, { command: cmd, expectedVersion, ...(languageOverride ? { languageOverride } : {}) });

type CaseData = { case: z.infer<typeof StaffCaseSchema>; allowedCommands: string[] };
type CaseEvent = z.infer<typeof StaffCaseEventSchema>;
interface Clock {
  id: string;
  kind: string;
  label: string;
  basis: string;
  targetText: string;
  startedAt: string;
  dueAt: string | null;
  stoppedAt: string | null;
  result: string | null;
  running: boolean;
  paused: boolean;
  lateText: string | null;
  remainingText: string | null;
}

/** The case page: its facts, each time limit, only the actions allowed now, the timeline, and the reply composer. */
export function CaseView({ id, me }: { id: string; me: Me }) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<CaseData | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [clocks, setClocks] = useState<{ calendar: { timeZone: string }; clocks: Clock[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [files, setFiles] = useState<ReadonlyMap<string, AttachmentMeta>>(new Map());
  const load = useCallback(async () => {
    try {
      const [d, e, s, files] = await Promise.all([
        get<CaseData>(`/api/cases/${id}`),
        get<CaseEvent[]>(`/api/cases/${id}/events`),
        get<NonNullable<typeof clocks>>(`/api/cases/${id}/sla`),
        get<AttachmentMeta[]>(`/api/cases/${id}/attachments`),
      ]);
      setFiles(new Map(files.map((f) => [f.id, f])));
      setData(d);
      setEvents(e);
      setClocks(s);
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  }, [id]);
  useEffect(() => void load(), [load]);
  useLive((_type, d) => {
    if (d.caseId === id) void load();
  });
  if (error) return <Alert type="error" showIcon message={t.notFound} description={error.message} data-testid="case-error" />;
  if (!data) return <Typography.Text>{t.loading}</Typography.Text>;
  const c = data.case;
  const tz = clocks?.calendar.timeZone ?? 'Asia/Shanghai';
  const actions = data.allowedCommands.filter((a) => a !== 'message');
  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <Card
          title={
            <Space>
              <Tag color="green">{label(CASE_TYPE_LABELS, c.type, lang)}</Tag>
              <span data-testid="case-number">{c.number}</span>
              <span>{c.title}</span>
            </Space>
          }
          extra={<Tag data-testid="case-status">{label(STATUS_LABELS, c.status, lang)}</Tag>}
        >
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t.channel}>{label(CHANNEL_LABELS, c.channel, lang)}</Descriptions.Item>
            <Descriptions.Item label={t.createdAt}>{formatInstant(c.createdAt, tz, lang)}</Descriptions.Item>
            {c.repairGrade && <Descriptions.Item label={t.grade}>{label(GRADE_LABELS, c.repairGrade, lang)}</Descriptions.Item>}
            {c.category && <Descriptions.Item label={t.category}>{c.category}</Descriptions.Item>}
            {c.ownerId && (
              <Descriptions.Item label={t.owner}>
                <a onClick={() => navigate(`/owners/${c.ownerId}`)} data-testid="owner-link">
                  {t.archive}
                </a>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph>{c.description}</Typography.Paragraph>
        </Card>
        <Card title={t.timeline} style={{ marginTop: 16 }}>
          <Timeline
            items={events.map((e) => ({
              color: e.type.startsWith('sla_') ? 'red' : e.direction === 'inbound' ? 'green' : 'blue',
              children: (
                <div data-event={e.type}>
                  <Typography.Text type="secondary">
                    {formatInstant(e.at, tz, lang)} · {label(EVENT_LABELS, e.type, lang)}
                    {e.internal ? ` · ${t.internal}` : ''}
                  </Typography.Text>
                  {e.content && <div>{e.content}</div>}
                  {e.type === 'service_language_overridden' && Array.isArray(e.data.phrases) && (
                    <Typography.Text type="danger" data-testid="override-phrases">
                      {(e.data.phrases as string[]).join('、')}
                    </Typography.Text>
                  )}
                  {e.type.startsWith('sla_') && (
                    <div>
                      <Typography.Text type="danger">
                        {String(e.data?.clock ?? '')} → {String(e.data?.to ?? '')}
                      </Typography.Text>
                    </div>
                  )}
                  <AttachmentList ids={e.attachmentIds} meta={files} />
                </div>
              ),
            }))}
          />
        </Card>
        {data.allowedCommands.includes('message') && <Composer caseId={id} version={c.version} onSent={load} />}
      </Col>
      <Col xs={24} lg={9}>
        <Card title={t.clocks} size="small" data-testid="clocks">
          {clocks?.clocks.map((k) => (
            <div key={k.id} style={{ marginBottom: 8 }} data-clock={k.kind}>
              <Space wrap>
                <strong>{k.label}</strong>
                <Tag>{k.targetText}</Tag>
                {k.result === 'met' && <Tag color="green">{t.met_}</Tag>}
                {k.result === 'breached' && <Tag color="red">{t.breached_}</Tag>}
                {k.result === 'cancelled' && <Tag>{t.cancelled}</Tag>}
                {k.paused && <Tag color="blue">{t.paused}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t.due}: {formatInstant(k.dueAt, tz, lang)} {k.lateText ?? k.remainingText ?? ''}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Card>
        <Card title={t.actions} size="small" style={{ marginTop: 16 }}>
          {actions.length === 0 && <Typography.Text type="secondary">{t.noActions}</Typography.Text>}
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} onClick={() => setOpen(a)} data-action={a}>
                {label(COMMAND_LABELS, a, lang)}
              </Button>
            ))}
          </Space>
        </Card>
      </Col>
      {open && (
        <CommandForm
          command={open}
          caseId={id}
          version={c.version}
          projectId={c.projectId}
          me={me}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            void load();
          }}
        />
      )}
    </Row>
  );
}

/** One command's form; the server's refusal is shown next to the field it names. */
function CommandForm(props: { command: string; caseId: string; version: number; projectId: string; me: Me; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string | null>(null);
  const textField: string | undefined = OWNER_FACING_FIELDS[props.command as keyof typeof OWNER_FACING_FIELDS];
  const ownerText = Form.useWatch(textField ?? 'content', form) as string | undefined;
  const guard = useLanguageGuard(textField ? (ownerText ?? '') : '');
  const [departments, setDepartments] = useState<{ id: string; name: string; projectId: string | null }[]>([]);
  const [staff, setStaff] = useState<{ id: string; name: string; roles: string[] }[]>([]);
  const fields = COMMAND_FIELDS[props.command] ?? [];
  useEffect(() => {
    if (fields.some((f) => f.kind === 'department')) void get<typeof departments>('/api/departments').then(setDepartments);
    if (fields.some((f) => f.kind === 'staff')) void get<typeof staff>(`/api/staff?projectId=${props.projectId}`).then(setStaff);
  }, [props.command]);
  const submit = async (values: Record<string, unknown>) => {
    if (guard.blocked) return; // a flagged text needs 仍然发送 and a reason (the server refuses it anyway)
    const cmd: Record<string, unknown> = { type: props.command };
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === null || v === '') continue; // a fact is never assumed: yes/no are required choices
      cmd[f.name] = f.kind === 'instant' ? new Date(String(v)).toISOString() : v;
    }
    if (props.command === 'message') cmd.direction = 'outbound';
    try {
      await sendCommand(props.caseId, cmd, props.version, guard.languageOverride);
      props.onDone();
    } catch (e) {
      guard.refreshAfter(e);
      setGeneral(
        showServerError(
          form,
          e as ApiError,
          fields.map((f) => f.name),
        ),
      );
    }
  };
  const input = (f: Field) => {
    switch (f.kind) {
      case 'longtext':
        return <Input.TextArea rows={3} />;
      case 'instant':
        return <Input type="datetime-local" />;
      case 'bool':
        return (
          <Radio.Group
            data-field={f.name}
            options={[
              { value: true, label: t.yes },
              { value: false, label: t.no },
            ]}
          />
        );
      case 'rating':
        return <InputNumber min={1} max={5} />;
      case 'department':
        return <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} showSearch optionFilterProp="label" />;
      case 'staff':
        return <Select options={staff.map((s) => ({ value: s.id, label: s.name }))} showSearch optionFilterProp="label" />;
      case 'type':
        return <Select options={Object.keys(CASE_TYPE_LABELS).map((k) => ({ value: k, label: label(CASE_TYPE_LABELS, k, lang) }))} />;
      case 'grade':
        return <Select options={Object.keys(GRADE_LABELS).map((k) => ({ value: k, label: label(GRADE_LABELS, k, lang) }))} />;
      case 'level':
        return <Select options={['company', 'leadership'].map((k) => ({ value: k, label: label(ESCALATION_LABELS, k, lang) }))} />;
      case 'reason':
        return (
          <Select options={['beyond_office', 'compensation', 'against_office_manager'].map((k) => ({ value: k, label: label(ESCALATION_LABELS, k, lang) }))} />
        );
      default:
        return <Input />;
    }
  };
  return (
    <Modal
      open
      title={label(COMMAND_LABELS, props.command, lang)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'command-ok', disabled: guard.blocked } as never}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ which: 'promise' }}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={label(FIELD_LABELS, f.name, lang)}
            rules={f.required || (f.kind === 'bool' && f.required !== false) ? [{ required: true }] : []}
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
      {guard.panel}
      {general && <Alert type="error" showIcon message={general} />}
    </Modal>
  );
}

/** The reply composer: the service-language guard (SPEC §3) warns before the message goes out. */
function Composer({ caseId, version, onSent }: { caseId: string; version: number; onSent: () => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = checkServiceLanguage(text);
  const guard = useLanguageGuard(text);
  const send = async () => {
    if (busy || !text.trim() || guard.blocked) return; // Ctrl+Enter included: a flagged reply needs 仍然发送 and a reason
    setBusy(true);
    try {
      // each file is uploaded first (the server checks type, size and content), then sent with the message
      const attachmentIds: string[] = [];
      for (const f of picked) attachmentIds.push((await upload(f)).id);
      await sendCommand(
        caseId,
        { type: 'message', direction: 'outbound', content: text, ...(attachmentIds.length ? { attachmentIds } : {}) },
        version,
        guard.languageOverride,
      );
      setText('');
      guard.reset();
      setPicked([]);
      setError(null);
      onSent();
    } catch (e) {
      guard.refreshAfter(e);
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t.reply} style={{ marginTop: 16 }}>
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="composer"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
        }}
      />
      {text.trim() && issues.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          message={t.guardTitle}
          data-testid="language-guard"
          description={
            <ul style={{ margin: 0 }}>
              {issues.map((i) => (
                <li key={i.kind}>
                  {LANGUAGE_ISSUE_TEXT[i.kind][lang]}
                  {i.found.length ? `：${i.found.join('、')}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {guard.panel}
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} data-testid="composer-error" />}
      <Space style={{ marginTop: 8 }} wrap>
        <label>
          <Typography.Text type="secondary">
            {t.attach}（{t.attachHint}）
          </Typography.Text>{' '}
          <input
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf"
            data-testid="composer-files"
            onChange={(e) => setPicked([...(e.target.files ?? [])])}
            key={picked.length === 0 ? 'empty' : 'picked'}
          />
        </label>
        <Button
          type={issues.length || guard.flagged.length ? 'default' : 'primary'}
          loading={busy}
          disabled={!text.trim() || guard.blocked}
          onClick={() => void send()}
          data-testid="composer-send"
        >
          {issues.length || guard.flagged.length ? t.sendAnyway : t.send}
        </Button>
      </Space>
    </Card>
  );
}
