import { useQueryClient } from '@tanstack/react-query';
import { Drawer, List, Tag, Typography } from 'antd';
import { CLOCK_LABELS } from '@guanjia/vocabulary';
import { api } from '../shared/api';
import { formatInstant } from '../shared/format';
import { LEVEL_LABELS, NOTIFICATION_KIND_LABELS, label, rt, useI18n } from '../shared/i18n';
import { keys, useNotifications, type Notification } from './queries';
import { inspectionNotice } from './inspections/notices';
import { navigate } from './router';

/** What a notification's data may hold (the server's record is open: digests list their cases). */
type NotificationData = {
  caseNumber?: string;
  clock?: string;
  level?: string;
  count?: number;
  title?: string;
  /** a meeting resolution: what, by when, who is responsible (meeting_action_assigned, meeting_action_overdue) */
  text?: string;
  deadlineOn?: string;
  responsibleId?: string;
  items?: { caseId: string; caseNumber: string; clock: string }[];
};

/** My notifications (SLA warnings, escalations, digests, 员工自评); opening one marks it read and shows its case (or my self-evaluations). */
export function Notifications({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const items = useNotifications(open).data ?? [];
  const clockName = (clock: string | undefined) => (clock ? (CLOCK_LABELS[clock as keyof typeof CLOCK_LABELS]?.[lang] ?? '—') : '');
  const openItem = async (n: Notification, caseId: string | null, path: string | null = null) => {
    if (!n.readAt)
      await api('POST /api/notifications/:id/read', { params: { id: n.id } })
        .then(() => client.invalidateQueries({ queryKey: keys.notifications }))
        .catch(() => {});
    onClose();
    if (path) navigate(path);
    else if (caseId) navigate(`/cases/${caseId}`);
    // 员工自评: a round opened or one's form reviewed opens 我的自评
    else if (n.kind.startsWith('self_evaluation_')) navigate('/self-evaluations');
    // 内部会议: a resolution assigned to me (or mine overdue) opens 我的会议事项; late minutes, or a resolution of my meeting overdue, the meetings
    else if (n.kind.startsWith('meeting_'))
      navigate(
        n.kind === 'meeting_action_assigned' || (n.kind === 'meeting_action_overdue' && (n.data as NotificationData).responsibleId === n.recipientId)
          ? '/internal-meetings?tab=mine'
          : '/internal-meetings',
      );
    // 员工考核: the supervisor's comment opens one's sheets (to acknowledge)
    else if (n.kind === 'appraisal_commented') navigate('/appraisals');
  };
  return (
    <Drawer open={open} onClose={onClose} title={t.notifications} width={420} data-testid="notifications">
      <List
        dataSource={items}
        locale={{ emptyText: t.noNotifications }}
        renderItem={(n) => {
          const data = n.data as NotificationData;
          // 巡检, 不合格项, 整改通知 (issue 15): their own words and page
          const inspection = inspectionNotice(n.kind, n.data as Record<string, unknown>, lang);
          if (inspection)
            return (
              <List.Item
                style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
                onClick={() => void openItem(n, null, inspection.path)}
                data-notification={n.kind}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <Tag color="volcano">{inspection.label}</Tag>
                      {inspection.title}
                    </span>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {formatInstant(n.createdAt, 'Asia/Shanghai', lang)} {inspection.detail}
                    </Typography.Text>
                  }
                />
              </List.Item>
            );
          return (
            <List.Item
              style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => void openItem(n, n.caseId ?? data.items?.[0]?.caseId ?? null)}
              data-notification={n.kind}
            >
              <List.Item.Meta
                title={
                  <span>
                    <Tag color={n.kind === 'sla_warning' ? 'orange' : 'red'}>{label(NOTIFICATION_KIND_LABELS, n.kind, lang)}</Tag>
                    {data.caseNumber ?? (data.count ? `${data.count} ×` : (data.title ?? ''))}
                  </span>
                }
                description={
                  <Typography.Text type="secondary">
                    {formatInstant(n.createdAt, 'Asia/Shanghai', lang)}{' '}
                    {data.clock
                      ? clockName(data.clock)
                      : data.items
                        ? `${rt('digestCases', lang)}：${data.items.map((i) => i.caseNumber).join('、')}`
                        : data.level
                          ? `${t.escalatedTo} ${label(LEVEL_LABELS, data.level, lang)}`
                          : data.text && data.deadlineOn
                            ? `${data.text} · ${data.deadlineOn}`
                            : ''}
                  </Typography.Text>
                }
              />
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}
