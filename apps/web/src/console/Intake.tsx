import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RouteBody } from '@guanjia/api-contract';
import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { ApiError, api, newIdempotencyKey } from '../shared/api';
import { CASE_TYPE_LABELS, CHANNEL_LABELS, FIELD_LABELS, GRADE_LABELS, label, useI18n } from '../shared/i18n';
import type { Me } from './App';
import { CallerSearch, PHONE_PATTERN, type CallerChoice } from './CallerSearch';
import { useProjects } from './queries';
import { navigate } from './router';
import { showServerError } from './server-errors';
import { ComplaintParty, complaintPartyBody } from './ComplaintParty';
import { IntakeOutages } from './notices/IntakeOutages';

/**
 * Intake made for a phone call (受理): find the owner as you type (phone masked in the results), pick
 * type, grade, category, describe, save with Ctrl+Enter. The desk's channel is remembered. One key per
 * form: a second save of the same form returns the same case, never a second one.
 */
export function Intake({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const projectList = useProjects();
  const projects = projectList.data ?? [];
  const [choice, setChoice] = useState<CallerChoice>({ owner: null, unit: null });
  const owner = choice.owner;
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const type = Form.useWatch('type', form);
  const projectId = Form.useWatch<string | undefined>('projectId', form);
  // the first project is the default, once the list has come
  useEffect(() => {
    const first = projectList.data?.[0];
    if (first && !form.getFieldValue('projectId')) form.setFieldValue('projectId', first.id);
  }, [projectList.data, form]);
  // the caller's unit in this project: an outage in effect there is shown with what to tell them, and the case can be linked to it
  const callerUnitId = owner
    ? owner.units.find((u) => u.projectId === projectId)?.unitId
    : choice.unit?.projectId === projectId
      ? choice.unit?.unitId
      : undefined;
  const [outageId, setOutageId] = useState<string | null>(null);
  const callerName = Form.useWatch('callerName', form) as string | undefined;
  const callerPhone = Form.useWatch('callerPhone', form) as string | undefined;
  // a number typed into the search and not chosen is kept as the caller's number (never dropped)
  const typedNumber = useRef('');
  const onTyped = (text: string) => {
    const phone = text.trim();
    const current = (form.getFieldValue('callerPhone') as string | undefined) ?? '';
    if (PHONE_PATTERN.test(phone) && /\d{5}/.test(phone.replace(/[ -]/g, '')) && (!current || current === typedNumber.current)) {
      form.setFieldValue('callerPhone', phone);
      typedNumber.current = phone;
    }
  };
  // One save at a time: a second Ctrl+Enter while the first is on its way is ignored (and would reuse
  // the same idempotency key anyway, taken before anything is awaited). Once saved, the form takes no
  // other save: a keypress arriving after the answer but before the case page replaces the form would
  // otherwise make a second case under a fresh key.
  const inFlight = useRef(false);
  const save = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const idempotencyKey = key.current;
    const values = await form.validateFields().catch(() => null);
    if (!values) {
      inFlight.current = false;
      return;
    }
    setSaving(true);
    setGeneral(null);
    let saved = false;
    localStorage.setItem('gj_desk_channel', values.channel);
    try {
      const body: RouteBody<'POST /api/cases'> = { projectId: values.projectId, type: values.type, channel: values.channel, description: values.description };
      if (values.category) body.category = values.category;
      if (outageId) body.outageId = outageId;
      if (values.type === 'repair') body.repairGrade = values.repairGrade;
      if (values.type === 'complaint') Object.assign(body, { apologized: values.apologized, readBack: values.readBack }, complaintPartyBody(values)); // stated, never assumed
      if (owner) {
        body.ownerId = owner.ownerId;
        const unit = owner.units.find((u) => u.projectId === values.projectId);
        if (unit) body.unitId = unit.unitId;
      } else {
        if (choice.unit && choice.unit.projectId === values.projectId) body.unitId = choice.unit.unitId;
        // an unregistered caller: recorded with the name and number given, linked to an owner later
        const caller = {
          ...(values.callerName?.trim() ? { name: values.callerName.trim() } : {}),
          ...(values.callerPhone?.trim() ? { phone: values.callerPhone.trim() } : {}),
        };
        if (caller.name || caller.phone) body.caller = caller;
      }
      const r = await api('POST /api/cases', { body, headers: { 'idempotency-key': idempotencyKey } });
      saved = true;
      navigate(`/cases/${r.case.id}`);
    } catch (e) {
      const error = e as ApiError;
      if (error.field?.startsWith('caller.')) form.setFields([{ name: error.field.endsWith('name') ? 'callerName' : 'callerPhone', errors: [error.message] }]);
      else
        setGeneral(
          showServerError(form, error, [
            'projectId',
            'type',
            'channel',
            'category',
            'repairGrade',
            'apologized',
            'readBack',
            'accusedStaffId',
            'compensationClaim',
            'description',
          ]),
        );
    } finally {
      if (!saved) inFlight.current = false;
      setSaving(false);
    }
  };
  return (
    <Card title={t.newCase} style={{ maxWidth: 760 }} extra={<Typography.Text type="secondary">{t.saveHint}</Typography.Text>}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'repair', channel: localStorage.getItem('gj_desk_channel') ?? 'hotline', repairGrade: 'normal' }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <Form.Item label={t.ownerOrCaller}>
          <CallerSearch projectId={projectId} choice={choice} onChoice={setChoice} onText={onTyped} />
        </Form.Item>
        <IntakeOutages
          unitId={callerUnitId}
          timeZone={projects.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai'}
          value={outageId}
          onChange={setOutageId}
        />
        {!owner && (
          <Space wrap>
            <Form.Item name="callerName" label={t.callerName}>
              <Input style={{ width: 160 }} maxLength={100} data-testid="caller-name" />
            </Form.Item>
            <Form.Item name="callerPhone" label={t.callerPhone} rules={[{ pattern: PHONE_PATTERN, message: t.phoneInvalid }]}>
              <Input style={{ width: 200 }} maxLength={24} data-testid="caller-phone" />
            </Form.Item>
          </Space>
        )}
        {!owner && (callerName?.trim() || callerPhone?.trim()) && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t.willRecordCaller} data-testid="unregistered-caller" />
        )}
        <Space wrap>
          <Form.Item name="projectId" label={t.project} rules={[{ required: true }]}>
            <Select style={{ width: 200 }} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="channel" label={t.channel} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={Object.keys(CHANNEL_LABELS)
                .filter((c) => c !== 'internal')
                .map((c) => ({ value: c, label: label(CHANNEL_LABELS, c, lang) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t.category}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="type" label={t.type} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={Object.keys(CASE_TYPE_LABELS).map((k) => ({ value: k, label: label(CASE_TYPE_LABELS, k, lang) }))} />
        </Form.Item>
        {type === 'repair' && (
          <Form.Item name="repairGrade" label={t.grade}>
            <Radio.Group optionType="button" options={['very_urgent', 'urgent', 'normal'].map((k) => ({ value: k, label: label(GRADE_LABELS, k, lang) }))} />
          </Form.Item>
        )}
        {type === 'complaint' && (
          <Space wrap size="large">
            {(['apologized', 'readBack'] as const).map((name) => (
              <Form.Item key={name} name={name} label={label(FIELD_LABELS, name, lang)} rules={[{ required: true }]}>
                <Radio.Group
                  data-field={name}
                  options={[
                    { value: true, label: t.yes },
                    { value: false, label: t.no },
                  ]}
                />
              </Form.Item>
            ))}
          </Space>
        )}
        {type === 'complaint' && <ComplaintParty projectId={projectId} />}
        <Form.Item name="description" label={t.description} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={TEXT_LIMITS.long} data-testid="description" />
        </Form.Item>
        {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 12 }} />}
        <Button type="primary" onClick={() => void save()} loading={saving} data-testid="save">
          {t.save}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {me.name}
      </Typography.Paragraph>
    </Card>
  );
}
