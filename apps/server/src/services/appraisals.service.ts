import {
  appraisalMeasures,
  appraisalScore,
  appraisalStepAllowed,
  DEFAULT_APPRAISAL_WEIGHTS,
  DomainError,
  localDateOf,
  requireCapability,
  startOfLocalDate,
  stewardFigures,
  type Actor,
  type AppraisalFigures,
  type AppraisalWeights,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  callbackFigures,
  findAppraisal,
  findAppraisalWeights,
  insertAppraisal,
  insertNotification,
  listAppraisals,
  listDefects,
  listDepartments,
  listProjects,
  listStaff,
  listSurveys,
  outcomeRollup,
  saveAppraisalWeights,
  serviceLanguageOverrides,
  surveyStewardTallies,
  timelinessRollup,
  updateAppraisal,
  visitFigures,
  type AppraisalRecord,
  type StaffRecord,
} from '@guanjia/storage';
import type { CreateAppraisalInput, SaveAppraisalWeightsInput } from '@guanjia/api-contract';
import { APPRAISAL_STATUS_LABELS, type AppraisalStatus } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { oversees } from './self-evaluations.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * Staff appraisal (考核, issue 16 item 2, decision 0037). A supervisor (appraisal.write: office manager,
 * department head, leadership) draws up the sheet of someone they oversee (a project in common) for a
 * period: the person's figures are counted from the records then and frozen with the company's weights
 * and the score; the supervisor writes the comment; the person acknowledges it (确认). The person sees
 * their own sheets; a supervisor those of the staff they oversee; anyone else is told it does not exist.
 */

type Sheet = AppraisalRecord<AppraisalFigures, AppraisalWeights>;
const ZONE = 'Asia/Shanghai';
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function requireStaff(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN');
}

// --- weights ----------------------------------------------------------------------------------------

/** The company's weights, or the defaults while it has set none. */
async function weightsOf(deps: AppDeps, organizationId: string) {
  const saved = await findAppraisalWeights(deps.database.db, organizationId);
  return saved
    ? { ...(saved.weights as AppraisalWeights), isDefault: false, updatedBy: saved.updatedBy, updatedAt: saved.updatedAt }
    : { ...DEFAULT_APPRAISAL_WEIGHTS, isDefault: true, updatedBy: null, updatedAt: null };
}

async function weightsView(deps: AppDeps, organizationId: string) {
  const w = await weightsOf(deps, organizationId);
  const names = w.updatedBy ? new Map((await listStaff(deps.database.db, organizationId, null)).map((s) => [s.id, s.name])) : new Map<string, string>();
  return { ...w, updatedBy: w.updatedBy ? (names.get(w.updatedBy) ?? '') : null };
}

export async function getWeights(deps: AppDeps, actor: Actor) {
  requireStaff(actor);
  if (!actor.capabilities.has('appraisal.write')) requireCapability(actor, 'staff.admin');
  return weightsView(deps, actor.organizationId);
}

/** The company admin (staff.admin) sets the weights; sheets drawn up before keep theirs. */
export async function saveWeights(deps: AppDeps, actor: Actor, input: SaveAppraisalWeightsInput) {
  requireCapability(actor, 'staff.admin');
  const now = deps.now();
  const weights: AppraisalWeights = { weights: input.weights, languageAllowance: input.languageAllowance, defectAllowance: input.defectAllowance };
  await inTransaction(deps.database, async (db) => {
    await saveAppraisalWeights(db, actor.organizationId, weights, actor.id, now);
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'appraisal_weights.update',
      targetType: 'organization',
      targetId: actor.organizationId,
      projectId: null,
      detail: { ...weights },
      at: now,
    });
  });
  return weightsView(deps, actor.organizationId);
}

// --- the figures --------------------------------------------------------------------------------------

/**
 * The person's figures for the local dates [from, to] (both included), each record placed by its
 * project's local date: the reports' staff rows (clocks; cases closed and their ratings), the cases
 * reopened among them, the service-language overrides, the callbacks and visits of the person's
 * projects, the defects attributed to them and the steward ratings ending in the period.
 */
