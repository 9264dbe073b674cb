import {
  CompleteInternalMeetingActionSchema,
  CreateInternalMeetingActionSchema,
  CreateInternalMeetingSchema,
  IdParamsSchema,
  InternalMeetingListQuerySchema,
  InternalMeetingListSchema,
  InternalMeetingMinutesSchema,
  InternalMeetingSchema,
  MyMeetingActionListSchema,
  MyMeetingActionsQuerySchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as meetings from '../services/internal-meetings.service.ts';

/** Internal meetings (内部会议: 管理处例会, 部门例会, 质量分析会 …), issue 16 item 3, decision 0038. Staff only. */
export function internalMeetingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['internal-meetings'];

  r.get(
    '/api/internal-meetings',
    {
      schema: {
        tags,
        summary: 'Meetings of my offices and my department, and those I attend, run or answer a resolution of',
        querystring: InternalMeetingListQuerySchema,
        response: withErrors({ 200: InternalMeetingListSchema }, [403]),
      },
    },
    async (req) => meetings.listInternalMeetingsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/internal-meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting held by one of my offices or my department, with its attendees and secretary (meeting.hold)',
        body: CreateInternalMeetingSchema,
        response: withErrors({ 201: InternalMeetingSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await meetings.createInternalMeeting(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/internal-meetings/:id',
    {
      schema: {
        tags,
        summary: 'An internal meeting with its minutes and resolutions',
        params: IdParamsSchema,
        response: withErrors({ 200: InternalMeetingSchema }, [403, 404]),
      },
    },
    async (req) => meetings.getInternalMeeting(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/internal-meetings/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Write the minutes of a meeting held (due within 3 days; the first writing is kept for lateness) (meeting.hold)',
        params: IdParamsSchema,
        body: InternalMeetingMinutesSchema,
        response: withErrors({ 200: InternalMeetingSchema }, [403, 404, 409]),
      },
    },
    async (req) => meetings.writeInternalMinutes(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/internal-meetings/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add a resolution: what, who (a staff member, told), by when (meeting.hold)',
        params: IdParamsSchema,
        body: CreateInternalMeetingActionSchema,
        response: withErrors({ 200: InternalMeetingSchema }, [403, 404]),
      },
    },
    async (req) => meetings.addInternalAction(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/internal-meeting-actions',
    {
      schema: {
        tags,
        summary: '我的会议事项: the resolutions I am responsible for, by deadline',
        querystring: MyMeetingActionsQuerySchema,
        response: withErrors({ 200: MyMeetingActionListSchema }, [403]),
      },
    },
    async (req) => meetings.myInternalActions(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/internal-meeting-actions/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark a resolution done with what was done (its responsible staff member, or whoever holds the meeting)',
        params: IdParamsSchema,
        body: CompleteInternalMeetingActionSchema,
        response: withErrors({ 200: InternalMeetingSchema }, [403, 404, 409]),
      },
    },
    async (req) => meetings.completeInternalAction(deps, staffOf(req), req.params.id, req.body),
  );
}
