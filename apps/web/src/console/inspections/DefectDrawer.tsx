import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Divider, Drawer, Image, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useStaff } from '../queries';
import { navigate } from '../router';
import {
  CASE_KIND_LABELS,
  CLOCK_COLOURS,
  DEFECT_CLOCK_LABELS,
  DEFECT_SOURCE_LABELS,
  defectStatusText,
  it,
  SEVERITY_COLOURS,
  severityText,
  specialtyText,
  word,
} from './inspection-text';
import { usePhotoPicker } from './PhotoPicker';
import { inspectionKeys, useDefect, useProjectZone, type Defect } from './queries';

/**
 * A defect (不合格项): what, where from, who answers for it and by when (the clock), its photos, the
 * closure (缺陷消项: note and photos) and its verification; and what the reader may do — 消项 (the
 * responsible person, or defect.manage), 验证 通过/不通过 (inspection.check or defect.manage, never who
 * closed it: the server says so), 改派 with a new deadline and 生成工单 (defect.manage).
 */
export function DefectDrawer({ id, me, onClose }: { id: string; me: Me; onClose: () => void }) {
  const { lang } = useI18n();
  const defect = useDefect(id);
  const d = defect.data;
  return (
    <Drawer open title={it('defect', lang)} width={Math.min(560, window.innerWidth)} onClose={onClose} data-testid="defect-drawer">
      {defect.error && <Alert type="error" showIcon message={(defect.error as ApiError).message} />}
      {d && <DefectBody d={d} me={me} />}
    </Drawer>
  );
}

