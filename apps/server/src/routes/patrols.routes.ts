import {
  AcceptTaskSchema,
  CheckRecordedSchema,
  CreateInspectionPointSchema,
  CreatePatrolPlanSchema,
  IdParamsSchema,
  InspectionPointListQuerySchema,
  InspectionPointListSchema,
  InspectionPointSchema,
  PatrolPlanListSchema,
  PatrolPlanSchema,
  PatrolTaskListQuerySchema,
  PatrolTaskListSchema,
  PatrolTaskSchema,
  PointCodeSchema,
  ProjectFilterQuerySchema,
  RecordCheckSchema,
  ScanPointSchema,
  ScanResultSchema,
  TransferTaskSchema,
  UpdateInspectionPointSchema,
  UpdatePatrolPlanSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as tasks from '../services/patrol-tasks.service.ts';
import * as patrols from '../services/patrols.service.ts';

/**
 * Patrols (巡检, issue 15 item 2, decision 0034): inspection points and their printed codes, plans, and
 * the tasks walked on the phone — a point scanned on site gives a one-time ticket, the check is
 * recorded with it. Staff only.
 */
export function patrolRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];

  r.get(
    '/api/inspection-points',
    {
      schema: {
        tags,
        summary: 'Inspection points of the projects in scope (inspection readers and patrollers)',
        querystring: InspectionPointListQuerySchema,
        response: withErrors({ 200: InspectionPointListSchema }, [403, 404]),
      },
    },
    async (req) => patrols.listPoints(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/inspection-points',
    {
      schema: {
        tags,
        summary: 'A new inspection point with its first printed code, valid 90 days (inspection.admin)',
        body: CreateInspectionPointSchema,
        response: withErrors({ 201: InspectionPointSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await patrols.createPoint(deps, staffOf(req), req.body)),
  );
  r.patch(
    '/api/inspection-points/:id',
    {
      schema: {
        tags,
        summary: 'Edit a point, or take it out of use (inspection.admin)',
        params: IdParamsSchema,
        body: UpdateInspectionPointSchema,
        response: withErrors({ 200: InspectionPointSchema }, [403, 404]),
      },
    },
    async (req) => patrols.updatePoint(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/inspection-points/:id/code',
    {
      schema: {
        tags,
        summary: 'The text of the point’s current printed QR code (inspection.admin)',
        params: IdParamsSchema,
        response: withErrors({ 200: PointCodeSchema }, [403, 404]),
      },
    },
    async (req) => patrols.pointCode(deps, staffOf(req), req.params.id, false),
  );
  r.post(
    '/api/inspection-points/:id/code',
    {
      schema: {
        tags,
        summary: 'Re-issue the point’s code: a new generation valid 90 days; every older print is refused from now on (inspection.admin; logged)',
        params: IdParamsSchema,
        response: withErrors({ 200: PointCodeSchema }, [403, 404]),
      },
    },
    async (req) => patrols.pointCode(deps, staffOf(req), req.params.id, true),
  );

  r.get(
    '/api/patrol-plans',
    {
      schema: {
        tags,
        summary: 'Patrol and maintenance plans (inspection readers)',
        querystring: ProjectFilterQuerySchema,
        response: withErrors({ 200: PatrolPlanListSchema }, [403, 404]),
      },
    },
    async (req) => patrols.listPlans(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/patrol-plans',
    {
      schema: {
        tags,
        summary: 'A plan: route with windows, repeat, rounds, inspectors in order; its tasks are made at once through tomorrow (inspection.admin)',
        body: CreatePatrolPlanSchema,
        response: withErrors({ 201: PatrolPlanSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await patrols.createPlan(deps, staffOf(req), req.body)),
  );
  r.put(
    '/api/patrol-plans/:id',
    {
      schema: {
        tags,
        summary: 'Change a plan: tasks made from now on follow it (inspection.admin)',
        params: IdParamsSchema,
        body: UpdatePatrolPlanSchema,
        response: withErrors({ 200: PatrolPlanSchema }, [403, 404]),
      },
    },
    async (req) => patrols.updatePlan(deps, staffOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/patrol-tasks',
    {
      schema: {
        tags,
        summary: 'Patrol tasks already due to be seen: mine=true the caller’s own (inspection.patrol), else the projects in scope (inspection readers)',
        querystring: PatrolTaskListQuerySchema,
        response: withErrors({ 200: PatrolTaskListSchema }, [403, 404]),
      },
    },
    async (req) => tasks.listTasks(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/patrol-tasks/:id',
    {
      schema: {
        tags,
        summary: 'A task with each point’s window, check and closures awaiting verification',
        params: IdParamsSchema,
        response: withErrors({ 200: PatrolTaskSchema }, [404]),
      },
    },
    async (req) => tasks.getTask(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/patrol-tasks/:id/scan',
    {
      schema: {
        tags,
        summary:
          'Scan a point of my task on site: the code must be this company’s, this point’s current print, not expired; the phone near the point. Answers a one-time ticket (inspection.patrol)',
        params: IdParamsSchema,
        body: ScanPointSchema,
        response: withErrors({ 200: ScanResultSchema }, [403, 404, 409]),
      },
    },
    async (req) => tasks.scanPoint(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/patrol-tasks/:id/checks',
    {
      schema: {
        tags,
        summary:
          'Record the scanned point’s check with its ticket (once): result, photos taken after the scan, verdicts on closures; abnormal opens a defect (inspection.patrol)',
        params: IdParamsSchema,
        body: RecordCheckSchema,
        response: withErrors({ 201: CheckRecordedSchema }, [403, 404, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await tasks.recordCheck(deps, staffOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/patrol-tasks/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Hand a task to another inspector of the project, with the reason (its assignee, or inspection.admin)',
        params: IdParamsSchema,
        body: TransferTaskSchema,
        response: withErrors({ 200: PatrolTaskSchema }, [403, 404, 409]),
      },
    },
    async (req) => tasks.transferTask(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/patrol-tasks/:id/acceptance',
    {
      schema: {
        tags,
        summary: 'Accept (验收) or reject a finished maintenance task — the plan’s acceptor or inspection.admin, never who did it',
        params: IdParamsSchema,
        body: AcceptTaskSchema,
        response: withErrors({ 200: PatrolTaskSchema }, [403, 404, 409]),
      },
    },
    async (req) => tasks.acceptTask(deps, staffOf(req), req.params.id, req.body),
  );
}
