import type { RouteBody } from '@guanjia/api-contract';
import { INSPECTION_KINDS, SPECIALTIES, TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, Button, Drawer, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { ChecklistItem, ChecklistTemplate, InspectionKind } from './checks-queries';
import { checkKindText, it, specialtyText } from './inspection-text';

type ItemValues = { id?: string; text: string; specialty: ChecklistItem['specialty']; points: number | null };
type Values = { name: string; kind: InspectionKind; items: ItemValues[] };

/**
 * A checklist created or edited in a drawer: its name, its kind (the kinds I keep; fixed once made), and
 * its items in order — what is checked, the specialty as a row of buttons, the points (1–100) — with ↑ ↓ ×
 * and 添加一项. Items keep their ids across edits (checks begun keep matching); an edit sends only what
 * changed. The server's refusal lands on the item and field it names (items.1.points).
 */
export function ChecklistForm({
  template,
  kinds,
  onClose,
  onSaved,
}: {
  template: ChecklistTemplate | null;
  kinds: readonly InspectionKind[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial: Values = template
    ? { name: template.name, kind: template.kind, items: template.items.map((i) => ({ ...i })) }
    : { name: '', kind: kinds[0] ?? 'daily_overall', items: [{ text: '', specialty: 'general', points: 10 }] };
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const items = v.items.map((i) => ({ ...(i.id ? { id: i.id } : {}), text: i.text.trim(), specialty: i.specialty, points: i.points ?? 0 }));
    try {
      if (template) {
        const body: RouteBody<'PATCH /api/checklist-templates/:id'> = {
          ...(v.name.trim() !== template.name ? { name: v.name.trim() } : {}),
          ...(JSON.stringify(items) !== JSON.stringify(template.items) ? { items } : {}),
        };
        if (Object.keys(body).length) await api('PATCH /api/checklist-templates/:id', { params: { id: template.id }, body });
      } else {
        await api('POST /api/checklist-templates', { body: { name: v.name.trim(), kind: v.kind, items } });
      }
      onSaved();
    } catch (e) {
      const problem = e as ApiError;
      const path = (problem.field ?? '').split('.');
      if (path[0] === 'items' && path.length === 3) {
        form.setFields([{ name: ['items', Number(path[1]), path[2] as keyof ItemValues], errors: [problem.message] }]);
      } else if (path[0] === 'name' || path[0] === 'kind') {
        form.setFields([{ name: path[0], errors: [problem.message] }]);
      } else setError(problem.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open
      width="min(760px, 100vw)"
      title={it(template ? 'editChecklist' : 'newChecklist', lang)}
      onClose={onClose}
      destroyOnClose
      data-testid="checklist-form"
      extra={
        <Space>
          <Button onClick={onClose}>{it('cancel', lang)}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="checklist-save">
            {it('save', lang)}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="name" label={it('name', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="checklist-name" />
        </Form.Item>
        <Form.Item name="kind" label={it('kind', lang)} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            disabled={!!template}
            data-testid="checklist-kind"
            options={INSPECTION_KINDS.filter((k) => kinds.includes(k) || k === template?.kind).map((k) => ({ value: k, label: checkKindText(k, lang) }))}
          />
        </Form.Item>
        <Typography.Text strong>{it('checklistItems', lang)}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} data-testid="checklist-item" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, marginTop: 8 }}>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'text']}
                    label={`${i + 1}. ${it('itemText', lang)}`}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input.TextArea autoSize maxLength={500} data-testid="checklist-item-text" />
                  </Form.Item>
                  <Space wrap align="end" size={8}>
                    <Form.Item name={[f.name, 'specialty']} label={it('specialty', lang)} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <Radio.Group
                        optionType="button"
                        size="small"
                        data-testid="checklist-item-specialty"
                        options={SPECIALTIES.map((s) => ({ value: s, label: specialtyText(s, lang) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} label={it('itemPoints', lang)} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <InputNumber min={1} max={100} precision={0} style={{ width: 80 }} data-testid="checklist-item-points" />
                    </Form.Item>
                    <Space size={4}>
                      <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={it('up', lang)}>
                        ↑
                      </Button>
                      <Button size="small" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={it('down', lang)}>
                        ↓
                      </Button>
                      <Button size="small" danger disabled={fields.length === 1} onClick={() => remove(f.name)} aria-label={it('remove', lang)}>
                        ×
                      </Button>
                    </Space>
                  </Space>
                </div>
              ))}
              <Button style={{ marginTop: 8 }} onClick={() => add({ text: '', specialty: 'general', points: 10 })} data-testid="checklist-add-item">
                {it('addItem', lang)}
              </Button>
            </>
          )}
        </Form.List>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="checklist-error" />}
      </Form>
    </Drawer>
  );
}
