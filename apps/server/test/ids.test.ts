import { uuidV7Time } from '@guanjia/core';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../src/security/ids.ts';

describe('the server’s id generator', () => {
  it('makes unique, increasing v7 ids across many refills of its random pool, stamped with the current time', () => {
    const next = createIdGenerator();
    const started = Date.now();
    const ids = Array.from({ length: 20_000 }, next); // ~80 refills of the pool
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of [ids[0]!, ids.at(-1)!]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuidV7Time(id)).toBeGreaterThanOrEqual(started);
      expect(uuidV7Time(id)).toBeLessThanOrEqual(Date.now() + 50); // a burst may borrow a few milliseconds ahead
    }
    // the random tails differ: the pool is not reused
    const tails = new Set(ids.map((id) => id.slice(19)));
    expect(tails.size).toBe(ids.length);
  });
});
