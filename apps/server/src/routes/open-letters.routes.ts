import {
  EditOpenLetterSchema,
  IdParamsSchema,
  LetterPromiseParamsSchema,
  OpenLetterListSchema,
  OpenLetterQuerySchema,
  OpenLetterSchema,
  ReturnOpenLetterSchema,
  StartOpenLetterSchema,
  VerifyLetterPromiseSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as letters from '../services/survey-letters.service.ts';

/** The open letter answering a closed survey (公开信, issue 14 item 4; decision 0032). Staff only. */
export function openLetterRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];

  r.post(
    '/api/open-letters',
    {
      schema: {
        tags,
        summary: 'Start the open letter of a closed survey, drafted from its statistics; one per survey (notice.write or survey.manage)',
        body: StartOpenLetterSchema,
        response: withErrors({ 201: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await letters.startOpenLetter(deps, staffOf(req), req.body.surveyId)),
  );
  r.get(
    '/api/open-letters',
    {
      schema: {
        tags,
        summary: 'The open letters of the projects one works in, the latest first',
        querystring: OpenLetterQuerySchema,
        response: withErrors({ 200: OpenLetterListSchema }, [403, 404]),
      },
    },
    async (req) => letters.listOpenLetterViews(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/open-letters/:id',
    { schema: { tags, summary: 'One open letter with its deadlines', params: IdParamsSchema, response: withErrors({ 200: OpenLetterSchema }, [403, 404]) } },
    async (req) => letters.getOpenLetter(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/open-letters/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned letter: its title, text and promises',
        params: IdParamsSchema,
        body: EditOpenLetterSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.editOpenLetter(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/open-letters/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit the letter to the management representative',
        params: IdParamsSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.submitOpenLetter(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/open-letters/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve the letter, which posts it as a notice to the whole project (survey.letter.approve; not its author)',
        params: IdParamsSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.approveOpenLetter(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/open-letters/:id/return',
    {
      schema: {
        tags,
        summary: 'Return the letter to its author with a reason (survey.letter.approve)',
        params: IdParamsSchema,
        body: ReturnOpenLetterSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.returnOpenLetter(deps, staffOf(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/open-letters/:id/report',
    {
      schema: {
        tags,
        summary: 'Send the posted letter and the statistics to the quality department (its officers are told)',
        params: IdParamsSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.reportOpenLetter(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/open-letters/:id/promises/:promiseId/verify',
    {
      schema: {
        tags,
        summary: 'The quality department’s check of one promise: kept or not, with a note (survey.manage)',
        params: LetterPromiseParamsSchema,
        body: VerifyLetterPromiseSchema,
        response: withErrors({ 200: OpenLetterSchema }, [403, 404, 409]),
      },
    },
    async (req) => letters.verifyLetterPromise(deps, staffOf(req), req.params.id, req.params.promiseId, req.body),
  );
}
