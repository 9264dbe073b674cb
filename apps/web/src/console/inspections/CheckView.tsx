import { Alert, Button, Card, Image, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import type { ScoredCheck } from './checks-queries';
import { defectStatusText, it, PHOTO_FLAG_LABELS, SEVERITY_COLOURS, severityText, specialtyText, word } from './inspection-text';

const percentText = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)}%`);

/** The running score as the server computed it: awarded/possible and percent, items not yet checked and failed, and each specialty's line. */
export function ScorePanel({ check }: { check: ScoredCheck }) {
  const { lang } = useI18n();
  const s = check.score;
  if (!s) return null;
  return (
    <Card size="small" data-testid="check-score" style={{ background: '#f6ffed' }}>
      <Space wrap size={8} align="baseline">
        <Typography.Text strong>{it('scoreSoFar', lang)}</Typography.Text>
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="check-score-value">
          {it('scoreValue', lang, { awarded: s.awarded, possible: s.possible })}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 20 }} data-testid="check-score-percent">
          {percentText(s.percent)}
        </Typography.Text>
      </Space>
      <div>
        {s.unanswered > 0 && <Tag color="orange">{it('unansweredN', lang, { n: s.unanswered })}</Tag>}
        {s.failed > 0 && <Tag color="red">{it('failedN', lang, { n: s.failed })}</Tag>}
      </div>
      <Space wrap size={[12, 2]} style={{ marginTop: 4 }} data-testid="check-score-specialties">
        {Object.entries(s.bySpecialty).map(([specialty, line]) => (
          <Typography.Text key={specialty} type="secondary">
            {specialtyText(specialty, lang)} {line.awarded}/{line.possible}
          </Typography.Text>
        ))}
      </Space>
    </Card>
  );
}

/** Photos, each with its reuse warning when the server found it repeats an earlier check's. */
export function CheckPhotoFlags({ check }: { check: ScoredCheck }) {
  const { lang } = useI18n();
  const signatures = new Set([check.inspectorSignatureId, check.inspectedSignatureId].filter(Boolean));
  return (
    <>
      {check.photoFlags.map((f) => (
        <Alert
          key={f.attachmentId}
          type="warning"
          showIcon
          style={{ marginTop: 4 }}
          message={it(signatures.has(f.attachmentId) ? 'signatureFlag' : 'photoFlag', lang, { kind: word(PHOTO_FLAG_LABELS, f.kind, lang) })}
          data-testid="check-photo-flag"
        />
      ))}
    </>
  );
}

export function Thumbs({ ids, size = 56 }: { ids: readonly string[]; size?: number }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={4} style={{ display: 'flex', marginTop: 4 }}>
        {ids.map((p) => (
          <Image key={p} width={size} height={size} style={{ objectFit: 'cover' }} src={`/api/attachments/${p}`} alt="" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** A signature as saved (the uploaded PNG). */
export function SignatureImage({ id, testId }: { id: string; testId: string }) {
  return (
    <img
      src={`/api/attachments/${id}`}
      alt=""
      data-testid={testId}
      style={{ maxWidth: '100%', height: 80, objectFit: 'contain', border: '1px solid #f0f0f0' }}
    />
  );
}

/**
 * A check read-only (submitted, or another's in progress): the score, each item's outcome with the
 * deduction, what was found and its photos, the photos of the check with reuse warnings, the
 * signatures, the report and — once submitted — the defects it opened (each opening 不合格项).
 */
export function CheckView({ check }: { check: ScoredCheck }) {
  const { lang } = useI18n();
  const results = new Map(check.results.map((r) => [r.itemId, r]));
  const itemPhotos = new Set(check.results.flatMap((r) => r.photoIds ?? []));
  const items = new Map(check.items.map((i) => [i.id, i]));
  const OUTCOME: Record<string, [string, string]> = { pass: ['pass', 'green'], fail: ['fail', 'red'], na: ['notApplicable', 'default'] };
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="check-view">
      <ScorePanel check={check} />
      {check.status === 'submitted' && (
        <Card size="small" title={it('defectsOpened', lang)} data-testid="check-defects">
          {check.defects.length === 0 && <Typography.Text type="secondary">{it('none', lang)}</Typography.Text>}
          {check.defects.map((d) => (
            <div key={d.id} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', marginBottom: 4 }} data-testid="check-defect">
              <span style={{ overflowWrap: 'anywhere' }}>{d.itemId ? (items.get(d.itemId)?.text ?? '—') : '—'}</span>
              <Tag color={SEVERITY_COLOURS[d.severity]}>{severityText(d.severity, lang)}</Tag>
              <Tag>{defectStatusText(d.status, lang)}</Tag>
              {d.onDailySheet && <Tag color="purple">{it('onDailySheet', lang)}</Tag>}
              <Button size="small" type="link" onClick={() => navigate(`/defects?id=${d.id}`)} data-testid="check-defect-open">
                {it('openDefects', lang)}
              </Button>
            </div>
          ))}
        </Card>
      )}
      {check.items.map((item, i) => {
        const r = results.get(item.id);
        const [label, colour] = r ? OUTCOME[r.outcome]! : ['toCheck', 'orange'];
        return (
          <Card size="small" key={item.id} data-testid="check-item" data-item={item.text} data-outcome={r?.outcome ?? ''}>
            <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between' }}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {i + 1}. {item.text}
              </Typography.Text>
              <Space size={4} style={{ flexShrink: 0 }}>
                <Tag style={{ marginInlineEnd: 0 }}>{specialtyText(item.specialty, lang)}</Tag>
                <Tag color={colour} style={{ marginInlineEnd: 0 }}>
                  {it(label as 'pass', lang)}
                </Tag>
              </Space>
            </div>
            {r?.outcome === 'fail' && (
              <div style={{ marginTop: 4 }}>
                <Typography.Text type="danger">
                  {it('deduction', lang)} {r.deduction}/{item.points}
                </Typography.Text>{' '}
                <Tag color={SEVERITY_COLOURS[r.severity ?? 'general']}>{severityText(r.severity ?? 'general', lang)}</Tag>
                {r.causedByStaff && <Tag color="purple">{it('causedByStaff', lang)}</Tag>}
                <div style={{ overflowWrap: 'anywhere' }}>{r.note}</div>
                <Thumbs ids={r.photoIds ?? []} />
              </div>
            )}
          </Card>
        );
      })}
      <Card size="small" title={it('checkPhotos', lang)}>
        <Thumbs ids={check.photoIds.filter((p) => !itemPhotos.has(p))} size={72} />
        <CheckPhotoFlags check={check} />
      </Card>
      <Card size="small" title={it('signatures', lang)}>
        <Space wrap size={16}>
          {(['inspector', 'inspected'] as const).map((who) => {
            const id = who === 'inspector' ? check.inspectorSignatureId : check.inspectedSignatureId;
            return (
              <div key={who}>
                <div>{it(who === 'inspector' ? 'signInspector' : 'signInspected', lang)}</div>
                {id ? <SignatureImage id={id} testId={`signature-${who}`} /> : <Typography.Text type="secondary">{it('notSigned', lang)}</Typography.Text>}
              </div>
            );
          })}
        </Space>
      </Card>
      {(check.reportRequired || check.report) && (
        <Card size="small" title={it('checkReport', lang)}>
          <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="check-report">
            {check.report ?? it('reportNone', lang)}
          </div>
        </Card>
      )}
    </Space>
  );
}
