import {
  capabilitiesOf,
  DEFAULT_POINT_RADIUS_M,
  DomainError,
  encodePointCode,
  localDateOf,
  planPatrolTasks,
  POINT_CODE_RENEW_WARNING_DAYS,
  POINT_CODE_VALID_DAYS,
  requireCapability,
  startOfLocalDate,
  addLocalDays,
  type Actor,
  type PatrolRepeat,
  type PatrolRouteStop,
  type Specialty,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  findInspectionPoint,
  findProject,
  findPatrolPlan,
  insertInspectionPoint,
  insertPatrolPlan,
  insertPatrolRoute,
  insertNotification,
  insertPatrolTasks,
  listDutyShifts,
  listInspectionPoints,
  listPatrolPlans,
  listStaff,
  updateInspectionPoint,
  updatePatrolPlan,
  type InspectionPointKind,
  type InspectionPointRecord,
  type PatrolPlanKind,
  type PatrolPlanRecord,
  type PatrolTaskRecord,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { INSPECTION_READERS, inspectionProjects, officeManagersOf, patrolSigner, requireInScope, requireInspectionReader } from './patrol-access.ts';
import { requireProjectOf } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Inspection points and their printed codes, patrol and maintenance plans, and the tasks plans make
 * (issue 15 item 2, decision 0034). Points and plans are kept by `inspection.admin` of the project;
 * tasks are made a lead time ahead by the scheduler's loop (generatePatrolTasks), for the first of a
 * plan's inspectors on duty that day.
 */

// --- points -----------------------------------------------------------------------------------------

export interface PointInput {
  projectId: string;
  name: string;
  kind: InspectionPointKind;
  specialty: Specialty;
  place?: string | null;
  buildingId?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  radiusM?: number | null;
}

function pointView(p: InspectionPointRecord, today: string) {
  const renewFrom = addLocalDays(p.codeValidUntil, -POINT_CODE_RENEW_WARNING_DAYS);
  return {
    id: p.id,
    projectId: p.projectId,
    name: p.name,
    kind: p.kind,
    specialty: p.specialty,
    place: p.place,
    buildingId: p.buildingId,
    latitude: p.latitude,
    longitude: p.longitude,
    radiusM: p.radiusM,
    active: p.active,
    codeGeneration: p.codeGeneration,
    codeValidUntil: p.codeValidUntil,
    codeState: today > p.codeValidUntil ? ('expired' as const) : today >= renewFrom ? ('renew_soon' as const) : ('valid' as const),
  };
}

async function projectToday(deps: AppDeps, actor: Actor, projectId: string): Promise<string> {
  const project = await requireProjectOf(deps, actor, projectId);
  return localDateOf(deps.now(), project.timeZone);
}

function checkPlace(input: Pick<PointInput, 'latitude' | 'longitude'>) {
  const hasLat = input.latitude !== null && input.latitude !== undefined;
  const hasLon = input.longitude !== null && input.longitude !== undefined;
  if (hasLat !== hasLon) throw new DomainError('FIELD_REQUIRED', hasLat ? 'longitude' : 'latitude');
}

export async function createPoint(deps: AppDeps, actor: Actor, input: PointInput) {
  const project = await requireProjectIn(deps, actor, 'inspection.admin', input.projectId);
  checkPlace(input);
  const now = deps.now();
  const today = localDateOf(now, project.timeZone);
  const point: InspectionPointRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    projectId: input.projectId,
    name: input.name.trim(),
    kind: input.kind,
    specialty: input.specialty,
    place: input.place?.trim() || null,
    buildingId: input.buildingId ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    radiusM: input.radiusM ?? DEFAULT_POINT_RADIUS_M,
    codeGeneration: 1,
    codeValidUntil: addLocalDays(today, POINT_CODE_VALID_DAYS),
    active: true,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(deps.database, (db) => insertInspectionPoint(db, point));
  return pointView(point, today);
}

export async function updatePoint(deps: AppDeps, actor: Actor, id: string, input: Partial<Omit<PointInput, 'projectId'>> & { active?: boolean }) {
  requireCapability(actor, 'inspection.admin');
  const point = requireInScope(actor, await findInspectionPoint(deps.database.db, id), 'INSPECTION_POINT_NOT_FOUND');
  const next = { ...point, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), updatedAt: deps.now() } as InspectionPointRecord;
  checkPlace(next);
  const { id: _i, organizationId: _o, projectId: _p, ...patch } = next;
  await inTransaction(deps.database, (db) => updateInspectionPoint(db, id, patch));
  return pointView(next, await projectToday(deps, actor, point.projectId));
}

