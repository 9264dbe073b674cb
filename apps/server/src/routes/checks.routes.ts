import {
  BeginScheduledInspectionSchema,
  ChecklistTemplateListQuerySchema,
  ChecklistTemplateListSchema,
  ChecklistTemplateSchema,
  CreateChecklistTemplateSchema,
  CreateWeatherWarningSchema,
  IdParamsSchema,
  InspectionListQuerySchema,
  InspectionListSchema,
  InspectionSchema,
  NightChecksQuerySchema,
  CheckDutiesQuerySchema,
  CheckDutiesSchema,
  NightChecksSchema,
  SaveInspectionSchema,
  StartCommunicationAuditSchema,
  StartInspectionSchema,
  SubmitInspectionSchema,
  UpdateChecklistTemplateSchema,
  WeatherWarningCreatedSchema,
  WeatherWarningListQuerySchema,
  WeatherWarningListSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as duties from '../services/check-duties.service.ts';
import * as checks from '../services/checks.service.ts';
import * as audits from '../services/communication-audits.service.ts';
import * as nights from '../services/night-checks.service.ts';

/**
 * Scored checks (检查, issue 15 item 1, decision 0034): checklist templates; checks begun, saved item by
 * item on the phone and submitted (failed items open defects); a month's night checks and the weather
 * warnings that schedule them; the supervising department's communication audits. Staff only.
 */
export function checkRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];

  r.get(
    '/api/checklist-templates',
    {
      schema: {
        tags,
        summary: 'The organization’s checklists (inspection readers)',
        querystring: ChecklistTemplateListQuerySchema,
        response: withErrors({ 200: ChecklistTemplateListSchema }, [403]),
      },
    },
    async (req) => checks.listTemplates(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/checklist-templates',
    {
      schema: {
        tags,
        summary:
          'A checklist of a kind, scored item by item: the daily and night kinds by inspection.admin, the monthly, quarterly and communication kinds by inspection.audit',
        body: CreateChecklistTemplateSchema,
        response: withErrors({ 201: ChecklistTemplateSchema }, [403]),
      },
    },
    async (req, reply) => reply.status(201).send(await checks.createTemplate(deps, staffOf(req), req.body)),
  );
  r.patch(
    '/api/checklist-templates/:id',
    {
      schema: {
        tags,
        summary: 'Rename a checklist, replace its items or take it out of use (checks already begun keep theirs)',
        params: IdParamsSchema,
        body: UpdateChecklistTemplateSchema,
        response: withErrors({ 200: ChecklistTemplateSchema }, [403, 404]),
      },
    },
    async (req) => checks.updateTemplate(deps, staffOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: 'Checks of the projects in scope, the latest first (inspection readers)',
        querystring: InspectionListQuerySchema,
        response: withErrors({ 200: InspectionListSchema }, [403, 404]),
      },
    },
    async (req) => checks.listInspectionsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/inspections',
    {
      schema: {
        tags,
        summary:
          'Begin a check of a project with a checklist (its kind): daily and night checks by inspection.check, monthly and quarterly by inspection.audit; I am its inspector',
        body: StartInspectionSchema,
        response: withErrors({ 201: InspectionSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await checks.startInspection(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary: 'A check with its checklist, results, score, photos, signatures, defects and sample',
        params: IdParamsSchema,
        response: withErrors({ 200: InspectionSchema }, [403, 404]),
      },
    },
    async (req) => checks.getInspection(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/inspections/:id/start',
    {
      schema: {
        tags,
        summary: 'Begin a scheduled check (a warning night’s): I become its inspector',
        params: IdParamsSchema,
        body: BeginScheduledInspectionSchema,
        response: withErrors({ 200: InspectionSchema }, [403, 404, 409]),
      },
    },
    async (req) => checks.beginScheduled(deps, staffOf(req), req.params.id, req.body),
  );
  r.put(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary: 'Save my check so far: results item by item, photos, the signatures (images), the report, who was inspected (its inspector only)',
        params: IdParamsSchema,
        body: SaveInspectionSchema,
        response: withErrors({ 200: InspectionSchema }, [403, 404, 409]),
      },
    },
    async (req) => checks.saveInspection(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/inspections/:id/submit',
    {
      schema: {
        tags,
        summary:
          'Submit my check: every item scored, the signatures its kind asks for, the report of the departments’ checks; failed items open defects; frozen from then on',
        params: IdParamsSchema,
        body: SubmitInspectionSchema,
        response: withErrors({ 200: InspectionSchema }, [403, 404, 409]),
      },
    },
    async (req) => checks.submitInspection(deps, staffOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/night-checks',
    {
      schema: {
        tags,
        summary: 'A project’s month of night checks (夜间查岗): done, the warning nights owed, what the minimum of 4 lacks (inspection readers)',
        querystring: NightChecksQuerySchema,
        response: withErrors({ 200: NightChecksSchema }, [403, 404]),
      },
    },
    async (req) => nights.nightChecks(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/check-duties',
    {
      schema: {
        tags,
        summary:
          'The checks owed to each office in a month: night checks, the quality department’s management check (月检) and its quarter’s property check (季检) (inspection readers)',
        querystring: CheckDutiesQuerySchema,
        response: withErrors({ 200: CheckDutiesSchema }, [403, 404]),
      },
    },
    async (req) => duties.checkDuties(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/weather-warnings',
    {
      schema: {
        tags,
        summary: 'Typhoon and rainstorm warnings of the projects in scope (inspection readers)',
        querystring: WeatherWarningListQuerySchema,
        response: withErrors({ 200: WeatherWarningListSchema }, [403, 404]),
      },
    },
    async (req) => nights.listWeatherWarningsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/weather-warnings',
    {
      schema: {
        tags,
        summary:
          'Enter a typhoon or rainstorm warning: a night check is scheduled for each of its nights from today, the office managers told (inspection.admin or inspection.check)',
        body: CreateWeatherWarningSchema,
        response: withErrors({ 201: WeatherWarningCreatedSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await nights.createWeatherWarning(deps, staffOf(req), req.body)),
  );

  r.post(
    '/api/communication-audits',
    {
      schema: {
        tags,
        summary:
          'Begin a communication audit (沟通工作检查) of a project’s period: a random sample of its cases (seed kept) and the period’s complaint timeliness and satisfaction (inspection.audit)',
        body: StartCommunicationAuditSchema,
        response: withErrors({ 201: InspectionSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await audits.startCommunicationAudit(deps, staffOf(req), req.body)),
  );
}
