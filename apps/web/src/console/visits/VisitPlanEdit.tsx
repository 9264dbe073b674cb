import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, DatePicker, Form, Input, Modal, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { vt } from './visit-text';
import type { Visit } from './Visits';

type Plan = RouteResponse<'GET /api/visit-plans'>;
interface Values {
  buildingId?: string;
  unitId?: string;
  assigneeId?: string;
  companionId?: string | null;
  plannedOn?: Dayjs;
  plannedTime?: Dayjs;
  requestReason?: string;
  followUp?: boolean;
}
const FIELDS = ['unitId', 'assigneeId', 'companionId', 'plannedOn', 'plannedTime', 'requestReason'] as const;

/**
 * The plan's editor (issue 14 item 2: "plans are editable"): a visit still due moved to another visitor,
 * companion, day or time (调整), or a household added to the month's plan (加入计划) — a routine visit two
 * months after the last, or a required follow-up that overrides the spacing. A time after 21:00 or in the
 * owner's 免打扰 needs the owner's request as the reason. The API's refusals show on their field.
 */
export function VisitPlanEdit({ plan, visit, onClose, onSaved }: { plan: Plan; visit: Visit | null; onClose: () => void; onSaved: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const adding = visit === null;
  const staff = (useStaff(plan.projectId).data ?? []).filter((s) => s.active && !s.roles.includes('technician'));
  const buildingId = Form.useWatch('buildingId', form);
  const buildings = useQuery({
    queryKey: ['buildings', plan.projectId],
    queryFn: () => api('GET /api/projects/:id/buildings', { params: { id: plan.projectId } }),
    enabled: adding,
  });
  const units = useQuery({
    queryKey: ['units', buildingId],
    queryFn: () => api('GET /api/units', { query: { buildingId: buildingId!, limit: 1000 } }),
    enabled: adding && !!buildingId,
  });
  const [year, month] = plan.month.split('-').map(Number) as [number, number];
  const save = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    const common = {
      assigneeId: values.assigneeId,
      companionId: values.companionId ?? null,
      plannedOn: values.plannedOn?.format('YYYY-MM-DD'),
      plannedTime: values.plannedTime?.format('HH:mm'),
      requestReason: values.requestReason?.trim() || null,
    };
    try {
      if (adding)
        await api('POST /api/visits', {
          body: {
            planId: plan.id,
            unitId: values.unitId ?? '',
            assigneeId: common.assigneeId ?? '',
            companionId: common.companionId,
            plannedOn: common.plannedOn ?? '',
            plannedTime: common.plannedTime ?? '',
            followUp: !!values.followUp,
            requestReason: common.requestReason,
          },
        });
      else await api('PATCH /api/visits/:id', { params: { id: visit.id }, body: common });
      void message.success(vt(adding ? 'added' : 'changed', lang));
      onSaved();
      onClose();
    } catch (e) {
      const error = e as ApiError;
      const field = (error.field ?? '').split('.')[0] ?? '';
      if ((FIELDS as readonly string[]).includes(field)) form.setFields([{ name: field as keyof Values, errors: [error.message] }]);
      else setProblem(error.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={vt(adding ? 'addVisit' : 'editVisit', lang)}
      okText={vt(adding ? 'addVisit' : 'saveChange', lang)}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="visit-plan-edit"
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          visit
            ? {
                assigneeId: visit.assigneeId ?? undefined,
                companionId: visit.companionId,
                plannedOn: dayjs(visit.plannedOn ?? visit.dueOn),
                plannedTime: visit.plannedTime ? dayjs(`2000-01-01T${visit.plannedTime}`) : undefined,
                requestReason: visit.requestReason ?? undefined,
              }
            : { plannedTime: dayjs('2000-01-01T19:00') }
        }
      >
        {adding && (
          <>
            <Form.Item name="buildingId" label={vt('building', lang)} rules={[{ required: true, message: vt('required', lang) }]}>
              <Select
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
                onChange={() => form.setFieldValue('unitId', undefined)}
                data-testid="visit-add-building"
              />
            </Form.Item>
            <Form.Item name="unitId" label={vt('unit', lang)} rules={[{ required: true, message: vt('required', lang) }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(units.data ?? [])
                  .filter((u) => u.kind === 'indoor')
                  .map((u) => ({ value: u.id, label: u.entrance ? `${u.entrance}单元-${u.code}` : u.code }))}
                data-testid="visit-add-unit"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="assigneeId" label={vt('person', lang)} rules={[{ required: true, message: vt('required', lang) }]}>
          <Select showSearch optionFilterProp="label" options={staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="visit-edit-assignee" />
        </Form.Item>
        <Form.Item name="companionId" label={vt('companion', lang)}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={staff.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="visit-edit-companion"
          />
        </Form.Item>
        <Form.Item name="plannedOn" label={vt('day', lang)} rules={[{ required: true, message: vt('required', lang) }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.year() !== year || d.month() + 1 !== month}
            defaultPickerValue={dayjs(`${plan.month}-01`)}
            data-testid="visit-edit-day"
          />
        </Form.Item>
        <Form.Item name="plannedTime" label={vt('time', lang)} rules={[{ required: true, message: vt('required', lang) }]}>
          <TimePicker format="HH:mm" minuteStep={15} style={{ width: '100%' }} data-testid="visit-edit-time" />
        </Form.Item>
        <Form.Item name="requestReason" label={vt('requestReasonLabel', lang)} extra={vt('requestReasonHint', lang)}>
          <Input maxLength={200} data-testid="visit-edit-reason" />
        </Form.Item>
        {adding && (
          <Form.Item name="followUp" valuePropName="checked" extra={vt('followUpHint', lang)}>
            <Checkbox data-testid="visit-add-follow-up">{vt('followUp', lang)}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
