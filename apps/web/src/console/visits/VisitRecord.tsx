import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { VISIT_METHODS } from '@guanjia/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Divider, Drawer, Form, Input, List, Rate, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { instantOf, instantOrNull, wallNow } from '../notices/wall-clock';
import { useProjects, useStaff } from '../queries';
import { navigate } from '../router';
import { kindText, methodText, topicText, vt } from './visit-text';

type Detail = RouteResponse<'GET /api/visits/:id'>;
type RecordBody = RouteBody<'POST /api/visits/:id/record'>;
const CASE_TYPES = ['suggestion', 'complaint', 'inquiry', 'repair'] as const;

interface RecordValues {
  visitedAt: Dayjs;
  appointmentAt: Dayjs | null;
  method: (typeof VISIT_METHODS)[number];
  companionId?: string;
  topics: Record<string, { rating?: number; remark?: string }>;
  summary?: string;
  privateNotes?: string;
  opinions?: { text: string; caseType: (typeof CASE_TYPES)[number] }[];
  evaluationScore?: number;
  evaluationText?: string;
}

/** 客户访问记录: the record form of a visit still due, or the record made, with its opinions each turned into a case by one button. */
export function VisitRecordDrawer({
  visitId,
  projectId,
  onClose,
  onChanged,
}: {
  visitId: string;
  projectId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { lang } = useI18n();
  const detail = useQuery({ queryKey: ['visits', 'detail', visitId], queryFn: () => api('GET /api/visits/:id', { params: { id: visitId } }) });
  const [shown, setShown] = useState<Detail | null>(null);
  const v = shown ?? detail.data;
  return (
    <Drawer
      open
      width={720}
      onClose={onClose}
      title={`${vt('recordTitle', lang)}${v ? ` · ${v.unitLabel ?? ''} ${v.ownerName}` : ''}`}
      data-testid="visit-drawer"
    >
      {detail.error && <Alert type="error" showIcon message={(detail.error as ApiError).message} />}
      {v &&
        (v.status === 'due' ? (
          <RecordForm
            visit={v}
            projectId={projectId || v.projectId}
            onSaved={(d) => {
              setShown(d);
              onChanged();
            }}
          />
        ) : (
          <RecordView visit={v} onChanged={(d) => (setShown(d), onChanged())} />
        ))}
    </Drawer>
  );
}

function RecordForm({ visit, projectId, onSaved }: { visit: Detail; projectId: string; onSaved: (d: Detail) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RecordValues>();
  const tz = useProjects().data?.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai';
  const staff = useStaff(projectId).data ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (values: RecordValues) => {
    setProblem(null);
    setSaving(true);
    const topics = visit.topicsOfPhase.flatMap((topic) => {
      const t = values.topics?.[topic];
      return t && (t.rating || t.remark?.trim()) ? [{ topic, rating: t.rating || null, remark: t.remark?.trim() || null }] : [];
    });
    const body: RecordBody = {
      visitedAt: instantOf(values.visitedAt, tz),
      appointmentAt: instantOrNull(values.appointmentAt, tz),
      method: values.method,
      companionId: values.companionId || null,
      topics: topics as RecordBody['topics'],
      summary: values.summary || null,
      privateNotes: values.privateNotes || null,
      opinions: (values.opinions ?? []).filter((o) => o?.text?.trim()),
      evaluation: visit.kind === 'new_owner' && values.evaluationScore ? { score: values.evaluationScore, text: values.evaluationText ?? '' } : null,
    };
    try {
      const saved = await api('POST /api/visits/:id/record', { params: { id: visit.id }, body });
      void message.success(vt('saved', lang));
      onSaved(saved);
    } catch (e) {
      const error = e as ApiError;
      const field = (error.field ?? '').split('.')[0] ?? '';
      if (['visitedAt', 'appointmentAt', 'companionId', 'method', 'summary', 'privateNotes'].includes(field))
        form.setFields([{ name: field as keyof RecordValues, errors: [error.message] }]);
      else setProblem(error.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<RecordValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void save(v)}
      initialValues={{
        visitedAt: wallNow(tz),
        appointmentAt: null,
        method: 'door',
        topics: {},
        opinions: [],
      }}
      data-testid="visit-record-form"
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={vt('kind', lang)}>{kindText(visit.kind, lang)}</Descriptions.Item>
        <Descriptions.Item label={vt('when', lang)}>
          {visit.plannedOn ?? visit.dueOn} {visit.plannedTime ?? ''}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        <Form.Item name="visitedAt" label={vt('visitedAt', lang)} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="visit-visited-at" />
        </Form.Item>
        <Form.Item name="appointmentAt" label={vt('appointmentAt', lang)}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="visit-appointment-at" />
        </Form.Item>
        <Form.Item name="method" label={vt('method', lang)}>
          <Select style={{ width: 120 }} options={VISIT_METHODS.map((m) => ({ value: m, label: methodText(m, lang) }))} />
        </Form.Item>
        <Form.Item name="companionId" label={vt('companion', lang)}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={visit.companionName ?? undefined}
            options={staff.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="visit-companion"
          />
        </Form.Item>
      </Space>
      <Divider orientation="left" plain>
        {vt('topics', lang)}
      </Divider>
      {visit.topicsOfPhase.map((topic) => (
        <Space key={topic} align="baseline" style={{ display: 'flex' }} data-topic={topic}>
          <Typography.Text style={{ width: 130, display: 'inline-block' }}>{topicText(topic, lang)}</Typography.Text>
          <Form.Item name={['topics', topic, 'rating']} style={{ marginBottom: 8 }}>
            <Rate />
          </Form.Item>
          <Form.Item name={['topics', topic, 'remark']} style={{ marginBottom: 8, width: 300 }}>
            <Input placeholder={vt('remark', lang)} maxLength={500} />
          </Form.Item>
        </Space>
      ))}
      <Form.Item name="summary" label={vt('summary', lang)}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="privateNotes" label={vt('privateNotes', lang)} extra={vt('privateHint', lang)}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="visit-private" />
      </Form.Item>
      <Divider orientation="left" plain>
        {vt('opinions', lang)}
      </Divider>
      <Form.List name="opinions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'text']} rules={[{ required: true }]} style={{ width: 420 }}>
                  <Input placeholder={vt('opinionText', lang)} maxLength={2000} data-testid="visit-opinion-text" />
                </Form.Item>
                <Form.Item name={[f.name, 'caseType']} initialValue="suggestion">
                  <Select style={{ width: 100 }} options={CASE_TYPES.map((c) => ({ value: c, label: vt(c, lang) }))} />
                </Form.Item>
                <Button size="small" onClick={() => remove(f.name)}>
                  ×
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ text: '', caseType: 'suggestion' })} data-testid="visit-add-opinion">
              {vt('addOpinion', lang)}
            </Button>
          </>
        )}
      </Form.List>
      {visit.kind === 'new_owner' && (
        <>
          <Divider orientation="left" plain>
            {vt('evaluation', lang)}
          </Divider>
          <Space wrap>
            <Form.Item name="evaluationScore" label={vt('evaluationScore', lang)}>
              <Rate />
            </Form.Item>
            <Form.Item name="evaluationText" label={vt('evaluationText', lang)} style={{ width: 360 }}>
              <Input maxLength={200} />
            </Form.Item>
          </Space>
        </>
      )}
      {problem && <Alert style={{ margin: '12px 0' }} type="error" showIcon message={problem} data-testid="visit-problem" />}
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }} data-testid="visit-save">
        {vt('save', lang)}
      </Button>
    </Form>
  );
}

