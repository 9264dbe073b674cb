import { createHash, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238: SHA-1, 6 digits, 30-second
 * steps, as every authenticator app expects) and one-time recovery codes.
 */
export const TOTP_ISSUER = 'Guanjia 管家';
const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountName, secret });
}

/** The QR code of the address, as an SVG document (shown as an image in the console). */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step a code matches at `nowIso` (one step of clock drift either way is accepted), or null.
 * Steps at or before `afterStep` are refused: a code is accepted once.
 */
export async function matchTotp(secret: string, code: string, nowIso: string, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(Date.parse(nowIso) / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: PERIOD_SECONDS, ...(afterStep !== null ? { afterTimeStep: afterStep } : {}) });
  if (!result.valid) return null;
  return 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : Math.floor(epoch / PERIOD_SECONDS) + result.delta;
}

/** The code an authenticator shows at `nowIso` (tests and the CLI use it). */
export async function totpCodeAt(secret: string, nowIso: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.parse(nowIso) / 1000) });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** Ten one-time recovery codes like "k7m2-x9qp-4rtw" (about 70 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')).join('-'),
  );
}

/** Recovery codes are stored as SHA-256 of their normalized form (case and dashes do not matter). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}
