import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import {
  CALLBACK_FOLLOW_UPS,
  CALLBACK_MODES,
  CALLBACK_RESULTS,
  CALLBACK_SOURCES,
  CALLBACK_STATUSES,
  CALLBACK_VERDICTS,
  type CallbackMode,
  type CallbackSource,
  type CallbackStatus,
} from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects, useStaff } from '../queries';
import { navigate } from '../router';
import { ct, label } from './callback-text';

type Callback = RouteResponse<'GET /api/callbacks'>['items'][number];
type Detail = RouteResponse<'GET /api/callbacks/:id'>;
type RecordBody = RouteBody<'POST /api/callbacks/:id/records'>;

const keys = { all: ['callbacks'] as const };
/** The roles that may make callbacks (callback.make; the server checks again when one is given to someone). */
const CALLER_ROLES = ['agent', 'front_desk', 'area_steward', 'service_supervisor', 'office_manager', 'quality_officer', 'admin'];

/**
 * 回访 (callbacks, issue 14 item 1, decision 0027): a project's queue filtered by status and source,
 * at-risk and overdue callbacks marked; a callback opens with its case and its calls, and the 回访记录表
 * form (not reached: the next time it may be tried; 不满意: rework or a complaint). Each shows whom it is
 * given to (只看我的: the caller's own). With `callback.admin`: reassigning one with a reason, the
 * setting per repair category and the quality department's monthly list.
 */
