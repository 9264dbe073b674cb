import { createHash, randomBytes } from 'node:crypto';

/** Opaque bearer tokens: only their SHA-256 is stored, so a database leak reveals no usable token. */
export function newToken(prefix: 'gjs' | 'gjt' | 'gjd'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