function DefectBody({ d, me }: { d: Defect; me: Me }) {
  const { lang } = useI18n();
  const zone = useProjectZone(d.projectId);
  const staff = useStaff(d.projectId).data ?? [];
  const name = (sid: string | null) => (sid ? (staff.find((s) => s.id === sid)?.name ?? '—') : '—');
  const can = (c: string) => me.capabilities.includes(c);
  const manage = can('defect.manage');
  const at = (iso: string | null) => formatInstant(iso, zone, lang);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph strong style={{ fontSize: 16, margin: 0 }} data-testid="defect-description">
        {d.description}
      </Typography.Paragraph>
      <Space wrap size={4}>
        <Tag color={SEVERITY_COLOURS[d.severity]}>{severityText(d.severity, lang)}</Tag>
        <Tag data-testid="defect-drawer-status">{defectStatusText(d.status, lang)}</Tag>
        <Tag color={CLOCK_COLOURS[d.clock]} data-testid="defect-drawer-clock">
          {word(DEFECT_CLOCK_LABELS, d.clock, lang)}
        </Tag>
        {d.causedByStaff && <Tag color="magenta">{it('staffCaused', lang)}</Tag>}
        {d.onDailySheet && <Tag>{it('onDailySheet', lang)}</Tag>}
        {d.reopenCount > 0 && <Tag color="orange">{it('reopened', lang, { n: d.reopenCount })}</Tag>}
        {d.escalationLevel > 0 && <Tag color="red">{it('escalated', lang, { n: d.escalationLevel })}</Tag>}
      </Space>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={it('specialty', lang)}>{specialtyText(d.specialty, lang)}</Descriptions.Item>
        <Descriptions.Item label={it('source', lang)}>{word(DEFECT_SOURCE_LABELS, d.sourceType, lang)}</Descriptions.Item>
        <Descriptions.Item label={it('responsible', lang)}>
          <span data-testid="defect-responsible">{name(d.responsibleId)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={it('deadline', lang)}>{at(d.deadline)}</Descriptions.Item>
        <Descriptions.Item label={it('foundBy', lang)}>
          {name(d.foundBy)} · {at(d.foundAt)}
        </Descriptions.Item>
        {d.caseId && (
          <Descriptions.Item label={it('linkedCase', lang)}>
            <a onClick={() => navigate(`/cases/${d.caseId}`)} data-testid="defect-case">
              {it('viewCase', lang)}
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Photos ids={d.photoIds} />
      {(d.closedAt || d.closureNote) && (
        <>
          <Divider style={{ margin: '8px 0' }}>{it('closure', lang)}</Divider>
          <div data-testid="defect-closure">
            <div>{d.closureNote}</div>
            <Typography.Text type="secondary">
              {name(d.closedBy)} · {at(d.closedAt)}
            </Typography.Text>
            <Photos ids={d.closurePhotoIds} />
            {d.verifiedAt && (
              <div>
                <Tag color="green">{it('verified', lang)}</Tag>
                {name(d.verifiedBy)} · {at(d.verifiedAt)}
              </div>
            )}
          </div>
        </>
      )}
      {d.status === 'open' && (d.responsibleId === me.id || manage) && <CloseForm d={d} />}
      {d.status === 'closed' && (manage || can('inspection.check')) && <VerifyButtons d={d} />}
      {d.status === 'open' && manage && <ReassignForm d={d} staff={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} />}
      {!d.caseId && manage && <CaseForm d={d} />}
    </Space>
  );
}

function Photos({ ids }: { ids: readonly string[] }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={4} data-testid="defect-photos">
        {ids.map((pid) => (
          <Image key={pid} width={72} height={72} style={{ objectFit: 'cover' }} src={`/api/attachments/${pid}`} alt="" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** Runs a write on the defect, reloading it and the lists; the server's refusal shown in place. */
function useDefectWrite() {
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      void message.success(done);
      await client.invalidateQueries({ queryKey: inspectionKeys.defects });
      return true;
    } catch (e) {
      setError((e as ApiError).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run, alert: error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="defect-error" /> };
}

function CloseForm({ d }: { d: Defect }) {
  const { lang } = useI18n();
  const [note, setNote] = useState('');
  const photos = usePhotoPicker('closure-photo');
  const w = useDefectWrite();
  const close = () => {
    if (!note.trim()) return w.setError(it('closeNoteRequired', lang));
    void w.run(
      () => api('POST /api/defects/:id/closure', { params: { id: d.id }, body: { note: note.trim(), ...(photos.ids.length ? { photoIds: photos.ids } : {}) } }),
      it('closed', lang),
    );
  };
  return (
    <div data-testid="defect-close-form">
      <Divider style={{ margin: '8px 0' }}>{it('close', lang)}</Divider>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        placeholder={it('closeNote', lang)}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="defect-close-note"
      />
      {photos.view}
      {w.alert}
      <Button type="primary" style={{ marginTop: 8 }} loading={w.busy} disabled={photos.uploading} onClick={close} data-testid="defect-close">
        {it('close', lang)}
      </Button>
    </div>
  );
}

function VerifyButtons({ d }: { d: Defect }) {
  const { lang } = useI18n();
  const w = useDefectWrite();
  const verify = (passed: boolean) =>
    void w.run(
      () => api('POST /api/defects/:id/verification', { params: { id: d.id }, body: { passed } }),
      passed ? it('verified', lang) : it('verifyFail', lang),
    );
  return (
    <div data-testid="defect-verify">
      <Divider style={{ margin: '8px 0' }}>{it('verify', lang)}</Divider>
      <Space>
        <Button type="primary" loading={w.busy} onClick={() => verify(true)} data-testid="defect-verify-pass">
          {it('verifyPass', lang)}
        </Button>
        <Button danger loading={w.busy} onClick={() => verify(false)} data-testid="defect-verify-fail">
          {it('verifyFail', lang)}
        </Button>
      </Space>
      {w.alert}
    </div>
  );
}

function ReassignForm({ d, staff }: { d: Defect; staff: { value: string; label: string }[] }) {
  const { lang } = useI18n();
  const [to, setTo] = useState<string | undefined>();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const w = useDefectWrite();
  const send = () => {
    if (!to) return w.setError(requiredMessage(it('responsible', lang), lang, true));
    void w.run(
      () =>
        api('POST /api/defects/:id/assignment', {
          params: { id: d.id },
          body: { responsibleId: to, ...(deadline ? { deadline: deadline.toDate().toISOString() } : {}) },
        }),
      it('reassigned', lang),
    );
  };
  return (
    <div data-testid="defect-reassign">
      <Divider style={{ margin: '8px 0' }}>{it('reassign', lang)}</Divider>
      <Space wrap>
        <Select
          style={{ width: 200 }}
          placeholder={it('responsible', lang)}
          showSearch
          optionFilterProp="label"
          value={to}
          onChange={setTo}
          options={staff.filter((s) => s.value !== d.responsibleId)}
          data-testid="defect-reassign-to"
        />
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={it('newDeadline', lang)} value={deadline} onChange={setDeadline} />
        <Button loading={w.busy} onClick={send} data-testid="defect-reassign-send">
          {it('reassign', lang)}
        </Button>
      </Space>
      {w.alert}
    </div>
  );
}

function CaseForm({ d }: { d: Defect }) {
  const { lang } = useI18n();
  const [type, setType] = useState<'repair' | 'inquiry' | 'suggestion' | undefined>();
  const [title, setTitle] = useState('');
  const w = useDefectWrite();
  const send = () => {
    if (!type) return w.setError(requiredMessage(it('caseType', lang), lang, true));
    void w.run(() => api('POST /api/defects/:id/case', { params: { id: d.id }, body: { type, title: title.trim() || null } }), it('caseOpened', lang));
  };
  return (
    <div data-testid="defect-case-form">
      <Divider style={{ margin: '8px 0' }}>{it('openCase', lang)}</Divider>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          optionType="button"
          value={type}
          onChange={(e) => setType(e.target.value as typeof type)}
          options={(['repair', 'inquiry', 'suggestion'] as const).map((k) => ({ value: k, label: word(CASE_KIND_LABELS, k, lang) }))}
        />
        <Input maxLength={TEXT_LIMITS.short} placeholder={it('caseTitle', lang)} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Button onClick={send} loading={w.busy} data-testid="defect-case-send">
          {it('openCase', lang)}
        </Button>
      </Space>
      {w.alert}
    </div>
  );
}
