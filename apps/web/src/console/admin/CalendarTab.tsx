import { Alert, Button, Calendar, Card, Form, Input, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { RouteResponse } from '@guanjia/api-contract';
import { ApiError, api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { keys } from '../queries';
import { showServerError } from '../server-errors';
import { adminKeys, useAdminWrite, useCalendarYears, useProjectCalendar } from './queries';

type ProjectCalendar = RouteResponse<'GET /api/projects/:id/calendar'>;

/** A month of the project's calendar (the organization's years, the project's own dates, working spans); dates and years edited below it. */
export function CalendarTab({ projectId, admin, projectAdmin }: { projectId: string; admin: boolean; projectAdmin: boolean }) {
  const { t } = useI18n();
  const years = useCalendarYears().data ?? [];
  const calendar = useProjectCalendar(projectId).data ?? null;
  const ownOff = new Set(calendar?.holidays ?? []);
  const ownOn = new Set(calendar?.makeupWorkdays ?? []);
  const holidays = new Set(years.flatMap((y) => y.holidays));
  const makeup = new Set(years.flatMap((y) => y.makeupWorkdays));
  const cell = (d: Dayjs) => {
    const date = d.format('YYYY-MM-DD');
    // the project's own dates win over the organization's years (as on the server)
    if (ownOff.has(date))
      return (
        <Tag color="volcano" data-day={date}>
          {t.projectHolidayMark}
        </Tag>
      );
    if (ownOn.has(date))
      return (
        <Tag color="geekblue" data-day={date}>
          {t.projectWorkdayMark}
        </Tag>
      );
    if (holidays.has(date))
      return (
        <Tag color="red" data-day={date}>
          {t.holidayMark}
        </Tag>
      );
    if (makeup.has(date))
      return (
        <Tag color="blue" data-day={date}>
          {t.makeupMark}
        </Tag>
      );
    const spans = calendar?.week[d.day()] ?? [];
    return spans.length ? (
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {spans.map((s) => `${s.start}-${s.end}`).join(' ')}
      </Typography.Text>
    ) : null;
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        {years.map((y) => (
          <Tag key={y.year}>
            {y.year} · {y.holidays.length} {t.holidayMark} / {y.makeupWorkdays.length} {t.makeupMark}
            {y.source ? ` · ${y.source}` : ''}
          </Tag>
        ))}
      </Space>
      <Calendar fullscreen={false} cellRender={(d, info) => (info.type === 'date' ? cell(d as Dayjs) : info.originNode)} />
      {projectAdmin && calendar && <ProjectDates projectId={projectId} calendar={calendar} />}
      {admin && <LoadYear />}
    </div>
  );
}

/** The project's own days off and working days; saved with its working week. */
function ProjectDates({ projectId, calendar }: { projectId: string; calendar: ProjectCalendar }) {
  const { t } = useI18n();
  // the clocks of open cases are recomputed: their deadlines move
  const write = useAdminWrite(adminKeys.calendar(projectId), keys.cases, ['case']);
  return (
    <DatesCard
      title={t.projectDates}
      hint={t.projectDatesHint}
      testId="project-dates"
      labels={[t.projectHolidaysField, t.projectWorkdaysField]}
      initial={calendar}
      save={async ({ holidays, makeupWorkdays }) => {
        const r = await write(() =>
          api('PUT /api/projects/:id/calendar', {
            params: { id: projectId },
            body: { week: calendar.week, makeupSpans: calendar.makeupSpans, holidays, makeupWorkdays },
          }),
        );
        return `✓ (${r.recomputedCases})`;
      }}
    />
  );
}

/** Load a year's holidays (放假) and make-up working days (调休上班). */
function LoadYear() {
  const { t } = useI18n();
  const write = useAdminWrite(adminKeys.calendarYears, adminKeys.allCalendars, keys.cases, ['case']);
  return (
    <DatesCard
      title={t.loadYear}
      withYear
      labels={[t.holidaysField, t.makeupField]}
      save={async ({ year, holidays, makeupWorkdays }) => {
        const r = await write(() =>
          api('PUT /api/calendar-years/:year', { params: { year: String(year) }, body: { holidays, makeupWorkdays, source: 'console' } }),
        );
        return `${year} ✓ (${r.recomputedCases})`;
      }}
    />
  );
}

type DateLists = { holidays: string[]; makeupWorkdays: string[] };

/**
 * Two lists of dates — days off and days worked — typed one per line (or separated by commas), and
 * optionally the year they belong to. The server validates; its refusal lands next to the field.
 */
function DatesCard({
  title,
  hint,
  testId,
  withYear,
  labels,
  initial,
  save,
}: {
  title: string;
  hint?: string;
  testId?: string;
  withYear?: boolean;
  labels: [string, string];
  initial?: DateLists;
  save: (v: DateLists & { year?: string }) => Promise<string>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (initial) form.setFieldsValue({ holidays: initial.holidays.join('\n'), makeupWorkdays: initial.makeupWorkdays.join('\n') });
  }, [initial]);
  const lines = (s?: string) =>
    (s ?? '')
      .split(/[\s,，]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  const submit = async (v: { year?: string; holidays?: string; makeupWorkdays?: string }) => {
    try {
      setDone(await save({ year: v.year, holidays: lines(v.holidays), makeupWorkdays: lines(v.makeupWorkdays) }));
    } catch (e) {
      setDone(showServerError(form, e as ApiError, ['holidays', 'makeupWorkdays', 'year']));
    }
  };
  return (
    <Card size="small" title={title} style={{ marginTop: 12 }} data-testid={testId}>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Form form={form} name={testId ?? 'loadYear'} layout="vertical" onFinish={submit}>
        {withYear && (
          <Form.Item name="year" label={t.year} rules={[{ required: true, pattern: /^\d{4}$/ }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
        )}
        <Form.Item name="holidays" label={labels[0]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="makeupWorkdays" label={labels[1]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          {t.save}
        </Button>
      </Form>
      {done && <Alert style={{ marginTop: 8 }} type="info" message={done} />}
    </Card>
  );
}
