import { randomFillSync } from 'node:crypto';
import { timeOrderedIds } from '@guanjia/core';

/** The server's id generator: time-ordered UUIDs (v7) from the wall clock and the system's randomness. */
export function createIdGenerator(): () => string {
  return timeOrderedIds({ now: Date.now, random: (bytes) => void randomFillSync(bytes) });
}
