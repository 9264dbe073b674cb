import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * The data of the scored checks' pages (检查表, 检查; issue 15 item 1). Keys under `checklist-templates`
 * and `inspections`; like the other inspection lists, read again whenever shown (no live events).
 */
const FRESH = { staleTime: 0 } as const;
export const checkKeys = {
  templates: ['checklist-templates'] as const,
  checks: ['inspections'] as const,
  check: (id: string) => ['inspections', 'one', id] as const,
};

export type ChecklistTemplate = RouteResponse<'GET /api/checklist-templates'>['items'][number];
export type ChecklistItem = ChecklistTemplate['items'][number];
export type InspectionKind = ChecklistTemplate['kind'];
export type CheckRow = RouteResponse<'GET /api/inspections'>['items'][number];
export type ScoredCheck = RouteResponse<'GET /api/inspections/:id'>;
export type ItemResult = ScoredCheck['results'][number];
export type CheckFilters = Omit<RouteQuery<'GET /api/inspections'>, 'limit'>;

/** The capabilities that keep a kind's checklists and make its checks (core scored-checks.ts): the departments' kinds are inspection.audit's. */
const DEPARTMENT_KINDS: readonly InspectionKind[] = ['monthly_management', 'quarterly_property', 'communication_audit'];
export const keeperOf = (kind: InspectionKind) => (DEPARTMENT_KINDS.includes(kind) ? 'inspection.audit' : 'inspection.admin');
export const inspectorOf = (kind: InspectionKind) => (DEPARTMENT_KINDS.includes(kind) ? 'inspection.audit' : 'inspection.check');

/** A check's status colour (antd Tag). */
export const STATUS_COLOURS: Record<string, string> = { scheduled: 'orange', in_progress: 'blue', submitted: 'green' };

export function useChecklists(kind?: InspectionKind, activeOnly = false) {
  return useQuery({
    queryKey: [...checkKeys.templates, kind ?? 'all', activeOnly],
    queryFn: () => api('GET /api/checklist-templates', { query: { ...(kind ? { kind } : {}), ...(activeOnly ? { active: 'true' } : {}) } }),
    ...FRESH,
  });
}

export function useChecks(filters: CheckFilters) {
  return useQuery({
    queryKey: [...checkKeys.checks, 'list', filters],
    queryFn: () => api('GET /api/inspections', { query: { ...filters, limit: 500 } }),
    ...FRESH,
  });
}

export function useCheck(id: string) {
  return useQuery({ queryKey: checkKeys.check(id), queryFn: () => api('GET /api/inspections/:id', { params: { id } }), retry: false, ...FRESH });
}

/** The project's closures awaiting verification (消项待验证): a check may verify them; one's own closure is the server's to refuse. */
export function useClosuresToVerify(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['defects', 'list', { projectId, status: 'closed' }],
    queryFn: () => api('GET /api/defects', { query: { projectId, status: 'closed', limit: 50 } }),
    enabled: enabled && !!projectId,
    ...FRESH,
  });
}

export type CheckDuties = RouteResponse<'GET /api/check-duties'>;
export type CheckDutyRow = CheckDuties['items'][number];

/** 应检情况: each office's checks owed in a month (the server's month when none is asked: its clock, not the browser's). */
export function useCheckDuties(month: string | null) {
  return useQuery({
    queryKey: ['inspections', 'duties', month ?? 'current'],
    queryFn: () => api('GET /api/check-duties', { query: month ? { month } : {} }),
    ...FRESH,
  });
}
