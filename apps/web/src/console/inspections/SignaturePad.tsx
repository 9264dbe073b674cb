import { Button, Space, Tag, Typography } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { it } from './inspection-text';

export interface SignaturePadHandle {
  /** Whether something was drawn since the last clear. */
  hasInk: () => boolean;
  /** The drawing as a PNG (white ground, dark ink), or null when nothing was drawn. */
  toBlob: () => Promise<Blob | null>;
  clear: () => void;
}

const HEIGHT = 160;
const INK = '#1d2a6b';

/**
 * A signature drawn with a finger or the mouse (签名) on a <canvas> through pointer events — the page does
 * not scroll while drawing (touch-action: none) — sized to its box and the screen's pixel ratio, with 清除.
 * Its owner exports it as a PNG Blob (toBlob) to upload like a photo; `onInk` tells it something was drawn.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { testId: string; onInk?: (inked: boolean) => void; disabled?: boolean }>(function SignaturePad(
  { testId, onInk, disabled = false },
  ref,
) {
  const { lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const [inked, setInked] = useState(false);

  /** A white ground the size of the box in device pixels (a transparent PNG would hash as a flat frame). */
  const reset = () => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(HEIGHT * ratio);
    const g = c.getContext('2d')!;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.clientWidth, HEIGHT);
    g.strokeStyle = INK;
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    setInked(false);
    onInk?.(false);
  };
  useEffect(reset, []);

  useImperativeHandle(ref, () => ({
    hasInk: () => inked,
    toBlob: () => new Promise((resolve) => (inked && canvas.current ? canvas.current.toBlob((b) => resolve(b), 'image/png') : resolve(null))),
    clear: reset,
  }));

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = at(e);
    const g = e.currentTarget.getContext('2d')!;
    const p = drawing.current;
    g.beginPath();
    g.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
    g.fillStyle = INK;
    g.fill();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const from = drawing.current;
    if (!from) return;
    const to = at(e);
    const g = e.currentTarget.getContext('2d')!;
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x, to.y);
    g.stroke();
    drawing.current = to;
    if (!inked) {
      setInked(true);
      onInk?.(true);
    }
  };
  const up = () => {
    drawing.current = null;
  };
  return (
    <div>
      <canvas
        ref={canvas}
        data-testid={testId}
        data-inked={inked ? 'true' : 'false'}
        aria-label={it('signHere', lang)}
        style={{ width: '100%', height: HEIGHT, display: 'block', border: '1px dashed #bfbfbf', borderRadius: 6, touchAction: 'none', background: '#fff' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <Space size={8} style={{ marginTop: 4 }}>
        <Button size="small" onClick={reset} disabled={disabled || !inked} data-testid={`${testId}-clear`}>
          {it('clearSignature', lang)}
        </Button>
        {inked ? <Tag color="orange">{it('unsaved', lang)}</Tag> : <Typography.Text type="secondary">{it('signHere', lang)}</Typography.Text>}
      </Space>
    </div>
  );
});
