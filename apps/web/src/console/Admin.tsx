import { Alert, Button, Calendar, Card, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, get, put } from '../shared/api';
import { showServerError } from './server-errors';
import { CASE_TYPE_LABELS, GRADE_LABELS, RULE_LABELS, label, useI18n } from '../shared/i18n';
import { CLOCK_LABELS } from '@guanjia/core';
import type { Me } from './App';
import { StaffTab } from './admin/StaffTab';
import { StructureTab } from './admin/StructureTab';

type Year = { year: string; holidays: string[]; makeupWorkdays: string[]; source: string | null };
type Project = { id: string; code: string; name: string; address: string | null; timeZone: string; phase: string; occupancyDate: string | null };

/** Administration: the business calendar (a month, load a year), SLA rules, structure and staff (created and edited). */
export function Admin({ me }: { me: Me }) {
  const { t } = useI18n();
  const [projects, setProjects] = useState<Project[]>([]);
  const [projectId, setProjectId] = useState<string>('');
  const loadProjects = () => {
    void get<Project[]>('/api/projects').then((p) => {
      setProjects(p);
      setProjectId((current) => current || p[0]?.id || '');
    });
  };
  useEffect(loadProjects, []);
  const project = projects.find((p) => p.id === projectId);
  const admin = me.capabilities.includes('structure.admin');
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t.project}</Typography.Text>
        <Select style={{ width: 220 }} value={projectId} onChange={setProjectId} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
      </Space>
      {project && (
        <Tabs items={[
          { key: 'calendar', label: t.calendar, children: <CalendarTab projectId={projectId} admin={admin && me.companyWide} projectAdmin={admin} /> },
          { key: 'sla', label: t.slaRules, children: <SlaRulesTab projectId={projectId} admin={admin} /> },
          { key: 'structure', label: t.structure, children: <StructureTab project={project} admin={admin} onProjectChanged={loadProjects} /> },
          { key: 'staff', label: t.staffList, children: <StaffTab projectId={projectId} admin={me.capabilities.includes('staff.admin')} /> },
        ]} />
      )}
    </Card>
  );
}

type ProjectCalendar = { week: { start: string; end: string }[][]; makeupSpans: { start: string; end: string }[] | null; holidays: string[]; makeupWorkdays: string[] };

function CalendarTab({ projectId, admin, projectAdmin }: { projectId: string; admin: boolean; projectAdmin: boolean }) {
  const { t } = useI18n();
  const [years, setYears] = useState<Year[]>([]);
  const [calendar, setCalendar] = useState<ProjectCalendar | null>(null);
  const load = () => {
    void get<Year[]>('/api/calendar-years').then(setYears);
    void get<ProjectCalendar>(`/api/projects/${projectId}/calendar`).then(setCalendar);
  };
  useEffect(load, [projectId]);
  const ownOff = new Set(calendar?.holidays ?? []);
  const ownOn = new Set(calendar?.makeupWorkdays ?? []);
  const holidays = new Set(years.flatMap((y) => y.holidays));
  const makeup = new Set(years.flatMap((y) => y.makeupWorkdays));
  const cell = (d: Dayjs) => {
    const date = d.format('YYYY-MM-DD');
    // the project's own dates win over the organization's years (as on the server)
    if (ownOff.has(date)) return <Tag color="volcano" data-day={date}>{t.projectHolidayMark}</Tag>;
    if (ownOn.has(date)) return <Tag color="geekblue" data-day={date}>{t.projectWorkdayMark}</Tag>;
    if (holidays.has(date)) return <Tag color="red" data-day={date}>{t.holidayMark}</Tag>;
    if (makeup.has(date)) return <Tag color="blue" data-day={date}>{t.makeupMark}</Tag>;
    const spans = calendar?.week[d.day()] ?? [];
    return spans.length ? <Typography.Text type="secondary" style={{ fontSize: 11 }}>{spans.map((s) => `${s.start}-${s.end}`).join(' ')}</Typography.Text> : null;
  };
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>{years.map((y) => <Tag key={y.year}>{y.year} · {y.holidays.length} {t.holidayMark} / {y.makeupWorkdays.length} {t.makeupMark}{y.source ? ` · ${y.source}` : ''}</Tag>)}</Space>
      <Calendar fullscreen={false} cellRender={(d, info) => (info.type === 'date' ? cell(d as Dayjs) : info.originNode)} />
      {projectAdmin && calendar && <ProjectDates projectId={projectId} calendar={calendar} onSaved={load} />}
      {admin && <LoadYear onLoaded={load} />}
    </div>
  );
}

