import {
  CaseRatingAnswerSchema,
  CreateQualityMarkSchema,
  IdParamsSchema,
  QualityMarkChartQuerySchema,
  QualityMarkChartSchema,
  QualityMarkListSchema,
  QualityMarkSchema,
  RatingReplySchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';
import * as ratings from '../services/ratings.service.ts';

/** The owner's rating on several scores and the staff's reply; the supervisors' quality marks and their chart (issue 14, decision 0028). */
export function ratingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ratings'];

  r.get(
    '/api/cases/:id/rating',
    {
      schema: {
        tags,
        summary: 'A case’s owner rating (overall, arrival speed, the technician, comment) and the staff’s reply; the owner of the case or staff who see it',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseRatingAnswerSchema }, [404]),
      },
    },
    async (req) => ratings.getCaseRating(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/rating/reply',
    {
      schema: {
        tags,
        summary: 'Answer the owner’s rating (callback.make); the owner sees the reply in the portal',
        params: IdParamsSchema,
        body: RatingReplySchema,
        response: withErrors({ 200: CaseRatingAnswerSchema }, [403, 404]),
      },
    },
    async (req) => ratings.replyToRating(deps, staffOf(req), req.params.id, req.body.reply),
  );
  r.post(
    '/api/cases/:id/quality-marks',
    {
      schema: {
        tags,
        summary: 'A supervisor’s own quality mark on a case (质量评定, callback.admin): reason codes and a note, kept apart from the owner’s feedback',
        params: IdParamsSchema,
        body: CreateQualityMarkSchema,
        response: withErrors({ 201: QualityMarkSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await ratings.markCaseQuality(deps, staffOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/cases/:id/quality-marks',
    {
      schema: {
        tags,
        summary: 'A case’s quality marks (callback.admin)',
        params: IdParamsSchema,
        response: withErrors({ 200: QualityMarkListSchema }, [403, 404]),
      },
    },
    async (req) => ratings.listCaseQualityMarks(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/quality-marks/chart',
    {
      schema: {
        tags,
        summary: 'Quality marks counted by reason per month per project (callback.admin or report.read), of the projects in scope',
        querystring: QualityMarkChartQuerySchema,
        response: withErrors({ 200: QualityMarkChartSchema }, [403, 404]),
      },
    },
    async (req) => ratings.qualityMarkChart(deps, staffOf(req), req.query),
  );
}
