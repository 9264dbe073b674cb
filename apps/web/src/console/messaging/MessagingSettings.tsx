import { Card, Tabs } from 'antd';
import { useI18n } from '../../shared/i18n';
import { ChannelsTab } from './ChannelsTab';
import { DeadLettersTab } from './DeadLettersTab';
import { TemplatesTab } from './TemplatesTab';

/**
 * 消息设置 (issue 13), for administrators with messaging.admin (the menu shows it only to them; the
 * server refuses everyone else): 渠道 (each outside channel's settings, secret and a test), 模板 (the
 * wording of each message kind with a live preview), 发送失败 (the dead-letter list with 重发).
 */
export function MessagingSettings() {
  const { t } = useI18n();
  return (
    <Card title={t.messaging} data-testid="messaging">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'channels', label: t.msgTabChannels, children: <ChannelsTab /> },
          { key: 'templates', label: t.msgTabTemplates, children: <TemplatesTab /> },
          { key: 'dead-letters', label: t.msgTabDeadLetters, children: <DeadLettersTab /> },
        ]}
      />
    </Card>
  );
}
