import {
  CreateSurveyQuestionSchema,
  CreateSurveySchema,
  CSV_MEDIA_TYPE,
  EnterSurveyAnswerSchema,
  FinishSurveyReviewSchema,
  HandleSurveyRegisterEntrySchema,
  IdParamsSchema,
  PaperQuestionnairesSchema,
  PortalSurveyAnswerSchema,
  PortalSurveyListSchema,
  rawResponse,
  SetSurveyTargetSchema,
  SurveyAnswerReceiptSchema,
  SurveyExportQuerySchema,
  SurveyHouseholdPageSchema,
  SurveyHouseholdsQuerySchema,
  SurveyListQuerySchema,
  SurveyListSchema,
  SurveyQuestionListSchema,
  SurveyQuestionSchema,
  SurveyRecoverySchema,
  SurveyRegisterEntrySchema,
  SurveyRegisterListSchema,
  SurveyRegisterQuerySchema,
  SurveyReviewListSchema,
  SurveyReviewSchema,
  SurveySchema,
  SurveyStatisticsSchema,
  SurveyTargetSchema,
  UpdateSurveySchema,
  withErrors,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as answers from '../services/survey-answers.service.ts';
import { exportSurveyStatistics } from '../services/survey-export.ts';
import * as results from '../services/survey-results.service.ts';
import * as surveys from '../services/surveys.service.ts';

/**
 * Satisfaction surveys (满意度调查, issue 14 item 4): the question bank and campaigns (survey.manage),
 * their households, paper questionnaires, recovery and statistics (survey.manage or survey.enter),
 * answers entered from paper or by phone (survey.enter), and the owner's side in the portal.
 */
export function surveyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];

  r.get(
    '/api/survey-questions',
    {
      schema: {
        tags,
        summary: 'The question bank (题库): reusable 5-point items by service area (survey.manage)',
        response: withErrors({ 200: SurveyQuestionListSchema }, [403]),
      },
    },
    async (req) => surveys.listQuestions(deps, staffOf(req)),
  );
  r.post(
    '/api/survey-questions',
    {
      schema: {
        tags,
        summary: 'Add an item to the question bank: its service area, text and five options with a score each (survey.manage)',
        body: CreateSurveyQuestionSchema,
        response: withErrors({ 201: SurveyQuestionSchema }, [403]),
      },
    },
    async (req, reply) => reply.status(201).send(await surveys.createQuestion(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/surveys',
    {
      schema: {
        tags,
        summary: 'Survey campaigns of my projects (or one project), the latest first (survey.manage or survey.enter)',
        querystring: SurveyListQuerySchema,
        response: withErrors({ 200: SurveyListSchema }, [403, 404]),
      },
    },
    async (req) => surveys.listSurveyViews(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/surveys',
    {
      schema: {
        tags,
        summary: 'Draft a campaign: the questionnaire from the bank, dates (default: the next June or November, 10 days), sampling (survey.manage)',
        body: CreateSurveySchema,
        response: withErrors({ 201: SurveySchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await surveys.createSurvey(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/surveys/:id',
    {
      schema: { tags, summary: 'A campaign (survey.manage or survey.enter)', params: IdParamsSchema, response: withErrors({ 200: SurveySchema }, [403, 404]) },
    },
    async (req) => surveys.getSurvey(deps, staffOf(req), req.params.id),
  );
  r.patch(
    '/api/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft campaign: title, questionnaire, comment prompt, dates, sampling (survey.manage)',
        params: IdParamsSchema,
        body: UpdateSurveySchema,
        response: withErrors({ 200: SurveySchema }, [403, 404, 409]),
      },
    },
    async (req) => surveys.updateSurveyDraft(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/surveys/:id/launch',
    {
      schema: {
        tags,
        summary: 'Launch: draw the sample with the stored seed, one answer row per household, invite each sampled owner (survey.manage)',
        params: IdParamsSchema,
        response: withErrors({ 200: SurveySchema }, [403, 404, 409]),
      },
    },
    async (req) => surveys.launchSurvey(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/surveys/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a running campaign; under the project’s target an internal review task is opened (survey.manage)',
        params: IdParamsSchema,
        response: withErrors({ 200: SurveySchema }, [403, 404, 409]),
      },
    },
    async (req) => results.closeSurvey(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/surveys/:id/households',
    {
      schema: {
        tags,
        summary: 'The sampled households with their codes and answers; status=pending lists who has not answered (survey.manage or survey.enter)',
        params: IdParamsSchema,
        querystring: SurveyHouseholdsQuerySchema,
        response: withErrors({ 200: SurveyHouseholdPageSchema }, [403, 404]),
      },
    },
    async (req) => surveys.listHouseholds(deps, staffOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/surveys/:id/paper',
    {
      schema: {
        tags,
        summary: 'Printable questionnaires: the questionnaire and each sampled household’s code and address (survey.manage or survey.enter)',
        params: IdParamsSchema,
        response: withErrors({ 200: PaperQuestionnairesSchema }, [403, 404]),
      },
    },
    async (req) => surveys.paperQuestionnaires(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/surveys/:id/answers',
    {
      schema: {
        tags,
        summary: 'Enter a paper questionnaire (by its code) or a phone interview (marked phone, at most 20% of the sample) (survey.enter)',
        params: IdParamsSchema,
        body: EnterSurveyAnswerSchema,
        response: withErrors({ 201: SurveyAnswerReceiptSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await answers.enterAnswer(deps, staffOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/surveys/:id/recovery',
    {
      schema: {
        tags,
        summary: 'Recovery per day (cumulative) and per building against the 10-day, 75% target (survey.manage or survey.enter)',
        params: IdParamsSchema,
        response: withErrors({ 200: SurveyRecoverySchema }, [403, 404]),
      },
    },
    async (req) => results.surveyRecovery(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/surveys/:id/statistics',
    {
      schema: {
        tags,
        summary:
          'Satisfaction rate (4–5 / answers) per item, building and project with 95% Wilson intervals; the change from the previous campaign (survey.manage or survey.enter)',
        params: IdParamsSchema,
        response: withErrors({ 200: SurveyStatisticsSchema }, [403, 404]),
      },
    },
    async (req) => results.surveyStatisticsView(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/surveys/:id/statistics/export',
    {
      schema: {
        tags: ['exports', ...tags],
        summary: '客户满意率统计表 as a file (.xlsx or CSV); logged',
        params: IdParamsSchema,
        querystring: SurveyExportQuerySchema,
        response: withErrors({ 200: rawResponse('The statistics, one row per level (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportSurveyStatistics(reply, deps, staffOf(req), req.params.id, req.query.format, localeOf(req)),
  );
  r.get(
    '/api/surveys/:id/register',
    {
      schema: {
        tags,
        summary: 'The register of comments (客户意见登记): every comment of the campaign, open or handled (survey.manage)',
        params: IdParamsSchema,
        querystring: SurveyRegisterQuerySchema,
        response: withErrors({ 200: SurveyRegisterListSchema }, [403, 404]),
      },
    },
    async (req) => results.surveyRegister(deps, staffOf(req), req.params.id, req.query.status),
  );
  r.post(
    '/api/survey-register/:id/handle',
    {
      schema: {
        tags,
        summary: 'Mark a comment of the register dealt with, saying how (survey.manage)',
        params: IdParamsSchema,
        body: HandleSurveyRegisterEntrySchema,
        response: withErrors({ 200: SurveyRegisterEntrySchema }, [403, 404, 409]),
      },
    },
    async (req) => results.handleRegisterEntry(deps, staffOf(req), req.params.id, req.body.note),
  );
  r.get(
    '/api/survey-reviews',
    {
      schema: {
        tags,
        summary: 'Internal review tasks: campaigns whose project fell under its satisfaction target (survey.manage)',
        response: withErrors({ 200: SurveyReviewListSchema }, [403]),
      },
    },
    async (req) => results.surveyReviews(deps, staffOf(req)),
  );
  r.post(
    '/api/survey-reviews/:id/done',
    {
      schema: {
        tags,
        summary: 'Close an internal review with what it found and the measures decided (survey.manage; once)',
        params: IdParamsSchema,
        body: FinishSurveyReviewSchema,
        response: withErrors({ 200: SurveyReviewSchema }, [403, 404, 409]),
      },
    },
    async (req) => results.finishReview(deps, staffOf(req), req.params.id, req.body.findings),
  );
  r.get(
    '/api/projects/:id/survey-target',
    {
      schema: {
        tags,
        summary: 'A project’s satisfaction target as it stands: its own, else the default 70% (survey.manage)',
        params: IdParamsSchema,
        response: withErrors({ 200: SurveyTargetSchema }, [403, 404]),
      },
    },
    async (req) => results.projectSurveyTarget(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/survey-target',
    {
      schema: {
        tags,
        summary: 'A project’s satisfaction target (default 70%): under it, closing a campaign opens an internal review (survey.manage)',
        params: IdParamsSchema,
        body: SetSurveyTargetSchema,
        response: withErrors({ 200: SurveyTargetSchema }, [403, 404]),
      },
    },
    async (req) => results.setProjectSurveyTarget(deps, staffOf(req), req.params.id, req.body.target),
  );

  // the owner's portal
  r.get(
    '/api/portal/surveys',
    {
      schema: {
        tags,
        summary: 'Owner portal: the running surveys my homes are sampled in, answered or not',
        response: withErrors({ 200: PortalSurveyListSchema }, [403]),
      },
    },
    async (req) => answers.listPortalSurveys(deps, actorOf(req)),
  );
  r.post(
    '/api/portal/surveys/:id/answers',
    {
      schema: {
        tags,
        summary: 'Owner portal: answer a survey for one of my sampled homes (once; not after its end date)',
        params: IdParamsSchema,
        body: PortalSurveyAnswerSchema,
        response: withErrors({ 201: SurveyAnswerReceiptSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await answers.answerInPortal(deps, actorOf(req), req.params.id, req.body)),
  );
}
