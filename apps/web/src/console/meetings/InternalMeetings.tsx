import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { INTERNAL_MEETING_KINDS, TEXT_LIMITS } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { inParens, listSep, requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useDepartments, useProjects, useStaff } from '../queries';
import { navigate, useRoute } from '../router';
import { showServerError } from '../server-errors';
import { meetingKindText, mtx } from './meeting-text';

/**
 * 内部会议 (issue 16 item 3, decision 0038; seed 000 §七 会议制度): the meetings of my offices and my department
 * and those I attend — kind, holder, date, minutes (due within 3 days: 纪要逾期 in red) and resolutions
 * (open/all, overdue in red); 新建会议 (meeting.hold) with the holder, secretary and attendees; a meeting's
 * drawer writes the minutes and adds resolutions (what, who, by when; the responsible is told) and marks
 * one done with what was done. 我的会议事项 (?tab=mine): my resolutions, by deadline, each marked done here.
 */
type Meeting = RouteResponse<'GET /api/internal-meetings/:id'>;
type Action = Meeting['actions'][number];
type MyAction = RouteResponse<'GET /api/internal-meeting-actions'>['items'][number];
type Filters = { kind?: string; late?: boolean };

const keys = { all: ['internal-meetings'] as const, mine: ['internal-meeting-actions'] as const };

function useMeetings(f: Filters) {
  return useQuery({
    queryKey: [...keys.all, f],
    queryFn: () =>
      api('GET /api/internal-meetings', {
        query: { ...(f.kind ? { kind: f.kind } : {}), ...(f.late ? { minutesLate: 'true' } : {}) } as never,
      }),
  });
}

function useMine(all: boolean) {
  return useQuery({
    queryKey: [...keys.mine, all],
    queryFn: () => api('GET /api/internal-meeting-actions', { query: (all ? {} : { status: 'open' }) as never }),
  });
}

const at = (iso: string | null, lang: string) => formatInstant(iso, 'Asia/Shanghai', lang === 'en' ? 'en' : 'zh-CN');

export function InternalMeetings({ me }: { me: Me }) {
  const { lang } = useI18n();
  const route = useRoute();
  const tab = route.query.get('tab') === 'mine' ? 'mine' : 'meetings';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="internal-meetings">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {mtx('title', lang)}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'mine' ? '/internal-meetings?tab=mine' : '/internal-meetings')}
        items={[
          {
            key: 'meetings',
            label: <span data-testid="meetings-tab">{mtx('meetingsTab', lang)}</span>,
            children: tab === 'meetings' && <MeetingList me={me} />,
          },
          { key: 'mine', label: <span data-testid="my-actions-tab">{mtx('mineMenu', lang)}</span>, children: tab === 'mine' && <MyActions /> },
        ]}
      />
    </Space>
  );
}

function minutesTag(m: Meeting, lang: string) {
  if (m.minutesLate) return <Tag color="red">{mtx('minutesLate', lang)}</Tag>;
  return m.minutes ? <Tag color="green">{mtx('minutesDone', lang)}</Tag> : <Tag>{mtx('minutesMissing', lang)}</Tag>;
}

function MeetingList({ me }: { me: Me }) {
  const { lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const list = useMeetings(filters);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const rows = list.data?.items ?? [];
  const current = rows.find((r) => r.id === open) ?? null;
  const mayHold = me.capabilities.includes('meeting.hold');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={mtx('allKinds', lang)}
          style={{ minWidth: 160 }}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          options={INTERNAL_MEETING_KINDS.map((k) => ({ value: k, label: meetingKindText(k, lang) }))}
          data-testid="meeting-filter-kind"
        />
        <Checkbox checked={!!filters.late} onChange={(e) => setFilters({ ...filters, late: e.target.checked })} data-testid="meeting-filter-late">
          {mtx('lateOnly', lang)}
        </Checkbox>
        {mayHold && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="meeting-new">
            {mtx('newMeeting', lang)}
          </Button>
        )}
      </Space>
      <Table<Meeting>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: mtx('none', lang) }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-meeting': r.title, onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: mtx('heldOn', lang), dataIndex: 'heldOn' },
          { title: mtx('subject', lang), dataIndex: 'title' },
          { title: mtx('kind', lang), render: (_, r) => meetingKindText(r.kind, lang) },
          { title: mtx('holder', lang), dataIndex: 'holderName' },
          { title: mtx('minutes', lang), render: (_, r) => <span data-testid="meeting-minutes-state">{minutesTag(r, lang)}</span> },
          {
            title: mtx('resolutions', lang),
            render: (_, r) => {
              const openCount = r.actions.filter((a) => a.status === 'open').length;
              return (
                <Space size={4}>
                  {r.actions.length ? mtx('openActions', lang, { open: openCount, all: r.actions.length }) : '—'}
                  {r.actions.some((a) => a.overdue) && <Tag color="red">{mtx('overdue', lang)}</Tag>}
                </Space>
              );
            },
          },
        ]}
      />
      {creating && <NewMeeting me={me} onClose={() => setCreating(false)} onCreated={(id) => setOpen(id)} />}
      {current && <MeetingDrawer m={current} onClose={() => setOpen(null)} />}
    </Space>
  );
}

