import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ownerApi as api } from '../shared/api';

/** The owner's surveys (满意度调查): the running ones their homes are sampled in, and answering one. */
const surveyKey = ['portal-surveys'] as const;
export type PortalSurvey = RouteResponse<'GET /api/portal/surveys', 'owner'>[number];
export type PortalSurveyAnswer = RouteBody<'POST /api/portal/surveys/:id/answers'>;

export function usePortalSurveys() {
  return useQuery({ queryKey: surveyKey, queryFn: () => api('GET /api/portal/surveys') });
}

export function useAnswerSurvey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PortalSurveyAnswer }) => api('POST /api/portal/surveys/:id/answers', { params: { id }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKey }),
  });
}
