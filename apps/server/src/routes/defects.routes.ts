import {
  BulletinExportQuerySchema,
  BulletinQuerySchema,
  BulletinSchema,
  CSV_MEDIA_TYPE,
  rawResponse,
  XLSX_CONTENT_TYPE,
  CloseDefectSchema,
  CreateDefectSchema,
  DefectCaseSchema,
  DefectListQuerySchema,
  DefectListSchema,
  DefectSchema,
  IdParamsSchema,
  IssueRectificationSchema,
  ReassignDefectSchema,
  RectificationListQuerySchema,
  RectificationListSchema,
  RectificationSchema,
  RectificationStepSchema,
  VerifyDefectSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import { localeOf } from '../plugins/errors.ts';
import * as defects from '../services/defects.service.ts';
import { exportInspectionBulletin, inspectionBulletin } from '../services/inspection-bulletin.ts';

/** Defects (不合格项) to closure and rectification notices (整改通知): issue 15 item 3, decision 0034. Staff only. */
export function defectRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];

  r.get(
    '/api/defects',
    {
      schema: {
        tags,
        summary: 'Defects of the projects in scope (inspection readers), or mine=true those I answer for',
        querystring: DefectListQuerySchema,
        response: withErrors({ 200: DefectListSchema }, [403, 404]),
      },
    },
    async (req) => defects.listDefectsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/defects',
    {
      schema: {
        tags,
        summary: 'A defect found outside a check: responsible person (default the office manager), deadline by severity (defect.manage or inspection.check)',
        body: CreateDefectSchema,
        response: withErrors({ 201: DefectSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await defects.createDefect(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/defects/:id',
    { schema: { tags, summary: 'A defect with its clock', params: IdParamsSchema, response: withErrors({ 200: DefectSchema }, [404]) } },
    async (req) => defects.getDefect(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/defects/:id/closure',
    {
      schema: {
        tags,
        summary: '缺陷消项: how it was closed (its responsible person or defect.manage); verified at the next check',
        params: IdParamsSchema,
        body: CloseDefectSchema,
        response: withErrors({ 200: DefectSchema }, [403, 404, 409]),
      },
    },
    async (req) => defects.closeDefect(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/defects/:id/verification',
    {
      schema: {
        tags,
        summary: 'Verify a closure outside a patrol: passed, or open again with a fresh deadline (inspection.check or defect.manage; never who closed it)',
        params: IdParamsSchema,
        body: VerifyDefectSchema,
        response: withErrors({ 200: DefectSchema }, [403, 404, 409]),
      },
    },
    async (req) => defects.verifyDefect(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/defects/:id/assignment',
    {
      schema: {
        tags,
        summary: 'Another responsible person, and perhaps a new deadline (defect.manage)',
        params: IdParamsSchema,
        body: ReassignDefectSchema,
        response: withErrors({ 200: DefectSchema }, [403, 404, 409]),
      },
    },
    async (req) => defects.reassignDefect(deps, staffOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/defects/:id/case',
    {
      schema: {
        tags,
        summary: 'A defect that concerns owners opens a case of its project, linked to it (defect.manage)',
        params: IdParamsSchema,
        body: DefectCaseSchema,
        response: withErrors({ 200: DefectSchema }, [403, 404, 409]),
      },
    },
    async (req) => defects.openCaseForDefect(deps, staffOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/rectifications',
    {
      schema: {
        tags,
        summary: 'Rectification notices of the projects in scope (inspection readers)',
        querystring: RectificationListQuerySchema,
        response: withErrors({ 200: RectificationListSchema }, [403, 404]),
      },
    },
    async (req) => defects.listRectificationsFor(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/rectifications',
    {
      schema: {
        tags,
        summary: '整改通知 for unverified defects of a project, to a responsible person with a deadline (defect.manage or inspection.audit)',
        body: IssueRectificationSchema,
        response: withErrors({ 201: RectificationSchema }, [403, 404]),
      },
    },
    async (req, reply) => reply.status(201).send(await defects.issueRectification(deps, staffOf(req), req.body)),
  );
  r.get(
    '/api/rectifications/:id',
    { schema: { tags, summary: 'A rectification notice', params: IdParamsSchema, response: withErrors({ 200: RectificationSchema }, [404]) } },
    async (req) => defects.getRectification(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/rectifications/:id/steps',
    {
      schema: {
        tags,
        summary:
          'The next step: measures, then report (its responsible person); re-inspection (defect.manage or inspection.audit) passes it — verifying its defects — or sends it back with a new deadline',
        params: IdParamsSchema,
        body: RectificationStepSchema,
        response: withErrors({ 200: RectificationSchema }, [403, 404, 409]),
      },
    },
    async (req) => defects.stepRectification(deps, staffOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/inspection-bulletin',
    {
      schema: {
        tags,
        summary:
          '月检通报 of a month: per project and specialty, checks and scores, defects found and where they stand, patrol punctuality (inspection readers)',
        querystring: BulletinQuerySchema,
        response: withErrors({ 200: BulletinSchema }, [403, 404]),
      },
    },
    async (req) => inspectionBulletin(deps, staffOf(req), req.query),
  );
  r.get(
    '/api/inspection-bulletin/export',
    {
      schema: {
        tags,
        summary: '月检通报 as .xlsx (default) or CSV (logged in the audit log)',
        querystring: BulletinExportQuerySchema,
        response: withErrors({ 200: rawResponse('The bulletin (.xlsx or CSV)', [XLSX_CONTENT_TYPE, CSV_MEDIA_TYPE]) }, [403, 404]),
      },
    },
    async (req, reply) => exportInspectionBulletin(reply, deps, staffOf(req), req.query, req.query.format, localeOf(req)),
  );
}
