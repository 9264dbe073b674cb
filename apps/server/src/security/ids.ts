import { randomFillSync } from 'node:crypto';
import { timeOrderedIds } from '@guanjia/core';

/**
 * The server's id generator: time-ordered UUIDs (v7) from the wall clock and the system's randomness.
 * Random bytes come from a pool refilled 4 KiB at a time: one call into the system per 256 ids
 * instead of one per id (a call costs far more than the bytes; node's randomUUID pools the same way).
 */
export function createIdGenerator(): () => string {
  const pool = Buffer.alloc(4096);
  let offset = pool.length;
  return timeOrderedIds({
    now: Date.now,
    random: (bytes) => {
      if (offset + bytes.length > pool.length) {
        randomFillSync(pool);
        offset = 0;
      }
      bytes.set(pool.subarray(offset, offset + bytes.length));
      offset += bytes.length;
    },
  });
}
