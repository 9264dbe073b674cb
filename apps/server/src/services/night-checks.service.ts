import {
  addLocalDays,
  DomainError,
  isNightTime,
  localDateOf,
  nightCheckMonth,
  nightDateOf,
  requireCapability,
  warningNights,
  type Actor,
  type StaffActor,
  type WeatherWarningKind,
} from '@guanjia/core';
import {
  lockProject,
  insertInspections,
  insertNotification,
  insertWeatherWarning,
  listChecklistTemplates,
  listNightInspections,
  listWeatherWarnings,
  scheduledWarningNights,
  type InspectionRecord,
  type Schema,
  type WeatherWarningRecord,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import { WEATHER_WARNING_KIND_LABELS } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { inspectionSummary, monthBounds } from './checks.service.ts';
import { inScope, inspectionProjects, officeManagersOf, requireInspectionReader } from './patrol-access.ts';
import { requireProjectOf } from './references.ts';
import { requireProjectIn } from './scoped-project.ts';
import { inTransaction } from './transaction.ts';

/**
 * Night spot checks (夜间查岗, issue 15 item 1, decision 0034; seed 001: 每月不少于4次，台风、暴雨等异常情况下
 * 必须进行): a project's month — the nights checked (submitted night checks, each counting for the night
 * it began in: before 06:00 the night before), the warning nights still owed and what the monthly
 * minimum lacks (core nightCheckMonth). Entering a typhoon or rainstorm warning schedules a night check
 * for each of its nights from today (once a night, whichever warning covers it), unassigned — whoever
 * of the office takes it begins it — and tells the project's office managers.
 */

function warningView(w: WeatherWarningRecord) {
  const { organizationId: _o, ...view } = w;
  return view;
}

/** A warning of a project (inspection.admin or inspection.check there): its nights from today each get a night check. */
export async function createWeatherWarning(
  deps: AppDeps,
  actor: Actor,
  input: { projectId: string; kind: WeatherWarningKind; level?: string | null; fromDate: string; toDate: string; note?: string | null },
) {
  if (actor.kind !== 'staff' || !actor.capabilities.has('inspection.check')) requireCapability(actor, 'inspection.admin');
  const project = await requireProjectIn(deps, actor, actor.capabilities.has('inspection.admin') ? 'inspection.admin' : 'inspection.check', input.projectId);
  const staff = actor as StaffActor;
  const now = deps.now();
  const today = localDateOf(now, project.timeZone);
  const invalid = (reason: string, reasonEn: string, field = 'toDate') => new DomainError('INSPECTION_PERIOD_INVALID', field, { reason, reasonEn });
  if (input.toDate < input.fromDate) throw invalid('结束日期早于开始日期', 'the last night is before the first');
  if (addLocalDays(input.fromDate, 30) < input.toDate)
    throw invalid('一次最多 31 晚，更长的预警请分次录入', 'at most 31 nights at a time: enter a longer warning again');
  if (input.toDate < today) throw invalid('预警已经结束（最后一晚早于今天）', 'the warning is over (its last night is before today)');
  const warning: WeatherWarningRecord = {
    id: deps.newId(),
    organizationId: staff.organizationId,
    projectId: input.projectId,
    kind: input.kind,
    level: input.level?.trim() || null,
    fromDate: input.fromDate,
    toDate: input.toDate,
    note: input.note?.trim() || null,
    createdBy: staff.id,
    createdAt: now,
  };
  const scheduled = await inTransaction(deps.database, async (db) => {
    // two warnings entered at once for the same nights: the second waits, then finds them scheduled
    await lockProject(db, input.projectId);
    await insertWeatherWarning(db, warning);
    const nights = warningNights(warning).filter((n) => n >= today);
    const already = await scheduledWarningNights(db, input.projectId, nights);
    const template = (await listChecklistTemplates(db, { organizationId: staff.organizationId, kind: 'night', activeOnly: true }))[0] ?? null;
    const [kindZh] = WEATHER_WARNING_KIND_LABELS[input.kind];
    const rows: InspectionRecord[] = nights
      .filter((n) => !already.has(n))
      .map((night) => ({
        id: deps.newId(),
        organizationId: staff.organizationId,
        projectId: input.projectId,
        templateId: template?.id ?? null,
        kind: 'night',
        title: `夜间查岗（${kindZh}预警）${night}`,
        items: template?.items ?? [],
        trigger: 'weather',
        weatherWarningId: warning.id,
        scheduledOn: night,
        inspectorId: null,
        inspectedStaffId: null,
        inspectedName: null,
        status: 'scheduled',
        startedAt: null,
        submittedAt: null,
        results: [],
        score: null,
        photoIds: [],
        inspectorSignatureId: null,
        inspectedSignatureId: null,
        report: null,
        sample: null,
        createdBy: staff.id,
        createdAt: now,
      }));
    await insertInspections(db, rows);
    const managers = await officeManagersOf(db, staff.organizationId, input.projectId);
    for (const m of managers)
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: staff.organizationId,
        recipientId: m.id,
        caseId: null,
        kind: 'night_checks_scheduled',
        data: {
          warningId: warning.id,
          projectId: input.projectId,
          warningKind: input.kind,
          level: warning.level,
          fromDate: warning.fromDate,
          toDate: warning.toDate,
          nights: rows.map((r) => r.scheduledOn),
        },
        createdAt: now,
        readAt: null,
      });
    return rows.map((r) => ({ id: r.id, scheduledOn: r.scheduledOn! }));
  });
  return { warning: warningView(warning), scheduled };
}

