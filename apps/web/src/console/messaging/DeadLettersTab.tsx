import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { deliveryChannelText, messageKindText } from './delivery-text';
import { messagingKeys, useDeadLetters, type Delivery } from './queries';

/**
 * 发送失败 (the dead-letter list): messages given up on, newest first — when, what kind, on which
 * channel, to whom (masked), how many attempts, the provider's reason — each with 重发 (back in the
 * queue with the same idempotency key). Paged with the server's cursor (更多).
 */
export function DeadLettersTab() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const letters = useDeadLetters();
  const [retrying, setRetrying] = useState<string | null>(null);
  const rows = letters.data?.pages.flatMap((p) => p.items) ?? [];
  const retry = async (d: Delivery) => {
    setRetrying(d.id);
    try {
      await api('POST /api/deliveries/:id/retry', { params: { id: d.id } });
      void message.success(t.msgRetried);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setRetrying(null);
      void client.invalidateQueries({ queryKey: messagingKeys.deliveries });
    }
  };
  if (letters.error) return <Alert type="error" showIcon message={(letters.error as ApiError).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="id"
        loading={letters.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t.msgNoDeadLetters }}
        data-testid="dead-letters"
        columns={[
          { title: t.msgTime, width: 150, render: (_: unknown, d: Delivery) => formatInstant(d.failedAt ?? d.createdAt, 'Asia/Shanghai', lang) },
          { title: t.msgKind, width: 140, render: (_: unknown, d: Delivery) => messageKindText(d.kind, lang) },
          { title: t.channel, width: 100, render: (_: unknown, d: Delivery) => deliveryChannelText(d.channel, lang) },
          { title: t.msgRecipient, width: 160, render: (_: unknown, d: Delivery) => d.to ?? '—' },
          { title: t.msgAttempts, width: 90, dataIndex: 'attempts' },
          {
            title: t.msgProviderReason,
            render: (_: unknown, d: Delivery) => <Typography.Text type="danger">{d.lastError ?? '—'}</Typography.Text>,
          },
          {
            title: t.msgActions,
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, d: Delivery) => (
              <Button size="small" loading={retrying === d.id} onClick={() => void retry(d)} data-testid="dead-letter-retry">
                {t.msgRetry}
              </Button>
            ),
          },
        ]}
      />
      {letters.hasNextPage && (
        <Button onClick={() => void letters.fetchNextPage()} loading={letters.isFetchingNextPage} data-testid="dead-letters-more">
          {t.more}
        </Button>
      )}
    </Space>
  );
}