type NewValues = {
  holderKind: 'office' | 'department';
  projectId?: string;
  departmentId?: string;
  kind: string;
  heldOn: Dayjs;
  title: string;
  agenda?: string;
  secretaryId?: string;
  attendeeIds: string[];
};

function NewMeeting({ me, onClose, onCreated }: { me: Me; onClose: () => void; onCreated: (id: string) => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<NewValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loaded = useProjects().data;
  const projects = loaded ?? [];
  const departments = useDepartments().data ?? [];
  const holderKind = Form.useWatch('holderKind', form) ?? 'office';
  const projectId = Form.useWatch('projectId', form);
  const departmentId = Form.useWatch('departmentId', form);
  // the people to choose from: the office's staff (a department's: its office's, or everyone for a company department)
  const staffProject = holderKind === 'office' ? projectId : (departments.find((d) => d.id === departmentId)?.projectId ?? undefined);
  const staff = useStaff(staffProject).data ?? [];
  const people = staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }));
  // the first office once the projects are in (the form mounts before they load)
  useEffect(() => {
    if (loaded?.length && !form.getFieldValue('projectId')) form.setFieldValue('projectId', loaded[0]!.id);
  }, [loaded, form]);
  const send = async (v: NewValues) => {
    setBusy(true);
    setError(null);
    try {
      const body: RouteBody<'POST /api/internal-meetings'> = {
        kind: v.kind as never,
        ...(v.holderKind === 'office' ? { projectId: v.projectId } : { departmentId: v.departmentId }),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        title: v.title.trim(),
        ...(v.agenda?.trim() ? { agenda: v.agenda.trim() } : {}),
        ...(v.secretaryId ? { secretaryId: v.secretaryId } : {}),
        attendeeIds: v.attendeeIds,
      };
      const created = await api('POST /api/internal-meetings', { body });
      void message.success(mtx('created', lang));
      await client.invalidateQueries({ queryKey: keys.all });
      onClose();
      onCreated(created.id);
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['kind', 'projectId', 'departmentId', 'heldOn', 'title', 'agenda', 'secretaryId', 'attendeeIds']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={mtx('newMeeting', lang)}
      width={Math.min(640, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={mtx('save', lang)}
      cancelText={mtx('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'meeting-save' } as Record<string, string>) }}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={send}
        initialValues={{ holderKind: 'office', kind: 'office_regular', projectId: projects[0]?.id, departmentId: me.departmentId ?? undefined }}
      >
        <Form.Item name="holderKind" label={mtx('holderKind', lang)}>
          <Radio.Group
            options={[
              { value: 'office', label: mtx('office', lang) },
              { value: 'department', label: mtx('department', lang) },
            ]}
            data-testid="meeting-holder-kind"
          />
        </Form.Item>
        {holderKind === 'office' ? (
          <Form.Item name="projectId" label={mtx('office', lang)} rules={[{ required: true, message: requiredMessage(mtx('office', lang), lang) }]}>
            <Select options={projects.map((p) => ({ value: p.id, label: p.name }))} data-testid="meeting-project" />
          </Form.Item>
        ) : (
          <Form.Item name="departmentId" label={mtx('department', lang)} rules={[{ required: true, message: requiredMessage(mtx('department', lang), lang) }]}>
            <Select showSearch optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="meeting-department" />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="kind" label={mtx('kind', lang)} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 160 }}
              options={INTERNAL_MEETING_KINDS.map((k) => ({ value: k, label: meetingKindText(k, lang) }))}
              data-testid="meeting-kind"
            />
          </Form.Item>
          <Form.Item name="heldOn" label={mtx('heldOn', lang)} rules={[{ required: true, message: requiredMessage(mtx('heldOn', lang), lang) }]}>
            <DatePicker format="YYYY-MM-DD" data-testid="meeting-date" />
          </Form.Item>
        </Space>
        <Form.Item
          name="title"
          label={mtx('subject', lang)}
          rules={[{ required: true, whitespace: true, message: requiredMessage(mtx('subject', lang), lang) }]}
        >
          <Input maxLength={TEXT_LIMITS.short} data-testid="meeting-title" />
        </Form.Item>
        <Form.Item name="agenda" label={mtx('agenda', lang)}>
          <Input.TextArea rows={2} maxLength={TEXT_LIMITS.long} data-testid="meeting-agenda" />
        </Form.Item>
        <Form.Item
          name="attendeeIds"
          label={mtx('attendees', lang)}
          rules={[{ required: true, type: 'array', min: 1, message: requiredMessage(mtx('attendees', lang), lang) }]}
        >
          <Select mode="multiple" optionFilterProp="label" options={people} data-testid="meeting-attendees" />
        </Form.Item>
        <Form.Item name="secretaryId" label={mtx('secretary', lang)} extra={mtx('secretaryHint', lang)}>
          <Select allowClear showSearch optionFilterProp="label" options={people} data-testid="meeting-secretary" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function MeetingDrawer({ m, onClose }: { m: Meeting; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [minutes, setMinutes] = useState(m.minutes ?? '');
  const [text, setText] = useState('');
  const [responsibleId, setResponsibleId] = useState<string | undefined>();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [completing, setCompleting] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the responsible may be anyone of the holding office (or everyone in scope for a company department's meeting)
  const staff = useStaff(m.projectId ?? undefined, m.canHold).data ?? [];
  const people = staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }));
  const act = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      void message.success(done);
      await client.invalidateQueries({ queryKey: keys.all });
      await client.invalidateQueries({ queryKey: keys.mine });
      return true;
    } catch (e) {
      setError((e as ApiError).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={m.title} width={Math.min(640, window.innerWidth)} onClose={onClose} data-testid="meeting-drawer">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag>{meetingKindText(m.kind, lang)}</Tag>
          {minutesTag(m, lang)}
        </Space>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={mtx('holder', lang)}>{m.holderName}</Descriptions.Item>
          <Descriptions.Item label={mtx('heldOn', lang)}>{m.heldOn}</Descriptions.Item>
          <Descriptions.Item label={mtx('organizer', lang)}>{m.organizer.name}</Descriptions.Item>
          <Descriptions.Item label={mtx('secretary', lang)}>{m.secretary.name}</Descriptions.Item>
          <Descriptions.Item label={mtx('attendees', lang)}>
            <span data-testid="meeting-attendee-names">{m.attendees.map((a) => a.name).join(listSep(lang))}</span>
          </Descriptions.Item>
          {m.agenda && <Descriptions.Item label={mtx('agenda', lang)}>{m.agenda}</Descriptions.Item>}
        </Descriptions>
        <Typography.Title level={5} style={{ marginBottom: 0 }}>
          {mtx('minutes', lang)}
        </Typography.Title>
        <Typography.Text type={m.minutesLate ? 'danger' : 'secondary'} data-testid="meeting-minutes-due">
          {mtx('minutesDue', lang, { date: m.minutesDueOn })}
          {m.minutesBy ? ` · ${mtx('minutesBy', lang)} ${m.minutesBy.name} ${at(m.minutesAt, lang)}` : ''}
        </Typography.Text>
        {m.canHold ? (
          <div>
            <Input.TextArea rows={5} maxLength={TEXT_LIMITS.long} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="meeting-minutes" />
            <Button
              type="primary"
              style={{ marginTop: 8 }}
              loading={busy}
              onClick={() => {
                if (!minutes.trim()) return setError(requiredMessage(mtx('minutes', lang), lang));
                void act(
                  () => api('POST /api/internal-meetings/:id/minutes', { params: { id: m.id }, body: { minutes: minutes.trim() } }),
                  mtx('minutesSaved', lang),
                );
              }}
              data-testid="meeting-minutes-save"
            >
              {mtx('writeMinutes', lang)}
            </Button>
          </div>
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-minutes-text">
            {m.minutes ?? mtx('minutesMissing', lang)}
          </Typography.Paragraph>
        )}
        <Typography.Title level={5} style={{ marginBottom: 0 }}>
          {mtx('resolutions', lang)}
        </Typography.Title>
        <Table<Action>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.actions}
          locale={{ emptyText: '—' }}
          onRow={(a) => ({ 'data-action': a.text }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: mtx('resolution', lang), dataIndex: 'text' },
            { title: mtx('responsible', lang), dataIndex: 'responsibleName' },
            { title: mtx('deadline', lang), dataIndex: 'deadlineOn' },
            { title: mtx('status', lang), render: (_, a) => <ActionStatus a={a} /> },
            {
              title: '',
              render: (_, a) =>
                a.canComplete ? (
                  <Button size="small" onClick={() => setCompleting(a)} data-testid="action-complete">
                    {mtx('complete', lang)}
                  </Button>
                ) : (
                  (a.doneNote ?? '')
                ),
            },
          ]}
        />
        {m.canHold && (
          <Space wrap data-testid="resolution-form">
            <Input
              placeholder={mtx('resolution', lang)}
              maxLength={TEXT_LIMITS.short}
              value={text}
              onChange={(e) => setText(e.target.value)}
              style={{ minWidth: 220 }}
              data-testid="resolution-text"
            />
            <Select
              placeholder={mtx('responsible', lang)}
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 140 }}
              value={responsibleId}
              onChange={setResponsibleId}
              options={people}
              data-testid="resolution-responsible"
            />
            <DatePicker format="YYYY-MM-DD" placeholder={mtx('deadline', lang)} value={deadline} onChange={setDeadline} data-testid="resolution-deadline" />
            <Button
              loading={busy}
              onClick={async () => {
                if (!text.trim()) return setError(requiredMessage(mtx('resolution', lang), lang));
                if (!responsibleId) return setError(requiredMessage(mtx('responsible', lang), lang));
                if (!deadline) return setError(requiredMessage(mtx('deadline', lang), lang));
                const body = { text: text.trim(), responsibleId, deadlineOn: deadline.format('YYYY-MM-DD') };
                if (await act(() => api('POST /api/internal-meetings/:id/actions', { params: { id: m.id }, body }), mtx('added', lang))) {
                  setText('');
                  setResponsibleId(undefined);
                  setDeadline(null);
                }
              }}
              data-testid="resolution-add"
            >
              {mtx('addResolution', lang)}
            </Button>
          </Space>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="meeting-error" />}
      </Space>
      {completing && <CompleteAction action={completing} onClose={() => setCompleting(null)} />}
    </Drawer>
  );
}

function ActionStatus({ a }: { a: Pick<Action, 'status' | 'overdue'> }) {
  const { lang } = useI18n();
  return (
    <Space size={4} data-testid="action-status">
      <Tag color={a.status === 'done' ? 'green' : 'blue'}>{mtx(a.status === 'done' ? 'done' : 'open', lang)}</Tag>
      {a.overdue && <Tag color="red">{mtx('overdue', lang)}</Tag>}
    </Space>
  );
}

/** Marks a resolution done with what was done (its responsible, or whoever holds the meeting). */
function CompleteAction({ action, onClose }: { action: Pick<Action, 'id' | 'text'>; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = async () => {
    if (!note.trim()) return setError(requiredMessage(mtx('doneNote', lang), lang));
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/internal-meeting-actions/:id/done', { params: { id: action.id }, body: { note: note.trim() } });
      void message.success(mtx('completed', lang));
      await client.invalidateQueries({ queryKey: keys.all });
      await client.invalidateQueries({ queryKey: keys.mine });
      onClose();
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={mtx('completeTitle', lang)}
      onCancel={onClose}
      onOk={() => void done()}
      okText={mtx('complete', lang)}
      cancelText={mtx('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'action-complete-send' } as Record<string, string>) }}
    >
      <Typography.Paragraph>{action.text}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={TEXT_LIMITS.short}
        placeholder={mtx('doneNote', lang)}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="action-note"
      />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} />}
    </Modal>
  );
}

/** 我的会议事项: my resolutions by deadline (open ones, or with those done), each with its meeting; marked done here. */
function MyActions() {
  const { lang } = useI18n();
  const [all, setAll] = useState(false);
  const mine = useMine(all);
  const [completing, setCompleting] = useState<MyAction | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-actions">
      <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
        {mtx('showDone', lang)}
      </Checkbox>
      <Table<MyAction>
        rowKey="id"
        size="small"
        loading={mine.isLoading}
        dataSource={mine.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: mtx('noneMine', lang) }}
        scroll={{ x: 'max-content' }}
        onRow={(a) => ({ 'data-my-action': a.text }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: mtx('resolution', lang), dataIndex: 'text' },
          {
            title: mtx('meeting', lang),
            render: (_, a) => `${a.meeting.heldOn} ${a.meeting.title}${inParens(a.meeting.holderName, lang)}`,
          },
          { title: mtx('deadline', lang), dataIndex: 'deadlineOn' },
          { title: mtx('status', lang), render: (_, a) => <ActionStatus a={a} /> },
          {
            title: '',
            render: (_, a) =>
              a.canComplete ? (
                <Button size="small" type="primary" onClick={() => setCompleting(a)} data-testid="my-action-complete">
                  {mtx('complete', lang)}
                </Button>
              ) : (
                (a.doneNote ?? '')
              ),
          },
        ]}
      />
      {completing && <CompleteAction action={completing} onClose={() => setCompleting(null)} />}
    </Space>
  );
}