export function Callbacks({ me }: { me: Me }) {
  const { lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const tz = projects.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai';
  const [status, setStatus] = useState<CallbackStatus>('due');
  const [source, setSource] = useState<CallbackSource | ''>('');
  const [mine, setMine] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: [...keys.all, projectId, status, source, mine],
    queryFn: () =>
      api('GET /api/callbacks', { query: { projectId, status, ...(source ? { source } : {}), ...(mine ? { mine: 'true' as const } : {}), limit: 200 } }),
    enabled: !!projectId && me.capabilities.includes('callback.make'),
  });
  const when = (iso: string | null) => formatInstant(iso, tz, lang);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="callbacks">
      <Card
        title={ct('queue', lang)}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 160 }}
              value={projectId || undefined}
              onChange={setChosen}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              aria-label={ct('project', lang)}
              data-testid="callback-project"
            />
            <Select
              style={{ minWidth: 120 }}
              value={status}
              onChange={setStatus}
              options={CALLBACK_STATUSES.map((s) => ({ value: s, label: label.status(s, lang) }))}
              aria-label={ct('status', lang)}
              data-testid="callback-status"
            />
            <Select
              style={{ minWidth: 160 }}
              value={source}
              onChange={setSource}
              options={[{ value: '', label: ct('allSources', lang) }, ...CALLBACK_SOURCES.map((s) => ({ value: s, label: label.source(s, lang) }))]}
              aria-label={ct('source', lang)}
            />
            <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="callback-mine">
              {ct('mine', lang)}
            </Checkbox>
          </Space>
        }
      >
        <Table<Callback>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: ct('nothing', lang) }}
          onRow={(c) => ({ style: { background: c.urgency === 'overdue' ? '#fff1f0' : c.urgency === 'at_risk' ? '#fff7e6' : undefined } })}
          columns={[
            { title: ct('caseNo', lang), render: (_, c) => <a onClick={() => navigate(`/cases/${c.caseId}`)}>{c.case.number}</a> },
            { title: ct('title', lang), render: (_, c) => c.case.title },
            { title: ct('source', lang), render: (_, c) => <Tag>{label.source(c.source, lang)}</Tag> },
            { title: ct('unit', lang), render: (_, c) => c.unitLabel ?? '—' },
            {
              title: ct('assignee', lang),
              render: (_, c) => <span data-testid={`callback-assignee-${c.case.number}`}>{c.assigneeName ?? ct('unassigned', lang)}</span>,
            },
            {
              title: ct('dueAt', lang),
              render: (_, c) => (
                <Space size={4}>
                  {when(c.dueAt)}
                  {c.urgency === 'overdue' && <Tag color="red">{ct('overdue', lang)}</Tag>}
                  {c.urgency === 'at_risk' && <Tag color="orange">{ct('atRisk', lang)}</Tag>}
                </Space>
              ),
            },
            { title: ct('attempts', lang), render: (_, c) => c.attempts },
            { title: ct('nextAttempt', lang), render: (_, c) => (c.nextAttemptAt ? when(c.nextAttemptAt) : '—') },
            { title: ct('outcome', lang), render: (_, c) => (c.outcome ? label.verdict(c.outcome, lang) : '—') },
            {
              title: '',
              render: (_, c) => (
                <Button
                  size="small"
                  type={c.status === 'due' ? 'primary' : 'default'}
                  onClick={() => setOpen(c.id)}
                  data-testid={`callback-open-${c.case.number}`}
                >
                  {ct('open', lang)}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {me.capabilities.includes('callback.admin') && projectId && <CallbackAdmin projectId={projectId} />}
      <Drawer open={!!open} onClose={() => setOpen(null)} width={620} title={ct('record', lang)} destroyOnClose>
        {open && <CallbackDrawer id={open} tz={tz} projectId={projectId} canReassign={me.capabilities.includes('callback.admin')} />}
      </Drawer>
    </Space>
  );
}

function CallbackDrawer({ id, tz, projectId, canReassign }: { id: string; tz: string; projectId: string; canReassign: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: [...keys.all, 'one', id], queryFn: () => api('GET /api/callbacks/:id', { params: { id } }) });
  const [form] = Form.useForm<RecordBody>();
  const reached = Form.useWatch('reached', form);
  const quality = Form.useWatch('quality', form);
  const attitude = Form.useWatch('attitude', form);
  const result = Form.useWatch('result', form);
  const [saving, setSaving] = useState(false);
  const d: Detail | undefined = detail.data;
  if (!d) return null;
  const cb = d.callback;
  const notSatisfied = reached === true && (quality === 'not_satisfied' || attitude === 'not_satisfied' || result === 'unresolved');
  const when = (iso: string | null) => formatInstant(iso, tz, lang);
  const save = async (values: RecordBody) => {
    setSaving(true);
    try {
      const body: RecordBody = values.reached ? values : { reached: false, ...(values.note ? { note: values.note } : {}) };
      await api('POST /api/callbacks/:id/records', { params: { id }, body });
      void message.success(ct('saved', lang));
      form.resetFields();
      await client.invalidateQueries({ queryKey: keys.all });
    } catch (e) {
      const err = e as ApiError;
      if (err.field && ['quality', 'attitude', 'result', 'followUp', 'ownerWords', 'note'].includes(err.field))
        form.setFields([{ name: err.field as keyof RecordBody, errors: [err.message] }]);
      else void message.error(err.message);
    } finally {
      setSaving(false);
    }
  };
  const verdicts = CALLBACK_VERDICTS.map((v) => ({ value: v, label: label.verdict(v, lang) }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="callback-drawer">
      <Descriptions size="small" column={1} bordered title={ct('caseSummary', lang)}>
        <Descriptions.Item label={ct('caseNo', lang)}>
          <a onClick={() => navigate(`/cases/${cb.caseId}`)}>{cb.case.number}</a> {cb.case.title}
        </Descriptions.Item>
        <Descriptions.Item label={ct('source', lang)}>{label.source(cb.source, lang)}</Descriptions.Item>
        <Descriptions.Item label={ct('unit', lang)}>{cb.unitLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={ct('dueAt', lang)}>{when(cb.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={ct('assignee', lang)}>
          <span data-testid="callback-drawer-assignee">{cb.assigneeName ?? ct('unassigned', lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={ct('status', lang)}>
          <span data-testid="callback-state">{label.status(cb.status, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={ct('description', lang)}>{d.caseDescription}</Descriptions.Item>
      </Descriptions>
      {d.reassignments.length > 0 && (
        <Card size="small" title={ct('reassignments', lang)} data-testid="callback-reassignments">
          {d.reassignments.map((m) => (
            <Typography.Paragraph key={`${m.at}-${m.toId}`} style={{ marginBottom: 4 }}>
              {ct('moved', lang, { by: m.byName ?? '—', at: when(m.at), from: m.fromName ?? ct('unassigned', lang), to: m.toName ?? '—', reason: m.reason })}
            </Typography.Paragraph>
          ))}
        </Card>
      )}
      {canReassign && cb.status === 'due' && <Reassign id={id} projectId={projectId} current={cb.assigneeId} />}
      {cb.status === 'due' && cb.nextAttemptAt && (
        <Alert type="warning" showIcon data-testid="callback-retry" message={ct('retryAt', lang, { time: when(cb.nextAttemptAt) })} />
      )}
      {cb.status === 'unreachable' && <Alert type="error" showIcon message={ct('unreachable', lang)} />}
      {cb.followUpCaseId && (
        <Button type="link" onClick={() => navigate(`/cases/${cb.followUpCaseId}`)}>
          {ct('followUpCase', lang)}
        </Button>
      )}
      {d.records.length > 0 && (
        <Card size="small" title={ct('history', lang)}>
          <Timeline
            items={d.records.map((r) => ({
              color: r.reached ? 'green' : 'gray',
              children: (
                <span>
                  {ct('attempt', lang, { n: r.attempt })} · {when(r.madeAt)} · {r.reached ? ct('yes', lang) : ct('no', lang)}
                  {r.reached && r.quality && r.attitude && r.result && (
                    <> · {`${label.verdict(r.quality, lang)} / ${label.verdict(r.attitude, lang)} / ${label.result(r.result, lang)}`}</>
                  )}
                  {r.ownerWords && <Typography.Paragraph type="secondary">“{r.ownerWords}”</Typography.Paragraph>}
                </span>
              ),
            }))}
          />
        </Card>
      )}
      {cb.status === 'due' && (
        <Form<RecordBody> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="callback-form">
          <Form.Item name="reached" label={ct('reached', lang)} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: ct('yes', lang) },
                { value: false, label: ct('no', lang) },
              ]}
            />
          </Form.Item>
          {reached === true && (
            <>
              <Form.Item name="quality" label={ct('quality', lang)} rules={[{ required: true }]}>
                <Radio.Group options={verdicts} data-testid="callback-quality" />
              </Form.Item>
              <Form.Item name="attitude" label={ct('attitude', lang)} rules={[{ required: true }]}>
                <Radio.Group options={verdicts} data-testid="callback-attitude" />
              </Form.Item>
              <Form.Item name="result" label={ct('result', lang)} rules={[{ required: true }]}>
                <Radio.Group options={CALLBACK_RESULTS.map((r) => ({ value: r, label: label.result(r, lang) }))} data-testid="callback-result" />
              </Form.Item>
              <Form.Item name="ownerWords" label={ct('ownerWords', lang)}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="callback-words" />
              </Form.Item>
              {notSatisfied && (
                <>
                  <Alert type="error" showIcon style={{ marginBottom: 12 }} message={ct('notSatisfiedHint', lang)} />
                  <Form.Item name="followUp" label={ct('followUp', lang)} rules={[{ required: true }]}>
                    <Radio.Group
                      options={CALLBACK_FOLLOW_UPS.filter((f) => f !== 'rework' || cb.case.type === 'repair').map((f) => ({
                        value: f,
                        label: label.followUp(f, lang),
                      }))}
                      data-testid="callback-follow-up"
                    />
                  </Form.Item>
                </>
              )}
            </>
          )}
          {reached === false && (
            <Form.Item name="note" label={ct('note', lang)}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={saving} data-testid="callback-save">
            {ct('save', lang)}
          </Button>
        </Form>
      )}
    </Space>
  );
}

/** callback.admin: gives the callback to someone else of the project who makes callbacks, with the reason. */
function Reassign({ id, projectId, current }: { id: string; projectId: string; current: string | null }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const staff = useStaff(projectId).data ?? [];
  const [to, setTo] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const callers = staff.filter((s) => s.active && s.id !== current && s.roles.some((r) => CALLER_ROLES.includes(r)));
  const save = async () => {
    setError(null);
    try {
      await api('PUT /api/callbacks/:id/assignee', { params: { id }, body: { assigneeId: to!, reason: reason.trim() } });
      void message.success(ct('reassigned', lang));
      setTo(undefined);
      setReason('');
      await client.invalidateQueries({ queryKey: keys.all });
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Card size="small" title={ct('reassign', lang)} data-testid="callback-reassign">
      <Space wrap>
        <Select
          style={{ minWidth: 200 }}
          value={to}
          onChange={setTo}
          placeholder={ct('reassignTo', lang)}
          options={callers.map((s) => ({ value: s.id, label: s.name }))}
          data-testid="callback-reassign-to"
        />
        <Input
          style={{ width: 220 }}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={ct('reassignReason', lang)}
          maxLength={200}
          data-testid="callback-reassign-reason"
        />
        <Button disabled={!to || !reason.trim()} onClick={() => void save()} data-testid="callback-reassign-save">
          {ct('reassign', lang)}
        </Button>
      </Space>
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
    </Card>
  );
}

/** callback.admin: the setting per repair category, and the quality department's monthly list. */
function CallbackAdmin({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const settings = useQuery({
    queryKey: [...keys.all, 'settings', projectId],
    queryFn: () => api('GET /api/callback-settings', { query: { projectId } }),
  });
  const client = useQueryClient();
  const [category, setCategory] = useState('');
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const put = async (c: string, mode: CallbackMode) => {
    try {
      await api('PUT /api/callback-settings', { body: { projectId, category: c, mode } });
      void message.success(ct('settingSaved', lang));
      setCategory('');
      await client.invalidateQueries({ queryKey: [...keys.all, 'settings', projectId] });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  const fill = async () => {
    try {
      const res = await api('POST /api/callbacks/monthly', { body: { projectId, month } });
      void message.success(ct('filled', lang, { n: res.created }));
      await client.invalidateQueries({ queryKey: keys.all });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  const modes = CALLBACK_MODES.map((m) => ({ value: m, label: label.mode(m, lang) }));
  return (
    <Card title={ct('settings', lang)} data-testid="callback-settings">
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={settings.data?.settings ?? []}
        columns={[
          { title: ct('category', lang), dataIndex: 'category' },
          {
            title: ct('mode', lang),
            render: (_, s) => <Select style={{ minWidth: 200 }} value={s.mode} options={modes} onChange={(m) => void put(s.category, m)} />,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Input placeholder={ct('category', lang)} value={category} onChange={(e) => setCategory(e.target.value)} maxLength={50} />
        <Button disabled={!category.trim()} onClick={() => void put(category.trim(), 'always')}>
          {ct('addCategory', lang)}
        </Button>
        <Typography.Text strong style={{ marginLeft: 24 }}>
          {ct('monthly', lang)}
        </Typography.Text>
        <Input style={{ width: 110 }} value={month} onChange={(e) => setMonth(e.target.value)} aria-label={ct('month', lang)} />
        <Button onClick={() => void fill()}>{ct('fill', lang)}</Button>
      </Space>
    </Card>
  );
}
