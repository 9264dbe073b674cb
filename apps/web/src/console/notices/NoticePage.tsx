import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Input, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { label, useI18n } from '../../shared/i18n';
import { DELIVERY_CHANNEL_LABELS } from '../../shared/i18n-messaging';
import type { Me } from '../App';
import { DeliveryStatusTag } from '../messaging/delivery-text';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { NoticeEditor } from './NoticeEditor';
import { NoticeOriginal } from './NoticeOriginal';
import { NoticePostingsTable, NoticeRecipients } from './NoticeRecipients';
import { EmergencyTag, NoticeStatusTag, noticeKindText } from './notice-text';
import { noticeKeys, useNotice, type NoticeDetail } from './queries';
import { ReachFigures, ReachPanel } from './ReachPanel';
import { instantOf, wallClock } from './wall-clock';

/**
 * A notice's page (issue 13 items 5 and 7). Its author's draft opens in the editor; otherwise the
 * notice as it stands: its text (紧急 in red with the reason), area, period, expiry, channels, who
 * wrote, submitted, approved or rejected it, and what may be done now — 批准发布 / 驳回 (notice.approve,
 * not the author), 修改 after a rejection (the author), 撤回 within the undo window (a countdown),
 * a new expiry and 更正 (a new draft superseding it) once published; the ledger's original where the
 * notice no longer is as published (NoticeOriginal.tsx). Then the reach (before sending:
 * now; after: as sent), the pushes per status and channel, each recipient with the read receipts,
 * and the paper tasks.
 */
export function NoticePage({ id, me }: { id: string; me: Me }) {
  const { t } = useI18n();
  const notice = useNotice(id);
  const projects = useProjects();
  const n = notice.data;
  if (notice.error) return <Alert type="error" showIcon message={(notice.error as ApiError).message} data-testid="notice-error" />;
  if (!n || !projects.data) return <Card loading />;
  const mine = n.createdBy?.id === me.id;
  if (n.status === 'draft' && mine && me.capabilities.includes('notice.write')) return <NoticeEditor key={n.id} me={me} notice={n} />;
  return <NoticeView notice={n} me={me} timeZone={projects.data.find((p) => p.id === n.projectId)?.timeZone ?? 'Asia/Shanghai'} t={t} />;
}

