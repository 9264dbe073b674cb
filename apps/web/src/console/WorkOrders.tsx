import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { CLOCK_LABELS, TEXT_LIMITS } from '@guanjia/vocabulary';
import { useRef, useState } from 'react';
import { command, upload, type ApiError } from '../shared/api';
import { countdown, formatShort } from '../shared/format';
import { GRADE_LABELS, OWNER_GRADE_LABELS, STATUS_LABELS, label, requiredMessage, useI18n } from '../shared/i18n';
import { revealPhone, useWorkOrders, type WorkOrder } from './desk-queries';
import { useLanguageGuard } from './LanguageGuard';
import { invalidateCaseLists, keys } from './queries';
import { OutcomeFlags } from './queue-columns';
import { navigate } from './router';

/**
 * 我的工单 (issue 10, item 7): a technician's open repairs on his phone, the most urgent first — which
 * flat, whose, the grade and the due time; 拨打电话 reveals the number (logged) as a tel: link; 到场 and
 * 完工 are recorded here with photos taken by the phone's camera. Made for 390 px wide.
 */
export function WorkOrders() {
  const { t } = useI18n();
  const list = useWorkOrders();
  const items = list.data?.items ?? [];
  return (
    <div data-testid="work-orders" style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.workOrders}
      </Typography.Title>
      {list.isSuccess && items.length === 0 && <Empty description={t.noWorkOrders} />}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        {items.map((w) => (
          <WorkOrderCard key={w.caseId} w={w} />
        ))}
      </Space>
    </div>
  );
}

type Step = 'arrive' | 'complete';

function WorkOrderCard({ w }: { w: WorkOrder }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [phone, setPhone] = useState<string | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  const due = w.nearestClock;
  const left = due ? countdown(due.dueAt, Date.now(), lang) : null;
  const call = async () => {
    try {
      setPhone((await revealPhone(w.caseId)).phone);
      setError(null);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Card
      size="small"
      data-work-order={w.number}
      title={
        <Space wrap size={4}>
          {w.repairGrade && (
            <Tag color={w.repairGrade === 'very_urgent' ? 'red' : w.repairGrade === 'urgent' ? 'orange' : undefined}>
              {label(GRADE_LABELS, w.repairGrade, lang)}
            </Tag>
          )}
          <OutcomeFlags satisfied={w.satisfied} reopenCount={w.reopenCount} lang={lang} />
          <span style={{ whiteSpace: 'normal' }}>{w.title}</span>
        </Space>
      }
      extra={<Tag>{label(STATUS_LABELS, w.status, lang)}</Tag>}
    >
      <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="wo-unit">
        {w.unitLabel ?? '—'}
      </div>
      <Space wrap size={4} style={{ margin: '4px 0' }}>
        <span data-testid="wo-owner">{w.ownerName ?? '—'}</span>
        {w.ownerGrade && <Tag color={w.ownerGrade === 'normal' ? undefined : 'gold'}>{label(OWNER_GRADE_LABELS, w.ownerGrade, lang)}</Tag>}
        <a onClick={() => navigate(`/cases/${w.caseId}`)}>{w.number}</a>
      </Space>
      {due && (
        <div data-testid="wo-due">
          <Tag color={due.overdue || left?.overdue ? 'red' : 'green'}>
            {CLOCK_LABELS[due.kind][lang]} {formatShort(due.dueAt, undefined, lang)}
          </Tag>
          <Typography.Text type={due.overdue || left?.overdue ? 'danger' : 'secondary'}>{left?.text}</Typography.Text>
        </div>
      )}
      {w.appointmentAt && (
        <div>
          {t.appointment}：{formatShort(w.appointmentAt, undefined, lang)}
        </div>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {phone ? (
          <Button type="primary" href={`tel:${phone}`} data-testid="wo-phone">
            {t.callOwner} {phone}
          </Button>
        ) : (
          w.phoneAvailable && (
            <Button onClick={() => void call()} data-testid="wo-call">
              {t.callOwner}
            </Button>
          )
        )}
        {w.status === 'dispatched' && (
          <Button type={step === 'arrive' ? 'primary' : 'default'} onClick={() => setStep('arrive')} data-testid="wo-arrive">
            {t.arrive}
          </Button>
        )}
        {w.status === 'on_site' && (
          <Button type={step === 'complete' ? 'primary' : 'default'} onClick={() => setStep('complete')} data-testid="wo-complete">
            {t.complete}
          </Button>
        )}
        <Button type="link" onClick={() => navigate(`/cases/${w.caseId}`)}>
          {t.openCase}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
      {step && (
        <StepForm
          w={w}
          step={step}
          onDone={() => {
            setStep(null);
            invalidateCaseLists(client);
            void client.invalidateQueries({ queryKey: keys.case(w.caseId) });
          }}
        />
      )}
    </Card>
  );
}

/**
 * 到场 or 完工 with photos: each photo is uploaded first (the server checks it), then the command carries
 * their ids. The completion summary is in the owner's timeline: the service-language guard gives the
 * server's verdict before it is sent, as in every other owner-facing form.
 */
function StepForm({ w, step, onDone }: { w: WorkOrder; step: Step; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [photos, setPhotos] = useState<File[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const guard = useLanguageGuard(step === 'complete' ? summary : '');
  const submit = async () => {
    if (step === 'complete' && !summary.trim()) return setError(requiredMessage(t.completeSummary, lang));
    if (guard.blocked) return; // a flagged summary needs 仍然发送 and a reason (the server refuses it anyway)
    setBusy(true);
    try {
      const attachmentIds: string[] = [];
      for (const f of photos) attachmentIds.push((await upload(f)).id);
      const ids = attachmentIds.length ? { attachmentIds } : {};
      await command(
        w.caseId,
        step === 'arrive' ? { type: 'arrive', ...ids } : { type: 'complete', summary: summary.trim(), ...ids },
        w.version,
        guard.languageOverride,
      );
      onDone();
    } catch (e) {
      guard.refreshAfter(e);
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 8, paddingTop: 8, borderTop: '1px solid #f0f0f0' }} data-testid={`wo-form-${step}`}>
      {step === 'complete' && (
        <Input.TextArea
          rows={3}
          maxLength={TEXT_LIMITS.text}
          placeholder={t.completeSummary}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          data-testid="wo-summary"
        />
      )}
      {/* the phone's camera (capture); the native input stays hidden, its button text is the browser's own language */}
      <input
        ref={picker}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        data-testid="wo-photo"
        onChange={(e) => setPhotos([...(e.target.files ?? [])])}
      />
      <Button style={{ margin: '8px 8px 8px 0' }} onClick={() => picker.current?.click()} data-testid="wo-take-photo">
        {t.takePhoto}
      </Button>
      {photos.length > 0 && (
        <Typography.Text type="secondary" data-testid="wo-photo-count">
          {t.photosTaken}：{photos.length}
        </Typography.Text>
      )}
      {guard.panel}
      {error && <Alert type="error" showIcon message={error} style={{ margin: '8px 0' }} />}
      <div>
        <Button type="primary" block loading={busy} disabled={guard.blocked} onClick={() => void submit()} data-testid="wo-submit" style={{ marginTop: 8 }}>
          {step === 'arrive' ? t.arrive : t.complete} · {t.record}
        </Button>
      </div>
    </div>
  );
}
