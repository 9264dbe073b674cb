import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, CHANNEL_LABELS, CONTACT_KIND_LABELS, OWNER_GRADE_LABELS, STATUS_LABELS, label, useI18n } from '../shared/i18n';
import { revealPhone, useCaseContext } from './desk-queries';
import { navigate } from './router';

/**
 * Who and where on the case page (issue 10, item 6): the owner card — name (masked per role), units,
 * grade, special needs, preferred channel, do-not-disturb times, open cases, the last 5 exchanges — or
 * the unregistered caller; the first receiver, assignee and department; and 查看电话 for whoever must
 * call the owner (the server decides: canRevealPhone; every reveal is logged).
 */
export function OwnerCard({ caseId, timeZone }: { caseId: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const context = useCaseContext(caseId);
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const c = context.data;
  if (!c) return null;
  const o = c.owner;
  const reveal = async () => {
    try {
      setPhone((await revealPhone(caseId)).phone);
      setError(null);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const channelName = (v: string | null) =>
    v ? (CONTACT_KIND_LABELS[v] || CHANNEL_LABELS[v] ? label(CONTACT_KIND_LABELS[v] ? CONTACT_KIND_LABELS : CHANNEL_LABELS, v, lang) : v) : '—';
  return (
    <Card title={t.ownerCard} size="small" data-testid="owner-card" style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1}>
        {o ? (
          <>
            <Descriptions.Item label={t.owner}>
              <Space wrap size={4}>
                <strong data-testid="owner-name">{o.name}</strong>
                <Tag color={o.grade === 'normal' ? undefined : 'gold'} data-testid="owner-grade">
                  {label(OWNER_GRADE_LABELS, o.grade, lang)}
                </Tag>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t.unit}>
              <span data-testid="owner-units">{c.unit?.label ?? (o.units.map((u) => u.label).join('、') || '—')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t.needs}>
              <span data-testid="owner-needs">{o.specialNeeds ?? (o.hasSpecialNeeds ? t.needsHidden : t.none)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t.preferredChannel}>{channelName(o.preferredChannel)}</Descriptions.Item>
            <Descriptions.Item label={t.doNotDisturb}>
              <span data-testid="owner-dnd">{o.doNotDisturb.length ? o.doNotDisturb.map((d) => `${d.from}–${d.to}`).join('、') : t.none}</span>
            </Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label={t.owner}>{t.noOwner}</Descriptions.Item>
            {c.caller && (
              <Descriptions.Item label={t.unregisteredCaller}>
                <span data-testid="caller">{[c.caller.name, c.caller.phoneMasked].filter(Boolean).join(' · ') || '—'}</span>
              </Descriptions.Item>
            )}
            {c.unit && <Descriptions.Item label={t.unit}>{c.unit.label}</Descriptions.Item>}
          </>
        )}
        <Descriptions.Item label={t.phone}>
          <Space wrap size={4}>
            <span data-testid="phone-masked">{o?.phoneMasked ?? c.caller?.phoneMasked ?? '—'}</span>
            {phone && (
              <a href={`tel:${phone}`} data-testid="revealed-phone">
                {phone}
              </a>
            )}
            {c.canRevealPhone && !phone && (
              <Button size="small" onClick={() => void reveal()} data-testid="reveal-phone">
                {t.revealPhone}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t.firstReceiver}>
          <span data-testid="first-receiver">{c.firstReceiver?.name ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.assignee}>
          <span data-testid="assignee">{c.assignee?.name ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.departmentName}>
          <span data-testid="department">{c.department?.name ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      {o && o.openCases.count > 0 && (
        <>
          <Typography.Text strong>
            {t.openCases}（{o.openCases.count}）
          </Typography.Text>
          <List
            size="small"
            data-testid="open-cases"
            dataSource={o.openCases.items}
            renderItem={(x) => (
              <List.Item style={{ paddingInline: 0 }}>
                <a onClick={() => navigate(`/cases/${x.id}`)}>{x.number}</a> {label(CASE_TYPE_LABELS, x.type, lang)} · {label(STATUS_LABELS, x.status, lang)} ·{' '}
                {x.title}
              </List.Item>
            )}
          />
        </>
      )}
      {o && (
        <>
          <Typography.Text strong>{t.recentInteractions}</Typography.Text>
          <List
            size="small"
            data-testid="recent-interactions"
            locale={{ emptyText: t.none }}
            dataSource={o.recentInteractions}
            renderItem={(x) => (
              <List.Item style={{ paddingInline: 0, display: 'block' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatInstant(x.at, timeZone, lang)} · {x.caseNumber} · {x.direction === 'inbound' ? t.said : t.told}
                </Typography.Text>
                <div style={{ overflowWrap: 'anywhere' }}>{x.content ?? '—'}</div>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
