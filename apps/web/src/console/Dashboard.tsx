import { Card, Col, Radio, Row, Statistic, Table } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { get } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useLive } from '../shared/live';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Outcomes = { rows: { key: string; closed: number; successRate: number | null; satisfactionRate: number | null; averageRating: number | null }[]; complaintCategories: { category: string | null; count: number }[] };
type Report = { rows: { key: string | null; met: number; breached: number; total: number; rate: number | null }[]; total: { met: number; breached: number; total: number; rate: number | null }; from: string; to: string };

/** The managers' dashboard: timeliness (沟通及时率) by month, department, project or clock, a chart and its table. */
export function Dashboard() {
  const { t } = useI18n();
  const [groupBy, setGroupBy] = useState<'month' | 'department' | 'project' | 'clock'>('month');
  const [report, setReport] = useState<Report | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [outcomes, setOutcomes] = useState<Outcomes | null>(null);
  const chartEl = useRef<HTMLDivElement>(null);
  const outcomeEl = useRef<HTMLDivElement>(null);
  const year = new Date().getFullYear();
  const period = `from=${year}-01-01&to=${year + 1}-01-01`;
  const load = () => {
    void get<Report>(`/api/reports/timeliness?groupBy=${groupBy}&${period}`).then(setReport);
    void get<Outcomes>(`/api/reports/outcomes?groupBy=${groupBy === 'clock' ? 'month' : groupBy}&${period}`).then(setOutcomes);
  };
  useEffect(() => void load(), [groupBy]);
  useEffect(() => {
    void Promise.all([get<{ id: string; name: string }[]>('/api/projects'), get<{ id: string; name: string }[]>('/api/departments')]).then(([p, d]) =>
      setNames(Object.fromEntries([...p, ...d].map((x) => [x.id, x.name]))));
  }, []);
  useLive(() => void load());
  const rows = (report?.rows ?? []).map((r) => ({ ...r, name: r.key ? (names[r.key] ?? r.key) : '—' }));
  useEffect(() => {
    if (!chartEl.current) return;
    const chart = echarts.getInstanceByDom(chartEl.current) ?? echarts.init(chartEl.current);
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { data: [t.met, t.breached] }, grid: { left: 40, right: 16, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.name) }, yAxis: { type: 'value' },
      series: [{ name: t.met, type: 'bar', stack: 'all', data: rows.map((r) => r.met), color: '#0b6e4f' }, { name: t.breached, type: 'bar', stack: 'all', data: rows.map((r) => r.breached), color: '#c81e1e' }],
    }, true);
  }, [report, names]);
  const outcomeRows = (outcomes?.rows ?? []).map((r) => ({ ...r, name: names[r.key] ?? r.key }));
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  useEffect(() => {
    if (!outcomeEl.current) return;
    const chart = echarts.getInstanceByDom(outcomeEl.current) ?? echarts.init(outcomeEl.current);
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { data: [t.successRate, t.satisfactionRate] }, grid: { left: 40, right: 16, bottom: 40 },
      xAxis: { type: 'category', data: outcomeRows.map((r) => r.name) }, yAxis: { type: 'value', max: 100 },
      series: [{ name: t.successRate, type: 'bar', data: outcomeRows.map((r) => (r.successRate ?? 0) * 100), color: '#0b6e4f' }, { name: t.satisfactionRate, type: 'bar', data: outcomeRows.map((r) => (r.satisfactionRate ?? 0) * 100), color: '#3e7cb1' }],
    }, true);
  }, [outcomes, names]);
  return (
    <Row gutter={16}>
      <Col span={24} style={{ marginBottom: 16 }}>
        <Radio.Group value={groupBy} onChange={(e) => setGroupBy(e.target.value)} optionType="button"
          options={[{ value: 'month', label: t.byMonth }, { value: 'department', label: t.byDepartment }, { value: 'project', label: t.byProject }, { value: 'clock', label: t.byClock }]} />
      </Col>
      <Col xs={24} md={6}>
        <Card><Statistic title={t.timeliness} value={report?.total.rate === null || !report ? '—' : (report.total.rate * 100).toFixed(1)} suffix="%" data-testid="timeliness-rate" /></Card>
        <Card style={{ marginTop: 16 }}><Statistic title={t.met} value={report?.total.met ?? 0} data-testid="timeliness-met" /></Card>
        <Card style={{ marginTop: 16 }}><Statistic title={t.breached} value={report?.total.breached ?? 0} /></Card>
      </Col>
      <Col xs={24} md={10}><Card title={t.timeliness}><div ref={chartEl} style={{ height: 320 }} /></Card></Col>
      <Col xs={24} md={8}>
        <Card title={t.timeliness}>
          <Table size="small" rowKey={(r) => r.name} pagination={false} dataSource={rows}
            columns={[{ title: '', dataIndex: 'name' }, { title: t.met, dataIndex: 'met' }, { title: t.breached, dataIndex: 'breached' }, { title: t.rate, dataIndex: 'rate', render: pct }]} />
        </Card>
      </Col>
      <Col xs={24} md={10} style={{ marginTop: 16 }}><Card title={`${t.successRate} · ${t.satisfactionRate}`}><div ref={outcomeEl} style={{ height: 300 }} /></Card></Col>
      <Col xs={24} md={8} style={{ marginTop: 16 }}>
        <Card title={`${t.successRate} · ${t.satisfactionRate}`}>
          <Table size="small" rowKey="key" pagination={false} dataSource={outcomeRows} data-testid="outcomes"
            columns={[{ title: '', dataIndex: 'name' }, { title: t.closedCount, dataIndex: 'closed' }, { title: t.successRate, dataIndex: 'successRate', render: pct }, { title: t.satisfactionRate, dataIndex: 'satisfactionRate', render: pct }, { title: t.averageRating, dataIndex: 'averageRating', render: (v: number | null) => v ?? '—' }]} />
        </Card>
      </Col>
      <Col xs={24} md={6} style={{ marginTop: 16 }}>
        <Card title={t.complaintCategories}>
          <Table size="small" rowKey={(r) => r.category ?? '-'} pagination={false} dataSource={outcomes?.complaintCategories ?? []}
            columns={[{ title: t.category, dataIndex: 'category', render: (v: string | null) => v ?? '—' }, { title: '#', dataIndex: 'count' }]} />
        </Card>
      </Col>
    </Row>
  );
}
