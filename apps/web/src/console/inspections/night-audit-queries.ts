import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { ScoredCheck } from './checks-queries';

/**
 * The data of 夜间查岗 (issue 15 item 1): a project's month of night checks, under `night-checks` (the
 * checks themselves, the audits and their checklists are read through checks-queries.ts); read again
 * whenever shown (staleTime 0), as the other inspection lists.
 */
export const nightKeys = { nights: ['night-checks'] as const };

export type NightMonth = RouteResponse<'GET /api/night-checks'>;
export type CheckSummary = NightMonth['checks'][number];
export type WeatherWarning = NightMonth['warnings'][number];
export type AuditSampleData = NonNullable<ScoredCheck['sample']>;

export function useNightMonth(projectId: string, month: string) {
  return useQuery({
    queryKey: [...nightKeys.nights, projectId, month],
    queryFn: () => api('GET /api/night-checks', { query: { projectId, month } }),
    enabled: !!projectId,
    staleTime: 0,
  });
}

/** Today's date on a project's wall clock, 'YYYY-MM-DD' (a browser elsewhere may be a day off: the server reads dates in the project's zone). */
export const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
