import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from '../../shared/api';

/**
 * The reads of the open letter (公开信) and internal review (内部评审) pages. Their keys sit under
 * ['surveys'], so every survey write (useSurveyWrite in survey-queries.ts) reloads them too.
 */
export const letterKeys = {
  list: (projectId: string) => ['surveys', 'letters', projectId] as const,
  reviews: ['surveys', 'reviews'] as const,
};

export type OpenLetter = RouteResponse<'GET /api/open-letters/:id'>;
export type LetterPromise = OpenLetter['promises'][number];
export type SurveyReview = RouteResponse<'GET /api/survey-reviews'>[number];

export function useOpenLetters(projectId: string) {
  return useQuery({
    queryKey: letterKeys.list(projectId),
    queryFn: () => api('GET /api/open-letters', { query: { projectId, limit: 200 } }),
    enabled: !!projectId,
  });
}
/** One letter by its id: the one the address names when it is not among the chosen project's. */
export function useOpenLetter(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['surveys', 'letters', 'one', id],
    queryFn: () => api('GET /api/open-letters/:id', { params: { id: id! } }),
    enabled: enabled && !!id,
    retry: false,
  });
}
export function useSurveyReviews(enabled: boolean) {
  return useQuery({ queryKey: letterKeys.reviews, queryFn: () => api('GET /api/survey-reviews'), enabled });
}

/** Who is looking at the survey pages (the console's signed-in staff member): their id and rights. */
export interface SurveyViewer {
  id: string;
  capabilities: readonly string[];
}
export const SurveyViewerContext = createContext<SurveyViewer>({ id: '', capabilities: [] });
export function useSurveyViewer() {
  const viewer = useContext(SurveyViewerContext);
  const can = (c: string) => viewer.capabilities.includes(c);
  return {
    id: viewer.id,
    canWrite: can('notice.write') || can('survey.manage'),
    canApprove: can('survey.letter.approve'),
    canVerify: can('survey.manage'),
    canManage: can('survey.manage'),
    canOpenNotices: can('notice.write') || can('notice.approve'),
  };
}
