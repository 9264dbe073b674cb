import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';

/**
 * The data of the 满意度调查 pages (issue 14 item 4), one TanStack Query hook per read. Every key sits
 * under ['surveys'], and every write (useSurveyWrite) invalidates it, so a launch, an answer entered
 * or a comment handled reloads each list and figure on screen.
 */
export const surveyKeys = {
  all: ['surveys'] as const,
  bank: ['surveys', 'bank'] as const,
  list: (projectId: string) => ['surveys', 'list', projectId] as const,
  target: (projectId: string) => ['surveys', 'target', projectId] as const,
  survey: (id: string) => ['surveys', 'one', id] as const,
  stewards: (projectId: string) => ['surveys', 'stewards', projectId] as const,
};

export type Survey = RouteResponse<'GET /api/surveys'>[number];
export type SurveyQuestion = RouteResponse<'GET /api/survey-questions'>[number];
export type Household = RouteResponse<'GET /api/surveys/:id/households'>['items'][number];
export type HouseholdQuery = RouteQuery<'GET /api/surveys/:id/households'>;
export type Statistics = RouteResponse<'GET /api/surveys/:id/statistics'>;
export type RegisterEntry = RouteResponse<'GET /api/surveys/:id/register'>[number];
export type BuildingStewards = RouteResponse<'GET /api/projects/:id/building-stewards'>;

export function useQuestionBank(enabled = true) {
  return useQuery({ queryKey: surveyKeys.bank, queryFn: () => api('GET /api/survey-questions'), enabled });
}
export function useSurveys(projectId: string) {
  return useQuery({ queryKey: surveyKeys.list(projectId), queryFn: () => api('GET /api/surveys', { query: { projectId } }), enabled: !!projectId });
}
export function useSurveyTarget(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: surveyKeys.target(projectId),
    queryFn: () => api('GET /api/projects/:id/survey-target', { params: { id: projectId } }),
    enabled: enabled && !!projectId,
  });
}
/** A page of the sample's households: pending or answered, of one building. */
export function useHouseholds(id: string, query: HouseholdQuery) {
  return useQuery({
    queryKey: [...surveyKeys.survey(id), 'households', query],
    queryFn: () => api('GET /api/surveys/:id/households', { params: { id }, query }),
    placeholderData: keepPreviousData,
  });
}
export function useRecovery(id: string) {
  return useQuery({ queryKey: [...surveyKeys.survey(id), 'recovery'], queryFn: () => api('GET /api/surveys/:id/recovery', { params: { id } }) });
}
export function useStatistics(id: string) {
  return useQuery({ queryKey: [...surveyKeys.survey(id), 'statistics'], queryFn: () => api('GET /api/surveys/:id/statistics', { params: { id } }) });
}
export function usePaper(id: string) {
  return useQuery({ queryKey: [...surveyKeys.survey(id), 'paper'], queryFn: () => api('GET /api/surveys/:id/paper', { params: { id } }) });
}
export function useRegister(id: string) {
  return useQuery({ queryKey: [...surveyKeys.survey(id), 'register'], queryFn: () => api('GET /api/surveys/:id/register', { params: { id } }) });
}
/** 楼栋管家: each building of the project with its area steward, and the stewards who may be named. */
export function useBuildingStewards(projectId: string) {
  return useQuery({
    queryKey: surveyKeys.stewards(projectId),
    queryFn: () => api('GET /api/projects/:id/building-stewards', { params: { id: projectId } }),
    enabled: !!projectId,
  });
}

/**
 * A write of the survey pages: runs the call it is given and, once it succeeds, invalidates every
 * survey read before resolving (forms that close on success show the new data). A refusal is thrown
 * as the server's ApiError, for the form to put next to the field it names.
 */
export function useSurveyWrite() {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (call: () => Promise<unknown>) => call(),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
  return <T>(call: () => Promise<T>) => mutation.mutateAsync(call) as Promise<T>;
}
