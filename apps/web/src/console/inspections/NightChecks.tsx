import { INSPECTION_STATUS_LABELS, WEATHER_WARNING_KIND_LABELS } from '@guanjia/vocabulary';
import { Alert, Button, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate, useRoute } from '../router';
import { monthDay } from './clock';
import { CHECK_TRIGGER_LABELS, DUTY_COLOURS, it, levelText, NIGHT_STATE_LABELS, word } from './inspection-text';
import { STATUS_COLOURS } from './checks-queries';
import { useNightMonth, type CheckSummary, type WeatherWarning } from './night-audit-queries';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useProjectZone, useStaffNames } from './queries';
import { WeatherWarningForm, type WarningCreated } from './WeatherWarningForm';

/** The night a check begun at `iso` counts for: its local date six hours earlier (before 06:00 is the night before). */
export function nightOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.parse(iso) - 6 * 3_600_000));
}

/** The link of a check's page (another page shows and works it): 开始检查 for one scheduled, else 查看检查. */
export function CheckLink({ check }: { check: CheckSummary }) {
  const { lang } = useI18n();
  const path = `/inspections/${encodeURIComponent(check.id)}`;
  return (
    <a
      href={path}
      onClick={(e) => {
        e.preventDefault();
        navigate(path);
      }}
      data-testid={check.status === 'scheduled' ? 'check-start' : 'check-open'}
    >
      {it(check.status === 'scheduled' ? 'startCheck' : 'openCheck', lang)}
    </a>
  );
}

/**
 * 夜间查岗 (issue 15 item 1; seed 001: at least 4 a month, and every night of a typhoon or rainstorm): a
 * project's month — required and done, still owed and its state (已达标 / 未完成 / 未达标), the nights checked,
 * the warning nights still owed —, the month's weather warnings with 录入预警 (inspection.admin or
 * inspection.check), and the month's night checks, each opening its check's page (开始检查 for one a warning
 * scheduled). `?projectId=&month=` opens a project's month (the 恶劣天气夜间查岗 notification's link).
 */