/** A visit made: its record, the private observations (or that they are restricted), and each opinion with its case or the button that makes it. */
function RecordView({ visit, onChanged }: { visit: Detail; onChanged: (d: Detail) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const toCase = async (opinionId: string) => {
    setBusy(opinionId);
    try {
      const d = await api('POST /api/visits/:id/opinions/:opinionId/case', { params: { id: visit.id, opinionId }, body: {} });
      void message.success(vt('caseMade', lang));
      onChanged(d);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-record-view">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={vt('kind', lang)}>{kindText(visit.kind, lang)}</Descriptions.Item>
        <Descriptions.Item label={vt('method', lang)}>{methodText(visit.method, lang)}</Descriptions.Item>
        <Descriptions.Item label={vt('person', lang)}>{visit.assigneeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={vt('companion', lang)}>{visit.companionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={vt('summary', lang)} span={2}>
          {visit.summary ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={vt('privateNotes', lang)} span={2}>
          {visit.privateRestricted ? <Tag>{vt('privateRestricted', lang)}</Tag> : <span data-testid="visit-private-read">{visit.privateNotes ?? '—'}</span>}
        </Descriptions.Item>
        {visit.evaluation && (
          <Descriptions.Item label={vt('evaluation', lang)} span={2}>
            <Rate disabled value={visit.evaluation.score} /> {visit.evaluation.text}
          </Descriptions.Item>
        )}
      </Descriptions>
      <List
        size="small"
        header={vt('topics', lang)}
        dataSource={visit.topics ?? []}
        renderItem={(t) => (
          <List.Item>
            {topicText(t.topic, lang)} {t.rating ? <Rate disabled value={t.rating} style={{ fontSize: 12 }} /> : null} {t.remark}
          </List.Item>
        )}
      />
      <List
        size="small"
        header={vt('opinions', lang)}
        dataSource={visit.opinions}
        data-testid="visit-opinions"
        renderItem={(o) => (
          <List.Item
            data-opinion={o.id}
            actions={[
              o.caseId ? (
                <Typography.Link key="case" onClick={() => navigate(`/cases/${o.caseId}`)} data-testid="visit-opinion-case">
                  {vt('turned', lang)} {o.caseNumber}
                </Typography.Link>
              ) : (
                <Button key="to-case" size="small" type="primary" loading={busy === o.id} onClick={() => void toCase(o.id)} data-testid="visit-opinion-to-case">
                  {vt('toCase', lang)}
                </Button>
              ),
            ]}
          >
            <Tag>{vt(o.caseType as 'suggestion', lang)}</Tag> {o.text}
          </List.Item>
        )}
      />
    </Space>
  );
}
