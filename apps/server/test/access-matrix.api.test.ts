import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { capabilitiesOf, type Capability, type StaffRole } from '@guanjia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaTick } from '../src/index.ts';
import { planOutbox } from '../src/delivery/worker.ts';
import { demoSpec } from '../src/seed/demo.ts';
import { uploadImportWithAProblem } from './fixtures/import-upload.ts';
import { madeVisit, visitRecordBody, VISIT_MONTH } from './fixtures/visit-plan.ts';
import { monthlyCycle, type MonthlyCycle } from './fixtures/monthly-cycle.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The access matrix: every endpoint × every kind of caller, as data. Nothing here is copied from
 * what the server answers; each expectation follows from the rules:
 *
 *   - deny by default: no (valid) credentials → 401, except on the public routes (health, sign-in, docs);
 *   - owners reach the portal's routes and their own cases; other owners' cases are 404, staff routes 403;
 *   - staff need the capability their roles grant (core/structure/roles.ts) → else 403;
 *   - with it, the target must be inside their scope (core/access/policy.ts: their projects, or every
 *     project of their own organization when company-wide) → else 404, so nothing of another project
 *     or tenant is even confirmed to exist;
 *   - what is company-level (new projects, holiday years) needs a company-wide account → else 403.
 *
 * Refused writes change nothing: each is checked against the rows it would have written, and every
 * endpoint's refusals together against a fingerprint of every table.
 */

