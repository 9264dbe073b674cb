import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { command, ownerApi as api, upload, type CaseCommand } from '../shared/api';
import { useLiveBatches } from '../shared/live';

/**
 * The owner portal's data, one TanStack Query hook per feature, on the owner's client (owner answer
 * shapes). Keys: ['cases'] the owner's list, ['case', id] one case, ['units'] the owner's units. The
 * tab's live stream only carries the owner's own cases; an event invalidates that case and the list.
 */
export const portalKeys = {
  cases: ['cases'] as const,
  case: (id: string) => ['case', id] as const,
  units: ['units'] as const,
};

export type Unit = RouteResponse<'GET /api/portal/units', 'owner'>[number];
export type CaseItem = RouteResponse<'GET /api/cases', 'owner'>['items'][number];
export type OwnerCase = RouteResponse<'GET /api/cases/:id', 'owner'>['case'];
export type EventItem = RouteResponse<'GET /api/cases/:id/events', 'owner'>[number];
export type CaseType = CaseItem['type'];

/** The units the owner may report about (each with its project's time zone). */
export function useMyUnits() {
  return useQuery({ queryKey: portalKeys.units, queryFn: () => api('GET /api/portal/units'), staleTime: 5 * 60_000 });
}

/** The time zone of each of the owner's projects: dates show in the project's local time. */
export function useProjectZones(): Record<string, string> {
  const units = useMyUnits();
  return Object.fromEntries((units.data ?? []).map((u) => [u.projectId, u.timeZone]));
}

/** The owner's own cases, newest first (the server lists only theirs). */
export function useMyCases() {
  return useQuery({ queryKey: portalKeys.cases, queryFn: async () => (await api('GET /api/cases', { query: { limit: 100 } })).items });
}

/** One of the owner's cases: its record, what the owner may do, its history and which files are PDFs. */
export function useMyCase(id: string) {
  return useQuery({
    queryKey: portalKeys.case(id),
    queryFn: async () => {
      const [detail, events, files] = await Promise.all([
        api('GET /api/cases/:id', { params: { id } }),
        api('GET /api/cases/:id/events', { params: { id } }),
        api('GET /api/cases/:id/attachments', { params: { id } }),
      ]);
      const pdfs = new Map(files.filter((f) => f.contentType === 'application/pdf').map((f) => [f.id, f.filename]));
      return { case: detail.case, allowed: detail.allowedCommands as string[], events, pdfs };
    },
  });
}

type NewCaseBody = RouteBody<'POST /api/cases'>;
/** A new request with its photos (uploaded first); one idempotency key per form, so a second tap makes no second case. */
export function useNewCase(idempotencyKey: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ files, ...body }: Omit<NewCaseBody, 'attachmentIds'> & { files: File[] }) => {
      const attachmentIds: string[] = [];
      for (const f of files) attachmentIds.push((await upload(f)).id);
      return api('POST /api/cases', { body: { ...body, attachmentIds } as NewCaseBody, headers: { 'idempotency-key': idempotencyKey } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: portalKeys.cases }),
  });
}

/**
 * What the owner does on a case: a message, the satisfaction verdict, a rating (all case commands,
 * guarded by the version the page shows). Resolves once the case and the list are reloaded.
 */
export function useCaseCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ cmd, version }: { cmd: CaseCommand; version?: number }) => command(id, cmd, version),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: portalKeys.case(id) }), client.invalidateQueries({ queryKey: portalKeys.cases })]),
  });
}

/** Bridges the tab's live stream to the cache, a burst at a time (shared/live.tsx): the changed cases and the owner's list reload once. */
export function usePortalLiveInvalidation() {
  const client = useQueryClient();
  useLiveBatches((events) => {
    for (const id of new Set(events.map((e) => e.data.caseId))) void client.invalidateQueries({ queryKey: portalKeys.case(id) });
    void client.invalidateQueries({ queryKey: portalKeys.cases });
  });
}

/** The owner's rating of a case on its several scores and the staff's reply (null: not rated). */
export function useMyRating(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...portalKeys.case(id), 'rating'], queryFn: () => api('GET /api/cases/:id/rating', { params: { id } }), enabled });
}
