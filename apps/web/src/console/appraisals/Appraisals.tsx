import type { RouteResponse } from '@guanjia/api-contract';
import { APPRAISAL_MEASURES, APPRAISAL_STATUSES } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, downloadFile, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { inParens, requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate, useRoute } from '../router';
import { showServerError } from '../server-errors';
import { appraisalStatusText, at, measureText } from './appraisal-text';

/**
 * 员工考核 (issue 16 item 2, decision 0037): my own appraisal sheets and those of the staff I oversee; 制作考核表
 * (appraisal.write) for a person and a month, its figures counted then and frozen; a sheet with each measure's
 * figures, weight and points and the score, the supervisor's comment, the person's 确认, 导出 Excel; and the
 * company's weights (权重设置, staff.admin).
 */
type Sheet = RouteResponse<'GET /api/appraisals/:id'>;
type Weights = RouteResponse<'GET /api/appraisal-weights'>;
const keys = { all: ['appraisals'] as const, weights: ['appraisal-weights'] as const };
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const STATUS_COLOR = { draft: 'orange', commented: 'blue', acknowledged: 'green' } as const;

/** The figures a measure was counted from, in words (the export's 数据 column). */
function figureText(s: Sheet, m: (typeof APPRAISAL_MEASURES)[number], lang: string): string {
  const f = s.figures;
  const en = lang === 'en';
  switch (m) {
    case 'timeliness':
      return en ? `met ${f.clocks.met}, breached ${f.clocks.breached}` : `按时 ${f.clocks.met}，超时 ${f.clocks.breached}`;
    case 'reopen':
      return en ? `closed ${f.cases.closed}, reopened ${f.cases.reopened}` : `结案 ${f.cases.closed}，其中重开 ${f.cases.reopened}`;
    case 'language':
      return en ? `${f.languageOverrides} (allowance ${s.languageAllowance})` : `${f.languageOverrides} 次（上限 ${s.languageAllowance}）`;
    case 'callbacks':
      return en ? `done ${f.callbacks.done}, due ${f.callbacks.due}` : `完成 ${f.callbacks.done}，应回访 ${f.callbacks.due}`;
    case 'visits':
      return en ? `done ${f.visits.done}, planned ${f.visits.planned}` : `完成 ${f.visits.done}，应走访 ${f.visits.planned}`;
    case 'defects':
      return en
        ? `caused by staff ${f.defects.causedByStaff} (allowance ${s.defectAllowance}), attributed ${f.defects.attributed}`
        : `员工造成 ${f.defects.causedByStaff}（上限 ${s.defectAllowance}），责任不合格项 ${f.defects.attributed}`;
    case 'caseRating': {
      const mean = f.caseRatings.rated ? (f.caseRatings.sum / f.caseRatings.rated).toFixed(2) : null;
      return mean === null
        ? en
          ? 'no ratings'
          : '无评价'
        : en
          ? `${f.caseRatings.rated} ratings, mean ${mean}`
          : `评价 ${f.caseRatings.rated} 次，平均 ${mean} 分`;
    }
    case 'stewardRating':
      return en
        ? `satisfied ${f.stewardRatings.satisfied} of ${f.stewardRatings.answers}`
        : `满意 ${f.stewardRatings.satisfied}，评价 ${f.stewardRatings.answers}`;
  }
}

export function Appraisals({ me }: { me: Me }) {
  const { lang } = useI18n();
  const route = useRoute();
  const can = (c: string) => me.capabilities.includes(c);
  const tab = route.query.get('tab') === 'weights' && can('staff.admin') ? 'weights' : 'sheets';
  return (
    <div style={{ padding: 16 }} data-testid="appraisals-page">
      <Typography.Title level={4}>{at('menu', lang)}</Typography.Title>
      {can('staff.admin') ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(k === 'weights' ? '/appraisals?tab=weights' : '/appraisals')}
          items={[
            { key: 'sheets', label: at('sheets', lang), children: <SheetList me={me} /> },
            { key: 'weights', label: at('weights', lang), children: <WeightsEditor /> },
          ]}
        />
      ) : (
        <SheetList me={me} />
      )}
    </div>
  );
}

