/**
 * Checklists and checks (检查表, issue 15 item 1; SPEC §11; seed 001 内部检查): a template of items, each
 * with its specialty and points; a check scores item by item (pass, a deduction, or not applicable),
 * and every item found wanting becomes a defect. The kinds are the seeds' levels and rhythms.
 */

// daily checks on three levels, night spot checks, the quality department's monthly and quarterly
// checks, the supervising department's communication audits (the words live in vocabulary)
export { INSPECTION_KINDS, type InspectionKind } from '@guanjia/vocabulary';
import type { InspectionKind } from '@guanjia/vocabulary';

export { SPECIALTIES, type Specialty } from '@guanjia/vocabulary';
import type { Specialty } from '@guanjia/vocabulary';

export interface ChecklistItem {
  id: string;
  text: string;
  specialty: Specialty;
  /** The item's full points (> 0). */
  points: number;
}

export type ItemResult =
  { itemId: string; outcome: 'pass' } | { itemId: string; outcome: 'na' } | { itemId: string; outcome: 'fail'; deduction: number; note: string };

export type ChecklistProblem =
  | { field: 'items'; problem: 'empty' | 'duplicate_id' }
  | { field: `items.${number}.points`; problem: 'points' }
  | { field: `items.${number}.text`; problem: 'text' };

/** A template's items: at least one, ids unique, text present, points a positive whole number up to 100. */
export function checklistProblems(items: readonly ChecklistItem[]): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  if (!items.length) out.push({ field: 'items', problem: 'empty' });
  if (new Set(items.map((i) => i.id)).size !== items.length) out.push({ field: 'items', problem: 'duplicate_id' });
  items.forEach((i, n) => {
    if (!i.text.trim()) out.push({ field: `items.${n}.text`, problem: 'text' });
    if (!Number.isInteger(i.points) || i.points < 1 || i.points > 100) out.push({ field: `items.${n}.points`, problem: 'points' });
  });
  return out;
}

export type ResultProblem = { index: number; field: 'itemId' | 'deduction' | 'note'; problem: 'unknown' | 'duplicate' | 'range' | 'required' };

/** The results against the template: each a known item once; a failure deducts 1..points and says why. Missing items are allowed while a check is in progress. */
export function resultProblems(items: readonly ChecklistItem[], results: readonly ItemResult[]): ResultProblem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const out: ResultProblem[] = [];
  results.forEach((r, index) => {
    const item = byId.get(r.itemId);
    if (!item) return void out.push({ index, field: 'itemId', problem: 'unknown' });
    if (seen.has(r.itemId)) out.push({ index, field: 'itemId', problem: 'duplicate' });
    seen.add(r.itemId);
    if (r.outcome === 'fail') {
      if (!Number.isInteger(r.deduction) || r.deduction < 1 || r.deduction > item.points) out.push({ index, field: 'deduction', problem: 'range' });
      if (!r.note.trim()) out.push({ index, field: 'note', problem: 'required' });
    }
  });
  return out;
}

export interface CheckScore {
  /** Points of the applicable items, and what was kept of them. */
  possible: number;
  awarded: number;
  /** awarded / possible × 100, one decimal; null when nothing applied. */
  percent: number | null;
  failed: number;
  unanswered: number;
  bySpecialty: Partial<Record<Specialty, { possible: number; awarded: number; failed: number }>>;
}

/** The score of a check: deductions from the applicable items' points (the seeds' 逐项分解量化打分). */
export function scoreCheck(items: readonly ChecklistItem[], results: readonly ItemResult[]): CheckScore {
  const byItem = new Map(results.map((r) => [r.itemId, r]));
  const score: CheckScore = { possible: 0, awarded: 0, percent: null, failed: 0, unanswered: 0, bySpecialty: {} };
  for (const item of items) {
    const r = byItem.get(item.id);
    if (!r) {
      score.unanswered++;
      continue;
    }
    if (r.outcome === 'na') continue;
    const kept = r.outcome === 'fail' ? item.points - Math.min(item.points, Math.max(0, r.deduction)) : item.points;
    const s = (score.bySpecialty[item.specialty] ??= { possible: 0, awarded: 0, failed: 0 });
    score.possible += item.points;
    score.awarded += kept;
    s.possible += item.points;
    s.awarded += kept;
    if (r.outcome === 'fail') {
      score.failed++;
      s.failed++;
    }
  }
  score.percent = score.possible ? Math.round((score.awarded / score.possible) * 1000) / 10 : null;
  return score;
}

/** A check needs the signatures of the inspector and of the inspected for these kinds (夜间查岗: 双方签字认可; the daily and monthly sheets too). */
export function signaturesRequired(kind: InspectionKind): { inspector: boolean; inspected: boolean } {
  return { inspector: true, inspected: kind !== 'communication_audit' && kind !== 'quarterly_property' };
}
