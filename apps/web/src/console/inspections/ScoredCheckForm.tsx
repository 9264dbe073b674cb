import type { RouteBody } from '@guanjia/api-contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Input, Popconfirm, Radio, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, upload, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { CheckItem, draftOf, draftProblem, type Draft } from './CheckItem';
import { checkKeys, useClosuresToVerify, type ScoredCheck } from './checks-queries';
import { CheckPhotoFlags, ScorePanel, SignatureImage, Thumbs } from './CheckView';
import { it } from './inspection-text';
import { usePhotoPicker } from './PhotoPicker';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';

type SaveBody = RouteBody<'PUT /api/inspections/:id'>;
type Result = NonNullable<SaveBody['results']>[number];
const SIGNERS = [
  { who: 'inspector', field: 'inspectorSignatureId', label: 'signInspector' },
  { who: 'inspected', field: 'inspectedSignatureId', label: 'signInspected' },
] as const;
type SignField = (typeof SIGNERS)[number]['field'];

/**
 * The inspector's check in progress, on the phone: each item (CheckItem: 合格 and 不适用 saved at once, 不合格
 * with its deduction, finding, severity, 员工造成 and photos), the running score from the server's answer,
 * photos of the whole check, the signatures of inspector and inspected drawn on the screen (SignaturePad,
 * uploaded as PNG like a photo, the id saved with the check), the report (required for the departments'
 * checks), the project's closures awaiting verification, then 保存 (PUT: what changed) and 提交 (saved
 * first, then POST …/submit). The server's refusals are shown in the user's language by the item, pad or
 * field they name.
 */
