import { STATUTORY_SUBJECTS, type StatutorySubject } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { CHANNEL_LABELS, label, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { StatutoryStatusTag, statutorySubjectText } from './notice-text';
import { noticeKeys, usePublishedNotices, useStatutoryPostings, useStatutorySchedules, type StatutoryPosting, type StatutorySchedule } from './queries';
import { localToday } from './wall-clock';

/**
 * 法定公示 (民法典 第943条, issue 13 item 6): a project's schedule of what it must post to the owners and
 * how often — each with its next due date and its status in colour (正常 green, 即将到期 orange, 已逾期
 * red) —; a posting recorded (optionally linking the notice that posted it) moves it on; each schedule's
 * postings list owners' objections, each a case (linked), and a new objection is recorded here as a
 * case with its 3-day reply clock. Schedules are set by whoever approves notices (notice.approve):
 * added one by one, or the default schedule at once; deactivated when no longer owed.
 */
export function StatutoryPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const schedules = useStatutorySchedules(projectId);
  const canPlan = me.capabilities.includes('notice.approve');
  const canRecord = me.capabilities.includes('notice.write');
  const [problem, setProblem] = useState<string | null>(null);
  const reload = () => client.invalidateQueries({ queryKey: noticeKeys.statutory });

  const adoptDefaults = async () => {
    setProblem(null);
    try {
      await api('POST /api/projects/:id/statutory-schedules/defaults', { params: { id: projectId } });
      void message.success(t.statDefaultsAdopted);
      await reload();
    } catch (e) {
      setProblem((e as ApiError).message);
    }
  };
  const deactivate = async (s: StatutorySchedule) => {
    try {
      await api('PATCH /api/statutory-schedules/:id', { params: { id: s.id }, body: { active: false } });
      void message.success(t.statDeactivated);
      await reload();
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="statutory">
      <Card
        title={t.statutory}
        extra={
          <Space>
            <Select
              style={{ width: 220 }}
              value={projectId || undefined}
              onChange={setChosen}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              aria-label={t.project}
              data-testid="statutory-project"
            />
            {canPlan && (
              <Button onClick={() => void adoptDefaults()} data-testid="statutory-defaults">
                {t.statAdoptDefaults}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t.statHelp}</Typography.Paragraph>
        {(problem || schedules.error) && (
          <Alert type="error" showIcon message={problem ?? (schedules.error as ApiError).message} style={{ marginBottom: 12 }} />
        )}
        <Table
          size="small"
          rowKey="id"
          loading={schedules.isLoading}
          dataSource={(schedules.data ?? []).filter((s) => s.active)}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t.statNone }}
          data-testid="statutory-schedules"
          onRow={(s: StatutorySchedule) => ({ 'data-schedule': s.id }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            expandedRowRender: (s: StatutorySchedule) => <ScheduleDetail schedule={s} canRecord={canRecord} />,
            expandRowByClick: false,
          }}
          columns={[
            { title: t.statSubject, width: 190, render: (_: unknown, s: StatutorySchedule) => statutorySubjectText(s.subject, lang) },
            { title: t.title, render: (_: unknown, s: StatutorySchedule) => s.title },
            { title: t.statEvery, width: 110, render: (_: unknown, s: StatutorySchedule) => t.statEveryMonths.replace('{n}', String(s.everyMonths)) },
            { title: t.statNextDue, width: 120, render: (_: unknown, s: StatutorySchedule) => s.nextDueOn },
            { title: t.status, width: 100, render: (_: unknown, s: StatutorySchedule) => <StatutoryStatusTag status={s.status} lang={lang} /> },
            { title: t.statLastPosted, width: 120, render: (_: unknown, s: StatutorySchedule) => s.lastPostedOn ?? '—' },
            ...(canPlan
              ? [
                  {
                    title: t.msgActions,
                    width: 90,
                    render: (_: unknown, s: StatutorySchedule) => (
                      <Popconfirm title={t.statDeactivateConfirm} onConfirm={() => void deactivate(s)}>
                        <Button size="small" danger>
                          {t.statDeactivate}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canPlan && projectId && <NewSchedule projectId={projectId} />}
    </Space>
  );
}

interface ScheduleValues {
  subject: StatutorySubject;
  title: string;
  everyMonths: number;
  warnDays: number;
  nextDueOn: Dayjs;
}

/** 添加公示计划: a subject, its title, every how many months, warned how many days ahead, the next due date. */
function NewSchedule({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ScheduleValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const add = async (v: ScheduleValues) => {
    setProblem(null);
    try {
      await api('POST /api/projects/:id/statutory-schedules', {
        params: { id: projectId },
        body: { subject: v.subject, title: v.title, everyMonths: v.everyMonths, warnDays: v.warnDays, nextDueOn: v.nextDueOn.format('YYYY-MM-DD') },
      });
      void message.success(t.statAdded);
      form.resetFields();
      await client.invalidateQueries({ queryKey: noticeKeys.statutory });
    } catch (e) {
      const error = e as ApiError;
      if (error.field && ['subject', 'title', 'everyMonths', 'warnDays', 'nextDueOn'].includes(error.field))
        form.setFields([{ name: error.field as keyof ScheduleValues, errors: [error.message] }]);
      else setProblem(error.message);
    }
  };
  return (
    <Card size="small" title={t.statAdd}>
      <Form<ScheduleValues> form={form} layout="vertical" onFinish={(v) => void add(v)} initialValues={{ everyMonths: 12, warnDays: 7 }}>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="subject" label={t.statSubject} rules={[{ required: true }]}>
              <Select options={STATUTORY_SUBJECTS.map((s) => ({ value: s, label: statutorySubjectText(s, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="title" label={t.title} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="everyMonths" label={t.statEveryMonthsLabel} rules={[{ required: true }]}>
              <InputNumber min={1} max={24} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="warnDays" label={t.statWarnDays} rules={[{ required: true }]}>
              <InputNumber min={0} max={90} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="nextDueOn" label={t.statNextDue} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {problem && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={problem} />}
        <Button type="primary" htmlType="submit">
          {t.statAdd}
        </Button>
      </Form>
    </Card>
  );
}

interface PostingValues {
  postedOn: Dayjs;
  noticeId?: string;
  note?: string;
}

/** A schedule opened: record a posting (notice.write), and its postings with owners' objections. */
function ScheduleDetail({ schedule: s, canRecord }: { schedule: StatutorySchedule; canRecord: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const tz = useProjects().data?.find((p) => p.id === s.projectId)?.timeZone ?? 'Asia/Shanghai';
  const postings = useStatutoryPostings(s.id);
  const notices = usePublishedNotices(s.projectId, canRecord).data ?? [];
  const [form] = Form.useForm<PostingValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const record = async (v: PostingValues) => {
    setProblem(null);
    try {
      await api('POST /api/statutory-schedules/:id/postings', {
        params: { id: s.id },
        body: { postedOn: v.postedOn.format('YYYY-MM-DD'), noticeId: v.noticeId || null, note: v.note?.trim() || null },
      });
      void message.success(t.statRecorded);
      form.resetFields(['noticeId', 'note']);
      await client.invalidateQueries({ queryKey: noticeKeys.statutory });
    } catch (e) {
      const error = e as ApiError;
      if (error.field === 'postedOn') form.setFields([{ name: 'postedOn', errors: [error.message] }]);
      else setProblem(error.message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="statutory-detail">
      {canRecord && (
        <Form<PostingValues> form={form} layout="inline" onFinish={(v) => void record(v)} initialValues={{ postedOn: dayjs(localToday(tz)) }}>
          <Form.Item name="postedOn" label={t.statPostedOn} rules={[{ required: true }]}>
            <DatePicker data-testid="statutory-posted-on" />
          </Form.Item>
          <Form.Item name="noticeId" label={t.statNotice}>
            <Select allowClear style={{ width: 240 }} options={notices.map((n) => ({ value: n.id, label: n.title }))} data-testid="statutory-notice" />
          </Form.Item>
          <Form.Item name="note" label={t.postNote}>
            <Input style={{ width: 200 }} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="statutory-record">
            {t.statRecord}
          </Button>
        </Form>
      )}
      {problem && <Alert type="error" showIcon message={problem} />}
      <Table
        size="small"
        rowKey="id"
        loading={postings.isLoading}
        dataSource={postings.data ?? []}
        pagination={false}
        locale={{ emptyText: t.statNoPostings }}
        data-testid="statutory-postings"
        columns={[
          { title: t.statPostedOn, width: 110, render: (_: unknown, p: StatutoryPosting) => p.postedOn },
          { title: t.statCovers, width: 110, render: (_: unknown, p: StatutoryPosting) => p.dueOn },
          {
            title: t.statNotice,
            width: 90,
            render: (_: unknown, p: StatutoryPosting) =>
              p.noticeId ? <Typography.Link onClick={() => navigate(`/notices/${p.noticeId}`)}>{t.ntcOpen}</Typography.Link> : '—',
          },
          { title: t.postNote, render: (_: unknown, p: StatutoryPosting) => p.note ?? '' },
          { title: t.statObjections, render: (_: unknown, p: StatutoryPosting) => <Objections posting={p} /> },
        ]}
      />
    </Space>
  );
}

/** 业主异议: each objection a case (opened with a click); a new one recorded as a case with its 3-day reply clock. */
function Objections({ posting: p }: { posting: StatutoryPosting }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [content, setContent] = useState('');
  const [channel, setChannel] = useState<'counter' | 'hotline' | 'letter'>('counter');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setProblem(null);
    try {
      const r = await api('POST /api/statutory-postings/:id/objections', { params: { id: p.id }, body: { content: content.trim(), channel } });
      void message.success(t.statObjectionRecorded);
      setOpen(false);
      setContent('');
      await client.invalidateQueries({ queryKey: noticeKeys.statutory });
      navigate(`/cases/${r.case.id}`);
    } catch (e) {
      setProblem((e as ApiError).message);
    }
  };
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        {p.objectionCaseIds.map((id, i) => (
          <Typography.Link key={id} onClick={() => navigate(`/cases/${id}`)} data-testid="objection-case">
            {t.statObjectionCase} {i + 1}
          </Typography.Link>
        ))}
        {!open && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="objection-new">
            {t.statObject}
          </Button>
        )}
      </Space>
      {open && (
        <Space wrap>
          <Select
            style={{ width: 120 }}
            value={channel}
            onChange={setChannel}
            options={(['counter', 'hotline', 'letter'] as const).map((c) => ({ value: c, label: label(CHANNEL_LABELS, c, lang) }))}
          />
          <Input.TextArea rows={2} style={{ width: 280 }} value={content} onChange={(e) => setContent(e.target.value)} placeholder={t.statObjectionContent} />
          <Button type="primary" size="small" disabled={!content.trim()} onClick={() => void save()}>
            {t.save}
          </Button>
          <Button size="small" onClick={() => setOpen(false)}>
            {t.ntcCancel}
          </Button>
        </Space>
      )}
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}
