import type { RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * The data of the 员工自评 pages (decision 0033), one TanStack Query hook per read. Every key sits under
 * ['self-evaluations'], and every write (useSelfEvalWrite) invalidates it, so a save, a submission, a
 * review or a round opened reloads each list on screen.
 */
export const selfEvalKeys = {
  all: ['self-evaluations'] as const,
  mine: ['self-evaluations', 'mine'] as const,
  rounds: ['self-evaluations', 'rounds'] as const,
  round: (id: string) => ['self-evaluations', 'round', id] as const,
};

export type SelfEvaluation = RouteResponse<'GET /api/self-evaluations/mine'>[number];
export type SelfEvaluationRound = RouteResponse<'GET /api/self-evaluation-rounds'>[number];

export function useMyForms() {
  return useQuery({ queryKey: selfEvalKeys.mine, queryFn: () => api('GET /api/self-evaluations/mine') });
}
export function useRounds() {
  return useQuery({ queryKey: selfEvalKeys.rounds, queryFn: () => api('GET /api/self-evaluation-rounds') });
}
export function useRoundSheet(id: string) {
  return useQuery({ queryKey: selfEvalKeys.round(id), queryFn: () => api('GET /api/self-evaluation-rounds/:id', { params: { id } }) });
}

/** A write of the pages: runs the call and, once it succeeds, invalidates every read before resolving; a refusal is thrown as the server's ApiError. */
export function useSelfEvalWrite() {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (call: () => Promise<unknown>) => call(),
    onSuccess: () => client.invalidateQueries({ queryKey: selfEvalKeys.all }),
  });
  return <T>(call: () => Promise<T>) => mutation.mutateAsync(call) as Promise<T>;
}
