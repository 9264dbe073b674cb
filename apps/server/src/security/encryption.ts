import { createCipheriv, createDecipheriv, hkdfSync, randomFillSync } from 'node:crypto';

/**
 * Field encryption at rest (SPEC §13: ID numbers and other sensitive data): AES-256-GCM with a random
 * nonce per value, stored as v1:nonce:tag:ciphertext (base64).
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** A 32-byte key for another purpose (HKDF-SHA256 of the field key): never the field key itself, the same for the same purpose. */
  derive(purpose: string): Buffer;
}

/** Nonces are drawn from a pool of random bytes refilled 3 KiB at a time: one call into the system per 256 values (a notice encrypts 20,000 addresses at once). */
const NONCE_BYTES = 12;
const NONCES_PER_FILL = 256;

export function createFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new Error('the field encryption key must be 32 bytes');
  const pool = Buffer.alloc(NONCE_BYTES * NONCES_PER_FILL);
  let offset = pool.length;
  const nextNonce = () => {
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    offset += NONCE_BYTES;
    return pool.subarray(offset - NONCE_BYTES, offset); // used at once, before the pool is refilled
  };
  return {
    encrypt(plain) {
      const nonce = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', nonce.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(stored) {
      const [version, nonce, tag, body] = stored.split(':');
      if (version !== 'v1' || !nonce || !tag || !body) throw new Error('unknown field encryption format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    derive(purpose) {
      return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `guanjia:${purpose}`, 32));
    },
  };
}
