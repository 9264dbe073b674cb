import { seededRandom } from '../shared/seeded-random.ts';

export { seededRandom };
/**
 * The survey sample (满意度调查抽样, SPEC §8; seed 001 外部评价: 发放率不得少于30%, 入伙五年以上的项目
 * 15%, 随机并均匀分布): a random sample of a project's occupied households, stratified over its
 * buildings with proportional allocation (largest remainder), or every household (a census). Pure and
 * reproducible: the same households and seed give the same sample, so the stored seed audits it.
 */

/** A building's occupied households (a stratum): the households' ids (units). */
export interface Stratum {
  key: string;
  members: readonly string[];
}

export interface SampleAllocation {
  key: string;
  /** Households in the stratum. */
  size: number;
  /** Households drawn from it. */
  drawn: number;
}

export interface DrawnSample {
  /** The households drawn, stratum by stratum (strata in key order, each in draw order). */
  households: { key: string; id: string }[];
  allocation: SampleAllocation[];
  total: number;
}

/** The default rates: 30% of households; 15% in an estate occupied (入伙) more than five years. */
export const SURVEY_SAMPLE_RATE = 0.3;
export const SURVEY_SAMPLE_RATE_MATURE = 0.15;
export const MATURE_ESTATE_YEARS = 5;

/** The rate for a project occupied since `occupiedSince` (a local date, null: unknown → the higher rate) as of `today`. */
export function defaultSampleRate(occupiedSince: string | null, today: string): number {
  if (!occupiedSince) return SURVEY_SAMPLE_RATE;
  const [y, m, d] = occupiedSince.split('-').map(Number) as [number, number, number];
  const fifth = `${String(y + MATURE_ESTATE_YEARS).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return today > fifth ? SURVEY_SAMPLE_RATE_MATURE : SURVEY_SAMPLE_RATE;
}

/** The sample's size: at least `rate` of the households (rounded up), never more than there are. */
export function surveySampleSize(households: number, rate: number): number {
  if (households <= 0) return 0;
  // a tiny epsilon keeps 0.3 × 10 at 3 (floating point makes it 3.0000000000000004)
  return Math.min(households, Math.max(1, Math.ceil(households * rate - 1e-9)));
}

/**
 * Proportional allocation by largest remainder (Hamilton): each stratum gets floor(n × size / N), and
 * the households left over go one each to the strata with the largest fractional parts (ties: the
 * larger stratum, then key order). Every stratum's share is within one of its exact quota.
 */
export function allocate(sizes: readonly { key: string; size: number }[], n: number): SampleAllocation[] {
  const total = sizes.reduce((s, x) => s + x.size, 0);
  if (total === 0) return sizes.map((x) => ({ key: x.key, size: x.size, drawn: 0 }));
  const target = Math.min(n, total);
  const rows = sizes.map((x, i) => {
    const exact = (target * x.size) / total;
    const drawn = Math.floor(exact);
    return { i, key: x.key, size: x.size, drawn, rest: exact - drawn };
  });
  let left = target - rows.reduce((s, r) => s + r.drawn, 0);
  const order = rows.filter((r) => r.drawn < r.size).sort((a, b) => b.rest - a.rest || b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of order) {
    if (left <= 0) break;
    r.drawn += 1;
    left -= 1;
  }
  return rows.map((r) => ({ key: r.key, size: r.size, drawn: r.drawn }));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function sortedCopy(xs: readonly string[]): readonly string[] {
  for (let i = 1; i < xs.length; i += 1) if (xs[i - 1]! > xs[i]!) return [...xs].sort(byText);
  return xs;
}

/**
 * Draws the sample: `census` takes every household; otherwise `surveySampleSize(N, rate)` households,
 * allocated over the strata proportionally and drawn within each by a partial Fisher–Yates shuffle
 * from the seeded PRNG. The strata and their members are put in key/id order first (a no-op when the
 * caller read them ordered), so the result depends only on the set of households and the seed.
 */
export function drawSample(strata: readonly Stratum[], options: { rate: number; seed: number; census?: boolean }): DrawnSample {
  const ordered = [...strata].sort((a, b) => byText(a.key, b.key));
  const total = ordered.reduce((s, x) => s + x.members.length, 0);
  const n = options.census ? total : surveySampleSize(total, options.rate);
  const allocation = allocate(
    ordered.map((s) => ({ key: s.key, size: s.members.length })),
    n,
  );
  const random = seededRandom(options.seed);
  const households: { key: string; id: string }[] = [];
  for (let s = 0; s < ordered.length; s += 1) {
    const want = allocation[s]!.drawn;
    if (want === 0) continue;
    const key = ordered[s]!.key;
    const members = sortedCopy(ordered[s]!.members);
    if (want === members.length) {
      for (const id of members) households.push({ key, id });
      continue;
    }
    // partial Fisher–Yates on a copy of the stratum (a building's few hundred ids: cheaper than tracking swaps)
    const pool = members.slice();
    for (let i = 0; i < want; i += 1) {
      const j = i + Math.floor(random() * (pool.length - i));
      const pick = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = pick;
      households.push({ key, id: pick });
    }
  }
  return { households, allocation, total: n };
}

/** A fresh seed for a campaign's sample (stored with it): 32 bits from the caller's randomness. */
export function newSampleSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 4294967296) >>> 0;
}