let t: TestContext;
let base = '';
let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq += 1)}`;
const db = () => t.deps.database.db as any;

// --- who calls ------------------------------------------------------------------------------------

type Scope = 'company' | 'CUIHU' | 'BINJIANG';
type Caller =
  | { name: string; kind: 'anonymous'; token: () => Promise<string | null> }
  | { name: string; kind: 'owner'; home: 'CUIHU' | 'BINJIANG' | 'tenant-b'; token: () => Promise<string> }
  | { name: string; kind: 'staff'; username: string; tenant: 'a' | 'b'; scope: Scope; roles: readonly StaffRole[]; token: () => Promise<string> };

/** Roles and projects straight from the demo company's definition (seed/demo.ts). */
function staffCaller(tenant: 'a' | 'b', username: string, via: 'session' | 'api-token' = 'session'): Caller {
  const spec = demoSpec(tenant === 'a' ? '' : 'b_').staff.find((s) => s.username === username);
  if (!spec) throw new Error(`no demo user ${username}`);
  const scope: Scope = spec.projects === 'all' ? 'company' : (spec.projects[0] as Scope);
  const label = `${username} (${spec.roles.join('+')}, ${scope === 'company' ? 'company-wide' : scope}${tenant === 'b' ? ', tenant b' : ''}${via === 'api-token' ? ', API token' : ''})`;
  return {
    name: label,
    kind: 'staff',
    username,
    tenant,
    scope,
    roles: spec.roles,
    token: via === 'api-token' ? async () => ids.apiToken : () => t.login(username),
  };
}

const A_STAFF = [
  'admin',
  'leader',
  'quality',
  'rep',
  'agent1',
  'frontdesk1',
  'supervisor1',
  'steward1',
  'tech1',
  'enghead1',
  'manager1',
  'archivist1',
  'agent2',
  'tech2',
  'enghead2',
  'manager2',
];

const CALLERS: Caller[] = [
  { name: 'no credentials', kind: 'anonymous', token: async () => null },
  { name: 'unknown bearer token', kind: 'anonymous', token: async () => 'gjs_not-a-session' },
  { name: 'revoked API token', kind: 'anonymous', token: async () => ids.revokedToken },
  { name: 'owner 张伟 (CUIHU, the case is his)', kind: 'owner', home: 'CUIHU', token: () => t.ownerLogin(t.a.owners.zhangwei!.portalLogin) },
  { name: 'owner 刘洋 (BINJIANG)', kind: 'owner', home: 'BINJIANG', token: () => t.ownerLogin(t.a.owners.liuyang!.portalLogin) },
  { name: 'owner of tenant b', kind: 'owner', home: 'tenant-b', token: () => t.ownerLogin(t.b.owners.zhangwei!.portalLogin) },
  ...A_STAFF.map((u) => staffCaller('a', u)),
  staffCaller('a', 'agent1', 'api-token'),
  staffCaller('b', 'b_admin'),
  staffCaller('b', 'b_agent1'),
];

// --- what each endpoint takes -----------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Endpoint {
  method: Method;
  /** The route as registered (checked against routes/*.ts below). */
  path: string;
  /** Told apart when one route appears twice (e.g. own token / a token for someone else). */
  variant?: string;
  /** Fills :id (and :year, :kind). */
  id?: () => string;
  query?: () => string;
  body?: () => unknown;
  headers?: Record<string, string>;
  /** What an allowed caller gets (and its problem code, when that is a 4xx). */
  status: number;
  code?: string;
  /**
   * What it takes: nobody ('public'), any caller ('signed-in'), only owners ('owners-only'), any staff
   * member ('staff'), or a capability (any one of a list).
   */
  who: 'public' | 'signed-in' | 'owners-only' | 'staff' | Capability | Capability[];
  /** The projects (of tenant a) whose things the call names: staff who cannot see each of them, and other tenants, get 404. */
  in?: ('CUIHU' | 'BINJIANG')[];
  /** Only company-wide accounts (policy: company-level things). */
  companyWide?: boolean;
  /** Names a thing of tenant a's organization as a whole (no project): other tenants get 404. */
  ofTenantA?: boolean;
  /**
   * Owners: 'any' owner; 'own': the target is 张伟's (other owners get 404); 'not-theirs': it names
   * something of nobody here (all get 404). Absent: a staff route (403).
   */
  owners?: 'any' | 'own' | 'not-theirs';
  /** This account may do it to itself whatever its roles (set its password, revoke its token). */
  self?: string;
  /** Belongs to one staff member only: everyone else gets 404. */
  only?: string;
  /** Lacking the capability answers 404 instead of 403 (someone else's thing, not confirmed to exist). */
  notYours?: boolean;
  /** Rows an allowed call writes: a refused one must leave them as they are. */
  writes?: { tables: string[]; row?: () => [table: string, column: string, value: string] };
  /** Server-sent events: probed over real HTTP (the response never ends). */
  stream?: boolean;
}

type Outcome = 'allowed' | 401 | 403 | 404;

/** The rules, in the order the server applies them: who you are, what you may do, where. */
function expected(e: Endpoint, c: Caller): Outcome {
  if (e.who === 'public') return 'allowed';
  if (c.kind === 'anonymous') return 401;
  if (c.kind === 'owner') {
    // a portal route about something of 张伟's project: other owners are told it does not exist
    if (e.who === 'owners-only' && e.owners === 'own') return c.home === 'CUIHU' ? 'allowed' : 404;
    if (e.who === 'signed-in' || e.who === 'owners-only' || e.owners === 'any') return 'allowed';
    if (e.owners === 'own') return c.home === 'CUIHU' ? 'allowed' : 404;
    if (e.owners === 'not-theirs') return 404;
    return 403;
  }
  if (e.who === 'owners-only') return 403;
  if (e.self === c.username) return 'allowed';
  if (e.only) return e.only === c.username ? 'allowed' : 404;
  if (e.who !== 'signed-in' && e.who !== 'staff') {
    const caps = capabilitiesOf(c.roles);
    if (![e.who].flat().some((cap) => caps.has(cap))) return e.notYours ? 404 : 403;
  }
  if (e.in && !e.in.every((project) => c.tenant === 'a' && (c.scope === 'company' || c.scope === project))) return 404;
  if (e.ofTenantA && c.tenant !== 'a') return 404;
  if (e.companyWide && c.scope !== 'company') return 403;
  return 'allowed';
}

const ids = {} as {
  projectId: string;
  buildingId: string;
  unitId: string;
  linaUnitId: string;
  departmentId: string;
  ownerId: string;
  frontdeskId: string;
  resetTargetId: string;
  caseId: string;
  attachmentId: string;
  noteFileId: string;
  looseUploadId: string;
  apiToken: string;
  revokedToken: string;
  stewardTokenId: string;
  displayToken: string;
  revokedDisplayToken: string;
  displayTokenId: string;
  notificationId: string;
  gradeRequestId: string;
  importId: string;
  deliveryId: string;
  statutoryScheduleId: string;
  statutoryPostingId: string;
  outageId: string;
  roundId: string;
  closedOutageId: string;
  doneCallbackId: string;
  visitPlanId: string;
  visitId: string;
  visitUnitId: string;
  opinionId: string;
  noticeId: string;
  withdrawnNoticeId: string;
  postingId: string;
  surveyQuestionId: string;
  surveyId: string;
  closedSurveyId: string;
  openLetterId: string;
  openLetterPromiseId: string;
  surveyCode: string;
  surveyRegisterId: string;
  selfEvaluationRoundId: string;
  selfEvaluationId: string;
  surveyReviewId: string;
  monthly: MonthlyCycle;
  inspection: {
    pointId: string;
    planId: string;
    planBody: Record<string, unknown> & { projectId: string };
    taskId: string;
    defectId: string;
    defectWithCaseId: string;
    rectificationId: string;
    templateId: string;
    patrolTemplateId: string;
    checkId: string;
    scheduledCheckId: string;
  };
  escalationId: string;
  complaintMeasureId: string;
  internalMeeting: { meetingId: string; actionId: string };
  appraisalId: string;
};
/** Whose notification the matrix tries to mark read (the seeded cases' escalations reach the office manager). */
const NOTIFIED = 'manager1';
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
const week = [
  [],
  ...Array.from({ length: 5 }, () => [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ]),
  [],
];

const MONTHLY_READ: Capability[] = ['monthly.write', 'monthly.review'];
const INSPECTION_READ: Capability[] = ['inspection.read', 'inspection.admin', 'inspection.audit', 'defect.manage', 'inspection.check'];

const ENDPOINTS: Endpoint[] = [
  // system, docs, deny by default
  { method: 'GET', path: '/api/health', who: 'public', status: 200 },
  { method: 'GET', path: '/api/openapi.json', who: 'public', status: 200 },
  { method: 'GET', path: '/docs', who: 'public', status: 200 },
  // an unknown /api/ route: 401 without credentials (deny by default), 404 to whoever is signed in
  { method: 'GET', path: '/api/no-such-route', who: 'signed-in', status: 404 },
  { method: 'GET', path: '/api/audit-log', who: 'audit.read', status: 200 },

  // auth. The sign-in rows send an incomplete body: a public route gets as far as validation (400)
  // whoever calls; a private one would stop an anonymous caller at 401 first.
  { method: 'POST', path: '/api/auth/login', who: 'public', body: () => ({}), status: 400 },
  { method: 'POST', path: '/api/portal/login', who: 'public', body: () => ({}), status: 400 },
  { method: 'GET', path: '/api/auth/me', who: 'signed-in', status: 200 },
  { method: 'GET', path: '/api/system/info', who: 'signed-in', status: 200 },
  { method: 'GET', path: '/api/portal/units', who: 'owners-only', status: 200 },
  { method: 'GET', path: '/api/api-tokens', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/api-tokens',
    variant: 'own',
    who: 'staff',
    body: () => ({ name: `集成 ${unique()}` }),
    status: 201,
    writes: { tables: ['api_tokens', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/api-tokens',
    variant: 'for frontdesk1',
    who: 'staff.admin',
    in: ['CUIHU'],
    self: 'frontdesk1',
    body: () => ({ name: `代发 ${unique()}`, staffId: ids.frontdeskId }),
    status: 201,
    writes: { tables: ['api_tokens', 'audit_log'] },
  },
  // one's own password and two-step verification: the allowed calls are refused on their content
  // (a wrong current password, a wrong code), so that the matrix changes no caller's credentials
  {
    method: 'POST',
    path: '/api/auth/password',
    who: 'signed-in',
    body: () => ({ currentPassword: 'not-my-password-9', newPassword: 'whatever-long-phrase' }),
    status: 400,
    code: 'CURRENT_PASSWORD_WRONG',
  },
  { method: 'POST', path: '/api/auth/two-factor/setup', who: 'staff', status: 200 },
  { method: 'POST', path: '/api/auth/two-factor/enable', who: 'staff', body: () => ({ code: '000000' }), status: 400, code: 'TWO_FACTOR_CODE_WRONG' },
  { method: 'POST', path: '/api/auth/two-factor/recovery-codes', who: 'staff', body: () => ({ code: '000000' }), status: 409, code: 'TWO_FACTOR_NOT_STARTED' },
  {
    method: 'POST',
    path: '/api/auth/two-factor/disable',
    who: 'staff',
    body: () => ({ password: 'not-my-password-9' }),
    status: 400,
    code: 'CURRENT_PASSWORD_WRONG',
  },
  {
    method: 'DELETE',
    path: '/api/api-tokens/:id',
    variant: 'steward1’s token',
    id: () => ids.stewardTokenId,
    who: 'staff.admin',
    in: ['CUIHU'],
    self: 'steward1',
    notYours: true,
    status: 204,
    writes: { tables: ['audit_log'], row: () => ['api_tokens', 'id', ids.stewardTokenId] },
  },

  // structure
  { method: 'GET', path: '/api/projects', who: 'structure.read', status: 200 },
  {
    method: 'POST',
    path: '/api/projects',
    who: 'structure.admin',
    companyWide: true,
    body: () => ({ code: `P${unique()}`, name: '新项目' }),
    status: 201,
    writes: { tables: ['projects', 'audit_log'] },
  },
  {
    method: 'PATCH',
    path: '/api/projects/:id',
    id: () => ids.projectId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ address: '翠湖路1号' }),
    status: 200,
    writes: { tables: ['audit_log'], row: () => ['projects', 'id', ids.projectId] },
  },
  { method: 'GET', path: '/api/projects/:id/buildings', id: () => ids.projectId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/projects/:id/buildings',
    id: () => ids.projectId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ code: `B${unique()}`, name: '新楼' }),
    status: 201,
    writes: { tables: ['buildings', 'audit_log'] },
  },
  {
    method: 'PATCH',
    path: '/api/buildings/:id',
    id: () => ids.buildingId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ floors: 19 }),
    status: 200,
    writes: { tables: ['audit_log'], row: () => ['buildings', 'id', ids.buildingId] },
  },
  { method: 'GET', path: '/api/units', query: () => `?buildingId=${ids.buildingId}`, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/buildings/:id/units',
    id: () => ids.buildingId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ code: `U${unique()}`, kind: 'indoor' }),
    status: 201,
    writes: { tables: ['units', 'audit_log'] },
  },
  {
    method: 'PATCH',
    path: '/api/units/:id',
    id: () => ids.unitId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ areaSqm: 89.5 }),
    status: 200,
    writes: { tables: ['audit_log'], row: () => ['units', 'id', ids.unitId] },
  },
  { method: 'GET', path: '/api/departments', who: 'structure.read', status: 200 },
  {
    method: 'POST',
    path: '/api/departments',
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ code: `D${unique()}`, name: '新部门', kind: 'other', projectId: ids.projectId }),
    status: 201,
    writes: { tables: ['departments', 'audit_log'] },
  },
  {
    method: 'PATCH',
    path: '/api/departments/:id',
    id: () => ids.departmentId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ name: '工程维修部' }),
    status: 200,
    writes: { tables: ['audit_log'], row: () => ['departments', 'id', ids.departmentId] },
  },

  // staff accounts
  { method: 'GET', path: '/api/staff', who: 'structure.read', status: 200 },
  {
    method: 'POST',
    path: '/api/staff',
    who: 'staff.admin',
    in: ['CUIHU'],
    body: () => ({ username: `s${unique()}`, name: '新员工', password: 'new-pass-123', roles: ['agent'], projectIds: [ids.projectId] }),
    status: 201,
    writes: { tables: ['staff', 'staff_projects', 'audit_log'] },
  },
  {
    method: 'PATCH',
    path: '/api/staff/:id',
    id: () => ids.frontdeskId,
    who: 'staff.admin',
    in: ['CUIHU'],
    body: () => ({ phone: '13700000000' }),
    status: 200,
    writes: { tables: ['staff_projects', 'audit_log'], row: () => ['staff', 'id', ids.frontdeskId] },
  },
  // an administrator's reset ends the target's sessions: it targets an account no caller uses (one's
  // own change, which needs the current password, is in sign-in-security.api.test.ts)
  {
    method: 'POST',
    path: '/api/staff/:id/password',
    id: () => ids.resetTargetId,
    who: 'staff.admin',
    in: ['CUIHU'],
    body: () => ({ password: `reset-by-admin-${unique()}` }),
    status: 204,
    writes: { tables: ['audit_log'], row: () => ['staff', 'id', ids.resetTargetId] },
  },

  // the owner archive
  {
    method: 'POST',
    path: '/api/move-ins',
    who: 'owner.write',
    in: ['CUIHU'],
    body: () => ({ unitId: ids.unitId, moveInDate: '2026-11-25', relation: 'occupant', owner: { name: `住户${unique()}` } }),
    status: 201,
    writes: { tables: ['owners', 'owner_units', 'owner_events', 'owner_contacts'] },
  },
  { method: 'GET', path: '/api/owners', who: 'owner.read', status: 200 },
  { method: 'GET', path: '/api/owners/:id', id: () => ids.ownerId, who: 'owner.read', in: ['CUIHU'], status: 200 },
  {
    method: 'PATCH',
    path: '/api/owners/:id',
    id: () => ids.ownerId,
    who: 'owner.write',
    in: ['CUIHU'],
    body: () => ({ notes: '喜欢电话联系' }),
    status: 200,
    writes: { tables: ['owner_events'], row: () => ['owners', 'id', ids.ownerId] },
  },
  {
    method: 'POST',
    path: '/api/owners/:id/contacts',
    id: () => ids.ownerId,
    who: 'owner.write',
    in: ['CUIHU'],
    body: () => ({ kind: 'email', value: `z${unique()}@example.com`, isPrimary: false }),
    status: 201,
    writes: { tables: ['owner_contacts', 'owner_events'] },
  },
  {
    method: 'POST',
    path: '/api/owners/:id/reveal',
    id: () => ids.ownerId,
    who: 'owner.reveal',
    in: ['CUIHU'],
    body: () => ({ field: 'idNumber', reason: '核对身份' }),
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  { method: 'GET', path: '/api/owners/:id/archive', id: () => ids.ownerId, who: 'owner.read', in: ['CUIHU'], status: 200 },
  // 迁出 dated before 张伟 moved in (2024-03-15): refused (400) to whoever may move owners out at all, nothing ends
  {
    method: 'POST',
    path: '/api/owners/:id/move-outs',
    id: () => ids.ownerId,
    who: 'owner.write',
    in: ['CUIHU'],
    body: () => ({ unitId: ids.unitId, movedOutOn: '2020-01-01', reason: 'move_out' }),
    status: 400,
    code: 'MOVE_OUT_DATE_INVALID',
    writes: { tables: ['owner_units', 'owner_events', 'owner_visits'], row: () => ['owner_units', 'owner_id', ids.ownerId] },
  },
  { method: 'GET', path: '/api/visits', query: () => '?status=due', who: 'owner.read', status: 200 },
  // 业主 as a file: as the list; a building of CUIHU is not found by whoever cannot see CUIHU
  { method: 'GET', path: '/api/exports/owners', who: 'owner.read', status: 200, writes: { tables: ['audit_log'] } },
  {
    method: 'GET',
    path: '/api/exports/owners',
    variant: 'CUIHU',
    query: () => `?format=csv&buildingId=${ids.buildingId}`,
    who: 'owner.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  // customer-grade changes: asking for the grade 张伟 already has is refused (400) to whoever may ask at all
  {
    method: 'POST',
    path: '/api/owners/:id/grade-requests',
    id: () => ids.ownerId,
    who: 'owner.write',
    in: ['CUIHU'],
    body: () => ({ toGrade: 'vip', reason: '核对分级' }),
    status: 400,
    code: 'FIELD_INVALID',
    writes: { tables: ['owner_grade_requests', 'owner_events'] },
  },
  { method: 'GET', path: '/api/grade-requests', query: () => '?status=pending', who: 'owner.read', status: 200 },
  // deciding on a request already decided: 409 to every manager who may see it
  {
    method: 'POST',
    path: '/api/grade-requests/:id/approve',
    id: () => ids.gradeRequestId,
    who: 'owner.grade.approve',
    in: ['CUIHU'],
    body: () => ({}),
    status: 409,
    code: 'GRADE_REQUEST_DECIDED',
    writes: { tables: ['owner_events', 'audit_log'], row: () => ['owners', 'id', ids.ownerId] },
  },
  {
    method: 'POST',
    path: '/api/grade-requests/:id/reject',
    id: () => ids.gradeRequestId,
    who: 'owner.grade.approve',
    in: ['CUIHU'],
    body: () => ({ note: '不同意' }),
    status: 409,
    code: 'GRADE_REQUEST_DECIDED',
    writes: { tables: ['owner_events', 'audit_log'], row: () => ['owner_grade_requests', 'id', ids.gradeRequestId] },
  },

  // cases
  {
    method: 'POST',
    path: '/api/cases',
    who: 'case.create',
    in: ['CUIHU'],
    owners: 'own',
    body: () => ({ projectId: ids.projectId, type: 'inquiry', channel: 'hotline', description: '请问停车位怎么租？' }),
    status: 201,
    writes: { tables: ['cases', 'case_events', 'sla_clocks', 'outbox'] },
  },
  { method: 'GET', path: '/api/cases', who: 'case.read', owners: 'any', status: 200 },
  { method: 'GET', path: '/api/cases/counts', who: 'case.read', status: 200 },
  {
    // naming a unit: an owner only their own home; staff only units of projects they can see
    method: 'POST',
    path: '/api/cases',
    variant: 'a CUIHU case naming 李娜’s unit',
    who: 'case.create',
    in: ['CUIHU'],
    owners: 'not-theirs',
    body: () => ({ projectId: ids.projectId, type: 'repair', channel: 'hotline', description: '隔壁漏水', unitId: ids.linaUnitId }),
    status: 201,
    writes: { tables: ['cases', 'case_events'] },
  },
  {
    // a BINJIANG case naming a CUIHU unit: only who sees both projects learns that the unit is elsewhere (400)
    method: 'POST',
    path: '/api/cases',
    variant: 'a BINJIANG case naming a CUIHU unit',
    who: 'case.create',
    in: ['BINJIANG', 'CUIHU'],
    owners: 'not-theirs',
    body: () => ({ projectId: t.a.projects.BINJIANG!.id, type: 'repair', channel: 'hotline', description: '漏水', unitId: ids.linaUnitId }),
    status: 400,
    code: 'UNIT_NOT_IN_PROJECT',
    writes: { tables: ['cases', 'case_events'] },
  },
  { method: 'GET', path: '/api/cases/:id', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], owners: 'own', status: 200 },
  { method: 'GET', path: '/api/cases/:id/events', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], owners: 'own', status: 200 },
  { method: 'GET', path: '/api/cases/:id/attachments', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], owners: 'own', status: 200 },
  {
    // a message: the working roles only (core/cases/permissions.ts), and the case's owner
    method: 'POST',
    path: '/api/cases/:id/commands',
    variant: 'message',
    id: () => ids.caseId,
    who: ['case.intake', 'case.department', 'case.field'],
    in: ['CUIHU'],
    owners: 'own',
    body: () => ({ command: { type: 'message', direction: 'outbound', content: '您好，已收到您的反馈。' } }),
    status: 200,
    writes: { tables: ['case_events', 'outbox'], row: () => ['cases', 'id', ids.caseId] },
  },
  { method: 'GET', path: '/api/cases/:id/sla', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], status: 200 },
  // who and where (issue 10): the case page's people, the phone reveal, dispatch's list, work orders, caller search
  { method: 'GET', path: '/api/cases/:id/context', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], status: 200 },
  {
    // whoever must call the owner: the project's desk (the case is unassigned, so no technician here)
    method: 'POST',
    path: '/api/cases/:id/owner-phone',
    id: () => ids.caseId,
    who: 'case.intake',
    in: ['CUIHU'],
    body: () => ({ reason: '约上门时间' }),
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  {
    // dispatch's list: the desk, or the head of the repair's department (the department heads are the
    // roles with case.approve but no case.intake; only CUIHU's 工程部经理 heads this case's department)
    method: 'GET',
    path: '/api/cases/:id/assignable-staff',
    id: () => ids.caseId,
    who: ['case.intake', 'case.approve'],
    in: ['CUIHU'],
    status: 200,
  },
  { method: 'GET', path: '/api/work-orders', who: 'case.field', status: 200 },

  // imports (issue 12): each kind as its typed-in counterpart
  { method: 'GET', path: '/api/imports/templates/:kind', variant: 'owners', id: () => 'owners', who: 'owner.write', status: 200 },
  { method: 'GET', path: '/api/imports/templates/:kind', variant: 'units', id: () => 'units', who: 'structure.admin', status: 200 },
  { method: 'GET', path: '/api/imports/templates/:kind', variant: 'staff', id: () => 'staff', who: 'staff.admin', status: 200 },
  // a dry run writes nothing; a sheet without its required columns is refused after the access check
  {
    method: 'POST',
    path: '/api/imports/:kind/dry-run',
    id: () => 'units',
    body: () => Buffer.from('not a workbook'),
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    who: 'structure.admin',
    status: 400,
    code: 'WORKBOOK_UNREADABLE',
  },
  // an import is its uploader's (admin here): anyone else is told it does not exist
  { method: 'GET', path: '/api/imports', who: 'staff', status: 200 },
  { method: 'GET', path: '/api/imports/:id', id: () => ids.importId, who: 'owner.write', only: 'admin', status: 200 },
  { method: 'GET', path: '/api/imports/:id/report', id: () => ids.importId, who: 'owner.write', only: 'admin', status: 200 },
  {
    method: 'PUT',
    path: '/api/imports/:id/mapping',
    id: () => ids.importId,
    body: () => ({ columns: ['project', 'unitLabel', 'name', 'phone'] }),
    who: 'owner.write',
    only: 'admin',
    status: 200,
    writes: { tables: ['import_mappings'] },
  },
  // one row has a problem and skipping it is not confirmed: refused, writing nothing (so it can be tried by every caller)
  {
    method: 'POST',
    path: '/api/imports/:id/apply',
    id: () => ids.importId,
    body: () => ({}),
    who: 'owner.write',
    only: 'admin',
    status: 409,
    code: 'IMPORT_HAS_PROBLEMS',
  },
  { method: 'GET', path: '/api/intake/callers', query: () => `?q=${encodeURIComponent('1栋101')}`, who: ['owner.read', 'case.create'], status: 200 },

  // attachments
  {
    method: 'POST',
    path: '/api/attachments',
    query: () => '?filename=photo.png',
    body: () => png,
    headers: { 'content-type': 'image/png' },
    who: 'signed-in',
    status: 201,
    writes: { tables: ['attachments'] },
  },
  { method: 'GET', path: '/api/attachments/:id', id: () => ids.attachmentId, who: 'case.read', in: ['CUIHU'], owners: 'own', status: 200 },
  // the scan on an internal staff note of 张伟's case: staff of the case, never an owner, not even his
  {
    method: 'GET',
    path: '/api/attachments/:id',
    variant: 'the file of an internal staff note',
    id: () => ids.noteFileId,
    who: 'case.read',
    in: ['CUIHU'],
    owners: 'not-theirs',
    status: 200,
  },
  // an upload not yet filed with any case: its uploader only
  {
    method: 'GET',
    path: '/api/attachments/:id',
    variant: 'agent1’s upload not yet on a case',
    id: () => ids.looseUploadId,
    who: 'staff',
    only: 'agent1',
    owners: 'not-theirs',
    status: 200,
  },

  // time limits
  { method: 'GET', path: '/api/projects/:id/calendar', id: () => ids.projectId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/projects/:id/calendar',
    id: () => ids.projectId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ week }),
    status: 200,
    writes: { tables: ['project_calendars', 'audit_log'], row: () => ['project_calendars', 'project_id', ids.projectId] },
  },
  { method: 'GET', path: '/api/calendar-years', who: 'structure.read', status: 200 },
  {
    method: 'PUT',
    path: '/api/calendar-years/:year',
    id: () => '2030',
    who: 'structure.admin',
    companyWide: true,
    body: () => ({ holidays: ['2030-01-01'], makeupWorkdays: [] }),
    status: 200,
    writes: { tables: ['calendar_years', 'audit_log'] },
  },
  { method: 'GET', path: '/api/projects/:id/sla-rules', id: () => ids.projectId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/projects/:id/sla-rules',
    id: () => ids.projectId,
    who: 'structure.admin',
    in: ['CUIHU'],
    body: () => ({ rules: [] }),
    status: 200,
    writes: { tables: ['sla_rules', 'audit_log'] },
  },
  { method: 'GET', path: '/api/notifications', who: 'staff', status: 200 },
  { method: 'GET', path: '/api/notifications/unread-count', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/notifications/:id/read',
    id: () => ids.notificationId,
    who: 'staff',
    only: NOTIFIED,
    status: 204,
    writes: { tables: [], row: () => ['notifications', 'id', ids.notificationId] },
  },
  { method: 'GET', path: '/api/reports/timeliness', who: 'report.read', status: 200 },
  {
    method: 'GET',
    path: '/api/reports/timeliness',
    variant: 'CUIHU',
    query: () => `?projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },
  { method: 'GET', path: '/api/reports/outcomes', who: 'report.read', status: 200 },
  {
    method: 'GET',
    path: '/api/reports/outcomes',
    variant: 'CUIHU',
    query: () => `?projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },
  // the list behind a figure: the reports' readers, within their projects
  { method: 'GET', path: '/api/reports/items', query: () => '?report=outcomes', who: 'report.read', status: 200 },
  {
    method: 'GET',
    path: '/api/reports/items',
    variant: 'CUIHU',
    query: () => `?report=timeliness&projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },

  // service language (服务忌语): every staff member reads the company's list (the browser checks with it); company-wide admins edit it
  { method: 'GET', path: '/api/service-language', who: 'staff', status: 200 },
  {
    method: 'PUT',
    path: '/api/service-language',
    who: ['staff.admin', 'structure.admin'],
    companyWide: true,
    body: () => ({ phrases: ['急什么', '管不了'] }),
    status: 200,
    writes: { tables: ['service_language_phrases', 'audit_log'] },
  },
  { method: 'GET', path: '/api/reports/service-language-overrides', who: 'report.read', status: 200 },
  {
    method: 'GET',
    path: '/api/reports/service-language-overrides',
    variant: 'CUIHU',
    query: () => `?projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },

  // exports (issue 12, item 5): staff only, as the list or report they export; each writes its audit entry
  { method: 'GET', path: '/api/exports/cases', who: 'case.read', status: 200, writes: { tables: ['audit_log'] } },
  {
    method: 'GET',
    path: '/api/exports/cases',
    variant: 'CUIHU',
    query: () => `?format=csv&projectId=${ids.projectId}`,
    who: 'case.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  { method: 'GET', path: '/api/exports/timeliness', who: 'report.read', status: 200, writes: { tables: ['audit_log'] } },
  {
    method: 'GET',
    path: '/api/exports/timeliness',
    variant: 'CUIHU',
    query: () => `?projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  { method: 'GET', path: '/api/exports/outcomes', query: () => '?groupBy=staff', who: 'report.read', status: 200, writes: { tables: ['audit_log'] } },
  // 月度报告包: a project's month for the reports' readers of that project; its files logged
  {
    method: 'GET',
    path: '/api/reports/monthly-pack',
    query: () => `?projectId=${ids.projectId}&month=2026-11`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'GET',
    path: '/api/exports/monthly-pack',
    query: () => `?projectId=${ids.projectId}&month=2026-11&format=pdf`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  {
    method: 'GET',
    path: '/api/exports/complaint-categories',
    query: () => `?format=csv&projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },

  // the live stream
  { method: 'GET', path: '/api/live', who: 'signed-in', status: 200, stream: true },

  // the wallboard (大屏, issue 16 item 4): display tokens are the administrator's; the board and its stream take
  // the display token alone (whoever else calls, with whatever session): a valid one opens it, a revoked one is 401
  { method: 'GET', path: '/api/display-tokens', who: 'staff.admin', status: 200 },
  {
    method: 'POST',
    path: '/api/display-tokens',
    who: 'staff.admin',
    in: ['CUIHU'],
    body: () => ({ label: `大屏 ${unique()}`, projectIds: [ids.projectId] }),
    status: 201,
    writes: { tables: ['display_tokens', 'audit_log'] },
  },
  {
    method: 'DELETE',
    path: '/api/display-tokens/:id',
    id: () => ids.displayTokenId,
    who: 'staff.admin',
    in: ['CUIHU'],
    status: 204,
    writes: { tables: ['audit_log'], row: () => ['display_tokens', 'id', ids.displayTokenId] },
  },
  { method: 'GET', path: '/api/wallboard', variant: 'its display token', query: () => `?token=${ids.displayToken}`, who: 'public', status: 200 },
  {
    method: 'GET',
    path: '/api/wallboard',
    variant: 'a revoked display token',
    query: () => `?token=${ids.revokedDisplayToken}`,
    who: 'public',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    method: 'GET',
    path: '/api/wallboard/live',
    variant: 'its display token',
    query: () => `?token=${ids.displayToken}`,
    who: 'public',
    status: 200,
    stream: true,
  },
  { method: 'GET', path: '/api/wallboard/live', variant: 'no display token', who: 'public', status: 401, stream: true, code: 'UNAUTHENTICATED' },

  // messages that leave the system (issue 13): channels, templates, deliveries, the on-duty roster
  { method: 'GET', path: '/api/channels', who: 'messaging.admin', status: 200 },
  {
    method: 'PUT',
    path: '/api/channels/:channel',
    id: () => 'webhook',
    body: () => ({ enabled: true, config: { url: 'http://127.0.0.1:9/hook' }, secret: 'shh' }),
    who: 'messaging.admin',
    status: 200,
    writes: { tables: ['channel_settings'] },
  },
  {
    method: 'POST',
    path: '/api/channels/:channel/test',
    id: () => 'email',
    body: () => ({ to: 'ops@example.com' }),
    who: 'messaging.admin',
    status: 409,
    code: 'CHANNEL_NOT_SET_UP',
  },
  { method: 'GET', path: '/api/deliveries', query: () => '?status=failed', who: 'messaging.admin', status: 200 },
  {
    method: 'POST',
    path: '/api/deliveries/:id/retry',
    id: () => ids.deliveryId,
    who: 'messaging.admin',
    in: ['CUIHU'],
    status: 409,
    code: 'DELIVERY_NOT_FAILED',
  },
  { method: 'GET', path: '/api/cases/:id/deliveries', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/message-templates', who: 'messaging.admin', status: 200 },
  {
    method: 'PUT',
    path: '/api/message-templates/:kind/:locale',
    id: () => 'case_received/zh-CN',
    body: () => ({ title: '受理通知', body: '您好，您的报修（{{caseNumber}}）已受理，谢谢！' }),
    who: 'messaging.admin',
    status: 200,
    writes: { tables: ['message_templates'] },
  },
  {
    method: 'POST',
    path: '/api/message-templates/:kind/:locale/preview',
    id: () => 'work_done/zh-CN',
    body: () => ({}),
    who: 'messaging.admin',
    status: 200,
  },
  {
    method: 'GET',
    path: '/api/duty-shifts',
    query: () => `?projectId=${ids.projectId}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    who: 'structure.read',
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/duty-shifts',
    // each allowed caller puts tech1 on duty on a day of its own (two shifts of one person never overlap)
    body: () => {
      const day = Date.UTC(2027, 0, 1) + (seq += 1) * 86_400_000;
      return { projectId: ids.projectId, staffId: t.a.staff.tech1, startsAt: new Date(day).toISOString(), endsAt: new Date(day + 8 * 3_600_000).toISOString() };
    },
    who: 'duty.manage',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['duty_shifts'] },
  },
  { method: 'DELETE', path: '/api/duty-shifts/:id', id: () => 'no-such-shift', who: 'duty.manage', notYours: true, status: 404, code: 'DUTY_SHIFT_NOT_FOUND' },
  { method: 'GET', path: '/api/on-duty', query: () => `?projectId=${ids.projectId}`, who: 'structure.read', in: ['CUIHU'], status: 200 },

  // statutory postings (法定公示, issue 13 item 6): schedules set by whoever approves notices, postings by whoever writes them
  { method: 'GET', path: '/api/projects/:id/statutory-schedules', id: () => ids.projectId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/projects/:id/statutory-schedules',
    id: () => ids.projectId,
    body: () => ({ subject: 'other', title: `停车收费公示 ${unique()}`, everyMonths: 12, nextDueOn: '2027-01-15' }),
    who: 'notice.approve',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['statutory_schedules'] },
  },
  {
    method: 'POST',
    path: '/api/projects/:id/statutory-schedules/defaults',
    id: () => ids.projectId,
    who: 'notice.approve',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['statutory_schedules'] },
  },
  {
    method: 'PATCH',
    path: '/api/statutory-schedules/:id',
    id: () => ids.statutoryScheduleId,
    body: () => ({ warnDays: 5 }),
    who: 'notice.approve',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: [], row: () => ['statutory_schedules', 'id', ids.statutoryScheduleId] },
  },
  { method: 'GET', path: '/api/statutory-schedules/:id/postings', id: () => ids.statutoryScheduleId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/statutory-schedules/:id/postings',
    id: () => ids.statutoryScheduleId,
    body: () => ({ postedOn: '2026-11-20' }),
    who: 'notice.write',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['statutory_postings'], row: () => ['statutory_schedules', 'id', ids.statutoryScheduleId] },
  },
  {
    method: 'POST',
    path: '/api/statutory-postings/:id/objections',
    id: () => ids.statutoryPostingId,
    body: () => ({ content: '对公示的收费标准有异议', channel: 'hotline' }),
    who: 'case.create',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['cases', 'statutory_objections'] },
  },
  { method: 'GET', path: '/api/portal/statutory-postings', who: 'owners-only', status: 200 },
  {
    method: 'POST',
    path: '/api/portal/statutory-postings/:id/objections',
    id: () => ids.statutoryPostingId,
    body: () => ({ content: '公共收益金额与实际不符' }),
    who: 'owners-only',
    owners: 'own',
    status: 201,
    writes: { tables: ['cases', 'statutory_objections'] },
  },

  // the outage register (停水/停电, issue 13 item 7): the service centre registers and closes, case readers list
  {
    method: 'POST',
    path: '/api/outages',
    body: () => ({
      projectId: ids.projectId,
      kind: 'power',
      startsAt: '2026-11-26T09:00:00+08:00',
      endsAt: '2026-11-26T12:00:00+08:00',
      cause: `配电检修 ${unique()}`,
      callerScript: '计划停电检修，12:00 前恢复',
    }),
    who: 'case.intake',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['outages'] },
  },
  {
    method: 'POST',
    path: '/api/outages/:id/close',
    id: () => ids.closedOutageId,
    who: 'case.intake',
    in: ['CUIHU'],
    status: 409,
    code: 'OUTAGE_CLOSED',
    writes: { tables: [], row: () => ['outages', 'id', ids.closedOutageId] },
  },
  { method: 'GET', path: '/api/outages', query: () => `?projectId=${ids.projectId}`, who: 'case.read', in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/outages/active', query: () => `?unitId=${ids.unitId}`, who: 'case.read', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/cases/:id/outage-links',
    id: () => ids.caseId,
    body: () => ({ outageId: ids.outageId }),
    who: 'case.intake',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['case_outages'] },
  },
  { method: 'GET', path: '/api/cases/:id/outages', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], status: 200 },

  // callbacks (回访, issue 14 item 1, decision 0027): the queue and its records need callback.make, settings and the monthly list callback.admin
  { method: 'GET', path: '/api/callbacks', query: () => `?projectId=${ids.projectId}`, who: 'callback.make', in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/callbacks/:id', id: () => ids.doneCallbackId, who: 'callback.make', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/callbacks/:id/records',
    id: () => ids.doneCallbackId,
    body: () => ({ reached: false }),
    who: 'callback.make',
    in: ['CUIHU'],
    status: 409,
    code: 'CALLBACK_CLOSED',
    writes: { tables: ['callback_records', 'case_events'], row: () => ['callbacks', 'id', ids.doneCallbackId] },
  },
  {
    method: 'PUT',
    path: '/api/callbacks/:id/assignee',
    id: () => ids.doneCallbackId,
    body: () => ({ assigneeId: t.a.staff.frontdesk1, reason: '换人回访' }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 409,
    code: 'CALLBACK_CLOSED',
    writes: { tables: ['callback_reassignments'], row: () => ['callbacks', 'id', ids.doneCallbackId] },
  },
  {
    method: 'POST',
    path: '/api/callbacks/monthly',
    body: () => ({ projectId: ids.projectId, month: '2020-01' }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['callbacks'] },
  },
  { method: 'GET', path: '/api/callback-settings', query: () => `?projectId=${ids.projectId}`, who: 'callback.admin', in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/callback-settings',
    body: () => ({ projectId: ids.projectId, category: `水电${unique()}`, mode: 'skip_if_rated' }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['callback_settings'] },
  },

  // visits (走访, issue 14 item 2, decision 0029): planners plan and edit, visitors record; the matrix's visit is made already and its opinion a case
  {
    method: 'POST',
    path: '/api/visit-plans',
    body: () => ({ projectId: ids.projectId, month: VISIT_MONTH }),
    who: 'visit.plan',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['visit_plans', 'owner_visits'] },
  },
  {
    method: 'GET',
    path: '/api/visit-plans',
    query: () => `?projectId=${ids.projectId}&month=${VISIT_MONTH}`,
    who: ['visit.make', 'visit.plan'],
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/visits',
    body: () => ({
      planId: ids.visitPlanId,
      unitId: ids.visitUnitId,
      assigneeId: ids.frontdeskId,
      plannedOn: '2026-11-28',
      plannedTime: '10:00',
      followUp: true,
    }),
    who: 'visit.plan',
    in: ['CUIHU'],
    status: 409,
    code: 'VISIT_UNIT_PLANNED',
    writes: { tables: ['owner_visits'] },
  },
  { method: 'GET', path: '/api/visits/:id', id: () => ids.visitId, who: ['visit.make', 'visit.plan', 'visit.private'], in: ['CUIHU'], status: 200 },
  {
    method: 'PATCH',
    path: '/api/visits/:id',
    id: () => ids.visitId,
    body: () => ({ plannedTime: '10:00' }),
    who: 'visit.plan',
    in: ['CUIHU'],
    status: 409,
    code: 'VISIT_NOT_DUE',
    writes: { tables: [], row: () => ['owner_visits', 'id', ids.visitId] },
  },
  {
    method: 'POST',
    path: '/api/visits/:id/remove',
    id: () => ids.visitId,
    body: () => ({}),
    who: 'visit.plan',
    in: ['CUIHU'],
    status: 409,
    code: 'VISIT_NOT_DUE',
    writes: { tables: [], row: () => ['owner_visits', 'id', ids.visitId] },
  },
  {
    method: 'POST',
    path: '/api/visits/:id/record',
    id: () => ids.visitId,
    body: () => visitRecordBody(t.deps.now()),
    who: 'visit.make',
    in: ['CUIHU'],
    status: 409,
    code: 'VISIT_NOT_DUE',
    writes: { tables: ['visit_opinions'], row: () => ['owner_visits', 'id', ids.visitId] },
  },
  {
    method: 'POST',
    path: '/api/visits/:id/opinions/:opinionId/case',
    id: () => ids.visitId,
    body: () => ({}),
    who: 'visit.make',
    in: ['CUIHU'],
    status: 409,
    code: 'VISIT_OPINION_HAS_CASE',
    writes: { tables: ['cases', 'visit_opinions'] },
  },

  // notices (通知公告): the ledger needs either right; the refused steps of a published or withdrawn notice change nothing
  { method: 'GET', path: '/api/notices', who: ['notice.write', 'notice.approve'], status: 200 },
  {
    method: 'POST',
    path: '/api/notices',
    body: () => ({ projectId: ids.projectId, kind: 'reminder', title: '停车卡年审提醒', body: '请于月底前到管理处办理停车卡年审。' }),
    who: 'notice.write',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['notices', 'audit_log'] },
  },
  { method: 'GET', path: '/api/notices/:id', id: () => ids.noticeId, who: ['notice.write', 'notice.approve'], in: ['CUIHU'], status: 200 },
  {
    method: 'PATCH',
    path: '/api/notices/:id',
    id: () => ids.noticeId,
    body: () => ({ title: '改标题' }),
    who: ['notice.write', 'notice.approve'],
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_LOCKED',
    writes: { tables: ['notices', 'audit_log'] },
  },
  { method: 'GET', path: '/api/notices/figures', query: () => `?ids=${ids.noticeId}`, who: ['notice.write', 'notice.approve'], status: 200 },
  { method: 'GET', path: '/api/notices/:id/recipients', id: () => ids.noticeId, who: ['notice.write', 'notice.approve'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/notices/:id/reach', id: () => ids.noticeId, who: ['notice.write', 'notice.approve'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/notices/:id/reach.xlsx', id: () => ids.noticeId, who: ['notice.write', 'notice.approve'], in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/notices/:id/submit',
    id: () => ids.noticeId,
    who: 'notice.write',
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/notices/:id/approve',
    id: () => ids.noticeId,
    who: 'notice.approve',
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'outbox', 'notice_postings', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/notices/:id/reject',
    id: () => ids.noticeId,
    body: () => ({ reason: '内容有误' }),
    who: 'notice.approve',
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/notices/:id/revise',
    id: () => ids.noticeId,
    who: 'notice.write',
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/notices/:id/undo',
    id: () => ids.withdrawnNoticeId,
    who: ['notice.write', 'notice.approve'],
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'deliveries', 'notice_postings', 'audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/notices/:id/supersede',
    id: () => ids.withdrawnNoticeId,
    who: 'notice.write',
    in: ['CUIHU'],
    status: 409,
    code: 'NOTICE_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['notices', 'audit_log'] },
  },
  { method: 'GET', path: '/api/portal/notices', who: 'owners-only', status: 200 },
  // a read receipt: only an owner the notice is for (张伟, CUIHU); no staff role has it (an empty list of capabilities)
  {
    method: 'POST',
    path: '/api/portal/notices/:id/read',
    id: () => ids.noticeId,
    who: [] as Capability[],
    owners: 'own',
    status: 204,
    writes: { tables: ['notice_reads'] },
  },
  { method: 'GET', path: '/api/portal/message-settings', who: 'owners-only', status: 200 },
  {
    method: 'PUT',
    path: '/api/portal/message-settings',
    body: () => ({ preferredChannel: null, doNotDisturb: [{ from: '22:00', to: '07:00' }], mutes: [{ kind: 'community', channel: 'sms' }] }),
    who: 'owners-only',
    status: 200,
    writes: { tables: ['owner_events'] },
  },
  { method: 'GET', path: '/api/notice-postings', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/notice-postings/:id/done',
    id: () => ids.postingId,
    body: () => ({ note: '完好' }),
    who: 'staff',
    only: 'steward1',
    status: 200,
    writes: { tables: ['notice_postings'] },
  },

  // delivery reports pushed by the providers: public, the token in the path is the credential — a wrong one is 404 to everyone, nothing confirmed
  {
    method: 'POST',
    path: '/api/delivery-reports/sms/:organizationId/:token',
    id: () => `${t.a.organizationId}/${'0'.repeat(64)}`,
    body: () => [{ report_time: '2026-11-25 10:00:05', success: false, err_code: 'X', err_msg: 'forged', out_id: 'gj-unknown' }],
    who: 'public',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    method: 'GET',
    path: '/api/delivery-reports/wechat/:organizationId/:token',
    id: () => `${t.a.organizationId}/${'0'.repeat(64)}`,
    query: () => '?signature=0000000000000000000000000000000000000000&timestamp=1795572000&nonce=1&echostr=42',
    who: 'public',
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    method: 'POST',
    path: '/api/delivery-reports/wechat/:organizationId/:token',
    id: () => `${t.a.organizationId}/${'0'.repeat(64)}`,
    query: () => '?signature=0000000000000000000000000000000000000000&timestamp=1795572000&nonce=1',
    body: () => '<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>1</MsgID><Status>failed:user block</Status></xml>',
    headers: { 'content-type': 'text/xml' },
    who: 'public',
    status: 404,
    code: 'NOT_FOUND',
  },

  // ratings on several scores and their reply; quality marks (issue 14, decision 0028). The matrix's case is not rated: a reply is refused on that.
  { method: 'GET', path: '/api/cases/:id/rating', id: () => ids.caseId, who: 'case.read', in: ['CUIHU'], owners: 'own', status: 200 },
  {
    method: 'POST',
    path: '/api/cases/:id/rating/reply',
    id: () => ids.caseId,
    body: () => ({ reply: '感谢您的评价' }),
    who: 'callback.make',
    in: ['CUIHU'],
    status: 404,
    code: 'RATING_NOT_FOUND',
    writes: { tables: ['case_ratings'] },
  },
  {
    method: 'POST',
    path: '/api/cases/:id/quality-marks',
    id: () => ids.caseId,
    body: () => ({ reasons: ['slow'] }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['quality_marks'] },
  },
  { method: 'GET', path: '/api/cases/:id/quality-marks', id: () => ids.caseId, who: 'callback.admin', in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/quality-marks/chart', query: () => '?from=2026-01&to=2026-12', who: ['callback.admin', 'report.read'], status: 200 },
  // the weekly sample's rounds (抽样回访) and their summary report
  {
    method: 'POST',
    path: '/api/callback-rounds',
    body: () => ({ projectId: ids.projectId, weekStart: earlierMonday() }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['callback_rounds'] },
  },
  { method: 'GET', path: '/api/callback-rounds', who: ['callback.admin', 'report.read'], status: 200 },
  { method: 'GET', path: '/api/callback-rounds/:id', id: () => ids.roundId, who: ['callback.admin', 'report.read'], in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/callback-rounds/:id/caller',
    id: () => ids.roundId,
    body: () => ({ callerId: t.a.staff.quality }),
    who: 'callback.admin',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: [], row: () => ['callback_rounds', 'id', ids.roundId] },
  },
  { method: 'GET', path: '/api/callback-rounds/:id/audit', id: () => ids.roundId, who: ['callback.admin', 'report.read'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/callback-rounds/:id/summary', id: () => ids.roundId, who: ['callback.admin', 'report.read'], in: ['CUIHU'], status: 200 },
  {
    method: 'GET',
    path: '/api/callback-rounds/:id/summary/export',
    id: () => ids.roundId,
    who: ['callback.admin', 'report.read'],
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  // satisfaction surveys (满意度调查, issue 14 item 4): campaigns by survey.manage, reading with either right, answers by survey.enter and owners
  { method: 'GET', path: '/api/survey-questions', who: 'survey.manage', status: 200 },
  {
    method: 'POST',
    path: '/api/survey-questions',
    body: () => ({ area: 'greening', text: `您对小区绿化养护是否满意？${unique()}` }),
    who: 'survey.manage',
    status: 201,
    writes: { tables: ['survey_questions'] },
  },
  { method: 'GET', path: '/api/surveys', query: () => `?projectId=${ids.projectId}`, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/surveys',
    body: () => ({ projectId: ids.projectId, title: `满意度调查 ${unique()}`, questionIds: [ids.surveyQuestionId] }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['surveys'] },
  },
  { method: 'GET', path: '/api/surveys/:id', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  {
    method: 'PATCH',
    path: '/api/surveys/:id',
    id: () => ids.surveyId,
    body: () => ({ title: '改标题' }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['surveys'] },
  },
  {
    method: 'POST',
    path: '/api/surveys/:id/launch',
    id: () => ids.surveyId,
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['surveys', 'survey_answers', 'outbox'] },
  },
  {
    method: 'POST',
    path: '/api/surveys/:id/close',
    id: () => ids.closedSurveyId,
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['surveys', 'survey_reviews'] },
  },
  { method: 'GET', path: '/api/surveys/:id/households', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/surveys/:id/paper', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/surveys/:id/answers',
    id: () => ids.surveyId,
    body: () => ({ code: ids.surveyCode, channel: 'paper', scores: { [ids.surveyQuestionId]: 5 } }),
    who: 'survey.enter',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_ALREADY_ANSWERED',
    writes: { tables: ['survey_answers', 'survey_scores', 'survey_register'] },
  },
  { method: 'GET', path: '/api/surveys/:id/recovery', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/surveys/:id/statistics', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/surveys/:id/statistics/export', id: () => ids.surveyId, who: ['survey.manage', 'survey.enter'], in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/surveys/:id/register', id: () => ids.surveyId, who: 'survey.manage', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/survey-register/:id/handle',
    id: () => ids.surveyRegisterId,
    body: () => ({ note: '已处理' }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['survey_register'] },
  },
  { method: 'GET', path: '/api/survey-reviews', who: 'survey.manage', status: 200 },
  { method: 'GET', path: '/api/projects/:id/survey-target', id: () => ids.projectId, who: 'survey.manage', in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/projects/:id/survey-target',
    id: () => ids.projectId,
    body: () => ({ target: 0.7 }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['survey_targets'] },
  },
  { method: 'GET', path: '/api/portal/surveys', who: 'owners-only', status: 200 },
  {
    method: 'POST',
    path: '/api/portal/surveys/:id/answers',
    id: () => ids.surveyId,
    body: () => ({ unitId: ids.unitId, scores: { [ids.surveyQuestionId]: 5 } }),
    who: 'owners-only',
    owners: 'own',
    status: 409,
    code: 'SURVEY_ALREADY_ANSWERED',
    writes: { tables: ['survey_answers', 'survey_scores', 'survey_register'] },
  },
  {
    method: 'POST',
    path: '/api/survey-reviews/:id/done',
    id: () => ids.surveyReviewId,
    body: () => ({ findings: '已整改' }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SURVEY_REVIEW_DONE',
    writes: { tables: ['survey_reviews'] },
  },
  // the steward of each building (管家评价) and staff self-evaluation forms (员工自评, decision 0033); the round here is closed and
  // its form — of a CUIHU member who is none of the callers — reviewed, so every write is refused on its state
  { method: 'GET', path: '/api/projects/:id/building-stewards', id: () => ids.projectId, who: 'structure.read', in: ['CUIHU'], status: 200 },
  {
    method: 'PUT',
    path: '/api/buildings/:id/steward',
    id: () => ids.buildingId,
    body: () => ({ staffId: null }),
    who: 'steward.assign',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['building_stewards'] },
  },
  { method: 'GET', path: '/api/self-evaluation-rounds', who: ['survey.manage', 'staff.evaluate'], status: 200 },
  {
    method: 'POST',
    path: '/api/self-evaluation-rounds',
    body: () => ({ title: '员工自评', period: '2026年度', questionIds: [ids.surveyQuestionId], projectIds: [ids.projectId], dueOn: '2020-01-01' }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 400,
    code: 'FIELD_INVALID',
    writes: { tables: ['self_evaluation_rounds', 'self_evaluations', 'notifications'] },
  },
  {
    method: 'GET',
    path: '/api/self-evaluation-rounds/:id',
    id: () => ids.selfEvaluationRoundId,
    who: ['survey.manage', 'staff.evaluate'],
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/self-evaluation-rounds/:id/close',
    id: () => ids.selfEvaluationRoundId,
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 409,
    code: 'SELF_EVALUATION_ROUND_CLOSED',
    writes: { tables: ['self_evaluation_rounds'] },
  },
  { method: 'GET', path: '/api/self-evaluations/mine', who: 'staff', status: 200 },
  {
    method: 'GET',
    path: '/api/self-evaluations/:id',
    id: () => ids.selfEvaluationId,
    who: ['survey.manage', 'staff.evaluate'],
    in: ['CUIHU'],
    status: 200,
  },
  // only its own person fills a form in: a reader who oversees them is refused as not its owner
  ...(['PUT', 'POST'] as const).map((method) => ({
    method,
    path: method === 'PUT' ? '/api/self-evaluations/:id' : '/api/self-evaluations/:id/submit',
    id: () => ids.selfEvaluationId,
    body: () => ({ summary: '代填' }),
    who: ['survey.manage', 'staff.evaluate'] as Capability[],
    in: ['CUIHU' as const],
    status: 403,
    code: 'SELF_EVALUATION_NOT_OWN',
    writes: { tables: ['self_evaluations'] },
  })),
  {
    method: 'POST',
    path: '/api/self-evaluations/:id/review',
    id: () => ids.selfEvaluationId,
    body: () => ({ comment: '同意' }),
    who: 'staff.evaluate',
    in: ['CUIHU'],
    status: 409,
    code: 'SELF_EVALUATION_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['self_evaluations', 'notifications'] },
  },
  // patrols and defects (issue 15, decision 0034): the point, plan, today's task of tech1 and a defect of manager1's made in beforeAll;
  // every allowed write but the creations is refused on its content (a bad code or ticket, an unknown person, a state)
  { method: 'GET', path: '/api/inspection-points', who: [...INSPECTION_READ, 'inspection.patrol'], status: 200 },
  {
    method: 'POST',
    path: '/api/inspection-points',
    who: 'inspection.admin',
    in: ['CUIHU'],
    body: () => ({ projectId: ids.projectId, name: `巡检点 ${unique()}`, kind: 'area', specialty: 'security', latitude: 22.5431, longitude: 114.0579 }),
    status: 201,
    writes: { tables: ['inspection_points'] },
  },
  {
    method: 'PATCH',
    path: '/api/inspection-points/:id',
    id: () => ids.inspection.pointId,
    who: 'inspection.admin',
    in: ['CUIHU'],
    body: () => ({ place: '北门岗亭' }),
    status: 200,
    writes: { tables: [], row: () => ['inspection_points', 'id', ids.inspection.pointId] },
  },
  { method: 'GET', path: '/api/inspection-points/:id/code', id: () => ids.inspection.pointId, who: 'inspection.admin', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/inspection-points/:id/code',
    id: () => ids.inspection.pointId,
    who: 'inspection.admin',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'], row: () => ['inspection_points', 'id', ids.inspection.pointId] },
  },
  { method: 'GET', path: '/api/patrol-plans', who: INSPECTION_READ, status: 200 },
  {
    method: 'POST',
    path: '/api/patrol-plans',
    who: 'inspection.admin',
    in: ['CUIHU'],
    body: () => ({ ...ids.inspection.planBody, name: `巡检计划 ${unique()}` }),
    status: 201,
    writes: { tables: ['patrol_plans', 'patrol_tasks', 'patrol_checks'] },
  },
  {
    method: 'PUT',
    path: '/api/patrol-plans/:id',
    id: () => ids.inspection.planId,
    who: 'inspection.admin',
    in: ['CUIHU'],
    body: () => {
      const { projectId: _p, ...plan } = ids.inspection.planBody;
      return { ...plan, active: true };
    },
    status: 200,
    writes: { tables: ['patrol_tasks'], row: () => ['patrol_plans', 'id', ids.inspection.planId] },
  },
  { method: 'GET', path: '/api/patrol-tasks', who: [...INSPECTION_READ, 'inspection.patrol'], status: 200 },
  { method: 'GET', path: '/api/patrol-tasks/:id', id: () => ids.inspection.taskId, who: INSPECTION_READ, in: ['CUIHU'], self: 'tech1', status: 200 },
  {
    method: 'POST',
    path: '/api/patrol-tasks/:id/scan',
    id: () => ids.inspection.taskId,
    who: 'inspection.patrol',
    only: 'tech1',
    body: () => ({ code: 'GJP1.not-a-code', position: null }),
    status: 400,
    code: 'PATROL_CODE_INVALID',
  },
  {
    method: 'POST',
    path: '/api/patrol-tasks/:id/checks',
    id: () => ids.inspection.taskId,
    who: 'inspection.patrol',
    only: 'tech1',
    body: () => ({ ticket: 'GJS1.forged', result: 'normal', photoIds: [] }),
    status: 400,
    code: 'PATROL_TICKET_INVALID',
    writes: { tables: ['patrol_checks', 'defects', 'inspection_photos'] },
  },
  {
    method: 'POST',
    path: '/api/patrol-tasks/:id/transfer',
    id: () => ids.inspection.taskId,
    who: 'inspection.admin',
    in: ['CUIHU'],
    self: 'tech1',
    body: () => ({ toStaffId: 'nobody', reason: '临时请假' }),
    status: 400,
    code: 'PATROL_TRANSFER_INVALID',
    writes: { tables: ['notifications'], row: () => ['patrol_tasks', 'id', ids.inspection.taskId] },
  },
  {
    method: 'POST',
    path: '/api/patrol-tasks/:id/acceptance',
    id: () => ids.inspection.taskId,
    who: 'inspection.admin',
    in: ['CUIHU'],
    body: () => ({ accepted: true }),
    status: 409,
    code: 'PATROL_ACCEPTANCE_NOT_ALLOWED',
    writes: { tables: [], row: () => ['patrol_tasks', 'id', ids.inspection.taskId] },
  },
  { method: 'GET', path: '/api/defects', who: INSPECTION_READ, status: 200 },
  {
    method: 'POST',
    path: '/api/defects',
    who: ['defect.manage', 'inspection.check'],
    in: ['CUIHU'],
    body: () => ({ projectId: ids.projectId, specialty: 'environment', severity: 'minor', causedByStaff: false, description: `垃圾未清 ${unique()}` }),
    status: 201,
    writes: { tables: ['defects', 'notifications'] },
  },
  { method: 'GET', path: '/api/defects/:id', id: () => ids.inspection.defectId, who: INSPECTION_READ, in: ['CUIHU'], self: 'manager1', status: 200 },
  {
    method: 'POST',
    path: '/api/defects/:id/closure',
    id: () => ids.inspection.defectId,
    who: 'defect.manage',
    in: ['CUIHU'],
    self: 'manager1',
    body: () => ({ note: ' ' }),
    status: 400,
    code: 'DEFECT_NOTE_REQUIRED',
    writes: { tables: [], row: () => ['defects', 'id', ids.inspection.defectId] },
  },
  {
    method: 'POST',
    path: '/api/defects/:id/verification',
    id: () => ids.inspection.defectId,
    who: ['inspection.check', 'defect.manage'],
    in: ['CUIHU'],
    body: () => ({ passed: true }),
    status: 409,
    code: 'DEFECT_NOT_CLOSED',
    writes: { tables: ['notifications'], row: () => ['defects', 'id', ids.inspection.defectId] },
  },
  {
    method: 'POST',
    path: '/api/defects/:id/assignment',
    id: () => ids.inspection.defectId,
    who: 'defect.manage',
    in: ['CUIHU'],
    body: () => ({ responsibleId: t.a.staff.manager1, deadline: '2020-01-01T00:00:00+08:00' }),
    status: 400,
    code: 'DEFECT_DEADLINE_PAST',
    writes: { tables: ['notifications'], row: () => ['defects', 'id', ids.inspection.defectId] },
  },
  {
    method: 'POST',
    path: '/api/defects/:id/case',
    id: () => ids.inspection.defectWithCaseId,
    who: 'defect.manage',
    in: ['CUIHU'],
    body: () => ({ type: 'repair' }),
    status: 409,
    code: 'DEFECT_NOT_OPEN',
    writes: { tables: ['cases'] },
  },
  // scored checks (issue 15 item 1): a daily_specialty checklist of manager1's, his daily check in progress and a warning night's check
  // scheduled (2027-01-10: not tonight), made in beforeAll; his check is worked by him alone, and the refused writes are refused on their content
  { method: 'GET', path: '/api/checklist-templates', who: INSPECTION_READ, status: 200 },
  {
    method: 'POST',
    path: '/api/checklist-templates',
    who: 'inspection.admin',
    body: () => ({ name: `检查表 ${unique()}`, kind: 'daily_specialty', items: [{ text: '岗亭整洁', specialty: 'security', points: 10 }] }),
    status: 201,
    writes: { tables: ['checklist_templates'] },
  },
  {
    method: 'PATCH',
    path: '/api/checklist-templates/:id',
    id: () => ids.inspection.templateId,
    who: 'inspection.admin',
    ofTenantA: true,
    body: () => ({ name: '秩序专业日检表' }),
    status: 200,
    writes: { tables: [], row: () => ['checklist_templates', 'id', ids.inspection.templateId] },
  },
  { method: 'GET', path: '/api/inspections', who: INSPECTION_READ, status: 200 },
  {
    method: 'POST',
    path: '/api/inspections',
    who: 'inspection.check',
    in: ['CUIHU'],
    body: () => ({ projectId: ids.projectId, templateId: ids.inspection.patrolTemplateId, inspectedName: '北门岗' }),
    status: 201,
    writes: { tables: ['inspections'] },
  },
  { method: 'GET', path: '/api/inspections/:id', id: () => ids.inspection.checkId, who: INSPECTION_READ, in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/inspections/:id/start',
    id: () => ids.inspection.scheduledCheckId,
    who: 'inspection.check',
    in: ['CUIHU'],
    body: () => ({ inspectedName: '北门岗' }),
    status: 409,
    code: 'INSPECTION_NOT_ITS_NIGHT',
    writes: { tables: [], row: () => ['inspections', 'id', ids.inspection.scheduledCheckId] },
  },
  {
    method: 'PUT',
    path: '/api/inspections/:id',
    id: () => ids.inspection.checkId,
    who: 'inspection.check',
    only: 'manager1',
    body: () => ({ results: [{ itemId: 'i99', outcome: 'pass' }] }),
    status: 400,
    code: 'INSPECTION_RESULT_INVALID',
    writes: { tables: ['inspection_photos'], row: () => ['inspections', 'id', ids.inspection.checkId] },
  },
  {
    method: 'POST',
    path: '/api/inspections/:id/submit',
    id: () => ids.inspection.checkId,
    who: 'inspection.check',
    only: 'manager1',
    body: () => ({}),
    status: 400,
    code: 'INSPECTION_INCOMPLETE',
    writes: { tables: ['defects', 'notifications'], row: () => ['inspections', 'id', ids.inspection.checkId] },
  },
  {
    method: 'GET',
    path: '/api/night-checks',
    query: () => `?projectId=${ids.projectId}`,
    who: INSPECTION_READ,
    in: ['CUIHU'],
    status: 200,
  },
  { method: 'GET', path: '/api/weather-warnings', who: INSPECTION_READ, status: 200 },
  { method: 'GET', path: '/api/check-duties', who: INSPECTION_READ, status: 200 },
  {
    method: 'GET',
    path: '/api/check-duties',
    variant: 'one project',
    query: () => `?projectId=${ids.projectId}&month=2026-11`,
    who: INSPECTION_READ,
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/weather-warnings',
    who: ['inspection.admin', 'inspection.check'],
    in: ['CUIHU'],
    body: () => ({ projectId: ids.projectId, kind: 'rainstorm', fromDate: '2027-01-11', toDate: '2027-01-12' }),
    status: 201,
    writes: { tables: ['weather_warnings', 'inspections', 'notifications'] },
  },
  {
    method: 'POST',
    path: '/api/communication-audits',
    who: 'inspection.audit',
    in: ['CUIHU'],
    body: () => ({ projectId: ids.projectId, from: '2026-11-01', to: '2026-11-30', sampleSize: 3 }),
    status: 201,
    writes: { tables: ['inspections'] },
  },
  { method: 'GET', path: '/api/rectifications', who: INSPECTION_READ, status: 200 },
  { method: 'GET', path: '/api/inspection-bulletin', query: () => '?month=2026-11', who: INSPECTION_READ, status: 200 },
  {
    method: 'GET',
    path: '/api/inspection-bulletin/export',
    query: () => `?month=2026-11&projectId=${ids.projectId}`,
    who: INSPECTION_READ,
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  {
    method: 'POST',
    path: '/api/rectifications',
    who: ['defect.manage', 'inspection.audit'],
    in: ['CUIHU'],
    body: () => ({
      projectId: ids.projectId,
      title: '整改',
      requirement: '限期整改',
      defectIds: ['nope'],
      responsibleId: t.a.staff.manager1,
      deadline: '2030-01-01T00:00:00+08:00',
    }),
    status: 400,
    code: 'RECTIFICATION_DEFECTS_INVALID',
    writes: { tables: ['rectification_notices'] },
  },
  {
    method: 'GET',
    path: '/api/rectifications/:id',
    id: () => ids.inspection.rectificationId,
    who: INSPECTION_READ,
    in: ['CUIHU'],
    self: 'manager1',
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/rectifications/:id/steps',
    id: () => ids.inspection.rectificationId,
    who: ['inspection.audit', 'defect.manage'],
    in: ['CUIHU'],
    body: () => ({ kind: 'reinspect', passed: true }),
    status: 409,
    code: 'RECTIFICATION_WRONG_STEP',
    writes: { tables: [], row: () => ['rectification_notices', 'id', ids.inspection.rectificationId] },
  },
  // fault escalation forms (故障转呈单, issue 16 item 3): the office (escalation.write) sends and verifies; only the target department's
  // head answers; a form is seen by its office and its department, to anyone else it does not exist
  { method: 'GET', path: '/api/escalations', who: ['escalation.write', 'escalation.answer'], status: 200 },
  {
    method: 'POST',
    path: '/api/escalations',
    who: 'escalation.write',
    in: ['CUIHU'],
    body: () => ({
      projectId: ids.projectId,
      kind: 'liaison',
      severity: 'general',
      title: '联系函',
      problem: '请协助',
      departmentId: 'department-of-nowhere',
      requestedDate: '2030-01-01',
    }),
    status: 400,
    code: 'ESCALATION_DEPARTMENT_INVALID',
    writes: { tables: ['escalation_forms', 'escalation_form_cases'] },
  },
  {
    method: 'GET',
    path: '/api/escalations/:id',
    id: () => ids.escalationId,
    who: 'escalation.write',
    notYours: true,
    in: ['CUIHU'],
    self: 'enghead1',
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/escalations/:id/response',
    id: () => ids.escalationId,
    who: 'escalation.answer',
    only: 'enghead1',
    body: () => ({ response: '  ' }),
    status: 400,
    code: 'ESCALATION_TEXT_REQUIRED',
    writes: { tables: [], row: () => ['escalation_forms', 'id', ids.escalationId] },
  },
  {
    method: 'POST',
    path: '/api/escalations/:id/verification',
    id: () => ids.escalationId,
    who: 'escalation.write',
    in: ['CUIHU'],
    body: () => ({ fixed: true }),
    status: 409,
    code: 'ESCALATION_WRONG_STEP',
    writes: { tables: [], row: () => ['escalation_forms', 'id', ids.escalationId] },
  },
  // internal meetings (内部会议, issue 16 item 3): any staff member lists what they may read; meeting.hold records one of its
  // offices (or department), writes minutes and adds resolutions; a CUIHU office meeting is read by CUIHU's staff (and those
  // named in it); its resolution is completed by its responsible (tech1) or whoever holds the meeting, to anyone else it does not exist
  { method: 'GET', path: '/api/internal-meetings', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/internal-meetings',
    who: 'meeting.hold',
    in: ['CUIHU'],
    body: () => ({ kind: 'office_regular', projectId: ids.projectId, heldOn: '2030-01-01', title: '例会', attendeeIds: ['staff-of-nowhere'] }),
    status: 400,
    code: 'INTERNAL_MEETING_STAFF_INVALID',
    writes: { tables: ['internal_meetings'] },
  },
  { method: 'GET', path: '/api/internal-meetings/:id', id: () => ids.internalMeeting.meetingId, who: 'staff', in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/internal-meetings/:id/minutes',
    id: () => ids.internalMeeting.meetingId,
    who: 'meeting.hold',
    in: ['CUIHU'],
    body: () => ({ minutes: '会议纪要' }),
    status: 409,
    code: 'INTERNAL_MEETING_NOT_HELD',
    writes: { tables: [], row: () => ['internal_meetings', 'id', ids.internalMeeting.meetingId] },
  },
  {
    method: 'POST',
    path: '/api/internal-meetings/:id/actions',
    id: () => ids.internalMeeting.meetingId,
    who: 'meeting.hold',
    in: ['CUIHU'],
    body: () => ({ text: '整改', responsibleId: ids.frontdeskId, deadlineOn: '2020-01-01' }),
    status: 400,
    code: 'MONTHLY_DEADLINE_PAST',
    writes: { tables: ['internal_meeting_actions', 'notifications'] },
  },
  { method: 'GET', path: '/api/internal-meeting-actions', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/internal-meeting-actions/:id/done',
    id: () => ids.internalMeeting.actionId,
    who: 'meeting.hold',
    notYours: true,
    in: ['CUIHU'],
    self: 'tech1',
    body: () => ({ note: '已完成' }),
    status: 409,
    code: 'MEETING_ACTION_DONE',
    writes: { tables: [], row: () => ['internal_meeting_actions', 'id', ids.internalMeeting.actionId] },
  },
  // staff appraisal (考核, issue 16 item 2): a supervisor (appraisal.write) of the person's projects draws up and comments; the person
  // sees their own sheet and alone acknowledges it; to anyone else it does not exist. The weights: the company admin (staff.admin).
  { method: 'GET', path: '/api/appraisal-weights', who: ['appraisal.write', 'staff.admin'], status: 200 },
  {
    method: 'PUT',
    path: '/api/appraisal-weights',
    who: 'staff.admin',
    // the defaults, set as the company's own: a valid body (a bad one is refused before anyone is asked who they are)
    body: () => ({
      weights: { timeliness: 30, reopen: 15, language: 10, callbacks: 10, visits: 10, defects: 10, caseRating: 10, stewardRating: 5 },
      languageAllowance: 3,
      defectAllowance: 3,
    }),
    status: 200,
    writes: { tables: ['appraisal_weights'] },
  },
  { method: 'GET', path: '/api/appraisal-staff', who: 'appraisal.write', status: 200 },
  { method: 'GET', path: '/api/appraisals', who: 'staff', status: 200 },
  {
    method: 'POST',
    path: '/api/appraisals',
    who: 'appraisal.write',
    body: () => ({ staffId: t.a.staff.agent1, from: '2026-11-30', to: '2026-11-01' }),
    status: 400,
    code: 'FIELD_INVALID',
    writes: { tables: ['appraisals'] },
  },
  {
    method: 'GET',
    path: '/api/appraisals/:id',
    id: () => ids.appraisalId,
    who: 'appraisal.write',
    notYours: true,
    in: ['CUIHU'],
    self: 'agent1',
    status: 200,
  },
  {
    method: 'GET',
    path: '/api/appraisals/:id/export.xlsx',
    id: () => ids.appraisalId,
    who: 'appraisal.write',
    notYours: true,
    in: ['CUIHU'],
    self: 'agent1',
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/appraisals/:id/comment',
    id: () => ids.appraisalId,
    who: 'appraisal.write',
    in: ['CUIHU'],
    body: () => ({ comment: '补充评语' }),
    status: 409,
    code: 'APPRAISAL_WRONG_STEP',
    writes: { tables: [], row: () => ['appraisals', 'id', ids.appraisalId] },
  },
  {
    method: 'POST',
    path: '/api/appraisals/:id/acknowledge',
    id: () => ids.appraisalId,
    who: 'staff',
    only: 'agent1',
    status: 409,
    code: 'APPRAISAL_WRONG_STEP',
    writes: { tables: [], row: () => ['appraisals', 'id', ids.appraisalId] },
  },
  // the open letter of a survey (公开信): drafted by notice.write or survey.manage, approved by survey.letter.approve, promises verified by
  // survey.manage; the letter here is posted and reported already, so every step but the check of a promise is refused on its state
  {
    method: 'GET',
    path: '/api/open-letters',
    query: () => `?projectId=${ids.projectId}`,
    who: ['notice.write', 'survey.manage', 'survey.letter.approve'],
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'GET',
    path: '/api/open-letters/:id',
    id: () => ids.openLetterId,
    who: ['notice.write', 'survey.manage', 'survey.letter.approve'],
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/open-letters',
    body: () => ({ surveyId: ids.closedSurveyId }),
    who: ['notice.write', 'survey.manage'],
    in: ['CUIHU'],
    status: 409,
    code: 'OPEN_LETTER_EXISTS',
    writes: { tables: ['open_letters'] },
  },
  {
    method: 'PUT',
    path: '/api/open-letters/:id',
    id: () => ids.openLetterId,
    body: () => ({ title: '公开信', body: '尊敬的各位业主：', promises: [{ text: '增加夜间巡逻' }] }),
    who: ['notice.write', 'survey.manage'],
    in: ['CUIHU'],
    status: 409,
    code: 'OPEN_LETTER_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['open_letters'] },
  },
  ...(['submit', 'report'] as const).map((step) => ({
    method: 'POST' as const,
    path: `/api/open-letters/:id/${step}`,
    id: () => ids.openLetterId,
    who: ['notice.write', 'survey.manage'] as Capability[],
    in: ['CUIHU' as const],
    status: 409,
    code: step === 'submit' ? 'OPEN_LETTER_TRANSITION_NOT_ALLOWED' : 'OPEN_LETTER_ALREADY_REPORTED',
    writes: { tables: ['open_letters', 'notifications'] },
  })),
  {
    method: 'POST',
    path: '/api/open-letters/:id/approve',
    id: () => ids.openLetterId,
    who: 'survey.letter.approve',
    in: ['CUIHU'],
    status: 409,
    code: 'OPEN_LETTER_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['open_letters', 'notices', 'outbox'] },
  },
  {
    method: 'POST',
    path: '/api/open-letters/:id/return',
    id: () => ids.openLetterId,
    body: () => ({ reason: '承诺不具体' }),
    who: 'survey.letter.approve',
    in: ['CUIHU'],
    status: 409,
    code: 'OPEN_LETTER_TRANSITION_NOT_ALLOWED',
    writes: { tables: ['open_letters'] },
  },
  {
    method: 'POST',
    path: '/api/open-letters/:id/promises/:promiseId/verify',
    id: () => ids.openLetterId,
    body: () => ({ verdict: 'kept', note: '已增加夜间巡逻' }),
    who: 'survey.manage',
    in: ['CUIHU'],
    status: 200,
  },
  // the monthly cycle (每月客户沟通, issue 14 item 3): writes need monthly.write, the review monthly.review, reading either;
  // the rows repeated by every caller are refused on their content (a closed row, a frozen summary, a done action) or add rows only
  {
    method: 'POST',
    path: '/api/monthly/contacts/generate',
    body: () => ({ projectId: ids.projectId, month: '2026-11' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['monthly_contacts'] },
  },
  { method: 'GET', path: '/api/monthly/contacts', query: () => `?projectId=${ids.projectId}&month=2026-11`, who: MONTHLY_READ, in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/monthly/contacts/:id/attempts',
    id: () => ids.monthly.closedContactId,
    body: () => ({ reached: false, channel: 'phone' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 409,
    code: 'MONTHLY_CONTACT_CLOSED',
    writes: { tables: [], row: () => ['monthly_contacts', 'id', ids.monthly.closedContactId] },
  },
  {
    method: 'POST',
    path: '/api/monthly/contacts/:id/unreachable',
    id: () => ids.monthly.closedContactId,
    body: () => ({ note: '无人接听' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 409,
    code: 'MONTHLY_CONTACT_CLOSED',
    writes: { tables: [], row: () => ['monthly_contacts', 'id', ids.monthly.closedContactId] },
  },
  {
    method: 'POST',
    path: '/api/monthly/summaries',
    body: () => ({ projectId: ids.projectId, month: '2026-11' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 409,
    code: 'MONTHLY_SUMMARY_EXISTS',
    writes: { tables: ['monthly_summaries', 'monthly_opinions'] },
  },
  { method: 'GET', path: '/api/monthly/summaries', query: () => `?projectId=${ids.projectId}`, who: MONTHLY_READ, in: ['CUIHU'], status: 200 },
  { method: 'GET', path: '/api/monthly/summaries/:id', id: () => ids.monthly.acceptedSummaryId, who: MONTHLY_READ, in: ['CUIHU'], status: 200 },
  {
    method: 'GET',
    path: '/api/monthly/summaries/:id/export',
    id: () => ids.monthly.acceptedSummaryId,
    who: MONTHLY_READ,
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  ...(['PATCH /api/monthly/summaries/:id', 'POST /api/monthly/summaries/:id/refresh', 'POST /api/monthly/summaries/:id/submit'] as const).map(
    (route): Endpoint => ({
      method: route.split(' ')[0] as Method,
      path: route.split(' ')[1]!,
      id: () => ids.monthly.acceptedSummaryId,
      body: () => ({ version: 1 }),
      who: 'monthly.write',
      in: ['CUIHU'],
      status: 409,
      code: 'MONTHLY_SUMMARY_FROZEN',
      writes: { tables: ['monthly_opinions'], row: () => ['monthly_summaries', 'id', ids.monthly.acceptedSummaryId] },
    }),
  ),
  {
    method: 'POST',
    path: '/api/monthly/summaries/:id/review',
    id: () => ids.monthly.draftSummaryId,
    body: () => ({ decision: 'return', note: '请补充' }),
    who: 'monthly.review',
    in: ['CUIHU'],
    status: 409,
    code: 'MONTHLY_SUMMARY_NOT_SUBMITTED',
    writes: { tables: [], row: () => ['monthly_summaries', 'id', ids.monthly.draftSummaryId] },
  },
  { method: 'GET', path: '/api/monthly/opinions', query: () => `?projectId=${ids.projectId}`, who: MONTHLY_READ, in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/monthly/opinions/:id/done',
    id: () => ids.monthly.doneOpinionId,
    body: () => ({}),
    who: MONTHLY_READ,
    self: 'steward1',
    in: ['CUIHU'],
    status: 409,
    code: 'MONTHLY_OPINION_NOT_OPEN',
    writes: { tables: [], row: () => ['monthly_opinions', 'id', ids.monthly.doneOpinionId] },
  },
  {
    method: 'POST',
    path: '/api/meetings',
    body: () => ({
      projectId: ids.projectId,
      kind: 'customer_representatives',
      heldOn: '2026-11-24',
      title: '客户代表座谈',
      attendees: ['客户代表'],
      topics: ['绿化'],
    }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 201,
    writes: { tables: ['owner_meetings'] },
  },
  { method: 'GET', path: '/api/meetings', query: () => `?projectId=${ids.projectId}`, who: MONTHLY_READ, in: ['CUIHU'], status: 200 },
  {
    method: 'POST',
    path: '/api/meetings/:id/minutes',
    id: () => ids.monthly.futureMeetingId,
    body: () => ({ minutes: '纪要' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 409,
    code: 'MEETING_NOT_HELD',
    writes: { tables: [], row: () => ['owner_meetings', 'id', ids.monthly.futureMeetingId] },
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/actions',
    id: () => ids.monthly.meetingId,
    body: () => ({ text: '修剪绿篱', responsibleId: ids.frontdeskId, deadlineOn: '2026-12-15' }),
    who: 'monthly.write',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['meeting_actions'] },
  },
  {
    method: 'POST',
    path: '/api/meeting-actions/:id/done',
    id: () => ids.monthly.doneActionId,
    body: () => ({}),
    who: MONTHLY_READ,
    self: 'steward1',
    in: ['CUIHU'],
    status: 409,
    code: 'MEETING_ACTION_DONE',
    writes: { tables: [], row: () => ['meeting_actions', 'id', ids.monthly.doneActionId] },
  },
  // complaint causes ranked and their corrective measures (纠正措施, issue 16 item 1): read with report.read; recorded and marked
  // done with complaint.measure in the measure's project (the office manager, the quality department)
  { method: 'GET', path: '/api/reports/complaint-causes', who: 'report.read', status: 200 },
  {
    method: 'GET',
    path: '/api/exports/complaint-causes',
    query: () => `?format=csv&projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
    writes: { tables: ['audit_log'] },
  },
  {
    method: 'GET',
    path: '/api/reports/complaint-causes',
    variant: 'CUIHU',
    query: () => `?projectId=${ids.projectId}`,
    who: 'report.read',
    in: ['CUIHU'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/api/complaint-measures',
    who: 'complaint.measure',
    in: ['CUIHU'],
    body: () => ({
      projectId: ids.projectId,
      category: '噪音',
      month: '2026-11',
      measure: '加强夜间巡逻',
      responsibleId: ids.frontdeskId,
      dueDate: '2026-10-31',
    }),
    status: 400,
    code: 'COMPLAINT_MEASURE_DUE_INVALID',
    writes: { tables: ['complaint_measures'] },
  },
  {
    method: 'POST',
    path: '/api/complaint-measures/:id/done',
    id: () => ids.complaintMeasureId,
    who: 'complaint.measure',
    in: ['CUIHU'],
    body: () => ({ resultNote: '夜间噪音投诉已减少' }),
    status: 409,
    code: 'COMPLAINT_MEASURE_DONE',
    writes: { tables: [], row: () => ['complaint_measures', 'id', ids.complaintMeasureId] },
  },
  // verified (效果验证) with complaint.verify only (the quality department, admin), not the office manager who did it
  {
    method: 'POST',
    path: '/api/complaint-measures/:id/verify',
    id: () => ids.complaintMeasureId,
    who: 'complaint.verify',
    in: ['CUIHU'],
    body: () => ({ effective: false, note: '复查仍有投诉' }),
    status: 409,
    code: 'COMPLAINT_MEASURE_VERIFIED',
    writes: { tables: [], row: () => ['complaint_measures', 'id', ids.complaintMeasureId] },
  },
];

/** Signing out ends the caller's session: run last, after every other row. */
const LOGOUT: Endpoint = { method: 'POST', path: '/api/auth/logout', who: 'signed-in', status: 204 };

const titleOf = (e: Endpoint) => `${e.method} ${e.path}${e.variant ? ` (${e.variant})` : ''}`;
const urlOf = (e: Endpoint) =>
  e.path
    .replace(/:id|:year|:kind\/:locale|:kind|:channel|:organizationId\/:token/, () => e.id!())
    .replace(':opinionId', () => ids.opinionId)
    .replace(':promiseId', () => ids.openLetterPromiseId) + (e.query?.() ?? '');

// --- calling --------------------------------------------------------------------------------------

/** Status of the live stream for this caller (the stream is closed as soon as it answers 200). */
function stream(path: string, token: string | null): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      if (res.statusCode === 200) {
        resolve({ status: 200, body: null });
        req.destroy();
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
  });
}

async function call(e: Endpoint, token: string | null) {
  if (e.stream) return stream(urlOf(e), token);
  const body = e.body?.();
  return t.request(token, { method: e.method, url: urlOf(e), ...(body !== undefined ? { payload: body as never } : {}), headers: e.headers ?? {} });
}

/** Display tokens of CUIHU's wallboard: one in use, one revoked, one the matrix revokes. */
async function displayTokensOf(projectId: string) {
  const admin = await t.login('admin');
  const make = (label: string) => t.request(admin, { method: 'POST', url: '/api/display-tokens', payload: { label, projectIds: [projectId] } });
  const [inUse, revoked, target] = [await make('客服中心大屏'), await make('已停用大屏'), await make('待撤销大屏')];
  const revoke = await t.request(admin, { method: 'DELETE', url: `/api/display-tokens/${revoked.body.id}` });
  expect([inUse.status, revoked.status, target.status, revoke.status]).toEqual([201, 201, 201, 204]);
  return { displayToken: inUse.body.token as string, revokedDisplayToken: revoked.body.token as string, displayTokenId: target.body.id as string };
}

/** The rows a write would touch: their counts and the target row itself. */
async function probe(e: Endpoint): Promise<string> {
  const parts: unknown[] = [];
  for (const table of e.writes!.tables) parts.push(`${table}:${await t.count(table)}`);
  if (e.writes!.row) {
    const [table, column, value] = e.writes!.row();
    parts.push(await db().selectFrom(table).selectAll().where(column, '=', value).executeTakeFirst());
  }
  return JSON.stringify(parts);
}

const PROBLEM_KEYS = ['code', 'field', 'message', 'status', 'title', 'type'];
const CODES: Record<401 | 403 | 404, RegExp> = { 401: /^UNAUTHENTICATED$/, 403: /^(FORBIDDEN|ACTION_NOT_PERMITTED)$/, 404: /NOT_FOUND$/ };

/**
 * Notices of CUIHU (通知公告): one published with a paper posting (its steward1 patrol is the task the
 * matrix closes), one withdrawn at once.
 */
async function noticesOf(projectId: string) {
  const agent = await t.login('agent1');
  const manager = await t.login('manager1');
  const publish = async (title: string, extra: Record<string, unknown> = {}) => {
    const draft = await t.request(agent, {
      method: 'POST',
      url: '/api/notices',
      payload: { projectId, kind: 'reminder', title, body: '请各位业主留意。', ...extra },
    });
    const submitted = await t.request(agent, { method: 'POST', url: `/api/notices/${draft.body.id}/submit` });
    const approved = await t.request(manager, { method: 'POST', url: `/api/notices/${draft.body.id}/approve` });
    expect([draft.status, submitted.status, approved.status], JSON.stringify(approved.body)).toEqual([201, 200, 200]);
    return draft.body.id as string;
  };
  const noticeId = await publish('电梯年检提醒', { paperPosting: true, expiresAt: new Date(Date.parse(t.deps.now()) + 10 * 86_400_000).toISOString() });
  const withdrawnNoticeId = await publish('误发的通知');
  expect((await t.request(agent, { method: 'POST', url: `/api/notices/${withdrawnNoticeId}/undo` })).status).toBe(200);
  const patrol = await db().selectFrom('notice_postings').select('id').where('noticeId', '=', noticeId).where('task', '=', 'patrol').executeTakeFirst();
  expect(patrol, 'a patrol task of the published notice').toBeTruthy();
  return { noticeId, withdrawnNoticeId, postingId: patrol.id as string };
}

/** A weekly sample of CUIHU (抽样回访) for a past week, given to the quality officer. */
async function callbackRoundOf(projectId: string): Promise<string> {
  const res = await t.request(await t.login('quality'), {
    method: 'POST',
    url: '/api/callback-rounds',
    payload: { projectId, weekStart: '2026-11-16', callerId: t.a.staff.quality },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
/** Mondays going back from 2026-11-09, one per call: each allowed call draws a week of its own. */
let roundWeeks = 0;
const earlierMonday = () => new Date(Date.parse('2026-11-09T00:00:00Z') - 7 * 86_400_000 * roundWeeks++).toISOString().slice(0, 10);

/** A schedule of CUIHU with a posting made, an outage in effect and one closed (法定公示, 停水停电). */
async function statutoryAndOutages(projectId: string) {
  const manager = await t.login('manager1');
  const agent = await t.login('agent1');
  const schedule = await t.request(manager, {
    method: 'POST',
    url: `/api/projects/${projectId}/statutory-schedules`,
    payload: { subject: 'fees_and_standards', title: '收费项目和标准公示', everyMonths: 12, nextDueOn: '2026-12-01' },
  });
  const posting = await t.request(agent, { method: 'POST', url: `/api/statutory-schedules/${schedule.body.id}/postings`, payload: { postedOn: '2026-11-24' } });
  const outage = { projectId, kind: 'water', startsAt: '2026-11-25T08:00:00+08:00', cause: '供水管道抢修', callerScript: '正在抢修，预计下午恢复供水' };
  const open = await t.request(agent, { method: 'POST', url: '/api/outages', payload: outage });
  const ended = await t.request(agent, { method: 'POST', url: '/api/outages', payload: { ...outage, kind: 'elevator' } });
  const closed = await t.request(agent, { method: 'POST', url: `/api/outages/${ended.body.id}/close` });
  expect([schedule.status, posting.status, open.status, ended.status, closed.status]).toEqual([201, 201, 201, 201, 200]);
  return { statutoryScheduleId: schedule.body.id, statutoryPostingId: posting.body.posting.id, outageId: open.body.id, closedOutageId: ended.body.id };
}

/** A callback of the matrix's case, done already: recording on it is refused without a write (CALLBACK_CLOSED). */
async function doneCallbackOf(caseId: string) {
  const { type, ...where } = await db().selectFrom('cases').select(['organizationId', 'projectId', 'type']).where('id', '=', caseId).executeTakeFirst();
  const id = `cb-${unique()}`;
  const now = t.deps.now();
  await db()
    .insertInto('callbacks')
    .values({
      id,
      ...where,
      caseId,
      caseType: type,
      source: 'primary_repair',
      status: 'done',
      dueAt: now,
      attempts: 1,
      outcome: 'satisfied',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/** 翠湖花园's visit plan of the month with a visit made and its opinion a case (fixtures/visit-plan.ts). */
async function madeVisitIds() {
  const made = await madeVisit(t);
  const visit = await db().selectFrom('owner_visits').select('unitId').where('id', '=', made.doneVisitId).executeTakeFirst();
  return { visitPlanId: made.planId, visitId: made.doneVisitId, visitUnitId: visit.unitId as string, opinionId: made.opinionId };
}

/** 翠湖花园's surveys: one running (张伟 answered in the portal with a comment, handled in the register) and one closed. */
async function surveysOf(projectId: string) {
  const quality = await t.login('quality');
  const question = await t.request(quality, { method: 'POST', url: '/api/survey-questions', payload: { area: 'repairs', text: '您对维修服务是否满意？' } });
  const draft = (title: string) =>
    t.request(quality, {
      method: 'POST',
      url: '/api/surveys',
      payload: { projectId, title, questionIds: [question.body.id], startsOn: '2026-11-25', sampling: 'census' },
    });
  const running = await draft('2026年下半年满意度调查');
  const closed = await draft('已结束的调查');
  const launched = await t.request(quality, { method: 'POST', url: `/api/surveys/${running.body.id}/launch` });
  await t.request(quality, { method: 'POST', url: `/api/surveys/${closed.body.id}/launch` });
  const ended = await t.request(quality, { method: 'POST', url: `/api/surveys/${closed.body.id}/close` });
  const zhang = t.a.owners.zhangwei!;
  const answered = await t.request(await t.ownerLogin(zhang.portalLogin), {
    method: 'POST',
    url: `/api/portal/surveys/${running.body.id}/answers`,
    payload: { unitId: zhang.unitId, scores: { [question.body.id]: 4 }, comment: '希望增加夜间巡逻' },
  });
  const entry = await db().selectFrom('survey_register').select('id').where('surveyId', '=', running.body.id).executeTakeFirst();
  const handled = await t.request(quality, { method: 'POST', url: `/api/survey-register/${entry.id}/handle`, payload: { note: '已转秩序维护部' } });
  const code = await db()
    .selectFrom('survey_answers')
    .select('code')
    .where('surveyId', '=', running.body.id)
    .where('unitId', '=', zhang.unitId)
    .executeTakeFirst();
  expect([question.status, running.status, closed.status, launched.status, ended.status, answered.status, handled.status]).toEqual([
    201, 201, 201, 200, 200, 201, 200,
  ]);
  return {
    surveyQuestionId: question.body.id,
    surveyId: running.body.id,
    closedSurveyId: closed.body.id,
    surveyCode: code.code as string,
    surveyRegisterId: entry.id as string,
    ...(await openLetterOf(closed.body.id)),
  };
}

/** The open letter of the closed survey: written by 陈静 with one promise, approved (so posted) by 郑强, reported to the quality department. */
async function openLetterOf(surveyId: string) {
  const agent = await t.login('agent1');
  const started = await t.request(agent, { method: 'POST', url: '/api/open-letters', payload: { surveyId } });
  const url = `/api/open-letters/${started.body.id}`;
  const edited = await t.request(agent, {
    method: 'PUT',
    url,
    payload: { title: '致全体业主的公开信', body: '尊敬的各位业主：', promises: [{ text: '增加夜间巡逻' }] },
  });
  const steps = [
    await t.request(agent, { method: 'POST', url: `${url}/submit` }),
    await t.request(await t.login('rep'), { method: 'POST', url: `${url}/approve` }),
    await t.request(agent, { method: 'POST', url: `${url}/report` }),
  ];
  expect([started.status, edited.status, ...steps.map((r) => r.status)]).toEqual([201, 200, 200, 200, 200]);
  return { openLetterId: started.body.id as string, openLetterPromiseId: edited.body.promises[0].id as string };
}

/**
 * A closed round of self-evaluation forms for 翠湖花园 and the form of a member who is none of the
 * callers (名为 matrix.person), reviewed: its state is set in the database, as the flow itself is
 * the subject of staff-evaluations.api.test.ts.
 */
/**
 * Patrols and defects of CUIHU: a point, a plan walked by tech1 from 09:00 to 21:00 (so its task of
 * today stays open through the matrix), a defect manager1 answers for, one already linked to a case,
 * and a rectification notice issued to manager1.
 */
async function inspectionsOf(projectId: string) {
  const manager = await t.login('manager1');
  const quality = await t.login('quality');
  const point = await t.request(manager, {
    method: 'POST',
    url: '/api/inspection-points',
    payload: { projectId, name: '矩阵巡检点', kind: 'area', specialty: 'security', latitude: 22.5431, longitude: 114.0579 },
  });
  const planBody = {
    projectId,
    name: '矩阵巡检计划',
    kind: 'patrol',
    specialty: 'security',
    repeat: { kind: 'weekdays', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    rounds: ['09:00'],
    route: [{ pointId: point.body.id, offsetMinutes: 0, windowMinutes: 720 }],
    inspectors: [t.a.staff.tech1],
    leadMinutes: 120,
    lateMinutes: 0,
    makeupHours: 0,
  };
  const plan = await t.request(manager, { method: 'POST', url: '/api/patrol-plans', payload: planBody });
  const task = await db().selectFrom('patrol_tasks').select('id').where('planId', '=', plan.body.id).orderBy('date').executeTakeFirst();
  const defect = await t.request(manager, {
    method: 'POST',
    url: '/api/defects',
    payload: { projectId, specialty: 'security', severity: 'general', causedByStaff: false, description: '岗亭无人值守' },
  });
  const linked = await t.request(manager, {
    method: 'POST',
    url: '/api/defects',
    payload: { projectId, specialty: 'engineering', severity: 'general', causedByStaff: false, description: '路灯不亮' },
  });
  await db().updateTable('defects').set({ caseId: 'case-of-the-defect' }).where('id', '=', linked.body.id).execute();
  const rectification = await t.request(quality, {
    method: 'POST',
    url: '/api/rectifications',
    payload: {
      projectId,
      title: '岗亭值守整改',
      requirement: '排班补位',
      defectIds: [defect.body.id],
      responsibleId: t.a.staff.manager1,
      deadline: '2030-01-01T00:00:00+08:00',
    },
  });
  // scored checks: a checklist of manager1's, his daily check in progress, and a warning night's check scheduled
  const templates = await t.request(manager, { method: 'GET', url: '/api/checklist-templates?active=true' });
  const starter = (kind: string) => templates.body.items.find((x: { kind: string }) => x.kind === kind).id as string;
  const template = await t.request(manager, {
    method: 'POST',
    url: '/api/checklist-templates',
    payload: { name: '矩阵检查表', kind: 'daily_specialty', items: [{ text: '岗亭整洁', specialty: 'security', points: 10 }] },
  });
  const check = await t.request(manager, {
    method: 'POST',
    url: '/api/inspections',
    payload: { projectId, templateId: starter('daily_overall'), inspectedName: '秩序维护部' },
  });
  const warning = await t.request(manager, {
    method: 'POST',
    url: '/api/weather-warnings',
    payload: { projectId, kind: 'typhoon', fromDate: '2027-01-10', toDate: '2027-01-10' },
  });
  expect([point.status, plan.status, defect.status, linked.status, rectification.status]).toEqual([201, 201, 201, 201, 201]);
  expect([template.status, check.status, warning.status, warning.body.scheduled?.length]).toEqual([201, 201, 201, 1]);
  expect(task).toBeTruthy();
  return {
    pointId: point.body.id,
    planId: plan.body.id,
    planBody,
    taskId: task.id,
    defectId: defect.body.id,
    defectWithCaseId: linked.body.id,
    rectificationId: rectification.body.id,
    templateId: template.body.id,
    patrolTemplateId: starter('daily_patrol'),
    checkId: check.body.id,
    scheduledCheckId: warning.body.scheduled[0].id,
  };
}

/** A corrective measure of 翠湖花园's noise complaints, recorded by its office manager and marked done. */
async function complaintMeasureOf(projectId: string): Promise<string> {
  const manager = await t.login('manager1');
  const made = await t.request(manager, {
    method: 'POST',
    url: '/api/complaint-measures',
    payload: { projectId, category: '噪音', month: '2026-11', measure: '加强夜间巡逻', responsibleId: t.a.staff.supervisor1, dueDate: '2026-11-30' },
  });
  const done = await t.request(manager, { method: 'POST', url: `/api/complaint-measures/${made.body.id}/done`, payload: { resultNote: '已加强巡逻' } });
  // and verified by the quality department (效果验证): verifying it again is refused
  const verified = await t.request(await t.login('quality'), {
    method: 'POST',
    url: `/api/complaint-measures/${made.body.id}/verify`,
    payload: { effective: true, note: '次月噪音投诉减少' },
  });
  expect([made.status, done.status, verified.status]).toEqual([201, 200, 200]);
  return made.body.id;
}

/** A fault escalation form of 翠湖花园's office manager to its engineering department (钱伟), about the matrix's case, not yet answered. */
async function escalationOf(projectId: string, caseId: string): Promise<string> {
  const form = await t.request(await t.login('manager1'), {
    method: 'POST',
    url: '/api/escalations',
    payload: {
      projectId,
      kind: 'fault',
      severity: 'serious',
      title: '水泵房漏水',
      problem: '地下水泵房持续漏水，管理处无法处理',
      departmentId: t.a.departments['ENG-CUIHU'],
      requestedDate: '2030-01-01',
      caseIds: [caseId],
    },
  });
  expect(form.status).toBe(201);
  return form.body.id;
}

/** A CUIHU office meeting (管理处例会) to be held in 2030 recorded by 李明, with a resolution of 孙刚's he has done already. */
async function internalMeetingOf(projectId: string): Promise<{ meetingId: string; actionId: string }> {
  const manager = await t.login('manager1');
  const meeting = await t.request(manager, {
    method: 'POST',
    url: '/api/internal-meetings',
    payload: { kind: 'office_regular', projectId, heldOn: '2030-01-01', title: '管理处例会', attendeeIds: [t.a.staff.agent1, t.a.staff.tech1] },
  });
  expect(meeting.status).toBe(201);
  const withAction = await t.request(manager, {
    method: 'POST',
    url: `/api/internal-meetings/${meeting.body.id}/actions`,
    payload: { text: '更换水泵房阀门', responsibleId: t.a.staff.tech1, deadlineOn: '2030-01-10' },
  });
  expect(withAction.status).toBe(200);
  const actionId = withAction.body.actions[0].id;
  const done = await t.request(await t.login('tech1'), { method: 'POST', url: `/api/internal-meeting-actions/${actionId}/done`, payload: { note: '已更换' } });
  expect(done.status).toBe(200);
  return { meetingId: meeting.body.id, actionId };
}

/** 陈静's October appraisal sheet, drawn up and commented by 李明 and acknowledged by her: every further step is refused on its state. */
async function appraisalOf(): Promise<string> {
  const sheet = await t.request(await t.login('manager1'), {
    method: 'POST',
    url: '/api/appraisals',
    payload: { staffId: t.a.staff.agent1, from: '2026-10-01', to: '2026-10-31' },
  });
  expect(sheet.status).toBe(201);
  const id = sheet.body.id as string;
  expect((await t.request(await t.login('manager1'), { method: 'POST', url: `/api/appraisals/${id}/comment`, payload: { comment: '良好' } })).status).toBe(200);
  expect((await t.request(await t.login('agent1'), { method: 'POST', url: `/api/appraisals/${id}/acknowledge` })).status).toBe(200);
  return id;
}

async function selfEvaluationsOf(projectId: string) {
  const admin = await t.login('admin');
  const quality = await t.login('quality');
  const person = await t.request(admin, {
    method: 'POST',
    url: '/api/staff',
    payload: { username: 'matrix.person', name: '矩阵员工', password: 'matrix-password-1', roles: ['agent'], projectIds: [projectId] },
  });
  const item = await t.request(quality, { method: 'POST', url: '/api/survey-questions', payload: { area: 'self_evaluation', text: '工作完成情况' } });
  const round = await t.request(quality, {
    method: 'POST',
    url: '/api/self-evaluation-rounds',
    payload: { title: '2026年度员工自评', period: '2026年度', questionIds: [item.body.id], projectIds: [projectId], dueOn: '2027-12-31' },
  });
  const closed = await t.request(quality, { method: 'POST', url: `/api/self-evaluation-rounds/${round.body.id}/close` });
  expect([person.status, item.status, round.status, closed.status]).toEqual([201, 201, 201, 200]);
  const form = await db()
    .selectFrom('self_evaluations')
    .select('id')
    .where('roundId', '=', round.body.id)
    .where('staffId', '=', person.body.id)
    .executeTakeFirst();
  const now = t.deps.now();
  await db()
    .updateTable('self_evaluations')
    .set({
      status: 'reviewed',
      scores: JSON.stringify({ [item.body.id]: 4 }),
      summary: '完成',
      submittedAt: now,
      reviewedBy: t.a.staff.manager1,
      reviewComment: '同意',
      reviewedAt: now,
    })
    .where('id', '=', form.id)
    .execute();
  // an internal review of the closed survey, done already (its flow is in open-letters.api.test.ts)
  const closedSurvey = await db().selectFrom('surveys').select('id').where('projectId', '=', projectId).where('status', '=', 'closed').executeTakeFirst();
  const surveyReviewId = `review-${unique()}`;
  await db()
    .insertInto('survey_reviews')
    .values({
      id: surveyReviewId,
      surveyId: closedSurvey.id,
      organizationId: t.a.organizationId,
      projectId,
      rate: 0.5,
      target: 0.7,
      status: 'done',
      createdAt: now,
      findings: '已整改',
      doneBy: t.a.staff.quality,
      doneAt: now,
    })
    .execute();
  return { selfEvaluationRoundId: round.body.id as string, selfEvaluationId: form.id as string, surveyReviewId };
}

/** Plans the outbox (the delivery worker's first step) and answers the first delivery of a case. */
async function plannedDeliveryOf(caseId: string): Promise<string> {
  await planOutbox(t.deps);
  const row = await db().selectFrom('deliveries').select('id').where('sourceId', '=', caseId).orderBy('createdAt').executeTakeFirst();
  expect(row, 'a delivery of the case').toBeTruthy();
  return row.id;
}

// --- setup ----------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const cuihu = t.a.projects.CUIHU!;
  const zhang = t.a.owners.zhangwei!;

  // Notifications: five hours on, the seeded cases' clocks have warned and escalated; back to now
  // before anyone signs in (sessions would idle out).
  t.advance(5 * 60);
  await runSlaTick(t.deps);
  t.advance(2); // the digest window closes
  await runSlaTick(t.deps);
  t.advance(-5 * 60 - 2);
  const note = await db().selectFrom('notifications').select('id').where('recipientId', '=', t.a.staff[NOTIFIED]).orderBy('id').executeTakeFirst();
  expect(note, `a notification for ${NOTIFIED}`).toBeTruthy();

  const agent = await t.login('agent1');
  const created = await t.request(agent, {
    method: 'POST',
    url: '/api/cases',
    payload: {
      projectId: cuihu.id,
      type: 'repair',
      channel: 'hotline',
      description: '卫生间漏水',
      ownerId: zhang.id,
      unitId: zhang.unitId,
      repairGrade: 'urgent',
    },
  });
  const owner = await t.ownerLogin(zhang.portalLogin);
  const photo = await t.request(owner, { method: 'POST', url: '/api/attachments?filename=leak.png', headers: { 'content-type': 'image/png' }, payload: png });
  const sent = await t.request(owner, {
    method: 'POST',
    url: `/api/cases/${created.body.case.id}/commands`,
    payload: { command: { type: 'message', direction: 'inbound', content: '漏水照片', attachmentIds: [photo.body.id] } },
  });
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
  const noteFile = await t.request(agent, {
    method: 'POST',
    url: '/api/attachments?filename=派工单.pdf',
    headers: { 'content-type': 'application/pdf' },
    payload: pdf,
  });
  const noted = await t.request(agent, {
    method: 'POST',
    url: `/api/cases/${created.body.case.id}/commands`,
    payload: { command: { type: 'add_note', content: '派工单扫描件（内部）', attachmentIds: [noteFile.body.id] } },
  });
  const loose = await t.request(agent, { method: 'POST', url: '/api/attachments?filename=draft.png', headers: { 'content-type': 'image/png' }, payload: png });
  expect([noteFile.status, noted.status, loose.status]).toEqual([201, 200, 201]);
  const apiToken = await t.request(agent, { method: 'POST', url: '/api/api-tokens', payload: { name: '呼叫中心集成' } });
  const revoked = await t.request(agent, { method: 'POST', url: '/api/api-tokens', payload: { name: '已停用' } });
  const revoke = await t.request(agent, { method: 'DELETE', url: `/api/api-tokens/${revoked.body.id}` });
  const stewardToken = await t.request(await t.login('steward1'), { method: 'POST', url: '/api/api-tokens', payload: { name: '管家小程序' } });
  const resetTarget = await t.request(await t.login('admin'), {
    method: 'POST',
    url: '/api/staff',
    payload: { username: 'pwtarget', name: '待重置', password: 'initial-phrase-1', roles: ['front_desk'], projectIds: [cuihu.id], companyWide: false },
  });
  expect([created.status, photo.status, sent.status, apiToken.status, revoked.status, revoke.status, stewardToken.status, resetTarget.status]).toEqual([
    201, 201, 200, 201, 201, 204, 201, 201,
  ]);

  // a grade change asked by the desk and rejected by the office manager: the matrix's decisions find it decided
  const gradeRequest = await t.request(await t.login('agent1'), {
    method: 'POST',
    url: `/api/owners/${zhang.id}/grade-requests`,
    payload: { toGrade: 'important', reason: '业委会成员' },
  });
  const rejected = await t.request(await t.login('manager1'), {
    method: 'POST',
    url: `/api/grade-requests/${gradeRequest.body.id}/reject`,
    payload: { note: '不符合条件' },
  });
  expect([gradeRequest.status, rejected.status]).toEqual([201, 200]);
  Object.assign(ids, {
    projectId: cuihu.id,
    buildingId: cuihu.buildings.B1!.id,
    unitId: zhang.unitId,
    linaUnitId: t.a.owners.lina!.unitId,
    departmentId: t.a.departments['ENG-CUIHU']!,
    ownerId: zhang.id,
    frontdeskId: t.a.staff.frontdesk1!,
    resetTargetId: resetTarget.body.id,
    caseId: created.body.case.id,
    attachmentId: photo.body.id,
    noteFileId: noteFile.body.id,
    looseUploadId: loose.body.id,
    apiToken: apiToken.body.token,
    revokedToken: revoked.body.token,
    stewardTokenId: stewardToken.body.id,
    ...(await displayTokensOf(cuihu.id)),
    notificationId: note.id,
    gradeRequestId: gradeRequest.body.id,
    importId: await uploadImportWithAProblem(t, await t.login('admin')),
    // the delivery worker plans the case's messages: 张伟 has no outside channel set up, so his is unreachable (not failed)
    deliveryId: await plannedDeliveryOf(created.body.case.id),
    ...(await statutoryAndOutages(cuihu.id)),
    doneCallbackId: await doneCallbackOf(created.body.case.id),
    ...(await madeVisitIds()),
    ...(await noticesOf(cuihu.id)),
    roundId: await callbackRoundOf(cuihu.id),
    ...(await surveysOf(cuihu.id)),
    ...(await selfEvaluationsOf(cuihu.id)),
    monthly: await monthlyCycle(t),
    inspection: await inspectionsOf(cuihu.id),
    escalationId: await escalationOf(cuihu.id, created.body.case.id),
    complaintMeasureId: await complaintMeasureOf(cuihu.id),
    appraisalId: await appraisalOf(),
    internalMeeting: await internalMeetingOf(cuihu.id),
  });
  for (const c of CALLERS) await c.token(); // sign everyone in once
});
afterAll(async () => t?.close());

// --- the matrix -----------------------------------------------------------------------------------

describe('the matrix covers every route', () => {
  it('each get/post/put/patch/delete of routes/*.ts and app.ts has a row', () => {
    const dir = new URL('../src/routes/', import.meta.url);
    const sources = [...readdirSync(dir).map((f) => readFileSync(new URL(f, dir), 'utf8')), readFileSync(new URL('../src/app.ts', import.meta.url), 'utf8')];
    const routes = new Set<string>();
    for (const src of sources)
      for (const m of src.matchAll(/\b(?:r|app|scoped)\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) routes.add(`${m[1]!.toUpperCase()} ${m[2]}`);
    expect(routes.size).toBeGreaterThan(50);
    const covered = new Set([...ENDPOINTS, LOGOUT].map((e) => `${e.method} ${e.path}`));
    expect([...routes].filter((r) => !covered.has(r))).toEqual([]);
  });
});

function rowsOf(e: Endpoint) {
  return CALLERS.map((caller) => ({ caller, who: caller.name, outcome: expected(e, caller) }));
}

async function check(e: Endpoint, caller: Caller, outcome: Outcome) {
  const token = await caller.token();
  const before = outcome !== 'allowed' && e.writes ? await probe(e) : null;
  const res = await call(e, token);
  if (outcome === 'allowed') {
    expect(res.status, `${titleOf(e)} as ${caller.name}: ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(e.status);
    if (e.code) expect(res.body.code).toBe(e.code);
    return;
  }
  expect(res.status, `${titleOf(e)} as ${caller.name}: ${JSON.stringify(res.body)?.slice(0, 300)}`).toBe(outcome);
  // a refusal is a problem document and nothing else: no data of the target
  expect(res.body.code).toMatch(CODES[outcome]);
  expect(Object.keys(res.body).sort()).toEqual(PROBLEM_KEYS);
  if (before !== null) expect(await probe(e), `${titleOf(e)} refused for ${caller.name} but changed rows`).toBe(before);
}

for (const e of ENDPOINTS) {
  describe(titleOf(e), () => {
    const rows = rowsOf(e);
    const refused = rows.filter((r) => r.outcome !== 'allowed');
    const allowed = rows.filter((r) => r.outcome === 'allowed');
    let fingerprint = '';
    if (e.writes)
      beforeAll(async () => {
        fingerprint = await t.fingerprint();
      });
    if (refused.length) it.each(refused)('$who → $outcome', ({ caller, outcome }) => check(e, caller, outcome));
    if (e.writes && refused.length) it('the refused calls changed nothing at all (every table)', async () => expect(await t.fingerprint()).toBe(fingerprint));
    if (allowed.length) it.each(allowed)(`$who → allowed (${e.status})`, ({ caller, outcome }) => check(e, caller, outcome));
  });
}

// --- naming another project's department ---------------------------------------------------------

describe('naming a department of another project', () => {
  let binjiangCase = '';
  beforeAll(async () => {
    const res = await t.request(await t.login('agent2'), {
      method: 'POST',
      url: '/api/cases',
      payload: { projectId: t.a.projects.BINJIANG!.id, type: 'inquiry', channel: 'hotline', description: '咨询' },
    });
    binjiangCase = res.body.case.id;
  });
  // who sees CUIHU is told the department is elsewhere (400); who does not gets what an unknown id gets (404)
  const callers = CALLERS.filter((c): c is Extract<Caller, { kind: 'staff' }> => c.kind === 'staff' && c.tenant === 'a' && c.scope !== 'CUIHU');
  const requests = [
    {
      what: 'a new BINJIANG case for CUIHU’s engineering',
      needs: 'case.create' as const,
      request: () => ({
        method: 'POST' as const,
        url: '/api/cases',
        payload: { projectId: t.a.projects.BINJIANG!.id, type: 'inquiry', channel: 'hotline', description: '咨询', departmentId: ids.departmentId },
      }),
    },
    {
      what: 'a BINJIANG case transferred to CUIHU’s engineering',
      needs: 'case.intake' as const,
      request: () => ({
        method: 'POST' as const,
        url: `/api/cases/${binjiangCase}/commands`,
        payload: { command: { type: 'transfer', departmentId: ids.departmentId } },
      }),
    },
  ];
  // (callers whose role may make the request at all: the others are the matrix's 403s)
  const rows = callers.flatMap((caller) =>
    requests
      .filter((r) => capabilitiesOf(caller.roles).has(r.needs))
      .map((r) => ({ ...r, caller, who: caller.name, expect: caller.scope === 'company' ? 'DEPARTMENT_NOT_IN_SCOPE' : 'DEPARTMENT_NOT_FOUND' })),
  );
  it.each(rows)('$who: $what → $expect', async ({ caller, request, expect: code }) => {
    const before = await t.fingerprint();
    const res = await t.request(await caller.token(), request());
    expect([res.status, res.body.code]).toEqual([code === 'DEPARTMENT_NOT_FOUND' ? 404 : 400, code]);
    expect(await t.fingerprint()).toBe(before);
  });
});

// --- lists: allowed, yet nothing of other projects, tenants or owners in them -----------------------

const LISTS: { path: string; url: () => string; staffOnly?: boolean }[] = [
  { path: '/api/projects', url: () => '/api/projects' },
  { path: '/api/departments', url: () => '/api/departments' },
  { path: '/api/staff', url: () => '/api/staff' },
  { path: '/api/staff', url: () => `/api/staff?projectId=${ids.projectId}` },
  { path: '/api/owners', url: () => '/api/owners?limit=200' },
  { path: '/api/owners', url: () => `/api/owners?limit=200&projectId=${ids.projectId}` },
  { path: '/api/owners', url: () => `/api/owners?limit=200&unitId=${ids.unitId}` },
  { path: '/api/owners', url: () => '/api/owners?limit=200&tenure=all' },
  { path: '/api/owners', url: () => `/api/owners?limit=200&q=${t.a.owners.zhangwei!.portalLogin.slice(-4)}` },
  { path: '/api/visits', url: () => '/api/visits?limit=200' },
  { path: '/api/visits', url: () => '/api/visits?limit=200&mine=true' },
  { path: '/api/cases', url: () => '/api/cases?limit=200' },
  { path: '/api/cases', url: () => `/api/cases?limit=200&projectId=${ids.projectId}` },
  { path: '/api/cases', url: () => '/api/cases?limit=200&queue=at_risk&withinMinutes=10080', staffOnly: true /* owners: 403 */ },
  { path: '/api/api-tokens', url: () => '/api/api-tokens' },
  { path: '/api/audit-log', url: () => '/api/audit-log?limit=500' },
  { path: '/api/notifications', url: () => '/api/notifications?limit=200' },
  { path: '/api/calendar-years', url: () => '/api/calendar-years' },
  { path: '/api/reports/timeliness', url: () => '/api/reports/timeliness?groupBy=project' },
  { path: '/api/reports/timeliness', url: () => '/api/reports/timeliness?groupBy=staff' },
  { path: '/api/reports/outcomes', url: () => '/api/reports/outcomes?groupBy=project' },
  { path: '/api/reports/items', url: () => '/api/reports/items?report=outcomes&from=2026-01-01&to=2027-01-01&limit=200' },
  { path: '/api/reports/items', url: () => '/api/reports/items?report=timeliness&from=2026-01-01&to=2027-01-01&limit=200' },
  { path: '/api/reports/items', url: () => '/api/reports/items?report=complaints&from=2026-01-01&to=2027-01-01&limit=200' },
  { path: '/api/reports/service-language-overrides', url: () => '/api/reports/service-language-overrides?from=2026-01-01&to=2027-01-01' },
  { path: '/api/portal/units', url: () => '/api/portal/units' },
  { path: '/api/notices', url: () => '/api/notices?limit=200' },
  { path: '/api/portal/notices', url: () => '/api/portal/notices' },
  { path: '/api/portal/statutory-postings', url: () => '/api/portal/statutory-postings' },
  { path: '/api/auth/me', url: () => '/api/auth/me' },
  { path: '/api/internal-meetings', url: () => '/api/internal-meetings' },
  { path: '/api/internal-meeting-actions', url: () => '/api/internal-meeting-actions' },
  { path: '/api/quality-marks/chart', url: () => '/api/quality-marks/chart?from=2026-01&to=2026-12' },
  { path: '/api/callback-rounds', url: () => '/api/callback-rounds' },
  { path: '/api/inspections', url: () => '/api/inspections?limit=500' },
  { path: '/api/weather-warnings', url: () => '/api/weather-warnings' },
  { path: '/api/checklist-templates', url: () => '/api/checklist-templates' },
  { path: '/api/cases/:id', url: () => `/api/cases/${ids.caseId}` },
  { path: '/api/cases/:id/events', url: () => `/api/cases/${ids.caseId}/events` },
  { path: '/api/cases/:id/attachments', url: () => `/api/cases/${ids.caseId}/attachments` },
  { path: '/api/work-orders', url: () => '/api/work-orders' },
  { path: '/api/intake/callers', url: () => `/api/intake/callers?q=${encodeURIComponent('1栋101')}` },
  { path: '/api/intake/callers', url: () => `/api/intake/callers?q=${encodeURIComponent('张')}` },
  { path: '/api/intake/callers', url: () => `/api/intake/callers?q=${t.a.owners.zhangwei!.portalLogin.slice(-4)}` },
];

const pluck = async (query: any): Promise<string[]> => (await query.execute()).map((r: { id: string }) => String(r.id));

/** What each outsider must never see (ids from the database as it is now, rows made by the matrix included). */
const SECRETS: Record<string, () => Promise<string[]>> = {
  // BINJIANG staff: nothing of CUIHU
  async BINJIANG() {
    const p = ids.projectId;
    const binjiangOwners = db().selectFrom('owner_units').select('owner_id').where('project_id', '=', t.a.projects.BINJIANG!.id);
    const binjiangStaff = db().selectFrom('staff_projects').select('staff_id').where('project_id', '=', t.a.projects.BINJIANG!.id);
    return [
      p,
      ...(await pluck(db().selectFrom('cases').select('id').where('projectId', '=', p))),
      ...(await pluck(db().selectFrom('buildings').select('id').where('projectId', '=', p))),
      ...(await pluck(db().selectFrom('units').select('id').where('projectId', '=', p))),
      ...(await pluck(db().selectFrom('departments').select('id').where('projectId', '=', p))),
      ...(await pluck(db().selectFrom('owner_units').select('owner_id as id').where('project_id', '=', p).where('owner_id', 'not in', binjiangOwners))),
      ...(await pluck(db().selectFrom('staff_projects').select('staff_id as id').where('project_id', '=', p).where('staff_id', 'not in', binjiangStaff))),
      ...(await pluck(
        db()
          .selectFrom('attachments')
          .select('id')
          .where('caseId', 'in', db().selectFrom('cases').select('id').where('projectId', '=', p)),
      )),
    ];
  },
  // tenant b: nothing of tenant a at all
  async 'tenant-b'() {
    const org = t.a.organizationId;
    const out = [org];
    for (const table of ['projects', 'buildings', 'units', 'departments', 'staff', 'owners', 'cases', 'attachments', 'api_tokens']) {
      out.push(...(await pluck(db().selectFrom(table).select('id').where('organizationId', '=', org))));
    }
    return out;
  },
};
/** An owner sees no staff ids, no other owner, no case or file but their own (nor the file of an internal note). */
const ownerSecrets = (ownerId: string) => async () => [
  ids.noteFileId,
  ids.looseUploadId,
  ...(await pluck(db().selectFrom('staff').select('id').where('organizationId', '=', t.a.organizationId))),
  ...(await pluck(db().selectFrom('owners').select('id').where('organizationId', '=', t.a.organizationId).where('id', '!=', ownerId))),
  ...(await db().selectFrom('cases').select(['id', 'ownerId']).where('organizationId', '=', t.a.organizationId).execute())
    .filter((c: { ownerId: string | null }) => c.ownerId !== ownerId)
    .map((c: { id: string }) => c.id),
];

function secretsOf(c: Caller): () => Promise<string[]> {
  if (c.kind === 'owner')
    return c.home === 'tenant-b' ? SECRETS['tenant-b']! : ownerSecrets(c.home === 'CUIHU' ? t.a.owners.zhangwei!.id : t.a.owners.liuyang!.id);
  if (c.kind === 'staff' && c.tenant === 'b') return SECRETS['tenant-b']!;
  return SECRETS.BINJIANG!;
}

describe('lists and pages an outsider may open leak nothing', () => {
  const outsiders = CALLERS.filter((c) => c.kind === 'owner' || (c.kind === 'staff' && (c.tenant === 'b' || c.scope === 'BINJIANG')));
  const pairs = outsiders.flatMap((caller) =>
    LISTS.filter((l) => {
      const e = ENDPOINTS.find((x) => x.method === 'GET' && x.path === l.path && !x.variant)!;
      return expected(e, caller) === 'allowed' && !(l.staffOnly && caller.kind === 'owner');
    }).map((list) => ({
      caller,
      list,
      who: caller.name,
      url: list.url
        .toString()
        .replace(/^\(\) => /, '')
        .replace(/[`']/g, ''),
    })),
  );
  it.each(pairs)('$who: $url', async ({ caller, list }) => {
    const res = await t.request(await caller.token(), { method: 'GET', url: list.url() });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    const leaked = (await secretsOf(caller)()).filter((id) => text.includes(id));
    expect(leaked).toEqual([]);
  });

  it('an owner’s own case shows no internal events, routing or staff', async () => {
    const zhang = await t.ownerLogin(t.a.owners.zhangwei!.portalLogin);
    const detail = await t.request(zhang, { method: 'GET', url: `/api/cases/${ids.caseId}` });
    // the owner's schema has no routing or staff fields at all
    for (const field of ['firstReceiverId', 'departmentId', 'assigneeId', 'accusedStaffId', 'plan', 'causeAnalysis'])
      expect(detail.body.case).not.toHaveProperty(field);
    const events = (await t.request(zhang, { method: 'GET', url: `/api/cases/${ids.caseId}/events` })).body as { id: string; internal?: boolean }[];
    expect(events.length).toBeGreaterThan(0);
    const staffEvents = (await t.request(await t.login('agent1'), { method: 'GET', url: `/api/cases/${ids.caseId}/events` })).body as {
      id: string;
      internal: boolean;
    }[];
    expect(events.map((e) => e.id)).toEqual(staffEvents.filter((e) => !e.internal).map((e) => e.id));
    for (const e of events) for (const field of ['internal', 'changes', 'data', 'actorId']) expect(e).not.toHaveProperty(field);
    const mine = (await t.request(zhang, { method: 'GET', url: '/api/cases?limit=200' })).body.items as { ownerId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.ownerId === t.a.owners.zhangwei!.id)).toBe(true);
  });
});

// --- the accused office manager (policy.ts: never sees the complaint against them) ----------------

describe('a complaint escalated against the office manager', () => {
  let complaintId = '';
  beforeAll(async () => {
    const supervisor = await t.login('supervisor1');
    const lina = t.a.owners.lina!;
    const c = await t.request(supervisor, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        projectId: ids.projectId,
        type: 'complaint',
        channel: 'hotline',
        description: '管理处主任态度恶劣',
        ownerId: lina.id,
        unitId: lina.unitId,
        apologized: true,
        readBack: true,
      },
    });
    complaintId = c.body.case.id;
    const esc = await t.request(supervisor, {
      method: 'POST',
      url: `/api/cases/${complaintId}/commands`,
      payload: {
        command: {
          type: 'escalate',
          level: 'leadership',
          reason: 'against_office_manager',
          accusedStaffId: t.a.staff.manager1,
          departmentId: t.a.departments.QUALITY,
          note: '投诉管理处主任',
        },
      },
    });
    expect([c.status, esc.status]).toEqual([201, 200]);
  });
  const pages = [
    { method: 'GET' as const, url: () => `/api/cases/${complaintId}` },
    { method: 'GET' as const, url: () => `/api/cases/${complaintId}/events` },
    { method: 'GET' as const, url: () => `/api/cases/${complaintId}/sla` },
    { method: 'POST' as const, url: () => `/api/cases/${complaintId}/commands`, payload: { command: { type: 'add_note', content: '我看看' } } },
  ];
  it.each(pages.map((p, i) => ({ ...p, i, label: ['detail', 'events', 'clocks', 'a note'][i] })))(
    'manager1 gets 404 on its $label; leader does not',
    async (p) => {
      const before = await t.count('case_events');
      const res = await t.request(await t.login('manager1'), { method: p.method, url: p.url(), ...(p.payload ? { payload: p.payload } : {}) });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CASE_NOT_FOUND');
      expect(await t.count('case_events')).toBe(before);
      if (p.method === 'GET') expect((await t.request(await t.login('leader'), { method: 'GET', url: p.url() })).status).toBe(200);
    },
  );
  it('manager1’s case list and the owner’s archive leave it out', async () => {
    const manager = await t.login('manager1');
    const list = await t.request(manager, { method: 'GET', url: '/api/cases?limit=200' });
    expect(JSON.stringify(list.body)).not.toContain(complaintId);
    const archive = await t.request(manager, { method: 'GET', url: `/api/owners/${t.a.owners.lina!.id}/archive` });
    expect(archive.status).toBe(200);
    expect(JSON.stringify(archive.body)).not.toContain(complaintId);
  });
});

// --- signing out: last, it ends every session ------------------------------------------------------

describe(titleOf(LOGOUT), () => {
  const rows = rowsOf(LOGOUT);
  it.each(rows)('$who → $outcome', async ({ caller, outcome }) => {
    await check({ ...LOGOUT, status: 204 }, caller, outcome);
    const token = await caller.token();
    // a signed-out session no longer opens anything (an API token is no session: revoke it instead)
    if (token && outcome === 'allowed' && !token.startsWith('gjt_')) expect((await t.request(token, { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
  });
});
