import { useQuery } from '@tanstack/react-query';
import type { RouteResponse } from '@guanjia/api-contract';
import { api } from '../shared/api';
import { keys } from './queries';

/**
 * Who and where at the desk (issue 10): the case page's owner card and people, dispatch's assignable
 * staff, a technician's work orders. Keys sit under ['case', id] and ['cases'] so that the tab's live
 * stream refreshes them with the case and the lists.
 */
export type CaseContext = RouteResponse<'GET /api/cases/:id/context'>;
export type WorkOrder = RouteResponse<'GET /api/work-orders'>['items'][number];
export type CallerHits = RouteResponse<'GET /api/intake/callers'>;

export function useCaseContext(id: string) {
  return useQuery({ queryKey: [...keys.case(id), 'context'], queryFn: () => api('GET /api/cases/:id/context', { params: { id } }) });
}

/** Who this case may be dispatched or reassigned to (its department's people, or the one asked for), with workload. */
export function useAssignableStaff(caseId: string, departmentId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...keys.case(caseId), 'assignable', departmentId ?? ''],
    queryFn: () => api('GET /api/cases/:id/assignable-staff', { params: { id: caseId }, query: departmentId ? { departmentId } : {} }),
    enabled,
    staleTime: 0,
  });
}

export function useWorkOrders(enabled = true) {
  return useQuery({ queryKey: [...keys.cases, 'work-orders'], queryFn: () => api('GET /api/work-orders'), enabled });
}

/** The intake's caller search: phone (full or last 4), name, or a unit written 1栋101 / 1-1-101 / 1单元101. */
export function searchCallers(q: string, projectId?: string): Promise<CallerHits> {
  return api('GET /api/intake/callers', { query: { q, ...(projectId ? { projectId } : {}), limit: 10 } });
}

/** The number to call about a case (logged by the server). */
export function revealPhone(caseId: string) {
  return api('POST /api/cases/:id/owner-phone', { params: { id: caseId }, body: {} });
}
