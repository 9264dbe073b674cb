import type { RouteBody } from '@guanjia/api-contract';
import { CHANNELS } from '@guanjia/vocabulary';
import { Alert, Button, DatePicker, Divider, Form, Input, Modal, Radio, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { CHANNEL_LABELS, CONTACT_KIND_LABELS, RELATION_LABELS, label, useI18n } from '../shared/i18n';
import { useAddContact, useEditOwner, type OwnerRow } from './owner-queries';
import { useStaff } from './queries';

type Patch = RouteBody<'PATCH /api/owners/:id'>;
interface Values {
  name: string;
  kind: 'owner' | 'occupant';
  residency: 'permanent' | 'temporary';
  party: 'household' | 'enterprise' | 'developer';
  gender: 'male' | 'female' | null;
  birthday: Dayjs | null;
  idNumber: string;
  specialNeeds: string;
  preferredChannel: string | null;
  responsibleAgentId: string | null;
  doNotDisturb: { from: Dayjs; to: Dayjs }[];
  householdMembers: { name: string; relation: string; birthday?: Dayjs | null }[];
  notes: string;
  portalLogin: string;
  portalPassword: string;
}

const toValues = (o: OwnerRow): Values => ({
  name: o.name,
  kind: o.kind as Values['kind'],
  residency: o.residency as Values['residency'],
  party: o.party as Values['party'],
  gender: o.gender as Values['gender'],
  birthday: o.birthday ? dayjs(o.birthday) : null,
  idNumber: '',
  specialNeeds: o.specialNeeds ?? '',
  preferredChannel: o.preferredChannel,
  responsibleAgentId: o.responsibleAgentId,
  doNotDisturb: o.doNotDisturb.map((d) => ({ from: dayjs(d.from, 'HH:mm'), to: dayjs(d.to, 'HH:mm') })),
  householdMembers: o.householdMembers.map((m) => ({ name: m.name, relation: m.relation, birthday: m.birthday ? dayjs(m.birthday) : null })),
  notes: o.notes ?? '',
  portalLogin: '',
  portalPassword: '',
});

/** What the form says, as the archive's fields (blank: none). */
function fieldsOf(v: Values): Omit<Patch, 'expectedVersion'> {
  const text = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: v.name.trim(),
    kind: v.kind,
    residency: v.residency,
    party: v.party,
    gender: v.gender ?? null,
    birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
    specialNeeds: text(v.specialNeeds),
    preferredChannel: (v.preferredChannel ?? null) as Patch['preferredChannel'],
    responsibleAgentId: v.responsibleAgentId ?? null,
    doNotDisturb: (v.doNotDisturb ?? []).filter((d) => d?.from && d?.to).map((d) => ({ from: d.from.format('HH:mm'), to: d.to.format('HH:mm') })),
    householdMembers: (v.householdMembers ?? [])
      .filter((m) => m?.name?.trim())
      .map((m) => ({ name: m.name.trim(), relation: m.relation?.trim() || '-', birthday: m.birthday ? m.birthday.format('YYYY-MM-DD') : null })),
    notes: text(v.notes),
  };
}

/**
 * 编辑档案: every field of the archive a desk may change — only the changed ones are sent, with the
 * version read (a concurrent edit is refused), and the server records them as one owner event. The
 * ID number and the portal login and password are typed anew (they are never shown in clear); the
 * customer grade changes through a grade request; contacts are added here too (each an event).
 */