/** The project's own days off and working days, one date per line; saved with its working week. */
function ProjectDates({ projectId, calendar, onSaved }: { projectId: string; calendar: ProjectCalendar; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => form.setFieldsValue({ holidays: calendar.holidays.join('\n'), makeupWorkdays: calendar.makeupWorkdays.join('\n') }), [calendar]);
  const submit = async (v: { holidays?: string; makeupWorkdays?: string }) => {
    const lines = (s?: string) => (s ?? '').split(/[\s,，]+/).map((x) => x.trim()).filter(Boolean);
    try {
      const r = await put<{ recomputedCases: number }>(`/api/projects/${projectId}/calendar`, { week: calendar.week, makeupSpans: calendar.makeupSpans, holidays: lines(v.holidays), makeupWorkdays: lines(v.makeupWorkdays) });
      setDone(`✓ (${r.recomputedCases})`);
      onSaved();
    } catch (e) {
      setDone(showServerError(form, e as ApiError, ['holidays', 'makeupWorkdays']));
    }
  };
  return (
    <Card size="small" title={t.projectDates} style={{ marginTop: 12 }} data-testid="project-dates">
      <Typography.Paragraph type="secondary">{t.projectDatesHint}</Typography.Paragraph>
      <Form form={form} name="projectDates" layout="vertical" onFinish={submit}>
        <Form.Item name="holidays" label={t.projectHolidaysField}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="makeupWorkdays" label={t.projectWorkdaysField}><Input.TextArea rows={2} /></Form.Item>
        <Button htmlType="submit" type="primary">{t.save}</Button>
      </Form>
      {done && <Alert style={{ marginTop: 8 }} type="info" message={done} />}
    </Card>
  );
}

