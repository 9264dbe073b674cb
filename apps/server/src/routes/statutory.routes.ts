import {
  CaseCommandResponses,
  CreateStatutoryScheduleSchema,
  IdParamsSchema,
  OwnerObjectionSchema,
  PortalStatutoryPostingListSchema,
  RecordedStatutoryPostingSchema,
  RecordStatutoryPostingSchema,
  StaffObjectionSchema,
  StatutoryPostingListSchema,
  StatutoryScheduleListSchema,
  StatutoryScheduleSchema,
  UpdateStatutoryScheduleSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';
import { sendFor } from '../plugins/contract.ts';
import * as statutory from '../services/statutory.service.ts';

/**
 * Statutory postings (法定公示, issue 13 item 6): a project's schedules and their status, the postings
 * recorded, and owners' objections (业主异议) — each a case with a 3-day reply clock.
 */
export function statutoryRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['statutory postings'];

  r.get(
    '/api/projects/:id/statutory-schedules',
    {
      schema: {
        tags,
        summary: 'What the project must post and how often (法定公示), each with its next due date and status (ok, due_soon, overdue)',
        params: IdParamsSchema,
        response: withErrors({ 200: StatutoryScheduleListSchema }, [403, 404]),
      },
    },
    async (req) => statutory.listSchedules(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/projects/:id/statutory-schedules',
    {
      schema: {
        tags,
        summary: 'Add a posting schedule (notice.approve)',
        params: IdParamsSchema,
        body: CreateStatutoryScheduleSchema,
        response: withErrors({ 201: StatutoryScheduleSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await statutory.createSchedule(deps, staffOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/projects/:id/statutory-schedules/defaults',
    {
      schema: {
        tags,
        summary:
          'Give the project the default schedule (fees, services and contractors yearly, the first within a month; common-area income and the maintenance fund every half year) for each subject it has no active schedule of',
        params: IdParamsSchema,
        response: withErrors({ 200: StatutoryScheduleListSchema }, [403, 404]),
      },
    },
    async (req) => statutory.adoptDefaultSchedules(deps, staffOf(req), req.params.id),
  );
  r.patch(
    '/api/statutory-schedules/:id',
    {
      schema: {
        tags,
        summary: 'Change or deactivate (active: false) a posting schedule (notice.approve); a new due date owes its warning and overdue notice again',
        params: IdParamsSchema,
        body: UpdateStatutoryScheduleSchema,
        response: withErrors({ 200: StatutoryScheduleSchema }, [403, 404]),
      },
    },
    async (req) => statutory.updateSchedule(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/statutory-schedules/:id/postings',
    {
      schema: {
        tags,
        summary: 'The postings made of a schedule, latest first, with the cases of owners’ objections',
        params: IdParamsSchema,
        response: withErrors({ 200: StatutoryPostingListSchema }, [403, 404]),
      },
    },
    async (req) => statutory.listPostings(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/statutory-schedules/:id/postings',
    {
      schema: {
        tags,
        summary: 'Record a posting made (notice.write): it covers what is due now and moves the schedule to its next due date',
        params: IdParamsSchema,
        body: RecordStatutoryPostingSchema,
        response: withErrors({ 201: RecordedStatutoryPostingSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await statutory.recordPosting(deps, staffOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/statutory-postings/:id/objections',
    {
      schema: {
        tags,
        summary: 'Record an owner’s objection to a posting (业主异议): a new inquiry case (category 法定公示异议) to answer within 3 days',
        params: IdParamsSchema,
        body: StaffObjectionSchema,
        response: withErrors({ 201: CaseCommandResponses.documented }, [403, 404, 409]),
      },
    },
    async (req, reply) => {
      const actor = staffOf(req);
      const result = await statutory.objectAsStaff(deps, actor, req.params.id, req.body);
      return sendFor(reply.status(201), actor, CaseCommandResponses, result.body);
    },
  );

  // the owner portal
  r.get(
    '/api/portal/statutory-postings',
    {
      schema: {
        tags,
        summary: 'Owner portal: the statutory postings of my projects in the last 13 months, latest first',
        response: withErrors({ 200: PortalStatutoryPostingListSchema }, [403]),
      },
    },
    async (req) => statutory.listPortalPostings(deps, actorOf(req)),
  );
  r.post(
    '/api/portal/statutory-postings/:id/objections',
    {
      schema: {
        tags,
        summary: 'Owner portal: object to a posting (业主异议); answered within 3 days',
        params: IdParamsSchema,
        body: OwnerObjectionSchema,
        response: withErrors({ 201: CaseCommandResponses.documented }, [403, 404]),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const result = await statutory.objectAsOwner(deps, actor, req.params.id, req.body.content);
      return sendFor(reply.status(201), actor, CaseCommandResponses, result.body);
    },
  );
}
