import type { ApiError } from '../../shared/api';
import { PATROL_PLAN_KINDS, SPECIALTIES, TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../shared/api';
import { requiredMessage, useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { showServerError } from '../server-errors';
import { it, PLAN_KIND_LABELS, specialtyText, word, WEEKDAY_LABELS } from './inspection-text';
import { usePoints, type PatrolPlan } from './queries';

type Stop = { pointId?: string; offsetMinutes?: number; windowMinutes?: number };
type Values = {
  name: string;
  kind: PatrolPlan['kind'];
  specialty: PatrolPlan['specialty'];
  repeatKind: 'weekdays' | 'days_of_month';
  weekdays: number[];
  days: number[];
  rounds: string;
  route: Stop[];
  inspectors: (string | undefined)[];
  leadMinutes: number;
  lateMinutes: number;
  makeupHours: number;
  acceptorId?: string | null;
  active: boolean;
};
const FIELDS = ['name', 'kind', 'specialty', 'rounds', 'route', 'inspectors', 'leadMinutes', 'lateMinutes', 'makeupHours', 'acceptorId', 'active'];
const ROUND = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];

const roundsOf = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (/^\d:\d\d$/.test(r) ? `0${r}` : r));

/**
 * A patrol or maintenance plan (inspection.admin; readers see it read-only): name, kind, specialty; the
 * repeat by weekdays or days of the month (月末 = the last day, whatever the month's length); the rounds'
 * start times; the route — points in order, each with its window (opening so many minutes after the
 * round starts, open so many minutes); the inspectors in order of preference; how early a task is
 * shown, how late a check still counts, make-up hours; the acceptor of a maintenance plan. The server's
 * refusal lands on its field (the route, the inspectors, the acceptor).
 */
