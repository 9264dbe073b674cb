import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { COMPLAINT_CAUSE_STATE_LABELS } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, type ApiError } from '../shared/api';
import { colon, inParens, requiredMessage, useI18n, type Lang } from '../shared/i18n';
import { ExportButtons } from './ExportButtons';
import { keys, REPORTS_CADENCE, useProjects, useStaff, type ReportFilters } from './queries';
import { showServerError } from './server-errors';

/**
 * 投诉原因分析 · 纠正措施 (issue 16 item 1, decision 0039), on the dashboard beside the complaint categories:
 * the period's complaint causes ranked with count, share and cumulative share, the main causes marked
 * (those covering 80 % of the named complaints), and under each cause its corrective measures — responsible,
 * due date, 进行中 / 逾期 / 已完成 and the result; a main cause without one reads 未制定措施. Those who may
 * (complaint.measure in the project, as the server says) add a measure (添加措施) and mark one done (标记完成).
 * The quality department (complaint.verify, as the server says per measure) verifies a done one (验证: 有效 / 无效
 * and 验证说明), shown as 已验证·有效 / 已验证·无效 with what was checked; each measure shows its cause's
 * complaints in its month and the next. A cause whose measure was found ineffective reads 措施无效 until a new one.
 */
type Report = RouteResponse<'GET /api/reports/complaint-causes'>;
type Cause = Report['causes'][number];
type Measure = Cause['measures'][number];

const TEXT = {
  title: ['投诉原因分析 · 纠正措施', 'Complaint causes · corrective measures'],
  rule: [
    '主要原因：按投诉数排序，累计覆盖已分类投诉 80% 的原因（并列同计）',
    'Main causes: by count, those covering 80 % of the categorized complaints (ties alike)',
  ],
  rank: ['排名', 'Rank'],
  cause: ['投诉原因', 'Cause'],
  count: ['投诉数', 'Complaints'],
  share: ['占比', 'Share'],
  cumulative: ['累计占比', 'Cumulative'],
  main: ['主要原因', 'Main cause'],
  state: ['措施状态', 'Measures'],
  measures: ['纠正措施', 'Corrective measures'],
  uncategorized: ['未分类', 'Uncategorized'],
  total: ['投诉总数 {n}', '{n} complaints'],
  add: ['添加措施', 'Add measure'],
  complete: ['标记完成', 'Mark done'],
  project: ['管理处', 'Office'],
  month: ['所属月份', 'Month'],
  measure: ['措施内容', 'Measure'],
  responsible: ['责任人', 'Responsible'],
  dueDate: ['完成期限', 'Due date'],
  result: ['完成情况', 'Result'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  saved: ['已添加纠正措施', 'Corrective measure added'],
  completed: ['已标记完成', 'Marked done'],
  planned: ['进行中', 'In progress'],
  overdue: ['逾期', 'Overdue'],
  done: ['已完成', 'Done'],
  verify: ['验证', 'Verify'],
  verifyTitle: ['效果验证', 'Verification'],
  verdict: ['验证结果', 'Verdict'],
  effective: ['有效', 'Effective'],
  ineffective: ['无效', 'Ineffective'],
  note: ['验证说明', 'What was checked'],
  verifiedEffective: ['已验证·有效', 'Verified · effective'],
  verifiedIneffective: ['已验证·无效', 'Verified · ineffective'],
  verified: ['已完成效果验证', 'Verified'],
  counts: ['投诉 {month} {m} 件 · {next} {n} 件', 'Complaints {month}: {m} · {next}: {n}'],
} as const;
type Key = keyof typeof TEXT;
const pick = (lang: string) => (lang === 'en' ? 1 : 0);
const ct = (key: Key, lang: string, vars: Record<string, string | number> = {}) =>
  TEXT[key][pick(lang)].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));

