import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUuidV7, timeOrderedIds, uuidV7Time } from './ids.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A source replaying given clock readings and random bytes. */
function replay(times: number[], seeds: number[]) {
  let i = 0;
  return timeOrderedIds({
    now: () => times[i % times.length]!,
    random: (bytes) => {
      const seed = seeds[i % seeds.length]!;
      for (let b = 0; b < bytes.length; b++) bytes[b] = (seed * (b + 7) + b * 31) & 0xff;
      i += 1;
    },
  });
}

describe('time-ordered ids (UUID v7)', () => {
  it('are well-formed, strictly increasing as text and never earlier than the latest clock reading, even when the clock steps back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 300 }),
        (times, seeds, count) => {
          const next = replay(times, seeds);
          let previous = '';
          let latest = 0;
          for (let k = 0; k < count; k++) {
            const id = next();
            latest = Math.max(latest, times[k % times.length]!);
            expect(id).toMatch(V7);
            expect(id > previous).toBe(true);
            expect(uuidV7Time(id)).toBeGreaterThanOrEqual(latest);
            previous = id;
          }
        },
      ),
    );
  });

  it('stay in order past 4,096 ids in one millisecond (borrowing the next millisecond)', () => {
    const next = replay([1_764_000_000_000], [255]);
    const ids = Array.from({ length: 10_000 }, next);
    expect(new Set(ids).size).toBe(10_000);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids.at(-1)!)).toBeGreaterThan(1_764_000_000_000);
  });

  it('put the timestamp first, big-endian', () => {
    const id = formatUuidV7(0x0123456789ab, 0xabc, new Uint8Array(16).fill(0xff));
    expect(id).toBe('01234567-89ab-7abc-bfff-ffffffffffff');
    expect(uuidV7Time(id)).toBe(0x0123456789ab);
  });
});
