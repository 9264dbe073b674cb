import {
  CallbackRoundExportQuerySchema,
  CSV_MEDIA_TYPE,
  MonthlyDoneSchema,
  ContactAttemptInputSchema,
  CreateMeetingActionSchema,
  CreateMeetingSchema,
  EditMonthlySummarySchema,
  IdParamsSchema,
  MarkUnreachableSchema,
  MeetingListSchema,
  MeetingMinutesSchema,
  MeetingSchema,
  MeetingsQuerySchema,
  MonthlyContactListSchema,
  MonthlyContactSchema,
  MonthlyContactsQuerySchema,
  MonthlyOpinionListSchema,
  MonthlyOpinionSchema,
  MonthlyProjectMonthSchema,
  MonthlySummariesQuerySchema,
  MonthlySummaryListSchema,
  MonthlySummarySchema,
  OpinionsQuerySchema,
  ReviewMonthlySummarySchema,
  SummaryVersionSchema,
  withErrors,
  rawResponse,
  XLSX_CONTENT_TYPE,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as meetings from '../services/meetings.service.ts';
import * as contacts from '../services/monthly-contacts.service.ts';
import * as summaries from '../services/monthly-summary.service.ts';
import { exportMonthlySummary } from '../services/monthly-summary-export.ts';

/**
 * The monthly communication cycle (每月客户沟通, issue 14 item 3): the supervisor's contact list, the
 * monthly summary and its review with the opinions assigned, meetings with the owners' committee or
 * customer representatives. Staff only (monthly.write / monthly.review).
 */
export function monthlyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monthly'];

  // the contact list
  r.post(
    '/api/monthly/contacts/generate',
    {
      schema: {
        tags,
        summary:
          'Generate (or complete) a month’s contact list: every owner with a complaint or suggestion that month, once, due by the 5th of the next (monthly.write)',
        body: MonthlyProjectMonthSchema,
        response: withErrors({ 200: MonthlyContactListSchema }, [403, 404]),
      },
    },
    async (req) => contacts.generateContacts(deps, staffOf(req), req.body),
  );
  r.get(
    '/api/monthly/contacts',
    {
      schema: {
        tags,
        summary: 'A month’s contact list with each row’s clock (monthly.write or monthly.review)',
        querystring: MonthlyContactsQuerySchema,
        response: withErrors({ 200: MonthlyContactListSchema }, [403, 404]),
      },
    },
    async (req) => contacts.listContacts(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/monthly/contacts/:id/attempts',
    {
      schema: {
        tags,
        summary: 'Record a contact: reached (closes the row with what the owner said and the result) or not (an attempt) (monthly.write)',
        params: IdParamsSchema,
        body: ContactAttemptInputSchema,
        response: withErrors({ 200: MonthlyContactSchema }, [403, 404, 409]),
      },
    },
    async (req) => contacts.recordAttempt(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/monthly/contacts/:id/unreachable',
    {
      schema: {
        tags,
        summary: 'Mark the owner unreachable this month, after three failed attempts (monthly.write)',
        params: IdParamsSchema,
        body: MarkUnreachableSchema,
        response: withErrors({ 200: MonthlyContactSchema }, [403, 404, 409]),
      },
    },
    async (req) => contacts.markUnreachable(deps, staffOf(req), req.params.id, req.body),
  );

  // the monthly summary (每月客户沟通总结)
  r.post(
    '/api/monthly/summaries',
    {
      schema: {
        tags,
        summary: 'Open the month’s draft summary, its figures built from the month’s data and its opinions listed (monthly.write)',
        body: MonthlyProjectMonthSchema,
        response: withErrors({ 201: MonthlySummarySchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await summaries.createSummary(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/monthly/summaries',
    {
      schema: {
        tags,
        summary: 'A project’s summaries, the latest month first (monthly.write or monthly.review)',
        querystring: MonthlySummariesQuerySchema,
        response: withErrors({ 200: MonthlySummaryListSchema }, [403, 404]),
      },
    },
    async (req) => summaries.listSummaries(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/monthly/summaries/:id',
    {
      schema: {
        tags,
        summary: 'A summary with its figures and opinions (monthly.write or monthly.review)',
        params: IdParamsSchema,
        response: withErrors({ 200: MonthlySummarySchema }, [403, 404]),
      },
    },
    async (req) => summaries.getSummary(deps, staffOf(req), req.params.id),
  );
  r.get(
    '/api/monthly/summaries/:id/export',
    {
      schema: {
        tags,
        summary: '每月客户沟通总结 as .xlsx (default) or CSV: the figures and sections, then one row per opinion (logged in the audit log)',
        params: IdParamsSchema,
        querystring: CallbackRoundExportQuerySchema,
        response: withErrors({ 200: rawResponse('The summary (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportMonthlySummary(reply, deps, staffOf(req), req.params.id, req.query.format, localeOf(req)),
  );
  r.patch(
    '/api/monthly/summaries/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft’s text sections at the version read (monthly.write)',
        params: IdParamsSchema,
        body: EditMonthlySummarySchema,
        response: withErrors({ 200: MonthlySummarySchema }, [403, 404, 409]),
      },
    },
    async (req) => summaries.editSummary(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/monthly/summaries/:id/refresh',
    {
      schema: {
        tags,
        summary: 'Rebuild a draft’s figures and opinions from the data as it is now (monthly.write)',
        params: IdParamsSchema,
        body: SummaryVersionSchema,
        response: withErrors({ 200: MonthlySummarySchema }, [403, 404, 409]),
      },
    },
    async (req) => summaries.refreshSummary(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/monthly/summaries/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft for the office manager’s review: frozen from then on (monthly.write)',
        params: IdParamsSchema,
        body: SummaryVersionSchema,
        response: withErrors({ 200: MonthlySummarySchema }, [403, 404, 409]),
      },
    },
    async (req) => summaries.submitSummary(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/monthly/summaries/:id/review',
    {
      schema: {
        tags,
        summary: 'Accept a submitted summary assigning every opinion a staff member and a deadline, or return it with a reason (monthly.review)',
        params: IdParamsSchema,
        body: ReviewMonthlySummarySchema,
        response: withErrors({ 200: MonthlySummarySchema }, [403, 404, 409]),
      },
    },
    async (req) => summaries.reviewSummary(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/monthly/opinions',
    {
      schema: {
        tags,
        summary: 'A project’s assigned opinions, open (overdue flagged) or done (monthly.write or monthly.review)',
        querystring: OpinionsQuerySchema,
        response: withErrors({ 200: MonthlyOpinionListSchema }, [403, 404]),
      },
    },
    async (req) => summaries.listOpinions(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/monthly/opinions/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark an assigned opinion done (its assignee, or monthly.write / monthly.review)',
        params: IdParamsSchema,
        body: MonthlyDoneSchema,
        response: withErrors({ 200: MonthlyOpinionSchema }, [403, 404, 409]),
      },
    },
    async (req) => summaries.completeOpinion(deps, staffOf(req), req.params.id, req.body),
  );

  // meetings (业主委员会/客户代表座谈)
  r.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'Record a meeting with the owners’ committee, customer representatives, or the quality department’s half-yearly one (monthly.write)',
        body: CreateMeetingSchema,
        response: withErrors({ 201: MeetingSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await meetings.createMeeting(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'A project’s meetings with their minutes (late flagged) and actions (monthly.write or monthly.review)',
        querystring: MeetingsQuerySchema,
        response: withErrors({ 200: MeetingListSchema }, [403, 404]),
      },
    },
    async (req) => meetings.listMeetings(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags,
        summary: 'Write the minutes of a meeting held (due within 3 days) (monthly.write)',
        params: IdParamsSchema,
        body: MeetingMinutesSchema,
        response: withErrors({ 200: MeetingSchema }, [403, 404, 409]),
      },
    },
    async (req) => meetings.writeMinutes(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/meetings/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add an action of the meeting: what, who, by when (monthly.write)',
        params: IdParamsSchema,
        body: CreateMeetingActionSchema,
        response: withErrors({ 200: MeetingSchema }, [403, 404]),
      },
    },
    async (req) => meetings.addAction(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/meeting-actions/:id/done',
    {
      schema: {
        tags,
        summary: 'Mark a meeting action done (its responsible staff member, or monthly.write / monthly.review)',
        params: IdParamsSchema,
        body: MonthlyDoneSchema,
        response: withErrors({ 200: MeetingSchema }, [403, 404, 409]),
      },
    },
    async (req) => meetings.completeAction(deps, staffOf(req), req.params.id, req.body),
  );
}