/** Now, every second (the undo window's countdown). */
function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function NoticeView({ notice: n, me, timeZone, t }: { notice: NoticeDetail; me: Me; timeZone: string; t: ReturnType<typeof useI18n>['t'] }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [rejectReason, setRejectReason] = useState('');
  const [expiry, setExpiry] = useState<Dayjs | null>(n.expiresAt ? wallClock(n.expiresAt, timeZone) : null);
  const can = (c: string) => me.capabilities.includes(c);
  const mine = n.createdBy?.id === me.id;
  const undoLeft = n.undoUntil ? Date.parse(n.undoUntil) - now : 0;
  const when = (iso: string | null) => formatInstant(iso, timeZone, lang);
  const person = (p: { name: string } | null, at: string | null) => (p ? `${p.name} · ${when(at)}` : '—');

  const act = async (name: string, call: () => Promise<{ id: string }>, done: string, go?: (id: string) => void) => {
    setProblem(null);
    setBusy(name);
    try {
      const r = await call();
      void message.success(done);
      await client.invalidateQueries({ queryKey: noticeKeys.notices });
      go?.(r.id);
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setBusy(null);
    }
  };
  const params = { params: { id: n.id } };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="notice-page">
      <Card
        title={
          <Space wrap>
            {n.emergency && <EmergencyTag text={t.ntcEmergencyShort} />}
            <span data-testid="notice-page-title">{n.title}</span>
            <NoticeStatusTag status={n.status} lang={lang} />
          </Space>
        }
        extra={
          <Button size="small" onClick={() => navigate('/notices')}>
            {t.ntcBackToLedger}
          </Button>
        }
        style={n.emergency ? { borderColor: '#ff4d4f' } : undefined}
      >
        {n.emergency && (
          <Alert
            style={{ marginBottom: 12 }}
            type="error"
            showIcon
            message={`${t.ntcEmergency}：${n.emergencyReason ?? '—'}`}
            data-testid="notice-emergency-reason"
          />
        )}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="notice-page-body">
          {n.body}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t.ntcKind}>{noticeKindText(n.kind, lang)}</Descriptions.Item>
          <Descriptions.Item label={t.ntcArea}>{`${n.projectName} · ${n.area}`}</Descriptions.Item>
          <Descriptions.Item label={t.ntcPeriod}>{n.startsAt ? `${when(n.startsAt)} – ${when(n.endsAt)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t.ntcExpiresAt}>{when(n.expiresAt)}</Descriptions.Item>
          <Descriptions.Item label={t.ntcChannels}>
            {n.channels.map((c) => label(DELIVERY_CHANNEL_LABELS, c, lang)).join('、') || '—'} · {t.ntcPortalAlways}
          </Descriptions.Item>
          <Descriptions.Item label={t.ntcPaperPosting}>{n.paperPosting ? t.yes : t.no}</Descriptions.Item>
          <Descriptions.Item label={t.ntcAuthor}>{person(n.createdBy, n.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t.ntcSubmittedBy}>{person(n.submittedBy, n.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t.ntcApprovedBy}>{person(n.approvedBy, n.approvedAt)}</Descriptions.Item>
          <Descriptions.Item label={t.ntcPublishedAt}>{when(n.publishedAt)}</Descriptions.Item>
          {n.rejectedBy && (
            <Descriptions.Item label={t.ntcRejectedBy} span={2}>
              {person(n.rejectedBy, n.rejectedAt)}：{n.rejectedReason}
            </Descriptions.Item>
          )}
          {n.withdrawnBy && <Descriptions.Item label={t.ntcWithdrawnBy}>{person(n.withdrawnBy, n.withdrawnAt)}</Descriptions.Item>}
          {n.supersedesId && (
            <Descriptions.Item label={t.ntcSupersedes}>
              <Typography.Link onClick={() => navigate(`/notices/${n.supersedesId}`)}>{t.ntcOpen}</Typography.Link>
            </Descriptions.Item>
          )}
          {n.supersededById && (
            <Descriptions.Item label={t.ntcSupersededBy}>
              <Typography.Link onClick={() => navigate(`/notices/${n.supersededById}`)} data-testid="notice-superseded-by">
                {t.ntcOpen}
              </Typography.Link>
            </Descriptions.Item>
          )}
        </Descriptions>

        {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} data-testid="notice-problem" />}
        <Space wrap style={{ marginTop: 16 }} data-testid="notice-actions">
          {n.status === 'pending_approval' && can('notice.approve') && !mine && (
            <>
              <Button
                type="primary"
                loading={busy === 'approve'}
                onClick={() => void act('approve', () => api('POST /api/notices/:id/approve', params), t.ntcApproved)}
                data-testid="notice-approve"
              >
                {t.ntcApprove}
              </Button>
              <Input
                style={{ width: 260 }}
                value={rejectReason}
                onChange={(e) => setRejectReason(e.target.value)}
                placeholder={t.ntcRejectReason}
                aria-label={t.ntcRejectReason}
                maxLength={200}
                data-testid="notice-reject-reason"
              />
              <Button
                danger
                disabled={!rejectReason.trim()}
                loading={busy === 'reject'}
                onClick={() =>
                  void act('reject', () => api('POST /api/notices/:id/reject', { ...params, body: { reason: rejectReason.trim() } }), t.ntcRejected)
                }
                data-testid="notice-reject"
              >
                {t.ntcReject}
              </Button>
            </>
          )}
          {n.status === 'pending_approval' && mine && <Typography.Text type="secondary">{t.ntcAwaitingOther}</Typography.Text>}
          {n.status === 'rejected' && mine && (
            <Button
              onClick={() => void act('revise', () => api('POST /api/notices/:id/revise', params), t.ntcRevised)}
              loading={busy === 'revise'}
              data-testid="notice-revise"
            >
              {t.ntcRevise}
            </Button>
          )}
          {n.status === 'published' && undoLeft > 0 && can('notice.write') && (
            <Button
              danger
              onClick={() => void act('undo', () => api('POST /api/notices/:id/undo', params), t.ntcUndone)}
              loading={busy === 'undo'}
              data-testid="notice-undo"
            >
              {t.ntcUndo}（{t.ntcUndoLeft} {mmss(undoLeft)}）
            </Button>
          )}
          {n.status === 'published' && can('notice.write') && (
            <Button
              onClick={() =>
                void act(
                  'supersede',
                  () => api('POST /api/notices/:id/supersede', params),
                  t.ntcCorrectionDrafted,
                  (id) => navigate(`/notices/${id}`),
                )
              }
              loading={busy === 'supersede'}
              data-testid="notice-supersede"
            >
              {t.ntcSupersede}
            </Button>
          )}
          {n.status === 'published' && (
            <Space data-testid="notice-expiry">
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={expiry} onChange={setExpiry} aria-label={t.ntcExpiresAt} />
              <Button
                disabled={!expiry}
                loading={busy === 'expiry'}
                onClick={() =>
                  void act('expiry', () => api('PATCH /api/notices/:id', { ...params, body: { expiresAt: instantOf(expiry!, timeZone) } }), t.ntcExpirySaved)
                }
                data-testid="notice-expiry-save"
              >
                {t.ntcChangeExpiry}
              </Button>
            </Space>
          )}
        </Space>
        {n.status === 'published' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t.ntcLockedHint}
          </Typography.Paragraph>
        )}
      </Card>

      <NoticeOriginal notice={n} timeZone={timeZone} />

      {n.status === 'pending_approval' || n.status === 'rejected' || n.status === 'draft' ? (
        <ReachPanel noticeId={n.id} version={n.version} timeZone={timeZone} />
      ) : (
        <Card size="small" title={t.ntcReachAsSent} data-testid="notice-reach-sent">
          {n.reach ? <ReachFigures reach={n.reach} timeZone={timeZone} /> : <Typography.Text type="secondary">{t.ntcNotPlannedYet}</Typography.Text>}
        </Card>
      )}

      {n.publishedAt && (
        <Card size="small" title={t.ntcDeliveries} data-testid="notice-deliveries">
          <Space wrap>
            <span>
              {t.ntcPushTotal} {n.deliveries.total}
            </span>
            {Object.entries(n.deliveries.byStatus).map(([status, count]) => (
              <span key={status} data-delivery-count={status}>
                <DeliveryStatusTag status={status} lang={lang} /> {count}
              </span>
            ))}
            <Tag color="green" data-testid="notice-reads">
              {t.ntcReadInPortal} {n.reads}
            </Tag>
          </Space>
          <NoticeRecipients noticeId={n.id} timeZone={timeZone} />
        </Card>
      )}

      {n.paperPosting && n.postings.length > 0 && (
        <Card size="small" title={t.ntcPaperTasks}>
          <NoticePostingsTable postings={n.postings} timeZone={timeZone} />
        </Card>
      )}
    </Space>
  );
}
