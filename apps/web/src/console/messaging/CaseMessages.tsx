import { Card, List, Space, Typography } from 'antd';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { DeliveryStatusTag, deliveryChannelText, deliveryReasonText, messageKindText } from './delivery-text';
import { useCaseDeliveries, type Delivery } from './queries';

/** The latest instant a delivery reached: read, delivered, sent, failed, else when it was made. */
const lastInstant = (d: Delivery) => d.readAt ?? d.deliveredAt ?? d.sentAt ?? d.failedAt ?? d.createdAt;

/** Why a queued delivery waits: the end of 免打扰, or a retry after a failed attempt. */
function waitsFor(d: Delivery): 'quiet' | 'retry' | null {
  if (d.status !== 'queued' || !d.nextAttemptAt) return null;
  if (d.attempts > 0) return 'retry';
  return (d.reason ?? '').split(',').includes('deferred_for_quiet_hours') ? 'quiet' : null;
}

/**
 * A case's 消息 panel (issue 13 item 3): every message about the case — progress messages to the owner,
 * the first receiver's notes, on-duty pages — with its kind, channel, masked address, status, the
 * reason (fallback, 免打扰, muted …) or the provider's error, and when.
 */
export function CaseMessages({ caseId, timeZone }: { caseId: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const deliveries = useCaseDeliveries(caseId);
  const items = deliveries.data ?? [];
  return (
    <Card title={t.caseMessages} size="small" style={{ marginTop: 16 }} data-testid="case-messages">
      <List
        size="small"
        loading={deliveries.isLoading}
        dataSource={items}
        locale={{ emptyText: t.caseMessagesNone }}
        renderItem={(d) => {
          const why = [deliveryReasonText(d.reason, lang), d.status === 'failed' || d.status === 'queued' ? (d.lastError ?? '') : '']
            .filter(Boolean)
            .join(' · ');
          return (
            <List.Item data-delivery={d.id}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <strong>{messageKindText(d.kind, lang)}</strong>
                  <Typography.Text type="secondary">{deliveryChannelText(d.channel, lang)}</Typography.Text>
                  {d.to && <Typography.Text type="secondary">{d.to}</Typography.Text>}
                  <DeliveryStatusTag status={d.status} lang={lang} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatInstant(lastInstant(d), timeZone, lang)}
                  {waitsFor(d) ? ` · ${waitsFor(d) === 'quiet' ? t.msgNotBefore : t.msgNextAttempt} ${formatInstant(d.nextAttemptAt, timeZone, lang)}` : ''}
                </Typography.Text>
                {why && (
                  <Typography.Text type={d.status === 'failed' || d.status === 'unreachable' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {why}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