const STATE_COLORS = { no_measure: 'orange', in_progress: 'blue', overdue: 'red', ineffective: 'magenta', done: 'green' } as const;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function ComplaintCauses({ filters }: { filters: ReportFilters }) {
  const { lang } = useI18n();
  const report = useQuery({
    queryKey: [...keys.reports, 'complaint-causes', filters],
    queryFn: () => api('GET /api/reports/complaint-causes', { query: filters }),
    // as the dashboard's other reports: slowly or on 刷新 (Dashboard.tsx), never on a live event
    ...REPORTS_CADENCE,
  });
  const projects = new Map((useProjects().data ?? []).map((p) => [p.id, p.name]));
  const [adding, setAdding] = useState<string | null>(null);
  const [completing, setCompleting] = useState<Measure | null>(null);
  const [verifying, setVerifying] = useState<Measure | null>(null);
  const data = report.data;
  const mayWrite = (data?.canWrite.length ?? 0) > 0;
  const causeName = (c: string | null) => c ?? ct('uncategorized', lang);
  return (
    <Col xs={24} style={{ marginTop: 16 }}>
      <Card
        title={ct('title', lang)}
        extra={
          <Space size={8}>
            {data && <Typography.Text type="secondary">{ct('total', lang, { n: data.total })}</Typography.Text>}
            <ExportButtons route="GET /api/exports/complaint-causes" query={filters} testId="export-complaint-causes" />
          </Space>
        }
        data-testid="complaint-causes"
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {ct('rule', lang)}
        </Typography.Paragraph>
        <Table<Cause>
          size="small"
          rowKey={(c) => c.category ?? '-'}
          pagination={false}
          loading={report.isLoading}
          dataSource={data?.causes ?? []}
          onRow={(c) => ({ 'data-cause': c.category ?? '-' }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 900 }}
          columns={[
            { title: ct('rank', lang), dataIndex: 'rank', width: 60 },
            { title: ct('cause', lang), dataIndex: 'category', render: (c: string | null) => causeName(c) },
            { title: ct('count', lang), dataIndex: 'count', width: 80 },
            { title: ct('share', lang), dataIndex: 'share', width: 80, render: pct },
            { title: ct('cumulative', lang), dataIndex: 'cumulativeShare', width: 90, render: pct },
            {
              title: ct('main', lang),
              dataIndex: 'main',
              width: 90,
              render: (main: boolean) => (main ? <Tag color="volcano">{ct('main', lang)}</Tag> : null),
            },
            {
              title: ct('state', lang),
              dataIndex: 'state',
              width: 110,
              render: (s: Cause['state']) =>
                s ? (
                  <Tag color={STATE_COLORS[s]} data-testid="cause-state">
                    {COMPLAINT_CAUSE_STATE_LABELS[s][pick(lang)]}
                  </Tag>
                ) : null,
            },
            {
              title: ct('measures', lang),
              key: 'measures',
              render: (_: unknown, c: Cause) => (
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  {c.measures.map((m) => (
                    <MeasureLine
                      key={m.id}
                      m={m}
                      lang={lang}
                      projectName={data && data.canWrite.length > 1 ? projects.get(m.projectId) : undefined}
                      onComplete={() => setCompleting(m)}
                      onVerify={() => setVerifying(m)}
                    />
                  ))}
                  {mayWrite && c.category !== null && (
                    <Button size="small" type="dashed" onClick={() => setAdding(c.category)} data-testid="measure-add">
                      {ct('add', lang)}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {adding !== null && data && <AddMeasure category={adding} report={data} filters={filters} onClose={() => setAdding(null)} />}
      {completing && <CompleteMeasure measure={completing} onClose={() => setCompleting(null)} />}
      {verifying && <VerifyMeasure measure={verifying} onClose={() => setVerifying(null)} />}
    </Col>
  );
}

function MeasureLine({
  m,
  lang,
  projectName,
  onComplete,
  onVerify,
}: {
  m: Measure;
  lang: Lang;
  projectName?: string;
  onComplete: () => void;
  onVerify: () => void;
}) {
  const status: Key = m.status === 'done' ? 'done' : m.overdue ? 'overdue' : 'planned';
  return (
    <div data-measure={m.measure} style={{ borderLeft: '2px solid #d9d9d9', paddingLeft: 8 }}>
      <Space wrap size={4}>
        <Tag color={status === 'done' ? 'green' : status === 'overdue' ? 'red' : 'blue'} data-testid="measure-status">
          {ct(status, lang)}
        </Tag>
        <Typography.Text>{m.measure}</Typography.Text>
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {projectName ? `${projectName} · ` : ''}
          {m.month} · {ct('responsible', lang)} {m.responsibleName || m.responsibleId} · {ct('dueDate', lang)} {m.dueDate}
        </Typography.Text>
        {m.canComplete && (
          <Button size="small" type="link" onClick={onComplete} data-testid="measure-complete">
            {ct('complete', lang)}
          </Button>
        )}
        {m.canVerify && (
          <Button size="small" type="link" onClick={onVerify} data-testid="measure-verify">
            {ct('verify', lang)}
          </Button>
        )}
      </div>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="measure-counts">
          {ct('counts', lang, { month: m.month, m: m.monthCount, next: m.nextMonth, n: m.nextMonthCount })}
        </Typography.Text>
      </div>
      {m.resultNote && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="measure-result">
          {ct('result', lang)}
          {colon(lang)}
          {m.resultNote}
          {m.doneByName ? inParens(m.doneByName, lang) : ''}
        </Typography.Text>
      )}
      {m.effective !== null && (
        <div data-testid="measure-verification">
          <Tag color={m.effective ? 'green' : 'magenta'} data-testid="measure-verdict">
            {ct(m.effective ? 'verifiedEffective' : 'verifiedIneffective', lang)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.verification}
            {m.verifiedByName ? `（${m.verifiedByName}）` : ''}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

type NewValues = { projectId: string; month: string; measure: string; responsibleId: string; dueDate: Dayjs };

/**
 * The measures' dialogs: the form in a modal, sent once at a time (busy while the server answers), the
 * server's refusal shown next to its field (or above the button), the causes reloaded on success.
 */
function MeasureDialog<V>({
  title,
  okText,
  okTestId,
  width = 520,
  form,
  fields,
  success,
  send,
  onClose,
  initialValues,
  children,
}: {
  title: string;
  okText: string;
  okTestId: string;
  width?: number;
  form: FormInstance<V>;
  fields: string[];
  success: string;
  send: (values: V) => Promise<unknown>;
  onClose: () => void;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await send(values);
      void message.success(success);
      await client.invalidateQueries({ queryKey: [...keys.reports, 'complaint-causes'] });
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, fields));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      width={Math.min(width, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      cancelText={ct('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': okTestId } as Record<string, string>) }}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {children}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function AddMeasure({ category, report, filters, onClose }: { category: string; report: Report; filters: ReportFilters; onClose: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<NewValues>();
  const projects = (useProjects().data ?? []).filter((p) => report.canWrite.includes(p.id));
  const initialProject = filters.projectId && report.canWrite.includes(filters.projectId) ? filters.projectId : report.canWrite[0];
  const projectId = Form.useWatch('projectId', form) ?? initialProject;
  const staff = useStaff(projectId).data ?? [];
  // the month whose complaints it answers: this month if the period has it, else the period's last
  const thisMonth = new Date().toISOString().slice(0, 7);
  const month = report.months.includes(thisMonth) ? thisMonth : report.months.at(-1);
  const save = (v: NewValues) => {
    const body: RouteBody<'POST /api/complaint-measures'> = {
      projectId: v.projectId,
      category,
      month: v.month,
      measure: v.measure.trim(),
      responsibleId: v.responsibleId,
      dueDate: v.dueDate.format('YYYY-MM-DD'),
    };
    return api('POST /api/complaint-measures', { body });
  };
  return (
    <MeasureDialog
      title={`${ct('add', lang)} · ${category}`}
      okText={ct('save', lang)}
      okTestId="measure-save"
      width={560}
      form={form}
      fields={['projectId', 'month', 'measure', 'responsibleId', 'dueDate']}
      success={ct('saved', lang)}
      send={save}
      onClose={onClose}
      initialValues={{ projectId: initialProject, month }}
    >
      <Space wrap>
        <Form.Item name="projectId" label={ct('project', lang)} rules={[{ required: true, message: requiredMessage(ct('project', lang), lang, true) }]}>
          <Select
            style={{ minWidth: 160 }}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            onChange={() => form.setFieldValue('responsibleId', undefined)}
          />
        </Form.Item>
        <Form.Item name="month" label={ct('month', lang)} rules={[{ required: true, message: requiredMessage(ct('month', lang), lang, true) }]}>
          <Select style={{ minWidth: 120 }} options={report.months.map((m) => ({ value: m, label: m }))} data-testid="measure-month" />
        </Form.Item>
      </Space>
      <Form.Item name="measure" label={ct('measure', lang)} rules={[{ required: true, whitespace: true, message: requiredMessage(ct('measure', lang), lang) }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="measure-text" />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="responsibleId"
          label={ct('responsible', lang)}
          rules={[{ required: true, message: requiredMessage(ct('responsible', lang), lang, true) }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            options={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="measure-responsible"
          />
        </Form.Item>
        <Form.Item name="dueDate" label={ct('dueDate', lang)} rules={[{ required: true, message: requiredMessage(ct('dueDate', lang), lang, true) }]}>
          <DatePicker format="YYYY-MM-DD" data-testid="measure-due" />
        </Form.Item>
      </Space>
    </MeasureDialog>
  );
}

function CompleteMeasure({ measure, onClose }: { measure: Measure; onClose: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<{ resultNote: string }>();
  return (
    <MeasureDialog
      title={`${ct('complete', lang)} · ${measure.measure}`}
      okText={ct('complete', lang)}
      okTestId="measure-complete-send"
      form={form}
      fields={['resultNote']}
      success={ct('completed', lang)}
      send={(v) => api('POST /api/complaint-measures/:id/done', { params: { id: measure.id }, body: { resultNote: v.resultNote.trim() } })}
      onClose={onClose}
    >
      <Form.Item
        name="resultNote"
        label={ct('result', lang)}
        rules={[{ required: true, whitespace: true, message: requiredMessage(ct('result', lang), lang) }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="measure-result-text" />
      </Form.Item>
    </MeasureDialog>
  );
}

type Verdict = { effective: boolean; note: string };

/** 效果验证: whether the done measure worked (有效 / 无效) and what was checked — both required. */
function VerifyMeasure({ measure, onClose }: { measure: Measure; onClose: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Verdict>();
  return (
    <MeasureDialog
      title={`${ct('verifyTitle', lang)} · ${measure.measure}`}
      okText={ct('verify', lang)}
      okTestId="measure-verify-send"
      form={form}
      fields={['effective', 'note']}
      success={ct('verified', lang)}
      send={(v) => api('POST /api/complaint-measures/:id/verify', { params: { id: measure.id }, body: { effective: v.effective, note: v.note.trim() } })}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {ct('counts', lang, { month: measure.month, m: measure.monthCount, next: measure.nextMonth, n: measure.nextMonthCount })}
      </Typography.Paragraph>
      <Form.Item name="effective" label={ct('verdict', lang)} rules={[{ required: true, message: requiredMessage(ct('verdict', lang), lang, true) }]}>
        <Radio.Group data-testid="measure-verdict-choice">
          <Radio value={true}>{ct('effective', lang)}</Radio>
          <Radio value={false}>{ct('ineffective', lang)}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="note" label={ct('note', lang)} rules={[{ required: true, whitespace: true, message: requiredMessage(ct('note', lang), lang) }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="measure-verify-note" />
      </Form.Item>
    </MeasureDialog>
  );
}