export async function listPoints(deps: AppDeps, actor: Actor, q: { projectId?: string }) {
  requireInspectionReaderOrPatrol(actor);
  const projects = q.projectId
    ? [(await requireProjectIn(deps, actor, actor.capabilities.has('inspection.patrol') ? 'inspection.patrol' : firstReaderCap(actor), q.projectId)).id]
    : inspectionProjects(actor);
  const points = await listInspectionPoints(deps.database.db, { organizationId: actor.organizationId, projectIds: projects });
  const todays = new Map<string, string>();
  for (const projectId of new Set(points.map((p) => p.projectId))) todays.set(projectId, await projectToday(deps, actor, projectId));
  return { items: points.map((p) => pointView(p, todays.get(p.projectId)!)) };
}

function requireInspectionReaderOrPatrol(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && actor.capabilities.has('inspection.patrol')) return;
  requireInspectionReader(actor);
}
function firstReaderCap(actor: StaffActor) {
  return INSPECTION_READERS.find((c) => actor.capabilities.has(c)) ?? 'inspection.read';
}

/**
 * The point's printed code: the current one, or (renew) a new generation valid for another 90 days —
 * every print of the older generation is refused from then on. Renewing is logged.
 */
export async function pointCode(deps: AppDeps, actor: Actor, id: string, renew: boolean) {
  requireCapability(actor, 'inspection.admin');
  const found = requireInScope(actor, await findInspectionPoint(deps.database.db, id), 'INSPECTION_POINT_NOT_FOUND');
  const today = await projectToday(deps, actor, found.projectId);
  const point = renew
    ? await inTransaction(deps.database, async (db) => {
        const p = (await findInspectionPoint(db, id, { forUpdate: true }))!;
        const next = { ...p, codeGeneration: p.codeGeneration + 1, codeValidUntil: addLocalDays(today, POINT_CODE_VALID_DAYS), updatedAt: deps.now() };
        await updateInspectionPoint(db, id, { codeGeneration: next.codeGeneration, codeValidUntil: next.codeValidUntil, updatedAt: next.updatedAt });
        await appendAudit(db, {
          organizationId: actor.organizationId,
          actorKind: 'staff',
          actorId: actor.id,
          action: 'inspection_point.code_renewed',
          targetType: 'inspection_point',
          targetId: id,
          detail: { generation: next.codeGeneration, validUntil: next.codeValidUntil },
          at: deps.now(),
          projectId: p.projectId,
        });
        return next;
      })
    : found;
  const code = encodePointCode(
    { pointId: point.id, generation: point.codeGeneration, validUntil: point.codeValidUntil },
    patrolSigner(deps, actor.organizationId),
  );
  return { point: pointView(point, today), code };
}

// --- plans ------------------------------------------------------------------------------------------

export interface PlanInput {
  projectId: string;
  name: string;
  kind: PatrolPlanKind;
  specialty: Specialty;
  repeat: PatrolRepeat;
  rounds: string[];
  route: PatrolRouteStop[];
  inspectors: string[];
  leadMinutes: number;
  lateMinutes: number;
  makeupHours: number;
  acceptorId?: string | null;
}

