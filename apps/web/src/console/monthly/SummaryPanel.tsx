import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, downloadFile } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { monthlyKeys } from './ContactList';
import { caseTypeText, mt, opinionStatusText, summaryStatusText } from './monthly-text';

type Summary = RouteResponse<'GET /api/monthly/summaries/:id'>;
type Figures = Summary['figures'];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const counts = (rows: { type: string; count: number }[], lang: string) => rows.map((r) => `${caseTypeText(r.type, lang)} ${r.count}`).join('，') || '—';

/** The month's figures (a snapshot: rebuilt only on request). */
function FiguresView({ f, lang }: { f: Figures; lang: string }) {
  return (
    <Descriptions size="small" column={1} bordered data-testid="monthly-figures">
      <Descriptions.Item label={mt('casesByType', lang)}>{counts(f.casesByType, lang)}</Descriptions.Item>
      <Descriptions.Item label={mt('categories', lang)}>
        {f.complaintCategories.map((c) => `${c.category ?? '—'} ${c.count}`).join('，') || '—'}
      </Descriptions.Item>
      <Descriptions.Item
        label={mt('timeliness', lang)}
      >{`${pct(f.timeliness.rate)} (${f.timeliness.met}/${f.timeliness.met + f.timeliness.breached})`}</Descriptions.Item>
      <Descriptions.Item
        label={mt('success', lang)}
      >{`${pct(f.resolution.successRate)} (${f.resolution.resolvedFirstTime}/${f.resolution.closed})`}</Descriptions.Item>
      <Descriptions.Item
        label={mt('callbacks', lang)}
      >{`${f.callbacks.due} / ${f.callbacks.done} / ${f.callbacks.unreachable} / ${f.callbacks.notSatisfied}`}</Descriptions.Item>
      <Descriptions.Item label={mt('visits', lang)}>{`${f.visits.planned} / ${f.visits.done}`}</Descriptions.Item>
      <Descriptions.Item label={mt('openAtEnd', lang)}>{counts(f.openAtMonthEnd, lang)}</Descriptions.Item>
      <Descriptions.Item
        label={mt('contactProgress', lang)}
      >{`${f.contacts.contacted} / ${f.contacts.unreachable} / ${f.contacts.open} / ${f.contacts.overdue}（${f.contacts.total}）`}</Descriptions.Item>
    </Descriptions>
  );
}

type Sections = Pick<Summary, 'overview' | 'mainProblems' | 'improvements'>;
const SECTIONS = ['overview', 'mainProblems', 'improvements'] as const;

/**
 * 月度沟通总结: the draft built from the month's data, its text sections edited at the version read,
 * rebuilt on request and submitted (monthly.write); the office manager's review assigns each opinion a
 * staff member and a deadline, or returns it with the reason (monthly.review).
 */
