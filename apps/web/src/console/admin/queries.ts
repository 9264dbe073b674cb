import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { phraseListKey, usePhraseList } from '../LanguageGuard';

/**
 * Administration's data, one TanStack Query hook per record kind (projects, departments and staff
 * are shared with the rest of the console: ../queries.ts). Writes go through `useAdminWrite`, which
 * invalidates the lists the write changed, so every tab showing them reloads.
 */
export const adminKeys = {
  projects: ['projects'] as const,
  departments: ['departments'] as const,
  staff: ['staff'] as const,
  buildings: (projectId: string) => ['buildings', projectId] as const,
  allBuildings: ['buildings'] as const,
  units: (buildingId: string) => ['units', buildingId] as const,
  allUnits: ['units'] as const,
  calendarYears: ['calendar-years'] as const,
  calendar: (projectId: string) => ['calendar', projectId] as const,
  allCalendars: ['calendar'] as const,
  slaRules: (projectId: string) => ['sla-rules', projectId] as const,
  serviceLanguage: phraseListKey,
};

export function useBuildings(projectId: string) {
  return useQuery({ queryKey: adminKeys.buildings(projectId), queryFn: () => api('GET /api/projects/:id/buildings', { params: { id: projectId } }) });
}
/** The units of one building (up to 1,000: a building has fewer). */
export function useUnits(buildingId: string) {
  return useQuery({ queryKey: adminKeys.units(buildingId), queryFn: () => api('GET /api/units', { query: { buildingId, limit: 1000 } }) });
}
/** The organization's calendar years (holidays, make-up working days). */
export function useCalendarYears() {
  return useQuery({ queryKey: adminKeys.calendarYears, queryFn: () => api('GET /api/calendar-years') });
}
/** A project's own calendar: working week, own dates, working spans. */
export function useProjectCalendar(projectId: string) {
  return useQuery({ queryKey: adminKeys.calendar(projectId), queryFn: () => api('GET /api/projects/:id/calendar', { params: { id: projectId } }) });
}
export function useSlaRules(projectId: string) {
  return useQuery({ queryKey: adminKeys.slaRules(projectId), queryFn: () => api('GET /api/projects/:id/sla-rules', { params: { id: projectId } }) });
}

/** The company's barred phrases (also refreshing the copy the reply guard checks against). */
export function useServiceLanguage() {
  return usePhraseList();
}

/**
 * A write of administration (create, edit, save a table): runs the call it is given, and once it
 * succeeds invalidates `changed` (the lists it altered) before resolving, so forms that close on
 * success show the new data. Calendar and SLA writes recompute clocks: cases are invalidated too.
 */
export function useAdminWrite(...changed: QueryKey[]) {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (call: () => Promise<unknown>) => call(),
    onSuccess: () => Promise.all(changed.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
  return <T>(call: () => Promise<T>) => mutation.mutateAsync(call) as Promise<T>;
}
