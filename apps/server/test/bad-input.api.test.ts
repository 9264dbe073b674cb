import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/index.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Bad input of every kind on every write endpoint: a 4xx with one problem shape (code, localized
 * message, field), and nothing changed anywhere (every table's fingerprint; the clock moves a minute
 * before each request so an update would show in updatedAt).
 */
let t: TestContext;
const id = {} as Record<string, string>;

interface BadInput {
  name: string;
  as?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: () => string;
  payload?: () => unknown;
  raw?: () => string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  field?: string | null;
}

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de', 'hex');
const unknown = () => randomUUID();
const caseUrl = () => `/api/cases/${id.case}/commands`;

const CASES: BadInput[] = [
  // sign-in
  {
    name: 'login without a password',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'agent1' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'password',
  },
  {
    name: 'login with a number for a username',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 123, password: 'x' }),
    status: 400,
    field: 'username',
  },
  { name: 'portal login with nothing', method: 'POST', url: () => '/api/portal/login', payload: () => ({}), status: 400, field: 'login' },
  {
    name: 'malformed JSON',
    method: 'POST',
    url: () => '/api/auth/login',
    raw: () => '{"username": "agent1", "password": ',
    contentType: 'application/json',
    status: 400,
    code: 'BODY_INVALID',
  },
  {
    name: 'a two-step code of 2 characters',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'agent1', password: 'x', code: '12' }),
    status: 400,
    field: 'code',
  },
  // one's own password and two-step verification
  {
    name: 'a password change without the current password',
    method: 'POST',
    url: () => '/api/auth/password',
    payload: () => ({ newPassword: 'a-long-new-phrase' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'currentPassword',
  },
  {
    name: 'a password change with a wrong current password',
    method: 'POST',
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: 'not-the-password', newPassword: 'a-long-new-phrase' }),
    status: 400,
    code: 'CURRENT_PASSWORD_WRONG',
    field: 'currentPassword',
  },
  {
    name: 'a new password that is common',
    method: 'POST',
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: 'guanjia-demo', newPassword: '1234567890' }),
    status: 400,
    code: 'PASSWORD_TOO_COMMON',
    field: 'newPassword',
  },
  {
    name: 'a new password equal to the current one',
    method: 'POST',
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: 'guanjia-demo', newPassword: 'guanjia-demo' }),
    status: 400,
    code: 'PASSWORD_UNCHANGED',
    field: 'newPassword',
  },
  {
    name: 'enabling two-step verification before its setup',
    method: 'POST',
    url: () => '/api/auth/two-factor/enable',
    payload: () => ({ code: '123456' }),
    status: 409,
    code: 'TWO_FACTOR_NOT_STARTED',
  },
  {
    name: 'a two-step code that is not a string',
    method: 'POST',
    url: () => '/api/auth/two-factor/enable',
    payload: () => ({ code: 123456 }),
    status: 400,
    field: 'code',
  },
  {
    name: 'turning two-step verification off with a wrong password',
    method: 'POST',
    url: () => '/api/auth/two-factor/disable',
    payload: () => ({ password: 'not-the-password' }),
    status: 400,
    code: 'CURRENT_PASSWORD_WRONG',
    field: 'password',
  },
  {
    name: 'new recovery codes without two-step verification',
    method: 'POST',
    url: () => '/api/auth/two-factor/recovery-codes',
    payload: () => ({ code: '123456' }),
    status: 409,
    code: 'TWO_FACTOR_NOT_STARTED',
  },
  // tokens
  { name: 'a token without a name', method: 'POST', url: () => '/api/api-tokens', payload: () => ({}), status: 400, field: 'name' },
  {
    name: 'a token for an unknown account',
    method: 'POST',
    url: () => '/api/api-tokens',
    payload: () => ({ name: 'x', staffId: unknown() }),
    status: 404,
    code: 'STAFF_NOT_FOUND',
    field: 'staffId',
  },
  {
    name: 'a token for another tenant’s account',
    method: 'POST',
    url: () => '/api/api-tokens',
    payload: () => ({ name: 'x', staffId: id.otherStaff }),
    status: 404,
    code: 'STAFF_NOT_FOUND',
    field: 'staffId',
  },
  { name: 'revoking an unknown token', method: 'DELETE', url: () => `/api/api-tokens/${unknown()}`, status: 404 },
  // structure
  {
    name: 'a project without a name',
    method: 'POST',
    url: () => '/api/projects',
    payload: () => ({ code: 'NEW1' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'name',
  },
  {
    name: 'a project with an unknown field',
    method: 'POST',
    url: () => '/api/projects',
    payload: () => ({ code: 'NEW2', name: 'x', colour: 'red' }),
    status: 400,
  },
  {
    name: 'a project with a taken code',
    method: 'POST',
    url: () => '/api/projects',
    payload: () => ({ code: 'CUIHU', name: 'x' }),
    status: 409,
    code: 'CODE_TAKEN',
    field: 'code',
  },
  {
    name: 'a project with an unknown time zone',
    method: 'POST',
    url: () => '/api/projects',
    payload: () => ({ code: 'NEW3', name: 'x', timeZone: 'Mars/Olympus' }),
    status: 400,
    field: 'timeZone',
  },
  {
    name: 'editing an unknown project',
    method: 'PATCH',
    url: () => `/api/projects/${unknown()}`,
    payload: () => ({ name: 'x' }),
    status: 404,
    code: 'PROJECT_NOT_FOUND',
    field: 'id',
  },
  {
    name: 'editing another tenant’s project',
    method: 'PATCH',
    url: () => `/api/projects/${id.otherProject}`,
    payload: () => ({ name: 'x' }),
    status: 404,
    code: 'PROJECT_NOT_FOUND',
    field: 'id',
  },
  {
    name: 'a project name of the wrong type',
    method: 'PATCH',
    url: () => `/api/projects/${id.project}`,
    payload: () => ({ name: 5 }),
    status: 400,
    field: 'name',
  },
  {
    name: 'a building with floors "x"',
    method: 'POST',
    url: () => `/api/projects/${id.project}/buildings`,
    payload: () => ({ code: 'B9', name: '九栋', floors: 'x' }),
    status: 400,
    field: 'floors',
  },
  {
    name: 'editing an unknown building',
    method: 'PATCH',
    url: () => `/api/buildings/${unknown()}`,
    payload: () => ({ name: 'x' }),
    status: 404,
    code: 'BUILDING_NOT_FOUND',
  },
  {
    name: 'a unit of an unknown kind',
    method: 'POST',
    url: () => `/api/buildings/${id.building}/units`,
    payload: () => ({ code: '909', kind: 'castle' }),
    status: 400,
    field: 'kind',
  },
  { name: 'a unit with a negative area', method: 'PATCH', url: () => `/api/units/${id.unit}`, payload: () => ({ areaSqm: -1 }), status: 400, field: 'areaSqm' },
  {
    name: 'a department in an unknown project',
    method: 'POST',
    url: () => '/api/departments',
    payload: () => ({ code: 'D9', name: 'x', kind: 'other', projectId: unknown() }),
    status: 404,
    code: 'PROJECT_NOT_FOUND',
    field: 'projectId',
  },
  {
    name: 'a department headed by another tenant’s staff',
    method: 'POST',
    url: () => '/api/departments',
    payload: () => ({ code: 'D8', name: 'x', kind: 'other', projectId: id.project, headStaffId: id.otherStaff }),
    status: 404,
    code: 'STAFF_NOT_FOUND',
    field: 'headStaffId',
  },
  {
    name: 'editing an unknown department',
    method: 'PATCH',
    url: () => `/api/departments/${unknown()}`,
    payload: () => ({ name: 'x' }),
    status: 404,
    code: 'DEPARTMENT_NOT_FOUND',
  },
  // staff
  {
    name: 'a staff member with an unknown role',
    method: 'POST',
    url: () => '/api/staff',
    payload: () => ({ username: 'wiz', name: 'x', password: 'long-enough-1', roles: ['wizard'], projectIds: [id.project] }),
    status: 400,
    field: 'roles.0',
  },
  {
    name: 'a staff member in another tenant’s project',
    method: 'POST',
    url: () => '/api/staff',
    payload: () => ({ username: 'wiz2', name: 'x', password: 'long-enough-1', roles: ['agent'], projectIds: [id.otherProject] }),
    status: 404,
    code: 'PROJECT_NOT_FOUND',
    field: 'projectIds.0',
  },
  {
    name: 'a staff member with a short password',
    method: 'POST',
    url: () => '/api/staff',
    payload: () => ({ username: 'wiz3', name: 'x', password: '1', roles: ['agent'], projectIds: [id.project] }),
    status: 400,
    field: 'password',
  },
  { name: 'active: "yes"', method: 'PATCH', url: () => `/api/staff/${id.frontdesk}`, payload: () => ({ active: 'yes' }), status: 400, field: 'active' },
  {
    name: 'a staff member with a common password',
    method: 'POST',
    url: () => '/api/staff',
    payload: () => ({ username: 'wiz4', name: 'x', password: 'qwertyuiop', roles: ['agent'], projectIds: [id.project] }),
    status: 400,
    code: 'PASSWORD_TOO_COMMON',
    field: 'password',
  },
  {
    name: 'a reset to the username',
    method: 'POST',
    url: () => `/api/staff/${id.frontdesk}/password`,
    payload: () => ({ password: 'FrontDesk1' }),
    status: 400,
    code: 'PASSWORD_SAME_AS_USERNAME',
    field: 'password',
  },
  {
    name: 'one’s own password through the staff route without the current one',
    method: 'POST',
    url: () => `/api/staff/${id.admin}/password`,
    payload: () => ({ password: 'a-long-new-phrase' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'currentPassword',
  },
  {
    name: 'a password reset without a password',
    method: 'POST',
    url: () => `/api/staff/${id.frontdesk}/password`,
    payload: () => ({}),
    status: 400,
    field: 'password',
  },
  // owners
  {
    name: 'a move-in into an unknown unit',
    method: 'POST',
    url: () => '/api/move-ins',
    payload: () => ({ unitId: unknown(), moveInDate: '2026-11-25', relation: 'owner', owner: { name: '新业主' } }),
    status: 404,
    code: 'UNIT_NOT_FOUND',
    field: 'unitId',
  },
  {
    name: 'a move-in on 2026-13-01',
    method: 'POST',
    url: () => '/api/move-ins',
    payload: () => ({ unitId: id.unit, moveInDate: '2026-13-01', relation: 'owner', owner: { name: '新业主' } }),
    status: 400,
    field: 'moveInDate',
  },
  {
    name: 'a move-in into another tenant’s unit',
    method: 'POST',
    url: () => '/api/move-ins',
    payload: () => ({ unitId: id.otherUnit, moveInDate: '2026-11-25', relation: 'owner', owner: { name: '新业主' } }),
    status: 404,
    code: 'UNIT_NOT_FOUND',
    field: 'unitId',
  },
  {
    name: 'a portal password that is too common',
    method: 'PATCH',
    url: () => `/api/owners/${id.owner}`,
    payload: () => ({ portalPassword: '1234567890' }),
    status: 400,
    code: 'PASSWORD_TOO_COMMON',
    field: 'portalPassword',
  },
  { name: 'an owner of grade "king"', method: 'PATCH', url: () => `/api/owners/${id.owner}`, payload: () => ({ grade: 'king' }), status: 400, field: 'grade' },
  {
    name: 'an owner edit with a stale version',
    method: 'PATCH',
    url: () => `/api/owners/${id.owner}`,
    payload: () => ({ notes: 'x', expectedVersion: 999 }),
    status: 409,
    code: 'VERSION_CONFLICT',
  },
  {
    name: 'a contact by pigeon',
    method: 'POST',
    url: () => `/api/owners/${id.owner}/contacts`,
    payload: () => ({ kind: 'pigeon', value: 'x', isPrimary: false }),
    status: 400,
    field: 'kind',
  },
  {
    name: 'a reveal without a reason',
    method: 'POST',
    url: () => `/api/owners/${id.owner}/reveal`,
    payload: () => ({ field: 'idNumber' }),
    status: 400,
    field: 'reason',
  },
  {
    name: 'a reveal of an unknown contact',
    method: 'POST',
    url: () => `/api/owners/${id.owner}/reveal`,
    payload: () => ({ field: 'contact', contactId: unknown(), reason: '核对' }),
    status: 404,
    code: 'CONTACT_NOT_FOUND',
    field: 'contactId',
  },
  {
    name: 'a reveal of another tenant’s owner',
    method: 'POST',
    url: () => `/api/owners/${id.otherOwner}/reveal`,
    payload: () => ({ field: 'idNumber', reason: '核对' }),
    status: 404,
    code: 'OWNER_NOT_FOUND',
  },
  // cases
  {
    name: 'a case of type "gossip"',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'gossip', channel: 'hotline', description: 'x' }),
    status: 400,
    field: 'type',
  },
  {
    name: 'a case without a description',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'description',
  },
  {
    // an empty (or blank) text is a missing one: "必填", not "invalid value: at least 1 character"
    name: 'a case whose description is only spaces',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline', description: '   ' }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'description',
  },
  {
    name: 'a note with an empty text',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'add_note', content: '' } }),
    status: 400,
    code: 'FIELD_REQUIRED',
    field: 'command.content',
  },
  {
    name: 'a case in another tenant’s project',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.otherProject, type: 'inquiry', channel: 'hotline', description: 'x' }),
    status: 404,
    code: 'PROJECT_NOT_FOUND',
    field: 'projectId',
  },
  {
    name: 'a case with a unit of another project',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'repair', channel: 'hotline', description: 'x', unitId: id.binjiangUnit }),
    status: 400,
    code: 'UNIT_NOT_IN_PROJECT',
    field: 'unitId',
  },
  {
    name: 'a case with an unknown owner',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline', description: 'x', ownerId: unknown() }),
    status: 404,
    code: 'OWNER_NOT_FOUND',
    field: 'ownerId',
  },
  {
    name: 'a deadline that is not a time',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline', description: 'x', ownerDeadlineAt: 'tomorrow' }),
    status: 400,
    field: 'ownerDeadlineAt',
  },
  {
    name: 'a case sent as text/plain',
    method: 'POST',
    url: () => '/api/cases',
    raw: () => 'type=inquiry',
    contentType: 'text/plain',
    status: 415,
    code: 'MEDIA_TYPE_UNSUPPORTED',
    field: 'content-type',
  },
  {
    name: 'a case body over the size limit',
    method: 'POST',
    url: () => '/api/cases',
    raw: () => JSON.stringify({ projectId: 'x', type: 'inquiry', channel: 'hotline', description: 'x'.repeat(DEFAULT_LIMITS.jsonBodyBytes + 10) }),
    contentType: 'application/json',
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'an idempotency key of 300 characters',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline', description: 'x' }),
    headers: { 'idempotency-key': 'k'.repeat(300) },
    status: 400,
    field: 'headers.idempotency-key',
  },
  { name: 'an unknown command', method: 'POST', url: caseUrl, payload: () => ({ command: { type: 'teleport' } }), status: 400, field: 'command.type' },
  {
    name: 'approving a plan never submitted',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'approve_plan' } }),
    status: 409,
    code: 'TRANSITION_NOT_ALLOWED',
  },
  {
    name: 'closing a complaint without cause and prevention',
    method: 'POST',
    url: () => `/api/cases/${id.resolvedComplaint}/commands`,
    payload: () => ({ command: { type: 'close' } }),
    status: 400,
    field: 'causeAnalysis',
  },
  {
    name: 'a command with a stale version',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'add_note', content: 'x' }, expectedVersion: 999 }),
    status: 409,
    code: 'VERSION_CONFLICT',
    field: 'expectedVersion',
  },
  {
    name: 'a transfer to an unknown department',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'transfer', departmentId: unknown() } }),
    status: 404,
    code: 'DEPARTMENT_NOT_FOUND',
    field: 'departmentId',
  },
  {
    name: 'a transfer to another tenant’s department',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'transfer', departmentId: id.otherDepartment } }),
    status: 404,
    code: 'DEPARTMENT_NOT_FOUND',
    field: 'departmentId',
  },
  {
    name: 'a command on an unknown case',
    method: 'POST',
    url: () => `/api/cases/${unknown()}/commands`,
    payload: () => ({ command: { type: 'add_note', content: 'x' } }),
    status: 404,
    code: 'CASE_NOT_FOUND',
  },
  { name: 'the files of an unknown case', method: 'GET', url: () => `/api/cases/${unknown()}/attachments`, status: 404, code: 'CASE_NOT_FOUND' },
  { name: 'the files of another tenant’s case', method: 'GET', url: () => `/api/cases/${id.otherCase}/attachments`, status: 404, code: 'CASE_NOT_FOUND' },
  {
    name: 'a command on another tenant’s case',
    method: 'POST',
    url: () => `/api/cases/${id.otherCase}/commands`,
    payload: () => ({ command: { type: 'add_note', content: 'x' } }),
    status: 404,
    code: 'CASE_NOT_FOUND',
  },
  {
    name: 'a pause that ended yesterday',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'pause_clocks', reason: 'x', until: '2026-11-24T10:00:00+08:00' } }),
    status: 400,
    code: 'FIELD_INVALID',
    field: 'until',
  },
  // attachments
  {
    name: 'an attachment of type text/plain',
    method: 'POST',
    url: () => '/api/attachments?filename=a.txt',
    raw: () => 'hello',
    contentType: 'text/plain',
    status: 415,
  },
  {
    name: 'a "PNG" that is not one',
    method: 'POST',
    url: () => '/api/attachments?filename=a.png',
    raw: () => Buffer.from('not a png at all'),
    contentType: 'image/png',
    status: 415,
    code: 'ATTACHMENT_CONTENT_MISMATCH',
  },
  {
    name: 'an attachment over 10 MB',
    method: 'POST',
    url: () => '/api/attachments?filename=big.png',
    raw: () => Buffer.concat([png, Buffer.alloc(DEFAULT_LIMITS.attachmentBytes + 1)]),
    contentType: 'image/png',
    status: 413,
  },
  // text no database keeps faithfully: U+0000 and unpaired surrogates, in any string, refused before any SQL
  {
    name: 'a login name with U+0000',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'agent1\u0000', password: 'x' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'username',
  },
  {
    name: 'a password with an unpaired surrogate',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'agent1', password: 'demo\ud800' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'password',
  },
  {
    name: 'a portal login with a lone low surrogate',
    method: 'POST',
    url: () => '/api/portal/login',
    payload: () => ({ login: '\udc0013800000001', password: 'x' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'login',
  },
  {
    name: 'a case description with U+0000',
    method: 'POST',
    url: () => '/api/cases',
    payload: () => ({ projectId: id.project, type: 'inquiry', channel: 'hotline', description: '停车\u0000位' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'description',
  },
  {
    name: 'a note with an unpaired surrogate',
    method: 'POST',
    url: caseUrl,
    payload: () => ({ command: { type: 'add_note', content: '备注\ud83d' } }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'command.content',
  },
  { name: 'a search for U+0000', method: 'GET', url: () => '/api/cases?q=%00', status: 400, code: 'CHARACTER_NOT_ALLOWED', field: 'query.q' },
  {
    name: 'an owner’s notes with U+0000',
    method: 'PATCH',
    url: () => `/api/owners/${id.owner}`,
    payload: () => ({ notes: '\u0000' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'notes',
  },
  {
    name: 'an owner id of U+0000',
    method: 'PATCH',
    url: () => '/api/owners/%00',
    payload: () => ({ notes: 'x' }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'params.id',
  },
  {
    name: 'a staff member’s role list with U+0000',
    method: 'POST',
    url: () => '/api/staff',
    payload: () => ({ username: 'nul1', name: 'x', password: 'long-enough-1', roles: ['agent', 'x\u0000'], projectIds: [id.project] }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'roles.1',
  },
  {
    name: 'a JSON key with U+0000',
    method: 'POST',
    url: () => '/api/projects',
    payload: () => ({ code: 'NUL1', name: 'x', ['colour\u0000']: 1 }),
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'colour\\u0000',
  },
  {
    name: 'a bearer token with U+0000',
    method: 'GET',
    url: () => '/api/auth/me',
    headers: { authorization: 'Bearer gjs_\u0000' },
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'headers.authorization',
  },
  {
    name: 'a session cookie with an unpaired surrogate',
    method: 'GET',
    url: () => '/api/auth/me',
    headers: { authorization: '', cookie: 'gj_session=\ud800' },
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'headers.cookie',
  },
  {
    name: 'an attachment named with U+0000',
    method: 'POST',
    url: () => '/api/attachments?filename=a%00.png',
    raw: () => png,
    contentType: 'image/png',
    status: 400,
    code: 'CHARACTER_NOT_ALLOWED',
    field: 'query.filename',
  },
  // time limits
  {
    name: 'a week of six days',
    method: 'PUT',
    url: () => `/api/projects/${id.project}/calendar`,
    payload: () => ({ week: [[], [], [], [], [], []] }),
    status: 400,
    field: 'week',
  },
  {
    name: 'a holiday that is also a make-up day',
    method: 'PUT',
    url: () => '/api/calendar-years/2031',
    payload: () => ({ holidays: ['2031-10-01'], makeupWorkdays: ['2031-10-01'] }),
    status: 400,
    code: 'CALENDAR_DATE_CONFLICT',
    field: 'makeupWorkdays.0',
  },
  {
    name: 'a project’s own day off that is also its working day',
    method: 'PUT',
    url: () => `/api/projects/${id.project}/calendar`,
    payload: () => ({ week: [[], [{ start: '08:30', end: '18:00' }], [], [], [], [], []], holidays: ['2026-12-02'], makeupWorkdays: ['2026-12-02'] }),
    status: 400,
    code: 'CALENDAR_DATE_CONFLICT',
    field: 'makeupWorkdays.0',
  },
  {
    name: 'a project’s own day off that is no date',
    method: 'PUT',
    url: () => `/api/projects/${id.project}/calendar`,
    payload: () => ({ week: [[], [{ start: '08:30', end: '18:00' }], [], [], [], [], []], holidays: ['2026-02-30'] }),
    status: 400,
    field: 'holidays.0',
  },
  { name: 'outcomes grouped by the weather', method: 'GET', url: () => '/api/reports/outcomes?groupBy=weather', status: 400, field: 'query.groupBy' },
  {
    name: 'a rule for an unknown clock',
    method: 'PUT',
    url: () => `/api/projects/${id.project}/sla-rules`,
    payload: () => ({ rules: [{ clock: 'tea', target: { unit: 'minutes', amount: 5, basis: 'calendar' } }] }),
    status: 400,
    field: 'rules.0.clock',
  },
  { name: 'reading an unknown notification', method: 'POST', url: () => `/api/notifications/${unknown()}/read`, status: 404 },
];

beforeAll(async () => {
  t = await createTestContext({ withCases: true });
  const admin = await t.login('admin');
  const agent = await t.login('supervisor1');
  const c = await t.request(agent, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: '咨询' },
  });
  // a complaint the owner is satisfied with: closing it still needs cause and prevention
  const complaint = await t.request(agent, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.a.projects.CUIHU!.id, type: 'complaint', channel: 'hotline', description: '投诉噪音', apologized: true, readBack: true },
  });
  const cid = complaint.body.case.id;
  const head = await t.login('enghead1');
  const steps: [string, Record<string, unknown>][] = [
    [agent, { type: 'transfer', departmentId: t.a.departments['ENG-CUIHU'] }],
    [head, { type: 'accept', committedAt: '2026-11-26T10:00:00+08:00' }],
    [head, { type: 'record_contact', content: '已联系' }],
    [head, { type: 'submit_plan', cause: '装修', steps: '告知', expectedCompletionAt: '2026-11-26T10:00:00+08:00' }],
    [head, { type: 'approve_plan' }],
    [agent, { type: 'inform_owner', content: '已告知' }],
    [agent, { type: 'record_satisfaction', satisfied: true }],
  ];
  for (const [token, command] of steps) {
    const r = await t.request(token, { method: 'POST', url: `/api/cases/${cid}/commands`, payload: { command } });
    if (r.status !== 200) throw new Error(`${command.type}: ${JSON.stringify(r.body)}`);
  }
  const otherAgent = await t.login('b_agent1');
  const otherCase = await t.request(otherAgent, {
    method: 'POST',
    url: '/api/cases',
    payload: { projectId: t.b.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: 'x' },
  });
  Object.assign(id, {
    case: c.body.case.id,
    resolvedComplaint: cid,
    project: t.a.projects.CUIHU!.id,
    building: t.a.projects.CUIHU!.buildings.B1!.id,
    unit: t.a.owners.zhangwei!.unitId,
    binjiangUnit: t.a.owners.liuyang!.unitId,
    owner: t.a.owners.zhangwei!.id,
    frontdesk: t.a.staff.frontdesk1!,
    admin: t.a.staff.admin!,
    otherProject: t.b.projects.CUIHU!.id,
    otherStaff: t.b.staff.b_agent1!,
    otherUnit: t.b.projects.CUIHU!.buildings.B1!.units['101']!,
    otherOwner: t.b.owners.zhangwei!.id,
    otherDepartment: t.b.departments['ENG-CUIHU']!,
    otherCase: otherCase.body.case.id,
  });
  void admin;
});
afterAll(async () => t?.close());

async function send(b: BadInput, lang?: string) {
  const token = await t.login(b.as ?? 'admin');
  const headers: Record<string, string> = { ...(b.headers ?? {}), ...(lang ? { 'accept-language': lang } : {}) };
  if (b.raw) headers['content-type'] = b.contentType!;
  const payload = b.raw ? b.raw() : (b.payload?.() as any);
  return t.request(b.url().startsWith('/api/auth/login') || b.url().startsWith('/api/portal') ? null : token, {
    method: b.method,
    url: b.url(),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

describe('bad input is refused with one shape and changes nothing', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, b) => {
    await t.login(b.as ?? 'admin'); // sign in first: a new session must not count as a change
    t.advance(1);
    const before = await t.fingerprint();
    const res = await send(b);
    expect(res.status).toBe(b.status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: b.status, code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    if (b.code) expect(res.body.code).toBe(b.code);
    if (b.field !== undefined) expect(res.body.field).toBe(b.field);
    expect(await t.fingerprint()).toBe(before);
  });

  it('the same refusals speak English on request, with the same code and field', async () => {
    for (const b of CASES.filter((_, i) => i % 4 === 0)) {
      const zh = await send(b);
      const en = await send(b, 'en');
      expect(en.status, b.name).toBe(zh.status);
      expect(en.body.code, b.name).toBe(zh.body.code);
      expect(en.body.field, b.name).toBe(zh.body.field);
      expect(en.body.message, b.name).not.toMatch(/[\u4e00-\u9fff]{2}/);
      expect(en.body.message.length, b.name).toBeGreaterThan(3);
    }
  });
});