export function NightChecks({ me }: { me: Me }) {
  const { lang } = useI18n();
  const route = useRoute();
  const askedProject = route.query.get('projectId');
  const askedMonth = route.query.get('month');
  const [projectId, setProjectId] = useInspectionProject();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  useEffect(() => {
    if (askedProject) setProjectId(askedProject);
    if (askedMonth && /^\d{4}-\d{2}$/.test(askedMonth)) setMonth(dayjs(`${askedMonth}-01`));
    // the address's project and month are taken once each time they change
  }, [askedProject, askedMonth]);
  const key = month.format('YYYY-MM');
  const data = useNightMonth(projectId, key);
  const zone = useProjectZone(projectId);
  const names = useStaffNames(projectId);
  const [entering, setEntering] = useState(false);
  const [created, setCreated] = useState<WarningCreated | null>(null);
  const mayWarn = me.capabilities.includes('inspection.admin') || me.capabilities.includes('inspection.check');
  const m = data.data?.projectId === projectId ? data.data : undefined;
  const dates = (list: string[] | undefined, colour?: string) =>
    list?.length ? (
      <Space size={4} wrap>
        {list.map((d) => (
          <Tag key={d} color={colour}>
            {monthDay(d)}
          </Tag>
        ))}
      </Space>
    ) : (
      it('none', lang)
    );
  // a warning's check is titled by the server in Chinese: named here in the language shown
  const checkTitle = (c: CheckSummary) => {
    const w = c.trigger === 'weather' ? m?.warnings.find((x) => x.id === c.weatherWarningId) : undefined;
    return w ? it('weatherCheckTitle', lang, { kind: word(WEATHER_WARNING_KIND_LABELS, w.kind, lang) }) : c.title;
  };
  const scheduledBy = (w: WeatherWarning) => (m?.checks ?? []).filter((c) => c.weatherWarningId === w.id).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="night-checks">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('nightChecks', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} data-testid="night-month-picker" />
        {mayWarn && (
          <Button type="primary" onClick={() => setEntering(true)} disabled={!projectId} data-testid="warning-new">
            {it('enterWarning', lang)}
          </Button>
        )}
      </Space>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          data-testid="warning-created"
          message={
            created.scheduled.length
              ? it('warningEntered', lang, {
                  n: created.scheduled.length,
                  nights: created.scheduled.map((s) => monthDay(s.scheduledOn)).join(lang === 'en' ? ', ' : '、'),
                })
              : it('warningNoneNew', lang)
          }
        />
      )}
      {data.error && <Alert type="error" showIcon message={(data.error as ApiError).message} />}
      {/* begun only at night: the server refuses a start in the daytime (its words on the check's page) */}
      <Typography.Text type="secondary" data-testid="night-hours-hint">
        {it('nightHoursHint', lang)}
      </Typography.Text>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} data-testid="night-month">
        <Descriptions.Item label={it('nightRequired', lang)}>
          <span data-testid="night-required">{m ? it('timesN', lang, { n: m.required }) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('nightDone', lang)}>
          <span data-testid="night-done">{m ? it('timesN', lang, { n: m.done }) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('nightOwed', lang)}>
          <span data-testid="night-owed">{m ? it('timesN', lang, { n: m.owed }) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('state', lang)}>
          {m && (
            <Tag color={DUTY_COLOURS[m.state]} data-testid="night-state">
              {word(NIGHT_STATE_LABELS, m.state, lang)}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={it('nightsChecked', lang)} span={2}>
          <span data-testid="night-done-nights">{dates(m?.doneNights, 'green')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('warningNightsOwed', lang)} span={2}>
          <span data-testid="night-warning-owed">{dates(m?.warningNightsOwed, 'red')}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {it('weatherWarnings', lang)}
      </Typography.Title>
      <Table<WeatherWarning>
        rowKey="id"
        size="small"
        loading={data.isLoading}
        dataSource={m?.warnings ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: it('noWarnings', lang) }}
        onRow={(w) => ({ 'data-warning': `${w.kind} ${w.fromDate}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="night-warnings"
        columns={[
          { title: it('warningKind', lang), render: (_, w) => word(WEATHER_WARNING_KIND_LABELS, w.kind, lang) },
          { title: it('warningLevel', lang), render: (_, w) => levelText(w.level, lang) },
          { title: it('warningNights', lang), render: (_, w) => `${monthDay(w.fromDate)} – ${monthDay(w.toDate)}` },
          { title: it('nightChecks', lang), render: (_, w) => it('nightsScheduled', lang, { n: scheduledBy(w) }) },
          { title: it('warningNote', lang), render: (_, w) => w.note ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {it('nightChecksList', lang)}
      </Typography.Title>
      <Table<CheckSummary>
        rowKey="id"
        size="small"
        loading={data.isLoading}
        dataSource={m?.checks ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: it('noNightChecks', lang) }}
        onRow={(c) => ({ 'data-night': c.scheduledOn ?? (c.startedAt ? nightOf(c.startedAt, zone) : '') }) as React.HTMLAttributes<HTMLElement>}
        data-testid="night-check-list"
        columns={[
          { title: it('night', lang), render: (_, c) => monthDay(c.scheduledOn ?? (c.startedAt ? nightOf(c.startedAt, zone) : '')) || '—' },
          { title: it('title', lang), render: (_, c) => checkTitle(c) },
          { title: it('source', lang), render: (_, c) => word(CHECK_TRIGGER_LABELS, c.trigger, lang) },
          {
            title: it('status', lang),
            render: (_, c) => (
              <Tag color={STATUS_COLOURS[c.status]} data-testid="check-status">
                {word(INSPECTION_STATUS_LABELS, c.status, lang)}
              </Tag>
            ),
          },
          { title: it('inspector', lang), render: (_, c) => (c.inspectorId ? (names.get(c.inspectorId) ?? '—') : '—') },
          { title: it('score', lang), render: (_, c) => (c.percent === null ? '—' : `${c.percent.toFixed(1)}%`), align: 'right' },
          { title: it('actions', lang), render: (_, c) => <CheckLink check={c} /> },
        ]}
      />
      {entering && <WeatherWarningForm projectId={projectId} onClose={() => setEntering(false)} onCreated={setCreated} />}
    </Space>
  );
}
