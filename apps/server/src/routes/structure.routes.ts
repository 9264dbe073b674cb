import {
  BuildingSchema, CreateBuildingSchema, CreateDepartmentSchema, CreateProjectSchema, CreateUnitSchema, DepartmentSchema, IdParamsSchema, ProjectSchema,
  UnitQuerySchema, UnitSchema, UpdateBuildingSchema, UpdateDepartmentSchema, UpdateProjectSchema, UpdateUnitSchema,
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
  r.get('/api/projects', { schema: { tags, summary: 'Projects (管理处) I work in', response: { 200: z.array(ProjectSchema) } } }, async (req) => structure.listVisibleProjects(deps, staffOf(req)));
  r.post('/api/projects', { schema: { tags, summary: 'Create a project (company-wide admins)', body: CreateProjectSchema, response: { 201: ProjectSchema } } }, async (req, reply) =>
    reply.status(201).send(await structure.createProject(deps, staffOf(req), req.body)),
  );
  r.patch('/api/projects/:id', { schema: { tags, summary: 'Edit a project', params: IdParamsSchema, body: UpdateProjectSchema, response: { 200: ProjectSchema } } }, async (req) =>
    structure.editProject(deps, staffOf(req), req.params.id, req.body),
  );
  r.get('/api/projects/:id/buildings', { schema: { tags, summary: 'Buildings (楼栋) of a project', params: IdParamsSchema, response: { 200: z.array(BuildingSchema) } } }, async (req) =>
    structure.listProjectBuildings(deps, staffOf(req), req.params.id),
  );
  r.post('/api/projects/:id/buildings', { schema: { tags, summary: 'Add a building', params: IdParamsSchema, body: CreateBuildingSchema, response: { 201: BuildingSchema } } }, async (req, reply) =>
    reply.status(201).send(await structure.createBuilding(deps, staffOf(req), req.params.id, req.body)),
  );
  r.patch('/api/buildings/:id', { schema: { tags, summary: 'Edit a building', params: IdParamsSchema, body: UpdateBuildingSchema, response: { 200: BuildingSchema } } }, async (req) =>
    structure.editBuilding(deps, staffOf(req), req.params.id, req.body),
  );
  r.get('/api/units', { schema: { tags, summary: 'Units (房屋) of a project or building', querystring: UnitQuerySchema, response: { 200: z.array(UnitSchema) } } }, async (req) =>
    structure.listBuildingUnits(deps, staffOf(req), req.query),
  );
  r.post('/api/buildings/:id/units', { schema: { tags, summary: 'Add a unit to a building', params: IdParamsSchema, body: CreateUnitSchema, response: { 201: UnitSchema } } }, async (req, reply) =>
    reply.status(201).send(await structure.createUnit(deps, staffOf(req), req.params.id, req.body)),
  );
  r.patch('/api/units/:id', { schema: { tags, summary: 'Edit a unit', params: IdParamsSchema, body: UpdateUnitSchema, response: { 200: UnitSchema } } }, async (req) =>
    structure.editUnit(deps, staffOf(req), req.params.id, req.body),
  );
  r.get('/api/departments', { schema: { tags, summary: 'Departments: company-level and those of my projects', response: { 200: z.array(DepartmentSchema) } } }, async (req) =>
    structure.listVisibleDepartments(deps, staffOf(req)),
  );
  r.post('/api/departments', { schema: { tags, summary: 'Create a department', body: CreateDepartmentSchema, response: { 201: DepartmentSchema } } }, async (req, reply) =>
    reply.status(201).send(await structure.createDepartment(deps, staffOf(req), req.body)),
  );
  r.patch('/api/departments/:id', { schema: { tags, summary: 'Edit a department', params: IdParamsSchema, body: UpdateDepartmentSchema, response: { 200: DepartmentSchema } } }, async (req) =>
    structure.editDepartment(deps, staffOf(req), req.params.id, req.body),
  );
}
