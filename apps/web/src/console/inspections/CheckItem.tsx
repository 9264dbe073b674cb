import { DEFECT_SEVERITIES } from '@guanjia/vocabulary';
import { Alert, Button, Card, Checkbox, Image, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../shared/i18n';
import type { ChecklistItem, ItemResult } from './checks-queries';
import { it, SEVERITY_COLOURS, severityText, specialtyText } from './inspection-text';
import { usePhotoPicker } from './PhotoPicker';

export type Outcome = ItemResult['outcome'];
export type Severity = (typeof DEFECT_SEVERITIES)[number];
/** An item as answered on the phone, not yet saved. */
export interface Draft {
  outcome: Outcome;
  deduction: number | null;
  note: string;
  severity: Severity;
  causedByStaff: boolean;
}

export const draftOf = (r: ItemResult | undefined): Draft | null =>
  r
    ? {
        outcome: r.outcome,
        deduction: r.deduction ?? null,
        note: r.note ?? '',
        severity: r.severity ?? 'general',
        causedByStaff: r.causedByStaff ?? false,
      }
    : null;

/** What is wrong with a failed item before it is sent (the server checks the same): the deduction 1..points, what was found. */
export function draftProblem(item: ChecklistItem, d: Draft, lang: string): string | null {
  if (d.outcome !== 'fail') return null;
  if (d.deduction === null || !Number.isInteger(d.deduction) || d.deduction < 1 || d.deduction > item.points)
    return it('deductionRange', lang, { max: item.points });
  if (!d.note.trim()) return it('findingRequired', lang);
  return null;
}

/**
 * One checklist item on the inspector's phone: its text, specialty and points; 合格 / 不合格 / 不适用 (合格
 * and 不适用 are saved at once by the page); 不合格 asks for the deduction (1..points), what was found, the
 * severity (一般 preselected, the server's default), 员工造成 and photos of the finding — each uploaded as
 * it is taken (usePhotoPicker) and reported to the page, which sends them with the item.
 */
export function CheckItem({
  item,
  index,
  saved,
  draft,
  error,
  busy,
  onChange,
  onPhotos,
  onSave,
}: {
  item: ChecklistItem;
  index: number;
  saved: ItemResult | undefined;
  draft: Draft | null;
  error: string | null;
  busy: boolean;
  onChange: (d: Draft) => void;
  onPhotos: (ids: string[], uploading: boolean) => void;
  onSave: () => void;
}) {
  const { lang } = useI18n();
  const photos = usePhotoPicker('item-photo');
  const idsKey = photos.ids.join(',');
  useEffect(() => onPhotos(photos.ids, photos.uploading), [idsKey, photos.uploading]);
  const shown = draft ?? draftOf(saved);
  const dirty = draft !== null || photos.ids.some((p) => !saved?.photoIds?.includes(p));
  const change = (patch: Partial<Draft>) =>
    onChange({ ...(shown ?? { outcome: 'fail', deduction: null, note: '', severity: 'general', causedByStaff: false }), ...patch });
  const savedPhotos = (saved?.photoIds ?? []).filter((p) => !photos.ids.includes(p));
  return (
    <Card size="small" data-testid="check-item" data-item={item.text} data-outcome={saved?.outcome ?? ''}>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Typography.Text strong style={{ fontSize: 15, overflowWrap: 'anywhere' }}>
          {index + 1}. {item.text}
        </Typography.Text>
        <Space size={4} style={{ flexShrink: 0 }}>
          <Tag style={{ marginInlineEnd: 0 }}>{specialtyText(item.specialty, lang)}</Tag>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {it('pointsOf', lang, { n: item.points })}
          </Tag>
        </Space>
      </div>
      <Radio.Group
        style={{ marginTop: 8 }}
        optionType="button"
        buttonStyle="solid"
        size="large"
        value={shown?.outcome}
        disabled={busy}
        onChange={(e) => change({ outcome: e.target.value as Outcome })}
        options={[
          { value: 'pass', label: it('pass', lang) },
          { value: 'fail', label: it('fail', lang) },
          { value: 'na', label: it('notApplicable', lang) },
        ]}
        data-testid="item-outcome"
      />
      {shown?.outcome === 'fail' && (
        <div style={{ marginTop: 8 }} data-testid="item-fail">
          <Space wrap size={8} align="center">
            <Typography.Text>{it('deduction', lang)}</Typography.Text>
            <InputNumber
              min={1}
              max={item.points}
              precision={0}
              value={shown.deduction}
              onChange={(v) => change({ deduction: v })}
              style={{ width: 90 }}
              aria-label={it('deduction', lang)}
              data-testid="item-deduction"
            />
            <Typography.Text type="secondary">{`1–${item.points}`}</Typography.Text>
          </Space>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            style={{ marginTop: 8 }}
            placeholder={it('finding', lang)}
            aria-label={it('finding', lang)}
            value={shown.note}
            onChange={(e) => change({ note: e.target.value })}
            data-testid="item-note"
          />
          <div style={{ marginTop: 8 }}>
            <Typography.Text>
              {it('severity', lang)}
              {lang === 'en' ? ': ' : '：'}
            </Typography.Text>
            <Radio.Group
              optionType="button"
              value={shown.severity}
              onChange={(e) => change({ severity: e.target.value as Severity })}
              options={DEFECT_SEVERITIES.map((s) => ({ value: s, label: severityText(s, lang) }))}
              data-testid="item-severity"
            />
          </div>
          <Checkbox
            checked={shown.causedByStaff}
            onChange={(e) => change({ causedByStaff: e.target.checked })}
            style={{ marginTop: 8 }}
            data-testid="item-staff"
          >
            {it('causedByStaff', lang)}
          </Checkbox>
          <div style={{ marginTop: 8 }}>
            <Typography.Text>{it('findingPhotos', lang)}</Typography.Text>
            {savedPhotos.length > 0 && (
              <Space wrap size={4} style={{ display: 'flex', marginTop: 4 }}>
                {savedPhotos.map((p) => (
                  <Image key={p} width={56} height={56} style={{ objectFit: 'cover' }} src={`/api/attachments/${p}`} alt="" />
                ))}
              </Space>
            )}
            {photos.view}
          </div>
          {saved?.outcome === 'fail' && !dirty ? (
            <Tag color={SEVERITY_COLOURS[saved.severity ?? 'general']} style={{ marginTop: 8 }}>
              {it('saved', lang)}
            </Tag>
          ) : (
            <Button style={{ marginTop: 8 }} loading={busy} disabled={photos.uploading} onClick={onSave} data-testid="item-save">
              {it('saveItem', lang)}
            </Button>
          )}
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="item-error" />}
    </Card>
  );
}