function SheetList({ me }: { me: Me }) {
  const { lang } = useI18n();
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  const list = useQuery({
    queryKey: [...keys.all, status ?? ''],
    queryFn: () => api('GET /api/appraisals', { query: (status ? { status } : {}) as never }),
  });
  const mayWrite = me.capabilities.includes('appraisal.write');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={at('allStatuses', lang)}
          value={status}
          onChange={setStatus}
          options={APPRAISAL_STATUSES.map((s) => ({ value: s, label: appraisalStatusText(s, lang) }))}
          data-testid="appraisal-status-filter"
        />
        {mayWrite && (
          <Button type="primary" onClick={() => setDrawing(true)} data-testid="appraisal-new">
            {at('newSheet', lang)}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: at('none', lang) }}
        pagination={false}
        data-testid="appraisal-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: at('staff', lang), dataIndex: 'staffName' },
          { title: at('department', lang), dataIndex: 'departmentName', render: (d: string | null) => d ?? '—' },
          { title: at('period', lang), key: 'period', render: (_: unknown, r) => `${r.from} – ${r.to}` },
          { title: at('score', lang), dataIndex: 'score', render: (s: number | null) => (s === null ? at('noScore', lang) : s.toFixed(2)) },
          {
            title: at('status', lang),
            dataIndex: 'status',
            render: (s: Sheet['status']) => <Tag color={STATUS_COLOR[s]}>{appraisalStatusText(s, lang)}</Tag>,
          },
          {
            title: '',
            key: 'open',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setOpen(r.id)} data-testid={`appraisal-open-${r.id}`}>
                {at('open', lang)}
              </Button>
            ),
          },
        ]}
      />
      {drawing && <DrawUp onClose={() => setDrawing(false)} onDrawn={(id) => (setDrawing(false), setOpen(id))} />}
      {open && <SheetDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function DrawUp({ onClose, onDrawn }: { onClose: () => void; onDrawn: (id: string) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ staffId: string; month: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const staff = useQuery({ queryKey: ['appraisal-staff'], queryFn: () => api('GET /api/appraisal-staff') });
  const submit = async (v: { staffId: string; month: Dayjs }) => {
    setSaving(true);
    try {
      const sheet = await api('POST /api/appraisals', {
        body: { staffId: v.staffId, from: v.month.startOf('month').format('YYYY-MM-DD'), to: v.month.endOf('month').format('YYYY-MM-DD') },
      });
      await client.invalidateQueries({ queryKey: keys.all });
      void message.success(at('drawn', lang));
      onDrawn(sheet.id);
    } catch (e) {
      const error = e as ApiError;
      const shown = showServerError(form, error.field === 'from' || error.field === 'to' ? ({ ...error, field: 'month' } as ApiError) : error, [
        'staffId',
        'month',
      ]);
      if (shown) void message.error(shown);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={at('newSheet', lang)} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ month: dayjs().subtract(1, 'month') }} data-testid="appraisal-form">
        <Form.Item name="staffId" label={at('staff', lang)} rules={[{ required: true, message: requiredMessage(at('staff', lang), lang, true) }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={staff.isLoading}
            options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.departmentName ? `${s.name}${inParens(s.departmentName, lang)}` : s.name }))}
            data-testid="appraisal-staff"
          />
        </Form.Item>
        <Form.Item name="month" label={at('month', lang)} rules={[{ required: true, message: requiredMessage(at('month', lang), lang, true) }]}>
          <DatePicker picker="month" allowClear={false} style={{ width: '100%' }} data-testid="appraisal-month" />
        </Form.Item>
        <Space>
          {/* not a submit button: Enter in the month picker takes the month, it does not draw the sheet up */}
          <Button type="primary" onClick={() => form.submit()} loading={saving} data-testid="appraisal-draw">
            {at('draw', lang)}
          </Button>
          <Button onClick={onClose}>{at('cancel', lang)}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function SheetDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const sheet = useQuery({ queryKey: [...keys.all, 'one', id], queryFn: () => api('GET /api/appraisals/:id', { params: { id } }) });
  const [comment, setComment] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const s = sheet.data;
  const step = async (run: () => Promise<Sheet>, done: string) => {
    setBusy(true);
    try {
      const next = await run();
      client.setQueryData([...keys.all, 'one', id], next);
      await client.invalidateQueries({ queryKey: keys.all });
      setComment(null);
      void message.success(done);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={880} onClose={onClose} title={s ? `${s.staffName} · ${s.from} – ${s.to}` : ''} data-testid="appraisal-drawer">
      {s && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={at('staff', lang)}>
              {s.departmentName ? `${s.staffName}${inParens(s.departmentName, lang)}` : s.staffName}
            </Descriptions.Item>
            <Descriptions.Item label={at('status', lang)}>
              <Tag color={STATUS_COLOR[s.status]} data-testid="appraisal-status">
                {appraisalStatusText(s.status, lang)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={at('period', lang)}>{`${s.from} – ${s.to}`}</Descriptions.Item>
            <Descriptions.Item label={at('score', lang)}>
              <Typography.Text strong data-testid="appraisal-score">
                {s.score === null ? at('noScore', lang) : s.score.toFixed(2)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={at('drawnBy', lang)}>{s.drawnBy}</Descriptions.Item>
            <Descriptions.Item label={at('drawnAt', lang)}>{formatInstant(s.drawnAt, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN')}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{at('frozen', lang)}</Typography.Text>
          <Table
            rowKey="measure"
            size="small"
            pagination={false}
            dataSource={s.parts}
            data-testid="appraisal-parts"
            columns={[
              { title: at('item', lang), dataIndex: 'measure', render: (m: string) => measureText(m, lang) },
              {
                title: at('figures', lang),
                key: 'figures',
                render: (_: unknown, p) => (
                  <span>
                    {figureText(s, p.measure, lang)}
                    {p.value === null && <Typography.Text type="secondary">{inParens(at('noData', lang), lang)}</Typography.Text>}
                  </span>
                ),
              },
              { title: at('value', lang), dataIndex: 'value', render: pct },
              { title: at('weight', lang), dataIndex: 'weight' },
              { title: at('share', lang), dataIndex: 'share', render: (x: number) => pct(x) },
              { title: at('points', lang), dataIndex: 'points', render: (x: number) => x.toFixed(2) },
            ]}
          />
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={at('comment', lang)}>
              <span data-testid="appraisal-comment">{s.comment ?? '—'}</span>
              {s.commentedBy && (
                <Typography.Text type="secondary">{` — ${s.commentedBy}，${formatInstant(s.commentedAt, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN')}`}</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={at('acknowledgedAt', lang)}>
              <span data-testid="appraisal-acknowledged">
                {s.acknowledgedAt
                  ? `${at('acknowledged', lang)}，${formatInstant(s.acknowledgedAt, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN')}`
                  : at('notYet', lang)}
              </span>
            </Descriptions.Item>
          </Descriptions>
          {s.canComment && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={comment ?? s.comment ?? ''}
                onChange={(e) => setComment(e.target.value)}
                placeholder={at('comment', lang)}
                data-testid="appraisal-comment-input"
              />
              <Button
                type="primary"
                loading={busy}
                disabled={!(comment ?? s.comment ?? '').trim()}
                onClick={() =>
                  step(
                    () => api('POST /api/appraisals/:id/comment', { params: { id }, body: { comment: (comment ?? s.comment ?? '').trim() } }),
                    at('commented', lang),
                  )
                }
                data-testid="appraisal-comment-save"
              >
                {at('writeComment', lang)}
              </Button>
            </Space>
          )}
          <Space>
            {s.canAcknowledge && (
              <Button
                type="primary"
                loading={busy}
                onClick={() => step(() => api('POST /api/appraisals/:id/acknowledge', { params: { id } }), at('acknowledged', lang))}
                data-testid="appraisal-acknowledge"
              >
                {at('acknowledge', lang)}
              </Button>
            )}
            <Button
              onClick={() => void downloadFile(`/api/appraisals/${encodeURIComponent(id)}/export.xlsx`).catch((e: ApiError) => void message.error(e.message))}
              data-testid="appraisal-export"
            >
              {at('export', lang)}
            </Button>
          </Space>
        </Space>
      )}
    </Drawer>
  );
}

function WeightsEditor() {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Pick<Weights, 'weights' | 'languageAllowance' | 'defectAllowance'>>();
  const weights = useQuery({ queryKey: keys.weights, queryFn: () => api('GET /api/appraisal-weights') });
  const [saving, setSaving] = useState(false);
  const w = weights.data;
  if (!w) return null;
  const save = async (v: Pick<Weights, 'weights' | 'languageAllowance' | 'defectAllowance'>) => {
    setSaving(true);
    try {
      client.setQueryData(keys.weights, await api('PUT /api/appraisal-weights', { body: v }));
      void message.success(at('saved', lang));
    } catch (e) {
      const error = e as ApiError;
      const shown = showServerError(form, error, ['weights', 'languageAllowance', 'defectAllowance']);
      if (shown) void message.error(shown);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      form={form}
      layout="horizontal"
      labelCol={{ span: 8 }}
      wrapperCol={{ span: 8 }}
      initialValues={w}
      onFinish={save}
      data-testid="appraisal-weights-form"
    >
      <Alert
        style={{ marginBottom: 12 }}
        type="info"
        message={at('weightsHint', lang)}
        description={
          w.isDefault
            ? at('isDefault', lang)
            : at('updated', lang, { who: w.updatedBy ?? '', at: formatInstant(w.updatedAt, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN') })
        }
      />
      {APPRAISAL_MEASURES.map((m) => (
        <Form.Item key={m} name={['weights', m]} label={measureText(m, lang)} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={0} data-testid={`appraisal-weight-${m}`} />
        </Form.Item>
      ))}
      <Form.Item name="languageAllowance" label={at('languageAllowance', lang)} rules={[{ required: true }]}>
        <InputNumber min={1} max={100} precision={0} data-testid="appraisal-language-allowance" />
      </Form.Item>
      <Form.Item name="defectAllowance" label={at('defectAllowance', lang)} rules={[{ required: true }]}>
        <InputNumber min={1} max={100} precision={0} data-testid="appraisal-defect-allowance" />
      </Form.Item>
      <Form.Item wrapperCol={{ offset: 8 }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="appraisal-weights-save">
          {at('save', lang)}
        </Button>
      </Form.Item>
    </Form>
  );
}
