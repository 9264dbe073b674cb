/**
 * Inspection points' printed QR codes and the scan tickets they lead to (巡检点二维码, issue 15 item 2;
 * SPEC §11: "a photographed code does not work elsewhere").
 *
 * A printed code cannot change by itself, so it is made hard to misuse in three layers:
 * - **Signed.** The code reads `GJP1.<point>.<generation>.<valid until>.<signature>`; the signature is an
 *   HMAC keyed per organization (the server derives the key; here it is the `sign` function), so a code
 *   forged, altered, or printed by another company is refused.
 * - **Rotating.** Each point has a code generation: re-issuing the point's code raises it and every
 *   older print is refused; and every code carries the last day it is valid (90 days by default), so
 *   codes are re-printed on a rhythm and a photo kept from last quarter stops working.
 * - **Bound to the place and the moment.** A scan is accepted only with the phone's position near the
 *   point (location.ts), and it yields a one-time scan ticket, valid for minutes, for that task and
 *   point; the check is recorded with the ticket, and a ticket used once (a replay) is refused.
 * Pure: the signing function and the clock come from the caller.
 */

export const POINT_CODE_PREFIX = 'GJP1';
/** How long a printed code is valid by default (days); the console warns this many days before. */
export const POINT_CODE_VALID_DAYS = 90;
export const POINT_CODE_RENEW_WARNING_DAYS = 14;
/** How long a scan ticket lets the inspector record the check (minutes). */
export const SCAN_TICKET_MINUTES = 15;

/** Signs a text (an HMAC, URL-safe base64); the server keys it per organization. */
export type Signer = (text: string) => string;

export interface PointCode {
  pointId: string;
  generation: number;
  /** The last local day the print is valid on, 'YYYY-MM-DD'. */
  validUntil: string;
}

const SIGNATURE_CHARS = 22; // 132 bits of the HMAC: enough, and a small QR code

function signatureOf(sign: Signer, text: string): string {
  return sign(text).slice(0, SIGNATURE_CHARS);
}

/** Constant-time comparison of two short strings (both ours to compute; avoids leaking a prefix by timing). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function encodePointCode(code: PointCode, sign: Signer): string {
  const body = `${POINT_CODE_PREFIX}.${code.pointId}.${code.generation}.${code.validUntil.replaceAll('-', '')}`;
  return `${body}.${signatureOf(sign, body)}`;
}

export type PointCodeReading = { ok: true; code: PointCode } | { ok: false; problem: 'malformed' | 'bad_signature' };

/** Reads a scanned text: our format, and signed with this organization's key. */
export function readPointCode(text: string, sign: Signer): PointCodeReading {
  const parts = text.trim().split('.');
  if (parts.length !== 5 || parts[0] !== POINT_CODE_PREFIX) return { ok: false, problem: 'malformed' };
  const [, pointId, generation, until, signature] = parts as [string, string, string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(pointId) || !/^\d{1,6}$/.test(generation) || !/^\d{8}$/.test(until)) return { ok: false, problem: 'malformed' };
  const body = parts.slice(0, 4).join('.');
  if (!sameText(signature, signatureOf(sign, body))) return { ok: false, problem: 'bad_signature' };
  return { ok: true, code: { pointId, generation: Number(generation), validUntil: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` } };
}

export type PointCodeProblem = 'other_point' | 'superseded' | 'expired';

/** A genuine code may still be the wrong one: for another point than the one being checked, an older print, or past its last day. */
export function pointCodeProblem(code: PointCode, point: { id: string; codeGeneration: number }, today: string): PointCodeProblem | null {
  if (code.pointId !== point.id) return 'other_point';
  if (code.generation !== point.codeGeneration) return 'superseded';
  if (today > code.validUntil) return 'expired';
  return null;
}

export interface ScanTicket {
  taskId: string;
  pointId: string;
  /** When the point was scanned (ms since the epoch): the check's time for grading. */
  scannedAt: number;
  nonce: string;
}

export function encodeScanTicket(ticket: ScanTicket, sign: Signer): string {
  const body = `GJS1.${ticket.taskId}.${ticket.pointId}.${ticket.scannedAt}.${ticket.nonce}`;
  return `${body}.${signatureOf(sign, body)}`;
}

export type ScanTicketReading = { ok: true; ticket: ScanTicket } | { ok: false; problem: 'malformed' | 'bad_signature' | 'expired' | 'other_task' };

/** Reads a scan ticket for a task: ours, signed, for this task, and not older than its validity. (That it was not used before is the store's unique nonce.) */
export function readScanTicket(text: string, sign: Signer, expect: { taskId: string; now: number; validMinutes?: number }): ScanTicketReading {
  const parts = text.trim().split('.');
  if (parts.length !== 6 || parts[0] !== 'GJS1' || !/^\d{1,15}$/.test(parts[3]!)) return { ok: false, problem: 'malformed' };
  const body = parts.slice(0, 5).join('.');
  if (!sameText(parts[5]!, signatureOf(sign, body))) return { ok: false, problem: 'bad_signature' };
  const ticket: ScanTicket = { taskId: parts[1]!, pointId: parts[2]!, scannedAt: Number(parts[3]), nonce: parts[4]! };
  if (ticket.taskId !== expect.taskId) return { ok: false, problem: 'other_task' };
  const age = expect.now - ticket.scannedAt;
  if (age < 0 || age > (expect.validMinutes ?? SCAN_TICKET_MINUTES) * 60_000) return { ok: false, problem: 'expired' };
  return { ok: true, ticket };
}
