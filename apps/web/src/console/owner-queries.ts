import type { RouteBody, RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api';
import { keys } from './queries';

/**
 * The owner screens' data (issue 12, item 4): the owner list, the structure a move-in picks from,
 * and the writes — move-in, move-out/transfer, archive edits — each refreshing the archives and lists
 * it changed (['owner', id], ['owners', …]).
 */
export type OwnerRow = RouteResponse<'GET /api/owners'>[number];
export type OwnerListFilter = RouteQuery<'GET /api/owners'>;
export type MovedIn = RouteResponse<'POST /api/move-ins'>;

export const ownerKeys = {
  list: (filter: OwnerListFilter) => ['owners', filter] as const,
  lists: ['owners'] as const,
};

export function useOwnerList(filter: OwnerListFilter, enabled = true) {
  return useQuery({ queryKey: ownerKeys.list(filter), queryFn: () => api('GET /api/owners', { query: filter }), placeholderData: keepPreviousData, enabled });
}
/** A project's buildings (the same cache as administration's). */
export function useProjectBuildings(projectId: string | undefined) {
  return useQuery({
    queryKey: ['buildings', projectId ?? ''],
    queryFn: () => api('GET /api/projects/:id/buildings', { params: { id: projectId! } }),
    enabled: !!projectId,
    staleTime: 60_000,
  });
}
/** A building's units (up to 1,000). */
export function useBuildingUnits(buildingId: string | undefined) {
  return useQuery({
    queryKey: ['units', buildingId ?? ''],
    queryFn: () => api('GET /api/units', { query: { buildingId: buildingId!, limit: 1000 } }),
    enabled: !!buildingId,
    staleTime: 60_000,
  });
}

/** After a move or an edit: the archives named and every owner list. */
function useOwnersChanged() {
  const client = useQueryClient();
  return (ownerIds: readonly (string | null | undefined)[]) => {
    for (const id of ownerIds) if (id) void client.invalidateQueries({ queryKey: keys.owner(id) });
    void client.invalidateQueries({ queryKey: ownerKeys.lists });
  };
}

export function useMoveIn() {
  const changed = useOwnersChanged();
  return useMutation({
    mutationFn: (body: RouteBody<'POST /api/move-ins'>) => api('POST /api/move-ins', { body }),
    onSuccess: (r) => changed([r.id]),
  });
}
export function useMoveOut(ownerId: string) {
  const changed = useOwnersChanged();
  return useMutation({
    mutationFn: (body: RouteBody<'POST /api/owners/:id/move-outs'>) => api('POST /api/owners/:id/move-outs', { params: { id: ownerId }, body }),
    onSuccess: (r) => changed([r.owner.id, r.newOwner?.id]),
  });
}
/** Adds a phone, email or WeChat id (an event on the archive). */
export function useAddContact(ownerId: string) {
  const changed = useOwnersChanged();
  return useMutation({
    mutationFn: (body: RouteBody<'POST /api/owners/:id/contacts'>) => api('POST /api/owners/:id/contacts', { params: { id: ownerId }, body }),
    onSuccess: () => changed([ownerId]),
  });
}
export function useEditOwner(ownerId: string) {
  const changed = useOwnersChanged();
  return useMutation({
    mutationFn: (body: RouteBody<'PATCH /api/owners/:id'>) => api('PATCH /api/owners/:id', { params: { id: ownerId }, body }),
    onSuccess: () => changed([ownerId]),
  });
}
