import {
  AssignBuildingStewardSchema,
  BuildingStewardSchema,
  BuildingStewardsSchema,
  CreateSelfEvaluationRoundSchema,
  IdParamsSchema,
  ReviewSelfEvaluationSchema,
  SelfEvaluationFormSchema,
  SelfEvaluationListSchema,
  SelfEvaluationRoundListQuerySchema,
  SelfEvaluationRoundListSchema,
  SelfEvaluationRoundSchema,
  SelfEvaluationRoundSheetSchema,
  SelfEvaluationSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as forms from '../services/self-evaluations.service.ts';
import * as stewards from '../services/steward-ratings.service.ts';

/**
 * The steward of each building, whom the owners' yearly 管家评价 rates (a survey of kind steward_rating),
 * and staff self-evaluation forms (员工自评): issue 14 item 4, decision 0033. Staff only.
 */
export function staffEvaluationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];

  r.get(
    '/api/projects/:id/building-stewards',
    {
      schema: {
        tags,
        summary: 'A project’s buildings with their area steward (物业管家), and the stewards who may be named (structure.read)',
        params: IdParamsSchema,
        response: withErrors({ 200: BuildingStewardsSchema }, [403, 404]),
      },
    },
    async (req) => stewards.buildingStewards(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/buildings/:id/steward',
    {
      schema: {
        tags,
        summary: 'Name a building’s area steward, or remove it with null (steward.assign)',
        params: IdParamsSchema,
        body: AssignBuildingStewardSchema,
        response: withErrors({ 200: BuildingStewardSchema }, [403, 404]),
      },
    },
    async (req) => stewards.assignBuildingSteward(deps, staffOf(req), req.params.id, req.body.staffId),
  );

  r.get(
    '/api/self-evaluation-rounds',
    {
      schema: {
        tags,
        summary: 'Rounds of self-evaluation forms touching my projects, the latest first (survey.manage or staff.evaluate)',
        querystring: SelfEvaluationRoundListQuerySchema,
        response: withErrors({ 200: SelfEvaluationRoundListSchema }, [403]),
      },
    },
    async (req) => forms.listRounds(deps, staffOf(req), req.query.limit),
  );
  r.post(
    '/api/self-evaluation-rounds',
    {
      schema: {
        tags,
        summary: 'Open a round: every active member of the projects gets a form with the bank’s items and is told (survey.manage)',
        body: CreateSelfEvaluationRoundSchema,
        response: withErrors({ 201: SelfEvaluationRoundSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await forms.createRound(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/self-evaluation-rounds/:id',
    {
      schema: {
        tags,
        summary: 'A round’s sheet: the forms of the staff I oversee, with state, mean score, lateness and review (survey.manage or staff.evaluate)',
        params: IdParamsSchema,
        response: withErrors({ 200: SelfEvaluationRoundSheetSchema }, [403, 404]),
      },
    },
    async (req) => forms.getRound(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/self-evaluation-rounds/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a round: forms can no longer be changed or submitted; submitted ones can still be reviewed (survey.manage)',
        params: IdParamsSchema,
        response: withErrors({ 200: SelfEvaluationRoundSchema }, [403, 404, 409]),
      },
    },
    async (req) => forms.closeRound(deps, staffOf(req), req.params.id),
  );

  r.get(
    '/api/self-evaluations/mine',
    { schema: { tags, summary: 'My self-evaluation forms, open rounds first', response: withErrors({ 200: SelfEvaluationListSchema }, [403]) } },
    async (req) => forms.myForms(deps, staffOf(req)),
  );
  r.get(
    '/api/self-evaluations/:id',
    {
      schema: {
        tags,
        summary: 'One form: my own, or one of the staff I oversee (survey.manage or staff.evaluate)',
        params: IdParamsSchema,
        response: withErrors({ 200: SelfEvaluationSchema }, [403, 404]),
      },
    },
    async (req) => forms.getForm(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/self-evaluations/:id',
    {
      schema: {
        tags,
        summary: 'Save my own form (the round open, not yet submitted); items may be left out',
        params: IdParamsSchema,
        body: SelfEvaluationFormSchema,
        response: withErrors({ 200: SelfEvaluationSchema }, [403, 404, 409]),
      },
    },
    async (req) => forms.fillForm(deps, staffOf(req), req.params.id, req.body, false),
  );
  r.post(
    '/api/self-evaluations/:id/submit',
    {
      schema: {
        tags,
        summary: 'Save and submit my own form: every item scored and the summary written',
        params: IdParamsSchema,
        body: SelfEvaluationFormSchema,
        response: withErrors({ 200: SelfEvaluationSchema }, [403, 404, 409]),
      },
    },
    async (req) => forms.fillForm(deps, staffOf(req), req.params.id, req.body, true),
  );
  r.post(
    '/api/self-evaluations/:id/review',
    {
      schema: {
        tags,
        summary: 'Review a submitted form of someone I oversee, with a comment; they are told (staff.evaluate; not one’s own)',
        params: IdParamsSchema,
        body: ReviewSelfEvaluationSchema,
        response: withErrors({ 200: SelfEvaluationSchema }, [403, 404, 409]),
      },
    },
    async (req) => forms.reviewForm(deps, staffOf(req), req.params.id, req.body),
  );
}
