import { App as AntApp, Button, Input, Space, Typography } from 'antd';
import { useI18n } from '../../shared/i18n';
import type { ChannelSettings } from './queries';

/**
 * Where a provider sends its delivery reports (docs/operations.md, "Delivery reports"): SMS's 状态报告
 * HTTP 推送地址, WeChat's 服务器地址 URL with its 令牌 — the server's address in front of the settings'
 * `reportUrl` path —, each with a copy button and a line saying where to paste it at the provider.
 * Nothing for a channel without reports.
 */
export function ReportAddress({ settings }: { settings: ChannelSettings }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  if (!settings.reportUrl) return null;
  const url = `${location.origin}${settings.reportUrl}`;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t.msgCopied);
    } catch {
      void message.error(t.msgCopyFailed);
    }
  };
  const wechat = settings.channel === 'wechat';
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="report-address">
      <Typography.Text strong>{wechat ? t.msgReportUrlWechat : t.msgReportUrlSms}</Typography.Text>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={url} aria-label={wechat ? t.msgReportUrlWechat : t.msgReportUrlSms} data-testid="report-url" />
        <Button onClick={() => void copy(url)} data-testid="report-url-copy">
          {t.msgCopy}
        </Button>
      </Space.Compact>
      {wechat && settings.reportSigningToken && (
        <>
          <Typography.Text strong>{t.msgReportToken}</Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={settings.reportSigningToken} aria-label={t.msgReportToken} data-testid="report-token" />
            <Button onClick={() => void copy(settings.reportSigningToken!)} data-testid="report-token-copy">
              {t.msgCopy}
            </Button>
          </Space.Compact>
        </>
      )}
      <Typography.Text type="secondary" data-testid="report-help">
        {wechat ? t.msgReportHelpWechat : t.msgReportHelpSms}
      </Typography.Text>
      <Typography.Text type="secondary">{t.msgReportHelpAddress}</Typography.Text>
    </Space>
  );
}