export async function appraisalFigures(deps: AppDeps, person: StaffRecord, from: string, to: string): Promise<AppraisalFigures> {
  const db = deps.database.db;
  const end = nextDay(to);
  const projects = await listProjects(db, person.organizationId, null);
  const zone = new Map(projects.map((p) => [p.id, p.timeZone]));
  const allIds = projects.map((p) => p.id);
  const own = person.companyWide ? projects : projects.filter((p) => person.projectIds.includes(p.id));
  const filter = { organizationId: person.organizationId, projectIds: allIds, from, to: end };
  // instants a day wider than the local dates, each record then placed by its project's local date
  const wide = { from: startOfLocalDate(dayBefore(from), 'UTC'), to: startOfLocalDate(nextDay(end), 'UTC') };
  const inPeriod = (at: string, projectId: string) => {
    const d = localDateOf(at, zone.get(projectId) ?? ZONE);
    return d >= from && d < end;
  };
  const [clocks, outcomes, overrides, defects, surveys] = await Promise.all([
    timelinessRollup(db, { ...filter, groupBy: 'staff', now: deps.now() }),
    outcomeRollup(db, { ...filter, groupBy: 'staff' }),
    serviceLanguageOverrides(db, { organizationId: person.organizationId, projectIds: null, ...wide }),
    listDefects(db, {
      organizationId: person.organizationId,
      projectIds: 'all',
      responsibleId: person.id,
      foundFrom: wide.from,
      foundTo: wide.to,
      limit: 100_000,
    }),
    listSurveys(db, person.organizationId, 'all', 10_000),
  ]);
  const mine = clocks.find((r) => r.key === person.id);
  const outcome = outcomes.find((r) => r.key === person.id);
  const found = defects.filter((d) => inPeriod(d.foundAt, d.projectId));
  const callbacks = { due: 0, done: 0 };
  const visits = { planned: 0, done: 0 };
  for (const p of own) {
    const [c, v] = await Promise.all([
      callbackFigures(db, p.id, startOfLocalDate(from, p.timeZone), startOfLocalDate(end, p.timeZone), person.id),
      visitFigures(db, p.id, from, end, person.id),
    ]);
    callbacks.due += c.due;
    callbacks.done += c.done;
    visits.planned += v.planned;
    visits.done += v.done;
  }
  const stewardRatings = { answers: 0, satisfied: 0 };
  for (const s of surveys.filter((x) => x.kind === 'steward_rating' && x.status !== 'draft' && x.endsOn >= from && x.endsOn < end)) {
    const [figure] = stewardFigures(
      await surveyStewardTallies(db, s.id),
      s.items.map((i) => i.id),
      [person.id],
    );
    stewardRatings.answers += figure?.answers ?? 0;
    stewardRatings.satisfied += figure?.satisfied ?? 0;
  }
  return {
    clocks: { met: mine?.met ?? 0, breached: mine?.breached ?? 0 },
    // the outcome rollup's staff row counts the reopened among the closed (migration 0042): no scan of the cases
    cases: { closed: outcome?.closed ?? 0, reopened: outcome?.reopened ?? 0 },
    languageOverrides: overrides.filter((o) => o.staffId === person.id && inPeriod(o.at, o.projectId)).length,
    callbacks,
    visits,
    defects: { attributed: found.length, causedByStaff: found.filter((d) => d.causedByStaff).length },
    caseRatings: { rated: outcome?.rated ?? 0, sum: outcome?.ratingSum ?? 0 },
    stewardRatings,
  };
}

// --- views --------------------------------------------------------------------------------------------

async function people(deps: AppDeps, organizationId: string) {
  const db = deps.database.db;
  const [staff, departments] = await Promise.all([listStaff(db, organizationId, null), listDepartments(db, organizationId, null)]);
  const dept = new Map(departments.map((d) => [d.id, d.name]));
  return {
    staff,
    byId: new Map(staff.map((s) => [s.id, s])),
    departmentOf: (s: StaffRecord | undefined) => (s?.departmentId ? (dept.get(s.departmentId) ?? null) : null),
  };
}
type People = Awaited<ReturnType<typeof people>>;

