import { Alert, Button, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { currentPosition, type Fix } from './geo';
import { it } from './inspection-text';
import { cameraAvailable, videoCodeReader } from './qr-frames';
import type { ScanResult } from './queries';

/**
 * 扫码打卡 at a point: the code read by the phone's camera (the browser's BarcodeDetector where it has
 * one, else jsQR on the camera's frames: `qr-frames.ts`; a plain message where no camera may be used) or
 * typed by hand (手动输入码, for a damaged label), sent with the phone's position and its stated accuracy.
 * The server checks both — this company's code, the point's current print, not expired; the phone near
 * the point — and answers a one-time ticket for the check, or a refusal shown here as it says it (超出允许的
 * 48 米, 定位精度不足, 该二维码已作废…).
 */
export function ScanPanel({
  taskId,
  fix,
  positionProblem,
  onScanned,
}: {
  taskId: string;
  fix: Fix | null;
  positionProblem: string | null;
  onScanned: (scan: ScanResult) => void;
}) {
  const { lang } = useI18n();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const supported = cameraAvailable();
  const send = async (text: string) => {
    const value = text.trim();
    if (!value) return setError(it('manualCode', lang));
    setBusy(true);
    setError(null);
    try {
      // no fix yet: one more try now (the point may need it); none at all is the server's to judge
      const position = fix ?? (await currentPosition(lang).catch(() => null));
      onScanned(await api('POST /api/patrol-tasks/:id/scan', { params: { id: taskId }, body: { code: value, position } }));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="scan-panel" style={{ marginTop: 8, paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
      <Typography.Paragraph type={fix ? 'secondary' : positionProblem ? 'warning' : 'secondary'} style={{ marginBottom: 8 }} data-testid="scan-position">
        {it('position', lang)}：{fix ? it('positionOk', lang, { m: Math.round(fix.accuracyM) }) : (positionProblem ?? it('locating', lang))}
      </Typography.Paragraph>
      {supported ? (
        camera ? (
          <CameraReader
            onCode={(text) => {
              setCamera(false);
              setCode(text);
              void send(text);
            }}
            onFail={(reason) => {
              setCamera(false);
              setError(it('cameraFailed', lang, { reason }));
            }}
            onStop={() => setCamera(false)}
          />
        ) : (
          <Button type="primary" block size="large" onClick={() => setCamera(true)} data-testid="scan-camera">
            {it('camera', lang)}
          </Button>
        )
      ) : (
        <Alert type="info" showIcon message={it('noBarcode', lang)} data-testid="scan-no-camera" />
      )}
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{it('manualCode', lang)}</Typography.Text>
        <Typography.Text type="secondary"> · {it('manualHint', lang)}</Typography.Text>
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <Input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => void send(code)}
            maxLength={300}
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            data-testid="scan-code-input"
            aria-label={it('manualCode', lang)}
          />
          <Button type="primary" loading={busy} onClick={() => void send(code)} data-testid="scan-code-submit">
            {it('submitCode', lang)}
          </Button>
        </Space.Compact>
      </div>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="scan-error" />}
    </div>
  );
}

/** The back camera's picture, read for a QR code a few times a second until one is found (then the camera stops). */
function CameraReader({ onCode, onFail, onStop }: { onCode: (text: string) => void; onFail: (reason: string) => void; onStop: () => void }) {
  const { lang } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const callbacks = useRef({ onCode, onFail });
  callbacks.current = { onCode, onFail };
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let done = false;
    void (async () => {
      try {
        const reader = videoCodeReader(); // jsQR's chunk loads while the camera starts
        reader.catch(() => undefined); // a failed load is told below, not also as an unhandled rejection
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (done) return stream.getTracks().forEach((t) => t.stop());
        video.current!.srcObject = stream;
        await video.current!.play();
        const read = await reader;
        if (done) return;
        let reading = false; // a slow phone: a frame is skipped while the last one is still being read
        timer = setInterval(async () => {
          if (done || reading || !video.current || video.current.readyState < 2) return;
          reading = true;
          const text = await read(video.current).catch(() => null);
          reading = false;
          if (text && !done) {
            done = true;
            callbacks.current.onCode(text);
          }
        }, 250);
      } catch (e) {
        if (!done) callbacks.current.onFail((e as Error).message || String(e));
      }
    })();
    return () => {
      done = true;
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div data-testid="scan-video">
      <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, background: '#000', borderRadius: 8 }} />
      <Button block onClick={onStop} style={{ marginTop: 4 }}>
        {it('stopCamera', lang)}
      </Button>
    </div>
  );
}
