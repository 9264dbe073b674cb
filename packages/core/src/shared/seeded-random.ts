/**
 * mulberry32: a small seeded PRNG (32-bit state), uniform in [0, 1). Every draw that must be
 * reproducible from a stored seed (the weekly callback sample, a survey's sample) uses it — never
 * Math.random.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
