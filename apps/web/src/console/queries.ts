import type { RouteBody, RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../shared/api';
import { useLiveBatches } from '../shared/live';
import { CASE_LISTS, refreshCaseLists } from './case-list';

/**
 * The console's data, one TanStack Query hook per feature. Keys are hierarchical so that a live event
 * invalidates exactly what changed: ['case', id, …] one case, ['cases', …] every list, ['notifications', …].
 */
export const keys = {
  case: (id: string) => ['case', id] as const,
  cases: ['cases'] as const,
  notifications: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  owner: (id: string) => ['owner', id] as const,
  reports: ['reports'] as const,
};

/** The tab's query cache (shared with the portal: shared/query-client.ts). */
export { newQueryClient } from '../shared/query-client';

export type StaffCase = RouteResponse<'GET /api/cases/:id'>['case'];
/** A case of the owner archive: its summary, as in every case list. */
export type OwnerArchiveCase = RouteResponse<'GET /api/owners/:id/archive'>['cases'][number];
export type CaseEvent = RouteResponse<'GET /api/cases/:id/events'>[number];
export type CaseClocks = RouteResponse<'GET /api/cases/:id/sla'>;
/** A row of a case list (the lists themselves: case-list.ts). */
export type QueueRow = RouteResponse<'GET /api/cases'>['items'][number];
export type Notification = RouteResponse<'GET /api/notifications'>[number];

/** One case: its record and allowed commands, history, clocks and files (four queries under ['case', id]). */
export function useCase(id: string) {
  const detail = useQuery({ queryKey: [...keys.case(id), 'detail'], queryFn: () => api('GET /api/cases/:id', { params: { id } }) });
  const ok = detail.isSuccess;
  const events = useQuery({ queryKey: [...keys.case(id), 'events'], queryFn: () => api('GET /api/cases/:id/events', { params: { id } }), enabled: ok });
  const clocks = useQuery({ queryKey: [...keys.case(id), 'sla'], queryFn: () => api('GET /api/cases/:id/sla', { params: { id } }), enabled: ok });
  const files = useQuery({
    queryKey: [...keys.case(id), 'attachments'],
    queryFn: () => api('GET /api/cases/:id/attachments', { params: { id } }),
    enabled: ok,
  });
  return { detail, events, clocks, files };
}

export type QueueName = NonNullable<RouteQuery<'GET /api/cases'>['queue']>;
export function useProjects() {
  return useQuery({ queryKey: ['projects'], queryFn: () => api('GET /api/projects'), staleTime: 5 * 60_000 });
}
export function useDepartments(enabled = true) {
  return useQuery({ queryKey: ['departments'], queryFn: () => api('GET /api/departments'), staleTime: 5 * 60_000, enabled });
}
export function useStaff(projectId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['staff', projectId ?? 'all'],
    queryFn: () => api('GET /api/staff', { query: projectId ? { projectId } : {} }),
    staleTime: 60_000,
    enabled,
  });
}

/** My notifications (the drawer), loaded while it is open. */
export function useNotifications(open: boolean) {
  return useQuery({
    queryKey: [...keys.notifications, 'list'],
    queryFn: () => api('GET /api/notifications', { query: { limit: 100 } }),
    enabled: open,
    staleTime: 0,
  });
}
/** The badge: counted by the server (GET /api/notifications/unread-count). */
export function useUnreadCount() {
  return useQuery({ queryKey: keys.unreadCount, queryFn: () => api('GET /api/notifications/unread-count'), select: (r) => r.count });
}

export type Grouping = 'month' | 'department' | 'project' | 'staff' | 'type' | 'clock';
/** The dashboard's year reports reload on this slow cadence (and on 刷新), never on a live event. */
export const REPORTS_REFRESH_MS = 10 * 60_000;
/** The year's reports reload slowly (every 10 minutes while shown) or on 刷新, never on a live event. */
export const REPORTS_CADENCE = { staleTime: REPORTS_REFRESH_MS, refetchInterval: REPORTS_REFRESH_MS, refetchIntervalInBackground: false } as const;
/**
 * The dashboard's two reports for this year, grouped alike (outcomes have no clocks: by month then).
 * A year's figures move slowly and cost the server most of any read: they are not refreshed by the
 * live stream (issue 11, item 3), only every ten minutes while the dashboard is open, or by its 刷新.
 */
