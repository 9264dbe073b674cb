import {
  BuildingSchema,
  CreateBuildingSchema,
  CreateDepartmentSchema,
  CreateProjectSchema,
  CreateUnitSchema,
  DepartmentSchema,
  IdParamsSchema,
  ProjectSchema,
  UnitQuerySchema,
  UnitSchema,
  UpdateBuildingSchema,
  UpdateDepartmentSchema,
  UpdateProjectSchema,
  UpdateUnitSchema,
  withErrors,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../context.ts';
import { staffOf } from '../plugins/auth.ts';
import * as structure from '../services/structure.service.ts';

export function structureRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['structure'];
  r.get(
    '/api/projects',
    { schema: { tags, summary: 'Projects (管理处) I work in', response: withErrors({ 200: z.array(ProjectSchema) }, [403]) } },
    async (req) => structure.listVisibleProjects(deps, staffOf(req)),
  );
  r.post(
    '/api/projects',
    {
      schema: { tags, summary: 'Create a project (company-wide admins)', body: CreateProjectSchema, response: withErrors({ 201: ProjectSchema }, [403, 409]) },
    },
    async (req, reply) => reply.status(201).send(await structure.createProject(deps, staffOf(req), req.body)),
  );
  r.patch(
    '/api/projects/:id',
    {
      schema: { tags, summary: 'Edit a project', params: IdParamsSchema, body: UpdateProjectSchema, response: withErrors({ 200: ProjectSchema }, [403, 409]) },
    },
    async (req) => structure.editProject(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/projects/:id/buildings',
    { schema: { tags, summary: 'Buildings (楼栋) of a project', params: IdParamsSchema, response: withErrors({ 200: z.array(BuildingSchema) }, [403]) } },
    async (req) => structure.listProjectBuildings(deps, staffOf(req), req.params.id),
  );
  r.post(
    '/api/projects/:id/buildings',
    {
      schema: {
        tags,
        summary: 'Add a building',
        params: IdParamsSchema,
        body: CreateBuildingSchema,
        response: withErrors({ 201: BuildingSchema }, [403, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await structure.createBuilding(deps, staffOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/buildings/:id',
    {
      schema: {
        tags,
        summary: 'Edit a building',
        params: IdParamsSchema,
        body: UpdateBuildingSchema,
        response: withErrors({ 200: BuildingSchema }, [403, 409]),
      },
    },
    async (req) => structure.editBuilding(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: 'Units (房屋) of a project or building',
        querystring: UnitQuerySchema,
        response: withErrors({ 200: z.array(UnitSchema) }, [403, 404]),
      },
    },
    async (req) => structure.listBuildingUnits(deps, staffOf(req), req.query),
  );
  r.post(
    '/api/buildings/:id/units',
    {
      schema: {
        tags,
        summary: 'Add a unit to a building',
        params: IdParamsSchema,
        body: CreateUnitSchema,
        response: withErrors({ 201: UnitSchema }, [403, 409]),
      },
    },
    async (req, reply) => reply.status(201).send(await structure.createUnit(deps, staffOf(req), req.params.id, req.body)),
  );
  r.patch(
    '/api/units/:id',
    { schema: { tags, summary: 'Edit a unit', params: IdParamsSchema, body: UpdateUnitSchema, response: withErrors({ 200: UnitSchema }, [403, 409]) } },
    async (req) => structure.editUnit(deps, staffOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/departments',
    { schema: { tags, summary: 'Departments: company-level and those of my projects', response: withErrors({ 200: z.array(DepartmentSchema) }, [403]) } },
    async (req) => structure.listVisibleDepartments(deps, staffOf(req)),
  );
  r.post(
    '/api/departments',
    { schema: { tags, summary: 'Create a department', body: CreateDepartmentSchema, response: withErrors({ 201: DepartmentSchema }, [403, 404, 409]) } },
    async (req, reply) => reply.status(201).send(await structure.createDepartment(deps, staffOf(req), req.body)),
  );
  r.patch(
    '/api/departments/:id',
    {
      schema: {
        tags,
        summary: 'Edit a department',
        params: IdParamsSchema,
        body: UpdateDepartmentSchema,
        response: withErrors({ 200: DepartmentSchema }, [403, 409]),
      },
    },
    async (req) => structure.editDepartment(deps, staffOf(req), req.params.id, req.body),
  );
}
