import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { hashKey, useInfiniteQuery, useQuery, useQueryClient, type InfiniteData, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { api } from '../shared/api';

/**
 * Every list of cases in the console (queues, search results, the owner archive's cases) goes through
 * this one module (issue 11, item 2): keyset pages of `GET /api/cases` (`limit`, `cursor`,
 * `nextCursor`) loaded as the user scrolls — never the whole queue —, shown by `CaseTable.tsx`
 * (a virtual table: only the rows on screen are in the page). The live stream refreshes a list's
 * first page only (`refreshCaseLists`), never every loaded page.
 */

/** Rows per page: a screen holds ~20–30, so one page covers the first screens; the next loads near the end. */
export const CASE_PAGE_SIZE = 100;

type CasePage = RouteResponse<'GET /api/cases'>;
export type CaseRow = CasePage['items'][number];
/** What a list shows: a queue and its filters (the page size and the cursor are this module's). */
export type CaseListFilter = Omit<RouteQuery<'GET /api/cases'>, 'limit' | 'cursor' | 'withinMinutes'>;

/** All case lists sit under ['cases', 'list', …] (the live stream finds them there). */
export const CASE_LISTS: QueryKey = ['cases', 'list'];
export const caseListKey = (filter: CaseListFilter): QueryKey => [...CASE_LISTS, filter];

/** One list as the screens see it, paged from the server or already loaded (`staticCaseList`). */
export interface CaseListView<R> {
  rows: R[];
  /** The server has more (a `nextCursor`): the table loads it near its end, 更多 loads it on demand. */
  hasMore: boolean;
  loading: boolean;
  fetching: boolean;
  loadMore: () => void;
  /** The list's total when known (see `useCaseTotal`; `more`: at least `count`, shown as 1000+); otherwise the screens say 已加载 n 条. */
  total: { count: number; more: boolean } | undefined;
  /** The paged list's cache key (null for a list given whole). */
  queryKey: QueryKey | null;
  /** Reloads from the first page (the 刷新 button). */
  refresh: () => void;
}

/**
 * THE place the total of a list comes from: `GET /api/cases/counts` (bounded counts through each
 * queue's index, decision 0013) when the list is a plain queue (a queue, perhaps narrowed to one
 * project, nothing else); other lists (filters, search) have no cheap total and say 已加载 n 条.
 * Keyed under ['cases', 'counts', …] so the live stream refreshes it with the lists.
 */
export function useCaseTotal(filter: CaseListFilter, enabled: boolean): { count: number; more: boolean } | undefined {
  const { queue, projectId, ...rest } = filter;
  // types only from the contract: its values (zod) stay out of the bundle (the page's policy forbids eval)
  const plainQueue = queue !== undefined && Object.values(rest).every((v) => v === undefined);
  const counts = useQuery({
    queryKey: ['cases', 'counts', projectId ?? null],
    enabled: enabled && plainQueue,
    queryFn: () => api('GET /api/cases/counts', { query: projectId ? { projectId } : {} }),
    staleTime: Infinity,
  });
  const queues: Partial<Record<string, { count: number; more: boolean }>> | undefined = counts.data?.queues;
  return plainQueue && queues ? queues[queue] : undefined;
}

/** One list of cases, fetched a page at a time (keyset); `enabled: false` fetches nothing. */
export function useCaseList(filter: CaseListFilter, enabled = true): CaseListView<CaseRow> {
  const client = useQueryClient();
  const queryKey = caseListKey(filter);
  const query = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }): Promise<CasePage> =>
      api('GET /api/cases', { query: { ...filter, limit: CASE_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } }),
    getNextPageParam: (last) => last.nextCursor,
    // the live stream says when a list changed (refreshCaseLists); nothing reloads on its own
    staleTime: Infinity,
  });
  const rows = useMemo(() => uniqueRows(query.data?.pages.flatMap((p) => p.items) ?? []), [query.data]);
  const total = useCaseTotal(filter, enabled);
  return {
    rows,
    hasMore: query.hasNextPage,
    loading: query.isPending && enabled,
    fetching: query.isFetching,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetching) void query.fetchNextPage();
    },
    total,
    queryKey,
    refresh: () => void refreshFromTop(client, queryKey),
  };
}

