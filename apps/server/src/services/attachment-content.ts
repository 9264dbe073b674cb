import { constants, inflateSync } from 'node:zlib';
import { DomainError } from '@guanjia/core';

/**
 * What an upload really is, judged from its bytes (never from its name): photos of defects, signed
 * work orders, scanned forms. Only verified raster images are ever shown inline by a browser; a PDF
 * is always a download. Bytes that a browser or a PDF reader could run are refused at upload.
 */

const startsWith = (b: Buffer, text: string, at = 0) => b.length >= at + text.length && b.subarray(at, at + text.length).toString('latin1') === text;

/** Magic bytes of each accepted type; the declared Content-Type must match them. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.length > 6 && (startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a')),
  'image/webp': (b) => b.length > 12 && startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8),
  'application/pdf': (b) => b.length > 5 && startsWith(b, '%PDF-'),
};
export const ALLOWED_ATTACHMENT_TYPES = Object.keys(SIGNATURES);

/** Raster images (图片): the only files a browser is allowed to show inline. */
const RASTER_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
export const isRasterImage = (contentType: string) => RASTER_IMAGES.has(contentType);

/**
 * Markers of a web page or a script anywhere in an image (a PNG with an HTML tail, an SVG renamed,
 * a comment segment carrying `javascript:`): a sniffing browser or viewer could run them. A tag
 * counts with the character that ends its name, as a parser reads it: random pixel data would
 * otherwise spell `<svg` in about one 10 MB photo in fifty.
 */
const ACTIVE_MARKUP = /<(?:html|head|body|script|svg|iframe|object|embed|!doctype)[\s/>]|javascript:/i;

/** PDF actions that run code or programs (JavaScript, /JS, /Launch; /OpenAction runs them at open). */
const PDF_ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch']);
/** A PDF name token (`/Name`, with `#xx` escapes decoded: `/J#53` is `/JS`). */
const PDF_NAME = /\/([^\s/<>[\]()%{}]*)/g;
/** Inflated object streams (where dictionaries may hide) are scanned up to this many bytes in all. */
const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;

function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function activeNameIn(text: string): string | null {
  for (const m of text.matchAll(PDF_NAME)) {
    const name = decodeName(m[1]!);
    if (PDF_ACTIVE_NAMES.has(name) || name === 'Encrypt') return `/${name}`;
  }
  return null;
}

/**
 * The JavaScript or launch action of a PDF, in its plain dictionaries or in compressed streams
 * (object streams hold dictionaries too). Encrypted PDFs cannot be read through, so they are
 * refused as well (`/Encrypt`).
 */
function pdfActiveContent(body: Buffer): string | null {
  const text = body.toString('latin1');
  const plain = activeNameIn(text);
  if (plain) return plain;
  let budget = PDF_INFLATE_BUDGET;
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streams.lastIndex = end + 9;
    let inflated: Buffer;
    try {
      // a truncated stream still yields what a lenient reader would see
      inflated = inflateSync(body.subarray(start, end), { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return `> ${PDF_INFLATE_BUDGET / 1024 / 1024} MB compressed`;
      continue; // not a Flate stream (a JPEG image, a damaged stream): nothing a reader would parse as dictionaries
    }
    budget -= inflated.length;
    if (budget < 0) return `> ${PDF_INFLATE_BUDGET / 1024 / 1024} MB compressed`;
    const hidden = activeNameIn(inflated.toString('latin1'));
    if (hidden) return hidden;
  }
  return null;
}

/**
 * Checks an upload and answers its canonical type. Refuses (415) a type not accepted, bytes that are
 * not what they claim, an image carrying markup or script, a PDF carrying JavaScript or a launch action.
 */
export function verifyAttachmentContent(declaredType: string, body: Buffer): string {
  const type = declaredType.split(';')[0]!.trim().toLowerCase();
  const matches = SIGNATURES[type];
  if (!matches) throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', 'content-type', { type: type || '(none)', allowed: ALLOWED_ATTACHMENT_TYPES.join(', ') });
  if (body.length === 0) throw new DomainError('FIELD_REQUIRED', 'body');
  if (!matches(body)) throw new DomainError('ATTACHMENT_CONTENT_MISMATCH', 'body', { type });
  const marker = isRasterImage(type) ? ACTIVE_MARKUP.exec(body.toString('latin1'))?.[0].replace(/[\s/>]$/, '') : pdfActiveContent(body);
  if (marker) throw new DomainError('ATTACHMENT_ACTIVE_CONTENT', 'body', { marker });
  return type;
}

/**
 * Content-Disposition for a download or an inline image: an ASCII fallback name and the real one
 * (Chinese names) in RFC 5987 `filename*`, so no quote, CR/LF or path in a name reaches the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%/]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