const supervises = (actor: StaffActor, person: StaffRecord | undefined) =>
  !!person && person.id !== actor.id && actor.capabilities.has('appraisal.write') && oversees(actor, person);

function view(actor: StaffActor, a: Sheet, p: People) {
  const person = p.byId.get(a.staffId);
  const { score, parts } = appraisalScore(appraisalMeasures(a.figures, a.weights), a.weights.weights);
  return {
    id: a.id,
    staffId: a.staffId,
    staffName: person?.name ?? '',
    departmentName: p.departmentOf(person),
    from: a.periodFrom,
    to: a.periodTo,
    status: a.status,
    figures: a.figures,
    languageAllowance: a.weights.languageAllowance,
    defectAllowance: a.weights.defectAllowance,
    parts,
    score: a.score ?? score,
    drawnBy: p.byId.get(a.drawnBy)?.name ?? '',
    drawnAt: a.drawnAt,
    comment: a.comment,
    commentedBy: a.commentedBy ? (p.byId.get(a.commentedBy)?.name ?? '') : null,
    commentedAt: a.commentedAt,
    acknowledgedAt: a.acknowledgedAt,
    canComment: supervises(actor, person) && appraisalStepAllowed(a.status, 'comment'),
    canAcknowledge: a.staffId === actor.id && appraisalStepAllowed(a.status, 'acknowledge'),
  };
}
export type AppraisalSheetView = ReturnType<typeof view>;

/** A sheet the actor may see: their own, or one of someone they oversee as a supervisor; else unknown. */
async function visibleSheet(deps: AppDeps, actor: StaffActor, id: string) {
  const a = (await findAppraisal(deps.database.db, id)) as Sheet | null;
  const p = await people(deps, actor.organizationId);
  if (!a || a.organizationId !== actor.organizationId || (a.staffId !== actor.id && !supervises(actor, p.byId.get(a.staffId))))
    throw new DomainError('APPRAISAL_NOT_FOUND', 'id');
  return { a, p };
}

// --- sheets ---------------------------------------------------------------------------------------------

