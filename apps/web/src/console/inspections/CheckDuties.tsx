import { Alert, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { useCheckDuties, type CheckDutyRow } from './checks-queries';
import { DUTY_COLOURS, DUTY_STATE_LABELS, it, NIGHT_STATE_LABELS, word } from './inspection-text';

/** A cell opening the list behind it (an address of its own, so it opens in a new tab too). */
function DutyLink({ path, testId, children }: { path: string; testId: string; children: ReactNode }) {
  return (
    <a
      href={path}
      onClick={(e) => {
        e.preventDefault();
        navigate(path);
      }}
      data-testid={testId}
    >
      {children}
    </a>
  );
}

/** 'YYYY-Qn' as 2026年第4季度 / 2026 Q4. */
const quarterText = (period: string, lang: string) => it('quarterName', lang, { year: period.slice(0, 4), q: period.slice(-1) });

/**
 * 应检情况 (`/check-duties`, issue 15 item 1): each office's checks owed in a month — its night checks
 * (夜间查岗, done of the 4 required, 已达标 / 未完成 / 未达标), the quality department's management check of the
 * month (月检) and property check of the quarter (季检), each 已检 / 待检 / 漏检 — as the server counts them
 * (GET /api/check-duties), with a line of how many offices owe each. Each cell opens the list behind it:
 * the office's month of night checks, or 检查 filtered by the kind and office (the month for 月检; a quarter
 * spans three months, so 季检 opens the kind's checks of every month). The month is the server's until one is picked.
 */
export function CheckDuties() {
  const { lang } = useI18n();
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const duties = useCheckDuties(picked ? picked.format('YYYY-MM') : null);
  const data = duties.data;
  const month = data?.month ?? picked?.format('YYYY-MM') ?? '';
  const items = data?.items ?? [];
  const short = (state: (r: CheckDutyRow) => string) => items.filter((r) => state(r) !== 'met').length;
  const checksOf = (r: CheckDutyRow, kind: string, withMonth: boolean) =>
    `/inspections?${new URLSearchParams({ kind, projectId: r.projectId, ...(withMonth ? { month } : {}) }).toString()}`;
  const dutyTag = (state: string, testId: string) => (
    <Tag color={DUTY_COLOURS[state]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {word(DUTY_STATE_LABELS, state, lang)}
    </Tag>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="check-duties">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('checkDuties', lang)}
        </Typography.Title>
        <DatePicker
          picker="month"
          value={picked ?? (data ? dayjs(`${data.month}-01`) : null)}
          onChange={(v) => v && setPicked(v)}
          allowClear={false}
          data-testid="duties-month"
        />
      </Space>
      {duties.error && <Alert type="error" showIcon message={(duties.error as ApiError).message} />}
      {data && (
        <Typography.Text data-testid="duties-summary">
          {it('dutySummary', lang, {
            total: items.length,
            night: short((r) => r.night.state),
            monthly: short((r) => r.monthly.state),
            quarterly: short((r) => r.quarterly.state),
          })}
        </Typography.Text>
      )}
      <Table<CheckDutyRow>
        rowKey="projectId"
        size="small"
        loading={duties.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: it('noOffices', lang) }}
        onRow={(r) => ({ 'data-project': r.projectId }) as React.HTMLAttributes<HTMLElement>}
        data-testid="duties-table"
        columns={[
          { title: it('office', lang), render: (_, r) => r.projectName },
          {
            title: it('nightChecks', lang),
            render: (_, r) => (
              <DutyLink path={`/night-checks?${new URLSearchParams({ projectId: r.projectId, month }).toString()}`} testId="duty-night">
                <Space size={6}>
                  <span data-testid="duty-night-count">{it('doneOf', lang, { done: r.night.done, required: r.night.required })}</span>
                  <Tag color={DUTY_COLOURS[r.night.state]} data-testid="duty-night-state" style={{ marginInlineEnd: 0 }}>
                    {word(NIGHT_STATE_LABELS, r.night.state, lang)}
                  </Tag>
                </Space>
              </DutyLink>
            ),
          },
          {
            title: it('dutyMonthly', lang),
            render: (_, r) => (
              <DutyLink path={checksOf(r, 'monthly_management', true)} testId="duty-monthly">
                {dutyTag(r.monthly.state, 'duty-monthly-state')}
              </DutyLink>
            ),
          },
          {
            title: it('dutyQuarterly', lang),
            render: (_, r) => (
              <DutyLink path={checksOf(r, 'quarterly_property', false)} testId="duty-quarterly">
                <Space size={6}>
                  <span data-testid="duty-quarter">{quarterText(r.quarterly.period, lang)}</span>
                  {dutyTag(r.quarterly.state, 'duty-quarterly-state')}
                </Space>
              </DutyLink>
            ),
          },
        ]}
      />
    </Space>
  );
}
