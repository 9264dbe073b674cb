import { CONFIGURABLE_CHANNELS, type ConfigurableChannel } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { ChannelFields, fieldOfRefusal, secretLabel, toConfig, toFormValues, type ChannelFormValues } from './channel-forms';
import { DeliveryStatusTag, deliveryChannelText } from './delivery-text';
import { messagingKeys, useChannels, useFollowedDelivery, type ChannelSettings } from './queries';
import { ReportAddress } from './ReportAddress';

/** 渠道: one card per outside channel — its settings, the enabled switch, whether a secret is stored, and a test message. */
export function ChannelsTab() {
  const { t } = useI18n();
  const channels = useChannels();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.msgChannelHelp}
      </Typography.Paragraph>
      {channels.error && <Alert type="error" showIcon message={(channels.error as ApiError).message} />}
      {CONFIGURABLE_CHANNELS.map((channel) => {
        const settings = channels.data?.find((c) => c.channel === channel);
        return settings ? <ChannelCard key={`${channel}-${settings.updatedAt ?? ''}`} settings={settings} /> : null;
      })}
    </Space>
  );
}

function ChannelCard({ settings }: { settings: ChannelSettings }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const channel = settings.channel as ConfigurableChannel;
  const [form] = Form.useForm<ChannelFormValues>();
  const mode = Form.useWatch('mode', form);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testId, setTestId] = useState<string | null>(null);
  // the test followed until it is sent or given up
  const test = useFollowedDelivery(testId).data;

  const save = async (values: ChannelFormValues) => {
    setProblem(null);
    const config = toConfig(channel, values);
    setSaving(true);
    try {
      await api('PUT /api/channels/:channel', {
        params: { channel },
        body: { enabled: values.enabled, config, ...(values.secret ? { secret: values.secret } : {}) },
      });
      void message.success(t.msgSaved);
      void client.invalidateQueries({ queryKey: messagingKeys.channels });
    } catch (e) {
      const error = e as ApiError;
      const name = fieldOfRefusal(channel, error.field);
      if (name) form.setFields([{ name, errors: [error.message] }]);
      else setProblem(error.message);
    } finally {
      setSaving(false);
    }
  };

  const sendTest = async () => {
    setProblem(null);
    try {
      const r = await api('POST /api/channels/:channel/test', { params: { channel }, body: { to: testTo.trim() } });
      setTestId(r.deliveryId);
      void message.success(t.msgTestQueued);
    } catch (e) {
      setProblem((e as ApiError).message);
    }
  };

  return (
    <Card
      size="small"
      data-testid={`channel-${channel}`}
      title={
        <Space>
          <span>{deliveryChannelText(channel, lang)}</span>
          {settings.hasSecret ? (
            <Tag color="green" data-testid="secret-stored">
              {t.msgSecretStored}
            </Tag>
          ) : (
            <Tag>{t.msgSecretNone}</Tag>
          )}
        </Space>
      }
      extra={
        settings.updatedAt && (
          <Typography.Text type="secondary">{`${t.msgUpdatedAt} ${formatInstant(settings.updatedAt, 'Asia/Shanghai', lang)}`}</Typography.Text>
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={toFormValues(channel, settings.config, settings.enabled)} onFinish={save}>
        <Form.Item name="enabled" label={t.msgEnabled} valuePropName="checked">
          <Switch data-testid="channel-enabled" />
        </Form.Item>
        <ChannelFields channel={channel} />
        <Form.Item name="secret" label={secretLabel(channel, mode, t)} extra={settings.hasSecret ? t.msgSecretKeep : undefined}>
          <Input.Password autoComplete="new-password" data-testid="channel-secret" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="channel-save">
          {t.save}
        </Button>
      </Form>
      {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} data-testid="channel-problem" />}
      <ReportAddress settings={settings} />
      <Space wrap style={{ marginTop: 16 }}>
        <Input
          style={{ width: 260 }}
          value={testTo}
          onChange={(e) => setTestTo(e.target.value)}
          placeholder={channel === 'webhook' ? t.msgTestToHint : t.msgTestTo}
          aria-label={t.msgTestTo}
          data-testid="channel-test-to"
        />
        <Button onClick={() => void sendTest()} disabled={!settings.enabled} data-testid="channel-test">
          {t.msgTestSend}
        </Button>
        {test && (
          <span data-testid="channel-test-result">
            {t.msgLastTest}：<DeliveryStatusTag status={test.status} lang={lang} />
            {test.lastError && <Typography.Text type="danger">{test.lastError}</Typography.Text>}
          </span>
        )}
      </Space>
    </Card>
  );
}