/** A plan's points and people: its route's points are active points of its project, once each; its inspectors may patrol there; a maintenance plan's acceptor is another person. */
async function checkPlan(deps: AppDeps, actor: StaffActor, input: PlanInput) {
  const ids = input.route.map((s) => s.pointId);
  if (new Set(ids).size !== ids.length)
    throw new DomainError('PATROL_ROUTE_INVALID', 'route', { reason: '同一巡检点只能出现一次', reasonEn: 'a point appears once' });
  const points = await listInspectionPoints(deps.database.db, { organizationId: actor.organizationId, projectIds: [input.projectId], ids });
  if (points.length !== ids.length || points.some((p) => !p.active))
    throw new DomainError('PATROL_ROUTE_INVALID', 'route', {
      reason: '巡检点须是本项目在用的点',
      reasonEn: 'each point must be an active point of the project',
    });
  const staff = await listStaff(deps.database.db, actor.organizationId, [input.projectId]);
  const byId = new Map(staff.map((s) => [s.id, s]));
  const canPatrol = (id: string) => {
    const s = byId.get(id);
    return !!s && s.active && (s.companyWide || s.projectIds.includes(input.projectId)) && capabilitiesOf(s.roles).has('inspection.patrol');
  };
  if (new Set(input.inspectors).size !== input.inspectors.length || !input.inspectors.every(canPatrol))
    throw new DomainError('PATROL_INSPECTOR_INVALID', 'inspectors');
  if (input.kind === 'maintenance') {
    const a = input.acceptorId ? byId.get(input.acceptorId) : null;
    if (!a || !a.active || !capabilitiesOf(a.roles).has('inspection.check')) throw new DomainError('PATROL_INSPECTOR_INVALID', 'acceptorId');
  }
  if (new Set(input.rounds).size !== input.rounds.length)
    throw new DomainError('PATROL_ROUTE_INVALID', 'rounds', { reason: '轮次时间重复', reasonEn: 'a round time appears twice' });
}

function planView(p: PatrolPlanRecord) {
  return {
    id: p.id,
    projectId: p.projectId,
    name: p.name,
    kind: p.kind,
    specialty: p.specialty,
    repeat:
      p.repeat.kind === 'weekdays'
        ? { kind: 'weekdays' as const, weekdays: [...p.repeat.weekdays] }
        : { kind: 'days_of_month' as const, days: [...p.repeat.days] },
    rounds: p.rounds,
    route: p.route,
    inspectors: p.inspectors,
    leadMinutes: p.leadMinutes,
    lateMinutes: p.lateMinutes,
    makeupHours: p.makeupHours,
    acceptorId: p.acceptorId,
    active: p.active,
    generatedThrough: p.generatedThrough,
  };
}

export async function createPlan(deps: AppDeps, actor: Actor, input: PlanInput) {
  await requireProjectIn(deps, actor, 'inspection.admin', input.projectId);
  await checkPlan(deps, actor as StaffActor, input);
  const now = deps.now();
  const plan: PatrolPlanRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    ...input,
    name: input.name.trim(),
    rounds: [...input.rounds].sort(),
    acceptorId: input.kind === 'maintenance' ? (input.acceptorId ?? null) : null,
    routeId: deps.newId(),
    active: true,
    generatedThrough: null,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(deps.database, async (db) => {
    await insertPatrolRoute(db, { id: plan.routeId, organizationId: plan.organizationId, planId: plan.id, stops: plan.route, createdAt: now });
    await insertPatrolPlan(db, plan);
  });
  await generatePatrolTasks(deps, { planIds: [plan.id] });
  return planView((await findPatrolPlan(deps.database.db, plan.id))!);
}

