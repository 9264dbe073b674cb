import { Drawer, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../shared/api';
import { formatInstant } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { navigate } from './router';

type Item = {
  id: string;
  kind: string;
  caseId: string | null;
  data: { caseNumber?: string; clock?: string; alert?: string; step?: number; count?: number; items?: { caseId: string; caseNumber: string; clock: string }[] };
  createdAt: string;
  readAt: string | null;
};

/** My notifications (SLA warnings, escalations, digests); opening one marks it read and shows its case. */
export function Notifications({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  useEffect(() => {
    if (open) void get<Item[]>('/api/notifications?limit=100').then(setItems);
  }, [open]);
  const openItem = async (n: Item, caseId: string | null) => {
    if (!n.readAt) await post(`/api/notifications/${n.id}/read`).catch(() => {});
    onClose();
    if (caseId) navigate(`/cases/${caseId}`);
  };
  return (
    <Drawer open={open} onClose={onClose} title={t.notifications} width={420}>
      <List
        dataSource={items}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
            onClick={() => void openItem(n, n.caseId ?? n.data.items?.[0]?.caseId ?? null)}
            data-notification={n.kind}
          >
            <List.Item.Meta
              title={
                <span>
                  <Tag color={n.kind === 'sla_warning' ? 'orange' : 'red'}>{n.kind}</Tag>
                  {n.data.caseNumber ?? (n.data.count ? `${n.data.count} ×` : '')}
                </span>
              }
              description={
                <Typography.Text type="secondary">
                  {formatInstant(n.createdAt, 'Asia/Shanghai', lang)} {n.data.clock ?? n.data.items?.map((i) => i.caseNumber).join('、')}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}
