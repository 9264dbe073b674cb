import { Alert, AutoComplete, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { ApiError, api, newIdempotencyKey } from '../shared/api';
import { CASE_TYPE_LABELS, CHANNEL_LABELS, FIELD_LABELS, GRADE_LABELS, label, useI18n } from '../shared/i18n';
import type { Me } from './App';
import { navigate } from './router';
import { showServerError } from './server-errors';
import { ComplaintParty, complaintPartyBody } from './ComplaintParty';

type OwnerHit = RouteResponse<'GET /api/owners'>[number];

/**
 * Intake made for a phone call (受理): find the owner as you type (phone masked in the results), pick
 * type, grade, category, describe, save with Ctrl+Enter. The desk's channel is remembered. One key per
 * form: a second save of the same form returns the same case, never a second one.
 */
export function Intake({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [projects, setProjects] = useState<{ id: string; name: string }[]>([]);
  const [owners, setOwners] = useState<OwnerHit[]>([]);
  const [owner, setOwner] = useState<OwnerHit | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const type = Form.useWatch('type', form);
  const projectId = Form.useWatch<string | undefined>('projectId', form);
  useEffect(() => {
    void api('GET /api/projects').then((p) => {
      setProjects(p);
      if (p[0] && !form.getFieldValue('projectId')) form.setFieldValue('projectId', p[0].id);
    });
  }, []);
  const search = async (text: string) => {
    if (text.trim().length < 2) return setOwners([]);
    setOwners(await api('GET /api/owners', { query: { q: text.trim(), limit: 10 } }));
  };
  // One save at a time: a second Ctrl+Enter while the first is on its way is ignored (and would reuse
  // the same idempotency key anyway, taken before anything is awaited).
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
    localStorage.setItem('gj_desk_channel', values.channel);
    try {
      const body: RouteBody<'POST /api/cases'> = { projectId: values.projectId, type: values.type, channel: values.channel, description: values.description };
      if (values.category) body.category = values.category;
      if (values.type === 'repair') body.repairGrade = values.repairGrade;
      if (values.type === 'complaint') Object.assign(body, { apologized: values.apologized, readBack: values.readBack }, complaintPartyBody(values)); // stated, never assumed
      if (owner) {
        body.ownerId = owner.id;
        const unit = owner.units?.find((u) => u.projectId === values.projectId);
        if (unit) body.unitId = unit.unitId;
      }
      const r = await api('POST /api/cases', { body, headers: { 'idempotency-key': idempotencyKey } });
      key.current = newIdempotencyKey();
      navigate(`/cases/${r.case.id}`);
    } catch (e) {
      setGeneral(
        showServerError(form, e as ApiError, [
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
      inFlight.current = false;
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
        <Form.Item label={t.owner}>
          <AutoComplete
            autoFocus
            placeholder={t.findOwner}
            onSearch={(v) => void search(v)}
            data-testid="owner-search"
            options={owners.map((o) => ({ value: o.id, label: `${o.name} ${o.contacts?.map((c) => c.value).join(' ') ?? ''}` }))}
            onSelect={(v) => setOwner(owners.find((o) => o.id === v) ?? null)}
          />
          {owner && <Typography.Text type="success">{owner.name}</Typography.Text>}
        </Form.Item>
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
          <Input.TextArea rows={4} data-testid="description" />
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
