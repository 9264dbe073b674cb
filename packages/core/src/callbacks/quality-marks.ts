import { QUALITY_MARK_REASONS, type QualityMarkReason } from '@guanjia/vocabulary';
import { refuse, type Refusal } from '../shared/errors.ts';

export {
  QUALITY_MARK_REASONS,
  QUALITY_MARK_REASON_LABELS,
  RATING_SCORES,
  RATING_SCORE_LABELS,
  type QualityMarkReason,
  type RatingScore,
} from '@guanjia/vocabulary';

/**
 * A supervisor's own quality mark on a case (质量评定, SPEC §7): one or more reason codes and a note,
 * kept apart from the owner's feedback. `other` needs a note saying what it was.
 */
export interface QualityMarkInput {
  reasons: readonly QualityMarkReason[];
  note?: string | null;
}

export function checkQualityMark(input: QualityMarkInput): Refusal | null {
  if (input.reasons.length === 0) return refuse('FIELD_REQUIRED', 'reasons');
  const seen = new Set<string>();
  for (const [i, r] of input.reasons.entries()) {
    if (!(QUALITY_MARK_REASONS as readonly string[]).includes(r)) return refuse('FIELD_INVALID', `reasons.${i}`, { reason: QUALITY_MARK_REASONS.join(' | ') });
    if (seen.has(r)) return refuse('FIELD_INVALID', `reasons.${i}`, { reason: `duplicate ${r}` });
    seen.add(r);
  }
  if (input.reasons.includes('other') && !input.note?.trim()) return refuse('FIELD_REQUIRED', 'note');
  return null;
}

/** One row of the chart: marks of one project in one month (YYYY-MM) for one reason. */
export interface QualityMarkTally {
  projectId: string;
  month: string;
  reason: QualityMarkReason;
  count: number;
}

/** Counts by reason per month per project (a mark with two reasons counts under each), ordered for charting. */
export function tallyQualityMarks(marks: readonly { projectId: string; month: string; reasons: readonly QualityMarkReason[] }[]): QualityMarkTally[] {
  const counts = new Map<string, QualityMarkTally>();
  for (const m of marks)
    for (const reason of m.reasons) {
      const key = `${m.projectId}\u0000${m.month}\u0000${reason}`;
      const row = counts.get(key);
      if (row) row.count++;
      else counts.set(key, { projectId: m.projectId, month: m.month, reason, count: 1 });
    }
  const order = (r: QualityMarkReason) => QUALITY_MARK_REASONS.indexOf(r);
  return [...counts.values()].sort((a, b) =>
    a.projectId !== b.projectId ? (a.projectId < b.projectId ? -1 : 1) : a.month !== b.month ? (a.month < b.month ? -1 : 1) : order(a.reason) - order(b.reason),
  );
}

/** How many months from one YYYY-MM to another (0 for the same month; negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}
