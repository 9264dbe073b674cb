import type { RouteResponse } from '@guanjia/api-contract';
import { WEATHER_WARNING_KIND_LABELS, WEATHER_WARNING_KINDS } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { requiredMessage, useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { it, WARNING_LEVEL_LABELS, word } from './inspection-text';
import { checkKeys } from './checks-queries';
import { nightKeys, todayIn } from './night-audit-queries';
import { useProjectZone } from './queries';

export type WarningCreated = RouteResponse<'POST /api/weather-warnings'>;
type Values = { kind: (typeof WEATHER_WARNING_KINDS)[number]; level?: string; nights: [Dayjs, Dayjs]; note?: string };

/**
 * 录入预警 (issue 15 item 1): a typhoon or rainstorm warning of the project — kind, level, its nights (from
 * tonight by default), a note. The server schedules a night check for each of its nights from today and
 * tells the office managers; `onCreated` gets the warning and the checks scheduled.
 */
export function WeatherWarningForm({ projectId, onClose, onCreated }: { projectId: string; onClose: () => void; onCreated: (r: WarningCreated) => void }) {
  const { lang } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  // tonight on the project's wall clock
  const tonight = dayjs(todayIn(useProjectZone(projectId)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api('POST /api/weather-warnings', {
        body: {
          projectId,
          kind: v.kind,
          level: v.level ?? null,
          fromDate: v.nights[0].format('YYYY-MM-DD'),
          toDate: v.nights[1].format('YYYY-MM-DD'),
          note: v.note?.trim() || null,
        },
      });
      await Promise.all([client.invalidateQueries({ queryKey: nightKeys.nights }), client.invalidateQueries({ queryKey: checkKeys.checks })]);
      onCreated(created);
      onClose();
    } catch (e) {
      const err = e as ApiError;
      // the period's refusals name fromDate or toDate: both are the one range field here
      const period = err.field === 'fromDate' || err.field === 'toDate';
      setError(showServerError(form, period ? new ApiError(err.status, err.code, err.message, 'nights') : err, ['kind', 'level', 'nights', 'note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it('enterWarning', lang)}
      width={Math.min(520, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={it('enterWarning', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'warning-submit' } as Record<string, string>) }}
      data-testid="warning-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={send} initialValues={{ kind: 'rainstorm', nights: [tonight, tonight] }}>
        <Form.Item name="kind" label={it('warningKind', lang)} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={WEATHER_WARNING_KINDS.map((k) => ({ value: k, label: word(WEATHER_WARNING_KIND_LABELS, k, lang) }))}
            data-testid="warning-kind"
          />
        </Form.Item>
        <Form.Item name="level" label={it('warningLevel', lang)}>
          <Select
            allowClear
            options={Object.keys(WARNING_LEVEL_LABELS).map((l) => ({ value: l, label: word(WARNING_LEVEL_LABELS, l, lang) }))}
            data-testid="warning-level"
          />
        </Form.Item>
        <Form.Item
          name="nights"
          label={it('warningNights', lang)}
          rules={[{ required: true, message: requiredMessage(it('warningNights', lang), lang, true) }]}
        >
          <DatePicker.RangePicker allowClear={false} style={{ width: '100%' }} data-testid="warning-nights" />
        </Form.Item>
        <Form.Item name="note" label={it('warningNote', lang)}>
          <Input.TextArea rows={2} maxLength={500} data-testid="warning-note" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="warning-error" />}
    </Modal>
  );
}
