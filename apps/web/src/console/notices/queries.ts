import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * The data of notices, statutory postings and the outage register (issue 13 items 5–7), one TanStack
 * Query hook per list: the ledger (paged with the server's `next` cursor) and its figures, one notice,
 * its reach and recipients, the steward's paper tasks, a project's statutory schedules and their
 * postings, a project's outages, those covering a caller's unit and a case's. Every key starts with one of
 * `noticeKeys`' roots, so a change reloads exactly its lists.
 */
export const noticeKeys = {
  notices: ['notices'] as const,
  ledger: (filters: LedgerFilters) => ['notices', 'ledger', filters] as const,
  figures: (ids: readonly string[]) => ['notices', 'figures', ids] as const,
  notice: (id: string) => ['notices', 'one', id] as const,
  reach: (id: string, version: number) => ['notices', 'one', id, 'reach', version] as const,
  recipients: (id: string, filters: RecipientFilters) => ['notices', 'one', id, 'recipients', filters] as const,
  postings: ['notice-postings'] as const,
  statutory: ['statutory'] as const,
  schedules: (projectId: string) => ['statutory', projectId] as const,
  statutoryPostings: (scheduleId: string) => ['statutory', 'postings', scheduleId] as const,
  outages: ['outages'] as const,
  projectOutages: (projectId: string, active: boolean) => ['outages', projectId, active] as const,
  unitOutages: (unitId: string) => ['outages', 'unit', unitId] as const,
  caseOutages: (caseId: string) => ['outages', 'case', caseId] as const,
};

export type Notice = RouteResponse<'GET /api/notices'>['items'][number];
export type NoticeDetail = RouteResponse<'GET /api/notices/:id'>;
export type NoticeReach = RouteResponse<'GET /api/notices/:id/reach'>;
export type NoticeRecipient = RouteResponse<'GET /api/notices/:id/recipients'>['items'][number];
export type NoticeFigures = RouteResponse<'GET /api/notices/figures'>[number];
export type NoticePosting = RouteResponse<'GET /api/notice-postings'>[number];
export type StatutorySchedule = RouteResponse<'GET /api/projects/:id/statutory-schedules'>[number];
export type StatutoryPosting = RouteResponse<'GET /api/statutory-schedules/:id/postings'>[number];
export type Outage = RouteResponse<'GET /api/outages'>[number];

export type LedgerFilters = Omit<RouteQuery<'GET /api/notices'>, 'limit' | 'before'>;
export type RecipientFilters = Omit<RouteQuery<'GET /api/notices/:id/recipients'>, 'limit' | 'before'>;

/** 信息公布台帐: the notices of the caller's projects, newest first, 30 a page. */
export function useNoticeLedger(filters: LedgerFilters) {
  return useInfiniteQuery({
    queryKey: noticeKeys.ledger(filters),
    queryFn: ({ pageParam }) => api('GET /api/notices', { query: { ...filters, limit: 30, ...(pageParam ? { before: pageParam } : {}) } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** The ledger's figures (pushes per status, read receipts) of the notices shown. */
export function useNoticeFigures(ids: readonly string[]) {
  return useQuery({
    queryKey: noticeKeys.figures(ids),
    queryFn: () => api('GET /api/notices/figures', { query: { ids: [...ids] } }),
    enabled: ids.length > 0,
  });
}

/** One notice with its original, delivery figures, read receipts and paper tasks. */
export function useNotice(id: string) {
  return useQuery({ queryKey: noticeKeys.notice(id), queryFn: () => api('GET /api/notices/:id', { params: { id } }), enabled: !!id });
}

/** Whom the notice reaches now (buildings, units, owners per channel or why not); read again for each version of the draft. */
export function useNoticeReach(id: string, version: number) {
  return useQuery({ queryKey: noticeKeys.reach(id, version), queryFn: () => api('GET /api/notices/:id/reach', { params: { id } }), enabled: !!id });
}

/** Each owner a notice was pushed to, 50 a page. */
export function useNoticeRecipients(id: string, filters: RecipientFilters) {
  return useInfiniteQuery({
    queryKey: noticeKeys.recipients(id, filters),
    queryFn: ({ pageParam }) =>
      api('GET /api/notices/:id/recipients', { params: { id }, query: { ...filters, limit: 50, ...(pageParam ? { before: pageParam } : {}) } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** My open paper tasks (the area steward's), soonest first. */
export function useMyPostings() {
  return useQuery({ queryKey: noticeKeys.postings, queryFn: () => api('GET /api/notice-postings') });
}

/** A project's statutory posting schedules with their status. */
export function useStatutorySchedules(projectId: string) {
  return useQuery({
    queryKey: noticeKeys.schedules(projectId),
    queryFn: () => api('GET /api/projects/:id/statutory-schedules', { params: { id: projectId } }),
    enabled: !!projectId,
  });
}

/** The postings made of a schedule, latest first, with the cases of owners' objections. */
export function useStatutoryPostings(scheduleId: string) {
  return useQuery({
    queryKey: noticeKeys.statutoryPostings(scheduleId),
    queryFn: () => api('GET /api/statutory-schedules/:id/postings', { params: { id: scheduleId } }),
  });
}

/** A project's outages: those in effect now, or the whole register. */
export function useProjectOutages(projectId: string, active: boolean) {
  return useQuery({
    queryKey: noticeKeys.projectOutages(projectId, active),
    queryFn: () => api('GET /api/outages', { query: { projectId, active: active ? 'true' : 'false', limit: 100 } }),
    enabled: !!projectId,
  });
}

/** The outages in effect covering a caller's unit (intake). */
export function useUnitOutages(unitId: string | undefined) {
  return useQuery({
    queryKey: noticeKeys.unitOutages(unitId ?? ''),
    queryFn: () => api('GET /api/outages/active', { query: { unitId: unitId! } }),
    enabled: !!unitId,
  });
}

/** The outages a case is linked to. */
export function useCaseOutages(caseId: string) {
  return useQuery({ queryKey: noticeKeys.caseOutages(caseId), queryFn: () => api('GET /api/cases/:id/outages', { params: { id: caseId } }) });
}

/** A project's published notices (to link a statutory posting or an outage to the notice that announced it). */
export function usePublishedNotices(projectId: string, enabled = true) {
  return useQuery({
    queryKey: [...noticeKeys.notices, 'published', projectId],
    queryFn: async () => (await api('GET /api/notices', { query: { projectId, status: 'published', limit: 100 } })).items,
    enabled: !!projectId && enabled,
  });
}

/** A project's buildings (targets of a notice, areas of an outage). */
export function useBuildings(projectId: string) {
  return useQuery({
    queryKey: ['buildings', projectId],
    queryFn: () => api('GET /api/projects/:id/buildings', { params: { id: projectId } }),
    enabled: !!projectId,
    staleTime: 5 * 60_000,
  });
}

/** A project's units (targets of a notice), up to 1,000. */
export function useUnits(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['units', projectId],
    queryFn: () => api('GET /api/units', { query: { projectId, limit: 1000 } }),
    enabled: !!projectId && enabled,
    staleTime: 5 * 60_000,
  });
}
