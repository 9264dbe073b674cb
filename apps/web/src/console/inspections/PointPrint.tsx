import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import QRCode from 'qrcode';
import { createPortal } from 'react-dom';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { it, specialtyText } from './inspection-text';
import { inspectionKeys } from './queries';

/** The QR image of a code's text: SVG (sharp at any print size), error correction M, a quiet zone of 2 modules. */
export const QR_OPTIONS = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, QR_OPTIONS);
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** On screen the print copy is hidden; in print only the sheet shows (the console around it is not printed). */
const PRINT_CSS = `
@media screen { .gj-print { display: none; } }
@media print {
  body > *:not(.gj-print) { display: none !important; }
  .gj-print { display: block; }
  @page { size: A5; margin: 12mm; }
}
.gj-point-sheet { width: 120mm; max-width: 100%; margin: 0 auto; padding: 8mm 6mm; border: 2px solid #000; color: #000; background: #fff; text-align: center; font-size: 14px; line-height: 1.5; }
.gj-point-sheet h2 { font-size: 22px; margin: 0 0 2mm; }
.gj-point-sheet h3 { font-size: 16px; font-weight: 400; margin: 0 0 4mm; }
.gj-point-sheet img { width: 80mm; max-width: 100%; height: auto; display: block; margin: 0 auto 4mm; image-rendering: pixelated; }
.gj-point-sheet .gj-valid { font-size: 16px; font-weight: 600; }
.gj-point-sheet .gj-code-text { font-family: monospace; font-size: 9px; word-break: break-all; margin-top: 3mm; color: #333; }
.gj-point-sheet .gj-hint { font-size: 11px; color: #333; margin-top: 2mm; }
`;

/**
 * 打印二维码 (inspection.admin): the sheet posted at the point — the QR image of the point's current code
 * (GET …/code: signed, this print's generation and last valid day), the point's name and place, 有效期至
 * and which print it is, and the code's text small under it for a damaged label. 打印 prints the sheet alone.
 */
export function PointPrint({ id }: { id: string }) {
  const { lang } = useI18n();
  const code = useQuery({
    queryKey: [...inspectionKeys.points, 'code', id],
    queryFn: async () => {
      const r = await api('GET /api/inspection-points/:id/code', { params: { id } });
      return { ...r, image: await qrImage(r.code) };
    },
    retry: false,
    staleTime: 0,
  });
  const back = (
    <Button onClick={() => navigate('/inspection-points')} data-testid="print-back">
      {it('back', lang)}
    </Button>
  );
  if (code.error) return <Alert type="error" showIcon message={(code.error as ApiError).message} action={back} />;
  if (!code.data) return null;
  const d = code.data;
  // the screen's copy carries the test ids; the print copy is the same sheet
  const sheet = (tid: (name: string) => string | undefined) => (
    <div className="gj-point-sheet" data-testid={tid('point-sheet')}>
      <h2>
        {it('printTitle', lang)} · {d.point.name}
      </h2>
      <h3>
        {d.point.place ?? ''} {specialtyText(d.point.specialty, lang)}
      </h3>
      <img src={d.image} alt={d.point.name} data-testid={tid('point-qr')} />
      <div className="gj-valid" data-testid={tid('point-valid-until')}>
        {it('codeValidUntil', lang)} {d.point.codeValidUntil} · {it('generation', lang, { n: d.point.codeGeneration })}
      </div>
      <div className="gj-hint">{it('printHint', lang)}</div>
      <div className="gj-code-text" data-testid={tid('point-code-text')}>
        {d.code}
      </div>
    </div>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="point-print">
      <style>{PRINT_CSS}</style>
      <Space wrap>
        {back}
        <Button type="primary" onClick={() => window.print()} data-testid="point-print-now">
          {it('print', lang)}
        </Button>
      </Space>
      {sheet((name) => name)}
      {createPortal(<div className="gj-print">{sheet(() => undefined)}</div>, document.body)}
    </Space>
  );
}