/** A plan's change applies to the tasks made from then on (tasks already made keep their route and inspector). */
export async function updatePlan(deps: AppDeps, actor: Actor, id: string, input: Omit<PlanInput, 'projectId'> & { active: boolean }) {
  requireCapability(actor, 'inspection.admin');
  const plan = requireInScope(actor, await findPatrolPlan(deps.database.db, id), 'PATROL_PLAN_NOT_FOUND');
  await checkPlan(deps, actor, { ...input, projectId: plan.projectId });
  const now = deps.now();
  // a changed route is a new version; the tasks already made keep theirs
  const sameRoute = JSON.stringify(input.route) === JSON.stringify(plan.route);
  const routeId = sameRoute ? plan.routeId : deps.newId();
  const patch = {
    ...input,
    rounds: [...input.rounds].sort(),
    acceptorId: input.kind === 'maintenance' ? (input.acceptorId ?? null) : null,
    routeId,
    updatedAt: now,
  };
  await inTransaction(deps.database, async (db) => {
    if (!sameRoute) await insertPatrolRoute(db, { id: routeId, organizationId: plan.organizationId, planId: id, stops: input.route, createdAt: now });
    await updatePatrolPlan(db, id, patch);
  });
  await generatePatrolTasks(deps, { planIds: [id] });
  return planView((await findPatrolPlan(deps.database.db, id))!);
}

export async function listPlans(deps: AppDeps, actor: Actor, q: { projectId?: string }) {
  requireInspectionReader(actor);
  const projects = q.projectId ? [q.projectId] : inspectionProjects(actor);
  if (q.projectId) await requireProjectIn(deps, actor, firstReaderCap(actor), q.projectId);
  const plans = await listPatrolPlans(deps.database.db, { organizationId: actor.organizationId, projectIds: projects });
  return { items: plans.map(planView) };
}

// --- task generation --------------------------------------------------------------------------------

/** How many local days ahead tasks exist (today and the next), plus a day for each whole day of a plan's lead time; each is created at its own lead time. */
export const PATROL_HORIZON_DAYS = 2;
const horizonOf = (plan: Pick<PatrolPlanRecord, 'leadMinutes'>) => PATROL_HORIZON_DAYS + Math.floor(plan.leadMinutes / 1440);

/**
 * Makes the tasks of active plans through today + horizon (local to each project), from the day after
 * the last one made (or today). Each plan is generated holding its row, so two processes never make a
 * task twice (and the unique plan/date/round index says the same). Returns the tasks written.
 */
export async function generatePatrolTasks(deps: AppDeps, options: { planIds?: readonly string[]; now?: string } = {}): Promise<number> {
  const now = options.now ?? deps.now();
  const plans = options.planIds
    ? (await Promise.all(options.planIds.map((id) => findPatrolPlan(deps.database.db, id)))).filter((p): p is PatrolPlanRecord => !!p && p.active)
    : await listPatrolPlans(deps.database.db, { projectIds: 'all', activeOnly: true });
  let written = 0;
  const zones = new Map<string, string>();
  for (const candidate of plans) {
    // a local date is within a day of the UTC one: a plan made through a day past its horizon needs no look
    if (candidate.generatedThrough && candidate.generatedThrough >= addLocalDays(now.slice(0, 10), horizonOf(candidate))) continue;
    let zone = zones.get(candidate.projectId);
    if (!zone) {
      const project = await findProject(deps.database.db, candidate.projectId);
      zones.set(candidate.projectId, (zone = project?.timeZone ?? 'Asia/Shanghai'));
    }
    const today = localDateOf(now, zone);
    // a task is made before its lead time starts: a lead of whole days makes that many more days ahead
    const through = addLocalDays(today, horizonOf(candidate) - 1);
    if (candidate.generatedThrough && candidate.generatedThrough >= through) continue;
    written += await inTransaction(deps.database, async (db) => {
      const plan = await findPatrolPlan(db, candidate.id, { forUpdate: true });
      if (!plan || !plan.active || (plan.generatedThrough && plan.generatedThrough >= through)) return 0;
      const from = plan.generatedThrough && plan.generatedThrough >= today ? addLocalDays(plan.generatedThrough, 1) : today;
      const made = await writePlanTasks(deps, db, plan, zone!, from, through);
      await updatePatrolPlan(db, plan.id, { generatedThrough: through });
      return made;
    });
  }
  return written;
}

