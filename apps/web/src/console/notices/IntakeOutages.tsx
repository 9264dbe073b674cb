import { Alert, Checkbox, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { outageKindText } from './notice-text';
import { useUnitOutages } from './queries';

/**
 * At intake (受理登记, issue 13 item 7): when the caller's unit lies inside an outage in effect
 * (停水/停电/电梯停运 …), it is shown first and in red with what to tell the caller (答复口径), and
 * the agent can link the new case to it (one outage per case; `onChange(null)` unlinks). Nothing
 * shows for a unit outside every active outage.
 */
export function IntakeOutages(props: { unitId: string | undefined; timeZone: string; value: string | null; onChange: (outageId: string | null) => void }) {
  const { t, lang } = useI18n();
  const outages = useUnitOutages(props.unitId).data ?? [];
  const { value, onChange } = props;
  // a link to an outage that no longer covers the chosen unit is dropped
  useEffect(() => {
    if (value && !outages.some((o) => o.id === value)) onChange(null);
  }, [outages, value, onChange]);
  if (!props.unitId || !outages.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="intake-outages">
      {outages.map((o) => (
        <Alert
          key={o.id}
          type="error"
          showIcon
          data-outage={o.id}
          message={
            <Space wrap>
              <Typography.Text strong>
                {t.outgAtIntake}：{outageKindText(o.kind, lang)}
              </Typography.Text>
              <span>{o.buildingNames.length ? o.buildingNames.join('、') : t.outgWholeProject}</span>
              <span>
                {formatInstant(o.startsAt, props.timeZone, lang)} – {o.endsAt ? formatInstant(o.endsAt, props.timeZone, lang) : t.outgUntilClosed}
              </span>
              <span>
                {t.outgCause}：{o.cause}
              </span>
            </Space>
          }
          description={
            <Space direction="vertical" style={{ width: '100%' }}>
              <div data-testid="intake-outage-script">
                <Typography.Text strong>{t.outgScript}：</Typography.Text>
                <Typography.Text style={{ fontSize: 16 }}>{o.callerScript}</Typography.Text>
              </div>
              <Checkbox checked={value === o.id} onChange={(e) => onChange(e.target.checked ? o.id : null)} data-testid="intake-outage-link">
                {t.outgLinkCase}
              </Checkbox>
            </Space>
          }
        />
      ))}
    </Space>
  );
}
