import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ownerApi as api } from '../shared/api';

/**
 * The owner portal's notices and message settings (issue 13 items 5 and 7), on the owner's client:
 * the notices in force for the owner's homes (emergencies first), the read receipt sent when one is
 * opened, the owner's message settings (channel tried first, 免打扰, muted kinds per channel), and the
 * statutory postings (法定公示) of the owner's projects with the owner's objections to them.
 */
export const portalNoticeKeys = {
  notices: ['portal-notices'] as const,
  settings: ['message-settings'] as const,
  statutory: ['portal-statutory-postings'] as const,
};

export type PortalNotice = RouteResponse<'GET /api/portal/notices', 'owner'>[number];
export type MessageSettings = RouteResponse<'GET /api/portal/message-settings', 'owner'>;
export type SaveMessageSettings = RouteBody<'PUT /api/portal/message-settings'>;
export type PortalStatutoryPosting = RouteResponse<'GET /api/portal/statutory-postings', 'owner'>[number];

export function usePortalNotices() {
  return useQuery({ queryKey: portalNoticeKeys.notices, queryFn: () => api('GET /api/portal/notices') });
}

/** Opening a notice: its read receipt (once; the list then shows it read). */
export function useMarkNoticeRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('POST /api/portal/notices/:id/read', { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: portalNoticeKeys.notices }),
  });
}

export function useMessageSettings() {
  return useQuery({ queryKey: portalNoticeKeys.settings, queryFn: () => api('GET /api/portal/message-settings') });
}

export function useSaveMessageSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveMessageSettings) => api('PUT /api/portal/message-settings', { body }),
    onSuccess: (saved) => client.setQueryData(portalNoticeKeys.settings, saved),
  });
}

/** 法定公示 of the owner's projects (the last 13 months, latest first; the latest of each schedule in force). */
export function usePortalStatutoryPostings() {
  return useQuery({ queryKey: portalNoticeKeys.statutory, queryFn: () => api('GET /api/portal/statutory-postings') });
}

/** An objection to a posting: a new case of the owner's (the postings and 我的报事 then show it). */
export function useObjectToPosting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      api('POST /api/portal/statutory-postings/:id/objections', { params: { id }, body: { content } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: portalNoticeKeys.statutory });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
