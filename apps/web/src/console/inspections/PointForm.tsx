import type { RouteBody } from '@guanjia/api-contract';
import { INSPECTION_POINT_KINDS, SPECIALTIES, TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { currentPosition } from './geo';
import { it, POINT_KIND_LABELS, specialtyText, word } from './inspection-text';
import type { InspectionPoint } from './queries';

type Values = {
  name: string;
  kind: InspectionPoint['kind'];
  specialty: InspectionPoint['specialty'];
  place: string;
  latitude: number | null;
  longitude: number | null;
  radiusM: number | null;
  active: boolean;
};
const FIELDS = ['name', 'kind', 'specialty', 'place', 'latitude', 'longitude', 'radiusM', 'active'] as const;

/**
 * A point created or edited (inspection.admin): name, kind and specialty as rows of buttons, the place
 * in words, coordinates as numbers or 用当前位置 (the position where the administrator stands, with its
 * accuracy shown), the radius. An edit sends only what changed; the server's refusal lands on its field.
 */
export function PointForm({
  projectId,
  point,
  onClose,
  onSaved,
}: {
  projectId: string;
  point: InspectionPoint | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [located, setLocated] = useState<string | null>(null);
  const initial: Partial<Values> = point
    ? {
        name: point.name,
        kind: point.kind,
        specialty: point.specialty,
        place: point.place ?? '',
        latitude: point.latitude,
        longitude: point.longitude,
        radiusM: point.radiusM,
        active: point.active,
      }
    : { place: '', latitude: null, longitude: null, radiusM: null };
  const locate = async () => {
    setLocated(it('locating', lang));
    try {
      const fix = await currentPosition(lang);
      form.setFieldsValue({ latitude: Math.round(fix.latitude * 1e6) / 1e6, longitude: Math.round(fix.longitude * 1e6) / 1e6 });
      setLocated(it('positionFilled', lang, { m: Math.round(fix.accuracyM) }));
    } catch (e) {
      setLocated((e as Error).message);
    }
  };
  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const fields = {
      name: v.name.trim(),
      kind: v.kind,
      specialty: v.specialty,
      place: v.place?.trim() || null,
      // required by the form's rules: every check is placed against the point
      latitude: v.latitude as number,
      longitude: v.longitude as number,
      radiusM: v.radiusM ?? null,
    };
    try {
      if (point) {
        const before: Record<string, unknown> = { ...initial, place: point.place };
        const changed = Object.fromEntries(
          Object.entries({ ...fields, active: v.active }).filter(([k, value]) => (k === 'radiusM' && value === null ? false : before[k] !== value)),
        );
        await api('PATCH /api/inspection-points/:id', { params: { id: point.id }, body: changed as RouteBody<'PATCH /api/inspection-points/:id'> });
      } else {
        await api('POST /api/inspection-points', { body: { projectId, ...fields } });
      }
      onSaved();
    } catch (e) {
      setError(showServerError(form, e as ApiError, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it(point ? 'editPoint' : 'newPoint', lang)}
      onCancel={onClose}
      okText={it('save', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'point-save' } as Record<string, string>) }}
      onOk={() => form.submit()}
      destroyOnClose
      data-testid="point-form"
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="name" label={it('name', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="point-name" />
        </Form.Item>
        <Form.Item name="kind" label={it('kind', lang)} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={INSPECTION_POINT_KINDS.map((k) => ({ value: k, label: word(POINT_KIND_LABELS, k, lang) }))} />
        </Form.Item>
        <Form.Item name="specialty" label={it('specialty', lang)} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={SPECIALTIES.map((s) => ({ value: s, label: specialtyText(s, lang) }))} />
        </Form.Item>
        <Form.Item name="place" label={it('place', lang)}>
          <Input maxLength={200} placeholder={it('placeHint', lang)} data-testid="point-place" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="latitude" label={it('latitude', lang)} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.00001} style={{ width: 150 }} data-testid="point-latitude" />
          </Form.Item>
          <Form.Item name="longitude" label={it('longitude', lang)} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.00001} style={{ width: 150 }} data-testid="point-longitude" />
          </Form.Item>
          <Form.Item label=" ">
            <Button onClick={() => void locate()} data-testid="point-locate">
              {it('useMyPosition', lang)}
            </Button>
          </Form.Item>
        </Space>
        {located && (
          <Typography.Paragraph type="secondary" data-testid="point-located">
            {located}
          </Typography.Paragraph>
        )}
        <Form.Item name="radiusM" label={it('radius', lang)} extra={it('radiusHint', lang)}>
          <InputNumber min={5} max={1000} precision={0} style={{ width: 150 }} data-testid="point-radius" />
        </Form.Item>
        {point && (
          <Form.Item name="active" label={it('state', lang)} valuePropName="checked">
            <Switch checkedChildren={it('active', lang)} unCheckedChildren={it('inactive', lang)} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
