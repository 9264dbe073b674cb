import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CLOCK_LABELS } from '@guanjia/vocabulary';
import type { RouteBody } from '@guanjia/api-contract';
import { ApiError, api } from '../../shared/api';
import { CASE_TYPE_LABELS, GRADE_LABELS, RULE_LABELS, label, useI18n } from '../../shared/i18n';
import { keys } from '../queries';
import { adminKeys, useAdminWrite, useSlaRules } from './queries';
import { cleanRule, RULE_CLOCKS, type Rule } from './sla-rules';

/** A project's SLA rules as a table (the defaults of SPEC apply where no rule matches); the server validates. */
export function SlaRulesTab({ projectId, admin }: { projectId: string; admin: boolean }) {
  const { t, lang } = useI18n();
  const saved = useSlaRules(projectId).data;
  // the table is edited in place: a copy of the saved rules, replaced when they (re)load
  const [rules, setRules] = useState<Rule[]>([]);
  useEffect(() => setRules(saved?.rules ?? []), [saved]);
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string } | null>(null);
  // the clocks of open cases are recomputed under the new rules: their deadlines move
  const write = useAdminWrite(adminKeys.slaRules(projectId), keys.cases, ['case']);
  const change = (i: number, patchRule: (r: Rule) => Rule) => setRules((all) => all.map((r, j) => (j === i ? patchRule(r) : r)));
  const save = async () => {
    try {
      // the table edits rules loosely (any clock, unit, basis); the server validates each against the contract
      const body = { rules: rules.map(cleanRule) } as RouteBody<'PUT /api/projects/:id/sla-rules'>;
      const r = await write(() => api('PUT /api/projects/:id/sla-rules', { params: { id: projectId }, body }));
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
  const sel = (
    value: string | undefined,
    values: string[],
    onChange: (v: string | undefined) => void,
    allowClear = true,
    show: (v: string) => string = name,
  ) => (
    <Select
      size="small"
      style={{ minWidth: 110 }}
      value={value}
      allowClear={allowClear}
      disabled={!admin}
      options={values.map((v) => ({ value: v, label: show(v) }))}
      onChange={onChange}
    />
  );
  return (
    <div>
      <Typography.Paragraph type="secondary">{t.slaHint}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t.escalationHint}</Typography.Paragraph>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={rules}
        data-testid="sla-rules"
        scroll={{ x: 1450 }}
        columns={[
          {
            title: label(RULE_LABELS, 'clock', lang),
            render: (_, r, i) => sel(r.clock, [...RULE_CLOCKS], (v) => change(i, (x) => ({ ...x, clock: v ?? 'first_reply' })), false),
          },
          {
            title: t.type,
            render: (_, r, i) =>
              sel(r.caseType, ['inquiry', 'complaint', 'suggestion', 'repair'], (v) => change(i, (x) => ({ ...x, caseType: v })), true, caseLabel),
          },
          {
            title: t.category,
            render: (_, r, i) => (
              <Input
                size="small"
                style={{ width: 90 }}
                disabled={!admin}
                value={r.category}
                onChange={(e) => change(i, (x) => ({ ...x, category: e.target.value || undefined }))}
              />
            ),
          },
          {
            title: t.grade,
            render: (_, r, i) =>
              sel(r.repairGrade, ['very_urgent', 'urgent', 'normal', 'appointment'], (v) => change(i, (x) => ({ ...x, repairGrade: v })), true, gradeLabel),
          },
          {
            title: label(RULE_LABELS, 'customerGrade', lang),
            render: (_, r, i) => sel(r.customerGrade, ['normal', 'member', 'vip', 'important'], (v) => change(i, (x) => ({ ...x, customerGrade: v }))),
          },
          {
            title: label(RULE_LABELS, 'unit', lang),
            render: (_, r, i) =>
              sel(
                r.target.unit,
                ['minutes', 'hours', 'working_days', 'same_day', 'fixed'],
                (v) => change(i, (x) => ({ ...x, target: { ...x.target, unit: v ?? 'minutes' } })),
                false,
              ),
          },
          {
            title: label(RULE_LABELS, 'amount', lang),
            render: (_, r, i) => (
              <InputNumber
                size="small"
                min={0}
                disabled={!admin || ['same_day', 'fixed'].includes(r.target.unit)}
                value={r.target.amount}
                onChange={(v) => change(i, (x) => ({ ...x, target: { ...x.target, amount: v ?? undefined } }))}
              />
            ),
          },
          {
            // a same-day target: received in the day's last N working hours (or after hours) → the next working day's close
            title: <span title={t.lateIntakeHint}>{label(RULE_LABELS, 'lateIntakeHours', lang)}</span>,
            render: (_, r, i) => (
              <InputNumber
                size="small"
                min={0}
                max={24}
                step={0.5}
                placeholder="2"
                data-testid="late-intake-hours"
                disabled={!admin || r.target.unit !== 'same_day'}
                value={r.target.unit === 'same_day' ? (r.target.lateIntakeHours ?? undefined) : undefined}
                onChange={(v) => change(i, (x) => ({ ...x, target: { ...x.target, lateIntakeHours: v ?? undefined } }))}
              />
            ),
          },
          {
            title: label(RULE_LABELS, 'basis', lang),
            render: (_, r, i) =>
              sel(r.target.basis, ['calendar', 'working'], (v) => change(i, (x) => ({ ...x, target: { ...x.target, basis: v ?? 'calendar' } })), false),
          },
          {
            title: label(RULE_LABELS, 'warnAt', lang),
            // empty: the default (80%); 不预警: null, no warning at all
            render: (_, r, i) => (
              <Space size={4} wrap={false}>
                <InputNumber
                  size="small"
                  min={0}
                  max={1}
                  step={0.05}
                  placeholder="0.8"
                  disabled={!admin || r.warnAt === null}
                  value={r.warnAt ?? undefined}
                  onChange={(v) => change(i, (x) => ({ ...x, warnAt: v ?? undefined }))}
                />
                <Checkbox
                  style={{ whiteSpace: 'nowrap' }}
                  disabled={!admin}
                  checked={r.warnAt === null}
                  data-testid="no-warning"
                  onChange={(e) => change(i, (x) => ({ ...x, warnAt: e.target.checked ? null : undefined }))}
                >
                  {t.noWarning}
                </Checkbox>
              </Space>
            ),
          },
          {
            title: <span title={t.escalationHint}>{t.escalationDelays}</span>,
            render: (_, r, i) => (
              <DelaysInput disabled={!admin} value={r.escalationDelays} onChange={(v) => change(i, (x) => ({ ...x, escalationDelays: v }))} />
            ),
          },
          {
            title: '',
            render: (_, _r, i) =>
              admin && (
                <Button size="small" danger onClick={() => setRules((all) => all.filter((_, j) => j !== i))}>
                  ×
                </Button>
              ),
          },
        ]}
      />
      {admin && (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => setRules((all) => [...all, { clock: 'first_reply', target: { unit: 'minutes', amount: 15, basis: 'calendar' } }])}>+</Button>
          <Button type="primary" onClick={() => void save()} data-testid="save-rules">
            {t.save}
          </Button>
        </Space>
      )}
      {message && <Alert style={{ marginTop: 8 }} type={message.type} showIcon message={message.text} data-testid="rules-message" />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {lang === 'en' ? 'Defaults: SPEC §4.' : '默认值见 SPEC §4。'}
      </Typography.Paragraph>
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
  return (
    <Input
      size="small"
      style={{ width: 120 }}
      disabled={disabled}
      value={text}
      placeholder="0, 60, 240"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}
