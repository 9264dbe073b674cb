import { QUALITY_MARK_REASON_LABELS, QUALITY_MARK_REASONS, RATING_SCORE_LABELS, RATING_SCORES, type QualityMarkReason } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Checkbox, Input, Rate, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';

/** The texts of the case's rating panel (decision 0028): zh-CN first, English second. */
const TEXT = {
  title: ['业主评价与质量评定', 'Owner’s rating and quality marks'],
  notRated: ['业主尚未评价', 'Not rated yet'],
  legacy: ['（旧评分，仅总体）', '(an older rating: overall only)'],
  reply: ['回复业主的评价', 'Answer the rating'],
  send: ['发送回复', 'Send reply'],
  replied: ['已回复', 'Replied'],
  marks: ['质量评定（不给业主看）', 'Quality marks (not shown to owners)'],
  note: ['说明', 'Note'],
  mark: ['记录质量评定', 'Record a quality mark'],
} as const satisfies Record<string, readonly [string, string]>;

/**
 * A case's owner rating on its several scores with the staff's reply (callback.make), and the
 * supervisors' own quality marks (质量评定, callback.admin), shown apart (decision 0028).
 */
export function RatingPanel({ caseId, me }: { caseId: string; me: Me }) {
  const { lang } = useI18n();
  const tx = (k: keyof typeof TEXT) => TEXT[k][lang === 'en' ? 1 : 0];
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canReply = me.capabilities.includes('callback.make');
  const canMark = me.capabilities.includes('callback.admin');
  const rating = useQuery({ queryKey: ['case-rating', caseId], queryFn: () => api('GET /api/cases/:id/rating', { params: { id: caseId } }) });
  const marks = useQuery({
    queryKey: ['quality-marks', caseId],
    queryFn: () => api('GET /api/cases/:id/quality-marks', { params: { id: caseId } }),
    enabled: canMark,
  });
  const [reply, setReply] = useState('');
  const [reasons, setReasons] = useState<QualityMarkReason[]>([]);
  const [note, setNote] = useState('');
  const run = async (action: () => Promise<unknown>, done: () => void) => {
    try {
      await action();
      done();
      await client.invalidateQueries({ queryKey: ['case-rating', caseId] });
      await client.invalidateQueries({ queryKey: ['quality-marks', caseId] });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  const r = rating.data?.rating ?? null;
  return (
    <Card title={tx('title')} size="small" style={{ marginTop: 16 }} data-testid="rating-panel">
      {!r && <Typography.Text type="secondary">{tx('notRated')}</Typography.Text>}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {RATING_SCORES.map((score) => {
            const value = score === 'overall' ? r.overall : r[score];
            return value === null ? null : (
              <div key={score}>
                {RATING_SCORE_LABELS[score][lang]}: <Rate disabled value={value} />
              </div>
            );
          })}
          {r.legacy && <Typography.Text type="secondary">{tx('legacy')}</Typography.Text>}
          {r.comment && <Typography.Text>“{r.comment}”</Typography.Text>}
          {r.reply && (
            <Typography.Text type="success">
              {tx('replied')}: {r.reply}
            </Typography.Text>
          )}
          {canReply && (
            <Space.Compact style={{ width: '100%' }}>
              <Input value={reply} onChange={(e) => setReply(e.target.value)} placeholder={tx('reply')} data-testid="rating-reply-input" />
              <Button
                disabled={!reply.trim()}
                onClick={() =>
                  void run(
                    () => api('POST /api/cases/:id/rating/reply', { params: { id: caseId }, body: { reply: reply.trim() } }),
                    () => setReply(''),
                  )
                }
              >
                {tx('send')}
              </Button>
            </Space.Compact>
          )}
        </Space>
      )}
      {canMark && (
        <div style={{ marginTop: 12 }} data-testid="quality-marks">
          <Typography.Text strong>{tx('marks')}</Typography.Text>
          <div>
            {(marks.data ?? []).map((m) => (
              <div key={m.id}>
                {m.month} {m.markedByName ?? ''}:{' '}
                {m.reasons.map((x) => (
                  <Tag key={x} color="orange">
                    {QUALITY_MARK_REASON_LABELS[x][lang]}
                  </Tag>
                ))}
                {m.note}
              </div>
            ))}
          </div>
          <Checkbox.Group
            value={reasons}
            onChange={(v) => setReasons(v as QualityMarkReason[])}
            options={QUALITY_MARK_REASONS.map((x) => ({ value: x, label: QUALITY_MARK_REASON_LABELS[x][lang] }))}
          />
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={tx('note')} />
            <Button
              disabled={!reasons.length}
              onClick={() =>
                void run(
                  () => api('POST /api/cases/:id/quality-marks', { params: { id: caseId }, body: { reasons, ...(note.trim() ? { note: note.trim() } : {}) } }),
                  () => {
                    setReasons([]);
                    setNote('');
                  },
                )
              }
            >
              {tx('mark')}
            </Button>
          </Space.Compact>
        </div>
      )}
    </Card>
  );
}
