import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useDepartments, useProjects, useStaff } from '../queries';
import { messagingKeys, useDutyShifts, useOnDuty, type DutyShift } from './queries';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The roster's times are the project's wall-clock times, whatever the browser's zone: the pickers hold
 * a plain (browser-local) dayjs showing the project zone's reading, turned into the instant it means
 * there on the way out.
 */
const WALL = 'YYYY-MM-DDTHH:mm:ss';
const wallClock = (instant: Dayjs, timeZone: string) => dayjs(instant.tz(timeZone).format(WALL));
const instantOf = (wall: Dayjs, timeZone: string) => dayjs.tz(wall.format(WALL), timeZone).toISOString();

/** Monday 00:00 (the project's wall clock) of the week `offset` weeks from this one: the roster shows a week at a time. */
function weekStart(offset: number, timeZone: string): Dayjs {
  const today = wallClock(dayjs(), timeZone).startOf('day');
  return today.subtract((today.day() + 6) % 7, 'day').add(offset, 'week');
}

/** A new shift's default period: from now, 12 hours. */
function defaultPeriod(timeZone: string): [Dayjs, Dayjs] {
  const now = wallClock(dayjs(), timeZone).startOf('minute');
  return [now, now.add(12, 'hour')];
}

interface ShiftValues {
  staffId: string;
  departmentId?: string;
  period: [Dayjs, Dayjs];
  note?: string;
}

/**
 * 值班表 (issue 13 item 3): a project's shifts, a week at a time, and 当前值班 — who a calendar-time
 * alert outside working hours pages now. Those with duty.manage add shifts (a person of the project,
 * optionally for one department, from … to …) and delete them; others with structure.read read it.
 */
export function DutyRoster({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const projects = useProjects().data ?? [];
  const [chosenProject, setProjectId] = useState('');
  const projectId = chosenProject || projects[0]?.id || '';
  const project = projects.find((p) => p.id === projectId);
  const tz = project?.timeZone ?? 'Asia/Shanghai';
  const canManage = me.capabilities.includes('duty.manage');
  const [week, setWeek] = useState(0);
  const from = weekStart(week, tz);
  const to = from.add(1, 'week');
  const shifts = useDutyShifts(projectId, instantOf(from, tz), instantOf(to, tz));
  const onDuty = useOnDuty(projectId);
  const staff = useStaff(projectId || undefined, !!projectId && canManage).data ?? [];
  const departments = (useDepartments().data ?? []).filter((d) => d.projectId === projectId);
  const [form] = Form.useForm<ShiftValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // a project in another zone: the default period read on its clock
  useEffect(() => {
    if (canManage) form.setFieldValue('period', defaultPeriod(tz));
  }, [form, tz, canManage]);
  const reload = () => void client.invalidateQueries({ queryKey: messagingKeys.duty });
  const departmentName = (id: string | null) => (id ? (departments.find((d) => d.id === id)?.name ?? '—') : t.dutyAllDepartments);

  const add = async (v: ShiftValues) => {
    setProblem(null);
    setAdding(true);
    try {
      await api('POST /api/duty-shifts', {
        body: {
          projectId,
          staffId: v.staffId,
          departmentId: v.departmentId || null,
          startsAt: instantOf(v.period[0], tz),
          endsAt: instantOf(v.period[1], tz),
          note: v.note?.trim() || null,
        },
      });
      void message.success(t.dutyAdded);
      form.resetFields(['staffId', 'note']);
      reload();
    } catch (e) {
      const error = e as ApiError;
      if (error.field === 'staffId') form.setFields([{ name: 'staffId', errors: [error.message] }]);
      else if (error.field === 'startsAt' || error.field === 'endsAt') form.setFields([{ name: 'period', errors: [error.message] }]);
      else setProblem(error.message);
    } finally {
      setAdding(false);
    }
  };
  const remove = async (s: DutyShift) => {
    try {
      await api('DELETE /api/duty-shifts/:id', { params: { id: s.id } });
      void message.success(t.dutyRemoved);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      reload();
    }
  };

  const now = onDuty.data?.staff ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t.dutyRoster}
        extra={
          <Select
            style={{ width: 220 }}
            value={projectId}
            onChange={setProjectId}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            aria-label={t.project}
            data-testid="duty-project"
          />
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <div data-testid="on-duty-now">
            <Typography.Text strong>{t.dutyOnNow}：</Typography.Text>
            {now.length ? (
              now.map((p) => (
                <Tag color="green" key={p.id}>
                  {p.name}
                </Tag>
              ))
            ) : (
              <Typography.Text type="secondary">{t.dutyNobody}</Typography.Text>
            )}
          </div>
          {!canManage && <Alert type="info" showIcon message={t.dutyReadOnly} />}
        </Space>
      </Card>

      {canManage && (
        <Card title={t.dutyAdd} size="small">
          <Form<ShiftValues> form={form} layout="vertical" onFinish={(v) => void add(v)} initialValues={{ period: defaultPeriod(tz) }}>
            <Row gutter={12}>
              <Col xs={24} md={6}>
                <Form.Item name="staffId" label={t.dutyPerson} rules={[{ required: true }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
                    data-testid="duty-staff"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name="departmentId" label={`${t.dutyDepartment}（${t.msgOptional}）`}>
                  <Select allowClear placeholder={t.dutyAllDepartments} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="period" label={t.dutyPeriod} rules={[{ required: true }]}>
                  <DatePicker.RangePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    allowClear={false}
                    style={{ width: '100%' }}
                    data-testid="duty-period"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name="note" label={`${t.dutyNote}（${t.msgOptional}）`}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
            {problem && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={problem} data-testid="duty-problem" />}
            <Button type="primary" htmlType="submit" loading={adding} data-testid="duty-add">
              {t.dutyAdd}
            </Button>
          </Form>
        </Card>
      )}

      <Card
        size="small"
        title={`${from.format('YYYY-MM-DD')} – ${to.subtract(1, 'day').format('YYYY-MM-DD')}`}
        extra={
          <Space>
            <Button size="small" onClick={() => setWeek((w) => w - 1)}>
              {t.dutyPrevWeek}
            </Button>
            <Button size="small" onClick={() => setWeek(0)} disabled={week === 0}>
              {t.dutyWeek}
            </Button>
            <Button size="small" onClick={() => setWeek((w) => w + 1)}>
              {t.dutyNextWeek}
            </Button>
          </Space>
        }
      >
        {shifts.error && <Alert type="error" showIcon message={(shifts.error as ApiError).message} />}
        <Table
          size="small"
          rowKey="id"
          loading={shifts.isLoading}
          pagination={false}
          dataSource={shifts.data ?? []}
          locale={{ emptyText: t.dutyNone }}
          scroll={{ x: 700 }}
          data-testid="duty-shifts"
          columns={[
            { title: t.dutyPerson, dataIndex: 'staffName' },
            { title: t.dutyDepartment, render: (_: unknown, s: DutyShift) => departmentName(s.departmentId) },
            { title: t.dutyStartsAt, render: (_: unknown, s: DutyShift) => formatInstant(s.startsAt, tz, lang) },
            { title: t.dutyEndsAt, render: (_: unknown, s: DutyShift) => formatInstant(s.endsAt, tz, lang) },
            { title: t.dutyNote, render: (_: unknown, s: DutyShift) => s.note ?? '' },
            ...(canManage
              ? [
                  {
                    title: t.msgActions,
                    render: (_: unknown, s: DutyShift) => (
                      <Popconfirm title={t.dutyRemoveConfirm} onConfirm={() => void remove(s)}>
                        <Button size="small" danger data-testid="duty-remove">
                          {t.dutyRemove}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