/** Load a year's holidays (放假) and make-up working days (调休上班): one date per line. */
function LoadYear({ onLoaded }: { onLoaded: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [done, setDone] = useState<string | null>(null);
  const submit = async (v: { year: string; holidays: string; makeupWorkdays: string }) => {
    const lines = (s: string) => (s ?? '').split(/[\s,，]+/).map((x) => x.trim()).filter(Boolean);
    try {
      const r = await put<{ recomputedCases: number }>(`/api/calendar-years/${v.year}`, { holidays: lines(v.holidays), makeupWorkdays: lines(v.makeupWorkdays), source: 'console' });
      setDone(`${v.year} ✓ (${r.recomputedCases})`);
      onLoaded();
    } catch (e) {
      setDone(showServerError(form, e as ApiError, ['holidays', 'makeupWorkdays', 'year']));
    }
  };
  return (
    <Card size="small" title={t.loadYear} style={{ marginTop: 12 }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="year" label={t.year} rules={[{ required: true, pattern: /^\d{4}$/ }]}><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item name="holidays" label={t.holidaysField}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="makeupWorkdays" label={t.makeupField}><Input.TextArea rows={2} /></Form.Item>
        <Button htmlType="submit" type="primary">{t.save}</Button>
      </Form>
      {done && <Alert style={{ marginTop: 8 }} type="info" message={done} />}
    </Card>
  );
}

type Rule = { clock: string; caseType?: string; category?: string; repairGrade?: string; customerGrade?: string; target: { unit: string; amount?: number; basis: string }; warnAt?: number | null; escalationDelays?: number[] };
const CLOCKS = ['first_reply', 'department_answer', 'reply_to_owner', 'complaint_transfer', 'department_contact', 'complaint_plan', 'plan_approval', 'suggestion_feedback', 'repair_on_site', 'promised_time', 'owner_deadline', 'department_commitment'];


/** A project's SLA rules as a table (the defaults of SPEC apply where no rule matches); the server validates. */
function SlaRulesTab({ projectId, admin }: { projectId: string; admin: boolean }) {
  const { t, lang } = useI18n();
  const [rules, setRules] = useState<Rule[]>([]);
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string } | null>(null);
  useEffect(() => {
    void get<{ rules: Rule[] }>(`/api/projects/${projectId}/sla-rules`).then((r) => setRules(r.rules));
  }, [projectId]);
  const change = (i: number, patchRule: (r: Rule) => Rule) => setRules((all) => all.map((r, j) => (j === i ? patchRule(r) : r)));
  const clean = (r: Rule): Rule => {
    const out: Rule = { clock: r.clock, target: r.target.unit === 'same_day' ? { unit: 'same_day', basis: 'working' } : r.target.unit === 'fixed' ? { unit: 'fixed', basis: 'calendar' } : { unit: r.target.unit, amount: r.target.amount, basis: r.target.basis } };
    for (const k of ['caseType', 'category', 'repairGrade', 'customerGrade'] as const) if (r[k]) out[k] = r[k];
    if (r.warnAt !== undefined && r.warnAt !== null) out.warnAt = r.warnAt;
    if (r.escalationDelays?.length) out.escalationDelays = r.escalationDelays;
    return out;
  };
  const save = async () => {
    try {
      const r = await put<{ recomputedCases: number }>(`/api/projects/${projectId}/sla-rules`, { rules: rules.map(clean) });
      setMessage({ type: 'success', text: `✓ ${r.recomputedCases}` });
    } catch (e) {
      const error = e as ApiError;
      const row = /^rules\.(\d+)/.exec(error.field ?? '');
      setMessage({ type: 'error', text: `${row ? `#${Number(row[1]) + 1} ` : ''}${error.field ?? ''}: ${error.message}` });
    }
  };
  const name = (v: string) => (CLOCK_LABELS as Record<string, Record<string, string>>)[v]?.[lang] ?? label(RULE_LABELS, v, lang) ?? v;
  const caseLabel = (v: string) => label(CASE_TYPE_LABELS, v, lang);
  const gradeLabel = (v: string) => label(GRADE_LABELS, v, lang);
  const sel = (value: string | undefined, values: string[], onChange: (v: string | undefined) => void, allowClear = true, show: (v: string) => string = name) => (
    <Select size="small" style={{ minWidth: 110 }} value={value} allowClear={allowClear} disabled={!admin} options={values.map((v) => ({ value: v, label: show(v) }))} onChange={onChange} />
  );
  return (
    <div>
      <Typography.Paragraph type="secondary">{t.slaHint}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t.escalationHint}</Typography.Paragraph>
      <Table size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={rules} data-testid="sla-rules" scroll={{ x: 1250 }}
        columns={[
          { title: label(RULE_LABELS, 'clock', lang), render: (_, r, i) => sel(r.clock, CLOCKS, (v) => change(i, (x) => ({ ...x, clock: v ?? 'first_reply' })), false) },
          { title: t.type, render: (_, r, i) => sel(r.caseType, ['inquiry', 'complaint', 'suggestion', 'repair'], (v) => change(i, (x) => ({ ...x, caseType: v })), true, caseLabel) },
          { title: t.category, render: (_, r, i) => <Input size="small" style={{ width: 90 }} disabled={!admin} value={r.category} onChange={(e) => change(i, (x) => ({ ...x, category: e.target.value || undefined }))} /> },
          { title: t.grade, render: (_, r, i) => sel(r.repairGrade, ['very_urgent', 'urgent', 'normal', 'appointment'], (v) => change(i, (x) => ({ ...x, repairGrade: v })), true, gradeLabel) },
          { title: label(RULE_LABELS, 'customerGrade', lang), render: (_, r, i) => sel(r.customerGrade, ['normal', 'member', 'vip', 'important'], (v) => change(i, (x) => ({ ...x, customerGrade: v }))) },
          { title: label(RULE_LABELS, 'unit', lang), render: (_, r, i) => sel(r.target.unit, ['minutes', 'hours', 'working_days', 'same_day', 'fixed'], (v) => change(i, (x) => ({ ...x, target: { ...x.target, unit: v ?? 'minutes' } })), false) },
          { title: label(RULE_LABELS, 'amount', lang), render: (_, r, i) => <InputNumber size="small" min={0} disabled={!admin || ['same_day', 'fixed'].includes(r.target.unit)} value={r.target.amount} onChange={(v) => change(i, (x) => ({ ...x, target: { ...x.target, amount: v ?? undefined } }))} /> },
          { title: label(RULE_LABELS, 'basis', lang), render: (_, r, i) => sel(r.target.basis, ['calendar', 'working'], (v) => change(i, (x) => ({ ...x, target: { ...x.target, basis: v ?? 'calendar' } })), false) },
          { title: label(RULE_LABELS, 'warnAt', lang), render: (_, r, i) => <InputNumber size="small" min={0} max={1} step={0.05} disabled={!admin} value={r.warnAt ?? undefined} onChange={(v) => change(i, (x) => ({ ...x, warnAt: v ?? undefined }))} /> },
          { title: <span title={t.escalationHint}>{t.escalationDelays}</span>, render: (_, r, i) => <DelaysInput disabled={!admin} value={r.escalationDelays} onChange={(v) => change(i, (x) => ({ ...x, escalationDelays: v }))} /> },
          { title: '', render: (_, _r, i) => admin && <Button size="small" danger onClick={() => setRules((all) => all.filter((_, j) => j !== i))}>×</Button> },
        ]} />
      {admin && (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => setRules((all) => [...all, { clock: 'first_reply', target: { unit: 'minutes', amount: 15, basis: 'calendar' } }])}>+</Button>
          <Button type="primary" onClick={() => void save()} data-testid="save-rules">{t.save}</Button>
        </Space>
      )}
      {message && <Alert style={{ marginTop: 8 }} type={message.type} showIcon message={message.text} data-testid="rules-message" />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{lang === 'en' ? 'Defaults: SPEC §4.' : '默认值见 SPEC §4。'}</Typography.Paragraph>
    </div>
  );
}

/**
 * Escalation delays as text ("0, 60, 240"): minutes after the breach for each step of the chain.
 * Kept as typed while editing; numbers go to the rule (the server checks them), an empty box means
 * the default delays.
 */
function DelaysInput({ value, onChange, disabled }: { value?: number[]; onChange: (v: number[] | undefined) => void; disabled: boolean }) {
  const parse = (s: string) => {
    const parts = s.split(/[\s,，]+/).filter(Boolean);
    return parts.length ? parts.map(Number) : undefined;
  };
  const [text, setText] = useState((value ?? []).join(', '));
  // another project's rules (or a reload) replace the value: show it, unless it is what the box already says
  useEffect(() => {
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText((value ?? []).join(', '));
  }, [value]);
  return <Input size="small" style={{ width: 120 }} disabled={disabled} value={text} placeholder="0, 60, 240" onChange={(e) => { setText(e.target.value); onChange(parse(e.target.value)); }} />;
}