/** A list already loaded whole (e.g. the owner archive's cases, which its route returns with the archive). */
export function staticCaseList<R>(rows: R[], loading = false): CaseListView<R> {
  return {
    rows,
    hasMore: false,
    loading,
    fetching: loading,
    loadMore: () => {},
    total: { count: rows.length, more: false },
    queryKey: null,
    refresh: () => {},
  };
}

/** A page refreshed or a row both on a page and the next one (a case moved): each case once. */
function uniqueRows<R extends { id: string }>(rows: R[]): R[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

// --- live refresh ----------------------------------------------------------------------------------

/** What the table on screen tells about a list: whether the user is at its top (a refresh cannot move what he reads). */
interface ListScreen {
  atTop: () => boolean;
  scrollToTop: () => void;
}
const screens = new Map<string, ListScreen>();
/** Lists changed while the user was reading further down: they show 有更新 until he goes back up. */
const waiting = new Set<string>();
const waitingListeners = new Set<() => void>();
/** The cache's own hash of a key (object keys sorted), so screens and queries meet. */
const hashOf = (key: QueryKey) => hashKey(key);
const notifyWaiting = () => waitingListeners.forEach((l) => l());

/** CaseTable registers its screen while mounted. */
export function registerListScreen(key: QueryKey, screen: ListScreen): () => void {
  const hash = hashOf(key);
  screens.set(hash, screen);
  return () => {
    if (screens.get(hash) === screen) screens.delete(hash);
  };
}

/** Whether this list has changes waiting for the user to go back to its top. */
export function useListUpdatesWaiting(key: QueryKey | null): boolean {
  return useSyncExternalStore(
    (l) => {
      waitingListeners.add(l);
      return () => waitingListeners.delete(l);
    },
    () => (key ? waiting.has(hashOf(key)) : false),
  );
}

/** Keeps the first page only and reloads it: one request, whatever had been loaded below. */
function reloadFirstPage(client: QueryClient, key: QueryKey) {
  client.setQueryData<InfiniteData<CasePage, string | null>>(key, (d) =>
    d && d.pages.length > 1 ? { pages: d.pages.slice(0, 1), pageParams: d.pageParams.slice(0, 1) } : d,
  );
  if (waiting.delete(hashOf(key))) notifyWaiting();
  return client.invalidateQueries({ queryKey: key, exact: true });
}

/** 刷新 / 有更新: back to the top of the list and its first page reloaded. */
export function refreshFromTop(client: QueryClient, key: QueryKey) {
  screens.get(hashOf(key))?.scrollToTop();
  return reloadFirstPage(client, key);
}

/**
 * After a burst of live events: every list's first page is reloaded — one request per list on
 * screen (a list not on screen is only marked stale and reloads its first page when shown again).
 * A list the user has scrolled down is not moved under his eyes: it shows 有更新 and reloads when he
 * goes back to its top or clicks.
 */
export function refreshCaseLists(client: QueryClient) {
  for (const query of client.getQueryCache().findAll({ queryKey: CASE_LISTS })) {
    const screen = screens.get(query.queryHash);
    if (screen && query.getObserversCount() > 0 && !screen.atTop()) {
      if (!waiting.has(query.queryHash)) {
        waiting.add(query.queryHash);
        notifyWaiting();
      }
      continue;
    }
    void reloadFirstPage(client, query.queryKey);
  }
}

/** The user is back at the top of a list with changes waiting: reload its first page now. */
export function reloadIfWaiting(client: QueryClient, key: QueryKey) {
  if (waiting.has(hashOf(key))) void reloadFirstPage(client, key);
}
