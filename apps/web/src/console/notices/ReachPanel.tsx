import { App as AntApp, Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, downloadFile } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useNoticeReach, type NoticeReach } from './queries';

/**
 * 覆盖范围 (issue 13 item 7): before a notice is sent, how many buildings, units and owners it covers,
 * and how many owners a push would reach now on each channel — or not, and why (no address, muted by
 * the owner, pushed within the hour); 导出名单 downloads the list behind the figures (owners masked).
 * `version` reloads it after each save of the draft; times are the project's (`timeZone`).
 */
export function ReachPanel({ noticeId, version, timeZone }: { noticeId: string; version: number; timeZone: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const reach = useNoticeReach(noticeId, version);
  const [exporting, setExporting] = useState(false);
  const exportList = async () => {
    setExporting(true);
    try {
      await downloadFile(`/api/notices/${encodeURIComponent(noticeId)}/reach.xlsx`);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      size="small"
      title={t.ntcReach}
      data-testid="notice-reach"
      extra={
        <Space>
          <Button size="small" onClick={() => void reach.refetch()} loading={reach.isFetching}>
            {t.refresh}
          </Button>
          <Button size="small" onClick={() => void exportList()} loading={exporting} data-testid="notice-reach-export">
            {t.ntcExportList}
          </Button>
        </Space>
      }
    >
      {reach.error && <Alert type="error" showIcon message={(reach.error as ApiError).message} />}
      {reach.data && <ReachFigures reach={reach.data} timeZone={timeZone} />}
    </Card>
  );
}

/** The figures of a reach: now (before sending), or as sent (the ledger's record at publication); its instant on the project's wall clock. */
export function ReachFigures({ reach, timeZone }: { reach: NoticeReach; timeZone: string }) {
  const { t, lang } = useI18n();
  const o = reach.byOutcome;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="reach-figures">
        <Descriptions.Item label={t.ntcReachBuildings}>{reach.buildings}</Descriptions.Item>
        <Descriptions.Item label={t.ntcReachUnits}>{reach.units}</Descriptions.Item>
        <Descriptions.Item label={t.ntcReachOwners}>{reach.owners}</Descriptions.Item>
        <Descriptions.Item label={t.ntcBySms}>{o.sms}</Descriptions.Item>
        <Descriptions.Item label={t.ntcByWechat}>{o.wechat}</Descriptions.Item>
        <Descriptions.Item label={t.ntcByEmail}>{o.email}</Descriptions.Item>
        <Descriptions.Item label={t.ntcUnreachable}>{o.unreachable}</Descriptions.Item>
        <Descriptions.Item label={t.ntcMuted}>{o.muted}</Descriptions.Item>
        <Descriptions.Item label={t.ntcThrottled}>{o.throttled}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">
        {t.ntcReachAt} {formatInstant(reach.at, timeZone, lang)} · {t.ntcPortalAlways}
      </Typography.Text>
    </Space>
  );
}
