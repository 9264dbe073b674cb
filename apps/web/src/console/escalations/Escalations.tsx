import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { ESCALATION_KINDS, ESCALATION_SEVERITIES, ESCALATION_STATUSES, TEXT_LIMITS } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { ProjectSelect, useInspectionProject } from '../inspections/ProjectSelect';
import { useStaffNames } from '../inspections/queries';
import { useDepartments } from '../queries';
import { navigate } from '../router';
import { showServerError } from '../server-errors';
import { et, kindText, severityText, statusText } from './escalation-text';

/**
 * 故障转呈 (issue 16 item 3, decision 0035): the office's fault escalation forms and work-liaison letters and
 * those sent to my department — filtered by step, kind and lateness (逾期未复 in red); 新建转呈 (escalation.write)
 * with the office's cases that caused it; a form opens its answer (the department's head) and its
 * verification (the office: 验证通过, or 未修复 back to the department with a note and a new date).
 */
type Form = RouteResponse<'GET /api/escalations/:id'>;
type Filters = { status?: string; kind?: string; late?: boolean };

const keys = { all: ['escalations'] as const };

function useForms(projectId: string, f: Filters) {
  return useQuery({
    queryKey: [...keys.all, projectId, f],
    queryFn: () =>
      api('GET /api/escalations', {
        query: {
          ...(projectId ? { projectId } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(f.kind ? { kind: f.kind } : {}),
          ...(f.late ? { late: 'true' } : {}),
        } as never,
      }),
  });
}

/** The office's cases to link (the newest 100), by number. */
function useProjectCases(projectId: string) {
  return useQuery({
    queryKey: ['escalation-cases', projectId],
    queryFn: () => api('GET /api/cases', { query: { projectId, limit: 100 } as never }),
    enabled: !!projectId,
  });
}

export function Escalations({ me }: { me: Me }) {
  const { lang } = useI18n();
  const [projectId, setProjectId] = useInspectionProject();
  const [filters, setFilters] = useState<Filters>({});
  const list = useForms(projectId, filters);
  const names = useStaffNames(projectId);
  const departments = new Map((useDepartments().data ?? []).map((d) => [d.id, d.name]));
  const mayWrite = me.capabilities.includes('escalation.write');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const rows = list.data?.items ?? [];
  const current = rows.find((r) => r.id === open) ?? null;
  const at = (iso: string | null) => formatInstant(iso, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="escalations">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {et('title', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        <Select
          allowClear
          placeholder={et('allStatuses', lang)}
          style={{ minWidth: 120 }}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          options={ESCALATION_STATUSES.map((s) => ({ value: s, label: statusText(s, lang) }))}
          data-testid="escalation-filter-status"
        />
        <Select
          allowClear
          placeholder={et('allKinds', lang)}
          style={{ minWidth: 140 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          options={ESCALATION_KINDS.map((k) => ({ value: k, label: kindText(k, lang) }))}
        />
        <Checkbox checked={!!filters.late} onChange={(e) => setFilters({ ...filters, late: e.target.checked })} data-testid="escalation-filter-late">
          {et('lateOnly', lang)}
        </Checkbox>
        {mayWrite && (
          <Button type="primary" onClick={() => setCreating(true)} disabled={!projectId} data-testid="escalation-new">
            {et('newForm', lang)}
          </Button>
        )}
      </Space>
      <Table<Form>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: et('none', lang) }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-escalation': r.title, onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: et('subject', lang), dataIndex: 'title' },
          { title: et('kind', lang), render: (_, r) => kindText(r.kind, lang) },
          {
            title: et('severity', lang),
            render: (_, r) => <Tag color={r.severity === 'general' ? 'default' : 'orange'}>{severityText(r.severity, lang)}</Tag>,
          },
          { title: et('department', lang), render: (_, r) => departments.get(r.departmentId) ?? '—' },
          {
            title: et('requestedDate', lang),
            render: (_, r) => (
              <Space size={4}>
                {r.requestedDate}
                {r.late && <Tag color="red">{et('late', lang)}</Tag>}
              </Space>
            ),
          },
          {
            title: et('status', lang),
            render: (_, r) => (
              <Tag color={r.status === 'verified' ? 'green' : r.status === 'reopened' ? 'orange' : 'blue'} data-testid="escalation-status">
                {statusText(r.status, lang)}
              </Tag>
            ),
          },
        ]}
      />
      {creating && <NewForm projectId={projectId} onClose={() => setCreating(false)} />}
      {current && <FormDrawer f={current} names={names} departments={departments} at={at} onClose={() => setOpen(null)} />}
    </Space>
  );
}

type NewValues = { kind: string; severity: string; title: string; problem: string; departmentId: string; requestedDate: Dayjs; caseIds?: string[] };

function NewForm({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<NewValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const departments = (useDepartments().data ?? []).filter((d) => d.projectId === null || d.projectId === projectId);
  const cases = useProjectCases(projectId).data;
  const caseItems = cases && 'items' in cases ? (cases.items as { id: string; number: string }[]) : [];
  const send = async (v: NewValues) => {
    setBusy(true);
    setError(null);
    try {
      const body: RouteBody<'POST /api/escalations'> = {
        projectId,
        kind: v.kind as never,
        severity: v.severity as never,
        title: v.title.trim(),
        problem: v.problem.trim(),
        departmentId: v.departmentId,
        requestedDate: v.requestedDate.format('YYYY-MM-DD'),
        caseIds: v.caseIds ?? [],
      };
      await api('POST /api/escalations', { body });
      void message.success(et('sent', lang));
      await client.invalidateQueries({ queryKey: keys.all });
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['kind', 'severity', 'title', 'problem', 'departmentId', 'requestedDate', 'caseIds']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={et('newForm', lang)}
      width={Math.min(640, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={et('send', lang)}
      cancelText={et('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'escalation-send' } as Record<string, string>) }}
    >
      <Form form={form} layout="vertical" onFinish={send} initialValues={{ kind: 'fault', severity: 'general' }}>
        <Space wrap>
          <Form.Item name="kind" label={et('kind', lang)} rules={[{ required: true }]}>
            <Select style={{ minWidth: 150 }} options={ESCALATION_KINDS.map((k) => ({ value: k, label: kindText(k, lang) }))} />
          </Form.Item>
          <Form.Item name="severity" label={et('severity', lang)} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 100 }}
              options={ESCALATION_SEVERITIES.map((s) => ({ value: s, label: severityText(s, lang) }))}
              data-testid="escalation-severity"
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={et('subject', lang)} rules={[{ required: true, whitespace: true, message: requiredMessage(et('subject', lang), lang) }]}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="escalation-title" />
        </Form.Item>
        <Form.Item
          name="problem"
          label={et('problem', lang)}
          rules={[{ required: true, whitespace: true, message: requiredMessage(et('problem', lang), lang) }]}
        >
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.long} data-testid="escalation-problem" />
        </Form.Item>
        <Form.Item name="departmentId" label={et('department', lang)} rules={[{ required: true, message: requiredMessage(et('department', lang), lang) }]}>
          <Select showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="escalation-department" />
        </Form.Item>
        <Form.Item
          name="requestedDate"
          label={et('requestedDate', lang)}
          rules={[{ required: true, message: requiredMessage(et('requestedDate', lang), lang) }]}
        >
          <DatePicker format="YYYY-MM-DD" data-testid="escalation-date" />
        </Form.Item>
        <Form.Item name="caseIds" label={et('cases', lang)} extra={et('casesHint', lang)}>
          <Select mode="multiple" optionFilterProp="label" options={caseItems.map((c) => ({ value: c.id, label: c.number }))} data-testid="escalation-cases" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function FormDrawer({
  f,
  names,
  departments,
  at,
  onClose,
}: {
  f: Form;
  names: Map<string, string>;
  departments: Map<string, string>;
  at: (iso: string | null) => string;
  onClose: () => void;
}) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const cases = useProjectCases(f.projectId).data;
  const numbers = new Map((cases && 'items' in cases ? (cases.items as { id: string; number: string }[]) : []).map((c) => [c.id, c.number]));
  const [text, setText] = useState('');
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      setText('');
      setDate(null);
      void message.success(done);
      await client.invalidateQueries({ queryKey: keys.all });
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={f.title} width={Math.min(560, window.innerWidth)} onClose={onClose} data-testid="escalation-drawer">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag>{kindText(f.kind, lang)}</Tag>
          <Tag color={f.status === 'verified' ? 'green' : 'blue'} data-testid="escalation-drawer-status">
            {statusText(f.status, lang)}
          </Tag>
          <Tag>{et('roundN', lang, { n: f.round })}</Tag>
          {f.late && <Tag color="red">{et('late', lang)}</Tag>}
        </Space>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={et('problem', lang)}>{f.problem}</Descriptions.Item>
          <Descriptions.Item label={et('severity', lang)}>{severityText(f.severity, lang)}</Descriptions.Item>
          <Descriptions.Item label={et('department', lang)}>{departments.get(f.departmentId) ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={et('requestedDate', lang)}>{f.requestedDate}</Descriptions.Item>
          <Descriptions.Item label={et('sentBy', lang)}>
            {names.get(f.sentBy) ?? '—'} · {at(f.sentAt)}
          </Descriptions.Item>
          <Descriptions.Item label={et('cases', lang)}>
            <Space wrap data-testid="escalation-case-links">
              {f.caseIds.length
                ? f.caseIds.map((id) => (
                    <Typography.Link key={id} onClick={() => navigate(`/cases/${id}`)}>
                      {numbers.get(id) ?? id}
                    </Typography.Link>
                  ))
                : '—'}
            </Space>
          </Descriptions.Item>
          {f.response && (
            <Descriptions.Item label={et('response', lang)}>
              <span data-testid="escalation-response">{f.response}</span>
            </Descriptions.Item>
          )}
          {f.feedbackAt && <Descriptions.Item label={et('feedbackAt', lang)}>{at(f.feedbackAt)}</Descriptions.Item>}
          {f.verificationNote && <Descriptions.Item label={et('verification', lang)}>{f.verificationNote}</Descriptions.Item>}
          {f.pastRounds.length > 0 && (
            <Descriptions.Item label={et('pastRounds', lang)}>
              {f.pastRounds.map((p) => (
                <div key={p.round}>
                  {et('roundN', lang, { n: p.round })}: {p.response ?? '—'} → {p.note}
                </div>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
        {f.canRespond && (
          <div data-testid="escalation-respond">
            <Input.TextArea
              rows={3}
              maxLength={4000}
              placeholder={et('response', lang)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="escalation-response-text"
            />
            <Button
              type="primary"
              style={{ marginTop: 8 }}
              loading={busy}
              onClick={() => {
                if (!text.trim()) return setError(requiredMessage(et('response', lang), lang));
                void act(() => api('POST /api/escalations/:id/response', { params: { id: f.id }, body: { response: text.trim() } }), et('responded', lang));
              }}
              data-testid="escalation-respond-send"
            >
              {et('respond', lang)}
            </Button>
          </div>
        )}
        {f.canVerify && (
          <div data-testid="escalation-verify">
            <Input.TextArea
              rows={2}
              maxLength={2000}
              placeholder={et('verifyNote', lang)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="escalation-note"
            />
            <div style={{ margin: '8px 0' }}>
              <DatePicker format="YYYY-MM-DD" placeholder={et('newDate', lang)} value={date} onChange={setDate} style={{ width: '100%' }} />
            </div>
            <Space wrap>
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  void act(
                    () => api('POST /api/escalations/:id/verification', { params: { id: f.id }, body: { fixed: true, note: text.trim() || null } }),
                    et('verified', lang),
                  )
                }
                data-testid="escalation-fixed"
              >
                {et('fixed', lang)}
              </Button>
              <Button
                danger
                loading={busy}
                onClick={() => {
                  if (!text.trim()) return setError(requiredMessage(et('verifyNote', lang), lang));
                  void act(
                    () =>
                      api('POST /api/escalations/:id/verification', {
                        params: { id: f.id },
                        body: { fixed: false, note: text.trim(), requestedDate: date ? date.format('YYYY-MM-DD') : null },
                      }),
                    et('reopened', lang),
                  );
                }}
                data-testid="escalation-not-fixed"
              >
                {et('notFixed', lang)}
              </Button>
            </Space>
          </div>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="escalation-error" />}
      </Space>
    </Drawer>
  );
}