/** A project's readable for inspection readers in scope (another project's or tenant's: not found). */
export async function projectInScope(deps: AppDeps, actor: StaffActor, projectId: string) {
  const project = await requireProjectOf(deps, actor, projectId);
  if (!inScope(actor, { organizationId: project.organizationId, projectId })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  return project;
}

export async function listWeatherWarningsFor(deps: AppDeps, actor: Actor, q: { projectId?: string; month?: string }) {
  requireInspectionReader(actor);
  const zone = q.projectId ? (await projectInScope(deps, actor, q.projectId)).timeZone : 'Asia/Shanghai';
  const m = q.month ? monthBounds(q.month, zone) : null;
  const rows = await listWeatherWarnings(deps.database.db, {
    organizationId: actor.organizationId,
    projectIds: q.projectId ? [q.projectId] : inspectionProjects(actor),
    fromDate: m?.first,
    toDate: m ? addLocalDays(m.next, -1) : undefined,
    limit: 500,
  });
  return { items: rows.map(warningView) };
}

/**
 * A project's night checks of a month (those begun at night in it, a check begun before 06:00 on the
 * 1st counting for the last night of the month before, and those scheduled in it), the nights they
 * checked — a submitted check begun at night (20:00–06:00; one begun in the daytime is no night
 * check: refused since decision 0034's night hours, and not counted should one be on record) — and
 * the warnings in force in it.
 */
export async function nightMonthOf(db: Kysely<Schema>, project: { id: string; organizationId: string; timeZone: string }, month: string) {
  const m = monthBounds(month, project.timeZone);
  const checks = (
    await listNightInspections(db, {
      projectId: project.id,
      startedFrom: m.from,
      startedTo: new Date(Date.parse(m.to) + 6 * 3_600_000).toISOString(),
      scheduledFrom: m.first,
      scheduledTo: m.next,
    })
  ).filter((i) => (i.startedAt ? nightDateOf(i.startedAt, project.timeZone) : i.scheduledOn!).startsWith(month));
  const counted = checks.filter((i) => i.status === 'submitted' && isNightTime(i.startedAt!, project.timeZone));
  const warnings = await listWeatherWarnings(db, {
    organizationId: project.organizationId,
    projectIds: [project.id],
    fromDate: m.first,
    toDate: addLocalDays(m.next, -1),
    limit: 200,
  });
  return { checks, doneDates: counted.map((i) => nightDateOf(i.startedAt!, project.timeZone)), warnings };
}

/** A project's month of night checks: done, owed (warning nights and the monthly minimum), the warnings and the checks. */
export async function nightChecks(deps: AppDeps, actor: Actor, q: { projectId: string; month?: string }) {
  requireInspectionReader(actor);
  const project = await projectInScope(deps, actor, q.projectId);
  const today = localDateOf(deps.now(), project.timeZone);
  const month = q.month ?? today.slice(0, 7);
  const { checks, doneDates, warnings } = await nightMonthOf(deps.database.db, project, month);
  const state = nightCheckMonth(month, doneDates, warnings, today);
  return {
    projectId: q.projectId,
    ...state,
    doneNights: [...new Set(doneDates)].sort(),
    warnings: warnings.map(warningView),
    checks: checks.map(inspectionSummary),
  };
}
