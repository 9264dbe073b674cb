import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * The data of 夜间查岗 and 沟通工作检查 (issue 15 item 1): a project's month of night checks, the
 * communication audits, and one check with its drawn sample. Keys under `night-checks` and
 * `inspections` (the scored checks' root), so entering a warning or starting an audit reloads them;
 * read again whenever shown (staleTime 0), as the other inspection lists.
 */
const FRESH = { staleTime: 0 } as const;
export const nightAuditKeys = {
  nights: ['night-checks'] as const,
  checks: ['inspections'] as const,
};

export type NightMonth = RouteResponse<'GET /api/night-checks'>;
export type CheckSummary = NightMonth['checks'][number];
export type WeatherWarning = NightMonth['warnings'][number];
export type ScoredCheck = RouteResponse<'GET /api/inspections/:id'>;
export type AuditSampleData = NonNullable<ScoredCheck['sample']>;

export function useNightMonth(projectId: string, month: string) {
  return useQuery({
    queryKey: [...nightAuditKeys.nights, projectId, month],
    queryFn: () => api('GET /api/night-checks', { query: { projectId, month } }),
    enabled: !!projectId,
    ...FRESH,
  });
}

/** The communication audits of a project (or of every project in scope), the latest first. */
export function useAudits(projectId: string) {
  return useQuery({
    queryKey: [...nightAuditKeys.checks, 'list', 'communication_audit', projectId],
    queryFn: () => api('GET /api/inspections', { query: { kind: 'communication_audit', ...(projectId ? { projectId } : {}), limit: 200 } }),
    ...FRESH,
  });
}

/** One check (its sample for an audit). */
export function useScoredCheck(id: string | null) {
  return useQuery({
    queryKey: [...nightAuditKeys.checks, 'one', id],
    queryFn: () => api('GET /api/inspections/:id', { params: { id: id! } }),
    enabled: !!id,
    retry: false,
    ...FRESH,
  });
}

/** The organization's communication-audit checklists in use (the form's optional choice). */
export function useAuditTemplates(enabled: boolean) {
  return useQuery({
    queryKey: [...nightAuditKeys.checks, 'templates', 'communication_audit'],
    queryFn: () => api('GET /api/checklist-templates', { query: { kind: 'communication_audit', active: 'true' } }),
    enabled,
    ...FRESH,
  });
}

/** Today's date on a project's wall clock, 'YYYY-MM-DD' (a browser elsewhere may be a day off: the server reads dates in the project's zone). */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
