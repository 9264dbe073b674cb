import {
  CalendarYearLoadedSchema,
  CalendarYearSchema,
  CalendarYearViewSchema,
  CaseSlaSchema,
  IdParamsSchema,
  NoContentSchema,
  NotificationSchema,
  NotificationsQuerySchema,
  UnreadCountSchema,
  OutcomesQuerySchema,
  OutcomesReportSchema,
  ProjectCalendarSavedSchema,
  ProjectCalendarSchema,
  ProjectCalendarViewSchema,
  SlaRulesBodySchema,
  SlaRulesSavedSchema,
  SlaRulesViewSchema,
  MonthlyPackExportQuerySchema,
  MonthlyPackQuerySchema,
  MonthlyPackSchema,
  PDF_CONTENT_TYPE,
  rawResponse,
  ReportItemsQuerySchema,
  ReportItemsSchema,
  XLSX_CONTENT_TYPE,
  TimelinessQuerySchema,
  TimelinessReportSchema,
  withErrors,
  YearParamsSchema,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { actorOf, staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as sla from '../services/sla-admin.service.ts';
import { reportItems } from '../services/report-items.service.ts';
import { exportMonthlyPack, monthlyReportPack } from '../services/report-pack.service.ts';

/** Time limits: business calendars, SLA rules, a case's clocks explained, notifications, timeliness. */
export function slaRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla'];
  r.get(
    '/api/cases/:id/sla',
    {
      schema: {
        tags,
        summary: 'Every clock of a case: start, pauses, calendar, target, due, result (时限说明)',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseSlaSchema }, [403]),
      },
    },
    async (req) => sla.explainCaseSla(deps, actorOf(req), req.params.id, localeOf(req)),
  );
  r.get(
    '/api/projects/:id/calendar',
    {
      schema: {
        tags,
        summary: 'A project’s business calendar: time zone, working week, loaded holiday years',
        params: IdParamsSchema,
        response: withErrors({ 200: ProjectCalendarViewSchema }, [403]),
      },
    },
    async (req) => sla.getProjectCalendar(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/calendar',
    {
      schema: {
        tags,
        summary: 'Set a project’s working week (running clocks are recomputed)',
        params: IdParamsSchema,
        body: ProjectCalendarSchema,
        response: withErrors({ 200: ProjectCalendarSavedSchema }, [403]),
      },
    },
    async (req) => sla.setProjectCalendar(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/calendar-years',
    {
      schema: {
        tags,
        summary: 'Published holidays and make-up working days by year (放假/调休上班)',
        response: withErrors({ 200: z.array(CalendarYearViewSchema) }, [403]),
      },
    },
    async (req) => sla.listCalendarYearsView(deps, staffOf(req)),
  );
  r.put(
    '/api/calendar-years/:year',
    {
      schema: {
        tags,
        summary: 'Load a year’s holidays and make-up working days (company-wide admins)',
        params: YearParamsSchema,
        body: CalendarYearSchema,
        response: withErrors({ 200: CalendarYearLoadedSchema }, [403]),
      },
    },
    async (req) => sla.loadCalendarYearAsAdmin(deps, staffOf(req), req.params.year, req.body),
  );
  r.get(
    '/api/projects/:id/sla-rules',
    {
      schema: {
        tags,
        summary: 'A project’s SLA rules (SPEC defaults apply where none matches)',
        params: IdParamsSchema,
        response: withErrors({ 200: SlaRulesViewSchema }, [403]),
      },
    },
    async (req) => sla.getSlaRules(deps, staffOf(req), req.params.id),
  );
  r.put(
    '/api/projects/:id/sla-rules',
    {
      schema: {
        tags,
        summary: 'Replace a project’s SLA rules (running clocks are recomputed)',
        params: IdParamsSchema,
        body: SlaRulesBodySchema,
        response: withErrors({ 200: SlaRulesSavedSchema }, [403]),
      },
    },
    async (req) => sla.setSlaRules(deps, staffOf(req), req.params.id, req.body.rules),
  );
  r.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My in-app notifications: SLA warnings, escalations, digests',
        querystring: NotificationsQuerySchema,
        response: withErrors({ 200: z.array(NotificationSchema) }, [403]),
      },
    },
    async (req) => sla.myNotifications(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/notifications/unread-count',
    {
      schema: { tags, summary: 'How many of my notifications are unread (the badge)', response: withErrors({ 200: UnreadCountSchema }, [403]) },
    },
    async (req) => sla.myUnreadCount(deps, staffOf(req)),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, summary: 'Mark one of my notifications read', params: IdParamsSchema, response: withErrors({ 204: NoContentSchema }, [403]) } },
    async (req, reply) => {
      await sla.readNotification(deps, staffOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/reports/outcomes',
    {
      schema: {
        tags,
        summary: 'Resolution success (问题处理成功率), satisfaction and ratings by month, department or project; complaint categories ranked',
        querystring: OutcomesQuerySchema,
        response: withErrors({ 200: OutcomesReportSchema }, [403, 404]),
      },
    },
    async (req) => sla.outcomesReport(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/reports/timeliness',
    {
      schema: {
        tags,
        summary: 'Timeliness (沟通及时率): share of clocks met by staff, department, project, type, month or clock',
        querystring: TimelinessQuerySchema,
        response: withErrors({ 200: TimelinessReportSchema }, [403, 404]),
      },
    },
    async (req) => sla.timelinessReport(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/reports/items',
    {
      schema: {
        tags,
        summary: 'The list behind a figure: the clocks or cases a report counts for a grouping key and measure, in the same period and projects',
        querystring: ReportItemsQuerySchema,
        response: withErrors({ 200: ReportItemsSchema }, [403, 404]),
      },
    },
    async (req) => reportItems(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/reports/monthly-pack',
    {
      schema: {
        tags,
        summary:
          '月度报告包 of a project and month: the KPIs, by staff and department, the trend, complaint causes and measures, callbacks, visits, surveys, inspections',
        querystring: MonthlyPackQuerySchema,
        response: withErrors({ 200: MonthlyPackSchema }, [403, 404]),
      },
    },
    async (req) => monthlyReportPack(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/exports/monthly-pack',
    {
      schema: {
        tags,
        summary: '月度报告包 as .xlsx (a sheet per section, the default) or a printable PDF (logged in the audit log)',
        querystring: MonthlyPackExportQuerySchema,
        response: withErrors({ 200: rawResponse('The report pack (.xlsx or PDF)', [XLSX_CONTENT_TYPE, PDF_CONTENT_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportMonthlyPack(reply, deps, staffOf(req), req.query, localeOf(req)),
  );
}
