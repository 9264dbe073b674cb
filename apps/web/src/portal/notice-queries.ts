import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ownerApi as api } from '../shared/api';

/**
 * The owner portal's notices and message settings (issue 13 items 5 and 7), on the owner's client:
 * the notices in force for the owner's homes (emergencies first), the read receipt sent when one is
 * opened, and the owner's message settings (channel tried first, 免打扰, muted kinds per channel).
 */
export const portalNoticeKeys = {
  notices: ['portal-notices'] as const,
  settings: ['message-settings'] as const,
};

export type PortalNotice = RouteResponse<'GET /api/portal/notices', 'owner'>[number];
export type MessageSettings = RouteResponse<'GET /api/portal/message-settings', 'owner'>;
export type SaveMessageSettings = RouteBody<'PUT /api/portal/message-settings'>;

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