/** The tasks of one plan over local dates [from, to], written (the roster decides who is on duty). */
export async function writePlanTasks(deps: AppDeps, db: Kysely<Schema>, plan: PatrolPlanRecord, timeZone: string, from: string, to: string): Promise<number> {
  const onDuty = await rosterOf(db, plan, timeZone, from, to);
  const planned = planPatrolTasks({ ...plan, timeZone }, from, to, onDuty);
  const rows = planned.map((t): PatrolTaskRecord => ({
    id: deps.newId(),
    organizationId: plan.organizationId,
    projectId: plan.projectId,
    planId: plan.id,
    kind: plan.kind,
    date: t.date,
    round: t.round,
    assigneeId: t.assigneeId,
    createAt: t.createAt,
    startsAt: t.startsAt,
    // the round ends when its last window closes and its late time has passed
    endsAt: new Date(Date.parse(t.endsAt) + plan.lateMinutes * 60_000).toISOString(),
    makeupUntil: plan.makeupHours > 0 ? new Date(Date.parse(t.endsAt) + plan.lateMinutes * 60_000 + plan.makeupHours * 3_600_000).toISOString() : null,
    routeId: plan.routeId,
    points: t.checks.length,
    route: t.checks,
    checked: 0,
    reminded: 0,
    early: 0,
    onTime: 0,
    late: 0,
    missed: 0,
    status: 'open',
    finishedAt: null,
    transferredFrom: null,
    transferReason: null,
    transferredAt: null,
    acceptedBy: null,
    acceptedAt: null,
    acceptance: null,
    acceptanceNote: null,
    summarySentAt: null,
  }));
  const written = await insertPatrolTasks(db, rows);
  // a round nobody of the plan's inspectors is on duty for: the office managers are told, to hand it to someone
  const unassigned = written.filter((r) => !r.assigneeId);
  if (unassigned.length) {
    const managers = await officeManagersOf(db, plan.organizationId, plan.projectId);
    for (const m of managers)
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: plan.organizationId,
        recipientId: m.id,
        caseId: null,
        kind: 'patrol_unassigned',
        data: { planId: plan.id, planName: plan.name, rounds: unassigned.map((r) => `${r.date} ${r.round}`), taskIds: unassigned.map((r) => r.id) },
        createdAt: deps.now(),
        readAt: null,
      });
  }
  return written.length;
}

/**
 * Who is on duty on a local date, by the roster (值班表): on a date the project's roster has shifts
 * for, an inspector without one that day is off; a date with no shifts at all (the roster not kept
 * for it) leaves everyone on. Inactive staff are always off.
 */
async function rosterOf(db: Kysely<Schema>, plan: PatrolPlanRecord, timeZone: string, from: string, to: string) {
  const start = startOfLocalDate(from, timeZone);
  const end = startOfLocalDate(addLocalDays(to, 1), timeZone);
  const shifts = await listDutyShifts(db, [plan.projectId], start, end);
  const staff = await listStaff(db, plan.organizationId, [plan.projectId]);
  const active = new Set(staff.filter((s) => s.active).map((s) => s.id));
  const daysWithShifts = new Set<string>();
  const onDay = new Set<string>();
  for (const s of shifts)
    for (let d = localDateOf(s.startsAt, timeZone); d <= localDateOf(new Date(Date.parse(s.endsAt) - 1).toISOString(), timeZone); d = addLocalDays(d, 1)) {
      daysWithShifts.add(d);
      onDay.add(`${s.staffId}|${d}`);
    }
  return (staffId: string, date: string) => active.has(staffId) && (!daysWithShifts.has(date) || onDay.has(`${staffId}|${date}`));
}