export function PlanForm({
  projectId,
  plan,
  readOnly,
  onClose,
  onSaved,
}: {
  projectId: string;
  plan: PatrolPlan | null;
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const points = (usePoints(projectId).data?.items ?? []).filter((p) => p.active || plan?.route.some((s) => s.pointId === p.id));
  const staff = useStaff(projectId).data ?? [];
  const people = useMemo(() => staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name })), [staff]);
  const kind = Form.useWatch('kind', form);
  const repeatKind = Form.useWatch('repeatKind', form);
  const initial: Partial<Values> = plan
    ? {
        name: plan.name,
        kind: plan.kind,
        specialty: plan.specialty,
        repeatKind: plan.repeat.kind,
        weekdays: plan.repeat.kind === 'weekdays' ? plan.repeat.weekdays : [],
        days: plan.repeat.kind === 'days_of_month' ? plan.repeat.days : [],
        rounds: plan.rounds.join(', '),
        route: plan.route,
        inspectors: plan.inspectors,
        leadMinutes: plan.leadMinutes,
        lateMinutes: plan.lateMinutes,
        makeupHours: plan.makeupHours,
        acceptorId: plan.acceptorId,
        active: plan.active,
      }
    : {
        kind: 'patrol',
        repeatKind: 'weekdays',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        days: [],
        rounds: '',
        route: [{ offsetMinutes: 0, windowMinutes: 30 }],
        inspectors: [undefined],
        leadMinutes: 60,
        lateMinutes: 10,
        makeupHours: 0,
      };
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      specialty: v.specialty,
      repeat: v.repeatKind === 'weekdays' ? { kind: 'weekdays' as const, weekdays: v.weekdays } : { kind: 'days_of_month' as const, days: v.days },
      rounds: roundsOf(v.rounds),
      route: v.route.map((s) => ({ pointId: s.pointId!, offsetMinutes: s.offsetMinutes ?? 0, windowMinutes: s.windowMinutes ?? 30 })),
      inspectors: v.inspectors.filter((x): x is string => !!x),
      leadMinutes: v.leadMinutes,
      lateMinutes: v.lateMinutes,
      makeupHours: v.makeupHours,
      acceptorId: v.kind === 'maintenance' ? (v.acceptorId ?? null) : null,
    };
    try {
      if (plan) await api('PUT /api/patrol-plans/:id', { params: { id: plan.id }, body: { ...body, active: v.active } });
      else await api('POST /api/patrol-plans', { body: { projectId, ...body } });
      onSaved();
    } catch (e) {
      const problem = e as ApiError;
      // the repeat's refusal (repeat.weekdays, repeat.days) lands on the list shown
      if (problem.field?.startsWith('repeat')) {
        form.setFields([{ name: v.repeatKind === 'weekdays' ? 'weekdays' : 'days', errors: [problem.message] }]);
        setError(null);
      } else setError(showServerError(form, problem, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  const title = readOnly ? it('planDetail', lang) : it(plan ? 'editPlan' : 'newPlan', lang);
  return (
    <Drawer
      open
      title={title}
      width={Math.min(760, window.innerWidth)}
      onClose={onClose}
      data-testid="plan-form"
      extra={
        !readOnly && (
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="plan-save">
            {it('save', lang)}
          </Button>
        )
      }
    >
      {readOnly && <Alert type="info" showIcon message={it('readOnly', lang)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} disabled={readOnly}>
        <Form.Item name="name" label={it('name', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="plan-name" />
        </Form.Item>
        <Space wrap size={24}>
          <Form.Item name="kind" label={it('planKind', lang)} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={PATROL_PLAN_KINDS.map((k) => ({ value: k, label: word(PLAN_KIND_LABELS, k, lang) }))} />
          </Form.Item>
          <Form.Item name="specialty" label={it('specialty', lang)} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={SPECIALTIES.map((s) => ({ value: s, label: specialtyText(s, lang) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="repeatKind" label={it('repeat', lang)}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'weekdays', label: it('repeatWeekdays', lang) },
              { value: 'days_of_month', label: it('repeatDays', lang) },
            ]}
          />
        </Form.Item>
        {repeatKind === 'days_of_month' ? (
          <Form.Item name="days" label={it('days', lang)} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(64px, 1fr))' }}
              options={DAYS.map((d) => ({ value: d, label: d === -1 ? it('monthEnd', lang) : it('dayN', lang, { n: d }) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="weekdays" label={it('weekdays', lang)} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: word(WEEKDAY_LABELS, d, lang) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="rounds"
          label={it('rounds', lang)}
          extra={it('roundsHint', lang)}
          rules={[
            { required: true, whitespace: true },
            {
              validator: async (_, value: string) => {
                const list = roundsOf(value ?? '');
                if (list.length && !list.every((r) => ROUND.test(r))) throw new Error(it('roundsInvalid', lang));
              },
            },
          ]}
        >
          <Input placeholder="08:00, 14:00" data-testid="plan-rounds" />
        </Form.Item>
        <Typography.Text strong>{it('route', lang)}</Typography.Text>
        <Form.List
          name="route"
          rules={[
            {
              validator: async (_, stops: Stop[]) => {
                if (!stops?.length) throw new Error(requiredMessage(it('routeShort', lang), lang));
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <div data-testid="plan-route">
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap size={4} data-testid="plan-stop">
                  <Typography.Text style={{ display: 'inline-block', width: 20, lineHeight: '32px' }}>{i + 1}.</Typography.Text>
                  <Form.Item name={[f.name, 'pointId']} rules={[{ required: true, message: requiredMessage(it('point', lang), lang, true) }]}>
                    <Select
                      style={{ width: 200 }}
                      placeholder={it('point', lang)}
                      showSearch
                      optionFilterProp="label"
                      options={points.map((p) => ({ value: p.id, label: p.name }))}
                      data-testid="plan-stop-point"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'offsetMinutes']} rules={[{ required: true, message: requiredMessage(it('offset', lang), lang) }]}>
                    <InputNumber min={0} max={1440} precision={0} addonBefore={it('offset', lang)} style={{ width: 190 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'windowMinutes']} rules={[{ required: true, message: requiredMessage(it('window', lang), lang) }]}>
                    <InputNumber min={1} max={1440} precision={0} addonBefore={it('window', lang)} style={{ width: 190 }} />
                  </Form.Item>
                  <OrderButtons index={i} count={fields.length} move={move} remove={() => remove(f.name)} lang={lang} />
                </Space>
              ))}
              <div style={{ color: '#ff4d4f' }}>
                <Form.ErrorList errors={errors} />
              </div>
              {!readOnly && (
                <Button
                  size="small"
                  onClick={() => {
                    const last = (form.getFieldValue('route') as Stop[] | undefined)?.at(-1);
                    add({ offsetMinutes: (last?.offsetMinutes ?? 0) + (last?.windowMinutes ?? 30), windowMinutes: last?.windowMinutes ?? 30 });
                  }}
                  data-testid="plan-add-stop"
                  style={{ margin: '4px 0 16px' }}
                >
                  {it('addStop', lang)}
                </Button>
              )}
            </div>
          )}
        </Form.List>
        <div>
          <Typography.Text strong>{it('inspectors', lang)}</Typography.Text>
          <Typography.Text type="secondary"> · {it('inspectorsHint', lang)}</Typography.Text>
        </div>
        <Form.List
          name="inspectors"
          rules={[
            {
              validator: async (_, list: (string | undefined)[]) => {
                if (!list?.some(Boolean)) throw new Error(requiredMessage(it('inspectorsShort', lang), lang, true));
              },
            },
          ]}
        >
          {(fields, { add, remove, move }, { errors }) => (
            <div data-testid="plan-inspectors">
              {fields.map((f, i) => (
                <Space key={f.key} align="start" size={4} wrap>
                  <Typography.Text style={{ display: 'inline-block', width: 20, lineHeight: '32px' }}>{i + 1}.</Typography.Text>
                  <Form.Item name={f.name} rules={[{ required: true, message: requiredMessage(it('inspectorsShort', lang), lang, true) }]}>
                    <Select
                      style={{ width: 200 }}
                      showSearch
                      optionFilterProp="label"
                      options={people}
                      placeholder={it('inspectorsShort', lang)}
                      data-testid="plan-inspector"
                    />
                  </Form.Item>
                  <OrderButtons index={i} count={fields.length} move={move} remove={() => remove(f.name)} lang={lang} />
                </Space>
              ))}
              <div style={{ color: '#ff4d4f' }}>
                <Form.ErrorList errors={errors} />
              </div>
              {!readOnly && (
                <Button size="small" onClick={() => add(undefined)} data-testid="plan-add-inspector" style={{ margin: '4px 0 16px' }}>
                  {it('addInspector', lang)}
                </Button>
              )}
            </div>
          )}
        </Form.List>
        <Space wrap size={16}>
          <Form.Item name="leadMinutes" label={it('lead', lang)} rules={[{ required: true }]}>
            <InputNumber min={0} max={10080} precision={0} style={{ width: 140 }} data-testid="plan-lead" />
          </Form.Item>
          <Form.Item name="lateMinutes" label={it('late', lang)} rules={[{ required: true }]}>
            <InputNumber min={0} max={1440} precision={0} style={{ width: 140 }} data-testid="plan-late" />
          </Form.Item>
          <Form.Item name="makeupHours" label={it('makeup', lang)} rules={[{ required: true }]}>
            <InputNumber min={0} max={72} precision={0} style={{ width: 140 }} data-testid="plan-makeup" />
          </Form.Item>
        </Space>
        {kind === 'maintenance' && (
          <Form.Item name="acceptorId" label={it('acceptor', lang)} extra={it('acceptorHint', lang)} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} showSearch optionFilterProp="label" options={people} data-testid="plan-acceptor" />
          </Form.Item>
        )}
        {plan && (
          <Form.Item name="active" label={it('state', lang)} valuePropName="checked">
            <Switch checkedChildren={it('active', lang)} unCheckedChildren={it('inactive', lang)} />
          </Form.Item>
        )}
        {plan?.generatedThrough && (
          <Typography.Paragraph type="secondary">
            {it('generatedThrough', lang)} {plan.generatedThrough}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="plan-error" />}
      </Form>
    </Drawer>
  );
}

function OrderButtons({
  index,
  count,
  move,
  remove,
  lang,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: () => void;
  lang: string;
}) {
  return (
    <Space size={2}>
      <Button size="small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={it('up', lang)}>
        ↑
      </Button>
      <Button size="small" disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label={it('down', lang)}>
        ↓
      </Button>
      <Button size="small" danger disabled={count === 1} onClick={remove} aria-label={it('remove', lang)}>
        ×
      </Button>
    </Space>
  );
}