/** The dashboard's period (local dates, `to` exclusive) and, when chosen, its one project. */
export interface ReportFilters {
  from: string;
  to: string;
  projectId?: string;
}

/** This year, as the dashboard opens. */
export function thisYear(): ReportFilters {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

export function useReports(groupBy: Grouping, filters: ReportFilters) {
  const outcomesBy = groupBy === 'clock' ? 'month' : groupBy;
  const cadence = REPORTS_CADENCE;
  return {
    timeliness: useQuery({
      queryKey: [...keys.reports, 'timeliness', groupBy, filters],
      queryFn: () => api('GET /api/reports/timeliness', { query: { groupBy, ...filters } }),
      ...cadence,
    }),
    outcomes: useQuery({
      queryKey: [...keys.reports, 'outcomes', outcomesBy, filters],
      queryFn: () => api('GET /api/reports/outcomes', { query: { groupBy: outcomesBy, ...filters } }),
      ...cadence,
    }),
  };
}

export function useOwnerArchive(id: string) {
  return useQuery({ queryKey: [...keys.owner(id), 'archive'], queryFn: () => api('GET /api/owners/:id/archive', { params: { id } }) });
}
/** Reveals one masked field of the archive (a contact, the ID number) for a stated reason; the server logs it. Changes no data. */
export function useRevealOwnerField(id: string) {
  return useMutation({
    mutationFn: (body: RouteBody<'POST /api/owners/:id/reveal'>) => api('POST /api/owners/:id/reveal', { params: { id }, body }),
  });
}

/**
 * After cases changed: each case list's first page (case-list.ts; a list scrolled down shows 有更新
 * instead) and the other lists under ['cases'] (我的工单) — never every loaded page of every list.
 */
export function invalidateCaseLists(client: QueryClient) {
  refreshCaseLists(client);
  void client.invalidateQueries({ queryKey: keys.cases, predicate: (q) => q.queryKey[1] !== CASE_LISTS[1] });
}

/**
 * The owner archives a burst touched: one that lists a changed case (its status, its history), and on
 * a new case every archive (the stream does not say whose it is; the new case may be that owner's).
 * Only archives on screen reload; the others are marked stale and reload when opened.
 */
function invalidateOwnerArchives(client: QueryClient, changed: ReadonlySet<string>, created: boolean) {
  void client.invalidateQueries({
    queryKey: ['owner'],
    predicate: (q) => {
      if (q.queryKey[2] !== 'archive') return false;
      if (created) return true;
      const archive = q.state.data as RouteResponse<'GET /api/owners/:id/archive'> | undefined;
      return !!archive?.cases.some((c) => changed.has(c.id));
    },
  });
}

/**
 * Bridges the tab's live stream to the cache (issue 11, item 2: refresh what changed, debounced). The
 * stream's events come in bursts (shared/live.tsx: one batch once it has been quiet for a second, at
 * most 4 s after the first), and a batch invalidates only what its events touch: each case's own
 * queries (['case', id, …]: record, history, clocks, files, people — reloaded only if on screen), the
 * FIRST page of each case list (case-list.ts: one request per list on screen), the other case-derived
 * lists (我的工单), the owner archives that list a changed case (any on a new case), and on an SLA alert or a change the notifications. Never the reports (the
 * dashboard refreshes them itself, slowly). While a list is loading a page the batch waits.
 */
export function useLiveInvalidation() {
  const client = useQueryClient();
  useLiveBatches(
    (events) => {
      const changed = new Set(events.map((e) => e.data.caseId));
      for (const id of changed) void client.invalidateQueries({ queryKey: keys.case(id) });
      invalidateCaseLists(client);
      invalidateOwnerArchives(
        client,
        changed,
        events.some((e) => e.type === 'case.created'),
      );
      if (events.some((e) => e.type === 'sla.alert' || e.type === 'case.changed')) void client.invalidateQueries({ queryKey: keys.notifications });
    },
    () => client.isFetching({ queryKey: CASE_LISTS }) > 0,
  );
}
