import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { loadFrameDecoder, type Frame } from '../src/console/inspections/qr-frames.ts';

/**
 * 扫码 without BarcodeDetector (iPhone Safari, Firefox; issue 15 item 2): a camera frame's pixels decoded by
 * jsQR. The frames here are QR codes drawn as the point's print draws them (errorCorrectionLevel M), turned
 * into RGBA pixels as a canvas gives them.
 */
const CODE = 'GJP1.8f3a2c1d-5b7e-4a90-9c1f-2d6e8b4a7f03.3.20270306.Zk9xQ2V1bW9uX3NpZ25hdHVyZV9fXzQ3';

/** The code as a PNG (qrcode), decoded back to RGBA pixels (pngjs). */
async function qrFrame(text: string, options: { width?: number; margin?: number } = {}): Promise<Frame> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, ...options }));
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
}

/** The frame set in the middle of a larger grey picture (the camera sees the label and the wall around it). */
function onWall(frame: Frame, width: number, height: number, grey = 170): Frame {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  const left = Math.floor((width - frame.width) / 2);
  const top = Math.floor((height - frame.height) / 2);
  for (let y = 0; y < frame.height; y++) data.set(frame.data.subarray(y * frame.width * 4, (y + 1) * frame.width * 4), ((top + y) * width + left) * 4);
  return { data, width, height };
}

describe('qr-frames: a camera frame decoded by jsQR', () => {
  it('returns the exact text of a point’s code, alone or on a wall in a camera-sized frame', async () => {
    const decode = await loadFrameDecoder();
    const frame = await qrFrame(CODE, { width: 300 });
    expect(decode(frame)).toBe(CODE);
    expect(decode(onWall(frame, 640, 480))).toBe(CODE);
    // Chinese and other text survive as UTF-8
    expect(decode(await qrFrame('巡检点 2号水泵房 · 2栋地下室', { width: 240 }))).toBe('巡检点 2号水泵房 · 2栋地下室');
  });

  it('returns null for a frame without a code: blank, grey, or noise', async () => {
    const decode = await loadFrameDecoder();
    expect(decode({ data: new Uint8ClampedArray(320 * 240 * 4).fill(255), width: 320, height: 240 })).toBeNull();
    expect(decode({ data: new Uint8ClampedArray(320 * 240 * 4).fill(128), width: 320, height: 240 })).toBeNull();
    let seed = 7;
    const noise = new Uint8ClampedArray(320 * 240 * 4).map((_, i) => (i % 4 === 3 ? 255 : (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256));
    expect(decode({ data: noise, width: 320, height: 240 })).toBeNull();
  });
});
