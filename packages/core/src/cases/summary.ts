import { CASE_SUMMARY_FIELDS, type CaseSummaryField } from '@guanjia/vocabulary';
import type { CaseRecord } from './case.ts';

export { CASE_SUMMARY_FIELDS, type CaseSummaryField };

/** A case as lists show it (CASE_SUMMARY_FIELDS of the vocabulary): lists read only these columns; the case page reads the whole case. */
export type CaseSummary = Pick<CaseRecord, CaseSummaryField>;

/** The summary of a case read whole (a search hit, a case of the at-risk queue). */
export function toCaseSummary(c: CaseSummary): CaseSummary {
  const out = {} as Record<CaseSummaryField, unknown>;
  for (const field of CASE_SUMMARY_FIELDS) out[field] = c[field];
  return out as CaseSummary;
}
