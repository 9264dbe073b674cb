import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { DEFECT_SEVERITIES } from '@guanjia/vocabulary';
import { Alert, Button, Checkbox, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { minutesSeconds, useNow } from './clock';
import type { Fix } from './geo';
import { GRADE_COLOURS, gradeText, it, severityText } from './inspection-text';
import { usePhotoPicker } from './PhotoPicker';
import type { ScanResult } from './queries';

export type Recorded = RouteResponse<'POST /api/patrol-tasks/:id/checks'>;
const record = (taskId: string, body: RouteBody<'POST /api/patrol-tasks/:id/checks'>) =>
  api('POST /api/patrol-tasks/:id/checks', { params: { id: taskId }, body });

/**
 * The check of a scanned point: 正常/异常 (nothing chosen first), what was found (required when abnormal)
 * and how serious, photos from the phone's camera — each uploaded as soon as it is taken (the server
 * takes only photos uploaded after the scan), shown as thumbnails —, the closures of this point's
 * defects awaiting verification with 验证通过/不通过 each, and 提交 within the scan ticket's minutes (the
 * countdown; past it, scan again).
 */
export function CheckForm({
  taskId,
  scan,
  receivedAt,
  fix,
  onRecorded,
  onExpired,
}: {
  taskId: string;
  scan: ScanResult;
  receivedAt: number;
  fix: Fix | null;
  onRecorded: (r: Recorded) => void;
  onExpired: () => void;
}) {
  const { lang } = useI18n();
  const now = useNow(1_000);
  const [result, setResult] = useState<'normal' | 'abnormal' | null>(null);
  const [note, setNote] = useState('');
  const [severity, setSeverity] = useState<(typeof DEFECT_SEVERITIES)[number]>('general');
  const [staffCaused, setStaffCaused] = useState(false);
  const photos = usePhotoPicker('check-photo');
  const [verdicts, setVerdicts] = useState<Record<string, boolean | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = receivedAt + scan.validMinutes * 60_000 - now;
  const expired = left <= 0;
  const uploading = photos.uploading;
  const submit = async () => {
    if (!result) return setError(it('resultRequired', lang));
    if (result === 'abnormal' && !note.trim()) return setError(it('noteRequired', lang));
    const photoIds = photos.ids;
    if (!photoIds.length) return setError(it('photoRequired', lang));
    if (scan.awaitingVerification.some((d) => verdicts[d.id] === undefined)) return setError(it('verifyRequired', lang));
    setBusy(true);
    setError(null);
    try {
      const r = await record(taskId, {
        ticket: scan.ticket,
        result,
        note: note.trim() || null,
        photoIds,
        position: fix,
        ...(result === 'abnormal' ? { severity, causedByStaff: staffCaused } : {}),
        verifications: scan.awaitingVerification.map((d) => ({ defectId: d.id, passed: verdicts[d.id]! })),
      });
      onRecorded(r);
    } catch (e) {
      const problem = e as ApiError;
      setError(problem.message);
      if (['PATROL_TICKET_EXPIRED', 'PATROL_TICKET_INVALID', 'PATROL_TICKET_USED'].includes(problem.code)) onExpired();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="check-form" style={{ marginTop: 8, paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
      <Space wrap size={4}>
        <Typography.Text strong data-testid="check-scanned">
          {it('scanned', lang, { name: scan.point.name })}
        </Typography.Text>
        <Tag color={GRADE_COLOURS[scan.grade]} data-testid="check-grade">
          {gradeText(scan.grade, lang)}
        </Tag>
        {scan.makeup && <Tag color="purple">{it('makeupTag', lang)}</Tag>}
        {scan.distanceM !== null && <Typography.Text type="secondary">{it('distance', lang, { m: scan.distanceM })}</Typography.Text>}
      </Space>
      <div data-testid="check-countdown" style={{ margin: '4px 0 8px' }}>
        {expired ? (
          <Typography.Text type="danger">{it('ticketExpired', lang)}</Typography.Text>
        ) : (
          <Typography.Text type={left < 120_000 ? 'warning' : 'secondary'}>{it('ticketLeft', lang, { time: minutesSeconds(left) })}</Typography.Text>
        )}
      </div>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text strong>{it('result', lang)}</Typography.Text>
        <div>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={result}
            onChange={(e) => {
              setResult(e.target.value as 'normal' | 'abnormal');
              setError(null);
            }}
            options={[
              { value: 'normal', label: it('normal', lang) },
              { value: 'abnormal', label: it('abnormal', lang) },
            ]}
            data-testid="check-result"
          />
        </div>
      </div>
      {result === 'abnormal' && (
        <div style={{ marginBottom: 8 }} data-testid="check-abnormal">
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={it('note', lang)}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setError(null);
            }}
            data-testid="check-note"
            aria-label={it('note', lang)}
          />
          <div style={{ marginTop: 8 }}>
            <Typography.Text>{it('severity', lang)}：</Typography.Text>
            <Radio.Group
              optionType="button"
              value={severity}
              onChange={(e) => setSeverity(e.target.value as typeof severity)}
              options={DEFECT_SEVERITIES.map((s) => ({ value: s, label: severityText(s, lang) }))}
              data-testid="check-severity"
            />
          </div>
          <Checkbox checked={staffCaused} onChange={(e) => setStaffCaused(e.target.checked)} style={{ marginTop: 8 }}>
            {it('causedByStaff', lang)}
          </Checkbox>
        </div>
      )}
      <div style={{ marginBottom: 8 }}>
        <Typography.Text strong>{it('photos', lang)}</Typography.Text>
        {photos.view}
      </div>
      {scan.awaitingVerification.length > 0 && (
        <div style={{ marginBottom: 8, padding: 8, background: '#fffbe6', borderRadius: 6 }} data-testid="check-awaiting">
          <Typography.Text strong>{it('awaiting', lang)}</Typography.Text>
          {scan.awaitingVerification.map((d) => (
            <div key={d.id} style={{ marginTop: 6 }} data-awaiting={d.id}>
              <div>{d.description}</div>
              {d.closureNote && (
                <Typography.Text type="secondary">
                  {it('closureNote', lang)}：{d.closureNote}
                </Typography.Text>
              )}
              <div style={{ marginTop: 4 }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={verdicts[d.id]}
                  onChange={(e) => {
                    setVerdicts((v) => ({ ...v, [d.id]: e.target.value as boolean }));
                    setError(null);
                  }}
                  options={[
                    { value: true, label: it('verifyPass', lang) },
                    { value: false, label: it('verifyFail', lang) },
                  ]}
                  data-testid="check-verify"
                />
              </div>
            </div>
          ))}
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} data-testid="check-error" />}
      <Button type="primary" size="large" block loading={busy} disabled={expired || uploading} onClick={() => void submit()} data-testid="check-submit">
        {it('submit', lang)}
      </Button>
    </div>
  );
}