/** The staff the actor may draw up a sheet for: active, overseen, not themself. */
export async function appraisableStaff(deps: AppDeps, actor: Actor) {
  requireCapability(actor, 'appraisal.write');
  const p = await people(deps, actor.organizationId);
  return {
    items: p.staff
      .filter((s) => s.active && supervises(actor, s))
      .map((s) => ({ id: s.id, name: s.name, departmentName: p.departmentOf(s) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

export async function createAppraisal(deps: AppDeps, actor: Actor, input: CreateAppraisalInput) {
  requireCapability(actor, 'appraisal.write');
  if (input.to < input.from)
    throw new DomainError('FIELD_INVALID', 'to', { reason: `不能早于开始日期（${input.from}）`, reasonEn: `must not be before from (${input.from})` });
  if (Date.parse(input.to) - Date.parse(input.from) > 366 * 86_400_000)
    throw new DomainError('FIELD_INVALID', 'to', { reason: '考核期间不能超过一年', reasonEn: 'the period must not be longer than a year' });
  const p = await people(deps, actor.organizationId);
  const person = p.byId.get(input.staffId);
  if (!person?.active || !supervises(actor, person)) throw new DomainError('APPRAISAL_NOT_OVERSEEN', 'staffId');
  const today = localDateOf(deps.now(), ZONE);
  if (input.from > today)
    throw new DomainError('FIELD_INVALID', 'from', { reason: `不能晚于今天（${today}）`, reasonEn: `must not be after today (${today})` });
  const [figures, w] = await Promise.all([appraisalFigures(deps, person, input.from, input.to), weightsOf(deps, actor.organizationId)]);
  const weights: AppraisalWeights = { weights: w.weights, languageAllowance: w.languageAllowance, defectAllowance: w.defectAllowance };
  const now = deps.now();
  const sheet: Sheet = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    staffId: person.id,
    periodFrom: input.from,
    periodTo: input.to,
    figures,
    weights,
    score: appraisalScore(appraisalMeasures(figures, weights), weights.weights).score,
    status: 'draft',
    drawnBy: actor.id,
    drawnAt: now,
    comment: null,
    commentedBy: null,
    commentedAt: null,
    acknowledgedAt: null,
  };
  const inserted = await inTransaction(deps.database, async (db) => {
    if (!(await insertAppraisal(db, sheet))) return false;
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'appraisal.created',
      targetType: 'appraisal',
      targetId: sheet.id,
      projectId: null,
      detail: { staffId: person.id, from: input.from, to: input.to, score: sheet.score },
      at: now,
    });
    return true;
  });
  if (!inserted) throw new DomainError('APPRAISAL_EXISTS', 'staffId');
  return view(actor, sheet, p);
}

export async function listSheets(deps: AppDeps, actor: Actor, q: { staffId?: string; status?: AppraisalStatus; from?: string; to?: string; limit?: number }) {
  requireStaff(actor);
  const p = await people(deps, actor.organizationId);
  const seen = [actor.id, ...p.staff.filter((s) => supervises(actor, s)).map((s) => s.id)];
  const staffIds = q.staffId ? seen.filter((id) => id === q.staffId) : seen;
  const sheets = (await listAppraisals(deps.database.db, {
    organizationId: actor.organizationId,
    staffIds,
    ...(q.status ? { status: q.status } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    limit: q.limit ?? 200,
  })) as Sheet[];
  return { items: sheets.map((a) => view(actor, a, p)) };
}

export async function getSheet(deps: AppDeps, actor: Actor, id: string) {
  requireStaff(actor);
  const { a, p } = await visibleSheet(deps, actor, id);
  return view(actor, a, p);
}

function wrongStep(status: AppraisalStatus): never {
  const [zh, en] = APPRAISAL_STATUS_LABELS[status];
  throw new DomainError('APPRAISAL_WRONG_STEP', 'id', { status: zh, statusEn: en });
}

/** The supervisor's comment (again until the person acknowledges); the person is told. */
export async function commentSheet(deps: AppDeps, actor: Actor, id: string, comment: string) {
  requireCapability(actor, 'appraisal.write');
  const { a, p } = await visibleSheet(deps, actor, id);
  if (a.staffId === actor.id) throw new DomainError('FORBIDDEN', undefined, { capability: 'appraisal.write' });
  if (!appraisalStepAllowed(a.status, 'comment')) wrongStep(a.status);
  const now = deps.now();
  const set = { status: 'commented' as const, comment, commentedBy: actor.id, commentedAt: now };
  const done = await inTransaction(deps.database, async (db) => {
    if (!(await updateAppraisal(db, id, ['draft', 'commented'], set))) return false;
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      recipientId: a.staffId,
      caseId: null,
      kind: 'appraisal_commented',
      data: { appraisalId: a.id, from: a.periodFrom, to: a.periodTo },
      createdAt: now,
      readAt: null,
    });
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'appraisal.commented',
      targetType: 'appraisal',
      targetId: a.id,
      projectId: null,
      detail: { staffId: a.staffId },
      at: now,
    });
    return true;
  });
  if (!done) wrongStep('acknowledged');
  return view(actor, { ...a, ...set }, p);
}

/** The person's own acknowledgement (确认) of a commented sheet; anyone else is told it does not exist. */
export async function acknowledgeSheet(deps: AppDeps, actor: Actor, id: string) {
  requireStaff(actor);
  const { a, p } = await visibleSheet(deps, actor, id);
  // the person's own step: to anyone else (even a supervisor who sees the sheet) there is nothing to acknowledge
  if (a.staffId !== actor.id) throw new DomainError('APPRAISAL_NOT_FOUND', 'id');
  if (!appraisalStepAllowed(a.status, 'acknowledge')) wrongStep(a.status);
  const now = deps.now();
  const set = { status: 'acknowledged' as const, acknowledgedAt: now };
  const done = await inTransaction(deps.database, async (db) => {
    if (!(await updateAppraisal(db, id, ['commented'], set))) return false;
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'appraisal.acknowledged',
      targetType: 'appraisal',
      targetId: a.id,
      projectId: null,
      detail: {},
      at: now,
    });
    return true;
  });
  if (!done) wrongStep('acknowledged');
  return view(actor, { ...a, ...set }, p);
}
