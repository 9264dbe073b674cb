import { Alert, Card, Collapse, Table, Typography } from 'antd';
import { formatInstant } from '../../shared/format';
import { label, useI18n, type Lang } from '../../shared/i18n';
import { DELIVERY_CHANNEL_LABELS } from '../../shared/i18n-messaging';
import { noticeKindText } from './notice-text';
import type { NoticeDetail } from './queries';

/**
 * The ledger's original (信息公布台帐的原件, issue 13 item 5) on a notice's page: the notice exactly as
 * published is kept by the server (`original`); once the notice differs from it — a new expiry, the
 * only change a published notice takes — the page shows what was published beside what stands now,
 * field by field, and the published text whole. Nothing shows while they are the same.
 */

type Field = 'title' | 'body' | 'kind' | 'emergency' | 'emergencyReason' | 'startsAt' | 'endsAt' | 'expiresAt' | 'channels' | 'paperPosting';
const FIELDS: readonly Field[] = ['title', 'body', 'kind', 'emergency', 'emergencyReason', 'startsAt', 'endsAt', 'expiresAt', 'channels', 'paperPosting'];
const INSTANTS = new Set<Field>(['startsAt', 'endsAt', 'expiresAt']);

/** A value as comparable text: instants as epoch ms (the server may write one instant two ways), lists joined. */
function comparable(field: Field, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (INSTANTS.has(field) && typeof value === 'string') return String(Date.parse(value));
  if (Array.isArray(value)) return [...value].map(String).sort().join(',');
  return String(value);
}

/** The fields of the notice that are no longer as published. */
export function changedSincePublication(n: NoticeDetail): Field[] {
  const original = n.original;
  if (!original) return [];
  return FIELDS.filter((f) => f in original && comparable(f, original[f]) !== comparable(f, n[f]));
}

export function NoticeOriginal({ notice: n, timeZone }: { notice: NoticeDetail; timeZone: string }) {
  const { t, lang } = useI18n();
  const changed = changedSincePublication(n);
  if (!n.original || !changed.length) return null;
  const original = n.original;
  const fieldLabel: Record<Field, string> = {
    title: t.title,
    body: t.ntcBody,
    kind: t.ntcKind,
    emergency: t.ntcEmergency,
    emergencyReason: t.ntcEmergencyReason,
    startsAt: t.ntcStartsAt,
    endsAt: t.ntcEndsAt,
    expiresAt: t.ntcExpiresAt,
    channels: t.ntcChannels,
    paperPosting: t.ntcPaperPosting,
  };
  const show = (field: Field, value: unknown) => shown(field, value, timeZone, lang, t.yes, t.no);
  return (
    <Card size="small" title={t.ntcOriginal} data-testid="notice-original">
      <Alert type="info" showIcon message={t.ntcOriginalChanged} style={{ marginBottom: 12 }} />
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={changed.map((field) => ({ field }))}
        onRow={(r) => ({ 'data-original-field': r.field }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t.ntcOriginalField, dataIndex: 'field', width: 140, render: (f: Field) => fieldLabel[f] },
          { title: t.ntcOriginalThen, key: 'then', render: (_: unknown, r: { field: Field }) => <span data-then>{show(r.field, original[r.field])}</span> },
          { title: t.ntcOriginalNow, key: 'now', render: (_: unknown, r: { field: Field }) => <span data-now>{show(r.field, n[r.field])}</span> },
        ]}
      />
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'text',
            label: t.ntcOriginalText,
            children: (
              <div data-testid="notice-original-text">
                <Typography.Title level={5}>{String(original.title ?? '')}</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{String(original.body ?? '')}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {t.ntcPublishedAt} {formatInstant(typeof original.publishedAt === 'string' ? original.publishedAt : null, timeZone, lang)}
                </Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

function shown(field: Field, value: unknown, tz: string, lang: Lang, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (INSTANTS.has(field)) return formatInstant(String(value), tz, lang);
  if (field === 'kind') return noticeKindText(String(value), lang);
  if (field === 'channels' && Array.isArray(value)) return value.map((c) => label(DELIVERY_CHANNEL_LABELS, String(c), lang)).join('、') || '—';
  if (typeof value === 'boolean') return value ? yes : no;
  return String(value);
}
