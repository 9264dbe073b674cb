import type { RouteBody, RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../shared/api';
import { useLive, type LiveType } from '../shared/live';

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
export type CaseEvent = RouteResponse<'GET /api/cases/:id/events'>[number];
export type CaseClocks = RouteResponse<'GET /api/cases/:id/sla'>;
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
type CaseType = QueueRow['type'];

/**
 * A whole queue, fetched in pages of 500 (up to 20,000 rows). A new view shows each page as it
 * arrives; a refresh (the same view, after a live event) swaps the list in whole once complete.
 */
export function useQueue(queue: QueueName, q: string, types: CaseType[]) {
  const client = useQueryClient();
  const queryKey: QueryKey = [...keys.cases, 'queue', queue, q, types];
  return useQuery({
    queryKey,
    staleTime: Infinity,
    queryFn: async () => {
      const progressive = client.getQueryData(queryKey) === undefined;
      const all: QueueRow[] = [];
      let cursor: string | null = null;
      do {
        const page: RouteResponse<'GET /api/cases'> = await api('GET /api/cases', {
          query: { queue, limit: 500, ...(q ? { q } : {}), ...(types.length ? { type: types } : {}), ...(cursor ? { cursor } : {}) },
        });
        all.push(...page.items);
        cursor = page.nextCursor;
        if (progressive && cursor) client.setQueryData(queryKey, [...all]);
      } while (cursor && all.length < 20_000);
      if (queue !== 'at_risk') all.sort((a, b) => ((a.nextDueAt ?? '9') < (b.nextDueAt ?? '9') ? -1 : (a.nextDueAt ?? '9') > (b.nextDueAt ?? '9') ? 1 : 0));
      return all;
    },
  });
}

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
/** The dashboard's two reports for this year, grouped alike (outcomes have no clocks: by month then). */
export function useReports(groupBy: Grouping) {
  const year = new Date().getFullYear();
  const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const outcomesBy = groupBy === 'clock' ? 'month' : groupBy;
  return {
    timeliness: useQuery({
      queryKey: [...keys.reports, 'timeliness', groupBy, year],
      queryFn: () => api('GET /api/reports/timeliness', { query: { groupBy, ...period } }),
    }),
    outcomes: useQuery({
      queryKey: [...keys.reports, 'outcomes', outcomesBy, year],
      queryFn: () => api('GET /api/reports/outcomes', { query: { groupBy: outcomesBy, ...period } }),
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
 * Bridges the tab's live stream to the cache: a changed or new case invalidates that case and every
 * list; an SLA alert also the notifications. Coalesced: events are gathered and flushed at most every
 * half second, and while lists are still loading the flush waits, so a burst of changes costs a few
 * reloads, never one per event.
 */
export function useLiveInvalidation() {
  const client = useQueryClient();
  const pending = useRef({ cases: new Set<string>(), lists: false, notifications: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const flush = () => {
    timer.current = null;
    if (client.isFetching({ queryKey: keys.cases }) > 0) {
      timer.current = setTimeout(flush, 1_000);
      return;
    }
    const p = pending.current;
    pending.current = { cases: new Set(), lists: false, notifications: false };
    for (const id of p.cases) void client.invalidateQueries({ queryKey: keys.case(id) });
    if (p.lists) void client.invalidateQueries({ queryKey: keys.cases });
    if (p.lists) void client.invalidateQueries({ queryKey: keys.reports });
    if (p.notifications) void client.invalidateQueries({ queryKey: keys.notifications });
  };
  useLive((type: LiveType, data) => {
    pending.current.cases.add(data.caseId);
    pending.current.lists = true;
    if (type === 'sla.alert' || type === 'case.changed') pending.current.notifications = true;
    timer.current ??= setTimeout(flush, 500);
  });
}
