import type { RouteResponse } from '@guanjia/api-contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * Messaging's data (issue 13), one TanStack Query hook per list: the channels, the templates, the
 * deliveries (the dead-letter list pages with the server's `next` cursor), the on-duty roster and who
 * is on duty now, and a case's messages (under ['case', id] so the live stream reloads them with the case).
 */
export const messagingKeys = {
  channels: ['channels'] as const,
  templates: ['message-templates'] as const,
  deliveries: ['deliveries'] as const,
  deadLetters: ['deliveries', 'failed'] as const,
  duty: ['duty'] as const,
  shifts: (projectId: string, from: string, to: string) => ['duty', 'shifts', projectId, from, to] as const,
  onDuty: (projectId: string) => ['duty', 'now', projectId] as const,
  caseDeliveries: (caseId: string) => ['case', caseId, 'deliveries'] as const,
};

export type Delivery = RouteResponse<'GET /api/deliveries'>['items'][number];
export type ChannelSettings = RouteResponse<'GET /api/channels'>[number];
export type MessageTemplate = RouteResponse<'GET /api/message-templates'>[number];
export type DutyShift = RouteResponse<'GET /api/duty-shifts'>[number];

export function useChannels() {
  return useQuery({ queryKey: messagingKeys.channels, queryFn: () => api('GET /api/channels') });
}

export function useMessageTemplates() {
  return useQuery({ queryKey: messagingKeys.templates, queryFn: () => api('GET /api/message-templates') });
}

/** The dead-letter list (status failed), newest first, 20 a page. */
export function useDeadLetters() {
  return useInfiniteQuery({
    queryKey: messagingKeys.deadLetters,
    queryFn: ({ pageParam }) => api('GET /api/deliveries', { query: { status: 'failed', limit: 20, ...(pageParam ? { before: pageParam } : {}) } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** Statuses a delivery leaves by itself (the worker takes it further). */
const IN_FLIGHT = new Set(['queued', 'sending']);
/** How far back a followed delivery is looked for: it was made moments ago, but a burst of others may come after it. */
const FOLLOW_PAGES = 5;

/** One recent delivery by id, looked for in the newest deliveries (there is no read of a single delivery). */
async function findRecentDelivery(id: string): Promise<Delivery | null> {
  let before: string | undefined;
  for (let page = 0; page < FOLLOW_PAGES; page++) {
    const answer = await api('GET /api/deliveries', { query: { limit: 200, ...(before ? { before } : {}) } });
    const found = answer.items.find((d) => d.id === id);
    if (found) return found;
    if (!answer.next) return null;
    before = answer.next;
  }
  return null;
}

/** A delivery followed to its outcome (a channel test): reloaded every 2 s while it is queued or being sent. */
export function useFollowedDelivery(id: string | null) {
  return useQuery({
    queryKey: [...messagingKeys.deliveries, 'followed', id],
    queryFn: () => findRecentDelivery(id!),
    enabled: !!id,
    refetchInterval: (query) => {
      const followed = query.state.data;
      return !followed || IN_FLIGHT.has(followed.status) ? 2_000 : false;
    },
  });
}

/** A project's shifts that overlap [from, to). */
export function useDutyShifts(projectId: string, from: string, to: string) {
  return useQuery({
    queryKey: messagingKeys.shifts(projectId, from, to),
    queryFn: () => api('GET /api/duty-shifts', { query: { projectId, from, to } }),
    enabled: !!projectId,
  });
}

/** Who is on duty for a project now (reloaded every minute: shifts begin and end). */
export function useOnDuty(projectId: string) {
  return useQuery({
    queryKey: messagingKeys.onDuty(projectId),
    queryFn: () => api('GET /api/on-duty', { query: { projectId } }),
    enabled: !!projectId,
    refetchInterval: 60_000,
  });
}

/** The messages about one case (to the owner, the first receiver, pages). */
export function useCaseDeliveries(caseId: string) {
  return useQuery({ queryKey: messagingKeys.caseDeliveries(caseId), queryFn: () => api('GET /api/cases/:id/deliveries', { params: { id: caseId } }) });
}
