import { Button, Card, Col, DatePicker, Radio, Row, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CLOCK_LABELS } from '@guanjia/vocabulary';
import { CASE_TYPE_LABELS, label, useI18n } from '../shared/i18n';
import { ComplaintCauses } from './ComplaintCauses';
import { ExportButtons } from './ExportButtons';
import { MonthlyPackButtons } from './MonthlyPackButtons';
import { ReportItemsDrawer, type FigureQuery } from './ReportItems';
import { keys, thisYear, useDepartments, useProjects, useReports, useStaff, type Grouping, type ReportFilters } from './queries';

type SurveyFigure = { belowTarget: boolean; low: number; high: number };

/** 刷新 right after a reload adds nothing (a double click, an impatient second one). */
const REPORTS_MIN_RELOAD_GAP_MS = 3_000;

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * The managers' dashboard: timeliness (沟通及时率) and resolution success and satisfaction by month,
 * department, project, staff member or case type (timeliness also by clock), over a period (this year
 * at first) and for all projects or one; each chart with its table beside it, each table exportable as
 * .xlsx or CSV for the same period and project (written by the server, the export logged).
 */
export function Dashboard() {
  const { t, lang } = useI18n();
  const [groupBy, setGroupBy] = useState<Grouping>('month');
  const chartEl = useRef<HTMLDivElement>(null);
  const outcomeEl = useRef<HTMLDivElement>(null);
  const [filters, setFilters] = useState<ReportFilters>(thisYear);
  const queryClient = useQueryClient();
  // the list behind a figure, opened from the tables (issue 16 item 1)
  const [figure, setFigure] = useState<{ query: FigureQuery; title: string } | null>(null);
  const { timeliness, outcomes: outcomesQuery } = useReports(groupBy, filters);
  const report = timeliness.data;
  const outcomes = outcomesQuery.data;
  // staff names where the reader may list staff; otherwise the rows keep their ids
  const projects = useProjects().data;
  const departments = useDepartments().data;
  const staff = useStaff(undefined).data;
  const names = useMemo(
    () => Object.fromEntries([...(projects ?? []), ...(departments ?? []), ...(staff ?? [])].map((x) => [x.id, x.name])) as Record<string, string>,
    [projects, departments, staff],
  );
  const nameOf = (key: string | null) => {
    if (!key || key === '-') return '—';
    if (groupBy === 'type') return label(CASE_TYPE_LABELS, key, lang);
    if (groupBy === 'clock') return (CLOCK_LABELS as Record<string, Record<string, string>>)[key]?.[lang] ?? key;
    return names[key] ?? key;
  };
  const rows = (report?.rows ?? []).map((r) => ({ ...r, name: nameOf(r.key) }));
  /** A figure that opens its list: the report's own period, project, grouping and row key, and what it counts. */
  const figureLink = (n: number, report: FigureQuery['report'], measure: FigureQuery['measure'], key: string | null, heading: string, by = groupBy) =>
    n === 0 ? (
      n
    ) : (
      <Typography.Link
        data-testid={`figure-${report}-${measure}-${key ?? '-'}`}
        onClick={() =>
          setFigure({
            query: { report, measure, groupBy: by, key: key ?? '-', ...filters },
            title: `${heading} · ${nameOf(key)}`,
          })
        }
      >
        {n}
      </Typography.Link>
    );
  useEffect(() => {
    if (!chartEl.current) return;
    const chart = echarts.getInstanceByDom(chartEl.current) ?? echarts.init(chartEl.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis' },
        animationDuration: 300,
        legend: { top: 0, data: [t.met, t.breached] },
        grid: { left: 40, right: 16, top: 36, bottom: 30 },
        xAxis: { type: 'category', data: rows.map((r) => r.name) },
        yAxis: { type: 'value' },
        series: [
          { name: t.met, type: 'bar', stack: 'all', data: rows.map((r) => r.met), color: '#0b6e4f' },
          { name: t.breached, type: 'bar', stack: 'all', data: rows.map((r) => r.breached), color: '#c81e1e' },
        ],
      },
      true,
    );
  }, [report, names, lang]);
  const outcomeRows = (outcomes?.rows ?? []).map((r) => ({ ...r, name: nameOf(r.key) }));
  const outcomesBy = groupBy === 'clock' ? 'month' : groupBy;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  useEffect(() => {
    if (!outcomeEl.current) return;
    const chart = echarts.getInstanceByDom(outcomeEl.current) ?? echarts.init(outcomeEl.current);
    chart.setOption(
      {
        tooltip: { trigger: 'axis' },
        animationDuration: 300,
        legend: { top: 0, data: [t.successRate, t.satisfactionRate] },
        grid: { left: 40, right: 16, top: 36, bottom: 30 },
        xAxis: { type: 'category', data: outcomeRows.map((r) => r.name) },
        yAxis: { type: 'value', max: 100 },
        series: [
          { name: t.successRate, type: 'bar', data: outcomeRows.map((r) => (r.successRate ?? 0) * 100), color: '#0b6e4f' },
          { name: t.satisfactionRate, type: 'bar', data: outcomeRows.map((r) => (r.satisfactionRate ?? 0) * 100), color: '#3e7cb1' },
        ],
      },
      true,
    );
  }, [outcomes, names, lang]);
  // the tables as the server writes them: the same reports, period, project and grouping (rates as percentages in the .xlsx)
  const period = filters;
  // the year's reports reload slowly (queries.ts: every 10 minutes) or here, one reload at a time
  const reloading = timeliness.isFetching || outcomesQuery.isFetching;
  const inFlight = useRef(false);
  const reload = () => {
    // clicks while the reports reload, or within a few seconds after, add nothing
    const fresh = Date.now() - Math.max(timeliness.dataUpdatedAt, outcomesQuery.dataUpdatedAt) < REPORTS_MIN_RELOAD_GAP_MS;
    if (inFlight.current || reloading || fresh) return;
    inFlight.current = true;
    void Promise.allSettled([
      timeliness.refetch(),
      outcomesQuery.refetch(),
      queryClient.refetchQueries({ queryKey: [...keys.reports, 'complaint-causes'], type: 'active' }),
    ]).finally(() => (inFlight.current = false));
  };
  const updatedAt = Math.min(timeliness.dataUpdatedAt || Infinity, outcomesQuery.dataUpdatedAt || Infinity);
  return (
    <Row gutter={16}>
      <Col span={24} style={{ marginBottom: 16, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Radio.Group
          value={groupBy}
          onChange={(e) => setGroupBy(e.target.value)}
          optionType="button"
          options={[
            { value: 'month', label: t.byMonth },
            { value: 'department', label: t.byDepartment },
            { value: 'project', label: t.byProject },
            { value: 'staff', label: t.byStaff },
            { value: 'type', label: t.byType },
            { value: 'clock', label: t.byClock },
          ]}
        />
        <span data-testid="report-period">
          <DatePicker.RangePicker
            aria-label={t.reportPeriod}
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')]}
            onChange={(range) => {
              const [from, to] = range ?? [];
              // the picker's last day is inclusive; the reports take [from, to)
              if (from && to) setFilters((f) => ({ ...f, from: from.format('YYYY-MM-DD'), to: to.add(1, 'day').format('YYYY-MM-DD') }));
            }}
          />
        </span>
        <Select
          style={{ minWidth: 160 }}
          aria-label={t.project}
          value={filters.projectId ?? ''}
          onChange={(v: string) => setFilters((f) => ({ ...f, projectId: v || undefined }))}
          options={[{ value: '', label: t.allProjects }, ...(projects ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          data-testid="report-project"
        />
        <MonthlyPackButtons projectId={filters.projectId} />
        <Space size={4}>
          <Tooltip title={t.reportsCadence}>
            <Typography.Text type="secondary" data-testid="reports-updated-at">
              {Number.isFinite(updatedAt) ? `${t.reportsUpdatedAt} ${new Date(updatedAt).toLocaleTimeString(lang, { hour12: false })}` : t.loading}
            </Typography.Text>
          </Tooltip>
          <Button size="small" onClick={reload} loading={reloading} data-testid="refresh-reports">
            {t.refresh}
          </Button>
        </Space>
      </Col>
      <Col xs={24} md={6}>
        <Card>
          <Statistic
            title={t.timeliness}
            value={report?.total.rate === null || !report ? '—' : (report.total.rate * 100).toFixed(1)}
            suffix="%"
            data-testid="timeliness-rate"
          />
        </Card>
        <Card style={{ marginTop: 16 }}>
          <Statistic title={t.met} value={report?.total.met ?? 0} data-testid="timeliness-met" />
        </Card>
        <Card style={{ marginTop: 16 }}>
          <Statistic title={t.breached} value={report?.total.breached ?? 0} />
        </Card>
      </Col>
      <Col xs={24} md={10}>
        <Card title={t.timeliness}>
          <div ref={chartEl} style={{ height: 320 }} />
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card title={t.timeliness} extra={<ExportButtons route="GET /api/exports/timeliness" query={{ groupBy, ...period }} testId="export-timeliness" />}>
          {/* what the figures count, as the server says (clocks, by their due date) */}
          {report?.counts === 'clocks' && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="timeliness-counts">
              {t.countsClocks}
            </Typography.Paragraph>
          )}
          <Table
            size="small"
            rowKey={(r) => r.key ?? '-'}
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '', dataIndex: 'name' },
              { title: t.met, dataIndex: 'met', render: (n: number, r: { key: string | null }) => figureLink(n, 'timeliness', 'met', r.key, t.met) },
              {
                title: t.breached,
                dataIndex: 'breached',
                render: (n: number, r: { key: string | null }) => figureLink(n, 'timeliness', 'breached', r.key, t.breached),
              },
              { title: t.rate, dataIndex: 'rate', render: pct },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} md={10} style={{ marginTop: 16 }}>
        <Card title={`${t.successRate} · ${t.satisfactionRate}`}>
          <div ref={outcomeEl} style={{ height: 300 }} />
        </Card>
      </Col>
      <Col xs={24} md={8} style={{ marginTop: 16 }}>
        <Card
          title={`${t.successRate} · ${t.satisfactionRate}`}
          extra={
            <ExportButtons route="GET /api/exports/outcomes" query={{ groupBy: groupBy === 'clock' ? 'month' : groupBy, ...period }} testId="export-outcomes" />
          }
        >
          {outcomes?.counts === 'cases' && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="outcomes-counts">
              {t.countsCases}
            </Typography.Paragraph>
          )}
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={outcomeRows}
            data-testid="outcomes"
            columns={[
              { title: '', dataIndex: 'name' },
              {
                title: t.closedCount,
                dataIndex: 'closed',
                render: (n: number, r: { key: string }) => figureLink(n, 'outcomes', 'closed', r.key, t.closedCount, outcomesBy),
              },
              {
                title: t.outOfScopeCount,
                dataIndex: 'outOfScope',
                render: (n: number, r: { key: string }) => figureLink(n, 'outcomes', 'outOfScope', r.key, t.outOfScopeCount, outcomesBy),
              },
              {
                title: t.reopenedCount,
                dataIndex: 'reopened',
                render: (n: number, r: { key: string }) => figureLink(n, 'outcomes', 'reopened', r.key, t.reopenedCount, outcomesBy),
              },
              { title: <Tooltip title={t.successRateHint}>{t.successRate}</Tooltip>, dataIndex: 'successRate', render: pct },
              { title: t.satisfactionRate, dataIndex: 'satisfactionRate', render: pct },
              { title: t.averageRating, dataIndex: 'averageRating', render: (v: number | null) => v ?? '—' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} md={6} style={{ marginTop: 16 }}>
        <Card
          title={t.complaintCategories}
          extra={<ExportButtons route="GET /api/exports/complaint-categories" query={period} testId="export-complaint-categories" />}
        >
          <Table
            size="small"
            rowKey={(r) => r.category ?? '-'}
            pagination={false}
            dataSource={outcomes?.complaintCategories ?? []}
            columns={[
              { title: t.category, dataIndex: 'category', render: (v: string | null) => v ?? t.uncategorized },
              { title: '#', dataIndex: 'count' },
            ]}
          />
        </Card>
      </Col>
      <ComplaintCauses filters={filters} />
      <Col xs={24} style={{ marginTop: 16 }}>
        {/* 业主满意度 is the survey's figure (SPEC §10); the per-case ratings above stay beside it, never mixed in */}
        <Card title={t.surveySatisfaction}>
          <Table
            size="small"
            rowKey="surveyId"
            pagination={false}
            data-testid="survey-satisfaction"
            dataSource={outcomes?.surveys ?? []}
            columns={[
              { title: '', dataIndex: 'projectId', render: (id: string) => names[id] ?? id },
              { title: t.surveyCampaign, dataIndex: 'title' },
              { title: '#', dataIndex: 'answers' },
              {
                title: t.surveySatisfaction,
                dataIndex: 'rate',
                render: (v: number | null, r: SurveyFigure) => (
                  <Typography.Text type={r.belowTarget ? 'danger' : undefined}>
                    {pct(v)}
                    {r.belowTarget ? ` · ${t.belowTarget}` : ''}
                  </Typography.Text>
                ),
              },
              { title: t.surveyInterval, key: 'ci', render: (_: unknown, r: SurveyFigure) => `${pct(r.low)} – ${pct(r.high)}` },
              { title: t.surveyTarget, dataIndex: 'target', render: pct },
            ]}
          />
        </Card>
      </Col>
      <ReportItemsDrawer figure={figure?.query ?? null} title={figure?.title ?? ''} onClose={() => setFigure(null)} />
    </Row>
  );
}