export function OwnerEditDialog({ owner, projectId, onClose }: { owner: OwnerRow; projectId: string | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [contactForm] = Form.useForm<{ kind: 'phone' | 'email' | 'wechat'; value: string }>();
  const edit = useEditOwner(owner.id);
  const addContact = useAddContact(owner.id);
  const agents = useStaff(projectId).data ?? [];
  const [failure, setFailure] = useState<string | null>(null);
  const initial = toValues(owner);

  const submit = async (v: Values) => {
    setFailure(null);
    const before = fieldsOf(initial);
    const after = fieldsOf(v);
    const patch: Patch = { expectedVersion: owner.version };
    for (const key of Object.keys(after) as (keyof typeof after)[])
      if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) (patch as Record<string, unknown>)[key] = after[key];
    if (v.idNumber.trim()) patch.idNumber = v.idNumber.trim();
    if (v.portalLogin.trim()) patch.portalLogin = v.portalLogin.trim();
    if (v.portalPassword) patch.portalPassword = v.portalPassword;
    if (Object.keys(patch).length === 1) return onClose();
    try {
      await edit.mutateAsync(patch);
      onClose();
    } catch (e) {
      const error = e as ApiError;
      const key = (error.field ?? '').split('.')[0] as keyof Values;
      if (key && key in initial) form.setFields([{ name: key, errors: [error.message] }]);
      else setFailure(error.message);
    }
  };
  const saveContact = async (c: { kind: 'phone' | 'email' | 'wechat'; value: string }) => {
    try {
      await addContact.mutateAsync({ kind: c.kind, value: c.value.trim(), isPrimary: false });
      contactForm.resetFields();
    } catch (e) {
      contactForm.setFields([{ name: 'value', errors: [(e as ApiError).message] }]);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={`${t.editArchive} · ${owner.name}`}
      okText={t.save}
      onOk={() => form.submit()}
      confirmLoading={edit.isPending}
      onCancel={onClose}
      data-testid="owner-edit"
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="name" label={t.ownerName} rules={[{ required: true, whitespace: true }]}>
            <Input style={{ width: 160 }} maxLength={50} data-testid="edit-name" />
          </Form.Item>
          <Form.Item name="kind" label={t.relation}>
            <Radio.Group optionType="button" options={(['owner', 'occupant'] as const).map((r) => ({ value: r, label: label(RELATION_LABELS, r, lang) }))} />
          </Form.Item>
          <Form.Item name="gender" label={t.gender}>
            <Radio.Group
              options={[
                { value: 'male', label: t.male },
                { value: 'female', label: t.female },
              ]}
            />
          </Form.Item>
          <Form.Item name="birthday" label={t.birthday}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="residency" label={t.residency}>
            <Radio.Group
              options={[
                { value: 'permanent', label: t.permanent },
                { value: 'temporary', label: t.temporary },
              ]}
            />
          </Form.Item>
          <Form.Item name="party" label={t.party}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'household', label: t.household },
                { value: 'enterprise', label: t.enterprise },
                { value: 'developer', label: t.developer },
              ]}
            />
          </Form.Item>
          <Form.Item name="idNumber" label={t.idNumber} extra={owner.idNumber ?? undefined}>
            <Input style={{ width: 220 }} maxLength={32} autoComplete="off" data-testid="edit-id" />
          </Form.Item>
        </Space>
        <Form.Item name="specialNeeds" label={t.needs}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="edit-needs" />
        </Form.Item>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="preferredChannel" label={t.preferredChannel}>
            <Select allowClear style={{ width: 150 }} options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS, c, lang) }))} />
          </Form.Item>
          <Form.Item name="responsibleAgentId" label={t.responsibleAgent}>
            <Select allowClear style={{ width: 160 }} options={agents.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t.doNotDisturb}</Typography.Text>
        <Form.List name="doNotDisturb">
          {(fields, { add, remove }) => (
            <div style={{ margin: '8px 0 16px' }}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'from']} rules={[{ required: true }]}>
                    <TimePicker format="HH:mm" />
                  </Form.Item>
                  –
                  <Form.Item name={[f.name, 'to']} rules={[{ required: true }]}>
                    <TimePicker format="HH:mm" />
                  </Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Space>
              ))}
              <Button size="small" onClick={() => add()}>
                {t.addSpan}
              </Button>
            </div>
          )}
        </Form.List>
        <Typography.Text strong>{t.householdMembers}</Typography.Text>
        <Form.List name="householdMembers">
          {(fields, { add, remove }) => (
            <div style={{ margin: '8px 0 16px' }}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t.memberName} maxLength={50} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'relation']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t.memberRelation} maxLength={30} style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'birthday']}>
                    <DatePicker placeholder={t.birthday} />
                  </Form.Item>
                  <Button size="small" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Space>
              ))}
              <Button size="small" onClick={() => add()}>
                {t.addMember}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="notes" label={t.notes}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="edit-notes" />
        </Form.Item>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="portalLogin" label={t.portalLogin} extra={owner.portalLogin ?? undefined}>
            <Input style={{ width: 170 }} maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item name="portalPassword" label={t.portalPassword}>
            <Input.Password style={{ width: 200 }} maxLength={200} autoComplete="new-password" />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t.gradeByRequest}</Typography.Paragraph>
      </Form>
      <Divider />
      <Form layout="inline" form={contactForm} onFinish={(c) => void saveContact(c)} initialValues={{ kind: 'phone' }}>
        <Form.Item name="kind">
          <Select
            style={{ width: 100 }}
            options={(['phone', 'email', 'wechat'] as const).map((k) => ({ value: k, label: label(CONTACT_KIND_LABELS, k, lang) }))}
          />
        </Form.Item>
        <Form.Item name="value" rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t.contactValue} maxLength={100} style={{ width: 220 }} data-testid="edit-contact" />
        </Form.Item>
        <Button htmlType="submit">{t.addContact}</Button>
      </Form>
    </Modal>
  );
}
