import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useId, useState } from 'react';
import type { ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';

export type FieldKind = 'text' | 'number' | 'select' | 'multi' | 'switch';
export interface RecordField {
  name: string;
  label: string;
  kind?: FieldKind;
  options?: { value: string; label: string }[];
}
type Values = Record<string, unknown>;

/**
 * One form for creating and editing a record: the server validates, and a refusal is shown next to
 * the field it names (or above the button when it names none). When editing, only the fields that
 * changed are sent, and a cleared field is sent as null (the server says if it may not be empty).
 */
export function RecordForm({
  fields,
  initial,
  submit,
  onDone,
  testId,
}: {
  fields: RecordField[];
  initial?: Values;
  submit: (values: Values) => Promise<unknown>;
  onDone?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  // a name of its own, so that its inputs' ids (and the labels pointing at them) are unique on the page
  const formName = `record${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const finish = async (values: Values) => {
    const body = initial ? changedValues(initial, values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
    setBusy(true);
    try {
      await submit(body);
      if (!initial) form.resetFields();
      setGeneral(null);
      onDone?.();
    } catch (e) {
      setGeneral(
        showServerError(
          form,
          e as ApiError,
          fields.map((f) => f.name),
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} name={formName} layout="vertical" initialValues={initial} onFinish={finish} data-testid={testId}>
      {fields.map((f) => (
        <Form.Item key={f.name} name={f.name} label={f.label} valuePropName={f.kind === 'switch' ? 'checked' : 'value'}>
          {input(f)}
        </Form.Item>
      ))}
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 8 }} />}
      <Button htmlType="submit" type="primary" loading={busy}>
        {t.save}
      </Button>
    </Form>
  );
}

function input(f: RecordField) {
  switch (f.kind ?? 'text') {
    case 'number':
      return <InputNumber />;
    case 'select':
      return <Select allowClear showSearch optionFilterProp="label" options={f.options} />;
    case 'multi':
      return <Select mode="multiple" optionFilterProp="label" options={f.options} />;
    case 'switch':
      return <Switch />;
    default:
      return <Input />;
  }
}

/** The fields whose value differs from the record as loaded; '' and undefined become null. */
export function changedValues(initial: Values, values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    const value = v === '' || v === undefined ? null : v;
    if (JSON.stringify(value) !== JSON.stringify(initial[k] ?? null)) out[k] = value;
  }
  return out;
}

/** A "new …" card around a create form. */
export function CreateCard({
  title,
  ...props
}: {
  title: string;
  fields: RecordField[];
  submit: (values: Values) => Promise<unknown>;
  onDone?: () => void;
  testId?: string;
}) {
  return (
    <Card size="small" title={title} style={{ marginTop: 12, maxWidth: 420 }}>
      <RecordForm {...props} />
    </Card>
  );
}

/** An "edit" button that opens the record's form in a dialog and closes it once saved. */
export function EditButton({
  title,
  fields,
  record,
  submit,
  onDone,
  testId,
}: {
  title: string;
  fields: RecordField[];
  record: Values;
  submit: (values: Values) => Promise<unknown>;
  onDone?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const initial = Object.fromEntries(fields.map((f) => [f.name, record[f.name] ?? (f.kind === 'switch' ? false : null)]));
  return (
    <Space>
      <Button size="small" onClick={() => setOpen(true)} data-testid={testId}>
        {t.edit}
      </Button>
      <Modal open={open} title={title} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <RecordForm
          fields={fields}
          initial={initial}
          submit={submit}
          onDone={() => {
            setOpen(false);
            onDone?.();
          }}
        />
      </Modal>
    </Space>
  );
}