export function ScoredCheckForm({ check, me }: { check: ScoredCheck; me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [itemPhotos, setItemPhotos] = useState<Record<string, { ids: string[]; uploading: boolean }>>({});
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [verdicts, setVerdicts] = useState<Record<string, boolean | undefined>>({});
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [resign, setResign] = useState<Record<string, boolean>>({});
  const [inked, setInked] = useState<Record<string, boolean>>({});
  const [signErrors, setSignErrors] = useState<Record<string, string>>({});
  const pads = { inspectorSignatureId: useRef<SignaturePadHandle>(null), inspectedSignatureId: useRef<SignaturePadHandle>(null) };
  const photos = usePhotoPicker('scored-photo');
  const closures = useClosuresToVerify(check.projectId, true);
  const toVerify = (closures.data?.items ?? []).filter((d) => d.closedBy !== me.id);
  const saved = new Map(check.results.map((r) => [r.itemId, r]));
  const items = new Map(check.items.map((i) => [i.id, i]));
  const uploading = photos.uploading || Object.values(itemPhotos).some((p) => p.uploading);

  /** An item's result to send: the draft (else what is saved) with its photos, or a problem found before sending. */
  const resultOf = (itemId: string, d: Draft): Result | string => {
    const problem = draftProblem(items.get(itemId)!, d, lang);
    if (problem) return problem;
    if (d.outcome !== 'fail') return { itemId, outcome: d.outcome };
    const photoIds = [...new Set([...(saved.get(itemId)?.photoIds ?? []), ...(itemPhotos[itemId]?.ids ?? [])])];
    return { itemId, outcome: 'fail', deduction: d.deduction!, note: d.note.trim(), severity: d.severity, causedByStaff: d.causedByStaff, photoIds };
  };
  const dirtyItems = () =>
    check.items.map((i) => i.id).filter((id) => drafts[id] || (itemPhotos[id]?.ids ?? []).some((p) => !saved.get(id)?.photoIds?.includes(p)));

  /** Uploads the drawn signatures not yet saved (PNG, like a photo): the fields to save. */
  const pendingSignatures = async (): Promise<Partial<Record<SignField, string>>> => {
    const out: Partial<Record<SignField, string>> = {};
    for (const { field } of SIGNERS) {
      const blob = await pads[field].current?.toBlob();
      if (blob) out[field] = (await upload(new File([blob], 'signature.png', { type: 'image/png' }))).id;
    }
    return out;
  };

  /** Sends a save; on refusal, puts the message by what it names. True when saved. */
  const send = async (body: SaveBody, sentItems: string[]): Promise<boolean> => {
    try {
      const r = await api('PUT /api/inspections/:id', { params: { id: check.id }, body });
      client.setQueryData(checkKeys.check(check.id), r);
      setDrafts((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !sentItems.includes(id))));
      setItemErrors((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !sentItems.includes(id))));
      for (const { field } of SIGNERS)
        if (body[field]) {
          pads[field].current?.clear();
          setResign((s) => ({ ...s, [field]: false }));
        }
      if (body.report !== undefined) setReport(null);
      void client.invalidateQueries({ queryKey: [...checkKeys.checks, 'list'] });
      return true;
    } catch (e) {
      const problem = e as ApiError;
      const m = /^results\.(\d+)\./.exec(problem.field ?? '');
      const item = m ? sentItems[Number(m[1])] : undefined;
      if (item) setItemErrors((all) => ({ ...all, [item]: problem.message }));
      else if (problem.field === 'inspectorSignatureId' || problem.field === 'inspectedSignatureId')
        setSignErrors((all) => ({ ...all, [problem.field!]: problem.message }));
      else if (problem.field === 'report') setReportError(problem.message);
      else setError(problem.message);
      return false;
    }
  };

  /** Saves some items now (合格/不适用 at once, 保存此项). */
  const saveItems = async (entries: [string, Draft][]) => {
    const results: Result[] = [];
    for (const [id, d] of entries) {
      const r = resultOf(id, d);
      if (typeof r === 'string') return setItemErrors((all) => ({ ...all, [id]: r }));
      results.push(r);
    }
    setBusy(true);
    setError(null);
    await send(
      { results },
      entries.map(([id]) => id),
    );
    setBusy(false);
  };

  /** 保存: every item changed, new photos, drawn signatures and the report. True when all of it is saved. */
  const saveAll = async (): Promise<boolean> => {
    setError(null);
    setSignErrors({});
    setReportError(null);
    const ids = dirtyItems();
    const results: Result[] = [];
    let invalid = false;
    for (const id of ids) {
      const d = drafts[id] ?? draftOf(saved.get(id));
      const r = d ? resultOf(id, d) : null;
      if (typeof r === 'string') {
        setItemErrors((all) => ({ ...all, [id]: r }));
        invalid = true;
      } else if (r) results.push(r);
    }
    if (invalid) return false;
    const newPhotos = photos.ids.filter((p) => !check.photoIds.includes(p));
    try {
      const signatures = await pendingSignatures();
      const body: SaveBody = {
        ...(results.length ? { results } : {}),
        ...(newPhotos.length ? { photoIds: newPhotos } : {}),
        ...signatures,
        ...(report !== null && report !== (check.report ?? '') ? { report } : {}),
      };
      if (!Object.keys(body).length) return true;
      return await send(
        body,
        results.map((r) => r.itemId),
      );
    } catch (e) {
      setError((e as ApiError).message);
      return false;
    }
  };

  const submit = async () => {
    setBusy(true);
    try {
      if (!(await saveAll())) return;
      const text = report ?? check.report ?? '';
      if (check.reportRequired && !text.trim()) return setReportError(it('checkReportRequired', lang));
      const verifications = toVerify.filter((d) => verdicts[d.id] !== undefined).map((d) => ({ defectId: d.id, passed: verdicts[d.id]! }));
      const r = await api('POST /api/inspections/:id/submit', { params: { id: check.id }, body: { report: text.trim() || null, verifications } });
      client.setQueryData(checkKeys.check(check.id), r);
      window.scrollTo({ top: 0 });
      void message.success(it('checkSubmitted', lang));
      void client.invalidateQueries({ queryKey: checkKeys.checks });
      void client.invalidateQueries({ queryKey: ['defects'] });
    } catch (e) {
      const problem = e as ApiError;
      if (problem.field === 'inspectorSignatureId' || problem.field === 'inspectedSignatureId')
        setSignErrors((all) => ({ ...all, [problem.field!]: problem.message }));
      else if (problem.field === 'report') setReportError(problem.message);
      else if (problem.field === 'verifications') setVerifyError(problem.message);
      else setError(problem.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="check-form">
      <ScorePanel check={check} />
      {check.items.map((item, i) => (
        <CheckItem
          key={item.id}
          item={item}
          index={i}
          saved={saved.get(item.id)}
          draft={drafts[item.id] ?? null}
          error={itemErrors[item.id] ?? null}
          busy={busy}
          onChange={(d) => {
            setItemErrors((all) => ({ ...all, [item.id]: '' }));
            if (d.outcome === 'fail') setDrafts((all) => ({ ...all, [item.id]: d }));
            else {
              setDrafts((all) => ({ ...all, [item.id]: d }));
              void saveItems([[item.id, d]]);
            }
          }}
          onPhotos={(ids, busyUploading) => setItemPhotos((all) => ({ ...all, [item.id]: { ids, uploading: busyUploading } }))}
          onSave={() => {
            const d = drafts[item.id] ?? draftOf(saved.get(item.id));
            if (d) void saveItems([[item.id, d]]);
          }}
        />
      ))}
      <Card size="small" title={it('checkPhotos', lang)}>
        <Thumbs ids={check.photoIds.filter((p) => !photos.ids.includes(p) && !check.results.some((r) => r.photoIds?.includes(p)))} />
        {photos.view}
        <CheckPhotoFlags check={check} />
      </Card>
      <Card size="small" title={it('signatures', lang)} data-testid="check-signatures">
        {SIGNERS.map(({ who, field, label }) => {
          const id = check[field];
          const required = check.signaturesRequired[who];
          return (
            <div key={field} style={{ marginBottom: 12 }} data-testid={`sign-${who}`}>
              <Typography.Text strong>
                {it(label, lang)}
                {!required && <Typography.Text type="secondary"> {it('signatureOptional', lang)}</Typography.Text>}
              </Typography.Text>
              {id && !resign[field] ? (
                <div>
                  <SignatureImage id={id} testId={`signature-${who}`} />
                  <div>
                    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setResign((s) => ({ ...s, [field]: true }))}>
                      {it('signAgain', lang)}
                    </Button>
                  </div>
                </div>
              ) : (
                <>
                  <SignaturePad ref={pads[field]} testId={`pad-${who}`} onInk={(v) => setInked((s) => ({ ...s, [field]: v }))} />
                  <Button
                    size="small"
                    type="primary"
                    style={{ marginTop: 4 }}
                    disabled={!inked[field] || busy}
                    onClick={() => void saveAll()}
                    data-testid={`pad-${who}-confirm`}
                  >
                    {it('confirmSignature', lang)}
                  </Button>
                </>
              )}
              {signErrors[field] && <Alert type="error" showIcon message={signErrors[field]} style={{ marginTop: 4 }} />}
            </div>
          );
        })}
      </Card>
      <Card size="small" title={it('checkReport', lang)}>
        <Input.TextArea
          rows={4}
          maxLength={10_000}
          value={report ?? check.report ?? ''}
          onChange={(e) => {
            setReport(e.target.value);
            setReportError(null);
          }}
          placeholder={it(check.reportRequired ? 'checkReportRequired' : 'checkReportOptional', lang)}
          aria-label={it('checkReport', lang)}
          data-testid="check-report-input"
        />
        {reportError && <Alert type="error" showIcon message={reportError} style={{ marginTop: 4 }} data-testid="check-report-error" />}
      </Card>
      {toVerify.length > 0 && (
        <Card size="small" title={it('awaiting', lang)} style={{ background: '#fffbe6' }} data-testid="check-awaiting">
          {toVerify.map((d) => (
            <div key={d.id} style={{ marginBottom: 8 }} data-awaiting={d.id}>
              <div style={{ overflowWrap: 'anywhere' }}>{d.description}</div>
              {d.closureNote && (
                <Typography.Text type="secondary">
                  {it('closureNote', lang)}
                  {lang === 'en' ? ': ' : '：'}
                  {d.closureNote}
                </Typography.Text>
              )}
              <div style={{ marginTop: 4 }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  value={verdicts[d.id] === undefined ? 'skip' : verdicts[d.id]}
                  onChange={(e) => {
                    const v = e.target.value as boolean | 'skip';
                    setVerdicts((all) => ({ ...all, [d.id]: v === 'skip' ? undefined : v }));
                    setVerifyError(null);
                  }}
                  options={[
                    { value: true, label: it('verifyPass', lang) },
                    { value: false, label: it('verifyFail', lang) },
                    { value: 'skip', label: it('verifySkip', lang) },
                  ]}
                  data-testid="check-verify"
                />
              </div>
            </div>
          ))}
          {verifyError && <Alert type="error" showIcon message={verifyError} />}
        </Card>
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="check-error" />}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button
          size="large"
          style={{ flex: 1 }}
          loading={busy}
          disabled={uploading}
          onClick={() => void saveAll().then((ok) => ok && message.success(it('saved', lang)))}
          data-testid="check-save"
        >
          {it('save', lang)}
        </Button>
        <Popconfirm title={it('submitConfirm', lang)} okText={it('submitCheck', lang)} cancelText={it('cancel', lang)} onConfirm={() => void submit()}>
          <Button type="primary" size="large" style={{ flex: 1 }} loading={busy} disabled={uploading} data-testid="check-submit">
            {it('submitCheck', lang)}
          </Button>
        </Popconfirm>
      </div>
    </Space>
  );
}
