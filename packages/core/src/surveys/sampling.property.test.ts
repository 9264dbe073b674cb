import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, defaultSampleRate, drawSample, surveySampleSize, type Stratum } from './sampling.ts';

/** Buildings (strata) of 0–60 households each, ids unique across the project. */
const strata = fc
  .array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 25 })
  .map((sizes) => sizes.map((size, b): Stratum => ({ key: `b${String(b).padStart(3, '0')}`, members: Array.from({ length: size }, (_, u) => `b${b}-u${u}`) })));
const rate = fc.constantFrom(0.15, 0.3, 0.5, 0.01, 1);
const seed = fc.integer({ min: 0, max: 0xffffffff });

describe('the survey sample (分层随机抽样)', () => {
  it('draws ceil(rate × N) households, none twice, each from its own building', () => {
    fc.assert(
      fc.property(strata, rate, seed, (s, r, sd) => {
        const total = s.reduce((n, x) => n + x.members.length, 0);
        const sample = drawSample(s, { rate: r, seed: sd });
        const expected = total === 0 ? 0 : Math.min(total, Math.max(1, Math.ceil(total * r - 1e-9)));
        expect(sample.households.length).toBe(expected);
        const ids = sample.households.map((h) => h.id);
        expect(new Set(ids).size).toBe(ids.length);
        const home = new Map(s.flatMap((x) => x.members.map((m) => [m, x.key] as const)));
        for (const h of sample.households) expect(home.get(h.id)).toBe(h.key);
      }),
    );
  });

  it('allocates each building its proportional quota within one household (largest remainder)', () => {
    fc.assert(
      fc.property(strata, rate, seed, (s, r, sd) => {
        const total = s.reduce((n, x) => n + x.members.length, 0);
        const sample = drawSample(s, { rate: r, seed: sd });
        const drawnOf = new Map<string, number>();
        for (const h of sample.households) drawnOf.set(h.key, (drawnOf.get(h.key) ?? 0) + 1);
        for (const x of s) {
          const quota = total ? (sample.total * x.members.length) / total : 0;
          const drawn = drawnOf.get(x.key) ?? 0;
          expect(drawn).toBeGreaterThanOrEqual(Math.floor(quota));
          expect(drawn).toBeLessThanOrEqual(Math.ceil(quota));
          expect(drawn).toBeLessThanOrEqual(x.members.length);
        }
      }),
    );
  });

  it('the stored seed reproduces the sample, whatever order the households were read in', () => {
    fc.assert(
      fc.property(strata, rate, seed, fc.integer(), (s, r, sd, shuffleSeed) => {
        const first = drawSample(s, { rate: r, seed: sd });
        // the same households, buildings and members in another order
        let x = shuffleSeed >>> 0;
        const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
        const shuffled = [...s].reverse().map((st) => ({ key: st.key, members: [...st.members].sort(() => next() - 0.5) }));
        expect(drawSample(shuffled, { rate: r, seed: sd }).households).toEqual(first.households);
      }),
    );
  });

  it('a census takes every household', () => {
    fc.assert(
      fc.property(strata, seed, (s, sd) => {
        const sample = drawSample(s, { rate: 0.3, seed: sd, census: true });
        expect(sample.households.map((h) => h.id).sort()).toEqual(s.flatMap((x) => x.members).sort());
      }),
    );
  });

  it('largest remainder: shares sum to n and follow the quotas', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 5000 }), (sizes, n) => {
        const rows = allocate(
          sizes.map((size, i) => ({ key: `k${i}`, size })),
          n,
        );
        const total = sizes.reduce((a, b) => a + b, 0);
        expect(rows.reduce((a, r) => a + r.drawn, 0)).toBe(Math.min(n, total));
        for (const r of rows) expect(r.drawn).toBeLessThanOrEqual(r.size);
      }),
    );
  });

  it('samples 15% in an estate occupied more than five years, else 30%', () => {
    expect(defaultSampleRate('2020-06-01', '2026-06-01')).toBe(0.15);
    expect(defaultSampleRate('2021-06-01', '2026-06-01')).toBe(0.3);
    expect(defaultSampleRate('2021-05-31', '2026-06-01')).toBe(0.15);
    expect(defaultSampleRate(null, '2026-06-01')).toBe(0.3);
    expect(surveySampleSize(10, 0.3)).toBe(3);
    expect(surveySampleSize(3, 0.3)).toBe(1);
  });
});
