import {
  AssignableQuerySchema,
  AssignableStaffListSchema,
  CallerSearchQuerySchema,
  CallerSearchResultSchema,
  CaseContextSchema,
  IdParamsSchema,
  RevealedPhoneSchema,
  RevealOwnerPhoneSchema,
  withErrors,
  WorkOrderListSchema,
} from '@guanjia/api-contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../context.ts';
import { actorOf } from '../plugins/auth.ts';
import { getCaseContext, listAssignableStaff, listMyWorkOrders, revealCasePhone, searchCallers } from '../services/desk.service.ts';

/** Who and where at the desk (issue 10): the case page's people, the phone reveal, dispatch lists, work orders, caller search. Staff only. */
export function deskRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/cases/:id/context',
    {
      schema: {
        tags: ['cases'],
        summary: 'Who and where: the owner card (masked per role), caller, unit, first receiver, assignee, department and every clock',
        params: IdParamsSchema,
        response: withErrors({ 200: CaseContextSchema }, [403]),
      },
    },
    async (req) => getCaseContext(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/owner-phone',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reveal the number to call about this case (the project’s desk or the assigned technician); logged in the audit log',
        params: IdParamsSchema,
        body: RevealOwnerPhoneSchema,
        response: withErrors({ 200: RevealedPhoneSchema }, [403]),
      },
    },
    async (req) => revealCasePhone(deps, actorOf(req), req.params.id, req.body ?? {}, req.ip),
  );
  r.get(
    '/api/cases/:id/assignable-staff',
    {
      schema: {
        tags: ['cases'],
        summary: 'Who this case may be dispatched or reassigned to (its department’s people; technicians for repairs), with their open workload',
        params: IdParamsSchema,
        querystring: AssignableQuerySchema,
        response: withErrors({ 200: AssignableStaffListSchema }, [403]),
      },
    },
    async (req) => listAssignableStaff(deps, actorOf(req), req.params.id, req.query),
  );
  r.get(
    '/api/work-orders',
    {
      schema: {
        tags: ['cases'],
        summary: 'My work orders (我的工单): my open repairs, most urgent first, with unit, owner and due time',
        response: withErrors({ 200: WorkOrderListSchema }, [403]),
      },
    },
    async (req) => listMyWorkOrders(deps, actorOf(req)),
  );
  r.get(
    '/api/intake/callers',
    {
      schema: {
        tags: ['owners'],
        summary: 'Find a caller by phone (full or last 4 digits), name, or unit (1栋101, 1-1-101, 1单元101)',
        querystring: CallerSearchQuerySchema,
        response: withErrors({ 200: CallerSearchResultSchema }, [403]),
      },
    },
    async (req) => searchCallers(deps, actorOf(req), req.query),
  );
}
