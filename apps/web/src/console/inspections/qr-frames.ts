/**
 * Reading an inspection point's QR code (巡检点二维码) from the camera's picture, without React: the browser's
 * BarcodeDetector where it has one (Chrome on Android, macOS, ChromeOS); else (iPhone Safari, Firefox, desktop
 * Linux) the picture drawn on a canvas and decoded in JavaScript by jsQR, loaded on first use only (it is not
 * in the console's main bundle).
 */

/** A picture as RGBA pixels, 4 bytes a pixel, row after row (an ImageData's shape). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of the QR code in a frame, or null when none is found there. */
export type FrameDecoder = (frame: Frame) => string | null;

/** jsQR, imported on first use: decodes a frame's QR code (dark on light, as printed) to its exact text. */
export async function loadFrameDecoder(): Promise<FrameDecoder> {
  const { default: jsQR } = await import('jsqr');
  return ({ data, width, height }) => jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
}

/** The browser's barcode reader, where it has one; not in TypeScript's DOM types yet. */
interface BarcodeReader {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeReaderClass = new (options: { formats: string[] }) => BarcodeReader;
const barcodeReaderClass = (): BarcodeReaderClass | null => (globalThis as unknown as { BarcodeDetector?: BarcodeReaderClass }).BarcodeDetector ?? null;

/** Whether this page may use a camera at all (a secure page with getUserMedia): with it, a code is read one way or the other. */
export const cameraAvailable = (): boolean => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/** The longer side a frame is scaled down to before jsQR reads it: a printed code across a phone's picture stays readable, a frame takes a few ms. */
const MAX_SIDE = 800;

/** Draws the video's current picture on a canvas of its own and returns its pixels (null before the first picture). */
export function videoFrames(): (video: HTMLVideoElement) => Frame | null {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return (video) => {
    const { videoWidth, videoHeight } = video;
    if (!context || !videoWidth || !videoHeight) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
    const width = Math.round(videoWidth * scale);
    const height = Math.round(videoHeight * scale);
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };
}

/** Reads a video's current picture: the text of a QR code in it, or null. */
export type VideoCodeReader = (video: HTMLVideoElement) => Promise<string | null>;

/** The reader this browser has: BarcodeDetector, or frames decoded by jsQR (loaded now). */
export async function videoCodeReader(): Promise<VideoCodeReader> {
  const Detector = barcodeReaderClass();
  if (Detector) {
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video).catch(() => []))[0]?.rawValue || null;
  }
  const decode = await loadFrameDecoder();
  const grab = videoFrames();
  return async (video) => {
    const frame = grab(video);
    return frame ? decode(frame) : null;
  };
}
