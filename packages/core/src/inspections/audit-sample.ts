import { canonicalPopulation } from '../callbacks/weekly-sample.ts';
import { seededRandom } from '../shared/seeded-random.ts';

/**
 * The communication audit's spot check (沟通工作检查, seed 002 七: 不定期抽查沟通记录): a random sample of
 * a project's cases of a period, drawn reproducibly — the audit keeps its 32-bit seed, and the same
 * population and seed give the same sample, so anyone can re-derive it. A partial Fisher–Yates shuffle
 * of the canonical population (distinct ids, sorted) driven by seededRandom; the drawn ids come back sorted.
 */

/** At most this many records are drawn for one audit. */
export const AUDIT_SAMPLE_MAX = 50;

export function drawAuditSample(population: readonly string[], size: number, seed: number): string[] {
  const ids = canonicalPopulation(population);
  const k = Math.max(0, Math.min(ids.length, Math.floor(size)));
  const next = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return canonicalPopulation(ids.slice(0, k));
}