export function SummaryPanel({ projectId, month, canWrite, canReview }: { projectId: string; month: string; canWrite: boolean; canReview: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Sections>();
  const [assign, setAssign] = useState<Record<string, { assigneeId?: string; deadlineOn?: string }>>({});
  const [returnNote, setReturnNote] = useState('');
  const staff = useStaff(projectId, canReview).data ?? [];
  const list = useQuery({
    queryKey: [...monthlyKeys.all, 'summaries', projectId],
    queryFn: () => api('GET /api/monthly/summaries', { query: { projectId } }),
    enabled: !!projectId,
  });
  const id = list.data?.find((s) => s.month === month)?.id;
  const summary = useQuery({
    queryKey: [...monthlyKeys.all, 'summary', id],
    queryFn: () => api('GET /api/monthly/summaries/:id', { params: { id: id! } }),
    enabled: !!id,
  });
  const s = summary.data;
  useEffect(() => {
    if (s) form.setFieldsValue({ overview: s.overview, mainProblems: s.mainProblems, improvements: s.improvements });
  }, [s, form]);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await client.invalidateQueries({ queryKey: monthlyKeys.all });
    } catch (e) {
      const err = e as ApiError;
      if (err.field && (SECTIONS as readonly string[]).includes(err.field)) form.setFields([{ name: err.field as keyof Sections, errors: [err.message] }]);
      void message.error(err.message);
    }
  };
  if (list.error) return <Alert type="error" showIcon message={(list.error as ApiError).message} />;
  if (!id)
    return (
      <Space direction="vertical">
        <Typography.Text type="secondary">{mt('noSummary', lang)}</Typography.Text>
        {canWrite && (
          <Button
            type="primary"
            onClick={() => void run(() => api('POST /api/monthly/summaries', { body: { projectId, month } }))}
            data-testid="monthly-create-summary"
          >
            {mt('createSummary', lang)}
          </Button>
        )}
      </Space>
    );
  if (!s) return null;
  const draft = s.status === 'draft' && canWrite;
  const accept = () =>
    run(() =>
      api('POST /api/monthly/summaries/:id/review', {
        params: { id: s.id },
        body: {
          decision: 'accept',
          assignments: s.opinions.map((o) => ({ opinionId: o.id, assigneeId: assign[o.id]?.assigneeId ?? '', deadlineOn: assign[o.id]?.deadlineOn ?? '' })),
        },
      }),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="monthly-summary">
      <Space wrap>
        <Tag color={s.status === 'accepted' ? 'green' : s.status === 'submitted' ? 'blue' : 'default'}>{summaryStatusText(s.status, lang)}</Tag>
        <Typography.Text type="secondary">{`${mt('figuresAt', lang)} ${formatInstant(s.figuresAt, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN')}`}</Typography.Text>
        {s.reviewNote && <Typography.Text type="warning">{`${mt('reviewNote', lang)}：${s.reviewNote}`}</Typography.Text>}
        {draft && (
          <Button onClick={() => void run(() => api('POST /api/monthly/summaries/:id/refresh', { params: { id: s.id }, body: { version: s.version } }))}>
            {mt('refresh', lang)}
          </Button>
        )}
        <Button
          onClick={() =>
            void downloadFile(`/api/monthly/summaries/${encodeURIComponent(s.id)}/export?format=xlsx`).catch((e: ApiError) => void message.error(e.message))
          }
          data-testid="monthly-summary-xlsx"
        >
          {mt('exportXlsx', lang)}
        </Button>
      </Space>
      <Card size="small" title={mt('figures', lang)}>
        <FiguresView f={s.figures} lang={lang} />
      </Card>
      <Form
        form={form}
        layout="vertical"
        disabled={!draft}
        onFinish={(v) => void run(() => api('PATCH /api/monthly/summaries/:id', { params: { id: s.id }, body: { version: s.version, ...v } }))}
      >
        {SECTIONS.map((k) => (
          <Form.Item key={k} name={k} label={mt(k, lang)}>
            <Input.TextArea rows={3} data-testid={`monthly-${k}`} />
          </Form.Item>
        ))}
        {draft && (
          <Space>
            <Button htmlType="submit">{mt('save', lang)}</Button>
            <Button
              type="primary"
              onClick={() => void run(() => api('POST /api/monthly/summaries/:id/submit', { params: { id: s.id }, body: { version: s.version } }))}
            >
              {mt('submit', lang)}
            </Button>
          </Space>
        )}
      </Form>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={s.opinions}
        columns={[
          { title: mt('opinion', lang), render: (_, o) => `${caseTypeText(o.source, lang)} · ${o.text}` },
          { title: mt('status', lang), render: (_, o) => (o.overdue ? <Tag color="red">{mt('overdue', lang)}</Tag> : opinionStatusText(o.status, lang)) },
          {
            title: mt('assignee', lang),
            render: (_, o) =>
              s.status === 'submitted' && canReview ? (
                <Select
                  style={{ width: 160 }}
                  value={assign[o.id]?.assigneeId}
                  onChange={(v: string) => setAssign({ ...assign, [o.id]: { ...assign[o.id], assigneeId: v } })}
                  options={staff.map((p) => ({ value: p.id, label: p.name }))}
                />
              ) : (
                (o.assigneeName ?? '—')
              ),
          },
          {
            title: mt('deadline', lang),
            render: (_, o) =>
              s.status === 'submitted' && canReview ? (
                <Input
                  type="date"
                  style={{ width: 150 }}
                  value={assign[o.id]?.deadlineOn}
                  onChange={(e) => setAssign({ ...assign, [o.id]: { ...assign[o.id], deadlineOn: e.target.value } })}
                />
              ) : (
                (o.deadlineOn ?? '—')
              ),
          },
        ]}
      />
      {s.status === 'submitted' && canReview && (
        <Space wrap>
          <Button type="primary" onClick={() => void accept()} data-testid="monthly-accept">
            {mt('accept', lang)}
          </Button>
          <Input style={{ width: 260 }} placeholder={mt('returnReason', lang)} value={returnNote} onChange={(e) => setReturnNote(e.target.value)} />
          <Button
            danger
            onClick={() =>
              void run(() => api('POST /api/monthly/summaries/:id/review', { params: { id: s.id }, body: { decision: 'return', note: returnNote } }))
            }
          >
            {mt('return', lang)}
          </Button>
        </Space>
      )}
    </Space>
  );
}

type Opinion = RouteResponse<'GET /api/monthly/opinions'>[number];

/** 意见跟踪: the assigned opinions of the project, open ones with their deadline (overdue in red), marked done. */
export function OpinionsPanel({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: [...monthlyKeys.all, 'opinions', projectId],
    queryFn: () => api('GET /api/monthly/opinions', { query: { projectId } }),
    enabled: !!projectId,
  });
  const done = async (o: Opinion) => {
    try {
      await api('POST /api/monthly/opinions/:id/done', { params: { id: o.id }, body: {} });
      await client.invalidateQueries({ queryKey: monthlyKeys.all });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Table<Opinion>
      rowKey="id"
      size="small"
      dataSource={list.data ?? []}
      pagination={false}
      locale={{ emptyText: mt('none', lang) }}
      columns={[
        { title: mt('month', lang), dataIndex: 'month' },
        { title: mt('opinion', lang), render: (_, o) => `${caseTypeText(o.source, lang)} · ${o.text}` },
        { title: mt('assignee', lang), render: (_, o) => o.assigneeName ?? '—' },
        { title: mt('deadline', lang), render: (_, o) => (o.overdue ? <Tag color="red">{`${o.deadlineOn} ${mt('overdue', lang)}`}</Tag> : o.deadlineOn) },
        { title: mt('status', lang), render: (_, o) => opinionStatusText(o.status, lang) },
        {
          title: '',
          render: (_, o) =>
            o.status === 'open' ? (
              <Button size="small" type="link" onClick={() => void done(o)}>
                {mt('markDone', lang)}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
