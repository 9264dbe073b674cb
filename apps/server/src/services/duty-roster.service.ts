import {
  canSeeProject,
  checkShift,
  DomainError,
  onDutyAt,
  overlappingShifts,
  requireCapability,
  type Actor,
  type Capability,
  type DutyShift,
} from '@guanjia/core';
import { deleteDutyShift, findDutyShift, findStaff, insertDutyShift, listDutyShifts, type DutyShiftRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { requireDepartmentFor, requireProjectOf } from './references.ts';
import { inTransaction } from './transaction.ts';

/**
 * The on-duty roster (值班表, issue 13 item 3): shifts per project and department; a calendar-time
 * clock's alert outside working hours pages whoever is on duty (delivery/alert-pages.ts). Office
 * managers, service supervisors and department heads keep the roster of their projects.
 */

const toRule = (s: Pick<DutyShiftRecord, 'staffId' | 'projectId' | 'departmentId' | 'startsAt' | 'endsAt'>): DutyShift => ({
  staffId: s.staffId,
  projectId: s.projectId,
  departmentId: s.departmentId,
  startsAt: Date.parse(s.startsAt),
  endsAt: Date.parse(s.endsAt),
});

/** The capability first (403), then the project: another tenant's or outside the actor's scope answers like an unknown one (404). */
async function requireProjectIn(deps: AppDeps, actor: Actor, capability: Capability, projectId: string) {
  requireCapability(actor, capability);
  await requireProjectOf(deps, actor, projectId);
  if (!canSeeProject(actor, actor.organizationId, projectId)) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
}

async function view(deps: AppDeps, s: DutyShiftRecord) {
  const person = await findStaff(deps.database.db, s.staffId);
  return {
    id: s.id,
    projectId: s.projectId,
    departmentId: s.departmentId,
    staffId: s.staffId,
    staffName: person?.name ?? '',
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    note: s.note,
  };
}

export async function listShifts(deps: AppDeps, actor: Actor, q: { projectId: string; from: string; to: string }) {
  await requireProjectIn(deps, actor, 'structure.read', q.projectId);
  const rows = await listDutyShifts(deps.database.db, [q.projectId], new Date(q.from).toISOString(), new Date(q.to).toISOString());
  return Promise.all(rows.map((s) => view(deps, s)));
}

export async function addShift(
  deps: AppDeps,
  actor: Actor,
  input: { projectId: string; departmentId?: string | null; staffId: string; startsAt: string; endsAt: string; note?: string | null },
) {
  await requireProjectIn(deps, actor, 'duty.manage', input.projectId);
  if (input.departmentId) await requireDepartmentFor(deps.database, actor, input.departmentId, input.projectId);
  const person = await findStaff(deps.database.db, input.staffId);
  if (!person || person.organizationId !== actor.organizationId || !person.active || !(person.companyWide || person.projectIds.includes(input.projectId)))
    throw new DomainError('STAFF_NOT_FOUND', 'staffId');
  const record: DutyShiftRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    departmentId: input.departmentId ?? null,
    staffId: input.staffId,
    startsAt: new Date(input.startsAt).toISOString(),
    endsAt: new Date(input.endsAt).toISOString(),
    note: input.note ?? null,
    createdBy: actor.id,
    createdAt: deps.now(),
  };
  const problem = checkShift(toRule(record))[0];
  if (problem)
    throw new DomainError('DUTY_SHIFT_INVALID', problem.field, {
      reason: problem.reason === 'too_long' ? '值班不能超过 7 天' : '结束时间须晚于开始时间',
      reasonEn: problem.reason === 'too_long' ? 'a shift is at most 7 days' : 'it must end after it starts',
    });
  await inTransaction(deps.database, async (db) => {
    const same = await listDutyShifts(db, [input.projectId], record.startsAt, record.endsAt);
    const clash = overlappingShifts(toRule(record), same.map(toRule))[0];
    if (clash) throw new DomainError('DUTY_SHIFT_OVERLAPS', 'startsAt', { startsAt: new Date(clash.startsAt).toISOString() });
    await insertDutyShift(db, record);
  });
  return view(deps, record);
}

export async function removeShift(deps: AppDeps, actor: Actor, id: string) {
  const s = await findDutyShift(deps.database.db, id);
  if (!s || s.organizationId !== actor.organizationId) throw new DomainError('DUTY_SHIFT_NOT_FOUND', 'id');
  requireCapability(actor, 'duty.manage');
  if (!canSeeProject(actor, s.organizationId, s.projectId)) throw new DomainError('DUTY_SHIFT_NOT_FOUND', 'id');
  await inTransaction(deps.database, (db) => deleteDutyShift(db, id));
}

/** Who is on duty for a project (and department) at an instant (now by default). */
export async function whoIsOnDuty(deps: AppDeps, actor: Actor, q: { projectId: string; departmentId?: string; at?: string }) {
  await requireProjectIn(deps, actor, 'structure.read', q.projectId);
  const at = q.at ? new Date(q.at).toISOString() : deps.now();
  const shifts = await listDutyShifts(deps.database.db, [q.projectId], at, new Date(Date.parse(at) + 1).toISOString());
  const ids = onDutyAt(shifts.map(toRule), q.projectId, q.departmentId ?? null, Date.parse(at));
  const staff = await Promise.all(ids.map((id) => findStaff(deps.database.db, id)));
  return { at, staff: staff.filter((s) => !!s).map((s) => ({ id: s!.id, name: s!.name })) };
}
