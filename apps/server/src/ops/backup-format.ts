import { createHash } from 'node:crypto';

/**
 * The backup file (`guanjia backup`): gzip-compressed JSON lines, the same for SQLite and PostgreSQL.
 *   1. header     {"format":"guanjia-backup","version":1,"dialect":…,"migration":…,"keyId":…,"createdAt":…}
 *   2. per table  {"table":name,"columns":[…]} then one JSON array of values per row
 *   3. sequences  {"sequence":name,"lastValue":"n","isCalled":true} (PostgreSQL)
 *   4. files      {"file":"ab/abcdef…","data":base64} one per attachment of the dumped rows
 *   5. trailer    {"end":{"rows":{table:n},"files":n}}: a file without it is incomplete and refused
 * Rows come from one read snapshot, tables in foreign-key order; the secret key is NOT included
 * (only its fingerprint `keyId`, so a restore under another key is refused).
 */
export const BACKUP_FORMAT = 'guanjia-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  dialect: 'sqlite' | 'postgres';
  /** The last migration applied to the backed-up database. */
  migration: string;
  keyId: string;
  createdAt: string;
}
export interface BackupTrailer {
  end: { rows: Record<string, number>; files: number };
}

/** A fingerprint of the field-encryption key that reveals nothing of it. */
export function keyIdOf(secretKey: Buffer): string {
  return createHash('sha256').update('guanjia backup key id\0').update(secretKey).digest('hex').slice(0, 16);
}

/** Attachments are stored by content: `ab/abcdef…` where the name is the SHA-256 of the bytes. */
export function isStorageKey(key: string): boolean {
  return /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key) && key.slice(3, 5) === key.slice(0, 2);
}
